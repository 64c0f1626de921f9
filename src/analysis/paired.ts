/**
 * Paired summaries on common random numbers: path i of run a and path i of run b share every
 * keyed draw (DESIGN §4), so per-path differences isolate the effect of a change from Monte
 * Carlo noise (test/results/comparison.test.ts measures how much narrower they are).
 */
import type { RunStore, SeriesName } from "../engine/store.js";
import { summarizeMonths, type SeriesSummary } from "./projection-summary.js";
import { summarizeSample, type QuantileKey } from "./quantiles.js";

/** How the time to one `occupiedShare` threshold changes from `a` to `b`. */
export interface EventShift {
  series: SeriesName;
  threshold: number;
  /** Median months to the threshold in each scenario (null: not within the horizon). */
  medianMonths: { a: number | null; b: number | null };
  /** b's median minus a's (null when either is censored). */
  medianShift: number | null;
  /**
   * Paired shift in months, b − a, over the paths that reach the threshold in both scenarios
   * (`paths` of them); null statistics when there are none.
   */
  pairedShift: { paths: number; mean: number | null; p05: number | null; p50: number | null; p95: number | null };
  /** P(never within the horizon) in each scenario, the difference b − a and its paired standard error. */
  pNever: { a: number; b: number; difference: number; differenceSe: number };
  /** Path counts: reached in both, only in a, only in b, in neither. */
  paths: { both: number; onlyA: number; onlyB: number; neither: number };
}

/**
 * Per month: mean, quantiles and standard errors of the per-path difference b − a of one
 * series of two runs kept with their paths.
 */
export function pairedDifference(unit: string, a: RunStore, b: RunStore, series: keyof RunStore["series"]): SeriesSummary {
  const { runs, months } = a;
  const va = a.series[series],
    vb = b.series[series];
  const diff = new Float64Array(runs);
  return summarizeMonths(unit, months, (m) => {
    for (let i = 0; i < runs; i += 1) diff[i] = vb[m * runs + i]! - va[m * runs + i]!;
    return summarizeSample(diff);
  });
}

/** Paired first-passage comparison of threshold k (months are 1-based; Infinity = never). */
export function eventShift(
  threshold: number,
  pa: RunStore,
  pb: RunStore,
  k: number,
  medianA: number | null,
  medianB: number | null,
): EventShift {
  const { runs } = pa;
  const fa = pa.firstMonth.subarray(k * runs, (k + 1) * runs),
    fb = pb.firstMonth.subarray(k * runs, (k + 1) * runs);
  const shifts: number[] = [];
  let onlyA = 0,
    onlyB = 0,
    neither = 0;
  for (let i = 0; i < runs; i += 1) {
    const ra = Number.isFinite(fa[i]!),
      rb = Number.isFinite(fb[i]!);
    if (ra && rb) shifts.push(fb[i]! - fa[i]!);
    else if (ra) onlyA += 1;
    else if (rb) onlyB += 1;
    else neither += 1;
  }
  const s = shifts.length ? summarizeSample(Float64Array.from(shifts)) : undefined;
  const q = (key: QuantileKey) => (s ? s.quantiles[key] : null);
  // Never-indicator difference per path is +1 (only a reaches), −1 (only b reaches) or 0.
  const pNeverA = (onlyB + neither) / runs,
    pNeverB = (onlyA + neither) / runs;
  const meanD = (onlyA - onlyB) / runs;
  const varD = runs > 1 ? ((onlyA + onlyB) / runs - meanD * meanD) * (runs / (runs - 1)) : NaN;
  return {
    series: "occupiedShare",
    threshold,
    medianMonths: { a: medianA, b: medianB },
    medianShift: medianA === null || medianB === null ? null : medianB - medianA,
    pairedShift: { paths: shifts.length, mean: s ? s.mean : null, p05: q("p05"), p50: q("p50"), p95: q("p95") },
    pNever: { a: pNeverA, b: pNeverB, difference: pNeverB - pNeverA, differenceSe: runs > 1 ? Math.sqrt(Math.max(0, varD) / runs) : 0 },
    paths: { both: shifts.length, onlyA, onlyB, neither },
  };
}
