import { describeValue, InputError, type InputIssue } from "../util/errors.js";

/**
 * The month-observed rule for daily sources (issue 14): **a month counts as observed if the source
 * has a row in its last 7 days, and its month-end value is the last such row.** A month without one
 * is unobserved — left out, never interpolated, never carried over from an earlier day — so a gap
 * over a month's last week, or a file that stops before it, leaves that month unobserved instead of
 * passing an earlier day off as the month end. The same rule serves every daily series (ISW and
 * DeepState occupied area, the Economist's meta-estimate, the General Staff's claims): any rows with
 * a `date`, whatever values they carry. Browser-safe.
 */

/** The days at the end of a month in which a daily source needs a row for the month to count as observed. */
export const MONTH_END_WINDOW_DAYS = 7;

/** A row of a daily series: a calendar date YYYY-MM-DD and any values. */
export interface DatedRow {
  date: string;
}

/** A month's observation: the row kept as its month end, with the month YYYY-MM. */
export type MonthEndObservation<T extends DatedRow> = { month: string } & T;

/** The number of days of month YYYY-MM. @internal */
export function daysInMonth(month: string): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

function isCalendarDate(text: unknown): text is string {
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Rows must carry calendar dates in increasing order, each day once: the rule reads the last row of a month. */
function checkDates(rows: readonly DatedRow[]): void {
  if (!Array.isArray(rows)) throw new InputError({ path: "rows", message: `expected an array of rows with a date, got ${describeValue(rows)}` });
  const issues: InputIssue[] = [];
  rows.forEach((row, k) => {
    const date = (row as Partial<DatedRow> | null)?.date;
    if (!isCalendarDate(date)) issues.push({ path: `rows[${k}].date`, message: `expected a calendar date YYYY-MM-DD, got ${describeValue(date)}` });
    else if (k > 0 && isCalendarDate(rows[k - 1]?.date) && !(date > rows[k - 1]!.date)) {
      issues.push({ path: `rows[${k}].date`, message: `expected a date after ${rows[k - 1]!.date} (dates in increasing order, each day once), got ${describeValue(date)}` });
    }
  });
  if (issues.length) throw new InputError(issues.slice(0, 20));
}

/** Each month's last row, in month order. */
function lastRowOfEachMonth<T extends DatedRow>(rows: readonly T[]): MonthEndObservation<T>[] {
  const months: MonthEndObservation<T>[] = [];
  for (const row of rows) {
    const month = row.date.slice(0, 7);
    if (months.at(-1)?.month === month) months[months.length - 1] = { month, ...row };
    else months.push({ month, ...row });
  }
  return months;
}

/**
 * Whether `date` (YYYY-MM-DD) lies in the last 7 days of `month` (YYYY-MM): the rule above, for
 * one row (daily files' month ends and monthly files' report dates alike).
 * @example
 * inMonthEndWindow({ month: "2025-06", date: "2025-06-24" }); // true
 * inMonthEndWindow({ month: "2025-06", date: "2025-06-23" }); // false
 */
export function inMonthEndWindow(row: { month: string; date: string }): boolean {
  return row.date.slice(0, 7) === row.month && Number(row.date.slice(8, 10)) > daysInMonth(row.month) - MONTH_END_WINDOW_DAYS;
}

const isObserved = (monthEnd: MonthEndObservation<DatedRow>): boolean => inMonthEndWindow(monthEnd);

/**
 * The observed months of a daily series: for each month with a row in its last 7 days, the last
 * such row (the rule above), with its month. Months without one are left out (see
 * {@link unobservedMonths}); the rows are returned as given, values untouched.
 * @throws {InputError} if a date is not a calendar date YYYY-MM-DD or the dates do not increase.
 * @example
 * monthEndObservations([{ date: "2025-05-20", km2: 1 }, { date: "2025-05-30", km2: 2 }, { date: "2025-06-20", km2: 3 }]);
 * // [{ month: "2025-05", date: "2025-05-30", km2: 2 }] — June's last row is not in its last 7 days
 */
export function monthEndObservations<T extends DatedRow>(rows: readonly T[]): MonthEndObservation<T>[] {
  checkDates(rows);
  return lastRowOfEachMonth(rows).filter(isObserved);
}

/**
 * The months from the first row's to the last row's that the rule leaves unobserved: no row in
 * their last 7 days (a month with no row at all included). A file that ends before its last
 * month's last week lists that month.
 * @throws {InputError} as {@link monthEndObservations}.
 * @example
 * unobservedMonths([{ date: "2025-03-31" }, { date: "2025-04-10" }, { date: "2025-06-20" }]); // ["2025-04", "2025-05", "2025-06"]
 */
export function unobservedMonths(rows: readonly DatedRow[]): string[] {
  checkDates(rows);
  const observed = new Set(lastRowOfEachMonth(rows).filter(isObserved).map((m) => m.month));
  const [first, last] = [rows[0]?.date.slice(0, 7), rows.at(-1)?.date.slice(0, 7)];
  const months: string[] = [];
  if (first === undefined || last === undefined) return months;
  for (let month = first; month <= last; month = nextMonth(month)) if (!observed.has(month)) months.push(month);
  return months;
}
