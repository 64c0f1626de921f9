import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  combatIntensity,
  effectiveRussianForce,
  logRelativeStrength,
  lossOverStep,
  russiaSideHazardPerDay,
  russiaSideLossesPerDay,
  ukraineLossesPerDay,
} from "../../src/model/attrition.js";

/** Integral of h·S over [0, dt] for dS/dt = a − h·S, by RK4 on the augmented system (S, L). */
function integrateLoss(stock: number, inflow: number, hazard: number, days: number, steps = 20_000): number {
  const dt = days / steps;
  let s = stock,
    loss = 0;
  const f = (x: number) => inflow - hazard * x;
  for (let i = 0; i < steps; i += 1) {
    const k1 = f(s),
      k2 = f(s + (dt / 2) * k1),
      k3 = f(s + (dt / 2) * k2),
      k4 = f(s + dt * k3);
    const l1 = hazard * s,
      l2 = hazard * (s + (dt / 2) * k1),
      l3 = hazard * (s + (dt / 2) * k2),
      l4 = hazard * (s + dt * k3);
    s += (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    loss += (dt / 6) * (l1 + 2 * l2 + 2 * l3 + l4);
  }
  return loss;
}

describe("russiaSideLossesPerDay", () => {
  it("matches its @example: 1200 at t0", () => {
    expect(russiaSideLossesPerDay(1200, 1, 1, 1, 1, 0.5)).toBe(1200);
  });

  it("is normalised: at U/U0 = Reff/Reff0 = 1 it is λR·I whatever the exponents", () => {
    for (const [a, b] of [
      [0, 0],
      [1, 0.5],
      [2.5, -1],
      [-0.7, 3],
    ]) {
      expect(russiaSideLossesPerDay(1200, 0.8, 1, 1, a!, b!)).toBeCloseTo(960, 10);
    }
  });

  it("scales as (U/U0)^a · (Reff/Reff0)^b", () => {
    // 1000 · 1.5 · 0.5^2 · 2^0.5
    expect(russiaSideLossesPerDay(1000, 1.5, 0.5, 2, 2, 0.5)).toBeCloseTo(1000 * 1.5 * 0.25 * Math.SQRT2, 9);
    // the exponent on U applies to U, the one on R to R (not swapped)
    expect(russiaSideLossesPerDay(1000, 1, 0.5, 1, 1, 3)).toBeCloseTo(500, 9);
    expect(russiaSideLossesPerDay(1000, 1, 1, 0.5, 1, 3)).toBeCloseTo(125, 9);
  });
});

describe("ukraineLossesPerDay", () => {
  it("matches its @example: λR/ρ = 480", () => {
    expect(ukraineLossesPerDay(1200, 2.5, 1, 1, 1, 1, 0.5)).toBe(480);
  });

  it("gives the exchange ratio ρ at t0: russiaSide / ukraine = ρ", () => {
    for (const rho of [1, 2.5, 4, 7.3]) {
      const r = russiaSideLossesPerDay(1200, 0.7, 1, 1, 1.2, 0.4);
      const u = ukraineLossesPerDay(1200, rho, 0.7, 1, 1, 0.9, 0.3);
      expect(r / u).toBeCloseTo(rho, 12);
    }
  });

  it("scales as (Reff/Reff0)^c · (U/U0)^d", () => {
    // (1000/2) · 1 · 2^1 · 0.5^2
    expect(ukraineLossesPerDay(1000, 2, 1, 2, 0.5, 1, 2)).toBeCloseTo(500 * 2 * 0.25, 9);
    expect(ukraineLossesPerDay(1000, 2, 1, 0.5, 1, 3, 1)).toBeCloseTo(500 * 0.125, 9);
    expect(ukraineLossesPerDay(1000, 2, 1, 1, 0.5, 3, 1)).toBeCloseTo(250, 9);
  });
});

describe("lossOverStep", () => {
  it("matches its @example with no inflow: ≈ 34,940", () => {
    const loss = lossOverStep(600_000, 0, 0.002, 30);
    expect(Math.abs(loss - 34_940)).toBeLessThan(5);
    expect(loss).toBeCloseTo(600_000 * (1 - Math.exp(-0.06)), 6);
  });

  it("matches its @example when replenished: 36,000", () => {
    expect(lossOverStep(600_000, 1_200, 0.002, 30)).toBeCloseTo(36_000, 8);
  });

  it("is stock·(1 − e^(−h·dt)) with zero inflow", () => {
    for (const [s, h, dt] of [
      [1_000, 0.01, 1],
      [600_000, 0.002, 30.4375],
      [50, 0.5, 10],
      [1e6, 1e-7, 31],
      [10, 3, 1],
    ]) {
      expect(lossOverStep(s!, 0, h!, dt!)).toBeCloseTo(s! * -Math.expm1(-h! * dt!), 8);
    }
  });

  it("is h·S·dt when the inflow equals h·S (a month step agrees with the day steps)", () => {
    for (const [s, h, dt] of [
      [600_000, 0.002, 31],
      [400_000, 0.0012, 28],
      [1_000, 0.02, 30.4375],
      [5e5, 1e-10, 30],
    ]) {
      const inflow = h! * s!;
      const month = lossOverStep(s!, inflow, h!, dt!);
      expect(month).toBeCloseTo(h! * s! * dt!, 6);
      // the stock is stationary, so the day steps lose the same in total
      let days = 0;
      for (let d = 0; d < dt!; d += 1) days += lossOverStep(s!, inflow, h!, Math.min(1, dt! - d));
      expect(days).toBeCloseTo(month, 6);
    }
  });

  it("is the exact integral of h·S for dS/dt = a − h·S (checked against RK4)", () => {
    for (const [s, a, h, dt] of [
      [600_000, 500, 0.002, 30],
      [1_000, 20, 0.05, 10],
      [80_000, 3_000, 0.0005, 30.4375],
      [20_000, 0, 0.1, 28],
    ]) {
      const exact = integrateLoss(s!, a!, h!, dt!);
      expect(Math.abs(lossOverStep(s!, a!, h!, dt!) - exact) / exact).toBeLessThan(1e-9);
    }
  });

  it("is continuous across the small-h·dt series branch (h·dt = 1e-8)", () => {
    const s = 1e6,
      a = 1e4,
      dt = 30;
    for (const x of [1e-8 * (1 - 1e-6), 1e-8 * (1 + 1e-6)]) {
      const h = x / dt;
      // f = 1 − x/2 + O(x²): loss = dt·(h·S·(1 − x/2) + a·x/2)
      const expected = dt * (h * s * (1 - x / 2) + (a * x) / 2);
      expect(Math.abs(lossOverStep(s, a, h, dt) - expected) / expected).toBeLessThan(1e-6);
    }
  });

  it("is 0 for h = 0 or stock = 0 (and for negative/NaN hazard or stock)", () => {
    expect(lossOverStep(600_000, 1_000, 0, 30)).toBe(0);
    expect(lossOverStep(0, 1_000, 0.002, 30)).toBe(0);
    expect(lossOverStep(600_000, 1_000, -0.1, 30)).toBe(0);
    expect(lossOverStep(-5, 1_000, 0.1, 30)).toBe(0);
    expect(lossOverStep(600_000, 1_000, NaN, 30)).toBe(0);
  });

  it("is finite and capped at the stock for huge (even infinite) hazards", () => {
    for (const h of [1e3, 1e12, 1e300, 1e308, Infinity]) {
      for (const a of [0, 1_000, 1e9]) {
        const loss = lossOverStep(600_000, a, h, 30);
        expect(Number.isFinite(loss)).toBe(true);
        expect(loss).toBeLessThanOrEqual(600_000);
      }
    }
    // with no inflow, a huge hazard takes (very nearly) the whole stock
    expect(lossOverStep(600_000, 0, 1e3, 30)).toBeCloseTo(600_000, 6);
  });

  it("caps the loss at S0 (the stock at the start of the step) when the exact integral exceeds it", () => {
    expect(lossOverStep(100, 1e6, 0.5, 30)).toBe(100);
    // replenished stock: h·S·dt = 1,521.875 > S0 = 1,000
    expect(lossOverStep(1_000, 50, 0.05, 30.4375)).toBe(1_000);
    // just under the cap it is the uncapped value
    expect(lossOverStep(1_000, 30, 0.03, 30)).toBeCloseTo(900, 8);
  });

  it("never exceeds the stock and is never negative (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 31, noNaN: true }),
        (s, a, h, dt) => {
          const loss = lossOverStep(s, a, h, dt);
          return Number.isFinite(loss) && loss >= 0 && loss <= s;
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe("russiaSideHazardPerDay", () => {
  it("matches its @example: 1200 / 620000", () => {
    expect(russiaSideHazardPerDay(1200, 600_000, 10_000, 2)).toBeCloseTo(1200 / 620_000, 15);
  });

  it("splits the losses so that R·h + K·e·h = losses (DPRK dies e times as fast)", () => {
    for (const [l, r, k, e] of [
      [1200, 600_000, 10_000, 2],
      [900, 550_000, 25_000, 3.5],
      [100, 1_000, 0, 1],
    ]) {
      const h = russiaSideHazardPerDay(l!, r!, k!, e!);
      expect(r! * h + k! * e! * h).toBeCloseTo(l!, 9);
    }
  });

  it("is 0 when nobody is exposed (no division by zero)", () => {
    expect(russiaSideHazardPerDay(1200, 0, 0, 2)).toBe(0);
    expect(russiaSideHazardPerDay(1200, 0, 10_000, 0)).toBe(0);
  });
});

describe("combatIntensity", () => {
  it("matches its @example: I = S · r · ε = 1.1 · 0.6 · 1", () => {
    expect(combatIntensity(1.1, 0.6, 1)).toBeCloseTo(0.66, 14);
    expect(combatIntensity(1.1, 1, 0.9)).toBe(1.1 * 0.9);
  });
});

describe("effectiveRussianForce", () => {
  it("matches its @example: Reff = 600,000 + 0.7 · 10,000", () => {
    expect(effectiveRussianForce(600_000, 10_000, 0.7)).toBe(607_000);
    expect(effectiveRussianForce(600_000, 10_000, 0)).toBe(600_000);
  });
});

describe("logRelativeStrength", () => {
  it("matches its @example: 0 at t0, ln(S/S0) otherwise", () => {
    expect(logRelativeStrength(400_000, 400_000)).toBe(0);
    expect(logRelativeStrength(360_000, 400_000)).toBeCloseTo(Math.log(0.9), 14);
    expect(logRelativeStrength(0, 400_000)).toBe(-Infinity);
  });
});
