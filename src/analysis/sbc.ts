import { createStream, fillStandardNormal, type Uniform } from "../engine/rng.js";
import { areaChangeDraw, claimsDraw } from "../model/observation.js";
import { quantile } from "../scenario/distribution-math.js";
import { parametersOf } from "./bounded-prior.js";
import { withParametersFixed } from "./fixed-parameters.js";
import { pmmh } from "./inference-pmmh.js";
import { temperedSmc, type SmcOptions } from "./inference-smc.js";
import { OptionsError } from "../util/errors.js";
import { OBSERVATION_SETTINGS } from "../scenario/observation-settings.js";
import { warLogLikelihood, WarParticles, type FilterObservations } from "./war-particles.js";

/**
 * Simulation-based calibration of the fit (Talts, Betancourt, Simpson, Vehtari & Gelman 2018,
 * "Validating Bayesian inference algorithms with simulation-based calibration", arXiv:1804.06788):
 * draw θ* from the prior, simulate data from the model at θ*, fit them, and see where θ* falls
 * in the posterior draws. If the fit is right, θ* is a draw from each posterior, so its 90%
 * interval covers θ* in 90% of the sets (issue 14: for 20 sets, 15–20 of them) and its rank
 * among the draws is uniform.
 */

export interface SbcOptions {
  /** The model (a scenario starting at `months[0]`; its θ parameters carry the priors). */
  scenario: unknown;
  months: readonly string[];
  /** Occupied area at the end of the month before months[0], km². */
  initialOccupiedKm2: number;
  /** θ: paths with bounded priors in `scenario`; the rest are held at their medians. */
  parameters: readonly string[];
  sets: number;
  /** PMMH per set. */
  particles: number;
  burnIn: number;
  iterations: number;
  seed: number;
  onSet?: (set: number) => void;
}

export interface SbcSet {
  truth: Record<string, number>;
  /** Per parameter: the 5% and 95% points of the posterior draws, and whether they hold the truth. */
  intervals: Record<string, { low: number; high: number; covered: boolean }>;
  /** Per parameter: the share of draws below the truth (uniform on [0, 1] if the fit is calibrated). */
  rank: Record<string, number>;
  acceptance: number;
}

/** What the samplers' SBC share: the problem, the sets and the seed. */
type SbcProblem = Pick<SbcOptions, "scenario" | "months" | "initialOccupiedKm2" | "parameters" | "sets" | "seed">;

/** Each set's truth and synthetic data, in set order (the truths come from one stream, so every set's are drawn even when only some are fitted). */
function* sbcSets(options: SbcProblem) {
  const { scenario, months, initialOccupiedKm2, parameters: paths, sets, seed } = options;
  // Set k's engine and chain seeds are seed · 1000 + k: they must stay valid seeds.
  if (!Number.isInteger(seed) || seed < 0 || seed * 1000 + sets - 1 > 0xffffffff)
    throw new OptionsError({
      path: "seed",
      message: `expected an integer from 0 to ${Math.floor((0xffffffff - sets + 1) / 1000)} (set seeds are seed · 1000 + set), got ${seed}`,
    });
  const parameters = parametersOf(scenario, paths);
  const priorDraws = createStream(seed, "sbc", "truth");
  for (let set = 0; set < sets; set += 1) {
    const truth = Object.fromEntries(parameters.map((p) => [p.path, quantile(p.prior, priorDraws())]));
    const data = () =>
      simulateObservations(
        withParametersFixed(scenario, truth, "SBC truth"),
        months,
        initialOccupiedKm2,
        seed * 1000 + set,
        createStream(seed, "sbc", set, "observation-noise"),
      );
    yield { set, truth, data, parameters, setSeed: seed * 1000 + set };
  }
}

/** Where the truth falls among one set's posterior draws. */
function placeTruth(
  parameters: readonly { path: string }[],
  truth: Record<string, number>,
  drawsOf: Record<string, readonly number[]>,
  acceptance: number,
): SbcSet {
  const intervals: SbcSet["intervals"] = {},
    rank: SbcSet["rank"] = {};
  for (const p of parameters) {
    const draws = [...drawsOf[p.path]!].sort((a, b) => a - b);
    const low = draws[Math.floor(0.05 * draws.length)]!,
      high = draws[Math.min(draws.length - 1, Math.floor(0.95 * draws.length))]!;
    const x = truth[p.path]!;
    intervals[p.path] = { low, high, covered: x >= low && x <= high };
    rank[p.path] = draws.filter((d) => d < x).length / draws.length;
  }
  return { truth, intervals, rank, acceptance };
}

/** Run `sets` rounds of simulate-then-fit with one PMMH chain each (see the module's description). */
export function simulationBasedCalibration(options: SbcOptions): SbcSet[] {
  const { scenario, particles, burnIn, iterations } = options;
  const out: SbcSet[] = [];
  for (const { set, truth, data, parameters, setSeed } of sbcSets(options)) {
    const start = Object.fromEntries(parameters.map((p) => [p.path, quantile(p.prior, 0.5)]));
    const chain = pmmh({
      parameters,
      start,
      burnIn,
      iterations,
      seed: setSeed,
      logLikelihood: warLogLikelihood(scenario, data(), particles, "sbc"),
    });
    out.push(placeTruth(parameters, truth, chain.draws, chain.acceptance));
    options.onSet?.(set);
  }
  return out;
}

/** Options of {@link simulationBasedCalibrationSmc}: the problem, and the tempered SMC's settings per set. */
export interface SbcSmcOptions extends SbcProblem {
  /** Filter particles per likelihood. */
  particles: number;
  /** Tempered SMC per set (inference-smc.ts): its θ particles and move settings. */
  smc: Pick<SmcOptions, "particles" | "essShare" | "minMoves" | "maxMoves" | "movedShare" | "finalMoves">;
  /** Fit only the sets it accepts (default all), e.g. one share of them per process; the others are left out of the result. */
  only?: (set: number) => boolean;
  onSet?: (set: number) => void;
}

/** The same calibration of the tempered SMC sampler (`npm run fit`'s): one run of `smc.particles` θ particles per set, its final population as the draws. */
export async function simulationBasedCalibrationSmc(options: SbcSmcOptions): Promise<(SbcSet & { set: number })[]> {
  const { scenario, particles, smc } = options;
  const out: (SbcSet & { set: number })[] = [];
  for (const { set, truth, data, parameters, setSeed } of sbcSets(options)) {
    if (options.only && !options.only(set)) continue;
    const logLikelihood = warLogLikelihood(scenario, data(), particles, "sbc");
    const fit = await temperedSmc({
      ...smc,
      parameters,
      seed: setSeed,
      logLikelihoods: (batch) => batch.map((r) => logLikelihood(r.theta, r.seed)),
    });
    const stages = fit.stages;
    const acceptance = stages.reduce((a, s) => a + s.acceptance * s.moves, 0) / stages.reduce((a, s) => a + s.moves, 0);
    out.push({ set, ...placeTruth(parameters, truth, fit.draws, acceptance) });
    options.onSet?.(set);
  }
  return out;
}

/**
 * Synthetic data with a known truth: one path of `scenario` over `months` (engine seed `seed`),
 * seen through the ISW and claims observation models with their default settings, the
 * measurement noise drawn from `noise`.
 */
export function simulateObservations(
  scenario: unknown,
  months: readonly string[],
  initialOccupiedKm2: number,
  seed: number,
  noise: Uniform,
): FilterObservations {
  const path = new WarParticles(scenario, { months, initialOccupiedKm2 }, { particles: 1, seed });
  const z = new Float64Array(1);
  const normal = () => fillStandardNormal(noise, z)[0]!;
  const area: number[] = [],
    claims: number[] = [];
  months.forEach((_, t) => {
    path.step(t);
    area.push(areaChangeDraw(path.areaChange[0]!, OBSERVATION_SETTINGS.iswSdKm2, normal()));
    claims.push(claimsDraw(path.lossesInMonth[0]!, path.logBias[0]!, OBSERVATION_SETTINGS.claimsLogSd, normal()));
  });
  return { months, initialOccupiedKm2, occupiedChangeKm2: area, claimedLosses: claims };
}
