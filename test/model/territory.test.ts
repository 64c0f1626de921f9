import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  areaAfterStep,
  areaGainOverStep,
  areaRatePerDay,
  boundArea,
  boundedAreaRate,
  forceRatioEffect,
  forceRatioEffectFromLog,
  logForceRatio,
  occupiedShare,
  offensiveEffect,
  offensiveEffectFromLog,
  offensiveGain,
  relativeForceRatio,
  stalemateChangePerMonth,
  TERRITORY_COEFFICIENT_SLOTS,
  territoryCoefficients,
  ukraineCollapsed,
} from "../../src/model/territory.js";

describe("forceRatioEffect", () => {
  it("matches its @example: g(1) = 1", () => {
    expect(forceRatioEffect(1, 1.5, 0.5, 3)).toBe(1);
  });

  it("is 1 at parity for any exponent and threshold < 1", () => {
    for (const gamma of [0, 0.3, 1, 1.5, 2, 4]) {
      for (const theta of [-1, 0, 0.2, 0.5, 0.9, 0.99]) {
        expect(forceRatioEffect(1, gamma, theta, 3)).toBeCloseTo(1, 12);
      }
    }
  });

  it("is (x^γ − θ)/(1 − θ) below the cap", () => {
    expect(forceRatioEffect(1.2, 2, 0.5, 3)).toBeCloseTo((1.44 - 0.5) / 0.5, 12);
    expect(forceRatioEffect(0.8, 1.5, 0.3, 3)).toBeCloseTo((0.8 ** 1.5 - 0.3) / 0.7, 12);
  });

  it("is 0 at x^γ = θ, negative below it (Ukraine regains), positive above", () => {
    const gamma = 1.5,
      theta = 0.5;
    const x0 = theta ** (1 / gamma);
    expect(forceRatioEffect(x0, gamma, theta, 3)).toBeCloseTo(0, 12);
    expect(forceRatioEffect(x0 * 0.99, gamma, theta, 3)).toBeLessThan(0);
    expect(forceRatioEffect(x0 * 0.5, gamma, theta, 3)).toBeLessThan(0);
    expect(forceRatioEffect(x0 * 1.01, gamma, theta, 3)).toBeGreaterThan(0);
  });

  it("increases with the force ratio for γ > 0", () => {
    let prev = -Infinity;
    for (let x = 0; x <= 3; x += 0.05) {
      const g = forceRatioEffect(x, 1.5, 0.5, 10);
      expect(g).toBeGreaterThan(prev);
      prev = g;
    }
  });

  it("is capped at gmax", () => {
    expect(forceRatioEffect(10, 2, 0.5, 3)).toBe(3);
    expect(forceRatioEffect(1e200, 4, 0.5, 3)).toBe(3);
    // just below the cap it is not clipped: x^2 = 2 → g = (2 − 0.5)/0.5 = 3 exactly; 1.9 → 2.8
    expect(forceRatioEffect(Math.sqrt(1.9), 2, 0.5, 3)).toBeCloseTo(2.8, 12);
  });

  it("gives gmax when the defender is at zero (x = Infinity), whatever γ", () => {
    for (const gamma of [0, 1, 4]) expect(forceRatioEffect(Infinity, gamma, 0.5, 3)).toBe(3);
  });

  it("is finite at x = 0 and x = Infinity for γ in {0, 4}", () => {
    for (const gamma of [0, 4]) {
      for (const x of [0, Infinity]) {
        expect(Number.isFinite(forceRatioEffect(x, gamma, 0.5, 3))).toBe(true);
      }
    }
    // γ = 0: x^0 = 1, so g = 1 even at x = 0; γ = 4: g(0) = −θ/(1 − θ)
    expect(forceRatioEffect(0, 0, 0.5, 3)).toBe(1);
    expect(forceRatioEffect(0, 4, 0.5, 3)).toBeCloseTo(-1, 12);
    expect(forceRatioEffect(0, 4, 0.2, 3)).toBeCloseTo(-0.25, 12);
  });

  it("is finite and ≤ gmax for every x ≥ 0, γ in [0, 4], θ in [0, 0.95] (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: 0, max: 1e300, noNaN: true }), fc.constant(Infinity), fc.constant(0)),
        fc.double({ min: 0, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        (x, gamma, theta, gmax) => {
          const g = forceRatioEffect(x, gamma, theta, gmax);
          return Number.isFinite(g) && g <= gmax && g >= -theta / (1 - theta) - 1e-12;
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe("relativeForceRatio", () => {
  it("matches its @example: 1.03125", () => {
    expect(relativeForceRatio(660_000, 400_000, 640_000, 400_000)).toBeCloseTo(1.03125, 14);
  });

  it("is 1 at t0 and scales with Reff/U", () => {
    expect(relativeForceRatio(640_000, 400_000, 640_000, 400_000)).toBe(1);
    expect(relativeForceRatio(640_000, 200_000, 640_000, 400_000)).toBeCloseTo(2, 14);
    expect(relativeForceRatio(320_000, 400_000, 640_000, 400_000)).toBeCloseTo(0.5, 14);
  });

  it("is Infinity when Ukraine's force is zero (or below)", () => {
    expect(relativeForceRatio(640_000, 0, 640_000, 400_000)).toBe(Infinity);
    expect(relativeForceRatio(640_000, -1, 640_000, 400_000)).toBe(Infinity);
  });
});

describe("offensiveGain", () => {
  it("matches its @example: one month at the 485 km²/month pace", () => {
    expect(offensiveGain(485 / 30.4375, 1, 1, 1, 1, 30.4375)).toBeCloseTo(485, 10);
  });

  it("is the product α·I·εA·g·B·dt, negative when g < 0", () => {
    expect(offensiveGain(10, 0.6, 1.2, 0.5, 2, 30)).toBeCloseTo(10 * 0.6 * 1.2 * 0.5 * 2 * 30, 10);
    expect(offensiveGain(10, 1, 1, -0.4, 1, 30)).toBeCloseTo(-120, 10);
    expect(offensiveGain(10, 1, 1, 1, 1, 0)).toBe(0);
  });

  it("adds up over day steps to the month step (linear in dt)", () => {
    let sum = 0;
    for (let d = 0; d < 31; d += 1) sum += offensiveGain(15.9, 0.8, 1.1, 1.3, 1, 1);
    expect(sum).toBeCloseTo(offensiveGain(15.9, 0.8, 1.1, 1.3, 1, 31), 9);
  });
});

describe("boundArea", () => {
  it("matches its @example: capped at the total 603,628", () => {
    expect(boundArea(700_000, 603_628)).toBe(603_628);
  });

  it("keeps the area in [0, T] and leaves values inside unchanged", () => {
    expect(boundArea(-5, 603_628)).toBe(0);
    expect(boundArea(0, 603_628)).toBe(0);
    expect(boundArea(116_000, 603_628)).toBe(116_000);
    expect(boundArea(603_628, 603_628)).toBe(603_628);
  });
});

describe("logForceRatio", () => {
  it("matches its @example: ln(1.1/0.9), and +∞ (never NaN) once Ukraine's force is zero", () => {
    expect(logForceRatio(Math.log(1.1), Math.log(0.9), 360_000)).toBeCloseTo(Math.log(1.1 / 0.9), 14);
    expect(logForceRatio(-Infinity, -Infinity, 0)).toBe(Infinity);
    expect(Math.exp(logForceRatio(Math.log(1.1), Math.log(0.9), 360_000))).toBeCloseTo(relativeForceRatio(1.1, 0.9, 1, 1), 12);
  });
});

const TERRITORY = {
  totalKm2: [603_628],
  initialOccupiedKm2: [120_725.6],
  offensivePaceKm2PerMonth: [485],
  offensiveNoiseSd: [0.3],
  offensiveNoiseAutocorrelation: [0],
  forceRatioExponent: [1.5],
  regainThreshold: [0.5],
  maxGainMultiple: [3],
  stalemateMeanKm2PerMonth: [40.6],
  stalemateSdKm2PerMonth: [136],
  breakthrough: { probabilityPerMonth: [0.02], forceRatioExponent: [2], multiplier: [2] },
  collapse: { ukraineShareOfInitial: [0.4], multiplier: [4] },
};
const coefficients = () => {
  const c = new Float64Array(TERRITORY_COEFFICIENT_SLOTS);
  territoryCoefficients(c, TERRITORY, 0);
  return c;
};
const PACE = 485 / 30.4375;

describe("territoryCoefficients and the laws that read them", () => {
  const c = coefficients();

  it("offensiveEffectFromLog and offensiveEffect match their @examples: g with the path's γ, θ, gmax", () => {
    expect(offensiveEffectFromLog(c, 0)).toBe(1);
    expect(offensiveEffect(c, 1)).toBe(1);
    expect(offensiveEffect(c, 1.2)).toBeCloseTo((1.2 ** 1.5 - 0.5) / 0.5, 12);
    expect(offensiveEffect(c, 1.2)).toBe(forceRatioEffect(1.2, 1.5, 0.5, 3));
    expect(offensiveEffectFromLog(c, Math.log(1.2))).toBe(forceRatioEffectFromLog(Math.log(1.2), 1.5, 0.5, 3));
    expect(offensiveEffectFromLog(c, Infinity)).toBe(3);
  });

  it("ukraineCollapsed matches its @example: below 40% of U0", () => {
    expect(ukraineCollapsed(c, 150_000, 400_000)).toBe(true);
    expect(ukraineCollapsed(c, 160_000, 400_000)).toBe(false);
  });

  it("a change of a parameter in the scenario's territory block reaches the law through the coefficients", () => {
    const faster = new Float64Array(TERRITORY_COEFFICIENT_SLOTS);
    territoryCoefficients(faster, { ...TERRITORY, offensivePaceKm2PerMonth: [970] }, 0);
    expect(areaGainOverStep(faster, true, false, 1, 1, 1, 1, 0, 30.4375, 31)).toBeCloseTo(970, 9);
  });
});

describe("stalemateChangePerMonth", () => {
  it("matches its @example: 40.6 + 136 · (−0.5) = −27.4; the mean at z = 0", () => {
    expect(stalemateChangePerMonth({ stalemateMeanKm2PerMonth: [40.6], stalemateSdKm2PerMonth: [136] }, 0, -0.5)).toBeCloseTo(-27.4, 12);
    expect(stalemateChangePerMonth(TERRITORY, 0, 0)).toBe(40.6);
  });
});

describe("areaGainOverStep", () => {
  const c = coefficients();

  it("matches its @example: the offensive pace over a month, a stalemate day's share", () => {
    expect(areaGainOverStep(c, true, false, 1, 1, 1, 1, 40, 30.4375, 31)).toBeCloseTo(485, 10);
    expect(areaGainOverStep(c, false, false, 1, 1, 1, 1, 40, 1, 31)).toBe(40 / 31);
  });

  it("counts a collapse once: its multiplier replaces both g(x) and the breakthrough, in any regime", () => {
    expect(areaGainOverStep(c, true, true, 1.1, 0.9, 1.7, 3, 40, 1, 31)).toBe(offensiveGain(PACE, 1.1, 0.9, 4, 1, 1));
    expect(areaGainOverStep(c, false, true, 1.1, 0.9, 1.7, 3, 40, 1, 31)).toBe(offensiveGain(PACE, 1.1, 0.9, 4, 1, 1));
    expect(areaGainOverStep(c, true, false, 1.1, 0.9, 1.7, 3, 40, 1, 31)).toBe(offensiveGain(PACE, 1.1, 0.9, 1.7, 3, 1));
  });

  it("spreads the stalemate change evenly: the days of a month add up to it", () => {
    let sum = 0;
    for (let d = 0; d < 31; d += 1) sum += areaGainOverStep(c, false, false, 1, 1, 1, 1, -62, 1, 31);
    expect(sum).toBeCloseTo(-62, 10);
  });
});

describe("areaAfterStep and areaRatePerDay", () => {
  const c = coefficients();

  it("match their @examples: bounded by T; the pace per day", () => {
    expect(areaAfterStep(c, 603_000, true, true, 1, 1, 1, 1, 0, 30.4375, 31)).toBe(603_628);
    expect(areaAfterStep(c, 120_000, true, false, 1, 1, 1, 1, 0, 1, 31)).toBe(
      boundArea(120_000 + offensiveGain(PACE, 1, 1, 1, 1, 1), 603_628),
    );
    expect(areaRatePerDay(c, 120_000, true, false, 1, 1, 40, 31)).toBeCloseTo(PACE, 12);
    expect(areaRatePerDay(c, 603_628, true, false, 1, 1, 40, 31)).toBe(0);
  });

  it("never leave [0, T]: a regaining step stops at 0", () => {
    expect(areaAfterStep(c, 10, true, false, 1, 1, -5, 1, 0, 30.4375, 31)).toBe(0);
    expect(areaRatePerDay(c, 0, false, false, 1, 1, -62, 31)).toBe(0);
  });
});

describe("boundedAreaRate", () => {
  it("matches its @example: no gain beyond T, no loss below 0", () => {
    expect(boundedAreaRate(603_628, 603_628, 15)).toBe(0);
    expect(boundedAreaRate(120_000, 603_628, 15)).toBe(15);
    expect(boundedAreaRate(603_628, 603_628, -15)).toBe(-15);
    expect(boundedAreaRate(0, 603_628, -15)).toBe(0);
  });
});

describe("occupiedShare", () => {
  it("matches its @example: 120,725.6 of 603,628 km² is 20%", () => {
    expect(occupiedShare(120_725.6, 603_628)).toBeCloseTo(0.2, 15);
  });
});

describe("areaAfterStep, written out flat", () => {
  it("gives the very bits of boundArea(A + areaGainOverStep(…)) (property)", () => {
    const c = coefficients();
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 603_628, noNaN: true }),
        fc.boolean(),
        fc.boolean(),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: -10, max: 3, noNaN: true }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.constantFrom(1, 28, 30, 31),
        fc.constantFrom(28, 29, 30, 31),
        (area, offensive, collapsed, intensity, noise, effect, breakthrough, stalemate, days, daysInMonth) =>
          Object.is(
            areaAfterStep(c, area, offensive, collapsed, intensity, noise, effect, breakthrough, stalemate, days, daysInMonth),
            boundArea(
              area + areaGainOverStep(c, offensive, collapsed, intensity, noise, effect, breakthrough, stalemate, days, daysInMonth),
              603_628,
            ),
          ),
      ),
      { numRuns: 5_000 },
    );
  });
});
