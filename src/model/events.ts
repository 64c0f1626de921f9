/**
 * Discrete events (uncertainty layer 3): breakthroughs (F17), the collapse breakpoint, and
 * the ceasefire (F18). Each is drawn once a month from its own random stream.
 */

/**
 * Probability of a breakthrough month: p · x^κ, likelier as the force ratio grows (F17).
 * @example
 * breakthroughProbability(0.02, 1.2, 2); // ≈ 0.0288
 */
export function breakthroughProbability(probabilityAtParity: number, forceRatio: number, exponent: number): number {
  return breakthroughProbabilityFromLog(probabilityAtParity, Math.log(forceRatio), exponent);
}

/**
 * p · x^κ from ln x (the engine's form: it shares the month-start logarithms of the attrition
 * law, so the loop has no Math.pow), capped at 1; a defender at zero (ln x = ∞) gives 1 when p > 0.
 * @example
 * breakthroughProbabilityFromLog(0.02, Math.log(1.2), 2); // ≈ 0.0288
 */
export function breakthroughProbabilityFromLog(probabilityAtParity: number, logForceRatio: number, exponent: number): number {
  if (!(logForceRatio < Infinity)) return probabilityAtParity > 0 ? 1 : 0;
  const p = probabilityAtParity * Math.exp(exponent === 0 ? 0 : exponent * logForceRatio); // 0^0 = 1, as Math.pow
  return p < 1 ? p : 1;
}

/**
 * Ukraine's defence has collapsed when its force falls below a share of U0. The collapse is
 * counted once: it replaces g(x) by its own multiplier rather than multiplying it.
 * @example
 * isCollapsed(150_000, 400_000, 0.4); // true
 */
export function isCollapsed(ukraineForce: number, ukraineForce0: number, shareOfInitial: number): boolean {
  return ukraineForce < shareOfInitial * ukraineForce0;
}

/**
 * Monthly ceasefire probability: a base hazard that may rise with the length of the current
 * stalemate (F18).
 * @example
 * ceasefireHazard(0.01, 0.005, 4); // 0.03
 */
export function ceasefireHazard(baseHazard: number, perStalemateMonth: number, stalemateMonths: number): number {
  const h = baseHazard + perStalemateMonth * stalemateMonths;
  return h < 1 ? h : 1;
}
