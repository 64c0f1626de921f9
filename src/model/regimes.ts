/**
 * Markov-switching regime per path, one transition draw per month (DESIGN §3). The observed
 * series show a stalemate year (2023, ≈ +41 km²/month) between offensive phases (2024–25,
 * ≈ +300–500 km²/month); switching probabilities are fitted to data/occupied_area_isw_monthly.csv.
 */

export const OFFENSIVE = 0;
export const STALEMATE = 1;

/**
 * The next month's regime given a uniform draw u.
 * @example
 * nextRegime(OFFENSIVE, 0.01, 0.06, 0.1); // STALEMATE (u < 0.06)
 */
export function nextRegime(current: number, u: number, offensiveToStalemate: number, stalemateToOffensive: number): number {
  if (current === OFFENSIVE) return u < offensiveToStalemate ? STALEMATE : OFFENSIVE;
  return u < stalemateToOffensive ? OFFENSIVE : STALEMATE;
}

/**
 * Attrition intensity of a regime relative to the offensive (r in I = S · r · ε).
 * @example
 * regimeIntensity(STALEMATE, 0.6); // 0.6
 */
export function regimeIntensity(regime: number, stalemateIntensity: number): number {
  return regime === OFFENSIVE ? 1 : stalemateIntensity;
}
