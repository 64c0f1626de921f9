/**
 * Sensitivity targets: the one number per path that a sensitivity analysis explains.
 *
 * - `<series>@<YYYY-MM>` — a series at the end of a month, e.g. `occupiedShare@2030-12`,
 *   `dprkLosses@2026-12` (DPRK casualties by that date).
 * - `monthsTo:<series><op><value>` — the first month (1-based, from the start) whose end satisfies
 *   the comparison, e.g. `monthsTo:occupiedShare>=0.25` (`25%` also works). 0 if the start
 *   already does. **Censoring rule**: a path that never gets there within the horizon counts as
 *   `horizon + 1` months, so every path has a finite value; the result says how many were censored.
 */
import type { RunStore } from "../engine/store.js";
import { SERIES, SERIES_UNITS, type SeriesName } from "../engine/store.js";
import { describeValue, OptionsError } from "../util/errors.js";

export type TargetOperator = ">=" | ">" | "<=" | "<";
const OPERATORS: readonly TargetOperator[] = [">=", "<=", ">", "<"]; // two-character ones first

/** A series at one month's end. */
export interface ValueTarget {
  kind: "value";
  text: string;
  series: SeriesName;
  /** YYYY-MM. */
  month: string;
}

/** The first month whose end satisfies `series op threshold`. */
export interface MonthsToTarget {
  kind: "monthsTo";
  text: string;
  series: SeriesName;
  operator: TargetOperator;
  threshold: number;
}

export type SensitivityTarget = ValueTarget | MonthsToTarget;

const EXAMPLES = "occupiedShare@2030-12, dprkLosses@2026-12 or monthsTo:occupiedShare>=0.25";
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function bad(message: string): never {
  throw new OptionsError({ path: "target", message });
}

function seriesName(text: string, where: string): SeriesName {
  if ((SERIES as readonly string[]).includes(text)) return text as SeriesName;
  bad(`expected a series (${SERIES.join(", ")}) ${where}, got ${describeValue(text)}`);
}

/**
 * Parse a target string.
 * @throws {OptionsError} at path `target`, naming the bad part, e.g.
 *   `target: expected a month YYYY-MM after "@", got "2030-13"`.
 * @example
 * parseTarget("occupiedShare@2030-12"); // { kind: "value", series: "occupiedShare", month: "2030-12", … }
 * parseTarget("monthsTo:occupiedShare>=25%").threshold; // 0.25
 */
export function parseTarget(text: unknown): SensitivityTarget {
  if (typeof text !== "string" || text.trim() === "") bad(`expected a target such as ${EXAMPLES}, got ${describeValue(text)}`);
  const t = text.trim();
  if (t.startsWith("monthsTo:")) {
    const body = t.slice("monthsTo:".length);
    const at = body.search(/[<>=!]/);
    if (at < 0) bad(`expected monthsTo:<series><op><value> with op one of ${OPERATORS.join(", ")}, got ${describeValue(t)}`);
    const series = seriesName(body.slice(0, at).trim(), 'after "monthsTo:"');
    const operator = OPERATORS.find((op) => body.startsWith(op, at));
    if (!operator) bad(`expected a comparison (${OPERATORS.join(", ")}) after "${series}", got ${describeValue(body.slice(at, at + 2))}`);
    const raw = body.slice(at + operator.length).trim();
    const percent = raw.endsWith("%");
    const digits = percent ? raw.slice(0, -1).trim() : raw;
    const threshold = NUMBER.test(digits) ? Number(digits) / (percent ? 100 : 1) : NaN;
    if (!Number.isFinite(threshold)) bad(`expected a number (or a percentage such as 25%) after "${operator}", got ${describeValue(raw)}`);
    return { kind: "monthsTo", text: `monthsTo:${series}${operator}${percent ? threshold : digits}`, series, operator, threshold };
  }
  const at = t.indexOf("@");
  if (at < 0) bad(`expected <series>@<YYYY-MM> or monthsTo:<series><op><value> (e.g. ${EXAMPLES}), got ${describeValue(t)}`);
  const series = seriesName(t.slice(0, at).trim(), 'before "@"');
  const monthText = t.slice(at + 1).trim();
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(monthText);
  const mo = match ? Number(match[2]) : 0;
  if (!match || mo < 1 || mo > 12) bad(`expected a month YYYY-MM after "@", got ${describeValue(monthText)}`);
  if (match[3] !== undefined) {
    const last = new Date(Date.UTC(Number(match[1]), mo, 0)).getUTCDate();
    if (Number(match[3]) !== last)
      bad(`expected a month YYYY-MM (or its last day, ${match[1]}-${match[2]}-${last}) after "@", got ${describeValue(monthText)}`);
  }
  const month = `${match[1]}-${match[2]}`;
  return { kind: "value", text: `${series}@${month}`, series, month };
}

/** Months from the scenario start (its first month is 0) to `month` (YYYY-MM). */
function monthOffset(start: string, month: string): number {
  return (Number(month.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + (Number(month.slice(5, 7)) - Number(start.slice(5, 7)));
}

/**
 * The horizon a run needs for `target`: the target month for a value (a longer `requested`
 * horizon is allowed), `requested ?? fallback` for a first passage.
 * @throws {OptionsError} when the month lies before the start or beyond `maxMonths`, or the
 *   requested horizon ends before it.
 * @example
 * targetHorizon(parseTarget("occupiedShare@2030-12"), "2025-07-01", undefined, 120, 1200); // 66
 */
export function targetHorizon(
  target: SensitivityTarget,
  start: string,
  requested: number | undefined,
  fallback: number,
  maxMonths: number,
): number {
  if (target.kind === "monthsTo") return requested ?? fallback;
  const needed = monthOffset(start, target.month) + 1;
  if (needed < 1 || needed > maxMonths) {
    const last = new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1 + maxMonths - 1, 1)).toISOString().slice(0, 7);
    bad(`expected a month from ${start.slice(0, 7)} to ${last} (the scenario starts ${start}), got ${describeValue(target.month)}`);
  }
  if (requested !== undefined && requested < needed) {
    throw new OptionsError({
      path: "horizonMonths",
      message: `expected at least ${needed} months to reach the target month ${target.month}, got ${requested}`,
    });
  }
  return requested ?? needed;
}

/** The unit of a target's values. */
export function targetUnit(target: SensitivityTarget): string {
  return target.kind === "monthsTo" ? "months" : SERIES_UNITS[target.series];
}

function compare(value: number, op: TargetOperator, threshold: number): boolean {
  return op === ">=" ? value >= threshold : op === ">" ? value > threshold : op === "<=" ? value <= threshold : value < threshold;
}

/** Per-path values of a target, with the number of censored paths (first passage only). */
export interface TargetValues {
  values: Float64Array;
  /** Paths that never satisfied a first-passage target within the horizon (counted as horizon + 1). */
  censored: number;
}

/**
 * Read the target from a run kept with `keepPaths` (`projection.paths`); `monthIndex` is the
 * target month's index in the run (value targets only).
 * @example
 * const p = simulateSync("baseline", { runs: 100, horizonMonths: 66, keepPaths: true });
 * targetValues(parseTarget("occupiedShare@2030-12"), p.paths!, 65).values.length; // 100
 */
export function targetValues(target: SensitivityTarget, paths: RunStore, monthIndex: number): TargetValues {
  const { runs, months } = paths;
  const series = paths.series[target.series];
  const values = new Float64Array(runs);
  if (target.kind === "value") {
    for (let i = 0; i < runs; i += 1) values[i] = series[monthIndex * runs + i]!;
    return { values, censored: 0 };
  }
  const initial = paths.initial[target.series];
  let censored = 0;
  for (let i = 0; i < runs; i += 1) {
    let first = compare(initial[i]!, target.operator, target.threshold) ? 0 : -1;
    for (let m = 0; first < 0 && m < months; m += 1) if (compare(series[m * runs + i]!, target.operator, target.threshold)) first = m + 1;
    if (first < 0) {
      first = months + 1;
      censored += 1;
    }
    values[i] = first;
  }
  return { values, censored };
}
