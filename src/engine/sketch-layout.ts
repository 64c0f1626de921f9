/**
 * The bucket layout of the run sketches used above EXACT_RUNS (DESIGN §4: fixed-size mergeable
 * summaries). DDSketch-style buckets (Masson, Rim & Lee, VLDB 2019) on d = v − reference:
 *
 *   index i = ceil(log_γ(|d| / minMagnitude)),  γ = (1 + α) / (1 − α),
 *   representative of bucket i: reference ± minMagnitude · 2γ^i / (γ + 1),
 *
 * so every value is represented with a relative error ≤ α on its distance to the reference. The
 * reference is one number per series, the same for every block and shard (the series' t0 value
 * with every parameter at its median: sketch-reference.ts), so buckets resolve the change since
 * the start rather than the level — which is what keeps early months (narrow bands on a large
 * level) accurate (test/engine/sketch.test.ts measures it).
 *
 * The index range is fixed per series, so a sketch has a fixed size and merging is plain integer
 * addition of counts: exact and order-free. |d| ≤ minMagnitude counts in the zero bucket
 * (represented by the reference itself: absolute error ≤ minMagnitude); |d| beyond the range
 * (or a non-finite value) counts in an overflow bucket at each end, which is never silently
 * used: a quantile that falls in it is refused (RunSketch.checkRange).
 *
 * Slots of one series and month, in value order (so a rank walk is a walk over slots):
 *   0: negative overflow · 1 … K: negative buckets K … 1 · K + 1: zero · K + 2 … 2K + 1: positive
 *   buckets 1 … K · 2K + 2: positive overflow.
 */

/**
 * Relative accuracy α of a bucket: 0.25%. Chosen by the error measured against the exact
 * quantiles of the same paths (test/engine/sketch.test.ts, docs/performance.md): at 0.5% the
 * slow drift of a force far from its start (|d| ≫ the band) cost up to ≈ 0.4% of the band.
 */
export const SKETCH_ALPHA = 0.0025;

/**
 * Per series (SERIES order in store.ts): the smallest |v − reference| told from zero and the
 * largest kept. Units are the series' own. Shares are provably covered (both the value and the
 * reference lie in [0, 1], so |d| ≤ 1); areas up to 10⁷ km² (Ukraine is 603,550 km²); forces up
 * to 10⁹ people and cumulative losses up to 10¹⁰ — anything beyond is counted as overflow. The
 * smallest magnitudes are far below one Monte Carlo standard error of any reported quantile:
 * 0.01 km², 10⁻⁸ of the territory, 0.1 person.
 */
export const SKETCH_RANGES: readonly { min: number; max: number }[] = [
  { min: 0.01, max: 1e7 }, // occupiedKm2
  { min: 1e-8, max: 1 }, // occupiedShare
  { min: 0.1, max: 1e9 }, // russiaForce
  { min: 0.1, max: 1e9 }, // dprkForce
  { min: 0.1, max: 1e9 }, // ukraineForce
  { min: 0.1, max: 1e10 }, // russiaLosses
  { min: 0.1, max: 1e10 }, // dprkLosses
  { min: 0.1, max: 1e10 }, // ukraineLosses
  { min: 0.1, max: 1e10 }, // claimedLosses
];

/** The largest slot index must fit a Uint16 (a block's per-path slots: block-result.ts). */
const MAX_SLOTS = 65_536;

/** Everything a block needs to bucket its values, and a run to read them back. Plain data (posted to workers, written in shards). */
export interface SketchLayout {
  kind: "sketch";
  alpha: number;
  /** Per series: the reference the buckets are centred on. */
  reference: number[];
  /** Per series: |d| at or below it counts in the zero bucket. */
  minMagnitude: number[];
  /** Per series: buckets on each side of zero (K). */
  buckets: number[];
}

/** Buckets per side (K) for a magnitude range at accuracy α. */
export function bucketsFor(min: number, max: number, alpha: number): number {
  return Math.ceil(Math.log(max / min) / Math.log((1 + alpha) / (1 - alpha)));
}

/** The layout for references (one per series, SERIES order). */
export function sketchLayout(reference: readonly number[], alpha = SKETCH_ALPHA): SketchLayout {
  const buckets = SKETCH_RANGES.map((r) => bucketsFor(r.min, r.max, alpha));
  if (buckets.some((k) => 2 * k + 3 > MAX_SLOTS)) throw new Error(`internal: sketch of α = ${alpha} needs more than ${MAX_SLOTS} slots`);
  return { kind: "sketch", alpha, reference: [...reference], minMagnitude: SKETCH_RANGES.map((r) => r.min), buckets };
}

/** Slots per month of series `s` (2K + 3). */
export const slotCount = (layout: SketchLayout, s: number): number => 2 * layout.buckets[s]! + 3;

/** Bytes of a run sketch's counts (Uint32) for `months` months plus t0, independent of the references. */
export function sketchCountBytes(months: number, alpha = SKETCH_ALPHA): number {
  const slots = SKETCH_RANGES.reduce((n, r) => n + 2 * bucketsFor(r.min, r.max, alpha) + 3, 0);
  return slots * (months + 1) * Uint32Array.BYTES_PER_ELEMENT;
}

/**
 * Buckets values of series `s` into slots: a kernel over a typed array (one log per value).
 * `out[at + i]` = slot of `values[i]`.
 */
export function bucketValues(layout: SketchLayout, s: number, values: Float64Array, out: Uint16Array, at: number): void {
  const ref = layout.reference[s]!,
    min = layout.minMagnitude[s]!,
    k = layout.buckets[s]!;
  const perLog = 1 / Math.log((1 + layout.alpha) / (1 - layout.alpha));
  const zero = k + 1,
    top = 2 * k + 2;
  for (let i = 0; i < values.length; i += 1) {
    const d = values[i]! - ref;
    const a = d < 0 ? -d : d;
    if (a <= min) {
      out[at + i] = zero;
      continue;
    }
    const index = Math.max(1, Math.ceil(Math.log(a / min) * perLog));
    // NaN and ±Infinity fail `index <= k` and land in an overflow slot.
    if (!(index <= k)) out[at + i] = d < 0 ? 0 : top;
    else out[at + i] = d < 0 ? zero - index : zero + index;
  }
}

/**
 * The value a slot stands for: the reference plus the bucket's representative (relative error
 * ≤ α on |d|), the reference for the zero bucket, and ±Infinity for the overflow slots.
 */
export function slotValue(layout: SketchLayout, s: number, slot: number): number {
  const ref = layout.reference[s]!,
    k = layout.buckets[s]!;
  const zero = k + 1;
  if (slot === zero) return ref;
  if (slot <= 0) return -Infinity;
  if (slot >= 2 * k + 2) return Infinity;
  const gamma = (1 + layout.alpha) / (1 - layout.alpha);
  const index = slot > zero ? slot - zero : zero - slot;
  const magnitude = (layout.minMagnitude[s]! * 2 * Math.pow(gamma, index)) / (gamma + 1);
  return slot > zero ? ref + magnitude : ref - magnitude;
}
