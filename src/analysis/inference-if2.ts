import { particleFilter } from "./filter.js";
import { createStream } from "../engine/rng.js";
import { OptionsError } from "../util/errors.js";
import { withParametersFixed } from "./fixed-parameters.js";
import type { ObservationSettings } from "../scenario/observation-settings.js";
import { WarParticles, type FilterObservations } from "./war-particles.js";

/**
 * Iterated filtering (IF2: Ionides, Nguyen, Atchadé, Stoev & King 2015, "Inference for dynamic
 * and latent variable models via iterated, perturbed Bayes maps", PNAS 112:719), as R's pomp
 * `mif2` runs it: the estimated parameters ride along with the particles, take a random-walk
 * step σ_m·z at every resampling (on their unbounded scale), and pass m starts from the swarm
 * pass m − 1 ended with; σ_m = σ · c^(m/50) cools geometrically (c = pomp's
 * `cooling.fraction.50`). The swarm converges on the maximum-likelihood estimate as σ → 0.
 * The other parameters are held at their prior medians (withParametersFixed), so every pass
 * filters one model — p(y | θ) — not a mixture of prior draws.
 */

/** One estimated parameter: its path and the sd of its random-walk step per month (unbounded scale). */
export interface If2Parameter {
  path: string;
  /** pomp's `rw.sd`: e.g. 0.02 on the logit scale. */
  rwSd: number;
}

export interface If2Options {
  parameters: readonly If2Parameter[];
  particles: number;
  /** Passes M (pomp's `Nmif`). */
  iterations: number;
  seed: number;
  /** σ after 50 passes as a share of σ (default 0.5, pomp's default). */
  coolingFraction50?: number;
  settings?: ObservationSettings;
  /** The first pass's swarm (default: draws from the parameters' priors). */
  start?: Readonly<Record<string, ArrayLike<number>>>;
  /** After each pass: its index, its filter's log L̂ and the swarm's means. */
  onIteration?: (m: number, logLikelihood: number, means: Readonly<Record<string, number>>) => void;
}

export interface If2Result {
  /** The swarm's mean per parameter after the last pass (the estimate). */
  estimate: Record<string, number>;
  /** The last pass's swarm (every particle's value), for a warm start. */
  swarm: Record<string, Float64Array>;
  /** Each pass's log L̂ (of the perturbed model: a guide to convergence, not the likelihood at the estimate). */
  logLikelihoods: number[];
  /** The swarm's mean per parameter after each pass. */
  traces: Record<string, number[]>;
  /** The model of the last pass, its particles at the last observed month (for a forecast). */
  model: WarParticles;
}

/**
 * IF2 on `base` (a scenario starting in the first observed month; its estimated parameters'
 * distributions are the first swarm's prior).
 * @throws {OptionsError} for bad options.
 * @example
 * const fit = if2(hindcastScenario(obs), data, { parameters: [{ path: "attrition.russiaLossesPerMonth", rwSd: 0.02 }], particles: 1000, iterations: 30, seed: 1 });
 * fit.estimate["attrition.russiaLossesPerMonth"];
 */
export function if2(base: unknown, observations: FilterObservations, options: If2Options): If2Result {
  const { parameters, particles, iterations, seed, settings } = options;
  const cooling = options.coolingFraction50 ?? 0.5;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new OptionsError({ path: "iterations", message: `expected an integer ≥ 1, got ${iterations}` });
  if (!(cooling > 0 && cooling <= 1))
    throw new OptionsError({ path: "coolingFraction50", message: `expected a share in (0, 1], got ${cooling}` });
  if (parameters.length === 0) throw new OptionsError({ path: "parameters", message: "expected at least one parameter to estimate" });
  parameters.forEach((p, k) => {
    if (!(p.rwSd >= 0 && Number.isFinite(p.rwSd)))
      throw new OptionsError({ path: `parameters.${k}.rwSd`, message: `expected a finite sd ≥ 0, got ${p.rwSd}` });
  });
  const paths = parameters.map((p) => p.path);
  const scenario = withParametersFixed(base, {}, "iterated filtering: held", paths);
  const traces: Record<string, number[]> = Object.fromEntries(paths.map((p) => [p, []]));
  const logLikelihoods: number[] = [];
  let swarm = options.start;
  let model: WarParticles | undefined;
  // Each pass its own engine seed, drawn from the run's seed (any valid seed gives valid pass seeds).
  const passSeeds = createStream(seed, "if2", "pass-seeds");
  for (let m = 0; m < iterations; m += 1) {
    const factor = cooling ** (m / 50);
    model = new WarParticles(scenario, observations, {
      particles,
      seed: Math.floor(passSeeds() * 2 ** 32),
      settings,
      jitter: { kind: "random-walk", parameters: paths, sd: parameters.map((p) => p.rwSd * factor) },
    });
    if (swarm) model.setParameters(swarm);
    const filter = particleFilter(model, {
      steps: observations.months.length,
      observed: (t) => model!.observed(t),
      uniform: createStream(seed, "if2", m, "resample"),
    });
    logLikelihoods.push(filter.logLikelihood);
    const current = model.parameters();
    swarm = Object.fromEntries(paths.map((p) => [p, Float64Array.from(current[p]!)]));
    const means = Object.fromEntries(paths.map((p) => [p, current[p]!.reduce((a, b) => a + b, 0) / particles]));
    for (const p of paths) traces[p]!.push(means[p]!);
    options.onIteration?.(m, filter.logLikelihood, means);
  }
  const estimate = Object.fromEntries(paths.map((p) => [p, traces[p]!.at(-1)!]));
  return { estimate, swarm: swarm as Record<string, Float64Array>, logLikelihoods, traces, model: model! };
}
