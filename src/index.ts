/**
 * attrition-sim — Monte Carlo projections of territory and force sizes in the Russia–Ukraine
 * war from the figures of one analysis article. Browser-safe: no Node built-ins here.
 */
export { InputError, ScenarioError, OptionsError, type InputIssue } from "./errors.js";
export { parseScenario, deepMerge, toScenarioInput, isParsedScenario } from "./scenario/parse.js";
export { scenarioSchema, type Scenario, type ScenarioInput, type Dynamics } from "./scenario/schema.js";
export { scenarioJsonSchema } from "./scenario/json-schema.js";
export { presets, presetNames, type PresetName, type ScenarioFile } from "./scenario/presets.js";
export { articleFacts, type ArticleFact, UKRAINE_AREA_KM2, DAYS_PER_MONTH, ARTICLE_PACE_KM2_PER_MONTH } from "./scenario/article.js";
export { baselineScenario, CLAIMS_BIAS_POINT } from "./scenario/baseline.js";
export { parameterTable, type ParameterRow } from "./scenario/parameter-table.js";
export { provenanceSchema, describeProvenance, type Provenance } from "./scenario/provenance.js";
export { distSpecSchema, quantile, median, mean, variance, sample, support, type DistSpec } from "./scenario/distributions.js";
export { parseQuantity, loadUnits, QuantityError, type Dimension } from "./scenario/units.js";
export { createStream, fillUniform, fillStandardNormal, type Uniform } from "./engine/rng.js";
export { simulate, simulateSync, BLOCK_SIZE } from "./engine/simulate.js";
export { type SimulateOptions, DEFAULT_THRESHOLDS, MAX_HORIZON_MONTHS, MAX_STORE_BYTES } from "./engine/options.js";
export { SERIES, SERIES_UNITS, ACCOUNTING, type SeriesName, type AccountingName, type RunStore } from "./engine/store.js";
export { Projection, type ProjectionJson, type SeriesSummary, type ComparisonOperator } from "./output/projection.js";
export { type EventSummary } from "./analysis/events.js";
export { meanField, type MeanFieldResult } from "./engine/mean-field.js";
export { projectionJsonSchema } from "./output/result-schema.js";
export { LIBRARY } from "./version.js";
export { compare, compareSync, Comparison, type CompareOptions, type ComparisonJson, type EventShift } from "./analysis/compare.js";
export { fanChartSvg, renderFanChart, fanChartData, SERIES_DISPLAY, type SvgOptions, type FanChartData, type SeriesDisplay } from "./output/svg.js";
export { fanChartSpec, chartSpec, VEGA_LITE_SCHEMA, type VegaLiteSpec } from "./output/vega.js";
export { projectionMimeBundle, comparisonMimeBundle, type MimeBundle } from "./output/display.js";
export { sensitivity, NOISE_FACTOR, type SensitivityOptions } from "./analysis/sensitivity.js";
export { DEFAULT_SOBOL_RUNS, DEFAULT_TORNADO_RUNS } from "./analysis/sensitivity-options.js";
export { parseTarget, type SensitivityTarget } from "./analysis/targets.js";
export { saltelliDesign, sobolEstimates, sobolBootstrap, sobolIndices, type SobolEstimate, type FirstOrderEstimator } from "./analysis/sobol.js";
export { tornado, spearman, type TornadoRow } from "./analysis/tornado.js";
export { sensitivityJsonSchema, type SensitivityResult, type TornadoResult, type SobolResult } from "./output/sensitivity-json.js";
export { sensitivityToCsv } from "./output/sensitivity-csv.js";
export { sensitivityToSvg } from "./output/sensitivity-svg.js";
export { mergeProjections, shardToText, projectionFromShard } from "./output/shard.js";
export { EXACT_RUNS, RunSummary } from "./engine/store.js";
export { calibrate, applyPosterior, type CalibrateOptions, type Calibration, type CalibrationDiagnostics, type PosteriorSpec } from "./analysis/calibrate.js";
export { observationsFromSeries, hindcastScenario, CALIBRATION_PRIORS, DEFAULT_CALIBRATED_PARAMETERS, type Observations, type MonthlySeries } from "./analysis/observations.js";
export { predictiveCheck, monthlyPaths, type PredictiveCheck, type PredictiveBand, type MonthlyPaths } from "./analysis/predictive.js";
export { runBacktest, straightLineForecast, type BacktestOptions, type BacktestResult } from "./analysis/backtest.js";
export { crpsSample, inCentralInterval } from "./analysis/crps.js";
