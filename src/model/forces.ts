/**
 * Force generation as stock management (system dynamics; DESIGN §3): one side's step — wounded
 * returning, the training pipeline, desertion split off the outflow, recruits towards a target
 * within a capacity — the same law for Russia and for Ukraine.
 *
 *   recruits/day = clamp(losses − returns + desertion + dTarget/dt + (target − force − inTraining)/τ, 0, capacity)
 *   dW/dt = s·losses − W/δ        dT/dt = recruits − T/tr        dF/dt = −losses − μ·F + W/δ + T/tr
 *
 * (with no training delay, tr = 0, recruits join at once). Russia's target grows at F7's pace
 * (+5.7k/month) up to `russia.targetCeiling` (assumption); Ukraine's is its initial strength.
 * Capacities, return shares and delays are assumptions with wide ranges (docs/model.md).
 *
 * Two forms of the same law: the rate form ({@link forceRates}, {@link recruitsPerDay}) for the
 * mean-field ODE, and the step form ({@link forceStep}) for the engine, where over a step of dt
 * days each first-order delay releases the share 1 − e^(−dt/delay) of its stock and the gap
 * term closes gap · (1 − e^(−dt/τ)), so a month step cannot overshoot the target.
 * Units: people, days (parameters per month are converted with 30.4375 days a month).
 */
import type { ParameterView } from "../scenario/parameter-list.js";
import type { ForceBlock } from "../scenario/schema.js";
import { DAYS_PER_MONTH } from "../scenario/article.js";
import { lossOverStep } from "./attrition.js";

/** One side's parameters, as numbers (the mean field) or one value per path (the engine). */
export type ForceParameters<V> = ParameterView<ForceBlock, V>;

/**
 * Slots of one side's state for one path, in a Float64Array of {@link FORCE_STATE_SLOTS} numbers
 * (an enum, so that the bundler writes the slot numbers into the engine's loop).
 */
export const enum ForceState {
  /** In-theatre personnel (people). */
  Force = 0,
  /** Wounded in recovery who will return to duty (people). */
  Wounded = 1,
  /** Recruits in training (people). */
  InTraining = 2,
  /** The last step's inflow, returns + trained recruits (people per day): the estimate of this step's. */
  InflowPerDay = 3,
  /** Cumulative losses since the start (people). */
  LossesSoFar = 4,
  /** Cumulative recruits who finished training and joined (people). */
  JoinedSoFar = 5,
  /** Cumulative wounded returned to duty (people). */
  ReturnedSoFar = 6,
  /** Cumulative deserters (people). */
  DesertedSoFar = 7,
}
export const FORCE_STATE_SLOTS = 8;

/**
 * Slots of a step's inputs, which the engine writes before each step of {@link forceStep} and
 * dprkStep: in a Float64Array rather than as arguments, because V8 boxes every floating-point
 * argument of a call it does not inline — ≈ 1 GB of short-lived numbers over W1 (bench).
 */
export const enum StepInput {
  /** The side's per-capita combat hazard h (per day). */
  HazardPerDay = 0,
  /** The step's first day (days since t0). */
  FromDay = 1,
  /** The step's length (days). */
  Days = 2,
}
export const STEP_INPUT_SLOTS = 3;

/** Slots of one side's step coefficients for one path and step length (fixed for a month). */
const enum Coefficient {
  InitialForce = 0,
  TargetGrowthPerDay = 1,
  TargetCeiling = 2,
  CapacityPerDay = 3,
  DesertionPerDay = 4,
  GapShare = 5,
  TrainedShare = 6,
  HealedShare = 7,
  ReturnShare = 8,
}
export const FORCE_COEFFICIENT_SLOTS = 9;

/**
 * Set one path's state to a side at t0 — the FORCE_STATE_SLOTS numbers of `state` from index
 * `at` — its force, its wounded in recovery and its inflow (people per day; model/initial.ts
 * gives both), nothing accumulated yet.
 * @example
 * const state = new Float64Array(FORCE_STATE_SLOTS);
 * forceStateAtStart(state, 0, 400_000, 12_960, 473.1);
 * state[ForceState.Force]; // 400000
 */
export function forceStateAtStart(state: Float64Array, at: number, force0: number, wounded0: number, inflowPerDay0: number): void {
  state.fill(0, at, at + FORCE_STATE_SLOTS);
  state[at + ForceState.Force] = force0;
  state[at + ForceState.Wounded] = wounded0;
  state[at + ForceState.InflowPerDay] = inflowPerDay0;
}

/**
 * The target strength after `days`: initial + growth · days, capped at the ceiling (F7's growth
 * for Russia; Ukraine's target is its initial strength). People.
 * @example
 * targetStrength(600_000, 190, 700_000, 30); // 605700
 */
export function targetStrength(initialForce: number, growthPerDay: number, ceiling: number, days: number): number {
  return Math.min(ceiling, initialForce + growthPerDay * days);
}

/**
 * The day on which the target reaches its ceiling: (ceiling − initial)/growth, 0 for a force
 * starting at or above it, Infinity when the target never gets there (no growth, no ceiling).
 * dTarget/dt drops from the growth to 0 on that day.
 * @example
 * targetCeilingDay(600_000, 190, 700_000); // ≈ 526.3
 */
export function targetCeilingDay(initialForce: number, growthPerDay: number, ceiling: number): number {
  return growthPerDay > 0 && ceiling < Infinity ? Math.max(0, (ceiling - initialForce) / growthPerDay) : Infinity;
}

/**
 * People recruited over a step of `days` (the step form of the module equation):
 * clamp(need + targetGrowth + gap · gapShare, 0, capacity · days).
 * @param replacementNeed losses − returns + desertion over the step (people)
 * @param targetGrowth growth of the target over the step (people)
 * @param gap target − (force + in training) at the start of the step (people)
 * @param gapShare the share of the gap closed over the step, 1 − e^(−dt/τ) ({@link delayShare} of τ)
 * @param capacityPerDay most recruits per day
 * @example
 * recruitsOverStep(30_000, 5_700, 0, delayShare(91.3125, 30.4375), 1_300, 30.4375); // 35700 (under the 39,569 capacity)
 */
export function recruitsOverStep(
  replacementNeed: number,
  targetGrowth: number,
  gap: number,
  gapShare: number,
  capacityPerDay: number,
  days: number,
): number {
  const desired = replacementNeed + targetGrowth + gap * gapShare;
  const capacity = capacityPerDay * days;
  return desired <= 0 ? 0 : desired >= capacity ? capacity : desired;
}

/**
 * Recruits per day (the rate form of the module equation, for the mean field):
 * clamp(need + dTarget/dt + gap/τ, 0, capacity).
 * @param replacementNeedPerDay losses − returns + desertion (people per day)
 * @param targetGrowthPerDay dTarget/dt (people per day; 0 once the target is at its ceiling)
 * @param gap target − force − in training (people)
 * @param adjustmentDays τ, days to close the gap
 * @example
 * recruitsPerDay(1_000, 190, 30_000, 91.3125, 1_300); // 1300 (1,518.5 wanted, capped)
 */
export function recruitsPerDay(
  replacementNeedPerDay: number,
  targetGrowthPerDay: number,
  gap: number,
  adjustmentDays: number,
  capacityPerDay: number,
): number {
  const desired = replacementNeedPerDay + targetGrowthPerDay + gap / adjustmentDays;
  return desired < 0 ? 0 : desired > capacityPerDay ? capacityPerDay : desired;
}

/**
 * The share of a first-order delay's stock that leaves over a step: 1 − e^(−dt/delay)
 * (1 for a zero delay). Constant for a path within a month, so the engine computes it once.
 * @example
 * delayShare(91.3125, 30.4375); // ≈ 0.2835
 */
export function delayShare(delayDays: number, days: number): number {
  return delayDays > 0 ? -Math.expm1(-days / delayDays) : 1;
}

/**
 * Fill `out` (FORCE_COEFFICIENT_SLOTS numbers) with path `path`'s coefficients of one side for
 * steps of `days`: the per-day rates and the shares leaving each delay per step. They are fixed
 * for a month, so the engine computes them once per path and month, outside the steps.
 * @example
 * const one = (v: number) => Float64Array.of(v);
 * const ukraine = {
 *   initialForce: one(400_000), targetGrowthPerMonth: one(0), recruitmentCapacityPerMonth: one(30_437.5), adjustmentMonths: one(3),
 *   trainingMonths: one(0), woundedReturnShare: one(0.3), returnDelayMonths: one(3), desertionPerMonth: one(0),
 * };
 * const c = new Float64Array(FORCE_COEFFICIENT_SLOTS);
 * forceStepCoefficients(c, ukraine, 0, 1); // path 0, day steps: c is ready for forceStep
 */
export function forceStepCoefficients(out: Float64Array, force: ForceParameters<Float64Array>, path: number, days: number): void {
  const ceiling = force.targetCeiling;
  out[Coefficient.InitialForce] = force.initialForce[path]!;
  out[Coefficient.TargetGrowthPerDay] = force.targetGrowthPerMonth[path]! / DAYS_PER_MONTH;
  out[Coefficient.TargetCeiling] = ceiling ? ceiling[path]! : Infinity;
  out[Coefficient.CapacityPerDay] = force.recruitmentCapacityPerMonth[path]! / DAYS_PER_MONTH;
  out[Coefficient.DesertionPerDay] = force.desertionPerMonth[path]! / DAYS_PER_MONTH;
  out[Coefficient.GapShare] = delayShare(force.adjustmentMonths[path]! * DAYS_PER_MONTH, days);
  out[Coefficient.TrainedShare] = delayShare(force.trainingMonths[path]! * DAYS_PER_MONTH, days);
  out[Coefficient.HealedShare] = delayShare(force.returnDelayMonths[path]! * DAYS_PER_MONTH, days);
  out[Coefficient.ReturnShare] = force.woundedReturnShare[path]!;
}

/**
 * One side's step (the step form), updating one path's state in place — the FORCE_STATE_SLOTS
 * numbers of `state` from index `at` (a block keeps its paths' states one after another); the
 * step's combat losses (people) are added to `LossesSoFar`. The step's inputs come in `step`
 * ({@link StepInput}): the hazard h, the first day `from` and the length `days`.
 *
 *
 * 1. outflow = the exact loss of the force under the combat hazard h plus desertion μ
 *    ({@link lossOverStep}, at most the force), with the last step's inflow as this step's
 *    estimate — or, forces frozen, an inflow of (h + μ)·F (replenished exactly);
 * 2. split in proportion to the hazards: losses = outflow · h/(h + μ), deserters the rest,
 *    so the two add up to the outflow and the force never goes below zero;
 * 3. (forces free) wounded return (W · (1 − e^(−dt/δ))) and a share s of the losses is wounded;
 *    recruits towards the target ({@link recruitsOverStep}); trained recruits join
 *    (T · (1 − e^(−dt/tr))); F ← F − outflow + returned + joined.
 * @param step [h, from, days]: h the side's per-capita loss rate from the attrition law (per day)
 * @example
 * // c from the example of forceStepCoefficients (Ukraine, 400,000 at its target, 1,000 recruits a day at most)
 * const state = new Float64Array(FORCE_STATE_SLOTS);
 * state[ForceState.Force] = 400_000;
 * forceStep(state, 0, c, Float64Array.of(0.0012, 0, 1), false);
 * state[ForceState.LossesSoFar]; // 479.71… lost on day one (400,000 · (1 − e^(−0.0012)))
 * state[ForceState.Force]; // 400000: the losses are recruited at once (no training delay)
 */
export function forceStep(state: Float64Array, at: number, coefficients: Float64Array, step: Float64Array, frozen: boolean): void {
  const combatHazardPerDay = step[StepInput.HazardPerDay]!,
    from = step[StepInput.FromDay]!,
    days = step[StepInput.Days]!;
  const force = state[at + ForceState.Force]!;
  const hazard = combatHazardPerDay + coefficients[Coefficient.DesertionPerDay]!;
  const outflow = lossOverStep(force, frozen ? hazard * force : state[at + ForceState.InflowPerDay]!, hazard, days);
  const losses = hazard > 0 ? outflow * (combatHazardPerDay / hazard) : 0,
    deserted = outflow - losses;
  state[at + ForceState.LossesSoFar] = state[at + ForceState.LossesSoFar]! + losses;
  if (frozen) return;
  const returned = state[at + ForceState.Wounded]! * coefficients[Coefficient.HealedShare]!;
  state[at + ForceState.Wounded] = state[at + ForceState.Wounded]! - returned + coefficients[Coefficient.ReturnShare]! * losses;
  const initialForce = coefficients[Coefficient.InitialForce]!,
    growthPerDay = coefficients[Coefficient.TargetGrowthPerDay]!,
    ceiling = coefficients[Coefficient.TargetCeiling]!;
  const target = targetStrength(initialForce, growthPerDay, ceiling, from);
  const recruits = recruitsOverStep(
    losses - returned + deserted,
    targetStrength(initialForce, growthPerDay, ceiling, from + days) - target,
    target - force - state[at + ForceState.InTraining]!,
    coefficients[Coefficient.GapShare]!,
    coefficients[Coefficient.CapacityPerDay]!,
    days,
  );
  const inTraining = state[at + ForceState.InTraining]! + recruits;
  const joined = inTraining * coefficients[Coefficient.TrainedShare]!;
  state[at + ForceState.InTraining] = inTraining - joined;
  state[at + ForceState.Force] = force - outflow + returned + joined;
  state[at + ForceState.InflowPerDay] = (returned + joined) / days;
  state[at + ForceState.JoinedSoFar] = state[at + ForceState.JoinedSoFar]! + joined;
  state[at + ForceState.ReturnedSoFar] = state[at + ForceState.ReturnedSoFar]! + returned;
  state[at + ForceState.DesertedSoFar] = state[at + ForceState.DesertedSoFar]! + deserted;
}

/** One side's parameters in per-day units (the rate form). */
export interface ForceRates {
  initialForce: number;
  targetGrowthPerDay: number;
  /** Infinity when the scenario gives none. */
  targetCeiling: number;
  capacityPerDay: number;
  desertionPerDay: number;
  adjustmentDays: number;
  /** 0 = no training delay. */
  trainingDays: number;
  returnDelayDays: number;
  returnShare: number;
}

/**
 * One side's parameters in per-day units, for {@link forceRates}.
 * @example
 * const rates = forceRatesOf({
 *   initialForce: 400_000, targetGrowthPerMonth: 0, recruitmentCapacityPerMonth: 30_437.5, adjustmentMonths: 3,
 *   trainingMonths: 0, woundedReturnShare: 0.3, returnDelayMonths: 3, desertionPerMonth: 0,
 * });
 * rates.capacityPerDay; // 1000
 * rates.adjustmentDays; // 91.3125
 */
export function forceRatesOf(force: ForceParameters<number>): ForceRates {
  return {
    initialForce: force.initialForce,
    targetGrowthPerDay: force.targetGrowthPerMonth / DAYS_PER_MONTH,
    targetCeiling: force.targetCeiling ?? Infinity,
    capacityPerDay: force.recruitmentCapacityPerMonth / DAYS_PER_MONTH,
    desertionPerDay: force.desertionPerMonth / DAYS_PER_MONTH,
    adjustmentDays: force.adjustmentMonths * DAYS_PER_MONTH,
    trainingDays: force.trainingMonths * DAYS_PER_MONTH,
    returnDelayDays: force.returnDelayMonths * DAYS_PER_MONTH,
    returnShare: force.woundedReturnShare,
  };
}

/**
 * The rate form (the mean-field ODE): writes dF/dt, dW/dt and dT/dt (people per day) into
 * `out[ForceState.Force]`, `out[ForceState.Wounded]`, `out[ForceState.InTraining]` for a side at day `day` (see the module
 * equations; desertion is μ·F, returns W/δ, trained recruits T/tr, or the recruits themselves
 * with no training delay).
 * @param combatLossesPerDay the side's losses per day from the attrition law
 * @param targetGrowthPerDay dTarget/dt at `day` (0 once the target is at its ceiling)
 * @example
 * // rates from the example of forceRatesOf
 * const d = new Float64Array(FORCE_STATE_SLOTS);
 * forceRates(d, rates, 400_000, 0, 0, 480, 0, 0);
 * d[ForceState.Force]; // 0: 480 lost and 480 recruited a day (within 1,000)
 * d[ForceState.Wounded]; // 144: 30% of the losses
 */
export function forceRates(
  out: Float64Array,
  rates: ForceRates,
  force: number,
  wounded: number,
  inTraining: number,
  combatLossesPerDay: number,
  targetGrowthPerDay: number,
  day: number,
): void {
  const returning = wounded / rates.returnDelayDays,
    deserting = rates.desertionPerDay * force;
  out[ForceState.Wounded] = rates.returnShare * combatLossesPerDay - returning;
  const target = targetStrength(rates.initialForce, rates.targetGrowthPerDay, rates.targetCeiling, day);
  const recruits = recruitsPerDay(
    combatLossesPerDay - returning + deserting,
    targetGrowthPerDay,
    target - force - inTraining,
    rates.adjustmentDays,
    rates.capacityPerDay,
  );
  const joining = rates.trainingDays > 0 ? inTraining / rates.trainingDays : recruits;
  out[ForceState.InTraining] = rates.trainingDays > 0 ? recruits - joining : 0;
  out[ForceState.Force] = -combatLossesPerDay - deserting + returning + joining;
}
