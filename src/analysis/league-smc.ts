import { OptionsError } from "../util/errors.js";
import { canonicalJson, sha256 } from "../util/sha256.js";
import { parametersOf } from "./bounded-prior.js";
import { smcUpdate, temperedSmc, type LikelihoodRequest, type SmcResult } from "./inference-smc.js";
import { dataUpTo, LEAGUE_SERIES } from "./league-data.js";
import { pooledDrawChanges } from "./league-draws.js";
import { filterObservationsOf, filterProblem } from "./league-filtered.js";
import { levelSamples, type Forecaster } from "./league-forecasters.js";
import { addMonths } from "./observations.js";
import { warLogLikelihood } from "./war-particles.js";

/** The likelihood batches of one origin's fit: the filter over `from` … `origin` (ISW area and claims). */
export type OriginLikelihoods = (
  origin: string,
  from: string,
  particles: number,
) => (batch: readonly LikelihoodRequest[]) => ArrayLike<number> | Promise<ArrayLike<number>>;

/** The filter's stream key of {@link smcForecaster}'s likelihoods (a worker that evaluates them must use it too). */
export const LEAGUE_SMC_KEY = "league-smc";

/**
 * {@link OriginLikelihoods} in this thread: the guided filter's log L̂ of each request on the
 * league's shipped rows up to the origin, with the stream key {@link LEAGUE_SMC_KEY}.
 */
export function inThreadLikelihoods(data: Parameters<typeof dataUpTo>[0]): OriginLikelihoods {
  return (origin, from, particles) => {
    const { observations, scenario } = filterProblem(dataUpTo(data, origin), from, origin, ["isw", "claims"]);
    const logLikelihood = warLogLikelihood(scenario, observations, particles, LEAGUE_SMC_KEY);
    return (batch) => batch.map((r) => logLikelihood(r.theta, r.seed));
  };
}

/** Options of {@link smcForecaster}. */
export interface SmcForecasterOptions {
  name?: string;
  /** First month filtered (default "2023-01"). */
  from?: string;
  /** θ's parameters (each with a bounded prior in the filter's scenario). */
  parameters: readonly string[];
  /** θ particles (default 300). */
  thetaParticles?: number;
  /** Filter particles per likelihood (default 100: sd(log L̂) ≈ 1.2 over 30 months, docs/fit.md). */
  filterParticles?: number;
  /** Moves at the end of the first origin's tempered fit (default 14, as `npm run fit`) and after each later origin's update (default 4). */
  firstMoves?: number;
  updateMoves?: number;
  /** θ draws the forecast uses (evenly spaced in the population; default 40), and particles filtered per draw (default 100). */
  draws?: number;
  particlesPerDraw?: number;
  /**
   * Where the likelihoods are computed: a function of the origin (default: in this thread,
   * {@link inThreadLikelihoods} of the league's data). It must compute what the default does —
   * scripts/league-smc.ts spreads the same calls over worker processes.
   */
  likelihoods?: OriginLikelihoods;
  /**
   * Fits already made, by a key of everything they depend on (the observations, the origin, the
   * settings, the seed and the previous origin's key; the caller adds its code version): a hit
   * skips the fit and gives the same population, so a cached league has the same bytes as a fresh one.
   */
  cache?: { get(key: string): SmcResult | undefined; set(key: string, fit: SmcResult): void };
}

/**
 * The state-space model with its parameters' posterior, carried from origin to origin (issue 14
 * items 4 and 8): at the first origin density-tempered SMC from the prior (inference-smc.ts, as
 * `npm run fit` does, on the data up to that origin); at each later origin `smcUpdate` carries
 * the previous origin's population to the new months — each θ's filter re-run at its own seed,
 * weighted by the new months' likelihood, resampled and moved — so each origin's posterior uses
 * only the data up to it, at a fraction of a fresh fit's cost. The forecast pools `draws` θ of the
 * population × `particlesPerDraw` filtered particles (league-draws.ts): the parameters'
 * uncertainty and the state's. The league runs origins in order; an origin that does not follow
 * the last one (or a first call) starts a fresh tempered fit.
 * @example
 * runLeague(SHIPPED_LEAGUE_DATA, [smcForecaster({ parameters: ["intensity.noiseSd"] }), ...baselineForecasters()], {});
 */
export function smcForecaster(options: SmcForecasterOptions): Forecaster {
  const from = options.from ?? "2023-01";
  const thetaParticles = options.thetaParticles ?? 300,
    filterParticles = options.filterParticles ?? 100,
    firstMoves = options.firstMoves ?? 14,
    updateMoves = options.updateMoves ?? 4,
    drawCount = options.draws ?? 40,
    perDraw = options.particlesPerDraw ?? 100;
  for (const [name, value] of Object.entries({
    thetaParticles,
    filterParticles,
    firstMoves,
    updateMoves,
    draws: drawCount,
    particlesPerDraw: perDraw,
  }))
    if (!Number.isInteger(value) || value < 1) throw new OptionsError({ path: name, message: `expected a positive integer, got ${value}` });
  if (drawCount > thetaParticles)
    throw new OptionsError({ path: "draws", message: `expected at most thetaParticles (${thetaParticles}) draws, got ${drawCount}` });
  let previous: { origin: string; fit: SmcResult; observations: string; key: string } | undefined;
  return {
    name: options.name ?? "model (particle filter, SMC posterior)",
    role: "candidate",
    description: `tempered SMC on ${options.parameters.length} parameters at the first origin, carried to each later one by smcUpdate; ${drawCount} θ draws × ${perDraw} filtered particles carried on`,
    series: LEAGUE_SERIES,
    settings: { from, thetaParticles, filterParticles, firstMoves, updateMoves, draws: drawCount, particlesPerDraw: perDraw },
    firstOrigin: addMonths(from, 3),
    async forecast({ origin, horizons, series, data, seed }) {
      const cut = dataUpTo(data, origin);
      const { observations, scenario } = filterProblem(cut, from, origin, ["isw", "claims"]);
      const parameters = parametersOf(scenario, options.parameters);
      // An update needs the previous origin's window to be the new data's past: the same
      // observations up to the previous origin (so a revised month starts a fresh fit), and the
      // origin one month on.
      const carriedFrom =
        previous &&
        addMonths(previous.origin, 1) === origin &&
        canonicalJson(filterObservationsOf(cut, from, previous.origin, ["isw", "claims"])) === previous.observations
          ? previous
          : undefined;
      const carried = carriedFrom?.fit;
      const settings = { from, thetaParticles, filterParticles, firstMoves, updateMoves, parameters: options.parameters };
      const key = sha256(canonicalJson({ observations, origin, settings, seed, previous: carriedFrom?.key ?? null }));
      const cached = options.cache?.get(key);
      const logLikelihoods = (options.likelihoods ?? inThreadLikelihoods(data))(origin, from, filterParticles);
      const fit =
        cached ??
        (carried
          ? await smcUpdate({ parameters, previous: carried, logLikelihoods, seed, finalMoves: updateMoves })
          : await temperedSmc({ parameters, particles: thetaParticles, seed, logLikelihoods, finalMoves: firstMoves }));
      if (!cached) options.cache?.set(key, fit);
      previous = { origin, fit, observations: canonicalJson(observations), key };
      const horizon = horizons.at(-1)!;
      const thetas = Array.from({ length: drawCount }, (_, k) => {
        const at = Math.floor(((k + 0.5) * thetaParticles) / drawCount);
        return Object.fromEntries(parameters.map((p) => [p.path, fit.draws[p.path]![at]!]));
      });
      const changes = pooledDrawChanges(scenario, observations, thetas, perDraw, seed, LEAGUE_SMC_KEY, "SMC draw", horizon);
      const last = fit.stages.at(-1)!;
      return {
        samples: levelSamples(cut, origin, series, horizons, changes),
        diagnostics: {
          fit: carried ? "update" : "tempered",
          ess: Math.round(carried ? fit.stages[0]!.ess : last.ess),
          acceptance: Number(last.acceptance.toFixed(3)),
          moved: Number(last.moved.toFixed(3)),
          evaluations: fit.evaluations,
        },
      };
    },
  };
}
