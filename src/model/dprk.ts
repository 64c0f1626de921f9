/**
 * DPRK reinforcements (F1, F2, F15, F16): scheduled waves arrive evenly over their window;
 * further waves come as a Poisson process per month and arrive as a first-order delay; all
 * deployments (K0 included) are capped by a deployable pool (assumption ≈150k; F15's 1.28M
 * is only the hard ceiling). In theatre, K loses e·h per capita (h the Russian side's hazard,
 * e the exposure, F3/F4) and a share of its losses returns after a delay:
 *
 *   arrivals = pending/spread + Σ scheduled, while deployed < pool
 *   dK/dt = −e·h·K + W/δ + arrivals        dW/dt = s·e·h·K − W/δ        d(deployed)/dt = arrivals
 *
 * Units: people, days. The step form ({@link dprkStep}) is the engine's, the rate form
 * ({@link dprkRates}) the mean field's.
 */
import type { ParameterView } from "../scenario/parameter-list.js";
import type { Scenario } from "../scenario/schema.js";
import { DAYS_PER_MONTH } from "../scenario/article.js";
import { lossOverStep } from "./attrition.js";
import { delayShare, StepInput } from "./forces.js";

/** The DPRK parameters, as numbers (the mean field) or one value per path (the engine). */
export type DprkParameters<V> = ParameterView<Scenario["dprk"], V>;

/**
 * Slots of the DPRK state for one path, in a Float64Array of {@link DPRK_STATE_SLOTS} numbers
 * (an enum, so that the bundler writes the slot numbers into the engine's loop).
 */
export const enum DprkState {
  /** DPRK personnel in theatre, K (people). */
  Force = 0,
  /** DPRK wounded in recovery who will return (people). */
  Wounded = 1,
  /** Troops of further waves announced but not yet arrived (people). */
  Pending = 2,
  /** Cumulative deployments, K0 included: what the pool caps (people). */
  Deployed = 3,
  /** Cumulative DPRK losses since the start (people). */
  LossesSoFar = 4,
  /** Cumulative arrivals admitted by the pool (people). */
  ArrivedSoFar = 5,
  /** Cumulative wounded returned to duty (people). */
  ReturnedSoFar = 6,
  /** Cumulative arrivals refused because the pool was used up (people). */
  BeyondPoolSoFar = 7,
}
export const DPRK_STATE_SLOTS = 8;

/** Slots of the DPRK step coefficients for one path and step length. */
const enum Coefficient {
  Exposure = 0,
  HealedShare = 1,
  PendingShare = 2,
  ReturnShare = 3,
  Pool = 4,
}
export const DPRK_COEFFICIENT_SLOTS = 5;
/** Numbers per scheduled wave in the `waves` argument of {@link dprkStep}: size, start day, end day. */
export const WAVE_SLOTS = 3;

/**
 * People of a scheduled wave arriving in the step [from, to) (days since start), when the
 * wave arrives evenly over [start, end) days.
 * @example
 * scheduledArrivals(27_500, 31, 184, 31, 61); // 5392.2… (30 of 153 days)
 */
export function scheduledArrivals(size: number, startDay: number, endDay: number, from: number, to: number): number {
  const overlap = Math.min(to, endDay) - Math.max(from, startDay);
  return overlap > 0 ? (size * overlap) / (endDay - startDay) : 0;
}

/**
 * Arrivals allowed by the pool: never more than pool − already deployed.
 * @example
 * capToPool(20_000, 140_000, 150_000); // 10000
 */
export function capToPool(arrivals: number, deployed: number, pool: number): number {
  const room = pool - deployed;
  return arrivals <= room ? arrivals : room > 0 ? room : 0;
}

/**
 * Number of further waves starting in a month, from a uniform u: the inverse CDF of a
 * Poisson distribution with mean rate/12.
 * @example
 * furtherWaveCount(0.5, 0.99); // 1
 */
export function furtherWaveCount(ratePerYear: number, u: number): number {
  const mean = ratePerYear / 12;
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < 50) {
    k += 1;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/**
 * Set one path's DPRK state — the DPRK_STATE_SLOTS numbers of `state` from index `at` — to the
 * contingent at t0: K0 in theatre, which counts towards the pool, and its wounded in recovery
 * (model/initial.ts), nothing pending.
 * @example
 * const state = new Float64Array(DPRK_STATE_SLOTS);
 * dprkStateAtStart(state, 0, 10_000, 1_200);
 * state[DprkState.Deployed]; // 10000
 */
export function dprkStateAtStart(state: Float64Array, at: number, force0: number, wounded0: number): void {
  state.fill(0, at, at + DPRK_STATE_SLOTS);
  state[at + DprkState.Force] = force0;
  state[at + DprkState.Wounded] = wounded0;
  state[at + DprkState.Deployed] = force0;
}

/**
 * Troops pending after `count` further waves of `size` people start in a month (F16); they
 * then arrive as a first-order delay over `dprk.furtherWaves.spreadMonths`.
 * @example
 * pendingAfterNewWaves(5_000, 1, 20_000); // 25000
 */
export function pendingAfterNewWaves(pending: number, count: number, size: number): number {
  return pending + count * size;
}

/**
 * Fill `out` (DPRK_COEFFICIENT_SLOTS numbers) with path `path`'s DPRK coefficients for steps of
 * `days`: the exposure, the shares leaving the wounded and pending stocks per step, the return
 * share and the pool. Fixed for a month, so computed once per path and month.
 * @example
 * const one = (v: number) => Float64Array.of(v);
 * const dprk = {
 *   initialForce: one(10_000), combatValue: one(0.7), exposure: one(2), woundedReturnShare: one(0.2), returnDelayMonths: one(3),
 *   deployablePool: one(150_000), waves: [], furtherWaves: { ratePerYear: one(0), spreadMonths: one(2) },
 * };
 * const c = new Float64Array(DPRK_COEFFICIENT_SLOTS);
 * dprkStepCoefficients(c, dprk, 0, 1); // path 0, day steps: c is ready for dprkStep
 */
export function dprkStepCoefficients(out: Float64Array, dprk: DprkParameters<Float64Array>, path: number, days: number): void {
  out[Coefficient.Exposure] = dprk.exposure[path]!;
  out[Coefficient.HealedShare] = delayShare(dprk.returnDelayMonths[path]! * DAYS_PER_MONTH, days);
  out[Coefficient.PendingShare] = delayShare(dprk.furtherWaves.spreadMonths[path]! * DAYS_PER_MONTH, days);
  out[Coefficient.ReturnShare] = dprk.woundedReturnShare[path]!;
  out[Coefficient.Pool] = dprk.deployablePool[path]!;
}

/**
 * The DPRK step (the step form), updating one path's state in place — the DPRK_STATE_SLOTS
 * numbers of `state` from index `at` — and adding the step's losses (people) to `LossesSoFar`;
 * the inputs come in `step` (forces.ts StepInput: the Russian side's hazard h, the first day
 * `from`, the length `days`). The step's inflows are known
 * before the fighting, so they are settled first and enter the exact loss integral as they are:
 *
 * 1. (forces free) returns W · (1 − e^(−dt/δ)); arrivals = pending · (1 − e^(−dt/spread)) plus
 *    each scheduled wave's share of the step ({@link scheduledArrivals}), admitted up to the
 *    pool ({@link capToPool}), the rest counted as beyond the pool;
 * 2. losses = {@link lossOverStep} of K at the hazard e·h with the inflow (returns + admitted)/dt
 *    — or, forces frozen, with an inflow of e·h·K (replenished exactly; no arrivals);
 * 3. (forces free) a share s of the losses is wounded; K ← K − losses + returned + admitted.
 * @param waves the scheduled waves active in the month: (size, start day, end day) for each
 * @param step [h, from, days]: h the Russian side's per-capita hazard (per day)
 * @example
 * // c from the example of dprkStepCoefficients; one wave of 15,300 arriving over days 31…184
 * const state = new Float64Array(DPRK_STATE_SLOTS);
 * state[DprkState.Force] = 10_000; state[DprkState.Deployed] = 10_000;
 * dprkStep(state, 0, c, Float64Array.of(15_300, 31, 184), 1, Float64Array.of(0.002, 40, 1), false);
 * state[DprkState.LossesSoFar]; // ≈ 40 lost (10,000 · 2 · 0.002)
 * state[DprkState.ArrivedSoFar]; // 100 (15,300 over 153 days)
 */
export function dprkStep(
  state: Float64Array,
  at: number,
  coefficients: Float64Array,
  waves: Float64Array,
  waveCount: number,
  step: Float64Array,
  frozen: boolean,
): void {
  const russiaSideHazardPerDay = step[StepInput.HazardPerDay]!,
    from = step[StepInput.FromDay]!,
    days = step[StepInput.Days]!;
  const force = state[at + DprkState.Force]!;
  const hazard = coefficients[Coefficient.Exposure]! * russiaSideHazardPerDay;
  let returned = 0,
    admitted = 0;
  if (!frozen) {
    returned = state[at + DprkState.Wounded]! * coefficients[Coefficient.HealedShare]!;
    let arriving = state[at + DprkState.Pending]! * coefficients[Coefficient.PendingShare]!;
    state[at + DprkState.Pending] = state[at + DprkState.Pending]! - arriving;
    for (let w = 0; w < waveCount; w += 1) {
      arriving += scheduledArrivals(waves[WAVE_SLOTS * w]!, waves[WAVE_SLOTS * w + 1]!, waves[WAVE_SLOTS * w + 2]!, from, from + days);
    }
    admitted = capToPool(arriving, state[at + DprkState.Deployed]!, coefficients[Coefficient.Pool]!);
    state[at + DprkState.BeyondPoolSoFar] = state[at + DprkState.BeyondPoolSoFar]! + (arriving - admitted);
    state[at + DprkState.Deployed] = state[at + DprkState.Deployed]! + admitted;
  }
  const losses = lossOverStep(force, frozen ? hazard * force : (returned + admitted) / days, hazard, days);
  state[at + DprkState.LossesSoFar] = state[at + DprkState.LossesSoFar]! + losses;
  if (frozen) return;
  state[at + DprkState.Wounded] = state[at + DprkState.Wounded]! - returned + coefficients[Coefficient.ReturnShare]! * losses;
  state[at + DprkState.Force] = force - losses + returned + admitted;
  state[at + DprkState.ArrivedSoFar] = state[at + DprkState.ArrivedSoFar]! + admitted;
  state[at + DprkState.ReturnedSoFar] = state[at + DprkState.ReturnedSoFar]! + returned;
}

/**
 * A scheduled wave's arrivals per day at `day`: size/(end − start) inside its window [start,
 * end), 0 outside (the rate form of {@link scheduledArrivals}).
 * @example
 * scheduledArrivalRate(15_300, 31, 184, 40); // 100
 */
export function scheduledArrivalRate(size: number, startDay: number, endDay: number, day: number): number {
  return day >= startDay && day < endDay ? size / (endDay - startDay) : 0;
}

/**
 * The rate form (the mean-field ODE): writes dK/dt, dW/dt and d(deployed)/dt (people per day)
 * into `out[DprkState.Force]`, `out[DprkState.Wounded]`, `out[DprkState.Deployed]`; arrivals stop once the
 * deployments reach the pool. Further waves are events, not part of the rate form.
 * @param lossesPerDay K's losses per day, e·h·K
 * @param scheduledArrivalsPerDay Σ {@link scheduledArrivalRate} of the scheduled waves
 * @example
 * const d = new Float64Array(DPRK_STATE_SLOTS);
 * dprkRates(d, 0.2, 91.3125, 150_000, 0, 10_000, 40, 100);
 * d[DprkState.Force]; // 60 (100 arriving, 40 lost)
 */
export function dprkRates(
  out: Float64Array,
  returnShare: number,
  returnDelayDays: number,
  pool: number,
  wounded: number,
  deployed: number,
  lossesPerDay: number,
  scheduledArrivalsPerDay: number,
): void {
  const returning = wounded / returnDelayDays;
  out[DprkState.Wounded] = returnShare * lossesPerDay - returning;
  const admitted = deployed < pool ? scheduledArrivalsPerDay : 0;
  out[DprkState.Deployed] = admitted;
  out[DprkState.Force] = -lossesPerDay + returning + admitted;
}
