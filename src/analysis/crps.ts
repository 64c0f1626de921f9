import { betaQuantile } from "../util/special-functions.js";
import { quantileSorted } from "./quantiles.js";

/**
 * Scores of a probabilistic forecast given as Monte Carlo samples, against one observed value.
 *
 * CRPS (continuous ranked probability score; Gneiting & Raftery 2007, eq. 21), in the unit of
 * the forecast, lower is better; for a point forecast it is the absolute error:
 *
 *   CRPS(F, y) = E|X − y| − ½ E|X − X'|
 *
 * evaluated on the empirical distribution of the n samples (the "NRG" form, E|X − X'| over all
 * n² pairs), in O(n log n) from the sorted samples: E|X − X'| = (2/n²) Σ_i (2i − n − 1) x_(i).
 */

/**
 * CRPS of the sample forecast `samples` for the observation `y` (see the module note).
 * @example
 * crpsSample(Float64Array.of(1, 2, 3), 2); // 2/9 ≈ 0.2222
 * crpsSample(Float64Array.of(5), 2); // 3 (a point forecast: the absolute error)
 */
export function crpsSample(samples: ArrayLike<number>, y: number): number {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0 || !Number.isFinite(y)) return NaN;
  let absError = 0;
  let spread = 0;
  for (let i = 0; i < n; i += 1) {
    absError += Math.abs(sorted[i]! - y);
    spread += (2 * (i + 1) - n - 1) * sorted[i]!;
  }
  return absError / n - spread / (n * n);
}

/**
 * Whether `y` lies in the central `level` interval of the samples (type-7 quantiles at
 * (1 − level)/2 and (1 + level)/2, ends included).
 * @example
 * inCentralInterval(Float64Array.from({ length: 101 }, (_, i) => i), 50, 0.5); // true (25…75)
 */
export function inCentralInterval(samples: ArrayLike<number>, y: number, level: number): boolean {
  const sorted = Float64Array.from(samples).sort();
  const lo = quantileSorted(sorted, (1 - level) / 2);
  const hi = quantileSorted(sorted, (1 + level) / 2);
  return y >= lo && y <= hi;
}

/**
 * Quantile of Student's t distribution with ν degrees of freedom, from the inverse regularized
 * incomplete beta: for p > ½, t = √(ν (1/b − 1)) with b = I⁻¹_{2(1−p)}(ν/2, ½).
 * @example
 * studentTQuantile(0.975, 2); // ≈ 4.3027
 */
export function studentTQuantile(p: number, dof: number): number {
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, dof);
  const b = betaQuantile(2 * (1 - p), dof / 2, 0.5);
  return b > 0 ? Math.sqrt(dof * (1 / b - 1)) : Infinity;
}

/**
 * `count` evenly spaced quantiles, at (k − ½)/count, of location + scale · t_ν: a deterministic
 * sample of a Student-t forecast, scored like the model's samples.
 * @example
 * studentTSample(0, 1, 10, 4).length; // 4
 */
export function studentTSample(location: number, scale: number, dof: number, count: number): Float64Array {
  return Float64Array.from({ length: count }, (_, k) => location + scale * studentTQuantile((k + 0.5) / count, dof));
}
