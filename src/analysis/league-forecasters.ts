import { ARTICLE_PACE_KM2_PER_MONTH } from "../scenario/article.js";
import { createStream, type Uniform } from "../engine/rng.js";
import { articlePaceForecast, bootstrapForecast, persistenceForecast, straightLineBaseline } from "./baselines.js";
import { AREA_REGIME_THRESHOLD_KM2, regimeClimatologyForecast } from "./baselines-regime.js";
import type { BaselineSeries } from "./baselines-series.js";
import { calibrateAsync, type CalibrateOptions } from "./calibrate.js";
import { baselineSeries, dataUpTo, LEAGUE_SERIES, valueAt, type LeagueData, type LeagueSeries } from "./league-data.js";
import { addMonths, DEFAULT_CALIBRATED_PARAMETERS, hindcastScenario, observationsFromSeries } from "./observations.js";

/**
 * Forecasters for the league table (src/analysis/league.ts): anything that, given an origin,
 * horizons and the data up to the origin, returns samples of each series' value at the end of
 * origin + h. Today's model (the calibrated hindcast) and the naive baselines are built in; any
 * other forecast function — the next model, a user's own — plugs in through {@link Forecaster}.
 */

/** What a forecaster is asked for at one origin. */
export interface ForecastRequest {
  /** The last month the forecaster may use (YYYY-MM). */
  origin: string;
  /** Months ahead, ascending. */
  horizons: readonly number[];
  /** The series wanted: those of the forecaster's `series` the data have at the origin. */
  series: readonly LeagueSeries[];
  /** The rows up to the origin only (src/analysis/league-data.ts `dataUpTo`). */
  data: LeagueData;
  /** An integer seed for this forecaster at this origin (from the league's seed). */
  seed: number;
  signal?: AbortSignal;
}

/** A forecaster's answer at one origin. */
export interface Forecast {
  /** samples[series][k]: draws of the series' month-end value at origin + horizons[k]. */
  samples: Partial<Record<LeagueSeries, readonly ArrayLike<number>[]>>;
  /** Per-origin notes to report (e.g. a calibration's acceptance rate). */
  diagnostics?: Record<string, number | string>;
}

/** A forecast function with a name, scored by `runLeague`. */
export interface Forecaster {
  /** Unique within a league, e.g. "model (calibrated hindcast)". */
  name: string;
  /** "candidate": scored against the best baseline; "baseline": a yardstick. */
  role: "candidate" | "baseline";
  /** What it does, in a sentence. */
  description: string;
  /** The series it forecasts. */
  series: readonly LeagueSeries[];
  /** Its settings, for the record (particles, samples, …). */
  settings?: Record<string, number | string>;
  /** The earliest origin it can forecast from (e.g. a calibration needs 4 months of data). */
  firstOrigin?: string;
  forecast(request: ForecastRequest): Forecast | Promise<Forecast>;
}

/**
 * The ABC-SMC settings of docs/backtest.md and of `attrition-sim backtest` by default: 4,000
 * particles, at most 10 generations of up to 30 MCMC sweeps, stopping below 1% acceptance,
 * seed 1 — about 3 minutes for the 23 origins on two shared cores (with 1,000 particles the
 * model's relative WIS moves by up to 0.08: docs/backtest.md, "Monte Carlo check").
 */
export const BACKTEST_CALIBRATION = { particles: 4000, generations: 10, maxMoves: 30, minAcceptance: 0.01, seed: 1 } as const;

/** Options of {@link calibratedHindcastForecaster}. */
export interface HindcastForecasterOptions {
  /** Default "model (calibrated hindcast)". */
  name?: string;
  /** First month of every calibration window (default "2023-01"). */
  from?: string;
  /** Parameters calibrated at each origin (default DEFAULT_CALIBRATED_PARAMETERS). */
  parameters?: readonly string[];
  /** ABC-SMC settings at each origin (default: calibrate's). */
  calibration?: Pick<CalibrateOptions, "particles" | "generations" | "maxMoves" | "minAcceptance" | "quantile" | "seed">;
}

/**
 * A forecaster's samples from per-path monthly changes (`changes[s][k][i]`: month k after the
 * origin, path i): for each wanted series the data observe at the origin, that value plus the
 * changes summed to each horizon.
 */
export function levelSamples(
  data: LeagueData,
  origin: string,
  series: readonly LeagueSeries[],
  horizons: readonly number[],
  changes: Record<LeagueSeries, readonly Float64Array[]>,
): Forecast["samples"] {
  const samples: Forecast["samples"] = {};
  for (const s of series) {
    const level = valueAt(data, s, origin);
    if (level !== undefined) samples[s] = horizons.map((h) => sumOf(changes[s], h, level));
  }
  return samples;
}

/** Per path, `start` plus the first `h` monthly changes (`months[k][i]`): the level at origin + h. */
const sumOf = (months: readonly Float64Array[], h: number, start: number): Float64Array => {
  const out = new Float64Array(months[0]!.length).fill(start);
  for (let k = 0; k < h; k += 1) for (let i = 0; i < out.length; i += 1) out[i] = out[i]! + months[k]![i]!;
  return out;
};

/**
 * Today's model: at each origin O, ABC-SMC calibration on the months from `from` to O
 * (src/analysis/calibrate.ts, the hindcast scenario of src/analysis/observations.ts), then each
 * accepted path continued past O — its parameters, regime, noise and forces as they stood —
 * one draw per particle. The observed value at O plus the path's changes gives:
 *
 * - occupied area(O + h) = area(O) + Σ ΔA (the model's area directly);
 * - claims(O + h) = claims(O) + Σ (ΔLR + ΔLK) × claimsBias (its observation model of the claims);
 * - Economist casualties(O + h) = casualties(O) + Σ (ΔLR + ΔLK): the model's true Russian-side
 *   losses read as The Economist's killed + wounded. The model's losses also count the captured
 *   and missing (a few per cent), and the hindcast has no DPRK troops, so ΔLK = 0; the
 *   calibration never sees this series — its level comes through the claims and the prior on
 *   claimsBias, which rests on F8 (the article's 970k of mid-2025): a look-ahead the baselines
 *   do not have (docs/backtest.md).
 * @example
 * const model = calibratedHindcastForecaster({ calibration: { particles: 1000, generations: 10, maxMoves: 30, minAcceptance: 0.01 } });
 */
export function calibratedHindcastForecaster(options: HindcastForecasterOptions = {}): Forecaster {
  const from = options.from ?? "2023-01";
  const parameters = options.parameters ?? DEFAULT_CALIBRATED_PARAMETERS;
  const calibration = options.calibration ?? {};
  const settings: Record<string, number | string> = { from, parameters: parameters.length };
  for (const [key, value] of Object.entries(calibration)) if (value !== undefined) settings[key] = value;
  return {
    name: options.name ?? "model (calibrated hindcast)",
    role: "candidate",
    description: `ABC-SMC calibration of ${parameters.length} parameters on ${from} … origin (area changes and claims), then each accepted path continued`,
    series: LEAGUE_SERIES,
    settings,
    firstOrigin: addMonths(from, 3),
    async forecast({ origin, horizons, series, data, signal }) {
      const cut = dataUpTo(data, origin);
      const observations = observationsFromSeries(
        { occupiedArea: cut.occupiedArea, claimedLosses: cut.claimedLosses },
        { from, to: origin },
      );
      const fit = await calibrateAsync(hindcastScenario(observations), observations, {
        ...calibration,
        parameters,
        forecastMonths: horizons.at(-1)!,
        predictiveRuns: 0,
        signal,
      });
      const f = fit.forecast!;
      const samples = levelSamples(cut, origin, series, horizons, {
        occupiedKm2: f.occupiedChangeKm2,
        claimedLosses: f.claimedLosses,
        casualtiesEst: f.trueLosses,
      });
      const g = fit.diagnostics;
      return {
        samples,
        diagnostics: {
          monthsFitted: observations.months.length,
          generations: g.generations.length - 1,
          stopped: g.stopped,
          acceptanceRate: g.acceptanceRate,
          ess: g.ess,
          epsilon: g.epsilon,
        },
      };
    },
  };
}

/** Options of {@link baselineForecasters}. */
export interface BaselineForecasterOptions {
  /** Samples per forecast of the resampling baselines (default 1000). */
  samples?: number;
  /** First month whose increment the baselines use (default "2023-01"). */
  from?: string;
}

type BaselineFunction = (series: BaselineSeries, origin: string, horizon: number, uniform: Uniform, name: LeagueSeries) => Float64Array;

function baseline(
  name: string,
  description: string,
  series: readonly LeagueSeries[],
  settings: Record<string, number | string>,
  f: BaselineFunction,
): Forecaster {
  return {
    name,
    role: "baseline",
    description,
    series,
    settings,
    forecast({ origin, horizons, series: wanted, data, seed }) {
      const cut = dataUpTo(data, origin);
      const samples: Forecast["samples"] = {};
      for (const s of wanted) {
        const rows = baselineSeries(cut, s);
        samples[s] = horizons.map((h) => f(rows, origin, h, createStream(seed, "league", name, s, h), s));
      }
      return { samples };
    },
  };
}

/**
 * The naive baselines of src/analysis/baselines.ts as league forecasters, each reading the
 * series only up to the origin: persistence (COVID-19 Forecast Hub), the bootstrap of monthly
 * increments since `from` and of the trailing 12 months, the straight lines through the last 3
 * and 12 months, the article's 484.8 km²/month (area only) and the regime climatology (150
 * km²/month for area, the window's median monthly increment for claims and casualties).
 * @example
 * runLeague(SHIPPED_LEAGUE_DATA, [calibratedHindcastForecaster(), ...baselineForecasters()], {});
 */
export function baselineForecasters(options: BaselineForecasterOptions = {}): Forecaster[] {
  const from = options.from ?? "2023-01";
  const samples = options.samples ?? 1000;
  const resampling = (uniform: Uniform) => ({ uniform, samples, from });
  const settings = { samples, from };
  return [
    baseline(
      "persistence",
      "the last value (area) or the last monthly increment (totals), spread by symmetrised one-month changes, resampled",
      LEAGUE_SERIES,
      settings,
      (s, o, h, u) => persistenceForecast(s, o, h, resampling(u)),
    ),
    baseline(
      "bootstrap (all months)",
      `the last value plus h monthly increments drawn with replacement from ${from} … origin`,
      LEAGUE_SERIES,
      settings,
      (s, o, h, u) => bootstrapForecast(s, o, h, resampling(u)),
    ),
    baseline(
      "bootstrap (last 12 months)",
      "the last value plus h increments drawn from the trailing 12 months",
      LEAGUE_SERIES,
      settings,
      (s, o, h, u) => bootstrapForecast(s, o, h, { ...resampling(u), trailingMonths: 12 }),
    ),
    baseline(
      "straight line (3 months)",
      "the mean increment of the last 3 months carried on, Student-t interval",
      LEAGUE_SERIES,
      { from, samples: 1000 },
      (s, o, h) => straightLineBaseline(s, o, h, { months: 3, from }),
    ),
    baseline(
      "straight line (12 months)",
      "the mean increment of the last 12 months carried on, Student-t interval",
      LEAGUE_SERIES,
      { from, samples: 1000 },
      (s, o, h) => straightLineBaseline(s, o, h, { months: 12, from }),
    ),
    baseline(
      "article pace",
      `the article's ${ARTICLE_PACE_KM2_PER_MONTH.toFixed(1)} km²/month (F11, F12) as a point; area only`,
      ["occupiedKm2"],
      { samples: 1 },
      (s, o, h) => articlePaceForecast(s, o, h),
    ),
    baseline(
      "regime climatology",
      `a two-state Markov chain on months above/below ${AREA_REGIME_THRESHOLD_KM2} km² (area) or the median increment (totals), each state's increments bootstrapped`,
      LEAGUE_SERIES,
      settings,
      (s, o, h, u, name) =>
        regimeClimatologyForecast(s, o, h, { ...resampling(u), threshold: name === "occupiedKm2" ? AREA_REGIME_THRESHOLD_KM2 : "median" }),
    ),
  ];
}
