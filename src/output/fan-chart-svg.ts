/**
 * Fan charts as standalone SVG text: 5–95 and 25–75 percentile bands and the median of one
 * series over dated months, for one scenario or several overlaid (a comparison), or for the
 * paired difference of two. No DOM: plain string building, so it runs in Node, Deno and
 * browsers alike, and the same input gives the same bytes. Readable at 800×450.
 */
import { OptionsError, describeValue } from "../util/errors.js";
import { fanChartData, type ChartableProjection, type FanChartData, type SeriesDisplay } from "./fan-chart-data.js";
import { escapeXml, fnv1a, FONT, niceTicks, PALETTE, px, tickLabels, timeTicks, yearAt } from "./svg-primitives.js";

/** Size and titles of a chart. */
export interface SvgOptions {
  /** Width in px, 320…4000 (default 800). */
  width?: number;
  /** Height in px, 240…4000 (default 450). */
  height?: number;
  /** Replaces the default title. */
  title?: string;
}

/** Check chart options; unknown keys and bad sizes are an `OptionsError` naming the field. */
export function resolveSvgOptions(options: unknown): { width: number; height: number; title?: string } {
  if (options === undefined) return { width: 800, height: 450 };
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new OptionsError({ path: "options", message: `expected an options object, got ${describeValue(options)}` });
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!["width", "height", "title"].includes(key))
      throw new OptionsError({ path: key, message: `expected one of width, height, title, got an unknown option` });
  }
  const size = (key: "width" | "height", fallback: number, min: number): number => {
    const v = o[key];
    if (v === undefined) return fallback;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > 4000)
      throw new OptionsError({ path: key, message: `expected an integer from ${min} to 4000, got ${describeValue(v)}` });
    return v;
  };
  if (o.title !== undefined && typeof o.title !== "string")
    throw new OptionsError({ path: "title", message: `expected a string, got ${describeValue(o.title)}` });
  return { width: size("width", 800, 320), height: size("height", 450, 240), title: o.title as string | undefined };
}

/** A value for the chart's description (screen readers): "25.1%", "712k", "+1.2k". */
function describe(display: SeriesDisplay, value: number, signed: boolean): string {
  const v = value * display.scale;
  const sign = signed && v > 0 ? "+" : "";
  if (display.tickSuffix === "%") return `${sign}${v.toFixed(1)}${signed ? " percentage points" : "%"}`;
  return `${sign}${Number(v.toPrecision(3))}k`;
}

interface LegendItem {
  kind: "line" | "band";
  color: string;
  opacity: number;
  text: string;
}

/** The colour of observed values on a chart (near black: the data, not a model). */
const OBSERVED_COLOR = "#111827";

/**
 * Draw a fan chart as a standalone SVG document (800×450 by default): title, subtitle, dated x
 * axis, unit-labelled y axis with grid lines, the 90% and 50% bands and the median of every
 * layer, and a legend. Deterministic text; every label escaped; `<title>` and `<desc>` for
 * assistive technology.
 * @example
 * renderFanChart(fanChartData([projection], "occupiedShare")).startsWith("<svg"); // true
 */
export function renderFanChart(data: FanChartData, options?: SvgOptions): string {
  const { width: W, height: H, title: customTitle } = resolveSvgOptions(options);
  const title = customTitle ?? data.title;
  const { display, months, layers } = data;
  const single = layers.length === 1;
  const colorOf = (i: number) => PALETTE[i % PALETTE.length]!;

  // Legend first: its rows decide the bottom margin.
  const items: LegendItem[] = [
    ...layers.map((l, i) => ({
      kind: "line" as const,
      color: colorOf(i),
      opacity: 1,
      text: single ? `Median${data.difference ? " difference" : ""} (${l.label})` : l.label,
    })),
    ...(data.observed ? [{ kind: "line" as const, color: OBSERVED_COLOR, opacity: 1, text: data.observed.label }] : []),
    { kind: "band", color: single ? colorOf(0) : "#6b7280", opacity: 0.35, text: "50% of paths (25th–75th pct.)" },
    { kind: "band", color: single ? colorOf(0) : "#6b7280", opacity: 0.16, text: "90% of paths (5th–95th pct.)" },
  ];
  const left = 72,
    right = 24,
    top = 64;
  const textWidth = (text: string, size: number) => [...text].length * size * 0.58;
  const rows: { item: LegendItem; x: number }[][] = [[]];
  let cursor = left;
  for (const item of items) {
    const w = 26 + textWidth(item.text, 12) + 20;
    if (cursor + w > W - right && rows.at(-1)!.length) {
      rows.push([]);
      cursor = left;
    }
    rows.at(-1)!.push({ item, x: cursor });
    cursor += w;
  }
  const bottom = 58 + rows.length * 20;
  const plotW = W - left - right,
    plotH = H - top - bottom;

  // Scales.
  const observed = data.observed;
  const t0 = observed?.months.length ? Math.min(yearAt(data.start, false), yearAt(observed.months[0]!, true)) : yearAt(data.start, false);
  const t1 = months.length ? yearAt(months.at(-1)!, true) : t0 + 1 / 12;
  const xs = months.map((m) => yearAt(m, true));
  const x = (t: number) => left + ((t - t0) / (t1 - t0)) * plotW;
  let lo = Infinity,
    hi = -Infinity;
  for (const l of layers)
    for (const key of ["p05", "p95", "p50"] as const)
      for (const v of l.bands[key])
        if (Number.isFinite(v)) {
          lo = Math.min(lo, v * display.scale);
          hi = Math.max(hi, v * display.scale);
        }
  for (const v of observed?.values ?? [])
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v * display.scale);
      hi = Math.max(hi, v * display.scale);
    }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (data.difference) [lo, hi] = [Math.min(lo, 0), Math.max(hi, 0)];
  const yTicks = niceTicks(lo, hi, Math.max(3, Math.min(8, Math.floor(plotH / 45))));
  const [y0, y1] = [yTicks[0]!, yTicks.at(-1)!];
  const y = (v: number) => top + plotH - ((v * display.scale - y0) / (y1 - y0)) * plotH;

  const id = `attrition-sim-${fnv1a(JSON.stringify([title, data.subtitle, W, H, months.length, layers.map((l) => [l.label, l.bands.p50])]))}`;
  const out: string[] = [];
  const desc = layers
    .map((l) => {
      const last = months.length - 1;
      const d = (v: number | undefined) => describe(display, v ?? NaN, data.difference);
      return `${l.label}: median ${d(l.bands.p50[0])} at ${months[0]}, ${d(l.bands.p50[last])} at ${months[last]}; 90% band at the end ${d(l.bands.p05[last])} to ${d(l.bands.p95[last])}.`;
    })
    .join(" ");
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(`${data.subtitle}. ${desc}`)}</desc>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${left}" y="26" font-size="18" font-weight="bold" fill="#111827">${escapeXml(title)}</text>`,
    `<text x="${left}" y="46" font-size="12" fill="#4b5563">${escapeXml(data.subtitle)}</text>`,
  );

  // Grid and y axis.
  const yLabels = tickLabels(yTicks, display.tickSuffix);
  out.push(`<g font-size="11" fill="#374151" text-anchor="end">`);
  yTicks.forEach((t, i) => {
    const py = px(top + plotH - ((t - y0) / (y1 - y0)) * plotH);
    const zero = data.difference && t === 0;
    out.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${py}" y2="${py}" stroke="${zero ? "#374151" : "#e5e7eb"}" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${py}" dy="0.32em">${escapeXml(yLabels[i]!)}</text>`,
    );
  });
  out.push(`</g>`);
  out.push(
    `<text transform="translate(16 ${px(top + plotH / 2)}) rotate(-90)" text-anchor="middle" font-size="12" fill="#374151">${escapeXml(display.axis)}</text>`,
  );

  // x axis.
  out.push(`<g font-size="11" fill="#374151" text-anchor="middle">`);
  for (const tick of timeTicks(t0, t1, Math.max(2, Math.min(12, Math.floor(plotW / 64))))) {
    const tx = px(x(tick.at));
    out.push(
      `<line x1="${tx}" x2="${tx}" y1="${px(top + plotH)}" y2="${px(top + plotH + 5)}" stroke="#6b7280"/>`,
      `<text x="${tx}" y="${px(top + plotH + 18)}">${escapeXml(tick.label)}</text>`,
    );
  }
  out.push(`</g>`);
  out.push(
    `<text x="${px(left + plotW / 2)}" y="${px(top + plotH + 38)}" text-anchor="middle" font-size="12" fill="#374151">${observed?.months.length ? `Date (values at each month's end; the forecast from ${escapeXml(data.start)})` : `Date (values at each month's end, from ${escapeXml(data.start)})`}</text>`,
  );

  // Bands, then medians on top.
  const band = (lower: readonly number[], upper: readonly number[]) => {
    const pts: string[] = [];
    xs.forEach((t, m) => {
      if (Number.isFinite(upper[m]!)) pts.push(`${px(x(t))},${px(y(upper[m]!))}`);
    });
    for (let m = xs.length - 1; m >= 0; m -= 1) if (Number.isFinite(lower[m]!)) pts.push(`${px(x(xs[m]!))},${px(y(lower[m]!))}`);
    return pts.length ? `M${pts.join("L")}Z` : "";
  };
  const line = (values: readonly number[]) => {
    let d = "",
      pen = "M";
    xs.forEach((t, m) => {
      if (Number.isFinite(values[m]!)) {
        d += `${pen}${px(x(t))},${px(y(values[m]!))}`;
        pen = "L";
      } else pen = "M";
    });
    return d;
  };
  out.push(`<g>`);
  layers.forEach((l, i) => {
    const name = escapeXml(l.label);
    out.push(
      `<path d="${band(l.bands.p05, l.bands.p95)}" fill="${colorOf(i)}" fill-opacity="0.16" stroke="none"><title>${name}: 5th–95th percentile</title></path>`,
      `<path d="${band(l.bands.p25, l.bands.p75)}" fill="${colorOf(i)}" fill-opacity="0.35" stroke="none"><title>${name}: 25th–75th percentile</title></path>`,
    );
  });
  layers.forEach((l, i) =>
    out.push(
      `<path d="${line(l.bands.p50)}" fill="none" stroke="${colorOf(i)}" stroke-width="2.25" stroke-linejoin="round"><title>${escapeXml(l.label)}: median</title></path>`,
    ),
  );
  if (observed?.months.length) {
    // The history, then a dot at each observed month end.
    const points = observed.months.map((m, k) => [x(yearAt(m, true)), observed.values[k]!] as const).filter(([, v]) => Number.isFinite(v));
    const label = escapeXml(observed.label);
    out.push(
      `<path d="M${points.map(([px0, v]) => `${px(px0)},${px(y(v))}`).join("L")}" fill="none" stroke="${OBSERVED_COLOR}" stroke-width="1.5"><title>${label}</title></path>`,
      ...points.map(([px0, v]) => `<circle cx="${px(px0)}" cy="${px(y(v))}" r="2.5" fill="${OBSERVED_COLOR}"/>`),
    );
  }
  out.push(`</g>`);
  out.push(`<path d="M${left},${top}V${top + plotH}H${left + plotW}" fill="none" stroke="#6b7280" stroke-width="1"/>`);

  // Legend.
  out.push(`<g font-size="12" fill="#111827">`);
  rows.forEach((row, r) => {
    const ly = top + plotH + 56 + r * 20;
    for (const { item, x: lx } of row) {
      out.push(
        item.kind === "line"
          ? `<line x1="${lx}" x2="${lx + 20}" y1="${ly - 4}" y2="${ly - 4}" stroke="${item.color}" stroke-width="2.25"/>`
          : `<rect x="${lx}" y="${ly - 11}" width="20" height="12" fill="${item.color}" fill-opacity="${item.opacity}"/>`,
      );
      out.push(`<text x="${lx + 26}" y="${ly}">${escapeXml(item.text)}</text>`);
    }
  });
  out.push(`</g>`, `</svg>`);
  return out.join("\n") + "\n";
}

/**
 * Fan chart of one series of one or several projections (overlaid, same calendar).
 * @example
 * fanChartSvg([baseline, noPledge], "dprkForce"); // "<svg …"
 */
export function fanChartSvg(projections: readonly ChartableProjection[], series?: unknown, options?: SvgOptions): string {
  const o = resolveSvgOptions(options);
  return renderFanChart(fanChartData(projections, series, o.title), o);
}
