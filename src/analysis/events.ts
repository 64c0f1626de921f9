import type { SeriesName } from "../engine/store.js";
import { PROBABILITIES, QUANTILE_KEYS, quantileOfRanks, quantileSeOfRanks, type QuantileKey } from "./quantiles.js";
import { rankCounts } from "./sketch-summary.js";

/** Time-to-threshold summary: months from the start until a series first reaches a level. */
export interface EventSummary {
  series: SeriesName;
  threshold: number;
  /** Months to the event; null where the quantile falls among paths that never reach it (censored). */
  quantiles: Record<QuantileKey, number | null>;
  /** Monte Carlo standard errors of those quantiles (null where censored). */
  quantilesSe: Record<QuantileKey, number | null>;
  /** Share of paths that do not reach the threshold within the horizon. */
  pNever: number;
  /** Its Monte Carlo standard error, √(p(1−p)/n). */
  pNeverSe: number;
}

/**
 * Summarise first-passage months (Infinity = never within the horizon). A quantile that
 * needs a censored path is null: we do not know it, and say so.
 * @example
 * summarizeEvent("occupiedShare", 0.25, Float64Array.of(3, 5, Infinity, 8)).pNever; // 0.25
 */
export function summarizeEvent(series: SeriesName, threshold: number, firstMonths: Float64Array): EventSummary {
  const sorted = Float64Array.from(firstMonths).sort();
  const n = sorted.length;
  let never = 0;
  for (let i = 0; i < n; i += 1) if (sorted[i] === Infinity) never += 1;
  return eventOfRanks(series, threshold, n, (rank) => sorted[rank]!, never);
}

/**
 * The same summary from a histogram of first-passage months: `counts[m]` paths first reach the
 * threshold at month m (0 … horizon), `counts[horizon + 1]` never do. Months are integers, so
 * this is exact: the same numbers as {@link summarizeEvent} on the paths (test/analysis/events.test.ts).
 * @example
 * summarizeEventCounts("occupiedShare", 0.25, Uint32Array.of(0, 0, 0, 1, 0, 1, 0, 0, 1, 1)).pNever; // 0.25
 */
export function summarizeEventCounts(series: SeriesName, threshold: number, counts: ArrayLike<number>): EventSummary {
  const neverSlot = counts.length - 1;
  const ranked = rankCounts(counts, (m) => (m === neverSlot ? Infinity : m));
  return eventOfRanks(series, threshold, ranked.n, (rank) => ranked.at(rank), counts[neverSlot]!);
}

function eventOfRanks(series: SeriesName, threshold: number, n: number, at: (rank: number) => number, never: number): EventSummary {
  const quantiles = {} as Record<QuantileKey, number | null>;
  const quantilesSe = {} as Record<QuantileKey, number | null>;
  PROBABILITIES.forEach((p, j) => {
    const key = QUANTILE_KEYS[j]!;
    const q = quantileOfRanks(n, at, p);
    const se = quantileSeOfRanks(n, at, p);
    quantiles[key] = Number.isFinite(q) ? q : null;
    quantilesSe[key] = Number.isFinite(q) && Number.isFinite(se) ? se : null;
  });
  const pNever = never / n;
  return { series, threshold, quantiles, quantilesSe, pNever, pNeverSe: Math.sqrt((pNever * (1 - pNever)) / n) };
}
