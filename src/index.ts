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
