import type { BacktestComparisonJson, BacktestJson, BacktestSummaryRowJson } from "./backtest-json.js";

/**
 * Plain-text renderings of an `attrition-sim/backtest@1` result: the league table per series
 * (what `attrition-sim backtest` prints by default) and the number formats the CSV, the SVG
 * and docs/backtest.md share.
 */

/** A value in a series' unit: thousands separated from 1,000 on, else three significant digits. */
export function formatScore(value: number): string {
  return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString("en-US") : Number(value.toPrecision(3)).toString();
}

/** A ratio to two decimals ("—" for null). */
export function formatRatio(value: number | null): string {
  return value === null ? "—" : value.toFixed(2);
}

/** A share as a whole percentage. */
export function formatShare(value: number): string {
  return `${Math.round(100 * value)}%`;
}

/** A p-value: "<0.001", else two significant digits ("—" for null). */
export function formatPValue(value: number | null): string {
  if (value === null) return "—";
  return value < 0.001 ? "<0.001" : Number(value.toPrecision(2)).toString();
}

/** "p = 0.046", "p < 0.001" ("no p-value" for null). */
export function formatP(value: number | null, name = "p"): string {
  if (value === null) return `no ${name}-value`;
  const text = formatPValue(value);
  return text.startsWith("<") ? `${name} < ${text.slice(1)}` : `${name} = ${text}`;
}

/** "1 mo", "12 mo". */
export const formatHorizon = (h: number) => `${h} mo`;

/** Left-align text columns (numbers right-aligned), two spaces apart. */
export function alignRows(rows: readonly (readonly string[])[], numeric: readonly boolean[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? "")].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => {
        const pad = " ".repeat(widths[c]! - [...cell].length);
        return numeric[c] ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}

/** The row of a summary for the table: forecaster, n, mean WIS, relative WIS, mean CRPS, coverage, PIT p. */
function summaryCells(r: BacktestSummaryRowJson): string[] {
  return [
    formatHorizon(r.horizon),
    r.role === "candidate" ? `* ${r.forecaster}` : `  ${r.forecaster}`,
    String(r.n),
    formatScore(r.meanWis),
    formatRatio(r.relativeWis),
    formatScore(r.meanCrps),
    formatShare(r.coverage50),
    formatShare(r.coverage90),
    formatPValue(r.pit.pValue),
  ];
}

/** One sentence on a candidate against the best baseline. */
export function describeComparison(c: BacktestComparisonJson): string {
  const t = c.test;
  const test = t.pValue === null ? `no test (${t.note})` : `Diebold–Mariano ${t.statistic!.toFixed(2)}, ${formatP(t.pValue)}`;
  return `${formatHorizon(c.horizon)}: relative WIS ${formatRatio(c.relativeWis)} against ${c.bestBaseline}; lower WIS at ${c.wins} of ${c.n} origins; ${test}`;
}

/** What was run, in one line. */
export function describeBacktest(json: BacktestJson): string {
  const o = json.settings.origins;
  return `${o.length} origins ${o[0]} … ${o.at(-1)}, horizons ${json.settings.horizons.join(", ")} months, seed ${json.settings.seed}`;
}

/**
 * The league table as plain text: per series, one row per horizon × forecaster (candidates
 * marked *), then each candidate against the best baseline.
 * @example
 * formatBacktestTable(json).split("\n")[0]; // "Rolling-origin backtest: 23 origins 2023-07 … 2025-05, horizons 1, 3, 6, 12 months, seed 1"
 */
export function formatBacktestTable(json: BacktestJson): string {
  const lines = [`Rolling-origin backtest: ${describeBacktest(json)}`];
  for (const f of json.forecasters.filter((x) => x.role === "candidate")) {
    const settings = Object.entries(f.settings)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    lines.push(`* ${f.name}: ${f.description}${settings ? ` (${settings})` : ""}`);
  }
  lines.push(
    "WIS and CRPS in the series' unit (lower is better); relative WIS = mean WIS ÷ the best baseline's; coverage of the central 50% and 90% intervals; PIT p = chi-square test of a flat PIT histogram.",
  );
  for (const d of json.data) {
    lines.push("", `${d.label} (${d.unit}), month-end value; data ${d.firstMonth} … ${d.lastMonth} from ${d.source}`);
    const rows = [["Horizon", "Forecaster", "n", "Mean WIS", "Rel. WIS", "Mean CRPS", "50%", "90%", "PIT p"]];
    for (const h of json.settings.horizons)
      for (const r of json.summary.filter((x) => x.series === d.series && x.horizon === h)) rows.push(summaryCells(r));
    lines.push(...alignRows(rows, [false, false, true, true, true, true, true, true, true]));
    for (const name of new Set(json.comparisons.map((c) => c.candidate))) {
      const mine = json.comparisons.filter((c) => c.candidate === name && c.series === d.series);
      if (mine.length) lines.push(`${name} against the best baseline:`, ...mine.map((c) => `  ${describeComparison(c)}`));
    }
  }
  return lines.join("\n") + "\n";
}
