import { describe, expect, it } from "vitest";
import { dieboldMariano } from "../../src/analysis/diebold-mariano.js";
import { studentTTwoSided } from "../../src/analysis/student-t.js";
import { createStream } from "../../src/engine/rng.js";
import { normalQuantile } from "../../src/util/special-functions.js";
import { OptionsError } from "../../src/util/errors.js";

// Closed forms of Student's t CDF: ν = 1 (Cauchy), ν = 2, and ν = 5 (odd ν by the finite sum,
// Abramowitz & Stegun 26.7.3): F(t) = ½ + (θ + sin θ cos θ (1 + ⅔ cos² θ)) / π, θ = atan(t/√5).
const twoSided = {
  1: (t: number) => 1 - (2 / Math.PI) * Math.atan(Math.abs(t)),
  2: (t: number) => 1 - Math.abs(t) / Math.sqrt(2 + t * t),
  5: (t: number) => {
    const th = Math.atan(Math.abs(t) / Math.sqrt(5));
    return 1 - (2 / Math.PI) * (th + Math.sin(th) * Math.cos(th) * (1 + (2 / 3) * Math.cos(th) ** 2));
  },
};

describe("Student's t two-sided tail", () => {
  it("matches the closed forms for 1, 2 and 5 degrees of freedom", () => {
    for (const t of [0, 0.3, 1, 1.9639, 4.302653, 12]) {
      expect(studentTTwoSided(t, 1)).toBeCloseTo(twoSided[1](t), 12);
      expect(studentTTwoSided(-t, 2)).toBeCloseTo(twoSided[2](t), 12);
      expect(studentTTwoSided(t, 5)).toBeCloseTo(twoSided[5](t), 12);
    }
    expect(studentTTwoSided(4.302653, 2)).toBeCloseTo(0.05, 6);
    expect(studentTTwoSided(Infinity, 3)).toBe(0);
  });
});

describe("Diebold–Mariano with a Bartlett HAC variance (lag h − 1) and the Harvey–Leybourne–Newbold correction", () => {
  it("h = 1 is the paired t-test: d = (1, 2, 6), t = 3 / √(7/3) on 2 degrees of freedom", () => {
    const r = dieboldMariano([1, 2, 6], [0, 0, 0], 1);
    const t = 3 / Math.sqrt(7 / 3);
    expect(r.lag).toBe(0);
    expect(r.meanDifference).toBe(3);
    expect(r.variance).toBeCloseTo(14 / 9, 14); // γ0 / n = (14/3) / 3
    expect(r.correction).toBeCloseTo(Math.sqrt(2 / 3), 14);
    expect(r.statistic).toBeCloseTo(t, 12);
    expect(r.pValue).toBeCloseTo(twoSided[2](t), 12); // 0.18850
    expect(r.note).toBe("");
  });

  it("h = 2, worked by hand: d = (1, 3, 2, 5, 4, 6)", () => {
    // d̄ = 3.5; γ0 = 17.5/6, γ1 = 1.75/6; V = (γ0 + 2·½·γ1)/6 = 19.25/36;
    // correction² = (6 + 1 − 4 + 2/6)/6 = 5/9; DM* = 3.5/√V · √(5/9) ≈ 3.5675 on 5 degrees of freedom.
    const r = dieboldMariano([2, 5, 4, 8, 7, 10], [1, 2, 2, 3, 3, 4], 2);
    expect(r.meanDifference).toBeCloseTo(3.5, 14);
    expect(r.variance).toBeCloseTo(19.25 / 36, 14);
    expect(r.correction).toBeCloseTo(Math.sqrt(5 / 9), 14);
    const dm = (3.5 / Math.sqrt(19.25 / 36)) * Math.sqrt(5 / 9);
    expect(r.statistic).toBeCloseTo(dm, 12);
    expect(r.pValue).toBeCloseTo(twoSided[5](dm), 12); // 0.01609
    // Swapping the forecasters flips the sign, not the p-value.
    const s = dieboldMariano([1, 2, 2, 3, 3, 4], [2, 5, 4, 8, 7, 10], 2);
    expect(s.statistic).toBeCloseTo(-dm, 12);
    expect(s.pValue).toBeCloseTo(r.pValue!, 14);
  });

  it("says when the data cannot decide: no variance, too few origins for the horizon, fewer than 2 scores", () => {
    const same = dieboldMariano([3, 4, 5], [1, 2, 3], 1);
    expect(same.statistic).toBeNull();
    expect(same.pValue).toBeNull();
    expect(same.meanDifference).toBe(2);
    expect(same.note).toMatch(/every score difference is the same/);
    // 12 overlapping 12-month forecasts: n + 1 − 2h + h(h − 1)/n = 13 − 24 + 11 = 0.
    const twelve = Array.from({ length: 12 }, (_, i) => (i * 7) % 5);
    const long = dieboldMariano(twelve, new Array(12).fill(1), 12);
    expect(long.pValue).toBeNull();
    expect(long.note).toMatch(/too few origins for the horizon/);
    expect(dieboldMariano([1], [2], 1).note).toMatch(/at least 2 paired scores, got 1/);
    expect(dieboldMariano([1, 5, 2, 7], [0, 0, 0, 0], 6).note).toBe(
      "too few origins for the horizon: lag h − 1 = 5 needs n ≥ h = 6 paired scores, got 4",
    );
  });

  it("refuses bad input", () => {
    expect(() => dieboldMariano([1, 2], [1], 1)).toThrow(OptionsError);
    expect(() => dieboldMariano([1, NaN], [1, 2], 1)).toThrow(/^a\.1: expected a finite score, got NaN$/);
    expect(() => dieboldMariano([1, 2], [1, 2], 0)).toThrow(/^horizon: expected a whole number of months ≥ 1, got 0$/);
  });

  it("holds its level on overlapping forecasts where the naive paired t-test does not (seeded simulation)", () => {
    // Equal accuracy, but score differences MA(2) as for 3-month forecasts at monthly origins:
    // d_t = e_t + e_{t−1} + e_{t−2}. Share of 1,000 series of 60 with p < 0.05.
    const normal = createStream(7, "test", "dm");
    let hac = 0,
      naive = 0;
    const n = 60,
      trials = 1000;
    for (let r = 0; r < trials; r += 1) {
      const e = Array.from({ length: n + 2 }, () => normalQuantile(normal()));
      const d = Array.from({ length: n }, (_, t) => e[t]! + e[t + 1]! + e[t + 2]!);
      const zero = new Array(n).fill(0);
      if (dieboldMariano(d, zero, 3).pValue! < 0.05) hac += 1;
      if (dieboldMariano(d, zero, 1).pValue! < 0.05) naive += 1;
    }
    // ≈ 11%: closer to 5% than the naive test, but above it — the Bartlett weights shrink the
    // lag-1 and lag-2 covariances; read p-values near 0.05 as weak (docs/backtest.md).
    expect(hac / trials).toBeGreaterThan(0.05);
    expect(hac / trials).toBeLessThan(0.14);
    expect(naive / trials).toBeGreaterThan(0.2); // ≈ 26%: treating them as independent finds "wins" in noise
  });
});
