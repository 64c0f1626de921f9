/**
 * The per-path state a run can start from instead of the t0 stocks of model/initial.ts: a
 * shipped posterior's filtered state at its last month (DESIGN §6; issue 14, item 7). One row per
 * posterior draw, its numbers in {@link PATH_STATE_COLUMNS} order, beside the draw's parameters —
 * so a path that takes row r takes both (engine/parameters.ts `posteriorRows`).
 *
 * What is not here starts as model/initial.ts says: the DPRK contingent (the state-space fit
 * leaves it out: analysis/observations.ts `hindcastScenario`) and the cumulative flows (losses,
 * recruits, returns, desertions), which a run counts from its own start.
 */

/** The state's columns: each side's stocks, the area, the noises' AR(1) states, the regime and its age, the claims bias. */
export const PATH_STATE_COLUMNS = [
  "russia.force",
  "russia.wounded",
  "russia.inTraining",
  "russia.inflowPerDay",
  "ukraine.force",
  "ukraine.wounded",
  "ukraine.inTraining",
  "ukraine.inflowPerDay",
  "occupiedKm2",
  "logIntensityNoise",
  "logAreaNoise",
  "stalemateMonths",
  "logClaimsBias",
  "russiaEffectiveForce0",
  "regime",
] as const;

export type PathStateColumn = (typeof PATH_STATE_COLUMNS)[number];

/** Rows of per-path state, in {@link PATH_STATE_COLUMNS} order (plain data: it crosses to workers). */
export interface PathStates {
  columns: readonly string[];
  rows: readonly (readonly number[])[];
}

/**
 * Each column's median over the rows (the regime's rounded to 0 or 1): the state of a run with
 * every parameter at its median (noise off), as a posterior's parameters are at their column medians.
 * @example
 * stateMedians({ columns: ["regime"], rows: [[0], [1], [1]] }); // [1]
 */
export function stateMedians(states: PathStates): number[] {
  return states.columns.map((name, c) => {
    const median = columnMedian(states.rows, c);
    return name === "regime" ? Math.round(median) : median;
  });
}

/**
 * The median of one column over rows (the mean of the middle two for an even count): a
 * posterior's parameters and its states at their medians both use it.
 * @example
 * columnMedian([[1, 9], [3, 7], [2, 8]], 0); // 2
 */
export function columnMedian(rows: readonly (readonly number[])[], column: number): number {
  const values = Float64Array.from(rows, (row) => row[column]!).sort();
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}
