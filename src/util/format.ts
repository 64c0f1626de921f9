/**
 * How numbers are written, in one place: the 6-significant-digit rounding of the JSON results.
 * A leaf: imports nothing.
 *
 * Where two outputs have always treated a value differently (a NaN kept or written as null),
 * each way has its own function here, so that no output changes by being moved.
 */

// ── rounding for the JSON results ─────────────────────────────────────────────────────────────

/**
 * Round to 6 significant digits, as every JSON result does (the samples are Float32 anyway, and
 * equal runs must give equal bytes). NaN and ±Infinity come back as they are; −0 becomes 0.
 * @example
 * roundSignificant6(0.123456789); // 0.123457
 * roundSignificant6(712345.6);    // 712346
 * roundSignificant6(NaN);         // NaN
 */
export function roundSignificant6(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(6)) : value;
}

/**
 * {@link roundSignificant6} for a value that may be missing: null stays null, and so does a
 * value that cannot be estimated (NaN, ±Infinity, e.g. a standard error from a single run).
 * @example
 * roundSignificant6OrNull(0.0123456789); // 0.0123457
 * roundSignificant6OrNull(NaN);          // null
 * roundSignificant6OrNull(null);         // null
 */
export function roundSignificant6OrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : Number(value.toPrecision(6));
}

/**
 * {@link roundSignificant6} that lets null through; unlike {@link roundSignificant6OrNull}, a
 * NaN or ±Infinity stays what it is.
 * @example
 * roundSignificant6Nullable(14.0000001); // 14
 * roundSignificant6Nullable(null);       // null
 * roundSignificant6Nullable(Infinity);   // Infinity
 */
export function roundSignificant6Nullable(value: number | null): number | null {
  return value === null ? null : roundSignificant6(value);
}
