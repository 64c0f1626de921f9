import { OptionsError } from "../util/errors.js";
import { quantileSorted } from "./quantiles.js";
import {
  checkFiniteArray,
  checkIntervalLevel,
  checkObserved,
  checkQuantiles,
  checkSamples,
  findLevel,
  LEVEL_TOLERANCE,
} from "./scoring-checks.js";

/**
 * Central prediction intervals: the interval score, the weighted interval score (WIS) with its
 * decomposition, and interval coverage — as R's scoringutils defines them (`interval_score`,
 * `wis`, `interval_coverage`) after Gneiting & Raftery (2007) and Bracher et al. (2021).
 * A central interval at level 1 − α is bounded by the α/2 and 1 − α/2 quantiles.
 */

/**
 * The quantile levels of the COVID-19 Forecast Hub: the median and 11 central intervals (50%
 * … 98%), 23 levels in all — 0.01, 0.025, 0.05, 0.10, …, 0.95, 0.975, 0.99 (Cramer et al.
 * 2022, PNAS 119(15): e2113561119; Bracher et al. 2021).
 */
export const HUB_QUANTILE_LEVELS: readonly number[] = Object.freeze([
  0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99,
]);

/** A level rounded to 12 decimals: (1 − 0.9)/2 = 0.04999999999999999 becomes 0.05. */
function roundLevel(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}

/**
 * The quantile levels of the median and the central intervals at `intervals` (each in (0, 1)):
 * for each level L, (1 − L)/2 and (1 + L)/2, rounded to 12 decimals so that 0.9 gives 0.05 and
 * 0.95 exactly; ascending, with 0.5 in the middle.
 * @throws {OptionsError} on an interval level outside (0, 1) or a repeated level.
 * @example
 * centralIntervalLevels([0.5, 0.9]); // [0.05, 0.25, 0.5, 0.75, 0.95]
 */
export function centralIntervalLevels(intervals: readonly number[]): number[] {
  checkFiniteArray(intervals, "intervals", "interval level");
  const round = roundLevel;
  const sorted = [...intervals].sort((a, b) => b - a);
  sorted.forEach((level, i) => {
    checkIntervalLevel(level, "intervals");
    if (i > 0 && level === sorted[i - 1])
      throw new OptionsError({ path: "intervals", message: `expected distinct interval levels, got ${level} twice` });
  });
  return [...sorted.map((l) => round((1 - l) / 2)), 0.5, ...sorted.reverse().map((l) => round((1 + l) / 2))];
}

/**
 * Type-7 quantiles of `samples` at `levels` (R's default, src/analysis/quantiles.ts): a sample
 * forecast as a quantile forecast, e.g. for {@link weightedIntervalScore}.
 * @throws {OptionsError} on no samples, a non-finite sample, or levels outside (0, 1) or unsorted.
 * @example
 * sampleQuantiles(Float64Array.of(4, 1, 3, 2, 5), [0.25, 0.5, 0.75]); // Float64Array [2, 3, 4]
 */
export function sampleQuantiles(samples: ArrayLike<number>, levels: ArrayLike<number>): Float64Array {
  checkSamples(samples);
  checkQuantiles(levels, Float64Array.from(levels));
  const sorted = Float64Array.from(samples).sort();
  return Float64Array.from(levels, (p) => quantileSorted(sorted, p));
}

/** An interval score and its three parts (dispersion + overprediction + underprediction = score). */
export interface IntervalScoreParts {
  score: number;
  /** The interval's width (weighted, in the WIS). */
  dispersion: number;
  /** Penalty when the observation falls below the interval (the forecast was too high). */
  overprediction: number;
  /** Penalty when the observation falls above the interval (the forecast was too low). */
  underprediction: number;
}

/**
 * The interval score of the central interval [lower, upper] at level 1 − α for the
 * observation y (Gneiting & Raftery 2007, eq. 43; scoringutils `interval_score` with
 * `weigh = FALSE`), with its parts:
 *
 *   IS_α = (u − l) + (2/α)(l − y)·1{y < l} + (2/α)(y − u)·1{y > u}
 *          dispersion   overprediction        underprediction
 * @throws {OptionsError} on non-finite bounds, lower > upper, a level outside (0, 1) or a
 * non-finite observation.
 * @example
 * intervalScore(1, 3, 0.5, 4); // { score: 6, dispersion: 2, overprediction: 0, underprediction: 4 }
 */
export function intervalScore(lower: number, upper: number, level: number, y: number): IntervalScoreParts {
  checkObserved(lower, "lower");
  checkObserved(upper, "upper");
  if (upper < lower)
    throw new OptionsError({ path: "upper", message: `expected an upper bound not below the lower bound ${lower}, got ${upper}` });
  checkIntervalLevel(level);
  checkObserved(y);
  const alpha = 1 - level;
  const dispersion = upper - lower;
  const overprediction = y < lower ? (2 / alpha) * (lower - y) : 0;
  const underprediction = y > upper ? (2 / alpha) * (y - upper) : 0;
  return { score: dispersion + overprediction + underprediction, dispersion, overprediction, underprediction };
}

/** The weighted interval score and its parts (dispersion + overprediction + underprediction = wis). */
export interface WisParts {
  wis: number;
  dispersion: number;
  overprediction: number;
  underprediction: number;
}

/**
 * The weighted interval score of a quantile forecast — `values[i]` the quantile at
 * `levels[i]` — for the observation y (Bracher et al. 2021, eq. 3; scoringutils `wis` with
 * its defaults `weigh = TRUE`, `count_median_twice = FALSE`). The levels must be the median
 * and K central intervals (each level τ ≠ ½ paired with 1 − τ):
 *
 *   WIS = 1/(K + ½) · ( ½·|y − m| + Σ_k (α_k/2) · IS_{α_k}(l_k, u_k; y) )
 *
 * with m the median, [l_k, u_k] the central interval at level 1 − α_k and IS its interval
 * score ({@link intervalScore}). The parts are the same sums over the intervals' dispersion,
 * overprediction and underprediction (the median's |y − m| counting as over- or
 * underprediction), so they add up to the WIS. Equivalently WIS = 2/(2K + 1) · Σ over all 2K + 1
 * quantiles of the pinball loss; for many evenly spaced levels it tends to the CRPS.
 *
 * Citation: Bracher, Ray, Gneiting & Reich (2021), Evaluating epidemic forecasts in an interval
 * format, PLoS Comput Biol 17(2): e1008618.
 * @throws {OptionsError} on bad quantiles (see {@link crpsQuantiles}), no median, a level
 * without its partner 1 − τ, or a non-finite observation.
 * @example
 * weightedIntervalScore([0.25, 0.5, 0.75], [1, 2, 3], 4);
 * // { wis: 5/3, dispersion: 1/3, overprediction: 0, underprediction: 4/3 }
 */
export function weightedIntervalScore(levels: ArrayLike<number>, values: ArrayLike<number>, y: number): WisParts {
  checkQuantiles(levels, values);
  checkObserved(y);
  const n = levels.length;
  if (findLevel(levels, 0.5) < 0)
    throw new OptionsError({
      path: "levels",
      message: `expected the median (level 0.5) among the levels, got ${Array.from(levels).join(", ")}`,
    });
  // Paired ends to the middle: with 0.5 present this also puts the median at the middle index.
  for (let i = 0; i < n; i += 1) {
    const partner = n - 1 - i;
    if (Math.abs(levels[i]! + levels[partner]! - 1) >= LEVEL_TOLERANCE) {
      throw new OptionsError({
        path: `levels[${i}]`,
        message: `expected the levels of central intervals (each level τ with 1 − τ = ${1 - levels[i]!}), got ${levels[i]} without its partner`,
      });
    }
  }
  const middle = (n - 1) / 2;
  const median = values[middle]!;
  let dispersion = 0;
  let overprediction = y < median ? 0.5 * (median - y) : 0;
  let underprediction = y > median ? 0.5 * (y - median) : 0;
  for (let i = 0; i < middle; i += 1) {
    const alpha = levels[i]! + (1 - levels[n - 1 - i]!);
    const parts = intervalScore(values[i]!, values[n - 1 - i]!, 1 - alpha, y);
    dispersion += (alpha / 2) * parts.dispersion;
    overprediction += (alpha / 2) * parts.overprediction;
    underprediction += (alpha / 2) * parts.underprediction;
  }
  const scale = 1 / (middle + 0.5);
  dispersion *= scale;
  overprediction *= scale;
  underprediction *= scale;
  return { wis: dispersion + overprediction + underprediction, dispersion, overprediction, underprediction };
}

/**
 * Whether y lies in the central `level` interval of a quantile forecast, ends included
 * (scoringutils `interval_coverage`): l ≤ y ≤ u with l, u the quantiles at (1 − level)/2 and
 * (1 + level)/2, which must be among the levels. The mean over forecasts is the empirical
 * coverage, to compare with `level`.
 * @throws {OptionsError} on bad quantiles, a level outside (0, 1), either bound's level
 * missing, or a non-finite observation.
 * @example
 * intervalCoverageQuantiles([0.05, 0.25, 0.5, 0.75, 0.95], [1, 2, 3, 4, 5], 4.5, 0.5); // false (50%: 2…4)
 * intervalCoverageQuantiles([0.05, 0.25, 0.5, 0.75, 0.95], [1, 2, 3, 4, 5], 4.5, 0.9); // true (90%: 1…5)
 */
export function intervalCoverageQuantiles(levels: ArrayLike<number>, values: ArrayLike<number>, y: number, level: number): boolean {
  checkQuantiles(levels, values);
  checkIntervalLevel(level);
  checkObserved(y);
  const [lowerLevel, upperLevel] = [roundLevel((1 - level) / 2), roundLevel((1 + level) / 2)];
  const lo = findLevel(levels, lowerLevel);
  const hi = findLevel(levels, upperLevel);
  if (lo < 0 || hi < 0) {
    throw new OptionsError({
      path: "levels",
      message: `expected the levels ${lowerLevel} and ${upperLevel} for the ${roundLevel(100 * level)}% interval, got ${Array.from(levels).join(", ")}`,
    });
  }
  return y >= values[lo]! && y <= values[hi]!;
}

/**
 * Whether y lies in the central `level` interval of the samples: type-7 quantiles at
 * (1 − level)/2 and (1 + level)/2, ends included (scoringutils `interval_coverage_sample`,
 * which reads the samples' quantiles the same way).
 * @throws {OptionsError} on no samples, a non-finite sample or observation, or a level outside (0, 1).
 * @example
 * inCentralInterval(Float64Array.from({ length: 101 }, (_, i) => i), 50, 0.5); // true (25…75)
 */
export function inCentralInterval(samples: ArrayLike<number>, y: number, level: number): boolean {
  checkSamples(samples);
  checkObserved(y);
  checkIntervalLevel(level);
  const sorted = Float64Array.from(samples).sort();
  const lo = quantileSorted(sorted, (1 - level) / 2);
  const hi = quantileSorted(sorted, (1 + level) / 2);
  return y >= lo && y <= hi;
}
