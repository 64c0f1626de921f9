/**
 * The t0 values a scenario on the shipped posterior never reads: each path starts from its
 * posterior row's filtered state (engine/path-state.ts) instead. Parsing refuses a change of
 * them (parse.ts) and the parameter table shows them as the state (parameter-table.ts).
 */
export const REPLACED_BY_STATE = ["territory.initialOccupiedKm2", "attrition.claimsBias", "regimes.initial"] as const;
