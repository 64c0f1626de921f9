/**
 * Territory in the offensive regime (F11, F12, F17).
 *
 *   dA/day = α · I · εA · g(x) · B(t)
 *   x = (Reff/U) / (Reff0/U0),   g(x) = min(gmax, (x^γ − θ)/(1 − θ))
 *
 * α = 0.8·T/(83·365.25) km²/day is the article's straight-line pace; g(1) = 1; below x^γ = θ
 * Ukraine regains ground; gmax caps the runaway as U → 0. A stays in [0, T].
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
