/**
 * `attrition-sim/data` — the observed series the model is calibrated and backtested against
 * (vintage 2025-06-30), their attribution and licences, and loaders for a user's CSV of the
 * same shape. Browser-safe: no Node built-ins.
 *
 * @example
 * import { occupiedAreaMonthly, claimedLossesMonthly, DATA_ATTRIBUTION } from "attrition-sim/data";
 * occupiedAreaMonthly.at(-1); // { month: "2025-06", occupiedKm2: 117718.2, … }
 */
export type { ClaimedLossesMonth, DeepStateAreaDay, EconomistCasualtiesMonth, LossEstimate, OccupiedAreaMonth, RecruitmentClaim } from "./types.js";
export { DATA_VINTAGE, occupiedAreaMonthly, claimedLossesMonthly, lossEstimates, recruitmentClaims, economistCasualtiesMonthly } from "./series.js";
export { ECONOMIST_CASUALTIES_DAILY_COLUMNS, parseEconomistCasualtiesCsv } from "./economist.js";
export { DEEPSTATE_DAILY_COLUMNS, parseDeepStateDailyCsv } from "./deepstate.js";
export { MONTH_END_WINDOW_DAYS, monthEndObservations, unobservedMonths, type DatedRow, type MonthEndObservation } from "./month-end.js";
export {
  CC_BY_4_0_NOTICE_ECONOMIST, DATA_ATTRIBUTION, DATASETS, MIT_LICENCE_IVANIUK, type DatasetInfo,
} from "./attribution.js";
export {
  CsvError, parseCsv, readCsvTable,
  parseOccupiedAreaMonthlyCsv, parseClaimedLossesMonthlyCsv, parseLossEstimatesCsv, parseRecruitmentClaimsCsv,
  OCCUPIED_AREA_MONTHLY_COLUMNS, CLAIMED_LOSSES_MONTHLY_COLUMNS, LOSS_ESTIMATES_COLUMNS, RECRUITMENT_CLAIMS_COLUMNS,
  type ColumnKind, type ColumnSpec, type CsvIssue, type CsvRecord,
} from "./csv.js";
