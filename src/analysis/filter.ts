import type { Uniform } from "../engine/rng.js";
import { describeValue, OptionsError } from "../util/errors.js";
import { systematicResample } from "./resample.js";
import type { Steps } from "./steps.js";

/**
 * A bootstrap particle filter (Gordon, Salmond & Smith 1993) for any state-space model written as
 * a {@link ParticleModel}: latent states x_t, observations y_t, steps t = 0 … T − 1. It knows
 * nothing of the war model; the model holds its N particles in its own typed arrays and the
 * filter only tells it when to move, weigh and copy them.
 *
 * With normalised weights W_{t−1}^i (Σ_i W = 1; W = 1/N at the start and after resampling),
 * each step t:
 *
 *   1. propagate   x_t^i ~ f(· | x_{t−1}^i)                            (`model.step(t)`)
 *   2. weigh, if y_t is observed (`observed(t)`): ℓ_t^i = log g(y_t | x_t^i)   (`model.logLikelihood`)
 *        log p̂(y_t | y_{0:t−1}) = log Σ_i W_{t−1}^i exp(ℓ_t^i)              by log-sum-exp:
 *                               = m + log Σ_i exp(a_i − m),   a_i = log W_{t−1}^i + ℓ_t^i,  m = max_i a_i
 *        W_t^i ∝ W_{t−1}^i exp(ℓ_t^i),   ESS_t = (Σ_i W_t^i)² / Σ_i (W_t^i)²
 *      an unobserved step keeps the weights (its term is 0);
 *   3. resample, at an observed step, when ESS_t < essThreshold · N (always at essThreshold = 1):
 *      systematic resampling (resample.ts), then W_t = 1/N.
 *
 * log L̂ = Σ_t log p̂(y_t | y_{0:t−1}). L̂ is an unbiased estimate of the likelihood p(y_{0:T−1}),
 * with resampling at every step or adaptively (Del Moral 2004, Feynman–Kac Formulae, Springer;
 * Doucet & Johansen 2009; Del Moral, Doucet & Jasra 2012, Bernoulli 18:252); log L̂ is then
 * biased low by about Var(log L̂)/2 — which is why the particle count is chosen to keep
 * sd(log L̂) near 1–1.5 (Doucet, Pitt, Deligiannidis & Kohn 2015, Biometrika 102:295).
 *
 * The definitions follow R's pomp (King, Nguyen & Ionides 2016, J. Stat. Softw. 69(12)):
 * `pfilter` (src/pfilter.c) resamples at every observation, with conditional log-likelihood
 * maxw + log(Σ_i exp(ℓ_i − maxw) / N) and ESS (Σ w)² / Σ w², w = exp(ℓ − maxw); `wpfilter`
 * (src/wpfilter.c) carries weights and resamples when ESS < N · trigger, with the term
 * maxlogw + log Σ w − log Σ W_{t−1}: the formula above. essThreshold = 1, the default, is pomp's
 * `pfilter`. Like pomp, a step at which every particle has likelihood 0 (ℓ = −Infinity) is a
 * filtering failure with term −Infinity and ESS 0; unlike pomp, which carries the particles on
 * unresampled and counts the failures, the filter then stops: the estimate is −Infinity whatever
 * follows, and a sampler (PMMH) rejects it.
 *
 * Randomness: the model draws its own numbers (its streams); the filter draws exactly one uniform
 * per step from `uniform`, and uses it only if it resamples at that step — so the uniform used at
 * step t is the (t + 1)-th of the stream whatever was observed or resampled before.
 *
 * References: Gordon, Salmond & Smith (1993), IEE Proc. F 140:107; Doucet & Johansen (2009),
 * "A tutorial on particle filtering and smoothing: fifteen years later", in Crisan & Rozovskii
 * (eds.), The Oxford Handbook of Nonlinear Filtering (2011); pomp's `pfilter` (github.com/kingaa/pomp).
 */

/**
 * A state-space model holding `size` particles in its own typed arrays (e.g. one Float64Array per
 * state variable, indexed by particle). The filter never sees a state: it calls these three
 * methods, in this order, at every step t = 0 … steps − 1:
 * `step(t)`; then, if step t is observed, `logLikelihood(t, out)`; then, if the filter resamples,
 * `resample(ancestors)`.
 *
 * Before the filter runs, the arrays hold N draws of the initial state x_{−1} (the state before
 * the first step, e.g. at the vintage or from the prior): the filter does not initialise.
 */
export interface ParticleModel {
  /** N, the number of particles: an integer ≥ 1, constant while the filter runs. */
  readonly size: number;
  /**
   * Advance every particle from the end of step t − 1 to the end of step t (t = 0 is the first
   * step), drawing from the model's own random streams. Draws must be fresh for every particle:
   * two copies of one particle (after resampling) must not replay the same numbers.
   */
  step(t: number): void;
  /**
   * Write log p(y_t | x_t^i) for every particle i into `out` (length `size`; the filter fills it
   * with NaN before the call, so an entry left unwritten is caught). −Infinity is allowed (an
   * impossible particle); NaN or +Infinity is a bug in the model and the filter throws. Called
   * only at observed steps (see {@link ParticleFilterOptions.observed}); `out` is the filter's
   * buffer, valid during the call.
   */
  logLikelihood(t: number, out: Float64Array): void;
  /**
   * Replace particle i by particle `ancestors[i]`, for every i — every per-particle value, states
   * and per-particle parameters alike (the model copies through a scratch buffer, since an
   * ancestor may itself be replaced). `ancestors` is ascending and the filter's buffer, valid
   * during the call.
   */
  resample(ancestors: Int32Array): void;
}

/** What the filter reports after each step ({@link ParticleFilterOptions.onStep}). */
export interface ParticleFilterStep {
  /** The step, 0 … steps − 1. */
  t: number;
  /** Whether step t was observed (weighed). */
  observed: boolean;
  /** log p̂(y_t | y_{0:t−1}): 0 at an unobserved step, −Infinity at a filtering failure. */
  logLikelihood: number;
  /** ESS of the weights at the end of step t, before any resampling (0 at a filtering failure). */
  ess: number;
  /** Whether the filter resamples right after this call. */
  resample: boolean;
  /**
   * The normalised log-weights log W_t^i (log Σ exp = 0) of the particles now in the model's
   * arrays, before any resampling: the filtering distribution at t is Σ_i W_t^i δ(x_t^i) (pomp's
   * `filter.mean` uses these weights). The filter's own buffer: read it during the call only.
   */
  logWeights: Float64Array;
}

/** Options of {@link particleFilter}. */
export interface ParticleFilterOptions {
  /** T, the number of steps to run: an integer ≥ 1. */
  steps: number;
  /** Whether step t has an observation (default: every step). Unobserved steps are propagated only. */
  observed?: (t: number) => boolean;
  /** The resampling uniforms: exactly one is drawn per step (see the module's description). */
  uniform: Uniform;
  /**
   * Resample at an observed step when ESS < essThreshold · N; in (0, 1]. Default 1: resample at
   * every observed step, whatever the ESS — the bootstrap filter as R's pomp `pfilter` runs it.
   */
  essThreshold?: number;
  /** Called after every step, before any resampling (progress, filtered means). */
  onStep?: (step: ParticleFilterStep) => void;
}

/** What {@link particleFilter} returns. */
export interface ParticleFilterResult {
  /** log L̂ = Σ_t log p̂(y_t | y_{0:t−1}); −Infinity after a filtering failure, never NaN. */
  logLikelihood: number;
  /**
   * Per step t, log p̂(y_t | y_{0:t−1}) (pomp's `cond.logLik`): 0 at an unobserved step (so the
   * array sums to `logLikelihood`), −Infinity at a failure, NaN at the steps not reached after it.
   */
  logLikelihoodByStep: Float64Array;
  /**
   * Per step, the ESS of the weights at the end of the step before any resampling (pomp's
   * `eff.sample.size`); an unobserved step keeps the weights and so the ESS of the step before it
   * (N at the first step). 0 at a failure, NaN at the steps not reached after it.
   */
  ess: Float64Array;
  /** The normalised log-weights of the particles now in the model (log Σ exp = 0; all log(1/N) after a final resampling; all −Infinity after a failure). */
  logWeights: Float64Array;
  /** The steps at which the filter resampled, ascending. */
  resampledAt: Int32Array;
  /** The step of a filtering failure (every particle impossible), after which the filter stopped; null if none. */
  failedAt: number | null;
}

function fail(path: string, message: string): never {
  throw new OptionsError({ path, message });
}

function checkOptions(model: ParticleModel, options: ParticleFilterOptions): { observed: (t: number) => boolean; essThreshold: number } {
  if (options === null || typeof options !== "object")
    fail("", `expected an options object with steps and uniform, got ${describeValue(options)}`);
  const { steps, observed, uniform, essThreshold = 1, onStep } = options;
  const size = model?.size;
  if (typeof size !== "number" || !Number.isInteger(size) || size < 1 || size > 0x7fffffff)
    fail("model.size", `expected an integer number of particles ≥ 1, got ${describeValue(size)}`);
  for (const name of ["step", "logLikelihood", "resample"] as const)
    if (typeof model[name] !== "function") fail(`model.${name}`, `expected a function, got ${describeValue(model[name])}`);
  if (typeof steps !== "number" || !Number.isInteger(steps) || steps < 1)
    fail("steps", `expected an integer ≥ 1, got ${describeValue(steps)}`);
  if (typeof uniform !== "function") fail("uniform", `expected a uniform random source (a function), got ${describeValue(uniform)}`);
  if (observed !== undefined && typeof observed !== "function")
    fail("observed", `expected a function of the step, got ${describeValue(observed)}`);
  if (typeof essThreshold !== "number" || !(essThreshold > 0 && essThreshold <= 1))
    fail("essThreshold", `expected a share of the particle count in (0, 1], got ${describeValue(essThreshold)}`);
  if (onStep !== undefined && typeof onStep !== "function") fail("onStep", `expected a function, got ${describeValue(onStep)}`);
  return { observed: observed ?? (() => true), essThreshold };
}

/**
 * Run the bootstrap particle filter over steps 0 … steps − 1 (see the module's description for
 * the method and its definitions), leaving the model's arrays at the filtered particles of the
 * last step with weights `logWeights`.
 *
 * @throws {OptionsError} for bad options (`steps`, `essThreshold`, `model.size`, …).
 * @throws {Error} when the model's log-likelihood is NaN or +Infinity for a particle (a bug in the model).
 * @example
 * // 1,000 particles spread as N(0, 1), moved by x += 0.1, and y = 0.5 observed with N(0, 1) noise:
 * const x = new Float64Array(1000).map((_, i) => normalQuantile((i + 0.5) / 1000));
 * const model = {
 *   size: 1000,
 *   step: () => x.forEach((v, i) => (x[i] = v + 0.1)),
 *   logLikelihood: (t, out) => x.forEach((v, i) => (out[i] = -0.5 * Math.log(2 * Math.PI) - 0.5 * (0.5 - v) ** 2)),
 *   resample: (ancestors) => x.set(Array.from(ancestors, (a) => x[a]!)),
 * };
 * const result = particleFilter(model, { steps: 1, uniform: createStream(1, "example") });
 * result.logLikelihood; // -1.3055099…: log of the N(0.1, 2) density at 0.5 is −1.3055121
 */
export function particleFilter(model: ParticleModel, options: ParticleFilterOptions): ParticleFilterResult {
  const steps = particleFilterSteps(model, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * {@link particleFilter} as a generator that yields after every step, for long filters that must
 * give the event loop a turn or be cancelled: `runStepsAsync(particleFilterSteps(model, options), signal)`
 * (src/analysis/steps.ts) stops between two steps when the signal is aborted; `yield*` composes it
 * into a longer computation (a sampler running one filter per proposal). Same numbers as
 * {@link particleFilter}. Options are checked when the generator is created.
 *
 * @example
 * const steps = particleFilterSteps(model, { steps: 24, uniform: createStream(1, "filter") });
 * const result = await runStepsAsync(steps, controller.signal);
 */
export function particleFilterSteps(model: ParticleModel, options: ParticleFilterOptions): Steps<ParticleFilterResult> {
  const checked = checkOptions(model, options);
  return run(model, options, checked.observed, checked.essThreshold);
}

function* run(
  model: ParticleModel,
  options: ParticleFilterOptions,
  observed: (t: number) => boolean,
  essThreshold: number,
): Steps<ParticleFilterResult> {
  const { steps, uniform, onStep } = options;
  const size = model.size;
  const logWeights = new Float64Array(size).fill(-Math.log(size));
  const logLikelihoods = new Float64Array(size);
  const weights = new Float64Array(size);
  const ancestors = new Int32Array(size);
  const logLikelihoodByStep = new Float64Array(steps).fill(NaN);
  const ess = new Float64Array(steps).fill(NaN);
  const resampledAt: number[] = [];
  let logLikelihood = 0,
    currentEss = size;
  for (let t = 0; t < steps; t += 1) {
    const u = uniform();
    model.step(t);
    const isObserved = Boolean(observed(t));
    let increment = 0,
      resample = false;
    if (isObserved) {
      logLikelihoods.fill(NaN);
      model.logLikelihood(t, logLikelihoods);
      // a_i = log W_{t−1}^i + ℓ_t^i, in place; m = max a.
      let max = -Infinity;
      for (let i = 0; i < size; i += 1) {
        const l = logLikelihoods[i]!;
        if (Number.isNaN(l) || l === Infinity)
          throw new Error(
            `particleFilter: model.logLikelihood(${t}) gave ${l} for particle ${i} (expected a finite log-likelihood, or -Infinity for an impossible particle): a bug in the model`,
          );
        const a = (logWeights[i] = logWeights[i]! + l);
        if (a > max) max = a;
      }
      if (max === -Infinity) {
        logLikelihoodByStep[t] = -Infinity;
        ess[t] = 0;
        onStep?.({ t, observed: true, logLikelihood: -Infinity, ess: 0, resample: false, logWeights });
        return {
          logLikelihood: -Infinity,
          logLikelihoodByStep,
          ess,
          logWeights: logWeights.slice(),
          resampledAt: Int32Array.from(resampledAt),
          failedAt: t,
        };
      }
      let sum = 0,
        sumOfSquares = 0;
      for (let i = 0; i < size; i += 1) {
        const w = (weights[i] = Math.exp(logWeights[i]! - max));
        sum += w;
        sumOfSquares += w * w;
      }
      increment = max + Math.log(sum);
      for (let i = 0; i < size; i += 1) logWeights[i] = logWeights[i]! - increment;
      currentEss = (sum * sum) / sumOfSquares;
      resample = essThreshold === 1 || currentEss < essThreshold * size;
    }
    logLikelihood += increment;
    logLikelihoodByStep[t] = increment;
    ess[t] = currentEss;
    onStep?.({ t, observed: isObserved, logLikelihood: increment, ess: currentEss, resample, logWeights });
    if (resample) {
      model.resample(systematicResample(weights, u, ancestors));
      logWeights.fill(-Math.log(size));
      currentEss = size;
      resampledAt.push(t);
    }
    yield;
  }
  return {
    logLikelihood,
    logLikelihoodByStep,
    ess,
    logWeights: logWeights.slice(),
    resampledAt: Int32Array.from(resampledAt),
    failedAt: null,
  };
}
