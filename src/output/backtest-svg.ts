/**
 * PIT histograms of a backtest as standalone SVG text (no DOM; same input, same bytes): small
 * multiples, one panel per series (rows) × horizon (columns), with a candidate's histogram as
 * bars, the best baseline's of that panel as an outline and the flat line a calibrated
 * forecaster's histogram scatters around.
 */
import type { BacktestJson, BacktestSummaryRowJson } from "./backtest-json.js";
import { describeBacktest, formatHorizon, formatP } from "./backtest-format.js";
import { escapeXml, niceTicks, PALETTE } from "./svg-primitives.js";

const FONT = "DejaVu Sans, Liberation Sans, Helvetica, Arial, sans-serif";
const PANEL_W = 190,
  PANEL_H = 118,
  GAP_X = 26,
  GAP_Y = 62,
  LEFT = 160,
  TOP = 150;
const px = (v: number) => String(Math.round(v * 100) / 100 + 0);

function text(x: number, y: number, body: string, attrs = ""): string {
  return `<text x="${px(x)}" y="${px(y)}"${attrs ? ` ${attrs}` : ""}>${escapeXml(body)}</text>`;
}

/** Density of each bin relative to flat: count ÷ (n / bins); 1 everywhere is a flat histogram. */
const density = (row: BacktestSummaryRowJson) => {
  const n = row.pit.counts.reduce((a, b) => a + b, 0);
  return row.pit.counts.map((c) => (n > 0 ? (c * row.pit.counts.length) / n : 0));
};

/**
 * The PIT histograms of `forecaster` (default: the first candidate) and of the best baseline of
 * each series × horizon, as an SVG document.
 * @throws {Error} when the result has no such forecaster.
 * @example
 * backtestPitSvg(json).startsWith("<svg"); // true
 */
export function backtestPitSvg(json: BacktestJson, options: { forecaster?: string } = {}): string {
  const name = options.forecaster ?? json.forecasters.find((f) => f.role === "candidate")?.name ?? json.forecasters[0]?.name;
  if (!name || !json.forecasters.some((f) => f.name === name))
    throw new Error(
      `backtestPitSvg: expected a forecaster of the result (${json.forecasters.map((f) => f.name).join(", ")}), got ${JSON.stringify(options.forecaster)}`,
    );
  const series = json.data;
  const horizons = json.settings.horizons;
  const width = LEFT + horizons.length * (PANEL_W + GAP_X) + 10;
  const height = TOP + series.length * (PANEL_H + GAP_Y) - GAP_Y + 50;
  const cells = series.flatMap((d) =>
    horizons.map((h) => json.summary.find((r) => r.forecaster === name && r.series === d.series && r.horizon === h)),
  );
  const peak = Math.max(
    2,
    ...cells.flatMap((r) => (r ? density(r) : [])),
    ...json.comparisons
      .filter((c) => c.candidate === name)
      .flatMap((c) => {
        const b = json.summary.find((r) => r.forecaster === c.bestBaseline && r.series === c.series && r.horizon === c.horizon);
        return b ? density(b) : [];
      }),
  );
  const ticks = niceTicks(0, peak, 4).filter((t) => t >= 0);
  const top = ticks.at(-1)!;
  const title = `PIT histograms: ${name} against the best baseline`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="11" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(`Rolling-origin backtest, ${describeBacktest(json)}. One panel per series and horizon: the share of forecasts whose observation fell in each fifth of the forecast distribution, relative to a flat histogram.`)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(16, 24, title, `font-size="15" font-weight="bold" fill="#111827"`),
    text(16, 42, `Rolling-origin backtest: ${describeBacktest(json)}.`, `fill="#374151"`),
    text(
      16,
      58,
      "Bars: where each observation fell in the forecast distribution (PIT), relative to a flat histogram (dashed, 1).",
      `fill="#6b7280"`,
    ),
    text(
      16,
      72,
      "Outline: the panel's best baseline. ∪ = bands too narrow, ∩ = too wide, a slope = biased (observations above the forecasts pile up on the right).",
      `fill="#6b7280"`,
    ),
    `<rect x="16" y="88" width="14" height="10" fill="${PALETTE[0]}" fill-opacity="0.55"/>`,
    text(35, 97, name, `fill="#374151"`),
    `<rect x="${px(55 + [...name].length * 7)}" y="88" width="14" height="10" fill="none" stroke="${PALETTE[1]}" stroke-width="1.6"/>`,
    text(74 + [...name].length * 7, 97, "best baseline (named in each panel)", `fill="#374151"`),
  ];
  series.forEach((d, i) => {
    const y0 = TOP + i * (PANEL_H + GAP_Y);
    // The series' name in lines of at most ~18 characters, then its unit.
    const words = d.label.split(" ");
    const label: string[] = [];
    for (const w of words) {
      if (label.length && [...`${label.at(-1)} ${w}`].length <= 18) label[label.length - 1] += ` ${w}`;
      else label.push(w);
    }
    label.forEach((line, k) => out.push(text(16, y0 + PANEL_H / 2 - 7 * label.length + 14 * k, line, `font-weight="bold" fill="#111827"`)));
    out.push(text(16, y0 + PANEL_H / 2 + 7 * label.length, `(${d.unit})`, `fill="#6b7280"`));
    horizons.forEach((h, j) => {
      const x0 = LEFT + j * (PANEL_W + GAP_X);
      const row = json.summary.find((r) => r.forecaster === name && r.series === d.series && r.horizon === h);
      const cmp = json.comparisons.find((c) => c.candidate === name && c.series === d.series && c.horizon === h);
      const best = cmp
        ? json.summary.find((r) => r.forecaster === cmp.bestBaseline && r.series === d.series && r.horizon === h)
        : undefined;
      const y = (v: number) => y0 + PANEL_H - (Math.min(v, top) / top) * PANEL_H;
      out.push(`<rect x="${px(x0)}" y="${px(y0)}" width="${PANEL_W}" height="${PANEL_H}" fill="#f9fafb" stroke="#d1d5db"/>`);
      for (const t of ticks) {
        out.push(`<line x1="${px(x0)}" x2="${px(x0 + PANEL_W)}" y1="${px(y(t))}" y2="${px(y(t))}" stroke="#e5e7eb"/>`);
        if (j === 0) out.push(text(x0 - 5, y(t) + 4, String(t), `text-anchor="end" fill="#6b7280" font-size="10"`));
      }
      out.push(text(x0, y0 - 20, `${formatHorizon(h)} ahead${row ? ` · n = ${row.n}` : ""}`, `font-weight="bold" fill="#111827"`));
      if (!row) {
        out.push(text(x0 + PANEL_W / 2, y0 + PANEL_H / 2, "not scored", `text-anchor="middle" fill="#9ca3af"`));
        return;
      }
      out.push(
        text(x0, y0 - 7, `χ² ${formatP(row.pit.pValue)}${best ? ` · vs ${best.forecaster}` : ""}`, `fill="#6b7280" font-size="9.5"`),
      );
      const bins = row.pit.counts.length;
      const bw = PANEL_W / bins;
      density(row).forEach((v, k) => {
        out.push(
          `<rect x="${px(x0 + k * bw + 1.5)}" y="${px(y(v))}" width="${px(bw - 3)}" height="${px(y0 + PANEL_H - y(v))}" fill="${PALETTE[0]}" fill-opacity="0.55"/>`,
        );
      });
      if (best) {
        const pts = density(best).flatMap((v, k) => [`${px(x0 + k * bw)},${px(y(v))}`, `${px(x0 + (k + 1) * bw)},${px(y(v))}`]);
        out.push(`<polyline points="${pts.join(" ")}" fill="none" stroke="${PALETTE[1]}" stroke-width="1.6"/>`);
      }
      out.push(`<line x1="${px(x0)}" x2="${px(x0 + PANEL_W)}" y1="${px(y(1))}" y2="${px(y(1))}" stroke="#111827" stroke-dasharray="4 3"/>`);
      if (i === series.length - 1) {
        for (const [k, label] of [
          [0, "0"],
          [bins / 2, "0.5"],
          [bins, "1"],
        ] as const)
          out.push(text(x0 + k * bw, y0 + PANEL_H + 13, label, `text-anchor="middle" fill="#6b7280" font-size="10"`));
      }
    });
  });
  out.push(
    text(
      LEFT,
      height - 12,
      "PIT value: the forecast distribution's CDF at the observation (0 = below every draw, 1 = above every draw).",
      `fill="#6b7280"`,
    ),
  );
  out.push("</svg>");
  return out.join("\n") + "\n";
}
