/**
 * Attrition: a normalised generalised Lanchester law (DESIGN §3; F8–F10).
 *
 *   lossesR/day = λR · I · (U/U0)^a · (Reff/Reff0)^b          Reff = R + q·K
 *   lossesU/day = (λR/ρ) · I · (Reff/Reff0)^c · (U/U0)^d
 *
 * Normalised at t0, so the calibrated rates hold at the start whatever the exponents.
 * Units: people per day. ρ (F10 ≈ 2.5) is the exchange ratio at t0.
 */

/**
 * Russian-side (Russia + DPRK) losses per day.
 * @param russiaLossesPerDay λR, people/day at t0 with I = 1
 * @param intensity I = S · r · ε (dimensionless)
 * @param ukraineRatio U/U0
 * @param russiaRatio Reff/Reff0
 * @example
 * russiaSideLossesPerDay(1200, 1, 1, 1, 1, 0.5); // 1200
 */
export function russiaSideLossesPerDay(
  russiaLossesPerDay: number, intensity: number, ukraineRatio: number, russiaRatio: number,
  russiaOnUkraineExponent: number, russiaOnOwnExponent: number,
): number {
  return russiaLossesPerDay * intensity * Math.pow(ukraineRatio, russiaOnUkraineExponent) * Math.pow(russiaRatio, russiaOnOwnExponent);
}

/**
 * Ukrainian losses per day: λU = λR / ρ (F10).
 * @example
 * ukraineLossesPerDay(1200, 2.5, 1, 1, 1, 1, 0.5); // 480
 */
export function ukraineLossesPerDay(
  russiaLossesPerDay: number, exchangeRatio: number, intensity: number, russiaRatio: number, ukraineRatio: number,
  ukraineOnRussiaExponent: number, ukraineOnOwnExponent: number,
): number {
  return (russiaLossesPerDay / exchangeRatio) * intensity * Math.pow(russiaRatio, ukraineOnRussiaExponent) * Math.pow(ukraineRatio, ukraineOnOwnExponent);
}

/**
 * Losses over a step from a stock S under a per-capita hazard h (per day) while it receives
 * an inflow a (people per day): the exact integral of h·S for dS/dt = a − h·S over dt,
 *
 *   loss = dt · [ h·S0·f + a·(1 − f) ],   f = (1 − e^(−h·dt)) / (h·dt)
 *
 * With no inflow it is S0·(1 − e^(−h·dt)); a force replenished as fast as it bleeds
 * (a = h·S0) loses h·S0·dt — which lets a whole-month step agree with the day step. The rule
 * that keeps a step from taking more than the stock: the loss is capped at S0, the stock at
 * the start of the step (a is only an estimate of this step's inflow).
 * @example
 * lossOverStep(600_000, 0, 0.002, 30); // ≈ 34,940 (no inflow)
 * lossOverStep(600_000, 1_200, 0.002, 30); // 36,000 (replenished)
 */
export function lossOverStep(stock: number, inflowPerDay: number, hazardPerDay: number, days: number): number {
  if (!(hazardPerDay > 0) || !(stock > 0)) return 0;
  const x = hazardPerDay * days;
  const f = x < 1e-8 ? 1 - x / 2 : -Math.expm1(-x) / x;
  const loss = days * (hazardPerDay * stock * f + inflowPerDay * (1 - f));
  return loss < stock ? loss : stock;
}

/**
 * Per-capita hazard of the Russian side's headcount exposed to fire: losses split between R
 * and K in proportion to strength × exposure e (F3, F4), so DPRK troops die e times as fast.
 *
 *   h = lossesR / (R + e·K);   R loses at h, K at e·h
 * @example
 * russiaSideHazardPerDay(1200, 600_000, 10_000, 2); // 1200 / 620000
 */
export function russiaSideHazardPerDay(lossesPerDay: number, russiaForce: number, dprkForce: number, exposure: number): number {
  const exposed = russiaForce + exposure * dprkForce;
  return exposed > 0 ? lossesPerDay / exposed : 0;
}

/**
 * Claimed losses as the General Staff would report them: true × bias (observation model).
 * @example
 * claimedLosses(36_000, 1.05); // 37800
 */
export function claimedLosses(trueLosses: number, claimsBias: number): number {
  return trueLosses * claimsBias;
}
