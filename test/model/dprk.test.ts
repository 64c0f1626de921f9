import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { lossOverStep } from "../../src/model/attrition.js";
import {
  capToPool,
  DPRK_COEFFICIENT_SLOTS,
  DPRK_STATE_SLOTS,
  DprkState,
  dprkRates,
  dprkStateAtStart,
  dprkStep,
  dprkStepCoefficients,
  furtherWaveCount,
  pendingAfterNewWaves,
  scheduledArrivalRate,
  scheduledArrivals,
  type DprkParameters,
} from "../../src/model/dprk.js";
import { delayShare } from "../../src/model/forces.js";
import { buildCalendar } from "../../src/engine/calendar.js";

/** Poisson pmf by logs (independent of the recurrence in the code). */
function poissonPmf(mean: number, k: number): number {
  let logFact = 0;
  for (let i = 2; i <= k; i += 1) logFact += Math.log(i);
  return Math.exp(-mean + k * Math.log(mean) - logFact);
}

/** One {@link dprkStep} with its inputs as numbers; returns the step's losses (the change of LossesSoFar). */
function stepDprk(
  state: Float64Array,
  at: number,
  c: Float64Array,
  waves: Float64Array,
  waveCount: number,
  hazardPerDay: number,
  from: number,
  days: number,
  frozen: boolean,
): number {
  const before = state[at + DprkState.LossesSoFar]!;
  dprkStep(state, at, c, waves, waveCount, Float64Array.of(hazardPerDay, from, days), frozen);
  return state[at + DprkState.LossesSoFar]! - before;
}

describe("scheduledArrivals", () => {
  it("matches its @example: 30 of 153 days of a 27,500 wave = 5392.2…", () => {
    expect(scheduledArrivals(27_500, 31, 184, 31, 61)).toBeCloseTo((27_500 * 30) / 153, 10);
    expect(scheduledArrivals(27_500, 31, 184, 31, 61)).toBeCloseTo(5_392.16, 2);
  });

  it("is 0 for steps wholly before or after the window (and for a step that only touches it)", () => {
    expect(scheduledArrivals(27_500, 31, 184, 0, 31)).toBe(0);
    expect(scheduledArrivals(27_500, 31, 184, 184, 214)).toBe(0);
    expect(scheduledArrivals(27_500, 31, 184, 300, 330)).toBe(0);
  });

  it("counts only the overlap of a step straddling the window's edges", () => {
    // [20, 40) overlaps [31, 184) for 9 days; [180, 200) for 4 days
    expect(scheduledArrivals(15_300, 31, 184, 20, 40)).toBeCloseTo(900, 10);
    expect(scheduledArrivals(15_300, 31, 184, 180, 200)).toBeCloseTo(400, 10);
    // a step containing the whole window brings the whole wave
    expect(scheduledArrivals(15_300, 31, 184, 0, 365)).toBeCloseTo(15_300, 10);
  });

  it("sums to the wave size over consecutive day steps covering the window", () => {
    for (const [size, start, end] of [
      [27_500, 31, 184],
      [12_000, 0, 1],
      [3_000, 45, 46],
      [50_000, 10, 400],
    ]) {
      let sum = 0;
      for (let d = 0; d < 500; d += 1) sum += scheduledArrivals(size!, start!, end!, d, d + 1);
      expect(sum).toBeCloseTo(size!, 8);
    }
  });

  it("sums to the wave size over consecutive calendar-month steps covering the window", () => {
    const months = buildCalendar("2025-07-01", 24);
    for (const [size, start, end] of [
      [27_500, 31, 184],
      [12_000, 17, 18],
      [50_000, 10, 700],
      [8_000, 59, 62],
    ]) {
      let sum = 0;
      for (const m of months) sum += scheduledArrivals(size!, start!, end!, m.startDay, m.startDay + m.days);
      expect(sum).toBeCloseTo(size!, 8);
    }
  });

  it("sums to the wave size over steps of a non-integer length", () => {
    let sum = 0;
    for (let from = 0; from < 400; from += 30.4375) sum += scheduledArrivals(27_500, 31, 184, from, from + 30.4375);
    expect(sum).toBeCloseTo(27_500, 8);
  });
});

describe("capToPool", () => {
  it("matches its @example: only 10,000 room left", () => {
    expect(capToPool(20_000, 140_000, 150_000)).toBe(10_000);
  });

  it("passes arrivals through when there is room", () => {
    expect(capToPool(5_000, 140_000, 150_000)).toBe(5_000);
    expect(capToPool(10_000, 140_000, 150_000)).toBe(10_000);
    expect(capToPool(0, 0, 150_000)).toBe(0);
  });

  it("is 0, never negative, when the pool is full or over-full", () => {
    expect(capToPool(5_000, 150_000, 150_000)).toBe(0);
    expect(capToPool(5_000, 160_000, 150_000)).toBe(0);
    expect(capToPool(0, 160_000, 150_000)).toBe(0);
  });

  it("never exceeds pool − deployed and is never negative (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (arrivals, deployed, pool) => {
          const a = capToPool(arrivals, deployed, pool);
          return a >= 0 && a <= Math.max(0, pool - deployed) && a <= arrivals;
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe("furtherWaveCount", () => {
  it("matches its @example: rate 0.5/yr, u = 0.99 → 1", () => {
    expect(furtherWaveCount(0.5, 0.99)).toBe(1);
  });

  it("is 0 for rate 0, whatever u", () => {
    for (const u of [0, 0.5, 0.99, 0.999999999, 1 - 2 ** -53]) expect(furtherWaveCount(0, u)).toBe(0);
  });

  it("is 0 for u at or below e^(−mean) and 1 just above", () => {
    const mean = 6 / 12;
    expect(furtherWaveCount(6, 0)).toBe(0);
    expect(furtherWaveCount(6, Math.exp(-mean) * (1 - 1e-12))).toBe(0);
    expect(furtherWaveCount(6, Math.exp(-mean) * (1 + 1e-12))).toBe(1);
  });

  it("is the Poisson(rate/12) inverse CDF: F(k−1) < u ≤ F(k) on a fine grid of u", () => {
    for (const rate of [0.5, 6, 36]) {
      const mean = rate / 12;
      const cdf: number[] = [];
      let c = 0;
      for (let k = 0; k <= 40; k += 1) cdf.push((c += poissonPmf(mean, k)));
      const n = 20_000;
      const bad: number[] = [];
      for (let i = 0; i < n; i += 1) {
        const u = (i + 0.5) / n;
        const k = furtherWaveCount(rate, u);
        if (!(u <= cdf[k]! + 1e-12) || (k > 0 && !(u > cdf[k - 1]! - 1e-12))) bad.push(u);
      }
      expect(bad).toEqual([]);
    }
  });

  it("gives the Poisson pmf as its empirical distribution over a fine grid of u", () => {
    for (const rate of [0.5, 2, 12, 60, 240]) {
      const mean = rate / 12;
      const n = 1_000_000;
      const counts = new Map<number, number>();
      let sum = 0;
      for (let i = 0; i < n; i += 1) {
        const k = furtherWaveCount(rate, (i + 0.5) / n);
        counts.set(k, (counts.get(k) ?? 0) + 1);
        sum += k;
      }
      // a grid of spacing 1/n reproduces each probability to within 1/n
      for (let k = 0; k <= 60; k += 1) {
        expect(Math.abs((counts.get(k) ?? 0) / n - poissonPmf(mean, k))).toBeLessThanOrEqual(1.5 / n);
      }
      expect(sum / n).toBeCloseTo(mean, 3);
    }
  });

  it("is non-decreasing in u", () => {
    let prev = 0;
    for (let i = 0; i <= 10_000; i += 1) {
      const k = furtherWaveCount(24, i / 10_000);
      expect(k).toBeGreaterThanOrEqual(prev);
      prev = k;
    }
  });
});

const DPRK = {
  initialForce: 10_000,
  combatValue: 0.7,
  exposure: 2,
  woundedReturnShare: 0.2,
  returnDelayMonths: 3,
  deployablePool: 150_000,
  waves: [] as { size: number }[],
  furtherWaves: { ratePerYear: 0, spreadMonths: 2 },
};
const dprkDraws = (d: typeof DPRK): DprkParameters<Float64Array> => ({
  initialForce: Float64Array.of(d.initialForce),
  combatValue: Float64Array.of(d.combatValue),
  exposure: Float64Array.of(d.exposure),
  woundedReturnShare: Float64Array.of(d.woundedReturnShare),
  returnDelayMonths: Float64Array.of(d.returnDelayMonths),
  deployablePool: Float64Array.of(d.deployablePool),
  waves: [],
  furtherWaves: { ratePerYear: Float64Array.of(d.furtherWaves.ratePerYear), spreadMonths: Float64Array.of(d.furtherWaves.spreadMonths) },
});
const dprkCoefficients = (d: typeof DPRK, days: number) => {
  const c = new Float64Array(DPRK_COEFFICIENT_SLOTS);
  dprkStepCoefficients(c, dprkDraws(d), 0, days);
  return c;
};
const contingent = (force: number, wounded = 0) => {
  const state = new Float64Array(DPRK_STATE_SLOTS);
  dprkStateAtStart(state, 0, force, wounded);
  return state;
};

describe("pendingAfterNewWaves", () => {
  it("matches its @example: 5,000 + 1 · 20,000", () => {
    expect(pendingAfterNewWaves(5_000, 1, 20_000)).toBe(25_000);
    expect(pendingAfterNewWaves(5_000, 0, 20_000)).toBe(5_000);
  });
});

describe("dprkStateAtStart", () => {
  it("matches its @example: K0 counts towards the pool", () => {
    const state = contingent(10_000, 1_200);
    expect(state[DprkState.Deployed]).toBe(10_000);
    expect(Array.from(state)).toEqual([10_000, 1_200, 0, 10_000, 0, 0, 0, 0]);
  });
});

describe("dprkStep (step form)", () => {
  it("matches its @example: ≈ 40 lost at e·h = 0.004, 100 arriving from a 15,300 wave over 153 days", () => {
    const state = contingent(10_000);
    const lost = stepDprk(state, 0, dprkCoefficients(DPRK, 1), Float64Array.of(15_300, 31, 184), 1, 0.002, 40, 1, false);
    expect(lost).toBeCloseTo(40, 0);
    expect(lost).toBeCloseTo(lossOverStep(10_000, 100, 0.004, 1), 12);
    expect(state[DprkState.ArrivedSoFar]).toBeCloseTo(100, 9);
    expect(state[DprkState.Force]).toBeCloseTo(10_000 - lost + 100, 9);
    expect(state[DprkState.Wounded]).toBeCloseTo(0.2 * lost, 9);
  });

  it("caps arrivals at the pool and counts the rest as beyond it", () => {
    const state = contingent(10_000);
    const c = dprkCoefficients({ ...DPRK, deployablePool: 10_050 }, 30);
    stepDprk(state, 0, c, Float64Array.of(15_300, 31, 184), 1, 0.002, 40, 30, false);
    expect(state[DprkState.Deployed]).toBe(10_050);
    expect(state[DprkState.ArrivedSoFar]).toBe(50);
    expect(state[DprkState.BeyondPoolSoFar]).toBeCloseTo((15_300 * 30) / 153 - 50, 9);
  });

  it("releases pending further-wave troops as a first-order delay, adding scheduled waves after them", () => {
    const state = contingent(0);
    state[DprkState.Pending] = 20_000;
    const c = dprkCoefficients(DPRK, 30.4375);
    stepDprk(state, 0, c, Float64Array.of(3_000, 0, 61, 1_000, 10, 20), 2, 0, 0, 30.4375, false);
    const fromPending = 20_000 * delayShare(2 * 30.4375, 30.4375);
    expect(state[DprkState.Pending]).toBeCloseTo(20_000 - fromPending, 9);
    expect(state[DprkState.ArrivedSoFar]).toBeCloseTo(fromPending + scheduledArrivals(3_000, 0, 61, 0, 30.4375) + 1_000, 9);
  });

  it("frozen: losses at the replenished rate e·h·K·dt, no arrivals, nothing else moves", () => {
    const state = contingent(10_000, 500);
    state[DprkState.Pending] = 7_000;
    const before = Array.from(state);
    const lost = stepDprk(state, 0, dprkCoefficients(DPRK, 30), Float64Array.of(15_300, 0, 184), 1, 0.002, 0, 30, true);
    expect(lost).toBeCloseTo(2 * 0.002 * 10_000 * 30, 9);
    expect(Array.from(state).filter((_, k) => k !== DprkState.LossesSoFar)).toEqual(before.filter((_, k) => k !== DprkState.LossesSoFar));
  });
});

describe("scheduledArrivalRate and dprkRates (rate form, for the mean field)", () => {
  it("match their @examples", () => {
    expect(scheduledArrivalRate(15_300, 31, 184, 40)).toBe(100);
    expect(scheduledArrivalRate(15_300, 31, 184, 184)).toBe(0);
    expect(scheduledArrivalRate(15_300, 31, 184, 30.9)).toBe(0);
    const d = new Float64Array(DPRK_STATE_SLOTS);
    dprkRates(d, 0.2, 91.3125, 150_000, 0, 10_000, 40, 100);
    expect(d[DprkState.Force]).toBe(60);
    expect(d[DprkState.Wounded]).toBe(8);
    expect(d[DprkState.Deployed]).toBe(100);
  });

  it("stops arrivals once the deployments reach the pool", () => {
    const d = new Float64Array(DPRK_STATE_SLOTS);
    dprkRates(d, 0.2, 91.3125, 150_000, 9_131.25, 150_000, 40, 100);
    expect(d[DprkState.Deployed]).toBe(0);
    expect(d[DprkState.Force]).toBeCloseTo(-40 + 100, 9);
  });
});
