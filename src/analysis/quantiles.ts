import { sortedOrder } from "../util/radix-sort.js";

/**
 * Quantiles of Monte Carlo samples and their standard errors.
 *
 * Quantile: linear interpolation between order statistics (Hyndman–Fan type 7, as R's
 * default). Standard error of the p-quantile from order statistics (distribution-free):
 * half the distance between the order statistics at ranks n·p ± √(n·p·(1−p)) — the
 * binomial spread of the rank — which needs no density estimate.
 */

/** The probabilities reported for every series (DESIGN §4). */
export const PROBABILITIES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
export const QUANTILE_KEYS = ["p05", "p25", "p50", "p75", "p95"] as const;
export type QuantileKey = (typeof QUANTILE_KEYS)[number];

/**
 * Type-7 quantile of ascending `sorted` values.
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5); // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!,
    b = sorted[hi]!;
  const w = h - lo;
  // At a whole rank the neighbour has no weight — even when it is Infinity (a censored path).
  return w === 0 || a === b ? a : a + w * (b - a);
}

/**
 * Monte Carlo standard error of the p-quantile of `sorted` (see the module note).
 * @example
 * quantileStandardError(Float64Array.from({ length: 1001 }, (_, i) => i), 0.5); // ≈ 15.8
 */
export function quantileStandardError(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n < 2) return NaN;
  const spread = Math.sqrt(n * p * (1 - p));
  const lo = quantileSorted(sorted, Math.max(0, p - spread / n));
  const hi = quantileSorted(sorted, Math.min(1, p + spread / n));
  return (hi - lo) / 2;
}

/** Summary of one sample: mean and its standard error, and the five quantiles with theirs. */
export interface SampleSummary {
  mean: number;
  meanSe: number;
  quantiles: Record<QuantileKey, number>;
  quantileSe: Record<QuantileKey, number>;
}

/**
 * Summarise `values` (sorted in place).
 * @example
 * summarizeSample(Float64Array.of(3, 1, 2)).quantiles.p50; // 2
 */
export function summarizeSample(values: Float64Array): SampleSummary {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i += 1) sum += values[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i += 1) ss += (values[i]! - mean) ** 2;
  const meanSe = n > 1 ? Math.sqrt(ss / (n - 1) / n) : NaN;
  values.sort();
  const quantiles = {} as Record<QuantileKey, number>;
  const quantileSe = {} as Record<QuantileKey, number>;
  PROBABILITIES.forEach((p, j) => {
    quantiles[QUANTILE_KEYS[j]!] = quantileSorted(values, p);
    quantileSe[QUANTILE_KEYS[j]!] = quantileStandardError(values, p);
  });
  return { mean, meanSe, quantiles, quantileSe };
}

/**
 * Type-7 quantile of a weighted sample in which point j stands for w_j equal order statistics
 * (the compressed summaries): the virtual sample of Σw values, read without expanding it.
 * `order` holds the point indices sorted by value; `cumulative[j]` = Σ of weights of order[0…j].
 * @example
 * weightedQuantile(Float64Array.of(1, 3), Uint32Array.of(0, 1), Float64Array.of(2, 4), 0.5); // 3 (virtual 1,1,3,3)
 */
function weightedQuantile(values: ArrayLike<number>, order: ArrayLike<number>, cumulative: Float64Array, p: number): number {
  const n = cumulative[cumulative.length - 1]!;
  if (!(n > 0)) return NaN;
  const at = (rank: number): number => {
    // the first point whose cumulative weight exceeds the rank
    let lo = 0,
      hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > rank) hi = mid;
      else lo = mid + 1;
    }
    return values[order[lo]!]!;
  };
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = at(lo),
    w = h - lo;
  if (w === 0) return a;
  const b = at(Math.min(n - 1, lo + 1));
  return a === b ? a : a + w * (b - a);
}

/**
 * Summary of a sample given as values with optional weights (null = one path each) and its
 * sums Σx, Σx² (mean and its standard error come from the sums, so they are exact in both
 * modes). Quantiles and their standard errors as in {@link summarizeSample}.
 */
export function summarizeWeighted(
  values: Float64Array,
  weights: Float64Array | null,
  n: number,
  sum: number,
  sumSq: number,
  sorted = false,
): SampleSummary {
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : NaN;
  const meanSe = Math.sqrt(variance / n);
  const quantiles = {} as Record<QuantileKey, number>;
  const quantileSe = {} as Record<QuantileKey, number>;
  if (!weights) {
    if (!sorted) values.sort();
    PROBABILITIES.forEach((p, j) => {
      quantiles[QUANTILE_KEYS[j]!] = quantileSorted(values, p);
      quantileSe[QUANTILE_KEYS[j]!] = quantileStandardError(values, p);
    });
    return { mean, meanSe, quantiles, quantileSe };
  }
  // Compressed points are Float32 values: a radix sort of the permutation (stable, fast).
  const order = sortedOrder(Float32Array.from(values));
  const cumulative = new Float64Array(values.length);
  let total = 0;
  order.forEach((j, k) => {
    total += weights[j]!;
    cumulative[k] = total;
  });
  PROBABILITIES.forEach((p, j) => {
    const spread = n > 1 ? Math.sqrt(n * p * (1 - p)) / n : NaN;
    quantiles[QUANTILE_KEYS[j]!] = weightedQuantile(values, order, cumulative, p);
    quantileSe[QUANTILE_KEYS[j]!] =
      (weightedQuantile(values, order, cumulative, Math.min(1, p + spread)) -
        weightedQuantile(values, order, cumulative, Math.max(0, p - spread))) /
      2;
  });
  return { mean, meanSe, quantiles, quantileSe };
}
