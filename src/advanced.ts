/**
 * `attrition-sim/advanced` — helpers for experts, behind their own subpath so that the main
 * entry stays the short list of verbs. Browser-safe: no Node built-ins here. Less stable than
 * the main entry: names here may move in a minor version (CHANGELOG.md says where).
 *
 * - Sensitivity designs: the Saltelli design, Sobol estimators and bootstrap, the tornado and
 *   Spearman's rank correlation that `sensitivity()` is built from.
 * - Random streams keyed by (seed, …key) — the engine's own (DESIGN §4).
 * - Maths of distribution specs (`{ dist: "pert", … }`): `distQuantile`, `distMedian`,
 *   `distMean`, `distVariance`, `distSupport`, `distSample` — of a spec, not of a data array.
 * - Renderers of fan charts (SVG, Vega-Lite) and Jupyter MIME bundles for any projection-like data.
 * - Calibration and observation helpers: priors, the posterior predictive check (scores and
 *   baselines live in `attrition-sim/scoring`).
 * - Scenario helpers (the zod schema, deep merge, units) and constants.
 *
 * @example
 * import { createStream, distQuantile } from "attrition-sim/advanced";
 * distQuantile({ dist: "normal", mean: 10, sd: 2 }, 0.975); // 13.919927969080106
 * createStream(1, "my-analysis")(); // a uniform in (0, 1), the same for the same key
 * @module
 */
import { mean, median, quantile, sample, support, variance } from "./scenario/distribution-math.js";
import type { DistSpec } from "./scenario/dist-spec.js";

// --- Sensitivity designs -------------------------------------------------------------------------
export {
  saltelliDesign,
  sobolEstimates,
  sobolBootstrap,
  sobolIndices,
  type SobolEstimate,
  type SobolIndices,
  type FirstOrderEstimator,
  type DesignMatrix,
  type Interval,
  type MatrixSource,
} from "./analysis/sobol.js";
export { tornado, spearman, type TornadoRow, type TornadoOptions } from "./analysis/tornado.js";
export { parseTarget, type SensitivityTarget, type ValueTarget, type MonthsToTarget, type TargetOperator } from "./analysis/targets.js";
export { NOISE_FACTOR } from "./results/sensitivity.js";
export { DEFAULT_SOBOL_RUNS, DEFAULT_TORNADO_RUNS } from "./analysis/sensitivity-options.js";
export { sobolResultSchema, tornadoResultSchema } from "./output/sensitivity-json.js";

// --- Random streams ------------------------------------------------------------------------------
export { createStream, fillUniform, fillStandardNormal, type Stream, type Uniform } from "./engine/rng.js";

// --- Distribution specs --------------------------------------------------------------------------
export { distSpecSchema } from "./scenario/distributions.js";
export type { DistSpec } from "./scenario/dist-spec.js";

/**
 * The quantile (inverse CDF) F⁻¹(p) of a distribution spec, for p in [0, 1] (closed forms and
 * inverses in src/scenario/distribution-math.ts). Of a spec — not the quantile of a data array.
 * @example
 * distQuantile({ dist: "normal", mean: 10, sd: 2 }, 0.975); // 13.919927969080106
 * distQuantile({ dist: "uniform", min: 0, max: 4 }, 0.25); // 1
 */
export function distQuantile(spec: DistSpec, p: number): number {
  return quantile(spec, p);
}

/**
 * The median F⁻¹(½) of a distribution spec.
 * @example
 * distMedian({ dist: "lognormal", mu: 0, sigma: 1 }); // 1
 */
export function distMedian(spec: DistSpec): number {
  return median(spec);
}

/**
 * The mean E[X] of a distribution spec, in closed form (truncated normals included).
 * @example
 * distMean({ dist: "pert", min: 0, mode: 1, max: 4 }); // 1.3333333333333333
 */
export function distMean(spec: DistSpec): number {
  return mean(spec);
}

/**
 * The variance Var[X] of a distribution spec, in closed form.
 * @example
 * distVariance({ dist: "uniform", min: 0, max: 6 }); // 3
 */
export function distVariance(spec: DistSpec): number {
  return variance(spec);
}

/**
 * The support [lo, hi] of a distribution spec: the smallest interval holding every possible draw
 * (±Infinity for unbounded normals; [0, ∞) for lognormals).
 * @example
 * distSupport({ dist: "beta", alpha: 2, beta: 3 }); // [0, 1]
 */
export function distSupport(spec: DistSpec): [number, number] {
  return support(spec);
}

/**
 * One draw from a distribution spec: `distQuantile(spec, uniform())`, a monotone function of a
 * single uniform (common random numbers and sensitivity analysis rely on it).
 * @example
 * distSample({ dist: "triangular", min: 0, mode: 1, max: 3 }, createStream(1, "example")); // a number in [0, 3]
 */
export function distSample(spec: DistSpec, uniform: () => number): number {
  return sample(spec, uniform);
}

// --- Renderers -----------------------------------------------------------------------------------
export { fanChartData, SERIES_DISPLAY, type ChartableProjection } from "./output/fan-chart-data.js";
export { fanChartSvg, renderFanChart } from "./output/fan-chart-svg.js";
export { fanChartSpec, chartSpec, VEGA_LITE_SCHEMA } from "./output/vega.js";
export { projectionMimeBundle, comparisonMimeBundle, type DisplayableProjection, type DisplayableComparison } from "./output/display.js";

// --- Calibration, observations -----------------------------------------------------------------
export { CALIBRATION_PRIORS } from "./analysis/observations.js";
export { predictiveCheck, monthlyPaths, type MonthlyPaths, type KeptPaths } from "./analysis/predictive.js";

// --- Scenarios -----------------------------------------------------------------------------------
export { scenarioSchema, dynamicsSchema } from "./scenario/schema.js";
export { deepMerge, toScenarioInput, isParsedScenario } from "./scenario/parse.js";
export { articleScenario, CLAIMS_BIAS_POINT } from "./scenario/article-scenario.js";
export { DEFAULT_CALIBRATED_PARAMETERS } from "./analysis/observations.js";
export { provenanceSchema, describeProvenance } from "./scenario/provenance.js";
export { parseQuantity, loadUnits, QuantityError, type Dimension } from "./scenario/units.js";
export { loadValidation } from "./util/lazy.js";

// --- Constants -----------------------------------------------------------------------------------
export { UKRAINE_AREA_KM2, DAYS_PER_MONTH, ARTICLE_PACE_KM2_PER_MONTH } from "./scenario/article.js";
export { BLOCK_SIZE } from "./engine/run.js";
export { DEFAULT_THRESHOLDS, MAX_HORIZON_MONTHS, MAX_STORE_BYTES } from "./engine/options.js";
export { SERIES_UNITS, ACCOUNTING, EXACT_RUNS, type AccountingName } from "./engine/store.js";
export { QUANTILE_KEYS, PROBABILITIES } from "./analysis/quantiles.js";
export { LIBRARY } from "./util/version.js";
