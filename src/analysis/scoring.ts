/**
 * Proper scores and calibration checks for probabilistic forecasts — the index of the scoring
 * module (the future `attrition-sim/scoring` subpath; DESIGN §6, issue 13). Pure functions over
 * numbers and `ArrayLike<number>`; a forecast is either Monte Carlo samples or quantiles
 * (`levels` ascending in (0, 1), `values` the quantiles at them); bad input throws an
 * `OptionsError` (`path: expected …, got …`).
 *
 * - CRPS from samples and from quantiles: scoring-crps.ts
 * - interval score, weighted interval score (WIS) and its parts, coverage, hub levels: scoring-intervals.ts
 * - PIT values, PIT histograms, the chi-square uniformity check, bias: scoring-pit.ts
 * - naive baselines to score against (persistence, straight lines, the article's pace, the
 *   bootstrap, regime climatology), each reading a series only up to its origin: baselines*.ts
 *
 * Definitions as in R's scoringutils, after Gneiting & Raftery (2007) and Bracher et al. (2021).
 * @example
 * import { crpsSample, weightedIntervalScore, HUB_QUANTILE_LEVELS, sampleQuantiles } from "./scoring.js";
 * const q = sampleQuantiles(samples, HUB_QUANTILE_LEVELS);
 * weightedIntervalScore(HUB_QUANTILE_LEVELS, q, observed).wis; // ≈ crpsSample(samples, observed)
 */
export { crpsQuantiles, crpsSample } from "./scoring-crps.js";
export {
  centralIntervalLevels,
  HUB_QUANTILE_LEVELS,
  inCentralInterval,
  intervalCoverageQuantiles,
  intervalScore,
  sampleQuantiles,
  weightedIntervalScore,
  type IntervalScoreParts,
  type WisParts,
} from "./scoring-intervals.js";
export { biasSample, chiSquareUniformity, pitHistogram, pitSample, type ChiSquareTest, type PitHistogram } from "./scoring-pit.js";
export { chiSquareSurvival, regularizedGammaP, regularizedGammaQ } from "./chi-square.js";
export {
  articlePaceForecast,
  bootstrapForecast,
  persistenceForecast,
  straightLineBaseline,
  straightLineForecast,
  type BootstrapOptions,
} from "./baselines.js";
export {
  AREA_REGIME_THRESHOLD_KM2,
  fitRegimes,
  regimeClimatologyForecast,
  type RegimeFit,
  type RegimeOptions,
} from "./baselines-regime.js";
export { monthlySeries, type BaselineSeries, type MonthlyValue, type ResamplingOptions, type SeriesKind } from "./baselines-series.js";
