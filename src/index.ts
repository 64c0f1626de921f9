/**
 * attrition-sim — Monte Carlo projections of territory and force sizes in the Russia–Ukraine
 * war from the figures of one analysis article. Browser-safe: no Node built-ins here.
 *
 * This entry holds the user's verbs and their types, and stays short (at most 40 runtime names,
 * test/api.test.ts). Helpers for experts — sensitivity designs, random streams, distribution
 * maths, chart renderers, calibration internals, constants — are in `attrition-sim/advanced`;
 * the observed series in `attrition-sim/data`; worker threads and the CLI in `attrition-sim/node`.
 *
 * @example
 * import { simulate } from "attrition-sim";
 * const projection = await simulate("baseline", { runs: 10_000, seed: 1 });
 * projection.probability("occupiedShare", ">=", 0.25, "2030-12");
 * @module
 */

// Run a scenario, compare two on the same random draws, the deterministic reference.
export { simulate, simulateSync } from "./results/simulate.js";
export { compare, compareSync, Comparison, type CompareOptions, type ComparisonJson } from "./results/comparison.js";
export { Projection, type ComparisonOperator, type ProjectionMeta } from "./results/projection.js";
export { meanField, type MeanFieldOptions, type MeanFieldResult } from "./engine/mean-field.js";
export type { SimulateOptions } from "./engine/options.js";
export type { RunMeta } from "./engine/run.js";
export type { CalendarMonth } from "./engine/calendar.js";
export { SERIES, type SeriesName, type RunStore } from "./engine/store.js";

// Scenarios: parse (presets, files, overrides), the parameters with their provenance.
export { parseScenario } from "./scenario/parse.js";
export { loadShippedPosterior } from "./engine/posterior.js";
export { presets, presetNames, type PresetName, type ScenarioFile } from "./scenario/presets.js";
export { parameterTable, type ParameterRow } from "./scenario/parameter-table.js";
export { articleFacts, type ArticleFact } from "./scenario/article.js";
export type { Scenario, ScenarioInput, Dynamics } from "./scenario/schema.js";
export type { DistSpec } from "./scenario/distributions.js";
export type { Provenance } from "./scenario/provenance.js";
export type { Parameter } from "./scenario/parameter.js";
export type { PerEventParameter } from "./scenario/parameter-list.js";

// Which assumptions drive the answer.
export { sensitivity, type SensitivityOptions } from "./results/sensitivity.js";
export { sensitivityToSvg } from "./output/sensitivity-svg.js";
export { sensitivityToCsv } from "./output/sensitivity-csv.js";
export type { SensitivityResult, TornadoResult, SobolResult } from "./output/sensitivity-json.js";

// Fit to the observed series (attrition-sim/data), and the rolling-origin backtest.
export {
  calibrate,
  applyPosterior,
  type CalibrateOptions,
  type Calibration,
  type CalibrationDiagnostics,
  type PosteriorSpec,
} from "./analysis/calibrate.js";
export { observationsFromSeries, hindcastScenario, type Observations, type MonthlySeries } from "./analysis/observations.js";
export {
  runBacktest,
  type BacktestOptions,
  type BacktestResult,
  type BacktestSummaryRow,
  type BacktestSeries,
  type ForecastScore,
} from "./analysis/backtest.js";
export type { AbcGeneration } from "./analysis/abc.js";
export type { ParameterFit } from "./analysis/posterior-summary.js";
export type { PredictiveCheck, PredictiveBand } from "./analysis/predictive.js";

// Forecast from the latest data: the particle filter over every observed month, then each
// filtered particle carried on (the observations: attrition-sim/data, or loadObservationsDir).
export {
  forecast,
  Forecast,
  type ForecastOptions,
  type ForecastJson,
  type ForecastParameters,
  type ForecastFilter,
  type ReportedSeries,
} from "./results/forecast.js";
export type { ObservationSet, ObservationSource, ObservedMonth, ObservedEstimateMonth } from "./data/observation-set.js";
export type { WeighedSource } from "./analysis/forecast-window.js";
export type { RefitLikelihoods, RefitProblem, RefitSettings } from "./analysis/forecast-refit.js";
export type { LikelihoodRequest } from "./analysis/inference-smc.js";
export type { DrawFilter, DrawRequest, DrawResult } from "./analysis/forecast-draw.js";
export type { FilteredPaths } from "./analysis/filter-forecast.js";
export type { BlockResult } from "./engine/block-result.js";
export type { BlockParameters } from "./engine/parameters.js";
export type { EconomistMonth, FilterObservations, PointEstimateObservation } from "./analysis/war-particles.js";

// Runs split over machines: shards of one run, merged exactly.
export { mergeProjections, shardToText, projectionFromShard } from "./results/shard.js";

// Schemas: of scenario files (JSON Schema) and of every result's JSON (zod; the types are z.infer).
export { scenarioJsonSchema } from "./scenario/json-schema.js";
export { projectionJsonSchema, comparisonJsonSchema, type ProjectionJson, type SeriesSummaryJson } from "./output/result-schema.js";
export { sensitivityJsonSchema } from "./output/sensitivity-json.js";

// Errors: every problem with user input is an InputError, with the field's path.
export { InputError, ScenarioError, OptionsError, type InputIssue } from "./util/errors.js";

// Types of what the verbs return (summaries, events, charts).
export type { SeriesSummary } from "./analysis/projection-summary.js";
export type { EventSummary } from "./analysis/events.js";
export type { EventShift } from "./analysis/paired.js";
export type { QuantileKey } from "./analysis/quantiles.js";
export type { FanChartData, FanLayer, FanBands, SeriesDisplay, ObservedHistory } from "./output/fan-chart-data.js";
export type { SvgOptions } from "./output/fan-chart-svg.js";
export type { VegaLiteSpec } from "./output/vega.js";
export type { MimeBundle } from "./output/display.js";
