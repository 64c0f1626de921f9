/**
 * Stocks at t0 (DESIGN §3): what the war is already doing at the start, so that wounded returns
 * and replacement recruiting do not start from zero.
 *
 *   h0 = λR / (R0 + e·K0)                          Russian-side per-capita hazard at t0, per month
 *   WR0 = sR · h0 · R0 · δR      WK0 = sK · h0 · e · K0 · δK      WU0 = sU · (λR/ρ) · δU
 *   inflowR0 = h0 · R0 / 30.4375      inflowU0 = (λR/ρ) / 30.4375     (people per day)
 *   A0 = min(A0, T)
 *
 * The wounded stocks are the steady state of the t0 loss rate (share · monthly losses · delay
 * in months); both armies start by replacing their t0 losses, the DPRK contingent does not (it
 * only receives waves). λR, ρ (F10), e (F3/F4) and the shares and delays (assumptions) are the
 * scenario's `attrition` and force parameters. People, months, km².
 */
import { DAYS_PER_MONTH } from "../scenario/article.js";
import { russiaSideHazardPerDay } from "./attrition.js";

/**
 * The Russian side's per-capita hazard at t0, per month: λR / (R0 + e·K0).
 * @example
 * russiaSideHazardAtStart(36_000, 600_000, 10_000, 2); // 36000 / 620000 ≈ 0.058
 */
export function russiaSideHazardAtStart(russiaLossesPerMonth: number, russiaForce0: number, dprkForce0: number, exposure: number): number {
  return russiaSideHazardPerDay(russiaLossesPerMonth, russiaForce0, dprkForce0, exposure);
}

/**
 * Ukraine's losses per month at t0: λR / ρ (F10's exchange ratio).
 * @example
 * ukraineLossesAtStart(36_000, 2.5); // 14400
 */
export function ukraineLossesAtStart(russiaLossesPerMonth: number, exchangeRatio: number): number {
  return russiaLossesPerMonth / exchangeRatio;
}

/**
 * Wounded in recovery at t0 on the Russian side: share · h0 · exposure · force · delay (the
 * steady state of the t0 losses; exposure 1 for Russia's own force, e for the DPRK contingent).
 * @example
 * russiaSideWoundedAtStart(0.3, 0.05, 1, 600_000, 3); // 27000
 */
export function russiaSideWoundedAtStart(
  returnShare: number,
  hazardPerMonth: number,
  exposure: number,
  force0: number,
  returnDelayMonths: number,
): number {
  return returnShare * hazardPerMonth * exposure * force0 * returnDelayMonths;
}

/**
 * Ukraine's wounded in recovery at t0: share · monthly losses · delay.
 * @example
 * ukraineWoundedAtStart(0.3, 14_400, 3); // 12960
 */
export function ukraineWoundedAtStart(returnShare: number, lossesPerMonth: number, returnDelayMonths: number): number {
  return returnShare * lossesPerMonth * returnDelayMonths;
}

/**
 * Russia's inflow at t0 (people per day): it starts by replacing its t0 losses, h0 · R0 a month.
 * @example
 * russiaInflowAtStart(0.05, 600_000); // 30000 / 30.4375 ≈ 985.6
 */
export function russiaInflowAtStart(hazardPerMonth: number, russiaForce0: number): number {
  return (hazardPerMonth * russiaForce0) / DAYS_PER_MONTH;
}

/**
 * Ukraine's inflow at t0 (people per day): it starts by replacing its t0 losses.
 * @example
 * ukraineInflowAtStart(14_400); // ≈ 473.1
 */
export function ukraineInflowAtStart(lossesPerMonth: number): number {
  return lossesPerMonth / DAYS_PER_MONTH;
}

/**
 * The occupied area at t0, within the territory: min(A0, T) (km²).
 * @example
 * occupiedAtStart(120_725.6, 603_628); // 120725.6
 */
export function occupiedAtStart(initialOccupied: number, total: number): number {
  return Math.min(initialOccupied, total);
}
