/**
 * Territory (F11, F12, F17). In the offensive regime:
 *
 *   dA/day = α · I · εA · g(x) · B(t)
 *   x = (Reff/U) / (Reff0/U0),   g(x) = min(gmax, (x^γ − θ)/(1 − θ))
 *
 * α = 0.8·T/(83·365.25) km²/day is the article's straight-line pace; g(1) = 1; below x^γ = θ
 * Ukraine regains ground; gmax caps the runaway as U → 0. Once Ukraine has collapsed (U below
 * a share of U0) the collapse multiplier replaces g(x)·B — the collapse is counted once. In
 * stalemate the month's net change is an additive draw μS + σS·z (possibly negative; fitted to
 * 2023 in data/occupied_area_isw_monthly.csv), spread evenly over the month. A stays in [0, T].
 */

/**
 * The force-ratio effect g(x). Finite for every x ≥ 0 and exponent the schema allows; a
 * defender at zero (x = ∞) gives gmax.
 * @example
 * forceRatioEffect(1, 1.5, 0.5, 3); // 1
 */
export function forceRatioEffect(forceRatio: number, exponent: number, threshold: number, maxGain: number): number {
  return forceRatioEffectFromLog(Math.log(forceRatio), exponent, threshold, maxGain);
}

/**
 * g(x) from ln x (the engine's form, sharing the logarithms of the attrition laws).
 * @example
 * forceRatioEffectFromLog(0, 1.5, 0.5, 3); // 1
 */
export function forceRatioEffectFromLog(logForceRatio: number, exponent: number, threshold: number, maxGain: number): number {
  if (!(logForceRatio < Infinity)) return maxGain;
  const g = (Math.exp(exponent === 0 ? 0 : exponent * logForceRatio) - threshold) / (1 - threshold);
  return g < maxGain ? g : maxGain;
}

/**
 * x: the force ratio relative to t0; Infinity when Ukraine's force is zero.
 * @example
 * relativeForceRatio(660_000, 400_000, 640_000, 400_000); // 1.03125
 */
export function relativeForceRatio(russiaEffective: number, ukraine: number, russiaEffective0: number, ukraine0: number): number {
  if (ukraine <= 0) return Infinity;
  return (russiaEffective / ukraine) / (russiaEffective0 / ukraine0);
}

/**
 * ln x from the log-ratios ln(Reff/Reff0) and ln(U/U0): their difference, or +∞ once Ukraine's
 * force is zero (then g = gmax), never NaN.
 * @example
 * logForceRatio(Math.log(1.1), Math.log(0.9), 360_000); // ln(1.1/0.9) ≈ 0.2007
 * logForceRatio(-Infinity, -Infinity, 0); // Infinity
 */
export function logForceRatio(logRussiaRatio: number, logUkraineRatio: number, ukraineForce: number): number {
  return ukraineForce > 0 ? logRussiaRatio - logUkraineRatio : Infinity;
}

/**
 * The month's net change in stalemate, μS + σS·z (km² per month; may be negative).
 * @example
 * stalemateChangePerMonth(40.6, 136, -0.5); // -27.4
 */
export function stalemateChangePerMonth(mean: number, sd: number, z: number): number {
  return mean + sd * z;
}

/**
 * Area gained over a step of `days` (km²; negative when Ukraine regains): the offensive law
 * when the regime is offensive or Ukraine has collapsed — the collapse multiplier then
 * replacing both g(x) and the breakthrough, so a collapse is counted once — else the step's
 * share of the month's stalemate change. With `days` = 1 it is the rate per day (the mean field).
 * @param pacePerDay α in km²/day
 * @param intensity S · ε (the offensive's intensity, without the regime factor)
 * @param forceRatioEffect g(x)
 * @param breakthrough B: the breakthrough multiplier this month, or 1
 * @param stalemateChange the month's stalemate change (km²/month, {@link stalemateChangePerMonth})
 * @example
 * areaGainOverStep(true, false, 485 / 30.4375, 1, 1, 1, 1, 4, 40, 30.4375, 31); // 485
 * areaGainOverStep(false, false, 485 / 30.4375, 1, 1, 1, 1, 4, 40, 1, 31); // 40/31 (a stalemate day)
 */
export function areaGainOverStep(
  offensive: boolean, collapsed: boolean, pacePerDay: number, intensity: number, territoryNoise: number, forceRatioEffect: number, breakthrough: number,
  collapseMultiplier: number, stalemateChange: number, days: number, daysInMonth: number,
): number {
  return offensive || collapsed
    ? offensiveGain(pacePerDay, intensity, territoryNoise, collapsed ? collapseMultiplier : forceRatioEffect, collapsed ? 1 : breakthrough, days)
    : (stalemateChange * days) / daysInMonth;
}

/**
 * The rate of change of A kept inside [0, T] (the mean field's form of {@link boundArea}): 0
 * when a gain would leave the territory, the gain otherwise (km²/day).
 * @example
 * boundedAreaRate(603_628, 603_628, 15); // 0
 * boundedAreaRate(120_000, 603_628, 15); // 15
 */
export function boundedAreaRate(area: number, total: number, gainPerDay: number): number {
  return (area >= total && gainPerDay > 0) || (area <= 0 && gainPerDay < 0) ? 0 : gainPerDay;
}

/**
 * Area gained over a step in the offensive regime (km²; negative when Ukraine regains).
 * @param pacePerDay α in km²/day
 * @example
 * offensiveGain(485 / 30.4375, 1, 1, 1, 1, 30.4375); // 485
 */
export function offensiveGain(pacePerDay: number, intensity: number, territoryNoise: number, effect: number, breakthrough: number, days: number): number {
  return pacePerDay * intensity * territoryNoise * effect * breakthrough * days;
}

/**
 * Keep the occupied area in [0, T] — the territory is bounded, this is not a correction.
 * @example
 * boundArea(700_000, 603_628); // 603628
 */
export function boundArea(area: number, total: number): number {
  return area < 0 ? 0 : area > total ? total : area;
}

/**
 * The occupied share of Ukraine, A/T.
 * @example
 * occupiedShare(120_725.6, 603_628); // 0.2
 */
export function occupiedShare(area: number, total: number): number {
  return area / total;
}
