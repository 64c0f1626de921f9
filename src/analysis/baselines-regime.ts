import { quantileSorted } from "./quantiles.js";
import {
  checkHorizon,
  checkPool,
  drawIndex,
  fail,
  historyUpTo,
  incrementsFrom,
  resamplingOptions,
  type BaselineSeries,
  type ResamplingOptions,
} from "./baselines-series.js";

/**
 * Regime climatology (issue 13): months split into two regimes by their increment — above a
 * threshold ("high", e.g. an offensive month) or not ("low") — a two-state Markov chain for
 * the sequence of regimes, and each regime's own increments to draw from. Everything is
 * fitted on the months from `from` to the origin only.
 */

/** The threshold the issue sets for the occupied area: 150 km² per month. */
export const AREA_REGIME_THRESHOLD_KM2 = 150;

/** Options of {@link regimeClimatologyForecast}. */
export interface RegimeOptions extends ResamplingOptions {
  /**
   * A month is "high" when its increment exceeds this: a number (150 km² for the area:
   * {@link AREA_REGIME_THRESHOLD_KM2}) or "median" — the type-7 median of the increments from
   * `from` to the origin (the choice for claims). Default "median".
   */
  threshold?: number | "median";
}

/** The fitted chain: states 0 = low, 1 = high. */
export interface RegimeFit {
  threshold: number;
  /** transition[s][t] = P(next month in t | this month in s). */
  transition: [[number, number], [number, number]];
  /** The origin month's state. */
  state: 0 | 1;
  /** Each state's observed increments. */
  increments: [Float64Array, Float64Array];
}

/**
 * Fit the two-state chain on the increments x_1 … x_n of the months from `from` to the origin:
 * state s_i = 1{x_i > threshold}; transition probabilities by counting consecutive pairs,
 * P(s → t) = n_st / Σ_t' n_st' (the maximum-likelihood estimate). A state never left in the
 * window (its only month is the origin) gets the regimes' shares in the window as its row.
 * @throws {OptionsError} on a bad series or origin, a non-finite threshold, or fewer than 2 increments.
 * @example
 * fitRegimes(monthlySeries(occupiedAreaMonthly, "occupiedKm2", "level"), "2024-12", { threshold: 150 }).state; // 1 (589 km² in 2024-12)
 */
export function fitRegimes(
  series: BaselineSeries,
  origin: string,
  options: { threshold?: number | "median"; from?: string } = {},
): RegimeFit {
  const history = historyUpTo(series, origin);
  const from = options.from ?? "2023-01";
  const { increments } = incrementsFrom(history, from);
  checkPool(increments, 2, `monthly increments from ${from} to the origin`, "from");
  const chosen = options.threshold ?? "median";
  const threshold = chosen === "median" ? quantileSorted(Float64Array.from(increments).sort(), 0.5) : chosen;
  if (typeof threshold !== "number" || !Number.isFinite(threshold))
    fail("threshold", `expected a finite number or "median", got ${String(chosen)}`);
  const states = Array.from(increments, (x) => (x > threshold ? 1 : 0));
  const counts = [
    [0, 0],
    [0, 0],
  ];
  for (let i = 1; i < states.length; i += 1) counts[states[i - 1]!]![states[i]!]! += 1;
  const highShare = states.reduce<number>((s, v) => s + v, 0) / states.length;
  const row = (s: number): [number, number] => {
    const total = counts[s]![0]! + counts[s]![1]!;
    return total > 0 ? [counts[s]![0]! / total, counts[s]![1]! / total] : [1 - highShare, highShare];
  };
  return {
    threshold,
    transition: [row(0), row(1)],
    state: states[states.length - 1] as 0 | 1,
    increments: [increments.filter((_, i) => states[i] === 0), increments.filter((_, i) => states[i] === 1)],
  };
}

/**
 * The regime-climatology forecast: from the origin month's regime, each of the next h months
 * moves the chain one step ({@link fitRegimes}) and draws an increment with replacement from
 * the new regime's observed increments:
 *
 *   s_k ~ P(s_{k−1} → ·),  x_k drawn from {x_i : s_i = s_k},  value(O + h) = value(O) + x_1 + … + x_h
 *
 * A regime with no month in the window has probability 0 of being entered, so there is always
 * an increment to draw. Reads 2 uniforms per month per sample (the step, then the draw).
 * @throws {OptionsError} on a bad series, origin, horizon, options or threshold, or fewer than 2 increments.
 * @example
 * regimeClimatologyForecast(monthlySeries(occupiedAreaMonthly, "occupiedKm2", "level"), "2024-12", 6, { uniform: createStream(1, "baseline", "regime"), threshold: 150 });
 */
export function regimeClimatologyForecast(series: BaselineSeries, origin: string, horizon: number, options: RegimeOptions): Float64Array {
  const { uniform, samples, from } = resamplingOptions(options);
  checkHorizon(horizon);
  const fit = fitRegimes(series, origin, { threshold: options.threshold, from });
  const history = historyUpTo(series, origin);
  const level = history.values[history.values.length - 1]!;
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i += 1) {
    let state: number = fit.state;
    let total = 0;
    for (let k = 0; k < horizon; k += 1) {
      state = uniform() < fit.transition[state]![1]! ? 1 : 0;
      const pool = fit.increments[state]!;
      total += pool[drawIndex(uniform, pool.length)]!;
    }
    out[i] = level + total;
  }
  return out;
}
