import { describeValue, InputError, type InputIssue } from "../util/errors.js";
import {
  CsvError,
  parseClaimedLossesMonthlyCsv,
  parseLossEstimatesCsv,
  parseOccupiedAreaMonthlyCsv,
  readCsvTableWithLines,
  type ColumnSpec,
} from "./csv.js";
import { ECONOMIST_CASUALTIES_DAILY_COLUMNS } from "./economist.js";
import { inMonthEndWindow, monthEndObservations, MONTH_END_WINDOW_DAYS } from "./month-end.js";
import { claimedLossesMonthly, economistCasualtiesMonthly, lossEstimates, occupiedAreaMonthly } from "./series.js";
import type { LossEstimate } from "./types.js";

/**
 * What a forecast reads (issue 14): each source's month-end values, from the shipped series or
 * from a user's files named and shaped like those in `data/` (docs/data.md). Every source is
 * optional; a source without a file is left out, never filled from the shipped data. A month
 * counts as observed only if its last row falls in the month's last 7 days — the rule of
 * month-end.ts, applied to the daily files' dates and to the monthly files' `last_obs_date` /
 * `month_end_date` alike — so a partial last month (a file that stops on the 15th) is left out,
 * with a note. Browser-safe: the reader takes the files' texts, not paths.
 */

/** The sources a forecast can weigh. */
export type ObservationSource = "isw" | "deepState" | "claims" | "economist";

/** A source's month-end value: the month, the date of the row read, the value. */
export interface ObservedMonth {
  /** YYYY-MM */
  month: string;
  /** The row's date, YYYY-MM-DD (in the month's last 7 days). */
  date: string;
  /** Occupied area (km²) or cumulative count since 2022-02-24 (people). */
  value: number;
}

/** The Economist's month end: the central estimate and its 95% prediction interval (people). */
export interface ObservedEstimateMonth extends ObservedMonth {
  low95: number;
  high95: number;
}

/** Month-end observations of each source (months in order; a month not observed is absent). */
export interface ObservationSet {
  /** ISW occupied area, km². */
  isw?: readonly ObservedMonth[];
  /** DeepState occupied area, km² (unshipped: only from a user's file). */
  deepState?: readonly ObservedMonth[];
  /** General Staff claims of Russian personnel losses, cumulative since 2022-02-24, people. */
  claims?: readonly ObservedMonth[];
  /** The Economist's meta-estimate of Russian casualties, cumulative since 2022-02-24, people. */
  economist?: readonly ObservedEstimateMonth[];
  /**
   * Dated point estimates of either side's losses (independent and warring parties' alike, as
   * the file has them): which of them a forecast weighs, and how, is the filter's business
   * (analysis/forecast-window.ts).
   */
  pointEstimates?: readonly LossEstimate[];
  /** The file each source was read from ("shipped …" for the package's series). */
  files: Partial<Record<ObservationSource | "pointEstimates", string>>;
  /** What was read and not used, and why (a daily file preferred to a monthly one, a partial month left out). */
  notes: readonly string[];
}

/** The file names a folder of observations may hold, with the source and cadence of each. */
export const OBSERVATION_FILES = {
  "occupied_area_isw_daily.csv": { source: "isw", cadence: "daily" },
  "occupied_area_isw_monthly.csv": { source: "isw", cadence: "monthly" },
  "russia_personnel_losses_daily.csv": { source: "claims", cadence: "daily" },
  "russia_personnel_losses_monthly.csv": { source: "claims", cadence: "monthly" },
  "economist_russian_losses_meta_estimate_daily.csv": { source: "economist", cadence: "daily" },
  "occupied_area_deepstate_daily.csv": { source: "deepState", cadence: "daily" },
  "loss_estimates_point_claims.csv": { source: "pointEstimates", cadence: "dated" },
} as const satisfies Record<string, { source: ObservationSource | "pointEstimates"; cadence: "daily" | "monthly" | "dated" }>;

export type ObservationFileName = keyof typeof OBSERVATION_FILES;

const ISW_DAILY_COLUMNS: readonly ColumnSpec[] = [
  { name: "date", field: "date", kind: "date" },
  { name: "occupied_km2", field: "value", kind: "number" },
];
const DEEPSTATE_COLUMNS: readonly ColumnSpec[] = [
  { name: "date", field: "date", kind: "date" },
  { name: "occupied_km2", field: "value", kind: "number" },
];
const CLAIMS_DAILY_COLUMNS: readonly ColumnSpec[] = [
  { name: "date", field: "date", kind: "date" },
  { name: "cumulative_personnel", field: "value", kind: "number" },
];

/** The issues of an error, each path prefixed with the file name. */
function inFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const issues = error.issues.map((i): InputIssue => ({ ...i, path: i.path ? `${file}: ${i.path}` : file }));
    throw error instanceof CsvError ? new CsvError(issues as CsvError["issues"][number][]) : new InputError(issues);
  }
}

function fail(file: string, line: number, column: string, message: string): never {
  throw new InputError({ path: `${file}: line ${line}, column ${column}`, message });
}

/** Dated rows: calendar dates in increasing order, each day once, values ≥ 0 (checked with their lines). */
function checkRows(file: string, rows: readonly { date: string; value: number }[], lines: readonly number[], column: string): void {
  rows.forEach((row, k) => {
    const previous = rows[k - 1];
    if (previous && !(row.date > previous.date))
      fail(file, lines[k]!, "date", `expected a date after ${previous.date} (dates in increasing order, each day once), got ${describeValue(row.date)}`);
    if (!(row.value >= 0)) fail(file, lines[k]!, column, `expected a value ≥ 0, got ${row.value}`);
  });
}

/** Monthly rows: kept if their date is in the month's last 7 days (a note for each left out). */
function lateInMonth<T extends { month: string; date: string }>(file: string, rows: readonly T[], notes: string[]): T[] {
  return rows.filter((r) => {
    const ok = inMonthEndWindow(r);
    if (!ok) notes.push(`${file}: ${r.month} left out: its last report (${r.date}) is not in the month's last ${MONTH_END_WINDOW_DAYS} days (a partial month)`);
    return ok;
  });
}

/** Daily rows read down to month ends; a month whose last row misses the month's last 7 days is noted when it is the file's last. */
function monthEnds<T extends { date: string }>(file: string, rows: readonly T[], notes: string[]): ({ month: string } & T)[] {
  const ends = monthEndObservations(rows);
  const last = rows.at(-1);
  if (last && ends.at(-1)?.month !== last.date.slice(0, 7))
    notes.push(`${file}: ${last.date.slice(0, 7)} left out: the file ends on ${last.date}, before the month's last ${MONTH_END_WINDOW_DAYS} days (a partial month)`);
  return ends;
}

function readDaily(file: string, text: string, columns: readonly ColumnSpec[], notes: string[]): ObservedMonth[] {
  const { rows, lines } = inFile(file, () => readCsvTableWithLines<{ date: string; value: number }>(text, columns));
  checkRows(file, rows, lines, columns[1]!.name);
  return monthEnds(file, rows, notes).map((r) => ({ month: r.month, date: r.date, value: r.value }));
}

function readEconomist(file: string, text: string, notes: string[]): ObservedEstimateMonth[] {
  type Row = { date: string; casualtiesEst: number; casualtiesPiLow: number; casualtiesPiHigh: number };
  const { rows, lines } = inFile(file, () => readCsvTableWithLines<Row>(text, ECONOMIST_CASUALTIES_DAILY_COLUMNS));
  checkRows(
    file,
    rows.map((r) => ({ date: r.date, value: r.casualtiesEst })),
    lines,
    "casualties_est",
  );
  rows.forEach((r, k) => {
    if (!(r.casualtiesPiLow > 0 && r.casualtiesPiLow <= r.casualtiesEst && r.casualtiesEst <= r.casualtiesPiHigh && r.casualtiesPiHigh > r.casualtiesPiLow))
      fail(file, lines[k]!, "casualties_pi_low", `expected 0 < casualties_pi_low ≤ casualties_est ≤ casualties_pi_high, got ${r.casualtiesPiLow}, ${r.casualtiesEst}, ${r.casualtiesPiHigh}`);
  });
  return monthEnds(file, rows, notes).map((r) => ({
    month: r.month,
    date: r.date,
    value: r.casualtiesEst,
    low95: r.casualtiesPiLow,
    high95: r.casualtiesPiHigh,
  }));
}

/**
 * Read a set of observation files — file name → text, the names of {@link OBSERVATION_FILES}
 * (others are refused) — into month-end observations. When a source has both a daily and a
 * monthly file, the daily one is used and a note says so. `loss_estimates_point_claims.csv` gives
 * the dated point estimates as they are (the forecast's window says which it weighs).
 * @throws {InputError} for an unknown file name, or a bad file: its name, line, column and value.
 * @example
 * const set = readObservationFiles({ "occupied_area_isw_monthly.csv": text });
 * set.isw?.at(-1); // { month: "2025-06", date: "2025-06-30", value: 117718.2 }
 */
export function readObservationFiles(files: Readonly<Record<string, string>>): ObservationSet {
  const names = Object.keys(files);
  const unknown = names.filter((n) => !Object.hasOwn(OBSERVATION_FILES, n));
  if (unknown.length)
    throw new InputError({
      path: unknown[0]!,
      message: `expected one of the observation files ${Object.keys(OBSERVATION_FILES).join(", ")}, got ${describeValue(unknown[0])}`,
    });
  const notes: string[] = [];
  const set: { -readonly [K in keyof ObservationSet]: ObservationSet[K] } = { files: {}, notes };
  const has = (name: ObservationFileName) => Object.hasOwn(files, name);
  const pick = (daily: ObservationFileName, monthly: ObservationFileName): ObservationFileName | undefined => {
    if (has(daily) && has(monthly)) notes.push(`${monthly} not used: ${daily} is (a daily file is preferred to a monthly one)`);
    return has(daily) ? daily : has(monthly) ? monthly : undefined;
  };
  const isw = pick("occupied_area_isw_daily.csv", "occupied_area_isw_monthly.csv");
  if (isw) {
    const text = files[isw]!;
    set.isw =
      isw === "occupied_area_isw_daily.csv"
        ? readDaily(isw, text, ISW_DAILY_COLUMNS, notes)
        : lateInMonth(
            isw,
            inFile(isw, () => parseOccupiedAreaMonthlyCsv(text)).map((r) => ({ month: r.month, date: r.lastObsDate, value: r.occupiedKm2 })),
            notes,
          );
    set.files.isw = isw;
  }
  const claims = pick("russia_personnel_losses_daily.csv", "russia_personnel_losses_monthly.csv");
  if (claims) {
    const text = files[claims]!;
    set.claims =
      claims === "russia_personnel_losses_daily.csv"
        ? readDaily(claims, text, CLAIMS_DAILY_COLUMNS, notes)
        : lateInMonth(
            claims,
            inFile(claims, () => parseClaimedLossesMonthlyCsv(text)).map((r) => ({
              month: r.month,
              date: r.monthEndDate,
              value: r.cumulativeAtMonthEnd,
            })),
            notes,
          );
    set.files.claims = claims;
  }
  const economist = "economist_russian_losses_meta_estimate_daily.csv";
  if (has(economist)) {
    set.economist = readEconomist(economist, files[economist]!, notes);
    set.files.economist = economist;
  }
  const deepState = "occupied_area_deepstate_daily.csv";
  if (has(deepState)) {
    set.deepState = readDaily(deepState, files[deepState]!, DEEPSTATE_COLUMNS, notes);
    set.files.deepState = deepState;
  }
  const points = "loss_estimates_point_claims.csv";
  if (has(points)) {
    set.pointEstimates = inFile(points, () => parseLossEstimatesCsv(files[points]!));
    set.files.pointEstimates = points;
  }
  return set;
}

/**
 * The shipped series (vintage 2025-06-30) as an {@link ObservationSet}: ISW's monthly occupied
 * area, the General Staff's monthly claims, the Economist's meta-estimate and the dated point
 * estimates (DeepState is not shipped). What `forecast` reads when given no observations.
 */
export function shippedObservations(): ObservationSet {
  return {
    isw: occupiedAreaMonthly.map((r) => ({ month: r.month, date: r.lastObsDate, value: r.occupiedKm2 })),
    claims: claimedLossesMonthly.map((r) => ({ month: r.month, date: r.monthEndDate, value: r.cumulativeAtMonthEnd })),
    economist: economistCasualtiesMonthly.map((r) => ({
      month: r.month,
      date: r.date,
      value: r.casualtiesEst,
      low95: r.casualtiesPiLow,
      high95: r.casualtiesPiHigh,
    })),
    pointEstimates: lossEstimates,
    files: {
      isw: "shipped occupied_area_isw_monthly.csv",
      claims: "shipped russia_personnel_losses_monthly.csv",
      economist: "shipped economist_russian_losses_meta_estimate_daily.csv",
      pointEstimates: "shipped loss_estimates_point_claims.csv",
    },
    notes: [],
  };
}
