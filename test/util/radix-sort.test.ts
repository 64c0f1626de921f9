import { describe, expect, it } from "vitest";
import { RadixScratch, sortedOrder, sortFloat32 } from "../../src/util/radix-sort.js";
import { createStream } from "../../src/engine/rng.js";

const sample = (n: number, seed: number) => {
  const u = createStream(seed, "radix-test");
  const out = Float32Array.from({ length: n }, () => (u() - 0.3) * 10 ** Math.floor(u() * 12 - 6));
  out[0] = -0;
  out[1] = 0;
  out[2] = Infinity;
  out[3] = -Infinity;
  out[4] = 1e-40;
  out[5] = -1e-40; // subnormals too
  return out;
};

describe("radix sort of Float32 values", () => {
  it("sorts like TypedArray.prototype.sort, including ±0, ±∞ and subnormals", () => {
    for (const n of [6, 100, 1024, 5000]) {
      const values = sample(n, n);
      const expected = Float32Array.from(values).sort();
      const sorted = sortFloat32(Float32Array.from(values), new RadixScratch(8));
      expect(Array.from(sorted).map((v) => (v === 0 ? 0 : v))).toEqual(Array.from(expected).map((v) => (v === 0 ? 0 : v)));
    }
  });

  it("sortedOrder is a stable permutation that sorts the values", () => {
    const values = Float32Array.from([3, 1, 2, 1, 3, -5, 1]);
    expect(Array.from(sortedOrder(values))).toEqual([5, 1, 3, 6, 2, 0, 4]);
    const big = sample(3000, 7);
    const order = sortedOrder(big);
    expect(new Set(order).size).toBe(big.length);
    for (let i = 1; i < order.length; i += 1) expect(big[order[i]!]!).toBeGreaterThanOrEqual(big[order[i - 1]!]!);
  });
});
