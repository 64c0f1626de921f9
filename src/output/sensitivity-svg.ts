/**
 * Bar charts of a sensitivity result as standalone SVG text (no DOM; same input, same bytes):
 * a tornado — per parameter, the target's median among the paths in the bottom and in the top
 * 20% of its draws, as bars from the median of all paths — or Sobol first- and total-order
 * indices with their bootstrap intervals as whiskers. The largest `maxRows` rows are drawn.
 */
import { describeRun, describeRunParts, describeTarget, formatIndex, formatTargetShift, formatTargetValue } from "./sensitivity-format.js";
import type { SensitivityResult, SobolResult, TornadoResult } from "./sensitivity-json.js";
import { escapeXml, FONT, niceTicks, PALETTE, px } from "./svg-primitives.js";
import { withTypographicMinus } from "../util/format.js";

const W = 860,
  LEFT = 300,
  PLOT = 360,
  ROW = 26,
  TOP = 110;

interface Axis {
  lo: number;
  hi: number;
  ticks: number[];
  label: (v: number) => string;
}

function text(x: number, y: number, body: string, attrs = ""): string {
  return `<text x="${px(x)}" y="${px(y)}"${attrs ? ` ${attrs}` : ""}>${escapeXml(body)}</text>`;
}

/** Maps a value to its x coordinate, clamped to the axis. */
type Scale = (value: number) => number;

function frame(
  result: SensitivityResult,
  title: string,
  legend: [color: string, opacity: number, label: string][],
  rows: number,
  axis: Axis,
  axisTitle: string,
  draw: (x: Scale) => string[],
  notes: string[],
): string {
  const height = TOP + rows * ROW + 56 + notes.length * 16;
  const x: Scale = (v) => LEFT + ((Math.min(axis.hi, Math.max(axis.lo, v)) - axis.lo) / (axis.hi - axis.lo)) * PLOT;
  const bottom = TOP + rows * ROW;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="${FONT}" font-size="12" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(`${describeRun(result)}. Target: ${describeTarget(result.target)}.`)}</desc>`,
    `<rect width="${W}" height="${height}" fill="#ffffff"/>`,
    text(16, 24, title, `font-size="15" font-weight="bold" fill="#111827"`),
    text(16, 42, describeTarget(result.target), `fill="#374151"`),
    ...describeRunParts(result).map((part, i) => text(16, 58 + i * 13, part, `font-size="10.5" fill="#6b7280"`)),
  ];
  let lx = LEFT;
  for (const [color, opacity, label] of legend) {
    out.push(
      `<rect x="${px(lx)}" y="84" width="14" height="10" fill="${color}" fill-opacity="${opacity}"/>`,
      text(lx + 19, 93, label, `fill="#374151"`),
    );
    lx += 34 + [...label].length * 6.6;
  }
  for (const t of axis.ticks) {
    out.push(`<line x1="${px(x(t))}" y1="${TOP - 6}" x2="${px(x(t))}" y2="${bottom}" stroke="#e5e7eb"/>`);
    out.push(text(x(t), bottom + 16, axis.label(t), `text-anchor="middle" fill="#374151"`));
  }
  out.push(text(LEFT + PLOT / 2, bottom + 34, axisTitle, `text-anchor="middle" fill="#111827"`));
  out.push(...draw(x));
  notes.forEach((note, i) => out.push(text(16, bottom + 56 + i * 16, note, `font-size="10.5" fill="#6b7280"`)));
  out.push("</svg>");
  return out.join("\n") + "\n";
}

/** Display scale of the target's values on the axis. */
function targetScale(result: SensitivityResult): { scale: number; suffix: string; title: string } {
  const t = result.target;
  if (t.kind === "monthsTo") return { scale: 1, suffix: "", title: "Months (median of the paths in each group)" };
  if (t.series === "occupiedShare")
    return { scale: 100, suffix: "%", title: "Occupied share of Ukraine (%, median of the paths in each group)" };
  if (t.series === "occupiedKm2")
    return { scale: 1e-3, suffix: "", title: "Occupied area (thousand km², median of the paths in each group)" };
  return { scale: 1e-3, suffix: "k", title: "People (thousands, median of the paths in each group)" };
}

function tornadoSvg(result: TornadoResult, maxRows: number): string {
  const rows = result.tornado.parameters.slice(0, maxRows);
  const center = result.output.p50;
  const { scale, suffix, title } = targetScale(result);
  const values = [center, ...rows.flatMap((r) => [r.low, r.high])].map((v) => v * scale);
  const ticks = niceTicks(Math.min(...values), Math.max(...values), 6);
  const axis: Axis = { lo: ticks[0]!, hi: ticks.at(-1)!, ticks, label: (v) => `${withTypographicMinus(String(v))}${suffix}` };
  const share = Math.round(result.tornado.groupShare * 100);
  const shiftText = (v: number, unit = true) => formatTargetShift(result.target, v, unit);
  const draw = (x: Scale): string[] => {
    const body: string[] = [];
    const bar = (y: number, value: number, color: string) => {
      const a = x(Math.min(center, value) * scale),
        b = x(Math.max(center, value) * scale);
      return `<rect x="${px(a)}" y="${px(y)}" width="${px(b - a)}" height="9" fill="${color}"/>`;
    };
    rows.forEach((r, i) => {
      const y = TOP + i * ROW;
      body.push(text(LEFT - 8, y + 14, r.parameter, `text-anchor="end" fill="#111827"`));
      body.push(bar(y + 3, r.low, PALETTE[0]), bar(y + 13, r.high, PALETTE[1]));
      const shift = `${shiftText(r.shift)} [${shiftText(r.shiftInterval[0], false)}, ${shiftText(r.shiftInterval[1], false)}]`;
      body.push(text(LEFT + PLOT + 10, y + 14, `${shift}  ρs ${formatIndex(r.spearman)}`, `fill="#374151" font-size="11"`));
    });
    const cx = px(x(center * scale));
    body.push(`<line x1="${cx}" y1="${TOP - 6}" x2="${cx}" y2="${TOP + rows.length * ROW}" stroke="#111827" stroke-width="1.5"/>`);
    return body;
  };
  const left = result.tornado.parameters.length - rows.length;
  const fixed = `${result.tornado.constant.length} parameters do not vary in this run (fixed).`;
  const notes = [
    `Bars start at the median of all paths (${formatTargetValue(result.target, center)}); shift = top − bottom group median [${Math.round(result.options.level * 100)}% bootstrap interval]; ρs = Spearman rank correlation.`,
    left > 0 ? `${left} more parameters with smaller shifts are not drawn; ${fixed}` : fixed,
  ];
  return frame(
    result,
    `What moves the median: bottom vs top ${share}% of each parameter's draws`,
    [
      [PALETTE[0], 1, `bottom ${share}% of draws`],
      [PALETTE[1], 1, `top ${share}% of draws`],
    ],
    rows.length,
    axis,
    title,
    draw,
    notes,
  );
}

function sobolSvg(result: SobolResult, maxRows: number): string {
  const rows = result.sobol.factors.slice(0, maxRows);
  const axis: Axis = { lo: 0, hi: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], label: (v) => v.toFixed(1) };
  const light = PALETTE[0],
    dark = "#0b2f57";
  const draw = (x: Scale): string[] => {
    const body: string[] = [];
    const bar = (y: number, value: number | null, interval: [number, number] | null, color: string, opacity: number) => {
      if (value === null) return;
      body.push(
        `<rect x="${px(x(0))}" y="${px(y)}" width="${px(x(Math.max(0, value)) - x(0))}" height="9" fill="${color}" fill-opacity="${opacity}"/>`,
      );
      if (!interval) return;
      const [lo, hi] = interval.map((v) => px(x(v)));
      body.push(`<line x1="${lo}" y1="${px(y + 4.5)}" x2="${hi}" y2="${px(y + 4.5)}" stroke="#111827" stroke-width="1"/>`);
      for (const end of [lo, hi])
        body.push(`<line x1="${end}" y1="${px(y + 1.5)}" x2="${end}" y2="${px(y + 7.5)}" stroke="#111827" stroke-width="1"/>`);
    };
    rows.forEach((f, i) => {
      const y = TOP + i * ROW;
      const noise = f.kind === "noise";
      body.push(
        text(
          LEFT - 8,
          y + 14,
          noise ? "noise (the path's own chance)" : f.factor,
          `text-anchor="end" fill="#111827"${noise ? ` font-style="italic"` : ""}`,
        ),
      );
      bar(y + 3, f.first, f.firstInterval, light, 0.55);
      bar(y + 13, f.total, f.totalInterval, dark, 1);
      body.push(
        text(LEFT + PLOT + 10, y + 14, `first ${formatIndex(f.first)}  total ${formatIndex(f.total)}`, `fill="#374151" font-size="11"`),
      );
    });
    return body;
  };
  const left = result.sobol.factors.length - rows.length;
  const noise = result.sobol.factors.find((f) => f.kind === "noise");
  const sum = result.sobol.sumFirst;
  const notes = [
    `Share of the target's variance: first order = the factor alone; total = with all its interactions. Whiskers: ${Math.round(result.options.level * 100)}% bootstrap intervals.`,
    `Sum of first-order indices ${formatIndex(sum)}${sum !== null ? ` (the rest, ${formatIndex(1 - sum)}, comes from interactions)` : ""}.${left > 0 ? ` ${left} more factors with smaller totals are not drawn.` : ""}`,
    `noise: ${noise?.distribution ?? ""}.`,
  ];
  return frame(
    result,
    "Which assumptions drive the variance: Sobol indices",
    [
      [light, 0.55, "first order"],
      [dark, 1, "total order"],
    ],
    rows.length,
    axis,
    "Share of the variance",
    draw,
    notes,
  );
}

/**
 * Draw a sensitivity result as a standalone SVG bar chart (860 px wide; height by row count).
 * @example
 * sensitivityToSvg(await sensitivity("baseline", { target: "occupiedShare@2030-12", runs: 2000 })).startsWith("<svg"); // true
 */
export function sensitivityToSvg(result: SensitivityResult, options: { maxRows?: number } = {}): string {
  const maxRows = options.maxRows ?? 15;
  return result.method === "sobol" ? sobolSvg(result, maxRows) : tornadoSvg(result, maxRows);
}
