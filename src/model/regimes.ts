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

/**
 * The regime of the first month: offensive when the regime is held at offensive, else the
 * scenario's initial regime (stalemate when the regime is held at stalemate).
 * @example
 * initialRegime("stalemate", "switching"); // STALEMATE
 * initialRegime("stalemate", "offensive"); // OFFENSIVE
 */
export function initialRegime(scenarioInitial: "offensive" | "stalemate", mode: "switching" | "offensive" | "stalemate"): number {
  if (mode === "offensive") return OFFENSIVE;
  return scenarioInitial === "stalemate" || mode === "stalemate" ? STALEMATE : OFFENSIVE;
}

/**
 * This month's regime: from the second month on, with switching, the Markov transition of
 * {@link nextRegime}; a Ukrainian collapse seen at the month's start turns the war offensive
 * whatever the draw (the caller holds it off when the regime is held at stalemate).
 * @example
 * monthRegime(STALEMATE, true, 0.9, 0.06, 0.1, false); // STALEMATE (u ≥ 0.1)
 * monthRegime(STALEMATE, true, 0.9, 0.06, 0.1, true); // OFFENSIVE (collapsed)
 */
export function monthRegime(
  previous: number,
  switching: boolean,
  u: number,
  offensiveToStalemate: number,
  stalemateToOffensive: number,
  collapsed: boolean,
): number {
  const regime = switching ? nextRegime(previous, u, offensiveToStalemate, stalemateToOffensive) : previous;
  return collapsed ? OFFENSIVE : regime;
}

/**
 * Consecutive stalemate months including this one (0 in an offensive month): what the ceasefire
 * hazard may rise with (F18).
 * @example
 * stalemateMonthsAfter(3, STALEMATE); // 4
 * stalemateMonthsAfter(3, OFFENSIVE); // 0
 */
export function stalemateMonthsAfter(previousRun: number, regime: number): number {
  return regime === STALEMATE ? previousRun + 1 : 0;
}
