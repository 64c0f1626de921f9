/**
 * `attrition-sim/data` — the observed series the model is calibrated and backtested against
 * (vintage 2025-06-30), their attribution and licences, loaders for a user's CSV of the
 * same shape, the month-observed rule for daily series, and converters from the upstream
 * layouts (PetroIvaniuk's JSON, the Economist's tracker CSVs) to the shipped ones.
 * Browser-safe: no Node built-ins.
 *
 * @example
 * import { occupiedAreaMonthly, claimedLossesMonthly, DATA_ATTRIBUTION } from "attrition-sim/data";
 * occupiedAreaMonthly.at(-1); // { month: "2025-06", occupiedKm2: 117718.2, … }
 */
export type { ClaimedLossesMonth, DeepStateAreaDay, EconomistCasualtiesMonth, LossEstimate, OccupiedAreaMonth, RecruitmentClaim } from "./types.js";
export { DATA_VINTAGE, occupiedAreaMonthly, claimedLossesMonthly, lossEstimates, recruitmentClaims, economistCasualtiesMonthly } from "./series.js";
export { ECONOMIST_CASUALTIES_DAILY_COLUMNS, parseEconomistCasualtiesCsv } from "./economist.js";
export { DEEPSTATE_DAILY_COLUMNS, parseDeepStateDailyCsv } from "./deepstate.js";
export { CLAIMED_LOSSES_DAILY_HEADER, convertPetroIvaniukPersonnel } from "./convert-petroivaniuk.js";
export {
  ECONOMIST_DAILY_HEADER, ECONOMIST_TRACKER_COLUMNS, economistTrackerToDailyCsv, parseEconomistTrackerCsv,
  type EconomistTrackerDay, type EconomistTrackerFile,
} from "./convert-economist.js";
export type { ConvertedFile } from "./converted-file.js";
export { JsonRecordsError, readJsonRecords, type JsonIssue } from "./json-records.js";
export {
  OBSERVATION_FILES, readObservationFiles, shippedObservations,
  type ObservationFileName, type ObservationSet, type ObservationSource, type ObservedEstimateMonth, type ObservedMonth,
} from "./observation-set.js";
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
