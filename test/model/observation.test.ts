import { describe, expect, it } from "vitest";
import {
  areaChangeLogLikelihood,
  areaChangeDraw,
  claimsBiasStep,
  claimsDraw,
  claimsLogLikelihood,
  economistLogLikelihood,
  logSdOfInterval95,
  lognormalLogDensity,
  normalLogDensity,
  pointEstimateLogLikelihood,
  pointEstimateLogSd,
} from "../../src/model/observation.js";
import { createStream } from "../../src/engine/rng.js";
import { normalQuantile } from "../../src/util/special-functions.js";

/** ∫ exp(f) over [a, b] by the midpoint rule with n cells. */
function integrate(f: (x: number) => number, a: number, b: number, n = 20_000): number {
  const h = (b - a) / n;
  let sum = 0;
  for (let k = 0; k < n; k += 1) sum += Math.exp(f(a + (k + 0.5) * h));
  return sum * h;
}

describe("normalLogDensity and lognormalLogDensity", () => {
  it("match their @examples", () => {
    expect(normalLogDensity(0, 0, 1)).toBeCloseTo(-0.5 * Math.log(2 * Math.PI), 14);
    expect(normalLogDensity(3, 1, 2)).toBeCloseTo(-0.5 * Math.log(2 * Math.PI) - Math.log(2) - 0.5, 14);
    expect(lognormalLogDensity(1, 0, 1)).toBeCloseTo(-0.9189385, 6);
    expect(lognormalLogDensity(Math.E, 1, 0.5)).toBeCloseTo(-0.9189385 + Math.log(2) - 1, 6);
  });

  it("integrate to 1 (densities of the observed value, so sources add up)", () => {
    expect(integrate((x) => normalLogDensity(x, 300, 80), -500, 1100)).toBeCloseTo(1, 6);
    expect(integrate((x) => lognormalLogDensity(x, Math.log(30_000), 0.1), 1, 90_000)).toBeCloseTo(1, 6);
  });

  it("are −∞ for a degenerate sd or a non-positive lognormal value", () => {
    expect(normalLogDensity(1, 1, 0)).toBe(-Infinity);
    expect(normalLogDensity(1, 1, NaN)).toBe(-Infinity);
    expect(lognormalLogDensity(0, 0, 1)).toBe(-Infinity);
    expect(lognormalLogDensity(-2, 0, 1)).toBe(-Infinity);
  });
});

describe("areaChangeLogLikelihood", () => {
  it("matches its @example and is symmetric in the miss", () => {
    expect(areaChangeLogLikelihood(450, 400, 50)).toBeCloseTo(-0.9189385 - Math.log(50) - 0.5, 6);
    expect(areaChangeLogLikelihood(350, 400, 50)).toBe(areaChangeLogLikelihood(450, 400, 50));
  });
});

describe("claimsLogLikelihood", () => {
  it("matches its @example: centred on the biased truth", () => {
    expect(claimsLogLikelihood(31_500, 30_000, Math.log(1.05), 0.05)).toBeCloseTo(-0.9189385 - Math.log(0.05) - Math.log(31_500), 6);
  });

  it("peaks (in log claims) at true losses × bias, not at the truth", () => {
    const at = (c: number) => claimsLogLikelihood(c, 30_000, Math.log(1.2), 0.05) + Math.log(c); // density of ln C
    expect(at(36_000)).toBeGreaterThan(at(35_000));
    expect(at(36_000)).toBeGreaterThan(at(37_000));
    expect(at(36_000)).toBeGreaterThan(at(30_000));
  });

  it("gives −∞ to claims against no losses, and certainty to none against none", () => {
    expect(claimsLogLikelihood(100, 0, 0, 0.05)).toBe(-Infinity);
    expect(claimsLogLikelihood(0, 0, 0, 0.05)).toBe(0);
  });
});

describe("claimsBiasStep", () => {
  it("matches its @example and is a random walk of sd σ_b a month (fixed seed)", () => {
    expect(claimsBiasStep(Math.log(1.05), 0.02, 1)).toBeCloseTo(Math.log(1.05) + 0.02, 15);
    const uniform = createStream(3, "test", "bias-walk");
    const months = 100,
      walks = 4000,
      sd = 0.03;
    let sumSq = 0;
    for (let w = 0; w < walks; w += 1) {
      let b = 0;
      for (let m = 0; m < months; m += 1) b = claimsBiasStep(b, sd, normalQuantile(uniform()));
      sumSq += b * b;
    }
    // Var after 100 months = 100 σ² = 0.09; the estimate's relative sd at 4,000 walks is ≈ 2.2%.
    expect(Math.abs(sumSq / walks / (months * sd * sd) - 1)).toBeLessThan(0.07);
  });
});

describe("pointEstimateLogLikelihood and pointEstimateLogSd", () => {
  it("match their @examples", () => {
    expect(pointEstimateLogLikelihood(1_000_000, 1_000_000, 0.3)).toBeCloseTo(-13.5305, 4);
    expect(pointEstimateLogSd(0.3)).toBe(0.3);
    expect(pointEstimateLogSd(0.3, 189_500, 223_000)).toBeCloseTo(0.3029, 4);
  });

  it("is the lognormal around the true losses, −∞ without losses; a range widens the spread in quadrature", () => {
    expect(pointEstimateLogLikelihood(800_000, 1_000_000, 0.3)).toBeCloseTo(lognormalLogDensity(800_000, Math.log(1_000_000), 0.3), 12);
    // Centred on the true losses (on the log scale, the Jacobian aside).
    const at = (truth: number) => pointEstimateLogLikelihood(900_000, truth, 0.3);
    expect(at(900_000)).toBeGreaterThan(at(850_000));
    expect(at(900_000)).toBeGreaterThan(at(950_000));
    expect(pointEstimateLogLikelihood(900_000, 0, 0.3)).toBe(-Infinity);
    const range = logSdOfInterval95(100_000, 400_000);
    expect(pointEstimateLogSd(0.3, 100_000, 400_000)).toBeCloseTo(Math.hypot(0.3, range), 14);
    // A one-sided or inverted range adds nothing.
    expect(pointEstimateLogSd(0.3, 100_000)).toBe(0.3);
    expect(pointEstimateLogSd(0.3, 400_000, 100_000)).toBe(0.3);
  });
});

describe("logSdOfInterval95 and economistLogLikelihood", () => {
  it("match their @examples", () => {
    expect(logSdOfInterval95(Math.exp(-1.959963984540054), Math.exp(1.959963984540054))).toBeCloseTo(1, 14);
    const s = Math.log(1_100_000 / 800_000) / (2 * 1.959963984540054);
    expect(economistLogLikelihood(950_000, 800_000, 1_100_000, 1_000_000, 0.95)).toBeCloseTo(
      -0.9189385 - Math.log(s) - Math.log(950_000),
      6,
    );
  });

  it("a lognormal with that sd puts 95% inside the stated interval", () => {
    const s = logSdOfInterval95(800_000, 1_100_000);
    const mid = Math.sqrt(800_000 * 1_100_000);
    const inside = integrate((x) => lognormalLogDensity(x, Math.log(mid), s), 800_000, 1_100_000);
    expect(inside).toBeCloseTo(0.95, 5);
  });

  it("is centred on ρ_E · L and −∞ for no losses or a non-positive ratio", () => {
    const at = (e: number) => economistLogLikelihood(e, 0.8 * e, 1.2 * e, 1_000_000, 0.9) + Math.log(e);
    expect(at(900_000)).toBeGreaterThan(at(880_000));
    expect(at(900_000)).toBeGreaterThan(at(920_000));
    expect(economistLogLikelihood(900_000, 800_000, 1_000_000, 0, 0.9)).toBe(-Infinity);
    expect(economistLogLikelihood(900_000, 800_000, 1_000_000, 1e6, 0)).toBe(-Infinity);
  });
});

describe("claimsDraw and areaChangeDraw", () => {
  it("match their @examples", () => {
    expect(claimsDraw(30_000, Math.log(1.05), 0.05, 0)).toBeCloseTo(31_500, 6);
    expect(areaChangeDraw(400, 30, -1)).toBe(370);
    expect(claimsDraw(0, 0.1, 0.05, 1)).toBe(0);
  });

  it("draw from the densities the filter weighs with: a histogram of draws against the density (fixed seed)", () => {
    const uniform = createStream(9, "test", "claims-draw");
    const n = 40_000,
      trueLosses = 30_000,
      logBias = Math.log(1.1),
      logSd = 0.08;
    const edges = [28_000, 31_000, 33_000, 35_000, 37_000, 40_000];
    const counts = new Array(edges.length - 1).fill(0);
    for (let k = 0; k < n; k += 1) {
      const c = claimsDraw(trueLosses, logBias, logSd, normalQuantile(uniform()));
      for (let b = 0; b + 1 < edges.length; b += 1) if (c >= edges[b]! && c < edges[b + 1]!) counts[b] += 1;
    }
    for (let b = 0; b + 1 < edges.length; b += 1) {
      const p = integrate((x) => claimsLogLikelihood(x, trueLosses, logBias, logSd), edges[b]!, edges[b + 1]!, 4000);
      // binomial sd of a share at n = 40,000 is ≤ 0.0025; 4 sd
      expect(Math.abs(counts[b] / n - p), `bin ${b}`).toBeLessThan(0.01);
    }
  });
});
