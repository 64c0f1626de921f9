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
 * The share of a stock lost over a step under a constant per-capita hazard h (per day):
 * 1 − exp(−h·dt). This is the rule that keeps a step from taking more than the stock, for a
 * day step and for a whole-month step alike.
 * @example
 * lostShare(0.002, 30); // ≈ 0.0582
 */
export function lostShare(hazardPerDay: number, days: number): number {
  return hazardPerDay > 0 ? -Math.expm1(-hazardPerDay * days) : 0;
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
