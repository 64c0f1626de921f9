import seedrandom from "seedrandom";
import { describeValue, OptionsError } from "../util/errors.js";
import { normalQuantile } from "../util/special-functions.js";

/**
 * Seeded random streams. Every stream is keyed by (seed, key…) — e.g. (seed, "block", 3, "param",
 * "russia.initialForce") — and nothing else, so a block of paths gets the same numbers whoever
 * computes it and in whatever order, and switching one parameter off shifts no other draw.
 * Generator: seedrandom's xor4096 (Brent's xorgens, period 2^4128 − 2^32); never ARC4, never the
 * global Math generator, no global state.
 */

/** A source of uniform numbers strictly inside (0, 1): 0 and 1 never occur. */
export type Uniform = () => number;

/** A keyed stream ({@link createStream}): a {@link Uniform} that can also fill an array in bulk. */
export interface Stream extends Uniform {
  /** The next `out.length` uniforms, in index order (the same numbers as that many calls). */
  fill(out: Float64Array): Float64Array;
}

/** seedrandom's xor4096 state: 128 words of the xorshift array, its index, the Weyl word. */
interface Xor4096State {
  X: number[];
  i: number;
  w: number;
}

const TWO_POW_32 = 4294967296;

/**
 * Check a run seed: an integer from 0 to 2³² − 1.
 *
 * @throws {OptionsError} at path "seed", e.g. `seed: expected an integer from 0 to 4294967295, got 1.5`
 * @example
 * validateSeed(42); // ok
 * validateSeed(-1); // throws OptionsError
 */
export function validateSeed(seed: unknown): asserts seed is number {
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed >= TWO_POW_32) {
    throw new OptionsError({ path: "seed", message: `expected an integer from 0 to ${TWO_POW_32 - 1}, got ${describeValue(seed)}` });
  }
}

/**
 * A uniform stream for (seed, key…): xor4096 seeded with the string
 * `attrition-sim|${seed}|${key.join("|")}`; each value is u = (k + ½)/2³² where k is the next
 * 32-bit output read as unsigned, so u ∈ [2⁻³³, 1 − 2⁻³³] — never 0 or 1.
 *
 * @throws {OptionsError} if `seed` is not an integer from 0 to 2³² − 1 (path "seed").
 * @example
 * const u = createStream(1, "block", 3, "param", "russia.initialForce");
 * u(); // same number on every machine, in every run, for this (seed, key)
 */
export function createStream(seed: number, ...key: Array<string | number>): Stream {
  validateSeed(seed);
  // seedrandom seeds the state (its string mixing and warm-up); the steps below are its
  // XorGen.next written over an Int32Array, so the numbers are the same bits
  // (test/engine/rng.test.ts) at about a third of the cost per number (bench: the monthly draws).
  const seeded = (
    seedrandom.xor4096(`attrition-sim|${seed}|${key.join("|")}`, { state: true }) as unknown as { state(): Xor4096State }
  ).state();
  const X = Int32Array.from(seeded.X);
  let i = seeded.i,
    w = seeded.w;
  const next = (): number => {
    w = (w + 0x61c88647) | 0;
    let v = X[(i + 34) & 127]!;
    i = (i + 1) & 127;
    let t = X[i]!;
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v = X[i] = v ^ t;
    return ((((v + (w ^ (w >>> 16))) | 0) >>> 0) + 0.5) / TWO_POW_32;
  };
  const stream = next as Stream;
  stream.fill = (out: Float64Array): Float64Array => {
    for (let k = 0; k < out.length; k += 1) out[k] = next();
    return out;
  };
  return stream;
}

/**
 * Fill `out` with the next `out.length` uniforms of `stream`, in index order; returns `out`.
 *
 * @example
 * const u = fillUniform(createStream(1, "noise"), new Float64Array(1024)); // all in (0, 1)
 */
export function fillUniform(stream: Uniform, out: Float64Array): Float64Array {
  const bulk = (stream as Partial<Stream>).fill;
  if (bulk) return bulk(out);
  for (let i = 0; i < out.length; i++) out[i] = stream();
  return out;
}

/**
 * Fill `out` with standard normal draws z_i = Φ⁻¹(u_i), one uniform per normal (no Box–Muller
 * pairs, no rejection), so streams stay aligned index by index; returns `out`.
 *
 * @example
 * const z = fillStandardNormal(createStream(1, "noise"), new Float64Array(1024)); // finite, |z| < 6.4
 */
export function fillStandardNormal(stream: Uniform, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = normalQuantile(stream());
  return out;
}
