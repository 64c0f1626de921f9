import { ARTICLE_PACE_KM2_PER_MONTH } from "../scenario/article.js";
import { OptionsError } from "../util/errors.js";
import {
  checkHorizon,
  checkMonth,
  checkPool,
  drawIndex,
  fail,
  historyUpTo,
  incrementHistory,
  incrementsFrom,
  resamplingOptions,
  type BaselineSeries,
  type History,
  type ResamplingOptions,
} from "./baselines-series.js";
import { studentTSample } from "./student-t.js";

/**
 * Naive baselines (DESIGN §6, issue 13): forecasts of a monthly series' value h months after an
 * origin month O from the series up to O only (baselines-series.ts `historyUpTo` stops there),
 * returned as samples (Float64Array) to score like the model's. The regime climatology is in
 * baselines-regime.ts. Random draws come from a passed-in `Uniform` (createStream), so a seed
 * fixes the samples.
 */

/** Number of evenly spaced quantiles that stand for a straight line's Student-t forecast. */
const STRAIGHT_LINE_SAMPLES = 1000;

/**
 * The straight-line forecast of a sum of the next h monthly values from the last k observed
 * ones x_1 … x_k (all of them if fewer are available): location h·x̄; the spread from the
 * residuals about the mean rate, s = sd(x) with k − 1 degrees of freedom, as the prediction
 * interval of a sum of h future values of an i.i.d. normal series with unknown mean and
 * variance: h·x̄ + t_{k−1} · s · √(h + h²/k) (the h term for the months' own spread, h²/k for
 * the error of the rate). Returned as 1000 evenly spaced quantiles of that Student-t.
 * @throws {OptionsError} with fewer than 2 values (path "straightLineMonths").
 * @example
 * straightLineForecast([400, 500, 450], 6).length; // 1000 values around 2700
 */
export function straightLineForecast(recent: readonly number[], horizon: number): Float64Array {
  const k = recent.length;
  if (k < 2) throw new OptionsError({ path: "straightLineMonths", message: `expected at least 2 months to average, got ${k}` });
  const mean = recent.reduce((s, v) => s + v, 0) / k;
  const sd = Math.sqrt(recent.reduce((s, v) => s + (v - mean) ** 2, 0) / (k - 1));
  return studentTSample(horizon * mean, sd * Math.sqrt(horizon + (horizon * horizon) / k), k - 1, STRAIGHT_LINE_SAMPLES);
}

/** The value at the origin (the history's last). */
function lastValue(history: History): number {
  return history.values[history.values.length - 1]!;
}

/**
 * The straight line through the last `months` months up to the origin (default 3; the backtest
 * also uses 12): value(O) + {@link straightLineForecast} of those months' increments — the mean
 * monthly change carried forward, with the Student-t interval that "today's" backtest gives it.
 * Increments are counted from `from` (default "2023-01") as in the backtest's windows.
 * @throws {OptionsError} on a bad series, origin or horizon, or fewer than 2 increments.
 * @example
 * straightLineBaseline(monthlySeries(occupiedAreaMonthly, "occupiedKm2", "level"), "2024-12", 6, { months: 12 });
 * // 1000 quantiles around 115,473.5 + 6 × 311 km²
 */
export function straightLineBaseline(
  series: BaselineSeries,
  origin: string,
  horizon: number,
  options: { months?: number; from?: string } = {},
): Float64Array {
  const history = historyUpTo(series, origin);
  checkHorizon(horizon);
  const { months = 3, from = "2023-01" } = options;
  if (!Number.isInteger(months) || months < 2) fail("months", `expected a whole number of months ≥ 2, got ${months}`);
  checkMonth(from, "from");
  const { increments } = incrementsFrom(history, from);
  const recent = Array.from(increments.subarray(Math.max(0, increments.length - months)));
  const level = lastValue(history);
  return straightLineForecast(recent, horizon).map((v) => v + level);
}

/**
 * The article's straight line as a point forecast (area only): value(O) + 484.8 km²/month × h,
 * 80% of Ukraine's area in 83 years (F11, F12; src/scenario/article.ts
 * ARTICLE_PACE_KM2_PER_MONTH). One sample, so its CRPS is the absolute error.
 * @throws {OptionsError} unless the series is a "level" (the occupied area, km²), or on a bad origin or horizon.
 * @example
 * articlePaceForecast(monthlySeries(occupiedAreaMonthly, "occupiedKm2", "level"), "2025-03", 3); // Float64Array [117947.5…] (116,493 km² + 3 × 484.8)
 */
export function articlePaceForecast(series: BaselineSeries, origin: string, horizon: number): Float64Array {
  const history = historyUpTo(series, origin);
  checkHorizon(horizon);
  if (history.kind !== "level")
    fail("series.kind", `expected "level" (the occupied area, km²: the article's pace is of area only), got "${history.kind}"`);
  return Float64Array.of(lastValue(history) + ARTICLE_PACE_KM2_PER_MONTH * horizon);
}

/**
 * Persistence, as the COVID-19 Forecast Hub's baseline (COVIDhub-baseline: Cramer et al. 2022,
 * PNAS 119(15): e2113561119; reichlab/covidModels `quantile_baseline.R`): the persisted
 * quantity's median stays at its last value; its spread comes from the one-month changes d of
 * that quantity for the months from `from` (default "2023-01") to the origin, symmetrised to
 * {d, −d}, and is summed over the horizon by resampling:
 *
 * - "level" series (the occupied area): the level persists,
 *     value(O + h) = value(O) + D_1 + … + D_h,  D_j drawn from {±d};
 * - "cumulative" series (claims, casualties): the monthly increment persists, as the Hub
 *   forecast cumulative deaths from persisted weekly incidence,
 *     inc_k = max(0, inc(O) + D_1 + … + D_k),  value(O + h) = value(O) + inc_1 + … + inc_h,
 *   d being the changes of the monthly increment; the floor at 0 (counts do not fall) is the Hub's.
 *
 * Samples come in mirrored pairs (D and −D; an odd count adds the centre, D = 0), so the
 * forecast is exactly symmetric about value(O) (level) or value(O) + h·inc(O) (cumulative,
 * where the floor does not bind) — the Hub recentred its samples on the median instead.
 * Reads h uniforms per pair.
 * @throws {OptionsError} on a bad series, origin, horizon or options, or no change to resample.
 * @example
 * persistenceForecast(monthlySeries(occupiedAreaMonthly, "occupiedKm2", "level"), "2024-06", 3, { uniform: createStream(1, "baseline", "persistence") });
 * // 1000 samples with median 112,683.1 km² (the area at 2024-06)
 */
export function persistenceForecast(series: BaselineSeries, origin: string, horizon: number, options: ResamplingOptions): Float64Array {
  const history = historyUpTo(series, origin);
  checkHorizon(horizon);
  const { uniform, samples, from } = resamplingOptions(options);
  const level = lastValue(history);
  // The persisted quantity: the level itself, or the monthly increment of a running total.
  const persisted = history.kind === "level" ? history : incrementHistory(history);
  const { increments: changes } = incrementsFrom(persisted, from);
  checkPool(changes, 1, `one-month changes from ${from} to the origin`, "from");
  const last = persisted.values[persisted.values.length - 1]!;
  const out = new Float64Array(samples);
  const draws = new Float64Array(horizon);
  const forecast = (sign: number) => {
    if (history.kind === "level") {
      let total = 0;
      for (let k = 0; k < horizon; k += 1) total += sign * draws[k]!;
      return level + total;
    }
    let walk = last;
    let total = 0;
    for (let k = 0; k < horizon; k += 1) {
      walk += sign * draws[k]!;
      total += Math.max(0, walk);
    }
    return level + total;
  };
  for (let i = 0; i + 1 < samples; i += 2) {
    for (let k = 0; k < horizon; k += 1) {
      // One draw from the symmetrised pool {d_1 … d_n, −d_1 … −d_n}.
      const j = drawIndex(uniform, 2 * changes.length);
      draws[k] = j < changes.length ? changes[j]! : -changes[j - changes.length]!;
    }
    out[i] = forecast(1);
    out[i + 1] = forecast(-1);
  }
  if (samples % 2 === 1) {
    draws.fill(0);
    out[samples - 1] = forecast(1);
  }
  return out;
}

/** Options of {@link bootstrapForecast}. */
export interface BootstrapOptions extends ResamplingOptions {
  /** Resample only the last this many increments up to the origin (the trailing-12-month variant: 12). */
  trailingMonths?: number;
}

/**
 * The bootstrap of past monthly increments, as forecast hubs use it ("the one to beat"):
 *
 *   value(O + h) = value(O) + x_1 + … + x_h,  x_j drawn with replacement from the increments
 *
 * not symmetrised, from every month from `from` (default "2023-01") to the origin, or from the
 * trailing `trailingMonths` of them. Each sample is a sum of exactly h observed increments;
 * reads h uniforms per sample.
 * @throws {OptionsError} on a bad series, origin, horizon or options, or no increment to resample.
 * @example
 * bootstrapForecast(monthlySeries(claimedLossesMonthly, "cumulativeAtMonthEnd", "cumulative"), "2024-12", 6, { uniform: createStream(1, "baseline", "bootstrap"), trailingMonths: 12 });
 */
export function bootstrapForecast(series: BaselineSeries, origin: string, horizon: number, options: BootstrapOptions): Float64Array {
  const history = historyUpTo(series, origin);
  checkHorizon(horizon);
  const { uniform, samples, from } = resamplingOptions(options);
  const { trailingMonths } = options;
  if (trailingMonths !== undefined && (!Number.isInteger(trailingMonths) || trailingMonths < 1))
    fail("trailingMonths", `expected a whole number of months ≥ 1, got ${trailingMonths}`);
  const all = incrementsFrom(history, from).increments;
  const pool = trailingMonths === undefined ? all : all.subarray(Math.max(0, all.length - trailingMonths));
  checkPool(pool, 1, `monthly increments from ${from} to the origin`, "from");
  const level = lastValue(history);
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i += 1) {
    let total = 0;
    for (let k = 0; k < horizon; k += 1) total += pool[drawIndex(uniform, pool.length)]!;
    out[i] = level + total;
  }
  return out;
}
