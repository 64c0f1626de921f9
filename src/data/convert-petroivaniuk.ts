import { describeValue } from "../util/errors.js";
import { csvText, missingDays, nextDay, someOf, type ConvertedFile } from "./converted-file.js";
import { jsonIssue, JsonRecordsError, readJsonRecords, type JsonIssue } from "./json-records.js";

/**
 * Ukraine's General Staff daily claims of Russian personnel losses as PetroIvaniuk's dataset
 * publishes them (github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset, `data/russia_losses_personnel.json`,
 * MIT © 2022 Petro Ivaniuk) → the layout of the shipped `russia_personnel_losses_daily.csv`.
 * Browser-safe: takes the file's text.
 */

/** The header of `russia_personnel_losses_daily.csv`. */
export const CLAIMED_LOSSES_DAILY_HEADER: readonly string[] = ["date", "cumulative_personnel", "daily_increment"];

function isCalendarDate(text: unknown): text is string {
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Convert PetroIvaniuk's `russia_losses_personnel.json` — an array of daily records
 * `{ "date": "2022-02-25", "day": 2, "personnel": 2800, "personnel*": "about", "POW": 0 }` — into
 * the CSV layout of `russia_personnel_losses_daily.csv`: `date`, `cumulative_personnel` (the
 * record's `personnel`, the cumulative claim since 2022-02-24) and `daily_increment` (the change
 * from the day before; empty on the first row and on a day after a missing one, where it would
 * span several days; a claim below the day before's gives a negative increment, as written). `day` (a count derivable from the date), `personnel*` ("about" or "more",
 * the wording of the claim) and `POW` (prisoners, reported only early in the war) have no column
 * in the layout and are not written; any other field is ignored too. Each record needs a
 * calendar `date` and a whole `personnel` ≥ 0, dates increasing and each once. Missing days are
 * not filled in: the notes list them.
 * @throws {JsonRecordsError} naming the line and field of each bad record (at most 20), or the
 * line and column of a JSON syntax error.
 * @example
 * convertPetroIvaniukPersonnel('[{"date": "2025-06-29", "personnel": 1018940}, {"date": "2025-06-30", "personnel": 1020010}]').csv;
 * // "date,cumulative_personnel,daily_increment\r\n2025-06-29,1018940,\r\n2025-06-30,1020010,1070\r\n"
 */
export function convertPetroIvaniukPersonnel(text: string): ConvertedFile {
  const { records, lines } = readJsonRecords(text);
  if (records.length === 0) throw new JsonRecordsError([jsonIssue(1, "", "[]", "expected at least one daily record, got an empty array")]);
  const issues: JsonIssue[] = [];
  const days: { date: string; personnel: number; line: number }[] = [];
  records.forEach((record, k) => {
    const line = lines[k]!;
    const { date, personnel } = record;
    let ok = true;
    if (!isCalendarDate(date)) {
      issues.push(jsonIssue(line, "date", date, `expected a calendar date "YYYY-MM-DD", got ${describeValue(date)}`));
      ok = false;
    }
    if (typeof personnel !== "number" || !Number.isSafeInteger(personnel) || personnel < 0) {
      issues.push(jsonIssue(line, "personnel", personnel, `expected a whole number ≥ 0 (claimed losses since 2022-02-24), got ${describeValue(personnel)}`));
      ok = false;
    }
    if (!ok) return;
    const previous = days.at(-1);
    if (previous && previous.date === date) {
      issues.push(jsonIssue(line, "date", date, `expected each date once, got ${describeValue(date)} again (first on line ${previous.line})`));
    } else if (previous && (date as string) < previous.date) {
      issues.push(jsonIssue(line, "date", date, `expected a date after ${previous.date} (dates in increasing order), got ${describeValue(date)}`));
    } else days.push({ date: date as string, personnel: personnel as number, line });
  });
  if (issues.length > 20) issues.splice(20, issues.length - 20, { ...jsonIssue(0, "", "", `… and ${issues.length - 20} more problems`), path: "" });
  if (issues.length) throw new JsonRecordsError(issues);

  const missing = missingDays(days.map((d) => d.date));
  const rows = days.map((day, k) => {
    const previous = days[k - 1];
    // An increment over a gap would span several days: left empty, the cumulative claim kept.
    const increment = previous && nextDay(previous.date) === day.date ? String(day.personnel - previous.personnel) : "";
    return [day.date, String(day.personnel), increment];
  });
  const notes = missing.length
    ? [`${missing.length} day${missing.length > 1 ? "s" : ""} missing from the file (${someOf(missing)}): not filled in; the day after each gap has an empty daily_increment`]
    : [];
  return { csv: csvText(CLAIMED_LOSSES_DAILY_HEADER, rows), rows: rows.length, firstDate: days[0]!.date, lastDate: days.at(-1)!.date, notes };
}
