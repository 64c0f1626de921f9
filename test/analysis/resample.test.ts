import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { effectiveSampleSize, systematicResample } from "../../src/analysis/resample.js";
import { OptionsError } from "../../src/util/errors.js";

/** How many times each of n particles appears among the ancestors. */
function counts(ancestors: Int32Array, n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (const a of ancestors) out[a]! += 1;
  return out;
}

/** Fixed fast-check seed: the property runs are the same on every run (DESIGN §9). */
const PROPERTY = { seed: 14, numRuns: 400 };

/** Weights: non-negative, some exactly 0, at least one positive. */
const weightsArbitrary = fc
  .array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 1e-300, max: 1e-6, noNaN: true })), {
    minLength: 1,
    maxLength: 60,
  })
  .filter((w) => w.some((x) => x > 0));
const uniformArbitrary = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.constant(1 - 2 ** -53));

describe("systematicResample", () => {
  it("matches its @example", () => {
    expect(Array.from(systematicResample(new Float64Array([0.5, 0, 0.25, 0.25]), 0.5, new Int32Array(4)))).toEqual([0, 0, 2, 3]);
    expect(Array.from(systematicResample(new Float64Array([1, 1, 1, 1]), 0, new Int32Array(4)))).toEqual([0, 1, 2, 3]);
  });

  it("takes each particle ⌊M·w_i⌋ or ⌈M·w_i⌉ times, ascending, never a weight-0 particle, M in all (property)", () => {
    // Slack 1e-9 on M·w_i: the cumulative sums are rounded, so M·w_i within an ulp of an integer
    // may go either way; the exact case is tested below on dyadic weights.
    fc.assert(
      fc.property(weightsArbitrary, uniformArbitrary, fc.integer({ min: 1, max: 80 }), (weights, u, draws) => {
        const w = Float64Array.from(weights);
        const total = weights.reduce((s, x) => s + x, 0);
        const ancestors = systematicResample(w, u, new Int32Array(draws));
        for (let j = 1; j < draws; j += 1) expect(ancestors[j]!).toBeGreaterThanOrEqual(ancestors[j - 1]!);
        const c = counts(ancestors, w.length);
        expect(c.reduce((s, x) => s + x, 0)).toBe(draws);
        for (let i = 0; i < w.length; i += 1) {
          const expected = (draws * w[i]!) / total;
          if (w[i] === 0) expect(c[i]).toBe(0);
          expect(c[i]!).toBeGreaterThanOrEqual(Math.floor(expected - 1e-9));
          expect(c[i]!).toBeLessThanOrEqual(Math.ceil(expected + 1e-9));
        }
      }),
      PROPERTY,
    );
  });

  it("is exact where M·w_i is exactly representable: dyadic weights give floor/ceil with no slack, integers exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 1, maxLength: 16 }), uniformArbitrary, (ints, u) => {
        if (!ints.some((x) => x > 0)) return;
        const total = ints.reduce((s, x) => s + x, 0);
        const draws = 64;
        const c = counts(systematicResample(Float64Array.from(ints), u, new Int32Array(draws)), ints.length);
        ints.forEach((x, i) => {
          const expected = (draws * x) / total;
          expect(c[i]!).toBeGreaterThanOrEqual(Math.floor(expected));
          expect(c[i]!).toBeLessThanOrEqual(Math.ceil(expected));
        });
      }),
      PROPERTY,
    );
    // M·w_i integers: exactly that many copies, for any u (u = 0 and u → 1 included) when the
    // cumulative sums are exact; with weights 0.1 (inexact sums) for u away from the ulps at 0 and 1.
    for (const u of [0, 0.25, 0.5, 0.999, 1 - 2 ** -53]) {
      expect(counts(systematicResample(new Float64Array([2, 1, 0, 1]), u, new Int32Array(8)), 4)).toEqual([4, 2, 0, 2]);
      expect(counts(systematicResample(new Float64Array(10).fill(1), u, new Int32Array(10)), 10)).toEqual(new Array(10).fill(1));
    }
    for (const u of [2 ** -33, 0.25, 0.5, 0.999, 1 - 2 ** -33]) {
      expect(counts(systematicResample(new Float64Array(10).fill(0.1), u, new Int32Array(10)), 10)).toEqual(new Array(10).fill(1));
    }
  });

  it("is deterministic given u, and the same for weights scaled by any factor", () => {
    const w = Float64Array.from([0.3, 0.1, 0, 0.45, 0.15]);
    const first = systematicResample(w, 0.37, new Int32Array(5));
    expect(Array.from(systematicResample(w, 0.37, new Int32Array(5)))).toEqual(Array.from(first));
    expect(
      Array.from(
        systematicResample(
          w.map((x) => x * 2 ** -700),
          0.37,
          new Int32Array(5),
        ),
      ),
    ).toEqual(Array.from(first));
  });

  it("places draw j at (j + u)/M: at u = 0 the first draw takes the first particle of positive weight", () => {
    expect(Array.from(systematicResample(new Float64Array([0, 0, 1, 1]), 0, new Int32Array(4)))).toEqual([2, 2, 3, 3]);
    // 0.25 + 0.25 + 0.5: points 0, ⅓, ⅔ → [0, 0.25) [0.25, 0.5) [0.5, 1)
    expect(Array.from(systematicResample(new Float64Array([0.25, 0.25, 0.5]), 0, new Int32Array(3)))).toEqual([0, 1, 2]);
    // u just below 1: points (j + 1)/M − ε; a trailing weight-0 particle is still never taken.
    expect(Array.from(systematicResample(new Float64Array([1, 1, 0]), 1 - 2 ** -53, new Int32Array(2)))).toEqual([0, 1]);
  });

  it("gives every draw to a particle of weight 1 among zeros, wherever it is", () => {
    for (const at of [0, 3, 6]) {
      const w = new Float64Array(7);
      w[at] = 1;
      for (const u of [0, 0.5, 0.9999]) expect(Array.from(systematicResample(w, u, new Int32Array(7)))).toEqual(new Array(7).fill(at));
    }
  });

  it("rejects negative, NaN or infinite weights, all zeros, and u outside [0, 1), with a path", () => {
    const bad: Array<[ArrayLike<number>, number, string]> = [
      [[1, -0.5], 0.5, "weights[1]"],
      [[1, NaN], 0.5, "weights[1]"],
      [[Infinity, 1], 0.5, "weights[0]"],
      [[0, 0], 0.5, "weights"],
      [[], 0.5, "weights"],
      [[1e308, 1e308], 0.5, "weights"],
      [[1, 1], 1, "u"],
      [[1, 1], -0.1, "u"],
      [[1, 1], NaN, "u"],
    ];
    for (const [w, u, path] of bad) {
      expect(() => systematicResample(w, u, new Int32Array(2))).toThrow(OptionsError);
      try {
        systematicResample(w, u, new Int32Array(2));
      } catch (error) {
        expect((error as OptionsError).path).toBe(path);
      }
    }
    expect(() => systematicResample([1, 0], 0.5, new Int32Array(2))).not.toThrow();
  });
});

describe("effectiveSampleSize", () => {
  it("matches its @example", () => {
    expect(effectiveSampleSize(new Float64Array([0, 0, 0, 0]))).toBe(4);
    expect(effectiveSampleSize(new Float64Array([0, -Infinity, -Infinity]))).toBe(1);
    expect(effectiveSampleSize(new Float64Array([Math.log(3), 0]))).toBeCloseTo(1.6, 14);
  });

  it("is N for equal weights at any level, 1 for one non-zero weight, and between 1 and N otherwise", () => {
    for (const level of [0, -1000, 700, -1e6]) expect(effectiveSampleSize(new Float64Array(1000).fill(level))).toBe(1000);
    const one = new Float64Array(50).fill(-Infinity);
    one[17] = -3000;
    expect(effectiveSampleSize(one)).toBe(1);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -800, max: 800, noNaN: true }), { minLength: 1, maxLength: 50 }), (logs) => {
        const ess = effectiveSampleSize(logs);
        expect(ess).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(ess).toBeLessThanOrEqual(logs.length * (1 + 1e-12));
      }),
      PROPERTY,
    );
  });

  it("is 0 when every weight is 0 (a filtering failure), and rejects NaN and +Infinity", () => {
    expect(effectiveSampleSize(new Float64Array([-Infinity, -Infinity]))).toBe(0);
    expect(() => effectiveSampleSize([0, NaN])).toThrow(/logWeights\[1\]: expected a finite log-weight or -Infinity, got NaN/);
    expect(() => effectiveSampleSize([Infinity])).toThrow(OptionsError);
  });
});
