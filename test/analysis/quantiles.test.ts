import { describe, it, expect } from "vitest";
import { PROBABILITIES, QUANTILE_KEYS, quantileSorted, quantileStandardError, summarizeSample } from "../../src/analysis/quantiles.js";
import { normalQuantile } from "../../src/util/special-functions.js";

describe("PROBABILITIES / QUANTILE_KEYS", () => {
  it("pair the reported probabilities with their keys", () => {
    expect([...PROBABILITIES]).toEqual([0.05, 0.25, 0.5, 0.75, 0.95]);
    expect([...QUANTILE_KEYS]).toEqual(["p05", "p25", "p50", "p75", "p95"]);
  });
});

describe("quantileSorted (type 7)", () => {
  it("matches its @example: median of 1..4 = 2.5", () => {
    expect(quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5)).toBe(2.5);
  });

  it("agrees with hand-computed type-7 values (R's quantile default)", () => {
    const a = Float64Array.of(1, 2, 3, 4);
    // h = (n − 1)·p; q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])
    expect(quantileSorted(a, 0)).toBe(1);
    expect(quantileSorted(a, 0.05)).toBeCloseTo(1.15, 14);
    expect(quantileSorted(a, 0.25)).toBeCloseTo(1.75, 14);
    expect(quantileSorted(a, 0.75)).toBeCloseTo(3.25, 14);
    expect(quantileSorted(a, 0.95)).toBeCloseTo(3.85, 14);
    expect(quantileSorted(a, 1)).toBe(4);
    const b = Float64Array.of(10, 20, 40, 80, 160);
    expect(quantileSorted(b, 0.25)).toBe(20); // h = 1
    expect(quantileSorted(b, 0.3)).toBeCloseTo(24, 12); // h = 1.2
    expect(quantileSorted(b, 0.5)).toBe(40); // h = 2
    expect(quantileSorted(b, 0.9)).toBeCloseTo(128, 12); // h = 3.6
    expect(quantileSorted([-3, -1, 0, 7], 1 / 3)).toBeCloseTo(-1, 14); // h = 1, plain arrays too
  });

  it("handles ties, a single value and the empty sample", () => {
    expect(quantileSorted(Float64Array.of(5, 5, 5), 0.37)).toBe(5);
    expect(quantileSorted(Float64Array.of(42), 0)).toBe(42);
    expect(quantileSorted(Float64Array.of(42), 0.5)).toBe(42);
    expect(quantileSorted(Float64Array.of(42), 1)).toBe(42);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });

  it("is Infinity (not NaN) when it interpolates towards, or sits on, Infinity", () => {
    expect(quantileSorted(Float64Array.of(1, 2, Infinity), 0.75)).toBe(Infinity); // h = 1.5
    expect(quantileSorted(Float64Array.of(1, Infinity, Infinity), 0.75)).toBe(Infinity); // both Infinity
    expect(quantileSorted(Float64Array.of(1, 2, Infinity), 1)).toBe(Infinity);
    expect(quantileSorted(Float64Array.of(1, 2, Infinity), 0.25)).toBeCloseTo(1.5, 14);
  });

  // Regression (fixed): at an integer rank h the type-7 quantile is x[h] with weight 0 on x[h+1],
  // even when x[h+1] = Infinity (it used to compute a + 0·(∞ − a) = NaN).
  it("is x[h] at an integer rank h even when the next order statistic is Infinity", () => {
    expect(quantileSorted(Float64Array.of(1, 2, 3, Infinity, Infinity), 0.5)).toBe(3); // h = 2
  });

  it("is non-decreasing in p", () => {
    const s = Float64Array.of(-2, 0.5, 0.5, 3, 8, 8.5, 20);
    let prev = -Infinity;
    for (let i = 0; i <= 1_000; i += 1) {
      const q = quantileSorted(s, i / 1_000);
      expect(q).toBeGreaterThanOrEqual(prev);
      prev = q;
    }
  });
});

describe("quantileStandardError", () => {
  it("matches its @example: ≈ 15.8 for the median of 0..1000", () => {
    const grid = Float64Array.from({ length: 1001 }, (_, i) => i);
    expect(quantileStandardError(grid, 0.5)).toBeCloseTo(15.8, 1);
  });

  it("is √(p(1−p)/n)·range for a uniform grid (relative tolerance 1e-9 while the ranks stay inside)", () => {
    for (const n of [101, 1001, 10_000]) {
      const grid = Float64Array.from({ length: n }, (_, i) => (i * 7) / (n - 1)); // range 7
      for (const p of PROBABILITIES) {
        const expected = Math.sqrt((p * (1 - p)) / n) * 7;
        expect(Math.abs(quantileStandardError(grid, p) / expected - 1)).toBeLessThan(1e-9);
      }
    }
  });

  it("approaches the asymptotic √(p(1−p)/n)/φ(z_p) for a normal sample (within 3%)", () => {
    const n = 20_001;
    // deterministic standard normal sample: the inverse CDF at the plotting positions
    const sample = Float64Array.from({ length: n }, (_, i) => normalQuantile((i + 0.5) / n));
    for (const p of PROBABILITIES) {
      const z = normalQuantile(p);
      const density = Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI);
      const asymptotic = Math.sqrt((p * (1 - p)) / n) / density;
      expect(Math.abs(quantileStandardError(sample, p) / asymptotic - 1)).toBeLessThan(0.03);
    }
  });

  it("is 0 for a constant sample and NaN below two values", () => {
    expect(quantileStandardError(Float64Array.of(3, 3, 3, 3), 0.5)).toBe(0);
    expect(quantileStandardError(Float64Array.of(3), 0.5)).toBeNaN();
    expect(quantileStandardError(new Float64Array(0), 0.5)).toBeNaN();
  });

  it("clips the rank band to [0, 1] for small samples (finite, below the unclipped value)", () => {
    const grid = Float64Array.from({ length: 10 }, (_, i) => i);
    const se = quantileStandardError(grid, 0.05);
    expect(Number.isFinite(se)).toBe(true);
    expect(se).toBeGreaterThan(0);
    expect(se).toBeLessThan(Math.sqrt((0.05 * 0.95) / 10) * 9);
    // hand value: band p ± √(10·0.0475)/10 → [0, 0.11892]; (q(0.11892) − q(0)) / 2 = 9·0.11892/2
    expect(se).toBeCloseTo((9 * (0.05 + Math.sqrt(0.475) / 10)) / 2, 12);
  });
});

describe("summarizeSample", () => {
  it("matches its @example: median of (3, 1, 2) = 2", () => {
    expect(summarizeSample(Float64Array.of(3, 1, 2)).quantiles.p50).toBe(2);
  });

  it("gives the mean, its standard error s/√n and the five type-7 quantiles", () => {
    const s = summarizeSample(Float64Array.of(3, 1, 2));
    expect(s.mean).toBe(2);
    expect(s.meanSe).toBeCloseTo(1 / Math.sqrt(3), 14); // s = 1
    expect(s.quantiles.p05).toBeCloseTo(1.1, 14);
    expect(s.quantiles.p25).toBeCloseTo(1.5, 14);
    expect(s.quantiles.p75).toBeCloseTo(2.5, 14);
    expect(s.quantiles.p95).toBeCloseTo(2.9, 14);
  });

  it("uses the n − 1 variance: 1..100 has s = √(100·101/12), SE = s/10", () => {
    const s = summarizeSample(Float64Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(s.mean).toBe(50.5);
    expect(s.meanSe).toBeCloseTo(Math.sqrt((100 * 101) / 12) / 10, 12);
    expect(s.quantiles.p50).toBe(50.5);
    expect(s.quantiles.p05).toBeCloseTo(1 + 99 * 0.05, 12);
    expect(s.quantiles.p95).toBeCloseTo(1 + 99 * 0.95, 12);
  });

  it("reports each quantile's standard error from the sorted sample", () => {
    const values = Float64Array.from({ length: 1001 }, (_, i) => (i * 37) % 1001); // a permutation of 0..1000
    const s = summarizeSample(values);
    const grid = Float64Array.from({ length: 1001 }, (_, i) => i);
    PROBABILITIES.forEach((p, j) => {
      const key = QUANTILE_KEYS[j]!;
      expect(s.quantiles[key]).toBeCloseTo(1000 * p, 9);
      expect(s.quantileSe[key]).toBe(quantileStandardError(grid, p));
    });
    expect(s.quantileSe.p50).toBeCloseTo(15.8, 1);
  });

  it("sorts the values in place (as documented)", () => {
    const values = Float64Array.of(5, -1, 3, 2);
    summarizeSample(values);
    expect([...values]).toEqual([-1, 2, 3, 5]);
  });

  it("gives a NaN mean SE for a single value", () => {
    const s = summarizeSample(Float64Array.of(7));
    expect(s.mean).toBe(7);
    expect(s.meanSe).toBeNaN();
    expect(s.quantiles.p05).toBe(7);
    expect(s.quantiles.p95).toBe(7);
  });
});
