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
 * Largest loss rate the laws return, people per day. No stock the model can hold comes near it
 * (forces stay below ~1e15), so a step at this rate empties any stock just as ∞ would; the cap
 * only keeps a ratio that overflows (a defender normalised on U0 = 1e-200 people, say, whose
 * (U/U0)^d is ∞) from turning the loss rate — and every stock after it — into ∞ and then NaN.
 */
export const MAX_LOSS_RATE_PER_DAY = 1e200;

/**
 * A rate from the laws, made finite: 0 · ∞ — no fire from a force at zero, or no base rate,
 * against a ratio that overflowed — is no loss (never NaN); ∞ is {@link MAX_LOSS_RATE_PER_DAY}.
 */
function finiteRate(rate: number): number {
  return rate >= 0 ? (rate < MAX_LOSS_RATE_PER_DAY ? rate : MAX_LOSS_RATE_PER_DAY) : 0;
}

/**
 * The month's combat intensity I = S · r · ε (dimensionless): the seasonal factor, the regime's
 * intensity relative to the offensive (1 in the offensive) and the mean-one noise.
 * @example
 * combatIntensity(1.1, 0.6, 1); // ≈ 0.66
 */
export function combatIntensity(seasonalFactor: number, regimeIntensity: number, noise: number): number {
  return seasonalFactor * regimeIntensity * noise;
}

/**
 * The Russian side's effective strength, Reff = R + q·K (q: the combat value of a DPRK soldier
 * relative to a Russian one). People.
 * @example
 * effectiveRussianForce(600_000, 10_000, 0.7); // 607000
 */
export function effectiveRussianForce(russiaForce: number, dprkForce: number, combatValue: number): number {
  return russiaForce + combatValue * dprkForce;
}

/**
 * ln(S/S0): a force relative to its t0 value, on the log scale the attrition and territory laws
 * share (ln(U/U0), ln(Reff/Reff0)).
 * @example
 * logRelativeStrength(400_000, 400_000); // 0
 */
export function logRelativeStrength(force: number, force0: number): number {
  return Math.log(force / force0);
}

/**
 * x^a · y^b from ln x and ln y: exp(a·ln x + b·ln y), with 0^0 = 1 as Math.pow. Two logarithms
 * then serve both attrition laws and the force ratio — about a third of the cost of five
 * Math.pow calls in the engine's loop.
 * @example
 * powerProduct(Math.log(4), 0.5, Math.log(8), 1 / 3); // ≈ 4 (2 · 2)
 */
export function powerProduct(logX: number, a: number, logY: number, b: number): number {
  return Math.exp((a === 0 ? 0 : a * logX) + (b === 0 ? 0 : b * logY));
}

/**
 * Russian-side losses per day from the log-ratios ln(U/U0) and ln(Reff/Reff0) (the engine's form).
 * @example
 * russiaSideLossesFromLogs(1200, 1, 0, 0, 1, 0.5); // 1200
 */
export function russiaSideLossesFromLogs(
  russiaLossesPerDay: number,
  intensity: number,
  logUkraineRatio: number,
  logRussiaRatio: number,
  russiaOnUkraineExponent: number,
  russiaOnOwnExponent: number,
): number {
  return finiteRate(
    russiaLossesPerDay * intensity * powerProduct(logUkraineRatio, russiaOnUkraineExponent, logRussiaRatio, russiaOnOwnExponent),
  );
}

/**
 * Ukrainian losses per day from the log-ratios (the engine's form).
 * @example
 * ukraineLossesFromLogs(1200, 2.5, 1, 0, 0, 1, 0.5); // 480
 */
export function ukraineLossesFromLogs(
  russiaLossesPerDay: number,
  exchangeRatio: number,
  intensity: number,
  logRussiaRatio: number,
  logUkraineRatio: number,
  ukraineOnRussiaExponent: number,
  ukraineOnOwnExponent: number,
): number {
  return finiteRate(
    (russiaLossesPerDay / exchangeRatio) *
      intensity *
      powerProduct(logRussiaRatio, ukraineOnRussiaExponent, logUkraineRatio, ukraineOnOwnExponent),
  );
}

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
  russiaLossesPerDay: number,
  intensity: number,
  ukraineRatio: number,
  russiaRatio: number,
  russiaOnUkraineExponent: number,
  russiaOnOwnExponent: number,
): number {
  return russiaSideLossesFromLogs(
    russiaLossesPerDay,
    intensity,
    Math.log(ukraineRatio),
    Math.log(russiaRatio),
    russiaOnUkraineExponent,
    russiaOnOwnExponent,
  );
}

/**
 * Ukrainian losses per day: λU = λR / ρ (F10).
 * @example
 * ukraineLossesPerDay(1200, 2.5, 1, 1, 1, 1, 0.5); // 480
 */
export function ukraineLossesPerDay(
  russiaLossesPerDay: number,
  exchangeRatio: number,
  intensity: number,
  russiaRatio: number,
  ukraineRatio: number,
  ukraineOnRussiaExponent: number,
  ukraineOnOwnExponent: number,
): number {
  return ukraineLossesFromLogs(
    russiaLossesPerDay,
    exchangeRatio,
    intensity,
    Math.log(russiaRatio),
    Math.log(ukraineRatio),
    ukraineOnRussiaExponent,
    ukraineOnOwnExponent,
  );
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
  // (1 − e^(−x))/x; below x = 0.01 its Taylor series to x³ is exact to 1e-10 and much cheaper.
  const f = x < 0.01 ? 1 - x * (0.5 - x * (1 / 6 - x / 24)) : -Math.expm1(-x) / x;
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
  return perCapitaHazard(lossesPerDay, russiaForce + exposure * dprkForce);
}

/**
 * Largest per-capita hazard (per day; per month where a caller works in months). A step at this
 * hazard takes the whole stock anyway (e^(−10³⁰) = 0, and a step never takes more than the
 * stock), and no loss rate the schema allows reaches it against a stock of more than 1e-18
 * people, so the cap changes no result; it keeps a force shrunk to almost nothing (1e-310
 * people, say) from dividing its way to an infinite hazard, and from there to ∞/∞ = NaN when
 * the losses of a step are split between causes in proportion to their hazards.
 */
export const MAX_HAZARD_PER_DAY = 1e30;

/**
 * Per-capita hazard of a stock: losses ÷ stock, 0 for an empty stock (a force at zero stays at
 * zero and divides by nothing), at most {@link MAX_HAZARD_PER_DAY}, never NaN or ∞.
 * @example
 * perCapitaHazard(480, 400_000); // 0.0012
 * perCapitaHazard(480, 1e-310);  // 1e30 (the cap)
 * perCapitaHazard(480, 0);       // 0
 */
export function perCapitaHazard(lossesPerDay: number, stock: number): number {
  if (!(lossesPerDay > 0) || !(stock > 0)) return 0;
  const h = lossesPerDay / stock;
  return h < MAX_HAZARD_PER_DAY ? h : MAX_HAZARD_PER_DAY;
}
