import { describeValue } from "../util/errors.js";
import { CsvError, readCsvTableWithLines, type ColumnSpec, type CsvIssue } from "./csv.js";
import type { EconomistCasualtiesMonth } from "./types.js";

/**
 * The Economist's meta-estimate of Russian losses (data/economist_russian_losses_meta_estimate_daily.csv,
 * from TheEconomist/the-economist-ukraine-war-dead-and-wounded-estimates, output-data/tracker/;
 * CC BY 4.0, "The Economist"): daily cumulative estimates read down to month ends, the way the
 * model and the backtest see every series. Browser-safe: the loader takes the file's text.
 */

/** The columns read from the daily file (its deaths_* columns are ignored, as are any extra ones). */
export const ECONOMIST_CASUALTIES_DAILY_COLUMNS: readonly ColumnSpec[] = [
  { name: "date", field: "date", kind: "date" },
  { name: "casualties_est", field: "casualtiesEst", kind: "number" },
  { name: "casualties_ci_low", field: "casualtiesCiLow", kind: "number" },
  { name: "casualties_ci_high", field: "casualtiesCiHigh", kind: "number" },
  { name: "casualties_pi_low", field: "casualtiesPiLow", kind: "number" },
  { name: "casualties_pi_high", field: "casualtiesPiHigh", kind: "number" },
];

function issue(line: number, column: string, value: string, message: string): CsvIssue {
  return { path: `line ${line}, column ${column}`, line, column, value, message };
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * Read a daily meta-estimate CSV shaped like `economist_russian_losses_meta_estimate_daily.csv`
 * (date, casualties_est, casualties_ci_low, casualties_ci_high, casualties_pi_low,
 * casualties_pi_high; other columns ignored) and keep each month's last day: the month-end
 * cumulative casualties and their 95% intervals. Dates must increase; every month from the
 * first to the last must have at least one day.
 * @throws {CsvError} naming the line, column and value of each bad cell, a date out of order or
 * a month with no day.
 * @example
 * parseEconomistCasualtiesCsv(text).at(-1); // { month: "2025-06", date: "2025-06-30", casualtiesEst: 990989, … } for the shipped file
 */
export function parseEconomistCasualtiesCsv(text: string): EconomistCasualtiesMonth[] {
  const { rows, lines } = readCsvTableWithLines<Omit<EconomistCasualtiesMonth, "month">>(text, ECONOMIST_CASUALTIES_DAILY_COLUMNS);
  const months: EconomistCasualtiesMonth[] = [];
  rows.forEach((row, k) => {
    if (k > 0 && !(row.date > rows[k - 1]!.date)) {
      throw new CsvError([issue(lines[k]!, "date", row.date, `expected a date after ${rows[k - 1]!.date} (dates in increasing order), got ${describeValue(row.date)}`)]);
    }
    const month = row.date.slice(0, 7);
    const last = months.at(-1);
    if (last && last.month !== month && month !== nextMonth(last.month)) {
      throw new CsvError([issue(lines[k]!, "date", row.date, `expected a day in ${nextMonth(last.month)} (every month from the first to the last needs one), got ${describeValue(row.date)}`)]);
    }
    const monthEnd = { month, ...row };
    if (last && last.month === month) months[months.length - 1] = monthEnd;
    else months.push(monthEnd);
  });
  return months;
}
