import { describeValue, InputError, type InputIssue } from "../util/errors.js";
import type { ClaimedLossesMonth, LossEstimate, OccupiedAreaMonth, RecruitmentClaim } from "./types.js";

/**
 * Loaders for CSV files shaped like the shipped series (data/*.csv): RFC 4180 fields (quoted
 * fields may hold commas, doubled quotes and line breaks), a UTF-8 byte-order mark, and CRLF,
 * LF or CR line ends are accepted. Bad input throws a {@link CsvError} naming the line, the
 * column and the value — `line 12, column occupied_km2: expected a number, got "12,3a"`. Numbers
 * may use comma thousands separators inside a quoted field ("140,000"), as the source files do.
 * Browser-safe: the loaders take the file's text, not a path.
 */

/** One problem in a CSV file: where it is and what was found. */
export interface CsvIssue extends InputIssue {
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
  /** Column name from the header ("" for problems with a whole record). */
  column: string;
  /** The offending text ("" when there is none). */
  value: string;
}

/** Most issues listed in one error (the rest are counted). */
const MAX_ISSUES = 20;

/** A CSV file that does not have the expected shape. `.line`, `.column`, `.value` are the first problem's. */
export class CsvError extends InputError {
  readonly line: number;
  readonly column: string;
  readonly value: string;
  override readonly issues: readonly CsvIssue[];

  constructor(issues: CsvIssue[]) {
    super(issues);
    this.name = "CsvError";
    this.issues = issues;
    this.line = issues[0]?.line ?? 0;
    this.column = issues[0]?.column ?? "";
    this.value = issues[0]?.value ?? "";
  }
}

function csvIssue(line: number, column: string, value: string, message: string): CsvIssue {
  const where = column ? `line ${line}, column ${column}` : `line ${line}`;
  return { path: where, line, column, value, message };
}

/** A record of a CSV file: its fields and the line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Split CSV text into records (RFC 4180). Blank lines are skipped.
 * @throws {CsvError} on an unterminated quoted field or text after a closing quote.
 * @example
 * parseCsv('a,b\r\n1,"x, ""y"""\r\n').map((r) => r.fields); // [["a", "b"], ["1", 'x, "y"']]
 */
export function parseCsv(text: string): CsvRecord[] {
  if (typeof text !== "string") throw new CsvError([csvIssue(0, "", "", `expected the CSV file's text as a string, got ${describeValue(text)}`)]);
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = "";
    let done = false;
    while (!done) {
      if (src[i] === '"') {
        const quoteLine = line;
        i += 1;
        for (;;) {
          if (i >= n) throw new CsvError([csvIssue(quoteLine, "", "", `expected a closing quote for the field opened on line ${quoteLine}, got the end of the file`)]);
          const c = src[i]!;
          if (c === '"') {
            if (src[i + 1] === '"') { field += '"'; i += 2; continue; }
            i += 1;
            break;
          }
          if (c === "\n" || (c === "\r" && src[i + 1] !== "\n")) line += 1;
          field += c;
          i += 1;
        }
        const next = src[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          throw new CsvError([csvIssue(line, "", src.slice(i, i + 20), `expected a comma or a line end after a closing quote, got ${describeValue(src.slice(i, i + 20))}`)]);
        }
      } else {
        while (i < n && src[i] !== "," && src[i] !== "\n" && src[i] !== "\r") field += src[i++];
        if (field.includes('"')) throw new CsvError([csvIssue(line, "", field, `expected quotes only around a whole field, got ${describeValue(field)}`)]);
      }
      fields.push(field);
      field = "";
      if (src[i] === ",") { i += 1; continue; }
      // A line end (CRLF, LF or CR) or the end of the file closes the record.
      if (src[i] === "\r") i += src[i + 1] === "\n" ? 2 : 1;
      else if (src[i] === "\n") i += 1;
      line += 1;
      done = true;
    }
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: startLine, fields });
  }
  return records;
}

/** What a column holds. */
export type ColumnKind = "month" | "date" | "number" | "text";

/** One expected column: its CSV name, the row field it fills, its kind, and whether it may be empty. */
export interface ColumnSpec {
  name: string;
  field: string;
  kind: ColumnKind;
  optional?: boolean;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** A number with comma thousands separators, as in the quoted "140,000" of the source files. */
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function convertCell(text: string, kind: ColumnKind): { value?: string | number; expected?: string } {
  const t = text.trim();
  switch (kind) {
    case "text": return { value: text };
    case "number": {
      const plain = GROUPED.test(t) ? t.replace(/,/g, "") : t;
      return NUMBER.test(plain) && Number.isFinite(Number(plain)) ? { value: Number(plain) } : { expected: "a number" };
    }
    case "date": return isCalendarDate(t) ? { value: t } : { expected: "a calendar date YYYY-MM-DD" };
    case "month": return /^\d{4}-(0[1-9]|1[0-2])$/.test(t) ? { value: t } : { expected: "a month YYYY-MM" };
  }
}

/**
 * Read a CSV table with the given columns into typed rows. The header must name every column
 * (in any order; extra columns are ignored); each record must have as many fields as the header.
 * @throws {CsvError} listing up to 20 problems, each with its line, column and value.
 * @example
 * readCsvTable("m,v\n2024-01,5\n", [{ name: "m", field: "month", kind: "month" }, { name: "v", field: "value", kind: "number" }]);
 * // [{ month: "2024-01", value: 5 }]
 */
export function readCsvTable<T>(text: string, columns: readonly ColumnSpec[]): T[] {
  return readTable<T>(text, columns).rows;
}

/**
 * {@link readCsvTable} with the line each row starts on, for checks that span rows (dates in
 * order, consecutive months) and name the line of the offending row.
 * @throws {CsvError} as {@link readCsvTable}.
 * @example
 * readCsvTableWithLines("m\n2024-01\n", [{ name: "m", field: "month", kind: "month" }]).lines; // [2]
 */
export function readCsvTableWithLines<T>(text: string, columns: readonly ColumnSpec[]): { rows: T[]; lines: number[] } {
  return readTable<T>(text, columns);
}

function readTable<T>(text: string, columns: readonly ColumnSpec[]): { rows: T[]; lines: number[] } {
  const records = parseCsv(text);
  if (records.length === 0) throw new CsvError([csvIssue(1, "", "", `expected a header line with the columns ${columns.map((c) => c.name).join(", ")}, got an empty file`)]);
  const [header, ...body] = records;
  const names = header!.fields.map((f) => f.trim());
  const issues: CsvIssue[] = [];
  const index = columns.map((c) => names.indexOf(c.name));
  const missing = columns.filter((_, k) => index[k]! < 0).map((c) => c.name);
  if (missing.length) {
    throw new CsvError([csvIssue(header!.line, "", names.join(","), `expected the columns ${missing.join(", ")} in the header, got ${names.join(", ")}`)]);
  }
  const rows: T[] = [];
  const lines: number[] = [];
  let total = 0;
  const add = (issue: CsvIssue) => { total += 1; if (issues.length < MAX_ISSUES) issues.push(issue); };
  for (const record of body) {
    if (record.fields.length !== names.length) {
      add(csvIssue(record.line, "", record.fields.join(","), `expected ${names.length} fields (as in the header), got ${record.fields.length}`));
      continue;
    }
    const row: Record<string, string | number | null> = {};
    columns.forEach((c, k) => {
      const raw = record.fields[index[k]!]!;
      if (raw.trim() === "") {
        if (c.optional) row[c.field] = null;
        else add(csvIssue(record.line, c.name, raw, `expected ${convertCell("", c.kind).expected ?? "some text"}, got an empty field`));
        return;
      }
      const { value, expected } = convertCell(raw, c.kind);
      if (expected) add(csvIssue(record.line, c.name, raw, `expected ${expected}, got ${describeValue(raw)}`));
      else row[c.field] = value!;
    });
    rows.push(row as T);
    lines.push(record.line);
  }
  if (total > issues.length) issues.push(csvIssue(0, "", "", `… and ${total - issues.length} more problems`));
  if (issues.length) throw new CsvError(issues);
  return { rows, lines };
}

/** The next month YYYY-MM. */
function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** A monthly series must run month by month, without gaps or repeats. */
function checkConsecutive(rows: readonly { month: string }[], lines: readonly number[]): void {
  for (let k = 1; k < rows.length; k += 1) {
    const expected = nextMonth(rows[k - 1]!.month);
    if (rows[k]!.month !== expected) {
      throw new CsvError([csvIssue(lines[k]!, "month", rows[k]!.month, `expected the month after ${rows[k - 1]!.month} (${expected}): a monthly series runs without gaps or repeats, got ${describeValue(rows[k]!.month)}`)]);
    }
  }
}

/** Columns of `occupied_area_isw_monthly.csv`. */
export const OCCUPIED_AREA_MONTHLY_COLUMNS: readonly ColumnSpec[] = [
  { name: "month", field: "month", kind: "month" },
  { name: "last_obs_date", field: "lastObsDate", kind: "date" },
  { name: "occupied_km2", field: "occupiedKm2", kind: "number" },
  { name: "monthly_change_km2", field: "monthlyChangeKm2", kind: "number" },
];

/** Columns of `russia_personnel_losses_monthly.csv`. */
export const CLAIMED_LOSSES_MONTHLY_COLUMNS: readonly ColumnSpec[] = [
  { name: "month", field: "month", kind: "month" },
  { name: "month_end_date", field: "monthEndDate", kind: "date" },
  { name: "cumulative_at_month_end", field: "cumulativeAtMonthEnd", kind: "number" },
  { name: "monthly_increment", field: "monthlyIncrement", kind: "number" },
  { name: "days_covered", field: "daysCovered", kind: "number" },
  { name: "avg_per_day", field: "avgPerDay", kind: "number" },
];

/** Columns of `loss_estimates_point_claims.csv`. */
export const LOSS_ESTIMATES_COLUMNS: readonly ColumnSpec[] = [
  { name: "date", field: "date", kind: "date" },
  { name: "country_of_losses", field: "countryOfLosses", kind: "text" },
  { name: "type", field: "type", kind: "text" },
  { name: "estimate_low", field: "estimateLow", kind: "number", optional: true },
  { name: "estimate_high", field: "estimateHigh", kind: "number", optional: true },
  { name: "estimate", field: "estimate", kind: "number", optional: true },
  { name: "source", field: "source", kind: "text" },
  { name: "from_warring_party", field: "fromWarringParty", kind: "text", optional: true },
  { name: "source_url", field: "sourceUrl", kind: "text" },
];

/** Columns of `recruitment_and_dprk_claims.csv`. */
export const RECRUITMENT_CLAIMS_COLUMNS: readonly ColumnSpec[] = [
  { name: "topic", field: "topic", kind: "text" },
  { name: "date_reported", field: "dateReported", kind: "date" },
  { name: "claimant_or_source", field: "claimantOrSource", kind: "text" },
  { name: "value_low", field: "valueLow", kind: "number", optional: true },
  { name: "value_high", field: "valueHigh", kind: "number", optional: true },
  { name: "unit", field: "unit", kind: "text" },
  { name: "period", field: "period", kind: "text" },
  { name: "statement_summary", field: "statementSummary", kind: "text" },
  { name: "url", field: "url", kind: "text" },
];

/**
 * Read a monthly occupied-area CSV shaped like `occupied_area_isw_monthly.csv`
 * (month, last_obs_date, occupied_km2, monthly_change_km2; consecutive months).
 * @throws {CsvError} naming the line, column and value of each bad cell.
 * @example
 * parseOccupiedAreaMonthlyCsv("month,last_obs_date,occupied_km2,monthly_change_km2\n2025-06,2025-06-30,117718.2,497.9\n")[0].occupiedKm2; // 117718.2
 */
export function parseOccupiedAreaMonthlyCsv(text: string): OccupiedAreaMonth[] {
  const { rows, lines } = readTable<OccupiedAreaMonth>(text, OCCUPIED_AREA_MONTHLY_COLUMNS);
  checkConsecutive(rows, lines);
  return rows;
}

/**
 * Read a monthly claimed-losses CSV shaped like `russia_personnel_losses_monthly.csv`
 * (month, month_end_date, cumulative_at_month_end, monthly_increment, days_covered, avg_per_day).
 * @throws {CsvError} naming the line, column and value of each bad cell.
 * @example
 * parseClaimedLossesMonthlyCsv(text).at(-1)?.monthlyIncrement; // 32680 for the shipped file
 */
export function parseClaimedLossesMonthlyCsv(text: string): ClaimedLossesMonth[] {
  const { rows, lines } = readTable<ClaimedLossesMonth>(text, CLAIMED_LOSSES_MONTHLY_COLUMNS);
  checkConsecutive(rows, lines);
  return rows;
}

/**
 * Read a point-estimate CSV shaped like `loss_estimates_point_claims.csv`.
 * @throws {CsvError} naming the line, column and value of each bad cell.
 * @example
 * parseLossEstimatesCsv(text).filter((r) => r.countryOfLosses === "ukraine");
 */
export function parseLossEstimatesCsv(text: string): LossEstimate[] {
  return readCsvTable<LossEstimate>(text, LOSS_ESTIMATES_COLUMNS);
}

/**
 * Read a statements CSV shaped like `recruitment_and_dprk_claims.csv`.
 * @throws {CsvError} naming the line, column and value of each bad cell.
 * @example
 * parseRecruitmentClaimsCsv(text).filter((r) => r.topic === "dprk_casualties");
 */
export function parseRecruitmentClaimsCsv(text: string): RecruitmentClaim[] {
  return readCsvTable<RecruitmentClaim>(text, RECRUITMENT_CLAIMS_COLUMNS);
}
