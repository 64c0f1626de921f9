import { betaQuantile, regularizedBeta } from "../util/special-functions.js";

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

/**
 * Two-sided tail of Student's t with ν degrees of freedom, P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½)
 * (the regularized incomplete beta; Abramowitz & Stegun 26.7.1 and 26.5.27).
 * @example
 * studentTTwoSided(4.302653, 2); // ≈ 0.05
 */
export function studentTTwoSided(t: number, dof: number): number {
  if (Number.isNaN(t)) return NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedBeta(dof / (dof + t * t), dof / 2, 0.5);
}
