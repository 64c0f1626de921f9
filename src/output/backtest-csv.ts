import type { BacktestJson } from "./backtest-json.js";
import { csvField } from "./csv.js";

/** The columns of {@link backtestToCsv}, in order. */
export const BACKTEST_CSV_COLUMNS = [
  "series",
  "horizon",
  "forecaster",
  "role",
  "n",
  "mean_wis",
  "dispersion",
  "overprediction",
  "underprediction",
  "mean_crps",
  "relative_wis",
  "coverage50",
  "coverage90",
  "mean_bias",
  "pit_chi_square_p",
  "best_baseline",
  "wins",
  "dm_statistic",
  "dm_p_value",
] as const;

/**
 * The league table as CSV (RFC 4180, CRLF): one row per series × horizon × forecaster with its
 * mean scores, coverage and PIT check; a candidate's row adds the best baseline, the origins it
 * won and the Diebold–Mariano statistic and p-value (empty for baselines, and where no test is
 * possible).
 * @example
 * backtestToCsv(json).split("\r\n")[0]; // "series,horizon,forecaster,role,n,mean_wis,…"
 */
export function backtestToCsv(json: BacktestJson): string {
  const rows: string[] = [BACKTEST_CSV_COLUMNS.join(",")];
  for (const r of json.summary) {
    const c =
      r.role === "candidate"
        ? json.comparisons.find((x) => x.candidate === r.forecaster && x.series === r.series && x.horizon === r.horizon)
        : undefined;
    const cells: (string | number | null)[] = [
      r.series,
      r.horizon,
      r.forecaster,
      r.role,
      r.n,
      r.meanWis,
      r.dispersion,
      r.overprediction,
      r.underprediction,
      r.meanCrps,
      r.relativeWis,
      r.coverage50,
      r.coverage90,
      r.meanBias,
      r.pit.pValue,
      c?.bestBaseline ?? null,
      c?.wins ?? null,
      c?.test.statistic ?? null,
      c?.test.pValue ?? null,
    ];
    rows.push(cells.map((v) => (v === null ? "" : csvField(v))).join(","));
  }
  return rows.join("\r\n") + "\r\n";
}
