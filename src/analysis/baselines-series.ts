import type { Uniform } from "../engine/rng.js";
import { describeValue, OptionsError } from "../util/errors.js";

/**
 * The monthly series the naive baselines (baselines.ts, baselines-regime.ts) forecast from, and
 * the one way they read it: {@link historyUpTo}, which stops at the origin, so no baseline can
 * see a row after it.
 */

/** One month-end value. */
export interface MonthlyValue {
  /** YYYY-MM */
  month: string;
  value: number;
}

/**
 * What a series' value is. Both are forecast as value(O + h) = value(O) + the next h monthly
 * increments (increment = the month's change of the value); they differ in what persistence
 * carries forward: the level itself, or — for a running total — the monthly increment.
 * - "level": a state, e.g. the occupied area (km²);
 * - "cumulative": a running total, e.g. claimed or estimated losses since 2022-02-24.
 */
export type SeriesKind = "level" | "cumulative";

/** A monthly series: consecutive months, oldest first. Rows after an origin may hold anything. */
export interface BaselineSeries {
  kind: SeriesKind;
  rows: readonly MonthlyValue[];
}

/**
 * A {@link BaselineSeries} from rows with a month and a numeric field, e.g. the shipped data.
 * @example
 * import { occupiedAreaMonthly, claimedLossesMonthly } from "attrition-sim/data";
 * const area = monthlySeries(occupiedAreaMonthly, "occupiedKm2", "level");
 * const claims = monthlySeries(claimedLossesMonthly, "cumulativeAtMonthEnd", "cumulative");
 */
export function monthlySeries<K extends string>(
  rows: readonly ({ month: string } & Record<K, number>)[],
  field: K,
  kind: SeriesKind,
): BaselineSeries {
  return { kind, rows: rows.map((r) => ({ month: r.month, value: r[field] })) };
}

/** The part of a series a forecast from `origin` may use. */
export interface History {
  kind: SeriesKind;
  /** Months from the series' first to the origin, consecutive. */
  months: string[];
  values: Float64Array;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month after `month` (YYYY-MM). Local, so the baselines need not load observations.ts and its scenario parser. */
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Throw an {@link OptionsError} at `path`. */
export function fail(path: string, message: string): never {
  throw new OptionsError({ path, message });
}

/** A month YYYY-MM. */
export function checkMonth(month: unknown, path: string): asserts month is string {
  if (typeof month !== "string" || !MONTH.test(month)) fail(path, `expected a month YYYY-MM, got ${describeValue(month)}`);
}

/**
 * The rows of `series` up to and including `origin`, checked (consecutive months, finite
 * values). Reading stops at the origin: later rows are never touched, so a forecast built on
 * this cannot depend on them.
 * @throws {OptionsError} on a bad kind or origin, a gap, a repeat or a non-finite value before
 * the origin, or an origin the series does not reach.
 */
export function historyUpTo(series: BaselineSeries, origin: string): History {
  if (series === null || typeof series !== "object") fail("series", `expected { kind, rows }, got ${describeValue(series)}`);
  if (series.kind !== "level" && series.kind !== "cumulative")
    fail("series.kind", `expected "level" or "cumulative", got ${describeValue(series.kind)}`);
  if (!Array.isArray(series.rows)) fail("series.rows", `expected an array of { month, value }, got ${describeValue(series.rows)}`);
  checkMonth(origin, "origin");
  const months: string[] = [];
  const values: number[] = [];
  for (let i = 0; i < series.rows.length; i += 1) {
    const row = series.rows[i]!;
    const month = row.month;
    checkMonth(month, `series.rows[${i}].month`);
    if (i > 0 && month !== nextMonth(months[i - 1]!)) {
      fail(
        `series.rows[${i}].month`,
        `expected the month after ${months[i - 1]} (${nextMonth(months[i - 1]!)}): a monthly series runs without gaps or repeats, got ${describeValue(month)}`,
      );
    }
    if (month > origin) break;
    if (typeof row.value !== "number" || !Number.isFinite(row.value))
      fail(`series.rows[${i}].value`, `expected a finite number, got ${describeValue(row.value)}`);
    months.push(month);
    values.push(row.value);
    if (month === origin) return { kind: series.kind, months, values: Float64Array.from(values) };
  }
  fail("origin", `expected a month of the series (from ${months[0] ?? "its first row"}), got ${describeValue(origin)}`);
}

/** The monthly increments value(m) − value(m − 1) for the months m ≥ `from` of the history (oldest first). */
export function incrementsFrom(history: History, from: string): { months: string[]; increments: Float64Array } {
  const months: string[] = [];
  const increments: number[] = [];
  for (let i = 1; i < history.months.length; i += 1) {
    if (history.months[i]! < from) continue;
    months.push(history.months[i]!);
    increments.push(history.values[i]! - history.values[i - 1]!);
  }
  return { months, increments: Float64Array.from(increments) };
}

/** The history of a running total's monthly increments (from its second month on): what persistence carries forward. */
export function incrementHistory(history: History): History {
  const values = new Float64Array(Math.max(0, history.values.length - 1));
  for (let i = 1; i < history.values.length; i += 1) values[i - 1] = history.values[i]! - history.values[i - 1]!;
  return { kind: history.kind, months: history.months.slice(1), values };
}

/** A forecast horizon: a whole number of months ≥ 1. */
export function checkHorizon(horizon: unknown): asserts horizon is number {
  if (typeof horizon !== "number" || !Number.isInteger(horizon) || horizon < 1)
    fail("horizon", `expected a whole number of months ≥ 1, got ${describeValue(horizon)}`);
}

/** The options every resampling baseline takes. */
export interface ResamplingOptions {
  /** Random source, e.g. `createStream(seed, "baseline", "bootstrap")` (src/engine/rng.ts). */
  uniform: Uniform;
  /** Number of samples returned (default 1000). */
  samples?: number;
  /** First month whose increment is used (default "2023-01"). */
  from?: string;
}

/** Checked resampling options with their defaults. */
export function resamplingOptions(options: ResamplingOptions): { uniform: Uniform; samples: number; from: string } {
  if (options === null || typeof options !== "object")
    fail("options", `expected an options object with a uniform random source, got ${describeValue(options)}`);
  const { uniform, samples = 1000, from = "2023-01" } = options;
  if (typeof uniform !== "function")
    fail("uniform", `expected a uniform random source (createStream(seed, …)), got ${describeValue(uniform)}`);
  if (typeof samples !== "number" || !Number.isInteger(samples) || samples < 1)
    fail("samples", `expected a whole number ≥ 1, got ${describeValue(samples)}`);
  checkMonth(from, "from");
  return { uniform, samples, from };
}

/** Enough months to resample from: `what` names them, e.g. "monthly increments from 2023-01 to the origin". */
export function checkPool(pool: ArrayLike<number>, minimum: number, what: string, path: string): void {
  if (pool.length < minimum) fail(path, `expected ${what}: at least ${minimum}, got ${pool.length}`);
}

/** An index in 0 … n − 1 from one uniform u ∈ (0, 1): ⌊u·n⌋ (clamped for a source that returns 1). */
export function drawIndex(uniform: Uniform, n: number): number {
  return Math.min(n - 1, Math.floor(uniform() * n));
}
