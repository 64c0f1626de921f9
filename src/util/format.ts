/**
 * How numbers are written, in one place: the 6-significant-digit rounding of the JSON results,
 * and the words and symbols of the tables, the notebook display and the charts (percent,
 * percentage points, people in thousands, months). A leaf: imports nothing.
 *
 * Where two outputs have always written the same idea differently (a NaN as `–` in one table
 * and as `NaN%` in another, `-` or `−` for a minus), each way has its own function here, so
 * that no output changes by being moved.
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

// ── signs ─────────────────────────────────────────────────────────────────────────────────────

/**
 * "+" for a positive value, "−" (U+2212) for a negative one, "" for zero and NaN — taken from
 * the unrounded value, so −0.001 written with two decimals is `−0.00`.
 * @example
 * signPrefix(2);  // "+"
 * signPrefix(-2); // "−"
 * signPrefix(0);  // ""
 */
export function signPrefix(value: number): string {
  return value > 0 ? "+" : value < 0 ? "−" : "";
}

/**
 * A leading ASCII hyphen-minus turned into the typographic minus sign U+2212.
 * @example
 * withTypographicMinus("-0.25"); // "−0.25"
 * withTypographicMinus("3%");    // "3%"
 */
export function withTypographicMinus(text: string): string {
  return text.replace(/^-/, "−");
}

/**
 * The sign of a number already written as text (`8.5`, `-4.0`, `-0.0`, `12`): `+` when positive,
 * `−` (U+2212) when negative, none when the text is a zero (`0.0`, never `−0.0`). `NaN` is `+NaN`.
 * @example
 * signNumberText("8.5");  // "+8.5"
 * signNumberText("-4.0"); // "−4.0"
 * signNumberText("-0.0"); // "0.0"
 */
export function signNumberText(text: string): string {
  if (/^-?0(\.0+)?$/.test(text)) return text.replace(/^-/, "");
  return text.startsWith("-") ? `−${text.slice(1)}` : `+${text}`;
}

/**
 * A number with `decimals` decimals, signed as its rounded text says ({@link signNumberText}):
 * a value that rounds to zero has no sign.
 * @example
 * formatSignedFixed(8.46, 1);  // "+8.5"
 * formatSignedFixed(-4, 1);    // "−4.0"
 * formatSignedFixed(-0.04, 1); // "0.0"
 */
export function formatSignedFixed(value: number, decimals: number): string {
  return signNumberText(value.toFixed(decimals));
}

// ── percent and percentage points ─────────────────────────────────────────────────────────────

/**
 * A share as a percentage with one decimal; `–` (en dash) when not finite.
 * @example
 * formatPercent(0.1953); // "19.5%"
 * formatPercent(NaN);    // "–"
 */
export function formatPercent(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : "–";
}

/**
 * A share as a percentage with one decimal, with no check: a non-finite share is written as
 * JavaScript writes it (`NaN%`, `Infinity%`). For texts that have always done so.
 * @example
 * formatPercentUnchecked(0.2361); // "23.6%"
 * formatPercentUnchecked(NaN);    // "NaN%"
 */
export function formatPercentUnchecked(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * A threshold share as a percentage: {@link formatPercent} without a trailing `.0`.
 * @example
 * formatThresholdPercent(0.25);  // "25%"
 * formatThresholdPercent(0.125); // "12.5%"
 */
export function formatThresholdPercent(share: number): string {
  return formatPercent(share).replace(".0%", "%");
}

/**
 * A change of a share in percentage points with `decimals` decimals and {@link signPrefix}'s
 * sign (so a tiny negative change is `−0.00`), without the unit.
 * @example
 * formatPercentagePoints(-0.0035, 2); // "−0.35"
 * formatPercentagePoints(0.012, 1);   // "+1.2"
 * formatPercentagePoints(0, 2);       // "0.00"
 */
export function formatPercentagePoints(change: number, decimals: number): string {
  return `${signPrefix(change)}${Math.abs(change * 100).toFixed(decimals)}`;
}

/**
 * A change of a probability in points with its standard error, one decimal each:
 * `+1.2 ± 0.3` (the sign as {@link formatPercentagePoints}).
 * @example
 * formatPointsChange(-0.012, 0.003); // "−1.2 ± 0.3"
 */
export function formatPointsChange(change: number, standardError: number): string {
  return `${formatPercentagePoints(change, 1)} ± ${(standardError * 100).toFixed(1)}`;
}

/**
 * A change of a share in percentage points with two decimals and the unit: `+0.35 pp`,
 * `−0.35 pp`; a change that rounds to zero is `0.00 pp` (no sign); `–` when not finite.
 * @example
 * formatShareChange(-0.0035);  // "−0.35 pp"
 * formatShareChange(-0.00001); // "0.00 pp"
 */
export function formatShareChange(change: number): string {
  if (!Number.isFinite(change)) return "–";
  const text = `${Math.abs(change * 100).toFixed(2)} pp`;
  if (text === "0.00 pp") return text;
  return `${change > 0 ? "+" : "−"}${text}`;
}

// ── people in thousands ───────────────────────────────────────────────────────────────────────

/**
 * People in thousands: `712k`, `8.5k` (one decimal below 10k), `0` below 50 people; a negative
 * value keeps JavaScript's hyphen-minus (`-8.5k`); `–` when not finite.
 * @example
 * formatThousands(712_345); // "712k"
 * formatThousands(8_460);   // "8.5k"
 * formatThousands(-49);     // "0"
 */
export function formatThousands(value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (Math.abs(value) < 50) return "0";
  const k = value / 1000;
  return Math.abs(k) < 10 ? `${k.toFixed(1)}k` : `${Math.round(k)}k`;
}

/**
 * People in thousands with the sign in front of the rounded size: `−12k` (U+2212), and `+12k`
 * when `plus`; `0` below 50 people. No check for non-finite values (NaN is `NaNk`).
 * @example
 * formatThousandsSigned(-12_500);      // "−13k"
 * formatThousandsSigned(1_234, true);  // "+1.2k"
 * formatThousandsSigned(30, true);     // "0"
 */
export function formatThousandsSigned(value: number, plus = false): string {
  const size = Math.abs(value);
  if (size < 50) return "0";
  const sign = plus && value > 0 ? "+" : value < 0 ? "−" : "";
  return `${sign}${size < 10_000 ? `${(size / 1000).toFixed(1)}k` : `${Math.round(size / 1000)}k`}`;
}

/**
 * A change in people, in thousands: `+1.2k`, `−13k`, `0` below 50 people; `–` when not finite.
 * @example
 * formatThousandsChange(1_234);  // "+1.2k"
 * formatThousandsChange(-30);    // "0"
 * formatThousandsChange(NaN);    // "–"
 */
export function formatThousandsChange(change: number): string {
  return Number.isFinite(change) ? formatThousandsSigned(change, true) : "–";
}

// ── other numbers ─────────────────────────────────────────────────────────────────────────────

/**
 * A readable number: big ones (|v| ≥ 1000) rounded, with thousands separators; smaller ones to
 * `significantDigits` significant digits; non-finite ones as JavaScript writes them.
 * @example
 * formatGroupedNumber(37_012.4, 3); // "37,012"
 * formatGroupedNumber(0.123456, 3); // "0.123"
 * formatGroupedNumber(2.5, 4);      // "2.5"
 */
export function formatGroupedNumber(value: number, significantDigits: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-US");
  return String(Number(value.toPrecision(significantDigits)));
}

/**
 * `median [5th–95th percentile]` of one month of a series summary, each value written by `format`.
 * @example
 * formatMedianBand({ p05: [0.19], p50: [0.2], p95: [0.21] }, 0, formatPercent); // "20.0% [19.0%–21.0%]"
 */
export function formatMedianBand(
  summary: { readonly p05: readonly number[]; readonly p50: readonly number[]; readonly p95: readonly number[] },
  month: number,
  format: (value: number) => string,
): string {
  return `${format(summary.p50[month]!)} [${format(summary.p05[month]!)}–${format(summary.p95[month]!)}]`;
}

// ── months ────────────────────────────────────────────────────────────────────────────────────

/**
 * A number of months: whole months as they are, others with one decimal; null (an event that
 * does not happen within the horizon) as `not within horizon`.
 * @example
 * formatMonths(14);   // "14"
 * formatMonths(14.25); // "14.3"
 * formatMonths(null); // "not within horizon"
 */
export function formatMonths(months: number | null): string {
  if (months === null) return "not within horizon";
  return Number.isInteger(months) ? String(months) : months.toFixed(1);
}

/**
 * A shift in months with {@link signPrefix}'s sign: `+3`, `−1.5`, `0`; null as `–`.
 * @example
 * formatSignedMonths(-1.5); // "−1.5"
 * formatSignedMonths(null); // "–"
 */
export function formatSignedMonths(shift: number | null): string {
  return shift === null ? "–" : `${signPrefix(shift)}${formatMonths(Math.abs(shift))}`;
}
