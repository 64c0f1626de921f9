/**
 * Order statistics of a Float32Array without sorting all of it: the values at a few ranks,
 * exactly as a full ascending sort would give them. One pass maps each value to its
 * order-preserving 32-bit key (as the radix sort does) and bins the keys into at most
 * {@link BINS} equal ranges (a power of two wide) from the smallest; the bin of each wanted rank follows from
 * the bin counts, and only those bins are gathered and sorted. A summary needs ≈ 30 ranks of
 * 10,000 values: this reads them three times instead of sorting them (bench: W1 summaries).
 * NaN must not occur (the engine never produces it).
 */

import { bitsOfKey, keyOfBits } from "./radix-sort.js";

const BINS = 4096;

/** Reusable buffers for {@link selectRanks}, sized for `capacity` values (they grow as needed). */
export class SelectScratch {
  keys: Uint32Array;
  gathered: Uint32Array;
  readonly counts = new Uint32Array(BINS + 1);
  readonly needed = new Uint8Array(BINS);
  readonly next = new Uint32Array(BINS);
  constructor(capacity: number) {
    this.keys = new Uint32Array(capacity);
    this.gathered = new Uint32Array(capacity);
  }
}

const floatView = new Float32Array(1);
const bitsView = new Uint32Array(floatView.buffer);

/** The float whose order-preserving key is `k`. */
function valueOfKey(k: number): number {
  bitsView[0] = bitsOfKey(k);
  return floatView[0]!;
}

/**
 * The values of `values` at the 0-based ascending `ranks` (each in [0, n)), in the order of
 * `ranks`; `values` is left as it is.
 * @example
 * selectRanks(Float32Array.of(5, -1, 3, 2), [0, 2, 3], new SelectScratch(4)); // Float64Array [-1, 3, 5]
 */
export function selectRanks(values: Float32Array, ranks: readonly number[], scratch: SelectScratch): Float64Array {
  const n = values.length;
  const out = new Float64Array(ranks.length);
  if (n === 0) return out.fill(NaN);
  for (const r of ranks) if (!(Number.isInteger(r) && r >= 0 && r < n)) throw new RangeError(`rank ${r} is outside [0, ${n})`);
  if (scratch.keys.length < n) {
    scratch.keys = new Uint32Array(n);
    scratch.gathered = new Uint32Array(n);
  }
  const { keys, gathered, counts, needed, next } = scratch;
  const bits = new Uint32Array(values.buffer, values.byteOffset, n);
  let min = 0xffffffff,
    max = 0;
  for (let i = 0; i < n; i += 1) {
    const k = keyOfBits(bits[i]!);
    keys[i] = k;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  // Bin b holds keys with (k − min) >>> shift = b, the shift the smallest that leaves at most
  // BINS bins: monotone in k, so every key of a bin is below every key of the next, and a rank's
  // bin follows from the counts.
  let shift = 0;
  while ((max - min) / 2 ** shift >= BINS) shift += 1;
  counts.fill(0);
  for (let i = 0; i < n; i += 1) counts[((keys[i]! - min) >>> shift) + 1]! += 1;
  for (let b = 0; b < BINS; b += 1) counts[b + 1]! += counts[b]!; // counts[b] = first position of bin b
  needed.fill(0);
  for (const rank of ranks) {
    // The last bin starting at or before the rank is the one holding it (later bins start after it).
    let lo = 0,
      hi = BINS - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (counts[mid]! <= rank) lo = mid;
      else hi = mid - 1;
    }
    needed[lo] = 1;
  }
  // Gather the wanted bins' keys at their sorted positions, then sort each wanted bin's stretch.
  next.set(counts.subarray(0, BINS));
  for (let i = 0; i < n; i += 1) {
    const k = keys[i]!,
      b = (k - min) >>> shift;
    if (needed[b]) gathered[next[b]!++] = k;
  }
  for (let b = 0; b < BINS; b += 1) if (needed[b]) gathered.subarray(counts[b]!, counts[b + 1]!).sort();
  ranks.forEach((r, j) => {
    out[j] = valueOfKey(gathered[r]!);
  });
  return out;
}
