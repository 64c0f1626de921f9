/**
 * Exact, order-free sums of doubles: each addend is converted exactly to an integer multiple of
 * 2⁻¹⁰⁷⁴ (the smallest subnormal) and added as a BigInt, so the total is the exact sum whatever
 * the order or grouping of the additions — any split of a run into blocks, workers or shards
 * gives the same total, without keeping one sum per block (memory flat in runs). Reading it
 * rounds once (to 53 bits, deterministically). Used for the sketches' Σx and Σx² (run-sketch.ts);
 * a few thousand additions per block, small next to the block's simulation.
 */

const scratch = new DataView(new ArrayBuffer(8));

/** x as an exact integer multiple of 2⁻¹⁰⁷⁴. Finite x only (the engine's values always are). */
export function scaledExact(x: number): bigint {
  if (!Number.isFinite(x)) throw new Error(`internal: exact sum of a non-finite value (${x})`);
  if (x === 0) return 0n;
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0),
    lo = scratch.getUint32(4);
  const exponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  // Normal: (2⁵² + f) · 2^(e − 1075) = ((2⁵² + f) << (e − 1)) · 2⁻¹⁰⁷⁴; subnormal: f · 2⁻¹⁰⁷⁴.
  if (exponent > 0) mantissa = (mantissa | (1n << 52n)) << BigInt(exponent - 1);
  return hi >>> 31 ? -mantissa : mantissa;
}

/** The double nearest (within 2⁻⁵³ relative) to an exact scaled sum; a pure function of it. */
export function unscaled(total: bigint): number {
  if (total === 0n) return 0;
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const bits = magnitude.toString(16).length * 4;
  // Keep the top ≥ 64 bits; Number() rounds them to 53. 2^(shift − 1074) is exact for shift ≥ 0.
  const shift = Math.max(0, bits - 64);
  const top = Number(magnitude >> BigInt(shift));
  const value = shift > 0 ? top * Math.pow(2, shift - 1074) : top * Math.pow(2, -537) * Math.pow(2, -537);
  return negative ? -value : value;
}

/** A fixed number of exact sums. */
export class ExactSums {
  private readonly totals: bigint[];

  constructor(readonly length: number) {
    this.totals = new Array<bigint>(length).fill(0n);
  }

  /** Add `values[i]` to sum i, for every i. */
  addAll(values: Float64Array): void {
    if (values.length !== this.length) throw new Error(`internal: ${values.length} addends for ${this.length} sums`);
    for (let i = 0; i < values.length; i += 1) this.totals[i]! += scaledExact(values[i]!);
  }

  /** Add another set of sums (exact, so merging in any order gives the same totals). */
  merge(other: ExactSums): void {
    if (other.length !== this.length) throw new Error(`internal: merging ${other.length} sums into ${this.length}`);
    for (let i = 0; i < this.length; i += 1) this.totals[i]! += other.totals[i]!;
  }

  value(i: number): number {
    return unscaled(this.totals[i]!);
  }

  /** Hexadecimal text of each exact total (shards). */
  toStrings(): string[] {
    return this.totals.map((t) => (t < 0n ? `-0x${(-t).toString(16)}` : `0x${t.toString(16)}`));
  }

  static fromStrings(texts: readonly string[]): ExactSums {
    const sums = new ExactSums(texts.length);
    texts.forEach((t, i) => {
      if (!/^-?0x[0-9a-f]+$/.test(t)) throw new Error(`expected a hexadecimal exact sum, got ${JSON.stringify(t)}`);
      sums.totals[i] = t.startsWith("-") ? -BigInt(t.slice(1)) : BigInt(t);
    });
    return sums;
  }
}
