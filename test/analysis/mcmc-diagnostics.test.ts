import { describe, expect, it } from "vitest";
import { bulkEss, rHat } from "../../src/analysis/mcmc-diagnostics.js";
import { createStream } from "../../src/engine/rng.js";
import { normalQuantile } from "../../src/util/special-functions.js";

/** `chains` AR(1) chains of `n` draws, lag-1 correlation ρ, stationary N(shift_k, 1). */
function ar1Chains(chains: number, n: number, rho: number, seed: number, shift: (k: number) => number = () => 0): number[][] {
  const uniform = createStream(seed, "test", "ar1-chains");
  return Array.from({ length: chains }, (_, k) => {
    const out: number[] = [];
    let x = normalQuantile(uniform());
    for (let i = 0; i < n; i += 1) {
      x = rho * x + Math.sqrt(1 - rho * rho) * normalQuantile(uniform());
      out.push(x + shift(k));
    }
    return out;
  });
}

describe("rHat", () => {
  it("matches its @example (drifting chains) and is ≈ 1 for chains from one distribution", () => {
    expect(
      rHat([
        [1, 2, 3, 4, 5, 6],
        [2, 3, 1, 5, 4, 6],
      ]),
    ).toBeCloseTo(1.7026, 3);
    expect(rHat(ar1Chains(4, 1000, 0, 1))).toBeLessThan(1.01);
    expect(rHat(ar1Chains(4, 1000, 0.9, 2))).toBeLessThan(1.05);
  });

  it("flags chains stuck apart (one sd between their means) and chains of different spreads", () => {
    expect(rHat(ar1Chains(4, 1000, 0, 3, (k) => k))).toBeGreaterThan(1.2);
    const spreads = ar1Chains(4, 1000, 0, 4).map((c, k) => c.map((x) => x * (k === 0 ? 4 : 1)));
    expect(rHat(spreads)).toBeGreaterThan(1.05); // the folded (tail) R̂ sees it
  });

  it("refuses too few chains or draws", () => {
    expect(() => rHat([[1, 2, 3, 4]])).toThrow(/at least 2 chains/);
    expect(() =>
      rHat([
        [1, 2, 3],
        [1, 2, 3],
      ]),
    ).toThrow(/at least 4 draws/);
  });
});

describe("bulkEss", () => {
  it("matches its @example: a chain that trends has few effective draws", () => {
    expect(
      bulkEss([
        [1, 2, 3, 4, 5, 6, 7, 8],
        [8, 7, 6, 5, 4, 3, 2, 1],
      ]),
    ).toBeLessThan(8);
  });

  it("is about the number of draws for independent draws, and n(1 − ρ)/(1 + ρ) for AR(1) chains", () => {
    // 4 chains × 1,000: independent → 4,000; ρ = 0.5 → 1,333; ρ = 0.9 → 211. An ESS estimate
    // from 4,000 draws scatters by ≈ 10% (more at high ρ), so ±20% (±30% at ρ = 0.9).
    const iid = bulkEss(ar1Chains(4, 1000, 0, 5));
    expect(iid).toBeGreaterThan(3200);
    expect(iid).toBeLessThan(4800);
    const half = bulkEss(ar1Chains(4, 1000, 0.5, 6));
    expect(half / (4000 / 3)).toBeGreaterThan(0.8);
    expect(half / (4000 / 3)).toBeLessThan(1.2);
    const sticky = bulkEss(ar1Chains(4, 1000, 0.9, 7));
    expect(sticky / (4000 * (0.1 / 1.9))).toBeGreaterThan(0.7);
    expect(sticky / (4000 * (0.1 / 1.9))).toBeLessThan(1.3);
  });
});
