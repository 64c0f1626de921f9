/**
 * Discrete events (uncertainty layer 3): breakthroughs (F17), the collapse breakpoint, and
 * the ceasefire (F18). Each is drawn once a month from its own random stream.
 */

/**
 * Probability of a breakthrough month: p · x^κ, likelier as the force ratio grows (F17).
 * @example
 * breakthroughProbability(0.02, 1.2, 2); // 0.0288
 */
export function breakthroughProbability(probabilityAtParity: number, forceRatio: number, exponent: number): number {
  if (!(forceRatio < Infinity)) return probabilityAtParity > 0 ? 1 : 0;
  const p = probabilityAtParity * Math.pow(forceRatio, exponent);
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
