import { selectRanks, type SelectScratch } from "../util/radix-select.js";
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
 * Type-7 quantile of `n` ascending values read by rank (0-based) — a sorted array, or a
 * histogram that stands for one without expanding it (sketch-summary.ts, events.ts).
 * @example
 * quantileOfRanks(4, (r) => r + 1, 0.5); // 2.5
 */
export function quantileOfRanks(n: number, at: (rank: number) => number, p: number): number {
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = at(lo),
    b = at(hi);
  const w = h - lo;
  // At a whole rank the neighbour has no weight — even when it is Infinity (a censored path).
  return w === 0 || a === b ? a : a + w * (b - a);
}

/**
 * Type-7 quantile of ascending `sorted` values.
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5); // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  return quantileOfRanks(sorted.length, (rank) => sorted[rank]!, p);
}

/**
 * Monte Carlo standard error of the p-quantile of `n` ascending values read by rank (see the
 * module note).
 * @example
 * quantileSeOfRanks(1001, (r) => r, 0.5); // ≈ 15.8
 */
export function quantileSeOfRanks(n: number, at: (rank: number) => number, p: number): number {
  if (n < 2) return NaN;
  const spread = Math.sqrt(n * p * (1 - p));
  const lo = quantileOfRanks(n, at, Math.max(0, p - spread / n));
  const hi = quantileOfRanks(n, at, Math.min(1, p + spread / n));
  return (hi - lo) / 2;
}

/**
 * Monte Carlo standard error of the p-quantile of `sorted` (see the module note).
 * @example
 * quantileStandardError(Float64Array.from({ length: 1001 }, (_, i) => i), 0.5); // ≈ 15.8
 */
export function quantileStandardError(sorted: ArrayLike<number>, p: number): number {
  return quantileSeOfRanks(sorted.length, (rank) => sorted[rank]!, p);
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
 * Summary of a sample and its sums Σx, Σx² (mean and its standard error come from the sums, as
 * in sketch mode: sketch-summary.ts). Quantiles and their standard errors as in
 * {@link summarizeSample}; `values` are sorted in place unless `sorted`.
 */
export function summarizeSorted(values: Float64Array, n: number, sum: number, sumSq: number, sorted = false): SampleSummary {
  if (!sorted) values.sort();
  return summarizeRanks(n, values.length, (rank) => values[rank]!, sum, sumSq);
}

/** The ranks {@link summarizeRanks} reads for `n` values (they depend on n alone), ascending. */
export function summaryRanks(n: number): number[] {
  const ranks = new Set<number>();
  summarizeRanks(n, n, (rank) => (ranks.add(rank), 0), 0, 0);
  return [...ranks].sort((a, b) => a - b);
}

/**
 * {@link summarizeSorted} of Float32 values without sorting them: only the order statistics the
 * summary reads are selected (util/radix-select.ts) — the same numbers (test/analysis/quantiles.test.ts).
 * @example
 * summarizeSelected(Float32Array.of(3, 1, 2), 6, 14, new SelectScratch(3)).quantiles.p50; // 2
 */
export function summarizeSelected(values: Float32Array, sum: number, sumSq: number, scratch: SelectScratch): SampleSummary {
  const n = values.length;
  const ranks = summaryRanks(n);
  const selected = selectRanks(values, ranks, scratch);
  const byRank = new Map(ranks.map((r, j) => [r, selected[j]!]));
  return summarizeRanks(n, n, (rank) => byRank.get(rank)!, sum, sumSq);
}

/**
 * Mean and its standard error from the sums of `n` values; quantiles and theirs from `ranked`
 * values read by rank (the count of values ranked, n for a whole run).
 */
export function summarizeRanks(n: number, ranked: number, at: (rank: number) => number, sum: number, sumSq: number): SampleSummary {
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : NaN;
  const meanSe = Math.sqrt(variance / n);
  const quantiles = {} as Record<QuantileKey, number>;
  const quantileSe = {} as Record<QuantileKey, number>;
  PROBABILITIES.forEach((p, j) => {
    quantiles[QUANTILE_KEYS[j]!] = quantileOfRanks(ranked, at, p);
    quantileSe[QUANTILE_KEYS[j]!] = quantileSeOfRanks(ranked, at, p);
  });
  return { mean, meanSe, quantiles, quantileSe };
}
