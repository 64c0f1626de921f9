import { describeValue } from "../util/errors.js";
import { CsvError, readCsvTableWithLines, type ColumnSpec, type CsvIssue } from "./csv.js";
import type { DeepStateAreaDay } from "./types.js";

/**
 * DeepState's daily occupied area (DeepStateMap, a Ukrainian OSINT map; areas measured from
 * archived map snapshots). The series carries DeepState's own terms, without a redistribution
 * licence: the repository keeps a copy for calibration and tests, the package ships only this
 * loader, never the data. Browser-safe: the loader takes the file's text.
 */

/** The columns of the daily file: date, occupied_km2, unknown_status_km2 (extra columns are ignored). */
export const DEEPSTATE_DAILY_COLUMNS: readonly ColumnSpec[] = [
  { name: "date", field: "date", kind: "date" },
  { name: "occupied_km2", field: "occupiedKm2", kind: "number" },
  { name: "unknown_status_km2", field: "unknownStatusKm2", kind: "number" },
];

/** Most issues listed in one error (the rest are counted), as the CSV reader does. */
const MAX_ISSUES = 20;

function issue(line: number, column: string, value: string, message: string): CsvIssue {
  return { path: `line ${line}, column ${column}`, line, column, value, message };
}

/**
 * Read a daily DeepState CSV (date, occupied_km2, unknown_status_km2): one row per day, dates in
 * increasing order and each day once, areas in km² and ≥ 0. Missing days stay missing (the
 * source skips days; nothing is filled in); read month ends with {@link monthEndObservations}.
 * @throws {CsvError} naming the line, column and value of each bad cell, a date out of order or
 * repeated, or a negative area.
 * @example
 * const days = parseDeepStateDailyCsv(text); // [{ date: "2025-06-30", occupiedKm2: …, unknownStatusKm2: … }, …]
 * monthEndObservations(days).map((m) => m.occupiedKm2); // the month-end areas of the observed months
 */
export function parseDeepStateDailyCsv(text: string): DeepStateAreaDay[] {
  const { rows, lines } = readCsvTableWithLines<DeepStateAreaDay>(text, DEEPSTATE_DAILY_COLUMNS);
  const issues: CsvIssue[] = [];
  rows.forEach((row, k) => {
    const previous = rows[k - 1];
    if (previous && row.date === previous.date) {
      issues.push(issue(lines[k]!, "date", row.date, `expected each date once, got ${describeValue(row.date)} again (first on line ${lines[k - 1]})`));
    } else if (previous && row.date < previous.date) {
      issues.push(issue(lines[k]!, "date", row.date, `expected a date after ${previous.date} (dates in increasing order), got ${describeValue(row.date)}`));
    }
    for (const [column, value] of [["occupied_km2", row.occupiedKm2], ["unknown_status_km2", row.unknownStatusKm2]] as const) {
      if (!(value >= 0)) issues.push(issue(lines[k]!, column, String(value), `expected an area ≥ 0 km², got ${value}`));
    }
  });
  if (issues.length > MAX_ISSUES) issues.splice(MAX_ISSUES, issues.length - MAX_ISSUES, { path: "", line: 0, column: "", value: "", message: `… and ${issues.length - MAX_ISSUES} more problems` });
  if (issues.length) throw new CsvError(issues);
  return rows;
}
