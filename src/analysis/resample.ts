import { describeValue, OptionsError } from "../util/errors.js";

/**
 * Importance weights of a particle population: how many distinct particles they are worth (the
 * effective sample size) and systematic resampling. Pure functions over typed arrays; the random
 * source is the caller's (one uniform per resampling). Used by the particle filter (filter.ts).
 */

function fail(path: string, message: string): never {
  throw new OptionsError({ path, message });
}

/**
 * The effective sample size of importance weights given as logarithms (unnormalised; −Infinity
 * for a particle of weight 0): with w_i = exp(logWeights[i] − max), ESS = (Σ w_i)² / Σ w_i², from
 * 1 (one particle holds all the weight) to N (equal weights). Kong, Liu & Wong (1994, JASA
 * 89:278); the definition of R's pomp (`eff.sample.size`, src/pfilter.c: w²/ws). 0 when every
 * weight is 0 (pomp's value for a filtering failure).
 *
 * @throws {OptionsError} at `logWeights[i]` for NaN or +Infinity.
 * @example
 * effectiveSampleSize(new Float64Array([0, 0, 0, 0])); // 4
 * effectiveSampleSize(new Float64Array([0, -Infinity, -Infinity])); // 1
 * effectiveSampleSize(new Float64Array([Math.log(3), 0])); // 1.6 = (3 + 1)² / (9 + 1)
 */
export function effectiveSampleSize(logWeights: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < logWeights.length; i += 1) {
    const l = logWeights[i]!;
    if (Number.isNaN(l) || l === Infinity) fail(`logWeights[${i}]`, `expected a finite log-weight or -Infinity, got ${describeValue(l)}`);
    if (l > max) max = l;
  }
  if (max === -Infinity) return 0;
  let sum = 0,
    sumOfSquares = 0;
  for (let i = 0; i < logWeights.length; i += 1) {
    const w = Math.exp(logWeights[i]! - max);
    sum += w;
    sumOfSquares += w * w;
  }
  return (sum * sum) / sumOfSquares;
}

/**
 * Systematic resampling (Kitagawa 1996, J. Comput. Graph. Stat. 5:1; Carpenter, Clifford &
 * Fearnhead 1999, IEE Proc. Radar Sonar Navig. 146:2): M = `out.length` ancestors from weights
 * w_0 … w_{N−1} (≥ 0, unnormalised, e.g. exp(logWeight − max)) with one uniform u ∈ [0, 1).
 * With C_i = (w_0 + … + w_i) / Σ w, draw j takes the particle i whose interval [C_{i−1}, C_i)
 * holds (j + u) / M. So the ancestors come out ascending, a particle of weight 0 is never taken,
 * and particle i is taken ⌊M·w_i/Σw⌋ or ⌈M·w_i/Σw⌉ times (exactly M·w_i/Σw when that is an
 * integer): a low-noise scheme and the one usually preferred, for one uniform per resampling
 * (Doucet & Johansen 2009, on resampling schemes). That holds exactly for the cumulative sums as rounded to doubles; for the weights
 * themselves a count can be one off only if u lies within about M·N·2⁻⁵³ of a boundary (e.g. ten
 * weights 0.1 at u = 0, whose sums are not exact). R's pomp does the same
 * (src/resample.c, `nosort_resamp`, with its points at (j + 1 − u)/M). Deterministic given u.
 *
 * Written over scaled sums S_i = M·C_i and compared as `S_i − j ≤ u` rather than `j + u ≥ S_i`,
 * so that j + u is never rounded to the next integer.
 *
 * @throws {OptionsError} at `weights[i]` for a negative or non-finite weight, at `weights` when
 *   every weight is 0, at `u` outside [0, 1).
 * @example
 * systematicResample(new Float64Array([0.5, 0, 0.25, 0.25]), 0.5, new Int32Array(4)); // Int32Array [0, 0, 2, 3]
 * systematicResample(new Float64Array([1, 1, 1, 1]), 0, new Int32Array(4)); // Int32Array [0, 1, 2, 3]
 */
export function systematicResample(weights: ArrayLike<number>, u: number, out: Int32Array): Int32Array {
  if (typeof u !== "number" || !(u >= 0 && u < 1)) fail("u", `expected a uniform number in [0, 1), got ${describeValue(u)}`);
  let total = 0,
    last = -1;
  for (let i = 0; i < weights.length; i += 1) {
    const w = weights[i]!;
    if (!(w >= 0) || w === Infinity) fail(`weights[${i}]`, `expected a finite weight ≥ 0, got ${describeValue(w)}`);
    total += w;
    if (w > 0) last = i;
  }
  if (last < 0) fail("weights", `expected at least one weight > 0, got ${weights.length === 0 ? "none" : "only zeros"}`);
  if (!Number.isFinite(total)) fail("weights", `expected weights whose sum is finite, got ${total}`);
  const draws = out.length;
  // `last` stops the walk at the last particle of positive weight, whatever the rounding of S.
  let i = 0,
    cumulative = weights[0]!,
    scaled = (cumulative * draws) / total;
  for (let j = 0; j < draws; j += 1) {
    while (i < last && scaled - j <= u) {
      i += 1;
      cumulative += weights[i]!;
      scaled = (cumulative * draws) / total;
    }
    out[j] = i;
  }
  return out;
}
