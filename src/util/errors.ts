/**
 * Errors for bad user input. One base class, `InputError`, carries the dotted `path` of the
 * offending field; `ScenarioError` is for scenario content, `OptionsError` for run options.
 * Messages follow one format: `path: expected …, got …` (one line per problem).
 */

/** One problem found in user input. */
export interface InputIssue {
  /** Dotted path of the field, e.g. `russia.recruitmentCapacityPerMonth`; "" for the root. */
  path: string;
  /** What is wrong, e.g. `expected ≥ 0, got -5`. */
  message: string;
}

/** Text as one printable line: control characters (a newline in a key, say) become `\u` escapes. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Format an issue as `path: message` (or just the message at the root), on one line whatever
 * the keys of the input hold.
 */
export function formatIssue(issue: InputIssue): string {
  return issue.path ? `${printable(issue.path)}: ${printable(issue.message)}` : printable(issue.message);
}

/** Render any value for an error message, short and safe (never throws). */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? value.slice(0, 57) + "..." : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return typeof value;
}

/** Base class of every error caused by user input. */
export class InputError extends Error {
  /** Path of the first problem ("" when it concerns the whole input). */
  readonly path: string;
  /** Every problem found, in input order. */
  readonly issues: readonly InputIssue[];

  constructor(issues: InputIssue[] | InputIssue, name = "InputError") {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map(formatIssue).join("\n"));
    this.name = name;
    this.issues = list;
    this.path = list[0]?.path ?? "";
  }
}

/** The content of a scenario is invalid (every problem listed, each with its path). */
export class ScenarioError extends InputError {
  constructor(issues: InputIssue[] | InputIssue) {
    super(issues, "ScenarioError");
  }
}

/** A run option (runs, seed, horizon, step, …) is invalid. */
export class OptionsError extends InputError {
  constructor(issues: InputIssue[] | InputIssue) {
    super(issues, "OptionsError");
  }
}
