import { describe, expect, it } from "vitest";
import { logIntensityNoise, logTerritoryNoise, meanOneMultiplier, territoryNoise } from "../../src/model/noise.js";
import { createStream } from "../../src/engine/rng.js";
import { normalQuantile } from "../../src/util/special-functions.js";

describe("logIntensityNoise", () => {
  it("matches its @example: σ·z in the first month, φ·prev + √(1 − φ²)·σ·z after", () => {
    expect(logIntensityNoise(true, 0, 0.5, 0.2, 1)).toBe(0.2);
    expect(logIntensityNoise(false, 0.2, 0.6, 0.2, 1)).toBeCloseTo(0.28, 15);
  });

  it("ignores the previous value in the first month and is 0 with σ = 0", () => {
    expect(logIntensityNoise(true, 5, 0.9, 0.3, 1.5)).toBe(0.3 * 1.5);
    expect(logIntensityNoise(false, 0, 0.6, 0, 2)).toBe(0);
  });

  it("is stationary with sd σ and lag-1 autocorrelation φ (a long chain, fixed seed)", () => {
    const sd = 0.2,
      phi = 0.6,
      n = 50_000;
    const uniform = createStream(1, "test", "ar1");
    const xs = new Float64Array(n);
    for (let m = 0; m < n; m += 1) xs[m] = logIntensityNoise(m === 0, m > 0 ? xs[m - 1]! : 0, phi, sd, normalQuantile(uniform()));
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
    let cov = 0;
    for (let m = 1; m < n; m += 1) cov += (xs[m]! - mean) * (xs[m - 1]! - mean);
    // standard errors at n = 50,000: ≈ 0.002 for the sd, ≈ 0.004 for the autocorrelation
    expect(Math.abs(Math.sqrt(variance) - sd)).toBeLessThan(0.01);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(cov / (n - 1) / variance - phi)).toBeLessThan(0.02);
  });
});

describe("meanOneMultiplier", () => {
  it("matches its @example: 1 at zero, e^(0.28 − 0.02) ≈ 1.2969", () => {
    expect(meanOneMultiplier(0, 0)).toBe(1);
    expect(meanOneMultiplier(0.28, 0.2)).toBeCloseTo(Math.exp(0.26), 12);
    expect(meanOneMultiplier(0.28, 0.2)).toBeCloseTo(1.2969, 4);
  });

  it("has mean one over a normal log-state (midpoint quadrature)", () => {
    for (const sd of [0.05, 0.2, 0.5, 1]) {
      const n = 20_000;
      let sum = 0;
      for (let j = 0; j < n; j += 1) sum += meanOneMultiplier(sd * normalQuantile((j + 0.5) / n), sd);
      expect(sum / n).toBeCloseTo(1, 3);
    }
  });
});

describe("territoryNoise", () => {
  it("matches its @example: 1 with σA = 0, e^(−0.125) ≈ 0.8825 at z = 0", () => {
    expect(territoryNoise(0, 1.5)).toBe(1);
    expect(territoryNoise(0.5, 0)).toBeCloseTo(Math.exp(-0.125), 15);
    expect(territoryNoise(0.5, 0)).toBeCloseTo(0.8825, 4);
  });

  it("is the mean-one multiplier of σA·z", () => {
    for (const [sd, z] of [
      [0.3, 1.2],
      [0.45, -2],
      [0, 0],
    ] as const)
      expect(territoryNoise(sd, z)).toBe(meanOneMultiplier(sd * z, sd));
  });
});

describe("logTerritoryNoise", () => {
  it("matches its @example and, with φA = 0, gives exactly territoryNoise's multiplier every month", () => {
    expect(logTerritoryNoise(false, 0.3, 0, 0.4, 1)).toBe(0.4);
    expect(logTerritoryNoise(false, 0.3, 0.6, 0.4, 1)).toBeCloseTo(0.5, 15);
    const uniform = createStream(2, "test", "territory-noise");
    let log = 0;
    for (let m = 0; m < 500; m += 1) {
      const z = normalQuantile(uniform()),
        sd = 0.05 + (m % 7) * 0.1;
      log = logTerritoryNoise(m === 0, log, 0, sd, z);
      expect(meanOneMultiplier(log, sd)).toBe(territoryNoise(sd, z));
    }
  });

  it("with φA > 0 the months are correlated, the stationary sd and the mean-one multiplier kept (fixed seed)", () => {
    const uniform = createStream(4, "test", "territory-ar1");
    const n = 50_000,
      sd = 0.3,
      phi = 0.7;
    const xs = new Float64Array(n);
    let multiplierSum = 0;
    for (let m = 0; m < n; m += 1) {
      xs[m] = logTerritoryNoise(m === 0, m > 0 ? xs[m - 1]! : 0, phi, sd, normalQuantile(uniform()));
      multiplierSum += meanOneMultiplier(xs[m]!, sd);
    }
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
    let cov = 0;
    for (let m = 1; m < n; m += 1) cov += (xs[m]! - mean) * (xs[m - 1]! - mean);
    // se at n = 50,000 with φ = 0.7: ≈ 0.003 for the sd, ≈ 0.005 for φ, ≈ 0.003 for the multiplier's mean
    expect(Math.abs(Math.sqrt(variance) - sd)).toBeLessThan(0.015);
    expect(Math.abs(cov / (n - 1) / variance - phi)).toBeLessThan(0.02);
    expect(Math.abs(multiplierSum / n - 1)).toBeLessThan(0.015);
  });
});
