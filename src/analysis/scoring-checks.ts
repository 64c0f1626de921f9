import { describeValue, OptionsError } from "../util/errors.js";

/**
 * Input checks shared by the scores (scoring-*.ts): each throws an {@link OptionsError} whose
 * message reads `path: expected …, got …`, so bad input never surfaces as a NaN score.
 */

/** Two quantile levels closer than this are the same level (0.05 vs 1 − 0.95 = 0.050000000000000044). */
export const LEVEL_TOLERANCE = 1e-9;

function fail(path: string, message: string): never {
  throw new OptionsError({ path, message });
}

/** A non-empty array-like of finite numbers (Float64Array, number[], …). */
export function checkFiniteArray(values: ArrayLike<number>, path: string, what = "value"): void {
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    fail(path, `expected an array of ${what}s, got ${describeValue(values)}`);
  }
  if (values.length === 0) fail(path, `expected at least one ${what}, got an empty array`);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) fail(`${path}[${i}]`, `expected a finite number, got ${describeValue(v)}`);
  }
}

/** Forecast samples: at least one, all finite. */
export function checkSamples(samples: ArrayLike<number>, path = "samples"): void {
  checkFiniteArray(samples, path, "sample");
}

/** The observed value: a finite number. */
export function checkObserved(y: unknown, path = "observed"): asserts y is number {
  if (typeof y !== "number" || !Number.isFinite(y)) fail(path, `expected a finite number, got ${describeValue(y)}`);
}

/** A central-interval level (0.5 for the 50% interval), strictly between 0 and 1. */
export function checkIntervalLevel(level: unknown, path = "level"): asserts level is number {
  if (typeof level !== "number" || !(level > 0 && level < 1))
    fail(path, `expected a central-interval level between 0 and 1 (0.9 for 90%), got ${describeValue(level)}`);
}

/**
 * A quantile forecast: levels strictly increasing inside (0, 1), as many values as levels, the
 * values finite and non-decreasing with the level (no crossing quantiles).
 */
export function checkQuantiles(levels: ArrayLike<number>, values: ArrayLike<number>): void {
  checkFiniteArray(levels, "levels", "quantile level");
  checkFiniteArray(values, "values", "quantile value");
  if (values.length !== levels.length) fail("values", `expected one value per level (${levels.length}), got ${values.length}`);
  for (let i = 0; i < levels.length; i += 1) {
    const tau = levels[i]!;
    if (!(tau > 0 && tau < 1)) fail(`levels[${i}]`, `expected a quantile level between 0 and 1 (exclusive), got ${tau}`);
    if (i > 0 && !(tau > levels[i - 1]!))
      fail(`levels[${i}]`, `expected levels in increasing order, above levels[${i - 1}] = ${levels[i - 1]}, got ${tau}`);
    if (i > 0 && values[i]! < values[i - 1]!)
      fail(
        `values[${i}]`,
        `expected quantile values that do not decrease with the level, at least values[${i - 1}] = ${values[i - 1]}, got ${values[i]}`,
      );
  }
}

/** Index of `level` in ascending `levels` (within {@link LEVEL_TOLERANCE}), or −1. */
export function findLevel(levels: ArrayLike<number>, level: number): number {
  for (let i = 0; i < levels.length; i += 1) if (Math.abs(levels[i]! - level) < LEVEL_TOLERANCE) return i;
  return -1;
}
