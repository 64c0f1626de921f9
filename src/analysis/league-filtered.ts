import { filterAndForecast } from "./filter-forecast.js";
import { levelSamples, type Forecaster } from "./league-forecasters.js";
import { dataUpTo, LEAGUE_SERIES, type LeagueData } from "./league-data.js";
import { filterScenario } from "./filter-priors.js";
import { addMonths, observationsFromSeries } from "./observations.js";
import type { ParameterJitter } from "./parameter-moves.js";
import type { EconomistMonth, FilterObservations, FilterSource } from "./war-particles.js";
import { OptionsError } from "../util/errors.js";
import { withParametersFixed } from "./fixed-parameters.js";
import { if2 } from "./inference-if2.js";
import { profileAscent } from "./inference-profile.js";
import { canonicalJson, sha256 } from "../util/sha256.js";

/** Options of {@link filteredModelForecaster}. */
export interface FilteredForecasterOptions {
  /** Default "model (particle filter)". */
  name?: string;
  /** First month filtered (default "2023-01", the hindcast's window). */
  from?: string;
  /** Particles (default 4000). */
  particles?: number;
  /** Sources weighed (default ISW area and the claims; "economist" adds the retrospective meta-estimate). */
  sources?: readonly Extract<FilterSource, "isw" | "claims" | "economist">[];
  /** Liu–West moves of these parameters at each resampling (default none). */
  jitter?: ParameterJitter;
  /**
   * The static parameters: `"prior-medians"` (default) — θ shared by every particle, each
   * parameter at its prior median (withParametersFixed), so the filter estimates the state given
   * θ; `"prior-draws"` — each particle its own draws from the hindcast's priors, which the
   * resampling selects (and collapses onto a few of); `{ values }` for some parameters (the rest
   * at their medians); `{ if2 }`, an estimate by iterated filtering at each origin.
   */
  parameters?: "prior-medians" | "prior-draws" | { values: Readonly<Record<string, number>> } | If2Estimate | ProfileEstimate;
}

/**
 * θ estimated at each origin by coordinate ascent of the filter's log-likelihood on the prior
 * quantile grid (inference-profile.ts) on the data up to it, started from the previous origin's
 * estimate (the first from the grid's middle).
 */
export interface ProfileEstimate {
  profile: { parameters: readonly string[]; particles: number; seeds: number; sweeps: number };
  /**
   * Estimates already made, by a key of everything they depend on (the caller's code version,
   * the observations, the origin, the settings, the start and the seed): a hit skips the ascent
   * and gives the same θ, so a cached league has the same bytes as a fresh one.
   */
  cache?: FitCache;
}

/** Where per-origin estimates are kept between runs (a Map, or a file: scripts/filter-study.ts). */
export interface FitCache {
  get(key: string): Record<string, number> | undefined;
  set(key: string, estimate: Record<string, number>): void;
}

/** θ estimated at each origin by iterated filtering on the data up to it (the rest at their prior medians). */
export interface If2Estimate {
  if2: { parameters: readonly string[]; particles: number; iterations: number; rwSd: number; coolingFraction50: number };
}

type EconomistRow = { month: string; casualtiesEst: number; casualtiesPiLow?: number; casualtiesPiHigh?: number };

function economistMonth(row: EconomistRow | undefined): EconomistMonth | null {
  if (!row) return null;
  if (row.casualtiesPiLow === undefined || row.casualtiesPiHigh === undefined)
    throw new OptionsError({
      path: `data.economistCasualties[${row.month}]`,
      message: "expected casualtiesPiLow and casualtiesPiHigh (the estimate's 95% interval, the observation's spread)",
    });
  return { estimate: row.casualtiesEst, low95: row.casualtiesPiLow, high95: row.casualtiesPiHigh };
}

/** The filter's problem on the league's rows `from` … `to`: its observations of `sources` and the scenario it runs (filterScenario). */
export function filterProblem(
  data: LeagueData,
  from: string,
  to: string,
  sources: readonly FilterSource[],
): { observations: FilterObservations; scenario: ReturnType<typeof filterScenario> } {
  return {
    observations: filterObservationsOf(data, from, to, sources),
    scenario: filterScenario(observationsFromSeries({ occupiedArea: data.occupiedArea, claimedLosses: data.claimedLosses }, { from, to })),
  };
}

/** The filter's observations from the league's rows, `from` … `origin`. */
export function filterObservationsOf(data: LeagueData, from: string, origin: string, sources: readonly FilterSource[]): FilterObservations {
  const o = observationsFromSeries({ occupiedArea: data.occupiedArea, claimedLosses: data.claimedLosses }, { from, to: origin });
  const economist = new Map((data.economistCasualties as readonly EconomistRow[]).map((r) => [r.month, r]));
  return {
    months: o.months,
    initialOccupiedKm2: o.initialOccupiedKm2,
    ...(sources.includes("isw") ? { occupiedChangeKm2: o.occupiedChangeKm2 } : {}),
    ...(sources.includes("claims") ? { claimedLosses: o.claimedLosses } : {}),
    ...(sources.includes("economist")
      ? {
          economist: o.months.map((m) => economistMonth(economist.get(m))),
          economistBefore:
            economistMonth(economist.get(addMonths(from, -1))) ??
            (() => {
              throw new OptionsError({
                path: "data.economistCasualties",
                message: `expected a row for ${addMonths(from, -1)}, the month before the window`,
              });
            })(),
        }
      : {}),
  };
}

/**
 * The state-space model (issue 14): at each origin O, the particle filter runs the
 * hindcast scenario with the filter's priors (filter-priors.ts) over `from` … O against the chosen sources, and each
 * filtered particle is carried on (filter-forecast.ts). The observed value at O plus each
 * particle's reported changes gives the forecast. Parameters are not inferred yet (see
 * {@link FilteredForecasterOptions.parameters}): by default every particle shares the priors'
 * medians, so the forecast's spread is the state's and the process's, not the parameters'.
 * @example
 * runLeague(SHIPPED_LEAGUE_DATA, [filteredModelForecaster(), ...baselineForecasters()], {});
 */
export function filteredModelForecaster(options: FilteredForecasterOptions = {}): Forecaster {
  const from = options.from ?? "2023-01";
  const particles = options.particles ?? 4000;
  const sources = options.sources ?? ["isw", "claims"];
  const parameters = options.parameters ?? "prior-medians";
  const shown =
    typeof parameters === "string"
      ? parameters
      : "if2" in parameters
        ? `IF2 at each origin (${parameters.if2.parameters.length} parameters, ${parameters.if2.particles} particles × ${parameters.if2.iterations} passes)`
        : "profile" in parameters
          ? `profile-likelihood ascent at each origin (${parameters.profile.parameters.length} parameters, ${parameters.profile.particles} particles × ${parameters.profile.seeds} seeds, ≤ ${parameters.profile.sweeps} sweeps)`
          : `fixed (${Object.keys(parameters.values).length} set)`;
  // The profile ascent at each origin starts where the last origin's ended (origins run in order).
  let lastProfile: Record<string, number> | undefined;
  return {
    name: options.name ?? "model (particle filter)",
    role: "candidate",
    description: `particle filter (guided proposal) over ${from} … origin (${sources.join(", ")}), ${particles} particles, parameters ${shown}, each filtered particle carried on`,
    series: LEAGUE_SERIES,
    settings: { from, particles, sources: sources.join("+"), parameters: shown },
    firstOrigin: addMonths(from, 3),
    forecast({ origin, horizons, series, data, seed }) {
      const cut = dataUpTo(data, origin);
      const { observations, scenario: hindcast } = filterProblem(cut, from, origin, sources);
      let estimate: Readonly<Record<string, number>> = {};
      if (typeof parameters === "object" && "if2" in parameters) {
        const settings = parameters.if2;
        estimate = if2(hindcast, observations, {
          parameters: settings.parameters.map((path) => ({ path, rwSd: settings.rwSd })),
          particles: settings.particles,
          iterations: settings.iterations,
          coolingFraction50: settings.coolingFraction50,
          seed,
        }).estimate;
      } else if (typeof parameters === "object" && "profile" in parameters) {
        const settings = parameters.profile;
        const key = sha256(canonicalJson({ observations, origin, sources, from, settings, start: lastProfile ?? null, seed }));
        const cached = parameters.cache?.get(key);
        const fitted = cached ?? profileAscent(hindcast, observations, { ...settings, seed, start: lastProfile }).estimate;
        if (!cached) parameters.cache?.set(key, fitted);
        estimate = lastProfile = fitted;
      } else if (typeof parameters === "object") estimate = parameters.values;
      const scenario = parameters === "prior-draws" ? hindcast : withParametersFixed(hindcast, estimate, "filtered forecast");
      const { filter, paths } = filterAndForecast(scenario, observations, { particles, seed, jitter: options.jitter }, horizons.at(-1)!);
      const samples = levelSamples(cut, origin, series, horizons, {
        occupiedKm2: paths.occupiedChangeKm2,
        claimedLosses: paths.claimedLosses,
        casualtiesEst: paths.casualtiesIncrement,
      });
      const ess = Array.from(filter.ess).filter((e) => e > 0);
      return {
        samples,
        diagnostics: {
          monthsFiltered: observations.months.length,
          logLikelihood: filter.logLikelihood,
          minEss: Math.min(...ess),
          medianEss: ess.sort((a, b) => a - b)[ess.length >> 1] ?? 0,
        },
      };
    },
  };
}
