import type { Uniform } from "../engine/rng.js";
import { describeValue, OptionsError } from "../util/errors.js";
import { chiSquareSurvival } from "./chi-square.js";
import { checkFiniteArray, checkObserved, checkSamples } from "./scoring-checks.js";

/**
 * Calibration of sample forecasts: the probability integral transform (PIT), its histogram and
 * a chi-square check of uniformity, and bias — as R's scoringutils defines them (`pit_sample`,
 * `bias_sample`). If the forecasts F_t are the distributions the observations y_t come from,
 * the PIT values F_t(y_t) are uniform on (0, 1) (Dawid 1984; Gneiting, Balabdaoui & Raftery 2007).
 */

/** Counts of samples below and equal to y. */
function countBelowAndAt(samples: ArrayLike<number>, y: number): { below: number; at: number } {
  let below = 0;
  let at = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const x = samples[i]!;
    if (x < y) below += 1;
    else if (x === y) at += 1;
  }
  return { below, at };
}

/**
 * The (randomised) PIT value of the observation y under the sample forecast:
 *
 *   u = F(y⁻) + v · (F(y) − F(y⁻)),   F(y⁻) = #{x_i < y}/n,  F(y) = #{x_i ≤ y}/n,  v ~ U(0, 1)
 *
 * where the samples tie with y (integer-valued or compressed forecasts) the randomisation
 * spreads u over the jump of the empirical CDF, so that a calibrated forecast still gives
 * uniform PIT values; without ties u = F(y) and v has no effect. One uniform is read from
 * `uniform` on every call, tie or not, so a stream stays aligned whatever the data.
 *
 * Citation: Czado, Gneiting & Held (2009), Predictive model assessment for count data,
 * Biometrics 65(4) (the randomised PIT); scoringutils `pit_sample`, which applies it to
 * integer-valued samples as p(y − 1) + v·(p(y) − p(y − 1)) (Funk et al. 2019).
 * @throws {OptionsError} on no samples, a non-finite sample or observation, or a `uniform` that
 * is not a function returning numbers in [0, 1].
 * @example
 * pitSample(Float64Array.of(1, 2, 3, 4), 2.5, createStream(1, "pit")); // 0.5
 * pitSample(Float64Array.of(1, 2, 2, 3), 2, () => 0.5); // 0.25 + 0.5 · 0.5 = 0.5
 */
export function pitSample(samples: ArrayLike<number>, y: number, uniform: Uniform): number {
  checkSamples(samples);
  checkObserved(y);
  if (typeof uniform !== "function")
    throw new OptionsError({
      path: "uniform",
      message: `expected a uniform random source (createStream(seed, …)), got ${describeValue(uniform)}`,
    });
  const v = uniform();
  if (typeof v !== "number" || !(v >= 0 && v <= 1))
    throw new OptionsError({
      path: "uniform",
      message: `expected a uniform random source returning numbers in [0, 1], got ${describeValue(v)}`,
    });
  const { below, at } = countBelowAndAt(samples, y);
  return (below + v * at) / samples.length;
}

/** A PIT histogram: `counts[j]` values in [edges[j], edges[j + 1]) (the last bin includes 1). */
export interface PitHistogram {
  edges: number[];
  counts: number[];
}

/**
 * Histogram of PIT values on `bins` equal bins of [0, 1] (default 10). A calibrated forecaster's
 * histogram is flat; a ∪ shape says too narrow, a ∩ shape too wide, a slope biased (Gneiting,
 * Balabdaoui & Raftery 2007, Probabilistic forecasts, calibration and sharpness, JRSS B 69(2)).
 * @throws {OptionsError} on no values, a value outside [0, 1], or bins not a whole number ≥ 1.
 * @example
 * pitHistogram([0.05, 0.15, 0.55, 1], 2); // { edges: [0, 0.5, 1], counts: [2, 2] }
 */
export function pitHistogram(pitValues: ArrayLike<number>, bins = 10): PitHistogram {
  checkFiniteArray(pitValues, "pitValues", "PIT value");
  if (!Number.isInteger(bins) || bins < 1)
    throw new OptionsError({ path: "bins", message: `expected a whole number of bins ≥ 1, got ${describeValue(bins)}` });
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < pitValues.length; i += 1) {
    const u = pitValues[i]!;
    if (!(u >= 0 && u <= 1)) throw new OptionsError({ path: `pitValues[${i}]`, message: `expected a PIT value in [0, 1], got ${u}` });
    counts[Math.min(bins - 1, Math.floor(u * bins))]! += 1;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, j) => j / bins), counts };
}

/** Pearson's chi-square test that histogram counts come from equal bin probabilities. */
export interface ChiSquareTest {
  statistic: number;
  degreesOfFreedom: number;
  /** P(χ² ≥ statistic) under uniformity: small values are evidence against it. */
  pValue: number;
}

/**
 * Pearson's chi-square test of uniformity for a PIT histogram's counts c_1 … c_B (total N):
 *
 *   X² = Σ_j (c_j − N/B)² / (N/B),   p = P(χ²_{B−1} ≥ X²) = Q((B − 1)/2, X²/2)
 *
 * The χ² approximation wants expected counts N/B of about 5 or more. PIT values of forecasts
 * at overlapping horizons are not independent, which this test assumes: read its p-value as a
 * guide, not an exact level. (scoringutils uses the Anderson–Darling test on the PIT values;
 * this works on the histogram it is drawn from.)
 *
 * Citation: Pearson (1900), Phil. Mag. 50(302); the tail by the regularised incomplete gamma
 * (src/analysis/chi-square.ts).
 * @throws {OptionsError} on fewer than 2 bins, a negative or non-finite count, or a zero total.
 * @example
 * chiSquareUniformity([10, 10, 10, 10]); // { statistic: 0, degreesOfFreedom: 3, pValue: 1 }
 * chiSquareUniformity([40, 0, 0, 0]).pValue; // ≈ 7.7e-26 (X² = 120 on 3 degrees of freedom)
 */
export function chiSquareUniformity(counts: ArrayLike<number>): ChiSquareTest {
  checkFiniteArray(counts, "counts", "count");
  const bins = counts.length;
  if (bins < 2) throw new OptionsError({ path: "counts", message: `expected at least 2 bins, got ${bins}` });
  let total = 0;
  for (let j = 0; j < bins; j += 1) {
    if (counts[j]! < 0) throw new OptionsError({ path: `counts[${j}]`, message: `expected a count ≥ 0, got ${counts[j]}` });
    total += counts[j]!;
  }
  if (!(total > 0)) throw new OptionsError({ path: "counts", message: "expected a positive total count, got 0" });
  const expected = total / bins;
  let statistic = 0;
  for (let j = 0; j < bins; j += 1) statistic += (counts[j]! - expected) ** 2 / expected;
  return { statistic, degreesOfFreedom: bins - 1, pValue: chiSquareSurvival(statistic, bins - 1) };
}

/**
 * Bias of a sample forecast for the observation y, scoringutils' definition for continuous
 * forecasts (`bias_sample`):
 *
 *   B = 1 − 2 · F(y),   F(y) = #{x_i ≤ y}/n
 *
 * in [−1, 1]: +1 when every sample lies above y (the forecast was too high), −1 when none does,
 * 0 ideally on average. (scoringutils documents F(y) as the share of samples below y and
 * computes it with ≤, as here.)
 *
 * Citation: Funk et al. (2019), Assessing the performance of real-time epidemic forecasts,
 * PLoS Comput Biol 15(2): e1006785; scoringutils `bias_sample`.
 * @throws {OptionsError} on no samples or a non-finite sample or observation.
 * @example
 * biasSample(Float64Array.of(1, 2, 3, 4), 2.5); // 0
 * biasSample(Float64Array.of(1, 2, 3, 4), 0); // 1 (all samples above y)
 */
export function biasSample(samples: ArrayLike<number>, y: number): number {
  checkSamples(samples);
  checkObserved(y);
  const { below, at } = countBelowAndAt(samples, y);
  return 1 - (2 * (below + at)) / samples.length;
}
