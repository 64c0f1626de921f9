/**
 * `attrition-sim/scoring` — score probabilistic forecasts as forecast hubs do (DESIGN §6, issue
 * 13): proper scores (CRPS from samples or quantiles, the weighted interval score with its
 * parts), interval coverage, PIT values and histograms with a uniformity check, bias; the naive
 * baselines to score against; the Diebold–Mariano test of two forecasters on overlapping
 * horizons; and the rolling-origin league table that scores any forecast function on the
 * shipped series (or a user's newer ones), each forecast from the data up to its origin.
 * Browser-safe: no Node built-ins.
 *
 * @example
 * import { crpsSample, weightedIntervalScore, sampleQuantiles, HUB_QUANTILE_LEVELS, inCentralInterval, pitSample } from "attrition-sim/scoring";
 * const samples = Float64Array.from({ length: 1000 }, (_, i) => 117_000 + i); // your forecast of the area, km²
 * const observed = 117_718.2;
 * crpsSample(samples, observed); // ≈ 131.2 km²
 * weightedIntervalScore(HUB_QUANTILE_LEVELS, sampleQuantiles(samples, HUB_QUANTILE_LEVELS), observed).wis; // ≈ 116.7 km²
 * inCentralInterval(samples, observed, 0.9); // true
 * pitSample(samples, observed, () => 0.5); // 0.719 (the share of draws below 117,718.2)
 */

// Scores and calibration checks and the naive baselines: src/analysis/scoring.ts is their one list.
export * from "./analysis/scoring.js";

// The paired test.
export { dieboldMariano, type DieboldMarianoTest } from "./analysis/diebold-mariano.js";
export { studentTTwoSided } from "./analysis/student-t.js";

// The rolling-origin league table.
export {
  runLeague,
  defaultLeagueOrigins,
  type LeagueOptions,
  type LeagueResult,
  type LeagueScore,
  type LeagueSummaryRow,
  type LeagueComparison,
} from "./analysis/league.js";
export { summarizeLeague } from "./analysis/league-summary.js";
export {
  LEAGUE_SERIES,
  LEAGUE_HORIZONS,
  LEAGUE_SERIES_INFO,
  FIRST_LEAGUE_ORIGIN,
  SHIPPED_LEAGUE_DATA,
  dataUpTo,
  baselineSeries,
  seriesMonths,
  valueAt,
  type LeagueData,
  type LeagueSeries,
  type LeagueSeriesInfo,
} from "./analysis/league-data.js";
export {
  baselineForecasters,
  calibratedHindcastForecaster,
  BACKTEST_CALIBRATION,
  type Forecaster,
  type ForecastRequest,
  type Forecast,
  type HindcastForecasterOptions,
  type BaselineForecasterOptions,
} from "./analysis/league-forecasters.js";

// The versioned result and its renderings.
export {
  backtestJsonSchema,
  backtestJsonSchemaDocument,
  backtestToJson,
  SHIPPED_SOURCES,
  type BacktestJson,
  type BacktestScoreJson,
  type BacktestSummaryRowJson,
  type BacktestComparisonJson,
} from "./output/backtest-json.js";
export { backtestToCsv, BACKTEST_CSV_COLUMNS } from "./output/backtest-csv.js";
export { formatBacktestTable } from "./output/backtest-format.js";
export { backtestPitSvg } from "./output/backtest-svg.js";

// What a forecaster's random draws and errors use.
export { createStream, type Stream, type Uniform } from "./engine/rng.js";
export { OptionsError, type InputIssue } from "./util/errors.js";
