import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summarizeSelected, summarizeSorted } from "../../src/analysis/quantiles.js";
import { selectRanks, SelectScratch } from "../../src/util/radix-select.js";
import { RadixScratch, sortFloat32 } from "../../src/util/radix-sort.js";

const sorted = (values: Float32Array) => sortFloat32(Float32Array.from(values), new RadixScratch(values.length));

describe("selectRanks", () => {
  it("matches its @example", () => {
    expect(Array.from(selectRanks(Float32Array.of(5, -1, 3, 2), [0, 2, 3], new SelectScratch(4)))).toEqual([-1, 3, 5]);
  });

  it("gives the full sort's value at every rank (any values: ties, signs, ±0, ±Infinity, tiny and huge)", () => {
    const value = fc.oneof(
      fc.float({ noNaN: true }),
      fc.constantFrom(0, -0, 1, -1, Infinity, -Infinity, 3.4e38, 1e-45),
      fc.integer({ min: -3, max: 3 }).map((k) => 600_000 + k),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (list) => {
        const values = Float32Array.from(list);
        const all = sorted(values);
        const ranks = Array.from({ length: values.length }, (_, r) => r);
        const got = selectRanks(values, ranks, new SelectScratch(1));
        ranks.forEach((r) => expect(Object.is(got[r], all[r]), `rank ${r}: ${got[r]} vs ${all[r]}`).toBe(true));
      }),
      { numRuns: 300 },
    );
  });

  it("selects through several levels when a few outliers make the top bins wide (claimed losses' shape)", () => {
    // 10,000 values in a narrow bulk, a handful of huge ones and ties: the bulk falls into a few
    // top-level bins of hundreds of keys each, which are binned again (and again for the ties).
    const values = Float32Array.from({ length: 10_000 }, (_, i) =>
      i % 2500 === 0 ? 3e7 * (1 + i / 1e4) : i % 7 === 0 ? 250_000 : 250_000 + 40_000 * Math.sin(i * 1.3) ** 5,
    );
    const all = sorted(values);
    const ranks = [...Array.from({ length: 200 }, (_, k) => k * 50), 9999, 9998, 0, 4999, 5000];
    const got = selectRanks(values, ranks, new SelectScratch(16));
    ranks.forEach((r, j) => expect(got[j], `rank ${r}`).toBe(all[r]));
  });

  it("rejects a rank outside the values", () => {
    expect(() => selectRanks(Float32Array.of(1, 2), [2], new SelectScratch(2))).toThrow(/rank 2 is outside \[0, 2\)/);
  });

  it("leaves its input as it is and reuses its scratch across sizes", () => {
    const scratch = new SelectScratch(2);
    const values = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 1e5);
    const copy = Float32Array.from(values);
    const all = sorted(values);
    expect(Array.from(selectRanks(values, [0, 250, 2500, 4999], scratch))).toEqual([all[0], all[250], all[2500], all[4999]]);
    expect(values).toEqual(copy);
    expect(Array.from(selectRanks(Float32Array.of(2, 1), [0, 1], scratch))).toEqual([1, 2]);
  });
});

describe("summarizeSelected", () => {
  it("is summarizeSorted of the same values, bit for bit (a run's month ends: 10,240 values)", () => {
    const values = Float32Array.from({ length: 10_240 }, (_, i) => 113_000 + 4_000 * Math.sin(i * 0.7) ** 3 + (i % 17));
    let sum = 0,
      sumSq = 0;
    for (const v of values) {
      sum += v;
      sumSq += v * v;
    }
    const expected = summarizeSorted(Float64Array.from(sorted(values)), values.length, sum, sumSq, true);
    expect(summarizeSelected(values, sum, sumSq, new SelectScratch(0))).toEqual(expected);
  });
});
