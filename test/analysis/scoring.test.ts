import { describe, expect, it } from "vitest";
import {
  centralIntervalLevels,
  crpsQuantiles,
  crpsSample,
  HUB_QUANTILE_LEVELS,
  inCentralInterval,
  intervalCoverageQuantiles,
  intervalScore,
  sampleQuantiles,
  weightedIntervalScore,
} from "../../src/analysis/scoring.js";
import { createStream, fillStandardNormal } from "../../src/engine/rng.js";
import { OptionsError } from "../../src/util/errors.js";
import { normalCdf, normalPdf, normalQuantile } from "../../src/util/special-functions.js";

/** CRPS of N(μ, σ) at y, closed form: σ[z(2Φ(z) − 1) + 2φ(z) − 1/√π], z = (y − μ)/σ (Gneiting & Raftery 2007, eq. 5). */
function normalCrps(mu: number, sigma: number, y: number): number {
  const z = (y - mu) / sigma;
  return sigma * (z * (2 * normalCdf(z) - 1) + 2 * normalPdf(z) - 1 / Math.sqrt(Math.PI));
}

/** The midpoint grid (j − ½)/(2K + 1), j = 1 … 2K + 1: symmetric, with 0.5 in the middle. */
function midpointLevels(intervals: number): Float64Array {
  const n = 2 * intervals + 1;
  return Float64Array.from({ length: n }, (_, j) => (j + 0.5) / n);
}

function normalQuantiles(levels: ArrayLike<number>, mu: number, sigma: number): Float64Array {
  return Float64Array.from(levels, (p) => mu + sigma * normalQuantile(p));
}

/** Pinball loss ρ_τ(y − q) = (y − q)(τ − 1{y < q}): an independent route to the WIS. */
function pinball(tau: number, q: number, y: number): number {
  return (y - q) * (tau - (y < q ? 1 : 0));
}

function thrown(f: () => unknown): OptionsError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    return error as OptionsError;
  }
  throw new Error("expected an OptionsError");
}

const CASES = [
  { mu: 0, sigma: 1, y: 0 },
  { mu: 3, sigma: 2, y: 4.5 },
  { mu: -10, sigma: 0.5, y: -11.7 }, // far in the lower tail (z = −3.4)
];

describe("CRPS from samples", () => {
  it("keeps its @examples: 2/9 for {1, 2, 3} at 2, the absolute error for a point", () => {
    // E|X − y| = (1 + 0 + 1)/3 = 2/3; ½E|X − X'| = ½ · (2·(1 + 2 + 1))/9 = 4/9; 2/3 − 4/9 = 2/9.
    expect(crpsSample(Float64Array.of(1, 2, 3), 2)).toBeCloseTo(2 / 9, 14);
    expect(crpsSample([5], 2)).toBe(3);
  });

  it("matches the normal's closed form from 100,000 draws (seed 11) within 4 Monte Carlo standard errors", () => {
    const z = fillStandardNormal(createStream(11, "test", "crps-normal"), new Float64Array(100_000));
    for (const { mu, sigma, y } of CASES) {
      const draws = z.map((v) => mu + sigma * v);
      // The estimate's error is dominated by that of E|X − y|: sd(|X − y|)/√n.
      let m = 0,
        m2 = 0;
      for (const x of draws) {
        const a = Math.abs(x - y);
        m += a;
        m2 += a * a;
      }
      m /= draws.length;
      const se = Math.sqrt((m2 / draws.length - m * m) / draws.length);
      expect(Math.abs(crpsSample(draws, y) - normalCrps(mu, sigma, y)), `μ=${mu} σ=${sigma} y=${y}`).toBeLessThan(4 * se);
      expect(4 * se).toBeLessThan(0.02 * sigma); // tight: leaving out ½E|X − X'| would miss by σ/√π
    }
  });
});

describe("CRPS from quantiles (piecewise-linear quantile function, flat tails)", () => {
  it("small cases worked by hand", () => {
    // One quantile: Q ≡ 2, a point mass at 2: CRPS = 2∫₀¹ τ(4 − 2) dτ = 2 = |4 − 2|.
    expect(crpsQuantiles([0.5], [2], 4)).toBe(2);
    // Levels 0.25, 0.75 at 0, 1: mass ¼ at 0, density ½ on (0, 1), mass ¼ at 1; y = ½.
    // CRPS = ∫ (F − 1{x ≥ ½})² dx = 2 ∫₀^½ (¼ + x/2)² dx = 2 · (2/3)[(½)³ − (¼)³] = 2 · 7/96 = 7/48.
    expect(crpsQuantiles([0.25, 0.75], [0, 1], 0.5)).toBeCloseTo(7 / 48, 14);
    // y below every quantile: QS_τ = 2(1 − τ)(q − y); flat at 1 over (0, 1): 2 · ½ · (1 − (−1)) = 2.
    expect(crpsQuantiles([0.1, 0.9], [1, 1], -1)).toBeCloseTo(2, 14);
  });

  it("tends to the normal's closed form with 999 levels (error < 1e-5 σ; < 5e-4 σ with y far in the tail)", () => {
    const levels = Float64Array.from({ length: 999 }, (_, i) => (i + 1) / 1000);
    for (const { mu, sigma, y } of CASES) {
      // The flat tails beyond levels 0.001 and 0.999 cost most of the error when y is out there (z = −3.4).
      const tolerance = Math.abs(y - mu) > 3 * sigma ? 5e-4 : 1e-5;
      expect(
        Math.abs(crpsQuantiles(levels, normalQuantiles(levels, mu, sigma), y) - normalCrps(mu, sigma, y)),
        `μ=${mu} σ=${sigma} y=${y}`,
      ).toBeLessThan(tolerance * sigma);
    }
  });

  it("is shift-equivariant and grows with the miss", () => {
    const levels = HUB_QUANTILE_LEVELS;
    const q = normalQuantiles(levels, 0, 1);
    expect(
      crpsQuantiles(
        levels,
        q.map((v) => v + 100),
        100.3,
      ),
    ).toBeCloseTo(crpsQuantiles(levels, q, 0.3), 10);
    expect(crpsQuantiles(levels, q, 2)).toBeGreaterThan(crpsQuantiles(levels, q, 1));
  });
});

describe("interval score and WIS", () => {
  it("the interval score of one interval, by hand", () => {
    // [1, 3] at 50% (α = ½), y = 4: width 2 + (2/α)(4 − 3) = 2 + 4 = 6, all of it above the interval.
    expect(intervalScore(1, 3, 0.5, 4)).toEqual({ score: 6, dispersion: 2, overprediction: 0, underprediction: 4 });
    // y = 0 below [1, 3] at 90% (α = 0.1): 2 + 20 · 1 = 22, overprediction 20.
    const below = intervalScore(1, 3, 0.9, 0);
    expect(below.score).toBeCloseTo(22, 12);
    expect(below.overprediction).toBeCloseTo(20, 12);
    expect(intervalScore(1, 3, 0.9, 2)).toEqual({ score: 2, dispersion: 2, overprediction: 0, underprediction: 0 });
  });

  it("small WIS cases worked by hand, with parts that add up", () => {
    // Median 2, 50% interval [1, 3], y = 4, K = 1:
    // median ½|4 − 2| = 1; (α/2)·IS = ¼ · 6 = 1.5 (dispersion ¼·2 = ½, underprediction ¼·4 = 1);
    // WIS = (1 + 1.5)/(1 + ½) = 5/3; dispersion ½/1.5 = 1/3; underprediction (1 + 1)/1.5 = 4/3.
    const a = weightedIntervalScore([0.25, 0.5, 0.75], [1, 2, 3], 4);
    expect(a.wis).toBeCloseTo(5 / 3, 14);
    expect(a.dispersion).toBeCloseTo(1 / 3, 14);
    expect(a.underprediction).toBeCloseTo(4 / 3, 14);
    expect(a.overprediction).toBe(0);
    // scoringutils' `wis` example (levels 0.1, 0.25, 0.5, 0.75, 0.9), K = 2:
    // y = 1, quantiles −1, 0, 1, 2, 3: median 0; ¼ · (2 − 0) = 0.5; 0.1 · (3 − (−1)) = 0.4; (0.5 + 0.4)/2.5 = 0.36.
    const levels = [0.1, 0.25, 0.5, 0.75, 0.9];
    const b = weightedIntervalScore(levels, [-1, 0, 1, 2, 3], 1);
    expect(b.wis).toBeCloseTo(0.36, 14);
    expect(b.dispersion).toBeCloseTo(0.36, 14);
    // y = −15, quantiles −2, 1, 2, 2, 4: median ½·17 = 8.5; 50% [1, 2]: ¼(1 + 4·16) = 16.25;
    // 80% [−2, 4]: 0.1(6 + 10·13) = 13.6; (8.5 + 16.25 + 13.6)/2.5 = 15.34, of it 15 overprediction.
    const c = weightedIntervalScore(levels, [-2, 1, 2, 2, 4], -15);
    expect(c.wis).toBeCloseTo(15.34, 12);
    expect(c.overprediction).toBeCloseTo((8.5 + 16 + 13) / 2.5, 12);
    expect(c.dispersion).toBeCloseTo((0.25 + 0.6) / 2.5, 12);
    for (const p of [a, b, c]) expect(p.dispersion + p.overprediction + p.underprediction).toBeCloseTo(p.wis, 12);
  });

  it("equals 2/(2K + 1) × the summed pinball losses (Bracher et al. 2021) on the hub levels", () => {
    const q = normalQuantiles(HUB_QUANTILE_LEVELS, 10, 3);
    for (const y of [-5, 4, 10, 10.4, 17, 30]) {
      const pinballs = HUB_QUANTILE_LEVELS.reduce((s, tau, i) => s + pinball(tau, q[i]!, y), 0);
      const parts = weightedIntervalScore(HUB_QUANTILE_LEVELS, q, y);
      expect(parts.wis).toBeCloseTo((2 / HUB_QUANTILE_LEVELS.length) * pinballs, 12);
      expect(parts.dispersion + parts.overprediction + parts.underprediction).toBeCloseTo(parts.wis, 12);
      expect(y < q[11]! ? parts.underprediction : parts.overprediction).toBe(0);
    }
  });

  it("tends to the normal's CRPS with many evenly spaced levels (500 intervals: error < 1e-4 σ); coarser levels score lower", () => {
    const levels = midpointLevels(500);
    for (const { mu, sigma, y } of CASES) {
      const exact = normalCrps(mu, sigma, y);
      expect(
        Math.abs(weightedIntervalScore(levels, normalQuantiles(levels, mu, sigma), y).wis - exact),
        `μ=${mu} σ=${sigma} y=${y}`,
      ).toBeLessThan(1e-4 * sigma);
      // The 23 hub levels miss the tails' contribution: below the CRPS, but within 15%.
      const hub = weightedIntervalScore(HUB_QUANTILE_LEVELS, normalQuantiles(HUB_QUANTILE_LEVELS, mu, sigma), y).wis;
      expect(hub).toBeLessThan(exact);
      expect(hub).toBeGreaterThan(0.85 * exact);
    }
  });

  it("the hub's levels and the levels of any intervals", () => {
    expect(HUB_QUANTILE_LEVELS).toHaveLength(23);
    expect(HUB_QUANTILE_LEVELS[11]).toBe(0.5);
    HUB_QUANTILE_LEVELS.forEach((tau, i) => expect(tau + HUB_QUANTILE_LEVELS[22 - i]!).toBeCloseTo(1, 12));
    expect(centralIntervalLevels([0.5, 0.9])).toEqual([0.05, 0.25, 0.5, 0.75, 0.95]);
    expect(centralIntervalLevels([0.9, 0.5])).toEqual([0.05, 0.25, 0.5, 0.75, 0.95]);
    const intervals = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98];
    expect(centralIntervalLevels(intervals)).toEqual([...HUB_QUANTILE_LEVELS]);
  });

  it("a sample forecast's quantiles (type 7) scored by the WIS approach its sample CRPS", () => {
    expect(Array.from(sampleQuantiles(Float64Array.of(4, 1, 3, 2, 5), [0.25, 0.5, 0.75]))).toEqual([2, 3, 4]);
    const draws = fillStandardNormal(createStream(5, "test", "wis-samples"), new Float64Array(50_000));
    const levels = midpointLevels(200);
    const wis = weightedIntervalScore(levels, sampleQuantiles(draws, levels), 0.7).wis;
    expect(Math.abs(wis - crpsSample(draws, 0.7))).toBeLessThan(2e-3);
  });
});

describe("interval coverage", () => {
  it("from quantiles, ends included", () => {
    const levels = [0.05, 0.25, 0.5, 0.75, 0.95];
    const values = [1, 2, 3, 4, 5];
    expect(intervalCoverageQuantiles(levels, values, 4.5, 0.5)).toBe(false);
    expect(intervalCoverageQuantiles(levels, values, 4.5, 0.9)).toBe(true);
    expect(intervalCoverageQuantiles(levels, values, 2, 0.5)).toBe(true);
    expect(intervalCoverageQuantiles(levels, values, 5.01, 0.9)).toBe(false);
    expect(intervalCoverageQuantiles(HUB_QUANTILE_LEVELS, normalQuantiles(HUB_QUANTILE_LEVELS, 0, 1), 1.6, 0.9)).toBe(true);
    expect(intervalCoverageQuantiles(HUB_QUANTILE_LEVELS, normalQuantiles(HUB_QUANTILE_LEVELS, 0, 1), 1.7, 0.9)).toBe(false); // z(0.95) = 1.645
  });

  it("from samples, by type-7 quantiles", () => {
    const u = Float64Array.from({ length: 101 }, (_, i) => i); // quantiles at p are 100p
    expect(inCentralInterval(u, 50, 0.5)).toBe(true);
    expect(inCentralInterval(u, 25, 0.5)).toBe(true);
    expect(inCentralInterval(u, 24.9, 0.5)).toBe(false);
    expect(inCentralInterval(u, 80, 0.5)).toBe(false);
    expect(inCentralInterval(u, 95, 0.9)).toBe(true);
    expect(inCentralInterval(u, 96, 0.9)).toBe(false);
  });

  it("a calibrated forecast covers about as often as its level (2,000 cases, seed 3, within 4 binomial SE)", () => {
    const stream = createStream(3, "test", "coverage");
    const z = new Float64Array(400);
    let in50 = 0,
      in90 = 0,
      q50 = 0;
    const cases = 2000;
    for (let t = 0; t < cases; t += 1) {
      fillStandardNormal(stream, z);
      const y = normalQuantile(stream());
      if (inCentralInterval(z, y, 0.5)) in50 += 1;
      if (inCentralInterval(z, y, 0.9)) in90 += 1;
      if (intervalCoverageQuantiles(HUB_QUANTILE_LEVELS, normalQuantiles(HUB_QUANTILE_LEVELS, 0, 1), y, 0.5)) q50 += 1;
    }
    const within = (count: number, p: number) => Math.abs(count / cases - p) < 4 * Math.sqrt((p * (1 - p)) / cases);
    expect(within(in50, 0.5)).toBe(true);
    expect(within(in90, 0.9)).toBe(true);
    expect(within(q50, 0.5)).toBe(true);
  });
});

describe("bad input throws OptionsError as `path: expected …, got …`", () => {
  it("samples and observations", () => {
    expect(thrown(() => crpsSample([], 1)).message).toBe("samples: expected at least one sample, got an empty array");
    expect(thrown(() => crpsSample([1, Number.NaN], 1)).message).toBe("samples[1]: expected a finite number, got NaN");
    expect(thrown(() => crpsSample([1, 2], Number.POSITIVE_INFINITY)).message).toBe("observed: expected a finite number, got Infinity");
    expect(thrown(() => inCentralInterval([1, 2], 1, 90)).message).toMatch(
      /^level: expected a central-interval level between 0 and 1 \(0\.9 for 90%\), got 90$/,
    );
    expect(thrown(() => sampleQuantiles([1, 2], [0.5, 0.25])).path).toBe("levels[1]");
  });

  it("quantile forecasts", () => {
    expect(thrown(() => crpsQuantiles([], [], 1)).message).toBe("levels: expected at least one quantile level, got an empty array");
    expect(thrown(() => crpsQuantiles([0.25, 0.75], [1], 1)).message).toBe("values: expected one value per level (2), got 1");
    expect(thrown(() => crpsQuantiles([0.75, 0.25], [1, 2], 1)).message).toBe(
      "levels[1]: expected levels in increasing order, above levels[0] = 0.75, got 0.25",
    );
    expect(thrown(() => crpsQuantiles([0, 0.5], [1, 2], 1)).message).toBe(
      "levels[0]: expected a quantile level between 0 and 1 (exclusive), got 0",
    );
    expect(thrown(() => crpsQuantiles([0.5, 1.5], [1, 2], 1)).path).toBe("levels[1]");
    expect(thrown(() => crpsQuantiles([0.25, 0.75], [2, 1], 1)).message).toBe(
      "values[1]: expected quantile values that do not decrease with the level, at least values[0] = 2, got 1",
    );
    expect(thrown(() => crpsQuantiles([0.5], [1], Number.NaN)).message).toBe("observed: expected a finite number, got NaN");
    expect(thrown(() => weightedIntervalScore([0.25, 0.75], [1, 2], 1)).message).toBe(
      "levels: expected the median (level 0.5) among the levels, got 0.25, 0.75",
    );
    expect(thrown(() => weightedIntervalScore([0.1, 0.5, 0.75], [1, 2, 3], 1)).message).toMatch(
      /^levels\[0\]: expected the levels of central intervals .*, got 0\.1 without its partner$/,
    );
    expect(thrown(() => intervalCoverageQuantiles([0.25, 0.5, 0.75], [1, 2, 3], 1, 0.9)).message).toBe(
      "levels: expected the levels 0.05 and 0.95 for the 90% interval, got 0.25, 0.5, 0.75",
    );
    expect(thrown(() => intervalScore(3, 1, 0.5, 2)).message).toBe("upper: expected an upper bound not below the lower bound 3, got 1");
    expect(thrown(() => centralIntervalLevels([0.5, 0.5])).message).toBe("intervals: expected distinct interval levels, got 0.5 twice");
    expect(thrown(() => centralIntervalLevels([1])).path).toBe("intervals");
  });
});
