/**
 * Ensemble tornado, model-agnostic: from one Monte Carlo sample of (inputs, output) pairs, for
 * each input the shift in the output's median between the paths whose draws of that input fall
 * in its top and its bottom `share` (20% by default), with a percentile-bootstrap interval, and
 * Spearman's rank correlation as a second view. One run explains every input at once, but each
 * shift also carries the inputs that happen to co-vary with it in the sample (none, for
 * independent draws, up to sampling noise) — the variance-based view is in `sobol.ts`.
 */
import type { Uniform } from "../engine/rng.js";
import { quantileSorted } from "./quantiles.js";

/** One input's row of the tornado. */
export interface TornadoRow {
  name: string;
  /** Median of the input's draws in its bottom and top groups. */
  lowInput: number;
  highInput: number;
  /** Median output in the bottom and top groups. */
  low: number;
  high: number;
  /** high − low. */
  shift: number;
  /** Percentile-bootstrap interval of the shift. */
  shiftInterval: [number, number];
  /** Spearman's rank correlation between the input and the output (average ranks for ties). */
  spearman: number;
}

/** The median of `values` (copied, not modified). */
function medianOf(values: ArrayLike<number>): number {
  return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

/**
 * Ranks 1…n with ties given their average rank.
 * @example
 * averageRanks([10, 20, 20, 5]); // Float64Array [2, 3.5, 3.5, 1]
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j += 1;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t += 1) ranks[order[t]!] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Pearson correlation of two equal-length samples (0 when either is constant). */
function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0,
    my = 0;
  for (let i = 0; i < n; i += 1) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = x[i]! - mx,
      dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/**
 * Spearman's rank correlation (Pearson on average ranks); 0 when either sample is constant.
 * @example
 * spearman([1, 2, 3, 4], [10, 30, 20, 40]); // 0.8
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(averageRanks(x), averageRanks(y));
}

/** Median of `values[rows[r]]` over a resample, using `scratch` (length ≥ rows.length). */
function resampledMedian(values: Float64Array, rows: ArrayLike<number>, scratch: Float64Array, uniform: Uniform): number {
  const n = rows.length;
  for (let r = 0; r < n; r += 1) scratch[r] = values[rows[Math.min(n - 1, Math.floor(uniform() * n))]!]!;
  return quantileSorted(scratch.subarray(0, n).sort(), 0.5);
}

export interface TornadoOptions {
  /** Share of the draws in each of the bottom and top groups (default 0.2). */
  share?: number;
  /** Bootstrap resamples (default 200). */
  resamples?: number;
  /** Interval level (default 0.95). */
  level?: number;
  /** Uniform source for the bootstrap. */
  uniform: Uniform;
}

/**
 * Tornado rows for every input that varies, sorted by |shift| (largest first), and the names
 * of the inputs that do not vary. The bootstrap resamples each group separately (stratified).
 * @example
 * tornado({ a: xs, b: zs }, ys, { uniform: createStream(1, "tornado") }).rows[0].name;
 */
export function tornado(
  inputs: Readonly<Record<string, ArrayLike<number>>>,
  output: ArrayLike<number>,
  options: TornadoOptions,
): { rows: TornadoRow[]; constant: string[] } {
  const share = options.share ?? 0.2,
    resamples = options.resamples ?? 200,
    level = options.level ?? 0.95;
  const n = output.length;
  const groupSize = Math.max(1, Math.floor(share * n));
  const y = Float64Array.from(output);
  const rows: TornadoRow[] = [];
  const constant: string[] = [];
  const yRanks = averageRanks(y);
  const scratch = new Float64Array(groupSize);
  const shifts = new Float64Array(resamples);
  for (const [name, x] of Object.entries(inputs)) {
    let min = Infinity,
      max = -Infinity;
    for (let i = 0; i < n; i += 1) {
      min = Math.min(min, x[i]!);
      max = Math.max(max, x[i]!);
    }
    if (!(max > min)) {
      constant.push(name);
      continue;
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
    const bottom = order.slice(0, groupSize),
      top = order.slice(n - groupSize);
    const yLow = Float64Array.from(bottom, (i) => y[i]!),
      yHigh = Float64Array.from(top, (i) => y[i]!);
    const low = medianOf(yLow),
      high = medianOf(yHigh);
    const identity = Int32Array.from({ length: groupSize }, (_, i) => i);
    for (let b = 0; b < resamples; b += 1) {
      shifts[b] = resampledMedian(yHigh, identity, scratch, options.uniform) - resampledMedian(yLow, identity, scratch, options.uniform);
    }
    const sorted = shifts.slice().sort();
    const tail = (1 - level) / 2;
    rows.push({
      name,
      lowInput: medianOf(Float64Array.from(bottom, (i) => x[i]!)),
      highInput: medianOf(Float64Array.from(top, (i) => x[i]!)),
      low,
      high,
      shift: high - low,
      shiftInterval: [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)],
      spearman: pearson(averageRanks(x), yRanks),
    });
  }
  rows.sort((a, b) => Math.abs(b.shift) - Math.abs(a.shift) || Math.abs(b.spearman) - Math.abs(a.spearman) || (a.name < b.name ? -1 : 1));
  return { rows, constant };
}
