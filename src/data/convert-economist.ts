import { describeValue, InputError } from "../util/errors.js";
import { csvText, missingDays, someOf, type ConvertedFile } from "./converted-file.js";
import { CsvError, readCsvTableWithLines, type ColumnSpec, type CsvIssue } from "./csv.js";

/**
 * The Economist's tracker files (github.com/TheEconomist/the-economist-ukraine-war-dead-and-wounded-estimates,
 * `output-data/tracker/meta-estimate-casualties.csv` and `meta-estimate-deaths.csv`, CC BY 4.0 — "The
 * Economist") → the layout of the shipped `economist_russian_losses_meta_estimate_daily.csv`, which
 * holds both in one row per day. Browser-safe: takes the files' text.
 */

/** The columns read from a tracker file (`days_since_invasion` and any extra columns are ignored). */
export const ECONOMIST_TRACKER_COLUMNS: readonly ColumnSpec[] = [
  { name: "date", field: "date", kind: "date" },
  { name: "estimate", field: "estimate", kind: "text" },
  { name: "ci_lower", field: "ciLower", kind: "text" },
  { name: "ci_upper", field: "ciUpper", kind: "text" },
  { name: "pi_low", field: "piLow", kind: "text" },
  { name: "pi_high", field: "piHigh", kind: "text" },
  { name: "type", field: "type", kind: "text" },
  { name: "country", field: "country", kind: "text" },
];

/** The value columns, in the order the shipped layout writes them (est, ci_low, ci_high, pi_low, pi_high). */
const VALUE_COLUMNS = ["estimate", "ci_lower", "ci_upper", "pi_low", "pi_high"] as const;
type ValueField = "estimate" | "ciLower" | "ciUpper" | "piLow" | "piHigh";
const VALUE_FIELDS: readonly ValueField[] = ["estimate", "ciLower", "ciUpper", "piLow", "piHigh"];

/** The header of `economist_russian_losses_meta_estimate_daily.csv`. */
export const ECONOMIST_DAILY_HEADER: readonly string[] = ["date", ...["deaths", "casualties"].flatMap((t) => ["est", "ci_low", "ci_high", "pi_low", "pi_high"].map((c) => `${t}_${c}`))];

/** One estimated day of a tracker file: the cumulative estimate and its 95% intervals, people. */
export interface EconomistTrackerDay {
  date: string;
  estimate: number;
  ciLower: number;
  ciUpper: number;
  piLow: number;
  piHigh: number;
}

/** A tracker file, read: what it estimates, its estimated days (oldest first) and the newest days it has no estimate for yet. */
export interface EconomistTrackerFile {
  /** The file's `type`: "casualties" (killed and wounded) or "deaths". */
  type: "casualties" | "deaths";
  days: EconomistTrackerDay[];
  /** Dates of the newest rows whose every value is NA (not yet estimated), left out of `days`. */
  notYetEstimated: string[];
}

/** A number as the CSV loaders read one (no thousands separators in the tracker). */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function issue(line: number, column: string, value: string, message: string): CsvIssue {
  return { path: column ? `line ${line}, column ${column}` : `line ${line}`, line, column, value, message };
}

/**
 * Read one of the Economist's tracker files (`date, days_since_invasion, estimate, ci_lower,
 * ci_upper, pi_low, pi_high, type, country`, newest day first, as the repository writes it; oldest
 * first is accepted too). Every row must have the same `type` ("casualties" or "deaths") and
 * `country` "russia" (the shipped layout holds Russian losses); values are numbers ≥ 0. The
 * tracker writes NA in every value column of its newest days until they are estimated: such rows
 * are left out and listed in `notYetEstimated`; NA anywhere else (an older day, or some columns of
 * a row only) is an error.
 * @throws {CsvError} naming the line, column and value of each problem: a bad cell, a date out of
 * order or repeated, a mixed `type`, another `country`, a misplaced NA.
 * @example
 * parseEconomistTrackerCsv(text).days.at(-1); // { date: "2025-06-30", estimate: 990989.44, ciLower: …, … } for a casualties file
 */
export function parseEconomistTrackerCsv(text: string): EconomistTrackerFile {
  const { rows, lines } = readCsvTableWithLines<{ date: string; type: string; country: string } & Record<ValueField, string>>(text, ECONOMIST_TRACKER_COLUMNS);
  const issues: CsvIssue[] = [];
  const add = (i: CsvIssue) => issues.push(i);
  if (rows.length === 0) throw new CsvError([issue(2, "", "", "expected at least one day, got only a header")]);
  const type = rows[0]!.type;
  if (type !== "casualties" && type !== "deaths") throw new CsvError([issue(lines[0]!, "type", type, `expected "casualties" or "deaths", got ${describeValue(type)}`)]);
  const newestFirst = rows.length > 1 && rows[1]!.date < rows[0]!.date;
  const days: (EconomistTrackerDay & { line: number })[] = [];
  const unestimated: { date: string; line: number }[] = [];
  rows.forEach((row, k) => {
    const line = lines[k]!;
    if (row.type !== type) add(issue(line, "type", row.type, `expected ${describeValue(type)} on every row (as on line ${lines[0]}), got ${describeValue(row.type)}`));
    if (row.country !== "russia") add(issue(line, "country", row.country, `expected "russia" (the shipped layout holds Russian losses), got ${describeValue(row.country)}`));
    const previous = rows[k - 1];
    if (previous && row.date === previous.date) add(issue(line, "date", row.date, `expected each date once, got ${describeValue(row.date)} again (first on line ${lines[k - 1]})`));
    else if (previous && row.date < previous.date !== newestFirst) {
      const order = newestFirst ? "before" : "after";
      add(issue(line, "date", row.date, `expected a date ${order} ${previous.date} (the file runs ${newestFirst ? "newest" : "oldest"} first, as its first two rows do), got ${describeValue(row.date)}`));
    }
    const cells = VALUE_FIELDS.map((f) => row[f].trim());
    if (cells.every((c) => c === "NA")) {
      unestimated.push({ date: row.date, line });
      return;
    }
    const day = { date: row.date, line } as EconomistTrackerDay & { line: number };
    cells.forEach((cell, c) => {
      const value = NUMBER.test(cell) ? Number(cell) : NaN;
      if (cell === "NA") add(issue(line, VALUE_COLUMNS[c]!, cell, `expected a number, got "NA" (a day is estimated in every column or in none)`));
      else if (!Number.isFinite(value) || value < 0) add(issue(line, VALUE_COLUMNS[c]!, cell, `expected a number ≥ 0, got ${describeValue(cell)}`));
      else day[VALUE_FIELDS[c]!] = value;
    });
    days.push(day);
  });
  if (newestFirst) {
    days.reverse();
    unestimated.reverse();
  }
  const lastEstimated = days.reduce<string | undefined>((last, d) => (last === undefined || d.date > last ? d.date : last), undefined);
  for (const u of unestimated) {
    if (lastEstimated !== undefined && u.date < lastEstimated) {
      add(issue(u.line, "estimate", "NA", `expected a number, got "NA": only the newest days may lack an estimate, and ${lastEstimated} has one`));
    }
  }
  if (issues.length > 20) issues.splice(20, issues.length - 20, { path: "", line: 0, column: "", value: "", message: `… and ${issues.length - 20} more problems` });
  if (issues.length) throw new CsvError(issues);
  if (days.length === 0) throw new CsvError([issue(lines[0]!, "estimate", "NA", `expected at least one estimated day, got NA on every row`)]);
  return { type, days: days.map(({ line: _line, ...day }) => day), notYetEstimated: unestimated.map((u) => u.date) };
}

/**
 * Write the tracker's casualties file (and, when given, its deaths file) in the layout of
 * `economist_russian_losses_meta_estimate_daily.csv`: one row per day, oldest first, the deaths_*
 * then casualties_* columns `est, ci_low, ci_high, pi_low, pi_high` (from `estimate, ci_lower,
 * ci_upper, pi_low, pi_high`), **rounded to whole people** as the shipped file is. Without a deaths
 * file the deaths_* columns are left empty (the library reads only casualties_*), and a note says
 * so; days not yet estimated and missing days are listed in the notes, never filled in.
 * @throws {InputError} if `casualties` is not a casualties file, `deaths` not a deaths file, or the
 * two do not cover the same days.
 * @example
 * economistTrackerToDailyCsv(parseEconomistTrackerCsv(casualtiesText), parseEconomistTrackerCsv(deathsText)).csv;
 */
export function economistTrackerToDailyCsv(casualties: EconomistTrackerFile, deaths?: EconomistTrackerFile): ConvertedFile {
  if (casualties.type !== "casualties") throw new InputError({ path: "casualties", message: `expected the tracker's casualties file (type casualties), got a ${casualties.type} file` });
  if (deaths && deaths.type !== "deaths") throw new InputError({ path: "deaths", message: `expected the tracker's deaths file (type deaths), got a ${deaths.type} file` });
  const dates = casualties.days.map((d) => d.date);
  if (deaths) {
    const deathDates = new Set(deaths.days.map((d) => d.date));
    const onlyCasualties = dates.filter((d) => !deathDates.has(d));
    const casualtyDates = new Set(dates);
    const onlyDeaths = deaths.days.map((d) => d.date).filter((d) => !casualtyDates.has(d));
    if (onlyCasualties.length || onlyDeaths.length) {
      const which = onlyCasualties.length ? `${someOf(onlyCasualties)} only in the casualties file` : `${someOf(onlyDeaths)} only in the deaths file`;
      throw new InputError({ path: "deaths", message: `expected the deaths and casualties files to estimate the same days, got ${which}` });
    }
  }
  const whole = (day: EconomistTrackerDay | undefined) => VALUE_FIELDS.map((f) => (day ? String(Math.round(day[f])) : ""));
  const deathsByDate = new Map(deaths?.days.map((d) => [d.date, d]));
  const rows = casualties.days.map((day) => [day.date, ...whole(deathsByDate.get(day.date)), ...whole(day)]);
  const notes: string[] = [];
  if (!deaths) notes.push("no deaths file given: the deaths_* columns are empty (the library reads only casualties_*)");
  if (casualties.notYetEstimated.length) {
    const n = casualties.notYetEstimated.length;
    notes.push(`${n} newest day${n > 1 ? "s" : ""} not yet estimated (NA in every column) left out: ${someOf(casualties.notYetEstimated)}`);
  }
  const missing = missingDays(dates);
  if (missing.length) notes.push(`${missing.length} day${missing.length > 1 ? "s" : ""} missing from the file (${someOf(missing)}): not filled in`);
  return { csv: csvText(ECONOMIST_DAILY_HEADER, rows), rows: rows.length, firstDate: dates[0]!, lastDate: dates.at(-1)!, notes };
}
