import { describeValue, InputError, type InputIssue } from "../util/errors.js";

/**
 * A JSON file holding an array of records (as upstream datasets publish them), read with the line
 * each record starts on, so that a problem is reported the way the CSV loaders report theirs:
 * `line 68, field personnel: expected …, got …`. Browser-safe: takes the file's text.
 */

/** One problem in a JSON file of records. */
export interface JsonIssue extends InputIssue {
  /** 1-based line where the record (or the syntax error) is. */
  line: number;
  /** 1-based character column of a syntax error (0 for problems with a record). */
  column: number;
  /** The record's field ("" for a syntax error or a whole record). */
  field: string;
  /** The offending value, as text ("" when there is none). */
  value: string;
}

/** A JSON file of records that does not have the expected shape. `.line`, `.field`, `.value` are the first problem's. */
export class JsonRecordsError extends InputError {
  readonly line: number;
  readonly field: string;
  readonly value: string;
  override readonly issues: readonly JsonIssue[];

  constructor(issues: JsonIssue[]) {
    super(issues);
    this.name = "JsonRecordsError";
    this.issues = issues;
    this.line = issues[0]?.line ?? 0;
    this.field = issues[0]?.field ?? "";
    this.value = issues[0]?.value ?? "";
  }
}

/** An issue with a record's field (or the whole record when `field` is ""). */
export function jsonIssue(line: number, field: string, value: unknown, message: string): JsonIssue {
  const where = field ? `line ${line}, field ${field}` : `line ${line}`;
  const text = value === undefined ? "" : typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  return { path: where, line, column: 0, field, value: text.length > 200 ? `${text.slice(0, 197)}...` : text, message };
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return [line, offset - (before.lastIndexOf("\n") + 1) + 1];
}

/** The line each element of the top-level array starts on (the text is valid JSON). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\") i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === "\n") line += 1;
    if (c === " " || c === "\t" || c === "\r" || c === "\n") continue;
    if (depth === 1 && expectElement && c !== "]") lines.push(line);
    expectElement = false;
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth += 1;
      if (depth === 1) expectElement = true;
    } else if (c === "]" || c === "}") depth -= 1;
    else if (c === "," && depth === 1) expectElement = true;
  }
  return lines;
}

/**
 * Parse a JSON array of records (objects), each with the line it starts on. A byte-order mark
 * is ignored.
 * @throws {JsonRecordsError} on a syntax error (with its line and column when the parser gives a
 * position), when the top level is not an array, or for every element that is not an object.
 * @example
 * readJsonRecords('[\n  {"date": "2025-06-30", "personnel": 1020010}\n]'); // { records: [{ date: "2025-06-30", personnel: 1020010 }], lines: [2] }
 */
export function readJsonRecords(text: string): { records: Record<string, unknown>[]; lines: number[] } {
  if (typeof text !== "string") throw new JsonRecordsError([{ ...jsonIssue(0, "", "", `expected the JSON file's text as a string, got ${describeValue(text)}`), path: "" }]);
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(src);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const [line, column] = position ? lineAndColumn(src, Number(position[1])) : src.trim() === "" ? [1, 1] : lineAndColumn(src, src.length);
    const detail = message.replace(/ in JSON at position \d+.*$/, "").replace(/^JSON\.parse: /, "");
    const got = src.trim() === "" ? "an empty file" : `a syntax error (${detail.charAt(0).toLowerCase()}${detail.slice(1)})`;
    throw new JsonRecordsError([{ path: `line ${line}, column ${column}`, line, column, field: "", value: "", message: `expected valid JSON, got ${got}` }]);
  }
  if (!Array.isArray(parsed)) throw new JsonRecordsError([jsonIssue(1, "", "", `expected an array of records [{…}, …], got ${describeValue(parsed)}`)]);
  const lines = elementLines(src);
  const issues: JsonIssue[] = [];
  parsed.forEach((record, k) => {
    if (record === null || typeof record !== "object" || Array.isArray(record)) issues.push(jsonIssue(lines[k]!, "", record, `expected a record {…}, got ${describeValue(record)}`));
  });
  if (issues.length) throw new JsonRecordsError(issues.slice(0, 20));
  return { records: parsed as Record<string, unknown>[], lines };
}
