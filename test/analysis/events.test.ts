import { describe, it, expect } from "vitest";
import { summarizeEvent } from "../../src/analysis/events.js";
import { PROBABILITIES, QUANTILE_KEYS, quantileSorted, quantileStandardError } from "../../src/analysis/quantiles.js";

describe("summarizeEvent", () => {
  it("matches its @example: one path in four never reaches the threshold", () => {
    expect(summarizeEvent("occupiedShare", 0.25, Float64Array.of(3, 5, Infinity, 8)).pNever).toBe(0.25);
  });

  it("gives the type-7 quantiles of the sorted months, null where they reach into the censored paths", () => {
    const e = summarizeEvent("occupiedShare", 0.25, Float64Array.of(3, 5, Infinity, 8));
    expect(e.series).toBe("occupiedShare");
    expect(e.threshold).toBe(0.25);
    // sorted: 3, 5, 8, ∞; h = 3p
    expect(e.quantiles.p05).toBeCloseTo(3.3, 12); // h = 0.15
    expect(e.quantiles.p25).toBeCloseTo(4.5, 12); // h = 0.75
    expect(e.quantiles.p50).toBeCloseTo(6.5, 12); // h = 1.5
    expect(e.quantiles.p75).toBeNull(); // h = 2.25: 8 + 0.25·(∞ − 8)
    expect(e.quantiles.p95).toBeNull(); // h = 2.85
  });

  it("gives pNever and its standard error √(p(1−p)/n)", () => {
    const e = summarizeEvent("occupiedShare", 0.1, Float64Array.of(3, 5, Infinity, 8));
    expect(e.pNeverSe).toBeCloseTo(Math.sqrt((0.25 * 0.75) / 4), 14);
    const months = Float64Array.from({ length: 1_000 }, (_, i) => (i < 300 ? Infinity : i % 40));
    const f = summarizeEvent("occupiedShare", 0.1, months);
    expect(f.pNever).toBeCloseTo(0.3, 14);
    expect(f.pNeverSe).toBeCloseTo(Math.sqrt((0.3 * 0.7) / 1_000), 14);
  });

  it("gives the standard errors of the uncensored quantiles, null where the quantile or its band is censored", () => {
    const e = summarizeEvent("occupiedShare", 0.1, Float64Array.of(3, 5, Infinity, 8));
    const sorted = Float64Array.of(3, 5, 8, Infinity);
    expect(e.quantilesSe.p05).toBe(quantileStandardError(sorted, 0.05));
    expect(e.quantilesSe.p25).toBe(quantileStandardError(sorted, 0.25));
    expect(Number.isFinite(e.quantilesSe.p05!)).toBe(true);
    // the median is known (6.5) but its rank band p ± √(n p (1−p))/n = [0.25, 0.75] reaches ∞
    expect(e.quantilesSe.p50).toBeNull();
    expect(e.quantilesSe.p75).toBeNull();
    expect(e.quantilesSe.p95).toBeNull();
  });

  it("with no censored path: pNever = 0, SE 0, the quantiles are those of the sample", () => {
    const months = Float64Array.from({ length: 200 }, (_, i) => (i * 13) % 97);
    const sorted = Float64Array.from(months).sort();
    const e = summarizeEvent("occupiedShare", 0.1, months);
    expect(e.pNever).toBe(0);
    expect(e.pNeverSe).toBe(0);
    PROBABILITIES.forEach((p, j) => {
      expect(e.quantiles[QUANTILE_KEYS[j]!]).toBe(quantileSorted(sorted, p));
      expect(e.quantilesSe[QUANTILE_KEYS[j]!]).toBe(quantileStandardError(sorted, p));
    });
  });

  it("with every path censored: all quantiles null, pNever = 1 with SE 0", () => {
    const e = summarizeEvent("occupiedShare", 0.9, Float64Array.of(Infinity, Infinity, Infinity));
    for (const k of QUANTILE_KEYS) {
      expect(e.quantiles[k]).toBeNull();
      expect(e.quantilesSe[k]).toBeNull();
    }
    expect(e.pNever).toBe(1);
    expect(e.pNeverSe).toBe(0);
  });

  it("does not modify (or need sorted) input", () => {
    const months = Float64Array.of(9, Infinity, 2, 4);
    const e = summarizeEvent("occupiedShare", 0.1, months);
    expect([...months]).toEqual([9, Infinity, 2, 4]);
    expect(e.quantiles.p25).toBeCloseTo(2 + 0.75 * 2, 12); // sorted 2, 4, 9, ∞; h = 0.75
  });

  it("is null exactly when the type-7 interpolation puts positive weight on a censored path", () => {
    let checked = 0;
    for (let n = 1; n <= 25; n += 1) {
      for (let censored = 0; censored <= n; censored += 1) {
        const finite = n - censored;
        // months 1, 2, …, finite, then the censored paths; given reversed and rotated
        const sorted = Array.from({ length: n }, (_, i) => (i < finite ? i + 1 : Infinity));
        const shuffled = Float64Array.from(sorted.map((_, i) => sorted[(n - 1 - i + 3) % n]!));
        const e = summarizeEvent("occupiedShare", 0.5, shuffled);
        expect(e.pNever).toBeCloseTo(censored / n, 14);
        PROBABILITIES.forEach((p, j) => {
          const h = (n - 1) * p,
            lo = Math.floor(h),
            frac = h - lo;
          const hi = Math.min(n - 1, lo + 1);
          const touches = lo >= finite || (frac > 0 && hi >= finite);
          const q = e.quantiles[QUANTILE_KEYS[j]!];
          if (touches) expect(q).toBeNull();
          else expect(q).toBeCloseTo(frac === 0 ? sorted[lo]! : sorted[lo]! + frac * (sorted[hi]! - sorted[lo]!), 12);
          checked += 1;
        });
      }
    }
    expect(checked).toBeGreaterThan(1_500);
  });

  // Regression (fixed): with n = 5 and two censored paths, the median (h = 2) is the third order
  // statistic, 3 months, with zero weight on the censored fourth — known, so not null.
  it("reports a quantile at an integer rank next to a censored path (median of 1, 2, 3, ∞, ∞ is 3)", () => {
    const e = summarizeEvent("occupiedShare", 0.5, Float64Array.of(1, 2, 3, Infinity, Infinity));
    expect(e.quantiles.p50).toBe(3);
  });
});
