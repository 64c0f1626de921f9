import { abortError } from "../engine/run.js";
import { describeValue, type InputIssue } from "../util/errors.js";
import { parametersOf } from "./bounded-prior.js";
import { PROFILE_PARAMETERS } from "./filter-priors.js";
import { temperedSmc, type LikelihoodRequest, type SmcResult } from "./inference-smc.js";
import { warLogLikelihood, type FilterObservations } from "./war-particles.js";

/**
 * `forecast({ refit })`: the parameters' posterior re-inferred on the forecast's own window and
 * sources — density-tempered SMC from the prior (inference-smc.ts), the sampler of `npm run fit`
 * and of the league's SMC candidate (league-smc.ts), with that candidate's first-origin settings
 * by default. Its likelihoods are asked for in batches, so that attrition-sim/node can spread
 * them over worker threads (`forecastParallel`); every random number is drawn in the sampler,
 * so the posterior is the same wherever they are computed (test/node/forecast-parallel.test.ts).
 */

/** The refit's sampler settings (`refit: true` takes the defaults). */
export interface RefitSettings {
  /** θ particles of the tempered SMC (default 300; at least 2 × its 13 parameters). */
  thetaParticles?: number;
  /** Particles of each likelihood's filter (default 100: sd(log L̂) ≈ 1.2 over 30 months, docs/fit.md). */
  filterParticles?: number;
  /** Metropolis moves at the last stage (default 14, as `npm run fit`). */
  finalMoves?: number;
}

/**
 * The defaults: the league's SMC candidate at its first origin (scripts/league-smc.ts), the fit
 * the league table scores (docs/league-smc.md).
 */
export const REFIT_DEFAULTS: Required<RefitSettings> = { thetaParticles: 300, filterParticles: 100, finalMoves: 14 };

/** The parameters the refit estimates: those of `npm run fit` and the shipped posterior. */
export const REFIT_PARAMETERS = PROFILE_PARAMETERS;

/** The filter's stream key of the refit's likelihoods (a worker that evaluates them must use it too). */
export const REFIT_KEY = "forecast-refit";

/** One refit's likelihood problem: the filter's scenario, observations, particles and stream key (structured-cloneable). */
export interface RefitProblem {
  scenario: unknown;
  observations: FilterObservations;
  particles: number;
  key: string;
}

/** Where the refit's likelihoods are computed: log L̂ of each request of a batch, in order, as `warLogLikelihood` gives them. */
export type RefitLikelihoods = (
  problem: RefitProblem,
  signal?: AbortSignal,
) => (batch: readonly LikelihoodRequest[]) => ArrayLike<number> | Promise<ArrayLike<number>>;

/** Work between two turns given to the event loop by the in-thread evaluator, ms (one filter run is ≈ 16 ms at 100 particles over 30 months: docs/forecast.md). */
const YIELD_EVERY_MS = 20;

/**
 * {@link RefitLikelihoods} in this thread: one filter run after another, giving the event loop a
 * turn between them so that a signal (or Ctrl-C) stops the refit within one run
 * (test/results/forecast.test.ts "stops on its signal").
 */
export const inThreadRefitLikelihoods: RefitLikelihoods = (problem, signal) => {
  const logLikelihood = warLogLikelihood(problem.scenario, problem.observations, problem.particles, problem.key);
  return async (batch) => {
    const out = new Float64Array(batch.length);
    let turn = Date.now();
    for (const [i, request] of batch.entries()) {
      if (signal?.aborted) throw abortError(signal);
      out[i] = logLikelihood(request.theta, request.seed);
      if (Date.now() - turn >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        turn = Date.now();
      }
    }
    return out;
  };
};

/** The problems of a `refit` option: `true`, `false` or a {@link RefitSettings} object. */
export function refitIssues(refit: unknown): InputIssue[] {
  if (refit === undefined || typeof refit === "boolean") return [];
  if (typeof refit !== "object" || refit === null || Array.isArray(refit))
    return [
      { path: "refit", message: `expected true, false or { thetaParticles, filterParticles, finalMoves }, got ${describeValue(refit)}` },
    ];
  const issues: InputIssue[] = [];
  const limits: Record<keyof RefitSettings, [number, number]> = {
    thetaParticles: [2 * REFIT_PARAMETERS.length, 5000],
    filterParticles: [10, 5000],
    finalMoves: [1, 100],
  };
  for (const key of Object.keys(refit))
    if (!Object.hasOwn(limits, key))
      issues.push({ path: `refit.${key}`, message: `unknown setting (settings: ${Object.keys(limits).join(", ")})` });
  for (const [key, [min, max]] of Object.entries(limits)) {
    const value = (refit as Record<string, unknown>)[key];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max))
      issues.push({ path: `refit.${key}`, message: `expected an integer from ${min} to ${max}, got ${describeValue(value)}` });
  }
  return issues;
}

/** What {@link refitPosterior} returns: the sampler's result and the settings it ran with. */
export interface Refit {
  fit: SmcResult;
  settings: Required<RefitSettings>;
}

/**
 * Tempered SMC on the window, from the filter scenario's priors of {@link REFIT_PARAMETERS}.
 * `onProgress` gets an estimate of the share done: the tempering's share is read from √φ, which
 * grows about evenly per stage (docs/fit.md's φ schedule), the last stage's moves are counted
 * exactly; it never goes back.
 */
export async function refitPosterior(
  scenario: unknown,
  observations: FilterObservations,
  refit: true | RefitSettings,
  seed: number,
  likelihoods: RefitLikelihoods = inThreadRefitLikelihoods,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Refit> {
  const settings = { ...REFIT_DEFAULTS, ...(refit === true ? {} : refit) };
  const parameters = parametersOf(scenario, REFIT_PARAMETERS);
  const evaluate = likelihoods({ scenario, observations, particles: settings.filterParticles, key: REFIT_KEY }, signal);
  const finalEvaluations = settings.finalMoves * settings.thetaParticles;
  let evaluations = 0,
    expected = Infinity,
    shown = 0;
  const report = () => {
    const fraction = Math.min(0.99, evaluations / expected);
    if (fraction > shown) onProgress?.((shown = fraction));
  };
  const fit = await temperedSmc({
    parameters,
    particles: settings.thetaParticles,
    seed,
    finalMoves: settings.finalMoves,
    logLikelihoods: async (batch) => {
      if (signal?.aborted) throw abortError(signal);
      const values = await evaluate(batch);
      if (signal?.aborted) throw abortError(signal);
      evaluations += batch.length;
      report();
      return values;
    },
    onStage: (stage) => {
      if (stage.temperature < 1) expected = evaluations / Math.sqrt(stage.temperature) + finalEvaluations;
      report();
    },
  });
  return { fit, settings };
}
