/**
 * Row types of the observed series shipped in `attrition-sim/data` (data/*.csv, vintage
 * 2025-06-30), and of the DeepState series its loader reads but the package does not ship.
 * Field names are the CSV columns in camelCase; empty CSV cells are `null`.
 */

/** `occupied_area_isw_monthly.csv`: month-end area assessed as Russian-controlled (ISW; The Economist). */
export interface OccupiedAreaMonth {
  /** YYYY-MM */
  month: string;
  /** Date of the last map in the month, YYYY-MM-DD. */
  lastObsDate: string;
  /** km², Crimea and areas occupied before 2022 included. */
  occupiedKm2: number;
  /** Change from the previous month end, km². */
  monthlyChangeKm2: number;
}

/** `russia_personnel_losses_monthly.csv`: Ukraine's General Staff claims of Russian personnel losses. */
export interface ClaimedLossesMonth {
  /** YYYY-MM */
  month: string;
  /** YYYY-MM-DD */
  monthEndDate: string;
  /** Claimed Russian personnel losses since 2022-02-24, people. */
  cumulativeAtMonthEnd: number;
  /** Claimed losses during the month, people. */
  monthlyIncrement: number;
  /** Days of the month with a report. */
  daysCovered: number;
  /** monthlyIncrement ÷ daysCovered. */
  avgPerDay: number;
}

/** `loss_estimates_point_claims.csv`: dated estimates of deaths or casualties (The Economist's compilation). */
export interface LossEstimate {
  /** YYYY-MM-DD */
  date: string;
  /** "russia" or "ukraine" (whose losses). */
  countryOfLosses: string;
  /** "deaths" or "casualties". */
  type: string;
  estimateLow: number | null;
  estimateHigh: number | null;
  estimate: number | null;
  source: string;
  /** "yes" when the estimate comes from a warring party; other text as in the source. */
  fromWarringParty: string | null;
  sourceUrl: string;
}

/** `recruitment_and_dprk_claims.csv`: dated public statements on Russian recruitment and DPRK troops. */
export interface RecruitmentClaim {
  /** e.g. "ru_recruitment", "dprk_deployment", "dprk_casualties". */
  topic: string;
  /** YYYY-MM-DD */
  dateReported: string;
  claimantOrSource: string;
  valueLow: number | null;
  valueHigh: number | null;
  unit: string;
  period: string;
  statementSummary: string;
  url: string;
}

/**
 * `economist_russian_losses_meta_estimate_daily.csv`, at month ends: The Economist's
 * meta-estimate of Russian casualties (killed + wounded), cumulative since 2022-02-24, with
 * its 95% intervals. One retrospective model run: every value comes from a single fit made
 * after the fact, so early months already reflect later information.
 */
export interface EconomistCasualtiesMonth {
  /** YYYY-MM */
  month: string;
  /** The last day of the month in the file (the month end when the file has it), YYYY-MM-DD. */
  date: string;
  /** Central estimate of Russian casualties since 2022-02-24, people (`casualties_est`). */
  casualtiesEst: number;
  /** 95% confidence interval of the estimate (`casualties_ci_low`, `casualties_ci_high`). */
  casualtiesCiLow: number;
  casualtiesCiHigh: number;
  /** 95% prediction interval (`casualties_pi_low`, `casualties_pi_high`). */
  casualtiesPiLow: number;
  casualtiesPiHigh: number;
}

/**
 * `occupied_area_deepstate_daily.csv`, one day: the area occupied on DeepStateMap ("Occupied",
 * "CADR and CALR" and "Occupied Crimea" layers, unioned), measured from archived map snapshots.
 * Not shipped (DeepState's terms allow no redistribution); levels run 3–4k km² below ISW's, so
 * compare changes, not levels.
 */
export interface DeepStateAreaDay {
  /** YYYY-MM-DD */
  date: string;
  /** Occupied area, km², Crimea and areas occupied before 2022 included. */
  occupiedKm2: number;
  /** Grey "unknown status" zones, km², not counted as occupied. */
  unknownStatusKm2: number;
}
