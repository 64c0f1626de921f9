import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  delayShare,
  FORCE_COEFFICIENT_SLOTS,
  FORCE_STATE_SLOTS,
  forceRates,
  forceRatesOf,
  ForceState,
  forceStateAtStart,
  forceStep,
  forceStepCoefficients,
  recruitsOverStep,
  recruitsPerDay,
  targetCeilingDay,
  targetStrength,
  type ForceParameters,
} from "../../src/model/forces.js";

/** One {@link forceStep} with its inputs as numbers; returns the step's combat losses (the change of LossesSoFar). */
function stepForce(
  state: Float64Array,
  at: number,
  c: Float64Array,
  hazardPerDay: number,
  from: number,
  days: number,
  frozen: boolean,
): number {
  const before = state[at + ForceState.LossesSoFar]!;
  forceStep(state, at, c, Float64Array.of(hazardPerDay, from, days), frozen);
  return state[at + ForceState.LossesSoFar]! - before;
}

describe("targetStrength", () => {
  it("matches its @example: 600,000 + 190·30 = 605,700", () => {
    expect(targetStrength(600_000, 190, 700_000, 30)).toBe(605_700);
  });

  it("grows linearly below the ceiling", () => {
    expect(targetStrength(600_000, 190, 700_000, 0)).toBe(600_000);
    expect(targetStrength(600_000, 190, 700_000, 365)).toBe(600_000 + 190 * 365);
    expect(targetStrength(400_000, 0, 700_000, 1_000)).toBe(400_000);
  });

  it("caps at the ceiling", () => {
    // 100,000 / 190 ≈ 526.3 days to the ceiling
    expect(targetStrength(600_000, 190, 700_000, 526)).toBeLessThan(700_000);
    expect(targetStrength(600_000, 190, 700_000, 527)).toBe(700_000);
    expect(targetStrength(600_000, 190, 700_000, 10_000)).toBe(700_000);
    // an initial force above the ceiling is held at the ceiling
    expect(targetStrength(800_000, 190, 700_000, 0)).toBe(700_000);
  });
});

describe("recruitsOverStep", () => {
  it("matches its @example: 35,700 (under the 39,569 capacity)", () => {
    expect(recruitsOverStep(30_000, 5_700, 0, delayShare(91.3125, 30.4375), 1_300, 30.4375)).toBe(35_700);
    expect(1_300 * 30.4375).toBeCloseTo(39_569, 0);
  });

  it("closes the gap at the exact first-order rate: gap·(1 − e^(−dt/τ))", () => {
    for (const [gap, tau, dt] of [
      [50_000, 91, 30.4375],
      [10_000, 30.4375, 1],
      [120_000, 182.6, 31],
      [7, 60, 28],
    ]) {
      expect(recruitsOverStep(0, 0, gap!, delayShare(tau!, dt!), 1e9, dt!)).toBeCloseTo(gap! * (1 - Math.exp(-dt! / tau!)), 6);
    }
  });

  it("composes: two half steps close as much of the gap as one full step", () => {
    const gap = 80_000,
      tau = 91.3125,
      dt = 30.4375;
    const first = recruitsOverStep(0, 0, gap, delayShare(tau, dt / 2), 1e9, dt / 2);
    const second = recruitsOverStep(0, 0, gap - first, delayShare(tau, dt / 2), 1e9, dt / 2);
    expect(first + second).toBeCloseTo(recruitsOverStep(0, 0, gap, delayShare(tau, dt), 1e9, dt), 6);
    // 30 day steps close as much as one 30-day step (no overshoot from the step size)
    let remaining = gap,
      total = 0;
    for (let d = 0; d < 30; d += 1) {
      const r = recruitsOverStep(0, 0, remaining, delayShare(tau, 1), 1e9, 1);
      total += r;
      remaining -= r;
    }
    expect(total).toBeCloseTo(recruitsOverStep(0, 0, gap, delayShare(tau, 30), 1e9, 30), 6);
  });

  it("never overshoots the gap, however long the step", () => {
    expect(recruitsOverStep(0, 0, 50_000, delayShare(30, 10_000), 1e9, 10_000)).toBeLessThanOrEqual(50_000);
    expect(recruitsOverStep(0, 0, 50_000, delayShare(30, 10_000), 1e9, 10_000)).toBeCloseTo(50_000, 6);
  });

  it("adds replacement need, target growth and the gap term", () => {
    const gapTerm = 20_000 * -Math.expm1(-30 / 90);
    expect(recruitsOverStep(12_000, 3_000, 20_000, delayShare(90, 30), 1e9, 30)).toBeCloseTo(12_000 + 3_000 + gapTerm, 6);
  });

  it("clamps at the capacity·days", () => {
    expect(recruitsOverStep(50_000, 5_700, 0, delayShare(91, 30.4375), 1_300, 30.4375)).toBe(1_300 * 30.4375);
    expect(recruitsOverStep(0, 0, 1e7, delayShare(91, 1), 1_000, 1)).toBe(1_000);
  });

  it("clamps at 0 (a force above its target does not discharge)", () => {
    expect(recruitsOverStep(0, 0, -50_000, delayShare(91, 30), 1_300, 30)).toBe(0);
    expect(recruitsOverStep(1_000, 0, -500_000, delayShare(91, 30), 1_300, 30)).toBe(0);
    expect(recruitsOverStep(-100, 0, 0, delayShare(91, 30), 1_300, 30)).toBe(0);
  });

  it("stays in [0, capacity·days] (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 30, max: 1_000, noNaN: true }),
        fc.double({ min: 0, max: 5_000, noNaN: true }),
        fc.double({ min: 0, max: 31, noNaN: true }),
        (need, growth, gap, tau, cap, dt) => {
          const r = recruitsOverStep(need, growth, gap, delayShare(tau, dt), cap, dt);
          return r >= 0 && r <= cap * dt;
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe("delayShare", () => {
  it("matches its @example: ≈ 0.2835", () => {
    expect(delayShare(91.3125, 30.4375)).toBeCloseTo(0.2835, 4);
    expect(delayShare(91.3125, 30.4375)).toBeCloseTo(1 - Math.exp(-1 / 3), 14);
  });

  it("is 1 for a zero delay", () => {
    expect(delayShare(0, 30.4375)).toBe(1);
    expect(delayShare(0, 1)).toBe(1);
  });

  it("is 1 − e^(−dt/delay), in (0, 1), and composes over sub-steps", () => {
    for (const [delay, dt] of [
      [30, 1],
      [91.3, 30.4375],
      [10, 100],
    ]) {
      const s = delayShare(delay!, dt!);
      expect(s).toBeCloseTo(1 - Math.exp(-dt! / delay!), 14);
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThanOrEqual(1);
      // what stays after two half steps = what stays after one step
      const half = delayShare(delay!, dt! / 2);
      expect((1 - half) ** 2).toBeCloseTo(1 - s, 14);
    }
  });
});

const UKRAINE = {
  initialForce: 400_000,
  targetGrowthPerMonth: 0,
  recruitmentCapacityPerMonth: 30_437.5,
  adjustmentMonths: 3,
  trainingMonths: 0,
  woundedReturnShare: 0.3,
  returnDelayMonths: 3,
  desertionPerMonth: 0,
};
/** One path's parameters as the engine holds them (a Float64Array per parameter). */
const asDraws = (force: ForceParameters<number>): ForceParameters<Float64Array> =>
  Object.fromEntries(Object.entries(force).map(([k, v]) => [k, Float64Array.of(v as number)])) as unknown as ForceParameters<Float64Array>;
const coefficients = (force: ForceParameters<number>, days: number) => {
  const c = new Float64Array(FORCE_COEFFICIENT_SLOTS);
  forceStepCoefficients(c, asDraws(force), 0, days);
  return c;
};
const stateOf = (force: number, wounded = 0, inTraining = 0, inflowPerDay = 0) => {
  const state = new Float64Array(FORCE_STATE_SLOTS);
  forceStateAtStart(state, 0, force, wounded, inflowPerDay);
  state[ForceState.InTraining] = inTraining;
  return state;
};

describe("recruitsPerDay (rate form)", () => {
  it("matches its @example: 1,518.5 wanted, capped at 1,300", () => {
    expect(recruitsPerDay(1_000, 190, 30_000, 91.3125, 1_300)).toBe(1_300);
    expect(recruitsPerDay(1_000, 190, 30_000, 91.3125, 2_000)).toBeCloseTo(1_000 + 190 + 30_000 / 91.3125, 9);
  });

  it("clamps at 0 for a force above its target", () => {
    expect(recruitsPerDay(100, 0, -50_000, 91.3125, 1_300)).toBe(0);
  });
});

describe("targetCeilingDay", () => {
  it("matches its @example: 100,000 / 190 ≈ 526.3 days", () => {
    expect(targetCeilingDay(600_000, 190, 700_000)).toBeCloseTo(100_000 / 190, 9);
  });

  it("is Infinity without growth or ceiling, 0 for a force starting above its ceiling", () => {
    expect(targetCeilingDay(600_000, 0, 700_000)).toBe(Infinity);
    expect(targetCeilingDay(600_000, 190, Infinity)).toBe(Infinity);
    expect(targetCeilingDay(800_000, 190, 700_000)).toBe(0);
  });
});

describe("forceStateAtStart", () => {
  it("matches its @example and clears what accumulates", () => {
    const state = new Float64Array(FORCE_STATE_SLOTS).fill(7);
    forceStateAtStart(state, 0, 400_000, 12_960, 473.1);
    expect(state[ForceState.Force]).toBe(400_000);
    expect(Array.from(state)).toEqual([400_000, 12_960, 0, 473.1, 0, 0, 0, 0]);
  });
});

describe("forceStep (step form: one side, Russia and Ukraine alike)", () => {
  it("matches its @example: 400,000 · (1 − e^(−0.0012)) ≈ 479.71 lost, recruited at once", () => {
    const c = new Float64Array(FORCE_COEFFICIENT_SLOTS);
    forceStepCoefficients(c, asDraws(UKRAINE), 0, 1);
    const state = stateOf(400_000);
    const lost = stepForce(state, 0, c, 0.0012, 0, 1, false);
    expect(lost).toBeCloseTo(400_000 * -Math.expm1(-0.0012), 6);
    expect(lost).toBeCloseTo(479.71, 2);
    expect(state[ForceState.Force]).toBe(400_000);
    expect(state[ForceState.Wounded]).toBeCloseTo(0.3 * lost, 9);
    expect(state[ForceState.LossesSoFar]).toBe(lost);
    expect(state[ForceState.JoinedSoFar]).toBe(lost);
    expect(state[ForceState.InflowPerDay]).toBe(lost);
  });

  it("keeps the books: initial + joined + returned − losses − deserted = force, step after step", () => {
    const side = { ...UKRAINE, trainingMonths: 1.5, desertionPerMonth: 0.01, targetGrowthPerMonth: 3_000, targetCeiling: 450_000 };
    for (const days of [1, 30.4375]) {
      const c = coefficients(side, days);
      const state = stateOf(400_000, 10_000, 5_000, 400);
      const [f0, w0] = [400_000, 10_000];
      for (let s = 0; s < 200; s += 1) stepForce(state, 0, c, 0.0015 + 0.0005 * Math.sin(s), s * days, days, false);
      const at = (slot: ForceState) => state[slot]!;
      expect(at(ForceState.Force)).toBeCloseTo(
        f0 + at(ForceState.JoinedSoFar) + at(ForceState.ReturnedSoFar) - at(ForceState.LossesSoFar) - at(ForceState.DesertedSoFar),
        4,
      );
      // wounded: a share of the losses in, the returned out
      expect(at(ForceState.Wounded)).toBeCloseTo(w0 + 0.3 * at(ForceState.LossesSoFar) - at(ForceState.ReturnedSoFar), 4);
      expect(at(ForceState.InTraining)).toBeGreaterThanOrEqual(0);
      expect(at(ForceState.Force)).toBeGreaterThan(0);
    }
  });

  it("splits the outflow between losses and deserters in proportion to their hazards", () => {
    const side = { ...UKRAINE, desertionPerMonth: 0.02 };
    const c = coefficients(side, 1);
    const state = stateOf(400_000);
    const lost = stepForce(state, 0, c, 0.0012, 0, 1, false);
    const deserted = state[ForceState.DesertedSoFar]!;
    const desertionPerDay = 0.02 / 30.4375;
    expect(lost / deserted).toBeCloseTo(0.0012 / desertionPerDay, 9);
  });

  it("frozen: losses accrue at the replenished rate h·S·dt, nothing else moves", () => {
    const c = coefficients(UKRAINE, 30.4375);
    const state = stateOf(400_000, 12_960, 0, 473.1);
    const before = Array.from(state);
    const lost = stepForce(state, 0, c, 0.0012, 0, 30.4375, true);
    expect(lost).toBeCloseTo(0.0012 * 400_000 * 30.4375, 6);
    expect(state[ForceState.LossesSoFar]).toBe(lost);
    expect(Array.from(state).filter((_, k) => k !== ForceState.LossesSoFar)).toEqual(before.filter((_, k) => k !== ForceState.LossesSoFar));
  });

  it("never takes more than the force, however large the hazard or the step", () => {
    const c = coefficients({ ...UKRAINE, desertionPerMonth: 0.5 }, 365);
    const state = stateOf(1_000);
    stepForce(state, 0, c, 1e6, 0, 365, false);
    expect(state[ForceState.Force]!).toBeGreaterThanOrEqual(0);
    expect(state[ForceState.LossesSoFar]! + state[ForceState.DesertedSoFar]!).toBeLessThanOrEqual(1_000);
  });

  it("converges to the rate form (forceRates) as the step shrinks", () => {
    const side = { ...UKRAINE, trainingMonths: 1, desertionPerMonth: 0.01, targetGrowthPerMonth: 2_000 };
    const rates = forceRatesOf(side);
    const [force, wounded, inTraining, hazard, day] = [390_000, 12_000, 8_000, 0.0012, 10];
    const d = new Float64Array(FORCE_STATE_SLOTS);
    forceRates(d, rates, force, wounded, inTraining, hazard * force, rates.targetGrowthPerDay, day);
    const dt = 1e-4;
    const state = stateOf(force, wounded, inTraining, 0);
    // the step's inflow estimate: this instant's returns + trained recruits
    state[ForceState.InflowPerDay] = wounded / rates.returnDelayDays + inTraining / rates.trainingDays;
    stepForce(state, 0, coefficients(side, dt), hazard, day, dt, false);
    expect((state[ForceState.Force]! - force) / dt).toBeCloseTo(d[ForceState.Force]!, 1);
    expect((state[ForceState.Wounded]! - wounded) / dt).toBeCloseTo(d[ForceState.Wounded]!, 1);
    expect((state[ForceState.InTraining]! - inTraining) / dt).toBeCloseTo(d[ForceState.InTraining]!, 1);
  });
});

describe("forceRatesOf and forceRates (rate form, for the mean field)", () => {
  it("match their @examples", () => {
    const rates = forceRatesOf(UKRAINE);
    expect(rates.capacityPerDay).toBe(1_000);
    expect(rates.adjustmentDays).toBe(91.3125);
    expect(rates.targetCeiling).toBe(Infinity);
    const d = new Float64Array(FORCE_STATE_SLOTS);
    forceRates(d, rates, 400_000, 0, 0, 480, 0, 0);
    expect(d[ForceState.Force]).toBe(0);
    expect(d[ForceState.Wounded]).toBeCloseTo(144, 12);
    expect(d[ForceState.InTraining]).toBe(0);
  });

  it("with a training delay, recruits enter training and trained recruits join", () => {
    const rates = forceRatesOf({ ...UKRAINE, trainingMonths: 2 });
    const d = new Float64Array(FORCE_STATE_SLOTS);
    forceRates(d, rates, 400_000, 0, 6_087.5, 480, 0, 0);
    const joining = 6_087.5 / rates.trainingDays;
    expect(d[ForceState.Force]).toBeCloseTo(-480 + joining, 9);
    expect(d[ForceState.InTraining]! + joining).toBeCloseTo(
      recruitsPerDay(480, 0, -6_087.5, rates.adjustmentDays, rates.capacityPerDay),
      9,
    );
  });
});

describe("forceStep on a block's stocks", () => {
  it("updates only the path at `at`, as it would a path on its own", () => {
    const c = coefficients({ ...UKRAINE, trainingMonths: 1 }, 1);
    const alone = stateOf(390_000, 9_000, 3_000, 450);
    const block = new Float64Array(3 * FORCE_STATE_SLOTS).fill(-1);
    block.set(alone, FORCE_STATE_SLOTS);
    const lostAlone = stepForce(alone, 0, c, 0.0013, 12, 1, false);
    const lostInBlock = stepForce(block, FORCE_STATE_SLOTS, c, 0.0013, 12, 1, false);
    expect(lostInBlock).toBe(lostAlone);
    expect(Array.from(block.subarray(FORCE_STATE_SLOTS, 2 * FORCE_STATE_SLOTS))).toEqual(Array.from(alone));
    expect([...block.subarray(0, FORCE_STATE_SLOTS), ...block.subarray(2 * FORCE_STATE_SLOTS)].every((v) => v === -1)).toBe(true);
  });
});
