import { summarizeRanks, type SampleSummary } from "./quantiles.js";

/**
 * Summaries read from a histogram: counts per slot in value order, each slot standing for one
 * value (`valueOf`) — the run sketches above EXACT_RUNS (engine/run-sketch.ts) and the
 * first-passage histograms. The histogram is read as the sample it stands for (count[j] copies
 * of valueOf(j), in slot order), without expanding it: rank r falls in the first slot whose
 * cumulative count exceeds r. Quantiles and their standard errors then follow the same type-7
 * and order-statistic rules as exact samples (quantiles.ts). From a sketch they carry its bucket
 * error (≤ α on the distance to the reference, sketch-layout.ts), and the standard errors —
 * half the distance between the bucket values at ranks n·p ± √(n·p·(1−p)) — are approximate.
 */
export interface RankedCounts {
  /** The number of values the counts stand for. */
  n: number;
  /** The value at rank r (0-based, ascending). */
  at(rank: number): number;
}

/** A rank reader over `counts` (slot j stands for valueOf(j)); counts in value order. */
export function rankCounts(counts: ArrayLike<number>, valueOf: (slot: number) => number): RankedCounts {
  // Only occupied slots: a run's values fill a few hundred of the thousands of slots.
  const slots: number[] = [],
    cumulative: number[] = [];
  let total = 0;
  for (let j = 0; j < counts.length; j += 1) {
    const c = counts[j]!;
    if (c === 0) continue;
    total += c;
    slots.push(j);
    cumulative.push(total);
  }
  const values = slots.map(valueOf);
  return {
    n: total,
    at(rank: number): number {
      let lo = 0,
        hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > rank) hi = mid;
        else lo = mid + 1;
      }
      return values[lo]!;
    },
  };
}

/**
 * Mean and its standard error from the exact sums; quantiles and their (approximate) standard
 * errors from the counts.
 * @example
 * summarizeCounts(Uint32Array.of(2, 0, 2), (j) => j, 4, 8).quantiles.p50; // 1 (virtual sample 0, 0, 2, 2)
 */
export function summarizeCounts(counts: ArrayLike<number>, valueOf: (slot: number) => number, sum: number, sumSq: number): SampleSummary {
  const ranked = rankCounts(counts, valueOf);
  return summarizeRanks(ranked.n, ranked.n, (rank) => ranked.at(rank), sum, sumSq);
}

/**
 * Share of the counted values whose slot value satisfies `test` (a slot counts whole: a bucket
 * that straddles the threshold is decided by its representative value).
 */
export function shareOfCounts(counts: ArrayLike<number>, valueOf: (slot: number) => number, test: (value: number) => boolean): number {
  let hits = 0,
    total = 0;
  for (let j = 0; j < counts.length; j += 1) {
    const c = counts[j]!;
    if (c === 0) continue;
    total += c;
    if (test(valueOf(j))) hits += c;
  }
  return hits / total;
}
