import { createStream } from "../engine/rng.js";
import { boundedPrior, cholesky, logitSpace, type BoundedParameter } from "./bounded-prior.js";
import { OptionsError } from "../util/errors.js";
import { normalQuantile } from "../util/special-functions.js";

/**
 * Particle marginal Metropolis–Hastings (PMMH: Andrieu, Doucet & Holenstein 2010, "Particle
 * Markov chain Monte Carlo methods", JRSS B 72:269; R's pomp `pmcmc`): a random-walk Metropolis
 * chain on θ whose target is prior × likelihood, the likelihood replaced by a particle filter's
 * unbiased estimate — the chain still has the exact posterior as its stationary law. Each
 * parameter is moved on its unbounded scale u (the logit of its place in the prior's support),
 * the prior's density carried over with the Jacobian. The proposal's covariance adapts during
 * burn-in (Haario, Saksman & Tamminen 2001: 2.38²/d × the draws' covariance, every 50
 * iterations) and is then held, so the kept draws come from a Markov chain.
 */

/** One parameter of θ: its path and its prior (uniform or triangular: bounded, so the logit scale applies). */
export type PmmhParameter = BoundedParameter;

export interface PmmhOptions {
  parameters: readonly PmmhParameter[];
  /** log L̂(θ) — e.g. a particle filter's log-likelihood — for a seed (each call a fresh one). */
  logLikelihood: (theta: Readonly<Record<string, number>>, seed: number) => number;
  /** The chain's start (inside every prior's support). */
  start: Readonly<Record<string, number>>;
  /** Iterations after burn-in (kept). */
  iterations: number;
  /** Iterations before, adapting the proposal (not kept). */
  burnIn: number;
  seed: number;
  /** The first proposal's sd on each parameter's unbounded scale (default 0.1). */
  initialSd?: number;
  /** The first proposal's Cholesky factor on the unbounded scale (d × d, row-major): a warm start from an earlier chain's `proposalCholesky`. */
  proposalCholesky?: Float64Array;
  onIteration?: (i: number, accepted: boolean, logLikelihood: number) => void;
}

export interface PmmhResult {
  /** The kept draws per parameter, in chain order. */
  draws: Record<string, number[]>;
  /** log L̂ at each kept draw (the estimate the chain carries). */
  logLikelihoods: number[];
  /** Share of kept iterations whose proposal was accepted. */
  acceptance: number;
  /** The chain's last state (a warm start for a later chain). */
  last: Record<string, number>;
  /** The proposal's Cholesky factor at the end (adapted in burn-in), for a warm start. */
  proposalCholesky: Float64Array;
}

/**
 * Run one PMMH chain.
 * @throws {OptionsError} for bad options or a start outside a prior's support.
 * @example
 * const chain = pmmh({ parameters: [{ path: "a", prior: { dist: "uniform", min: 0, max: 1 } }], logLikelihood: (t) => -((t.a! - 0.3) ** 2) * 50, start: { a: 0.5 }, iterations: 2000, burnIn: 500, seed: 1 });
 * chain.draws.a; // draws of a ≈ N(0.3, 0.1²) inside [0, 1]
 */
export function pmmh(options: PmmhOptions): PmmhResult {
  const { parameters, logLikelihood, start, iterations, burnIn, seed } = options;
  const d = parameters.length;
  if (d === 0) throw new OptionsError({ path: "parameters", message: "expected at least one parameter" });
  for (const [name, value] of [
    ["iterations", iterations],
    ["burnIn", burnIn],
  ] as const)
    if (!Number.isInteger(value) || value < 0 || (name === "iterations" && value < 1))
      throw new OptionsError({ path: name, message: `expected an integer ${name === "iterations" ? "≥ 1" : "≥ 0"}, got ${value}` });
  const space = logitSpace(parameters);
  const { toU, toX } = space;
  const logPriorU = (u: Float64Array) => space.logPrior(u);
  const thetaOf = (u: Float64Array) => space.theta(u);
  const priors = parameters.map((p) => boundedPrior(p.prior, p.path));
  let current = Float64Array.from(parameters, (p, k) => {
    const x = start[p.path];
    if (x === undefined || !(x > priors[k]!.lo && x < priors[k]!.hi))
      throw new OptionsError({
        path: `start.${p.path}`,
        message: `expected a value inside (${priors[k]!.lo}, ${priors[k]!.hi}), got ${x}`,
      });
    return toU(k, x);
  });
  const proposals = createStream(seed, "pmmh", "proposal"),
    accepts = createStream(seed, "pmmh", "accept"),
    seeds = createStream(seed, "pmmh", "filter-seeds");
  const nextSeed = () => Math.floor(seeds() * 2 ** 32);
  let currentLogLikelihood = logLikelihood(thetaOf(current), nextSeed());
  let currentLogPrior = logPriorU(current);
  if (!Number.isFinite(currentLogLikelihood))
    throw new OptionsError({ path: "start", message: `expected a start with a finite log-likelihood, got ${currentLogLikelihood}` });
  // Proposal: u' = u + L z; L from the adapted covariance (diagonal at first).
  let chol: Float64Array = new Float64Array(d * d);
  const initialSd = options.initialSd ?? 0.1;
  if (options.proposalCholesky) {
    if (options.proposalCholesky.length !== d * d)
      throw new OptionsError({
        path: "proposalCholesky",
        message: `expected ${d * d} numbers (a ${d} × ${d} factor), got ${options.proposalCholesky.length}`,
      });
    chol = Float64Array.from(options.proposalCholesky);
  } else for (let k = 0; k < d; k += 1) chol[k * d + k] = initialSd;
  const history: Float64Array[] = [];
  const draws: Record<string, number[]> = Object.fromEntries(parameters.map((p) => [p.path, [] as number[]]));
  const logLikelihoods: number[] = [];
  let accepted = 0;
  const z = new Float64Array(d),
    proposal = new Float64Array(d);
  for (let i = 0; i < burnIn + iterations; i += 1) {
    for (let k = 0; k < d; k += 1) z[k] = normalQuantile(proposals());
    for (let r = 0; r < d; r += 1) {
      let s = current[r]!;
      for (let c = 0; c <= r; c += 1) s += chol[r * d + c]! * z[c]!;
      proposal[r] = s;
    }
    const filterSeed = nextSeed();
    const u = accepts();
    const proposedLogPrior = logPriorU(proposal);
    let ok = false,
      proposedLogLikelihood = -Infinity;
    if (Number.isFinite(proposedLogPrior)) {
      proposedLogLikelihood = logLikelihood(thetaOf(proposal), filterSeed);
      const logRatio = proposedLogLikelihood + proposedLogPrior - currentLogLikelihood - currentLogPrior;
      ok = Math.log(u) < logRatio;
    }
    if (ok) {
      current = Float64Array.from(proposal);
      currentLogLikelihood = proposedLogLikelihood;
      currentLogPrior = proposedLogPrior;
    }
    if (i < burnIn) {
      history.push(Float64Array.from(current));
      if (history.length >= 100 && history.length % 50 === 0) chol = adaptedCholesky(history, d);
    } else {
      if (ok) accepted += 1;
      parameters.forEach((p, k) => draws[p.path]!.push(toX(k, current[k]!)));
      logLikelihoods.push(currentLogLikelihood);
    }
    options.onIteration?.(i, ok, currentLogLikelihood);
  }
  return { draws, logLikelihoods, acceptance: accepted / iterations, last: thetaOf(current), proposalCholesky: chol };
}

/** Cholesky factor of 2.38²/d × the covariance of the burn-in's second half (+ a small ridge). */
function adaptedCholesky(history: readonly Float64Array[], d: number): Float64Array {
  const recent = history.slice(history.length >> 1);
  const n = recent.length;
  const mean = new Float64Array(d);
  for (const u of recent) for (let k = 0; k < d; k += 1) mean[k] = mean[k]! + u[k]! / n;
  const cov = new Float64Array(d * d);
  for (const u of recent)
    for (let r = 0; r < d; r += 1)
      for (let c = 0; c < d; c += 1) cov[r * d + c] = cov[r * d + c]! + ((u[r]! - mean[r]!) * (u[c]! - mean[c]!)) / (n - 1);
  const scale = 2.38 ** 2 / d;
  for (let k = 0; k < d * d; k += 1) cov[k] = cov[k]! * scale;
  for (let k = 0; k < d; k += 1) cov[k * d + k] = cov[k * d + k]! + 1e-4 * scale; // a ridge (sd 0.01): a chain that has not moved yet keeps proposing
  return cholesky(cov, d);
}
