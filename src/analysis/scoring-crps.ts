import { checkObserved, checkQuantiles, checkSamples } from "./scoring-checks.js";

/**
 * The continuous ranked probability score (CRPS; Gneiting & Raftery 2007), in the unit of the
 * forecast, lower is better; for a point forecast it is the absolute error. Two forms:
 *
 * - from Monte Carlo samples, {@link crpsSample}: the kernel form
 *     CRPS(F, y) = E|X − y| − ½ E|X − X'|                      (Gneiting & Raftery 2007, eq. 21)
 *   on the empirical distribution of the samples;
 * - from quantiles, {@link crpsQuantiles}: the quantile-score form
 *     CRPS(F, y) = ∫₀¹ QS_τ(F⁻¹(τ), y) dτ,  QS_τ(q, y) = 2 (1{y < q} − τ)(q − y)
 *   (twice the pinball loss; Gneiting & Ranjan 2011; Bracher et al. 2021, SI) integrated
 *   exactly for the piecewise-linear quantile function through the given quantiles.
 */

/**
 * CRPS of the sample forecast `samples` for the observation `y`: the kernel form on the n
 * samples' empirical distribution (the "NRG" form, E|X − X'| over all n² pairs), in
 * O(n log n) from the sorted samples, E|X − X'| = (2/n²) Σ_i (2i − n − 1) x_(i):
 *
 *   CRPS = (1/n) Σ_i |x_i − y| − (1/n²) Σ_i (2i − n − 1) x_(i)
 *
 * Citation: Gneiting & Raftery (2007), Strictly proper scoring rules, prediction, and
 * estimation, JASA 102(477), eq. 21.
 * @throws {OptionsError} on no samples, a non-finite sample or a non-finite observation.
 * @example
 * crpsSample(Float64Array.of(1, 2, 3), 2); // 2/9 ≈ 0.2222
 * crpsSample(Float64Array.of(5), 2); // 3 (a point forecast: the absolute error)
 */
export function crpsSample(samples: ArrayLike<number>, y: number): number {
  checkSamples(samples);
  checkObserved(y);
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  let absError = 0;
  let spread = 0;
  for (let i = 0; i < n; i += 1) {
    absError += Math.abs(sorted[i]! - y);
    spread += (2 * (i + 1) - n - 1) * sorted[i]!;
  }
  return absError / n - spread / (n * n);
}

/**
 * ∫ over [a, b] of 2 (q(τ) − y)(c − τ), q linear from qa to qb, c the fixed value of 1{y < q}
 * on the piece: a quadratic in τ, so Simpson's rule is exact.
 */
function quantileScoreIntegral(a: number, b: number, qa: number, qb: number, y: number, c: number): number {
  if (!(b > a)) return 0;
  const f = (tau: number, q: number) => 2 * (q - y) * (c - tau);
  const mid = (a + b) / 2;
  return ((b - a) / 6) * (f(a, qa) + 4 * f(mid, (qa + qb) / 2) + f(b, qb));
}

/** The piece [a, b] (q from qa to qb), split where q crosses y so 1{y < q} is fixed on each part. */
function segmentIntegral(a: number, b: number, qa: number, qb: number, y: number): number {
  if (qa < y && y < qb) {
    const cross = a + ((y - qa) / (qb - qa)) * (b - a);
    return quantileScoreIntegral(a, cross, qa, y, y, 0) + quantileScoreIntegral(cross, b, y, qb, y, 1);
  }
  const c = (qa + qb) / 2 > y ? 1 : 0;
  return quantileScoreIntegral(a, b, qa, qb, y, c);
}

/**
 * CRPS of a quantile forecast — `values[i]` the quantile at `levels[i]` — for the observation
 * `y`, by the quantile-score form CRPS = ∫₀¹ QS_τ(Q(τ), y) dτ with
 * QS_τ(q, y) = 2 (1{y < q} − τ)(q − y), integrated exactly (piece by piece; the integrand is
 * quadratic in τ between knots and crossings) for the quantile function Q that interpolates
 * the given quantiles linearly and is flat beyond the outermost ones (Q = q₁ below τ₁, q_n
 * above τ_n). That is the exact CRPS of the distribution with quantile function Q — the given
 * quantiles joined by uniform densities, with masses τ₁ at q₁ and 1 − τ_n at q_n — so it
 * tends to the forecast's CRPS as the levels fill (0, 1); with few levels it understates the
 * tails' spread. (For the hub's quantile-average approximation use the WIS.)
 *
 * Citation: Gneiting & Ranjan (2011), Comparing density forecasts using threshold- and
 * quantile-weighted scoring rules, JBES 29(3) (the CRPS as the integral of quantile scores);
 * Bracher et al. (2021), PLoS Comput Biol 17(2): e1008618, SI.
 * @throws {OptionsError} on empty or mismatched arrays, levels outside (0, 1) or not
 * increasing, decreasing values, or a non-finite observation.
 * @example
 * crpsQuantiles([0.5], [2], 4); // 2 (one quantile: a point forecast, the absolute error)
 * crpsQuantiles([0.25, 0.75], [0, 1], 0.5); // 7/48 ≈ 0.1458
 */
export function crpsQuantiles(levels: ArrayLike<number>, values: ArrayLike<number>, y: number): number {
  checkQuantiles(levels, values);
  checkObserved(y);
  const n = levels.length;
  let total = segmentIntegral(0, levels[0]!, values[0]!, values[0]!, y);
  for (let i = 0; i + 1 < n; i += 1) total += segmentIntegral(levels[i]!, levels[i + 1]!, values[i]!, values[i + 1]!, y);
  total += segmentIntegral(levels[n - 1]!, 1, values[n - 1]!, values[n - 1]!, y);
  return total;
}
