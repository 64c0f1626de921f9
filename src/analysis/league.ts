import { abortError } from "../engine/run.js";
import { createStream, validateSeed } from "../engine/rng.js";
import { describeValue, OptionsError, type InputIssue } from "../util/errors.js";
import { crpsSample } from "./scoring-crps.js";
import { HUB_QUANTILE_LEVELS, inCentralInterval, sampleQuantiles, weightedIntervalScore } from "./scoring-intervals.js";
import { biasSample, pitSample } from "./scoring-pit.js";
import { quantileSorted } from "./quantiles.js";
import {
  dataUpTo,
  FIRST_LEAGUE_ORIGIN,
  LEAGUE_HORIZONS,
  LEAGUE_SERIES,
  seriesMonths,
  valueAt,
  type LeagueData,
  type LeagueSeries,
} from "./league-data.js";
import type { Forecast, Forecaster } from "./league-forecasters.js";
import { summarizeLeague, type LeagueComparison, type LeagueScore, type LeagueSummaryRow } from "./league-summary.js";

export type { LeagueComparison, LeagueScore, LeagueSummaryRow };
import { addMonths, monthRange } from "./observations.js";

/**
 * The rolling-origin league table (DESIGN §6, issue 13): at every origin month O, each
 * forecaster is handed the data up to O only (league-data.ts `dataUpTo`) and asked for samples
 * of each series' month-end value at O + h; every forecast whose target month is observed is
 * scored — WIS with its parts on the hub's 23 quantile levels (from the samples), CRPS, 50% /
 * 90% coverage, PIT, bias (src/analysis/scoring.ts) — and league-summary.ts averages them per
 * series × horizon, relates each to the best baseline and tests the difference.
 */

export interface LeagueOptions {
  /** Origins YYYY-MM, ascending (default: every month from 2023-07 to the last that leaves an observed month). */
  origins?: readonly string[];
  /** Months ahead (default [1, 3, 6, 12]). */
  horizons?: readonly number[];
  /** Series scored (default all three). */
  series?: readonly LeagueSeries[];
  /** Seed of the baselines' draws and of the randomised PIT (default 1). */
  seed?: number;
  /** Bins of the PIT histograms (default 5: a dozen to two dozen origins per cell). */
  pitBins?: number;
  signal?: AbortSignal;
  /** After each forecaster at each origin: the share done and where. */
  onProgress?: (fraction: number, at: { origin: string; forecaster: string }) => void;
}

export interface LeagueResult {
  origins: string[];
  horizons: number[];
  series: LeagueSeries[];
  seed: number;
  pitBins: number;
  forecasters: {
    name: string;
    role: "candidate" | "baseline";
    description: string;
    series: LeagueSeries[];
    settings: Record<string, number | string>;
  }[];
  scores: LeagueScore[];
  summary: LeagueSummaryRow[];
  comparisons: LeagueComparison[];
  /** Each forecaster's per-origin notes (e.g. the model's calibration). */
  diagnostics: { forecaster: string; origin: string; values: Record<string, number | string> }[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The last month any of the series observes. */
function lastObserved(data: LeagueData, series: readonly LeagueSeries[]): string {
  return series
    .map((s) => seriesMonths(data, s).at(-1) ?? "")
    .sort()
    .at(-1)!;
}

/**
 * Every origin from 2023-07 to the last month that leaves an observed month after it.
 * @example
 * defaultLeagueOrigins(SHIPPED_LEAGUE_DATA).at(-1); // "2025-05" (the data end in 2025-06)
 */
export function defaultLeagueOrigins(data: LeagueData, series: readonly LeagueSeries[] = LEAGUE_SERIES): string[] {
  const last = addMonths(lastObserved(data, series), -1);
  return last < FIRST_LEAGUE_ORIGIN ? [] : monthRange(FIRST_LEAGUE_ORIGIN, last);
}

function resolve(data: LeagueData, forecasters: readonly Forecaster[], options: LeagueOptions) {
  const issues: InputIssue[] = [];
  const series = [...(options.series ?? LEAGUE_SERIES)];
  series.forEach((s, k) => {
    if (!LEAGUE_SERIES.includes(s))
      issues.push({ path: `series.${k}`, message: `expected one of ${LEAGUE_SERIES.join(", ")}, got ${describeValue(s)}` });
  });
  const horizons = [...(options.horizons ?? LEAGUE_HORIZONS)];
  horizons.forEach((h, k) => {
    if (!Number.isInteger(h) || h < 1 || h > 120)
      issues.push({ path: `horizons.${k}`, message: `expected a whole number of months from 1 to 120, got ${describeValue(h)}` });
    else if (k > 0 && !(h > horizons[k - 1]!))
      issues.push({ path: `horizons.${k}`, message: `expected horizons in increasing order (after ${horizons[k - 1]}), got ${h}` });
  });
  const seed = options.seed ?? 1;
  try {
    validateSeed(seed);
  } catch (error) {
    if (error instanceof OptionsError) issues.push(...error.issues);
    else throw error;
  }
  const pitBins = options.pitBins ?? 5;
  if (!Number.isInteger(pitBins) || pitBins < 2 || pitBins > 100)
    issues.push({ path: "pitBins", message: `expected a whole number of bins from 2 to 100, got ${describeValue(pitBins)}` });
  const names = new Set<string>();
  forecasters.forEach((f, k) => {
    if (typeof f?.name !== "string" || f.name === "" || typeof f.forecast !== "function")
      issues.push({ path: `forecasters.${k}`, message: `expected { name, role, series, forecast(request) }, got ${describeValue(f)}` });
    else if (names.has(f.name))
      issues.push({ path: `forecasters.${k}.name`, message: `expected a name not used before, got ${describeValue(f.name)} again` });
    else names.add(f.name);
  });
  if (forecasters.length === 0) issues.push({ path: "forecasters", message: "expected at least one forecaster, got none" });
  const last = series.length ? lastObserved(data, series) : "";
  const origins = [...(options.origins ?? defaultLeagueOrigins(data, series))];
  const firstOrigin =
    forecasters
      .map((f) => f?.firstOrigin ?? "")
      .sort()
      .at(-1) ?? "";
  origins.forEach((o, k) => {
    if (typeof o !== "string" || !MONTH.test(o))
      issues.push({ path: `origins.${k}`, message: `expected a month YYYY-MM, got ${describeValue(o)}` });
    else if (k > 0 && !(o > origins[k - 1]!))
      issues.push({ path: `origins.${k}`, message: `expected origins in increasing order (after ${origins[k - 1]}), got ${o}` });
    else if (!(addMonths(o, horizons[0] ?? 1) <= last))
      issues.push({
        path: `origins.${k}`,
        message: `expected an origin with an observed month ${horizons[0] ?? 1} month(s) later (the data end in ${last}), got ${o}`,
      });
    else if (o < firstOrigin)
      issues.push({
        path: `origins.${k}`,
        message: `expected an origin from ${firstOrigin} on (the forecasters need the months before it), got ${o}`,
      });
  });
  if (origins.length === 0 && issues.length === 0)
    issues.push({ path: "origins", message: `expected at least one origin before the data's last month (${last}), got none` });
  if (issues.length) throw new OptionsError(issues);
  return { series, horizons, seed, pitBins, origins };
}

/** Score one forecast's samples against the observation. */
function scoreOne(samples: ArrayLike<number>, observed: number, uniform: () => number) {
  const sorted = Float64Array.from(samples).sort();
  const q = sampleQuantiles(sorted, HUB_QUANTILE_LEVELS);
  const w = weightedIntervalScore(HUB_QUANTILE_LEVELS, q, observed);
  return {
    observed,
    wis: w.wis,
    dispersion: w.dispersion,
    overprediction: w.overprediction,
    underprediction: w.underprediction,
    crps: crpsSample(sorted, observed),
    in50: inCentralInterval(sorted, observed, 0.5),
    in90: inCentralInterval(sorted, observed, 0.9),
    pit: pitSample(sorted, observed, uniform),
    bias: biasSample(sorted, observed),
    p05: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
  };
}

function checkForecast(
  forecast: Forecast,
  name: string,
  origin: string,
  wanted: readonly LeagueSeries[],
  horizons: readonly number[],
): void {
  for (const s of wanted) {
    const list = forecast?.samples?.[s];
    if (!Array.isArray(list) || list.length !== horizons.length) {
      throw new Error(
        `${name} at ${origin}: expected samples of ${s} for each of the horizons ${horizons.join(", ")}, got ${describeValue(list)}`,
      );
    }
    list.forEach((x: ArrayLike<number>, k) => {
      if (!x || x.length === 0) throw new Error(`${name} at ${origin}: expected samples of ${s} at horizon ${horizons[k]}, got none`);
      for (let i = 0; i < x.length; i += 1)
        if (!Number.isFinite(x[i]!))
          throw new Error(`${name} at ${origin}: expected finite samples of ${s} at horizon ${horizons[k]}, got ${x[i]}`);
    });
  }
}

/**
 * Run the league (see the module note): every forecaster at every origin, each on the data up
 * to its origin only. Forecasts run one after the other with the event loop given a turn
 * between them (and inside the model's calibration), so `signal` stops the run with an
 * AbortError; nothing partial is returned.
 * @throws {OptionsError} on bad options, before any forecast.
 * @example
 * const league = await runLeague(SHIPPED_LEAGUE_DATA, [calibratedHindcastForecaster(), ...baselineForecasters()], { origins: ["2024-06"] });
 * league.comparisons.find((c) => c.series === "occupiedKm2" && c.horizon === 3)?.relativeWis;
 */
export async function runLeague(data: LeagueData, forecasters: readonly Forecaster[], options: LeagueOptions = {}): Promise<LeagueResult> {
  const { series, horizons, seed, pitBins, origins } = resolve(data, forecasters, options);
  const signal = options.signal;
  const scores: LeagueScore[] = [];
  const diagnostics: LeagueResult["diagnostics"] = [];
  let done = 0;
  const total = origins.length * forecasters.length;
  for (const origin of origins) {
    // The cells scored at this origin: a value at the origin and at the target month.
    const cells = series.flatMap((s) =>
      valueAt(data, s, origin) === undefined
        ? []
        : horizons.filter((h) => valueAt(data, s, addMonths(origin, h)) !== undefined).map((h) => ({ s, h })),
    );
    const asked = horizons.filter((h) => cells.some((c) => c.h === h));
    const visible = dataUpTo(data, origin);
    for (const f of forecasters) {
      if (signal?.aborted) throw abortError(signal);
      const wanted = series.filter((s) => f.series.includes(s) && cells.some((c) => c.s === s));
      if (wanted.length > 0) {
        const forecasterSeed = Math.floor(createStream(seed, "league", f.name, origin)() * 4294967296);
        const forecast = await f.forecast({ origin, horizons: asked, series: wanted, data: visible, seed: forecasterSeed, signal });
        checkForecast(forecast, f.name, origin, wanted, asked);
        if (forecast.diagnostics) diagnostics.push({ forecaster: f.name, origin, values: { ...forecast.diagnostics } });
        for (const { s, h } of cells) {
          if (!wanted.includes(s)) continue;
          const target = addMonths(origin, h);
          const uniform = createStream(seed, "league", "pit", f.name, s, origin, h);
          const score = scoreOne(forecast.samples[s]![asked.indexOf(h)]!, valueAt(data, s, target)!, uniform);
          scores.push({ forecaster: f.name, series: s, origin, horizon: h, target, ...score });
        }
      }
      done += 1;
      options.onProgress?.(done / total, { origin, forecaster: f.name });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  if (signal?.aborted) throw abortError(signal);
  const { summary, comparisons } = summarizeLeague(scores, forecasters, { series, horizons, pitBins });
  return {
    origins,
    horizons,
    series,
    seed,
    pitBins,
    forecasters: forecasters.map((f) => ({
      name: f.name,
      role: f.role,
      description: f.description,
      series: series.filter((s) => f.series.includes(s)),
      settings: { ...(f.settings ?? {}) },
    })),
    scores,
    summary,
    comparisons,
    diagnostics,
  };
}
