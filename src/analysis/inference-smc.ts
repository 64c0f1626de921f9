import { createStream } from "../engine/rng.js";
import { quantile } from "../scenario/distribution-math.js";
import { OptionsError } from "../util/errors.js";
import { normalQuantile } from "../util/special-functions.js";
import { cholesky, logitSpace, type BoundedParameter } from "./bounded-prior.js";
import { systematicResample } from "./resample.js";

/**
 * Density-tempered SMC with pseudo-marginal moves — the SMC² family (Chopin, Jacob &
 * Papaspiliopoulos 2013, "SMC²: an efficient algorithm for sequential analysis of state space
 * models", JRSS B 75:397) in its tempered form (Duan & Fulop 2015, "Density-tempered
 * marginalized sequential Monte Carlo samplers", J. Business & Economic Statistics 33:192).
 *
 * A population of θ particles, each carrying a particle filter's estimate L̂(θ), moves from the
 * prior to the posterior through the targets p(θ)·L̂(θ)^φ, φ = 0 < φ₁ < … < 1. Each next φ is
 * the largest one that keeps the reweighted population's ESS at `essShare` of its size (Jasra,
 * Stephens, Doucet & Tsagaris 2011, adaptive tempering); the population is then resampled
 * (systematic) and moved by pseudo-marginal random-walk Metropolis steps on the logit scale
 * (bounded-prior.ts), the proposal's covariance the population's own × (2.38²/d)·c², c adapted
 * from stage to stage towards acceptance ≈ 0.25. A step's estimate L̂ is fresh (a new filter
 * seed) and kept while the particle stays, so at φ = 1 the population targets the exact posterior
 * of θ, as PMMH does (Andrieu, Doucet & Holenstein 2010).
 *
 * The likelihood is asked for in batches — one per stage and per move, a request per particle —
 * so that a caller can spread a batch over workers; every random number is drawn here in
 * particle order, so the result is the same however the batch is spread.
 */

/** One likelihood the sampler needs: θ and the seed of its particle filter. */
export interface LikelihoodRequest {
  theta: Readonly<Record<string, number>>;
  seed: number;
}

/** What one stage did (φ, its population's ESS before resampling, the moves that followed). */
export interface SmcStage {
  stage: number;
  temperature: number;
  /** ESS of the reweighted population before resampling (≈ `essShare` × particles; the last stage's may be larger). */
  ess: number;
  moves: number;
  /** Share of the moves' proposals accepted, over the stage's moves. */
  acceptance: number;
  /** Share of the particles that accepted at least one move since the resampling. */
  moved: number;
  /** The proposal's scale c on 2.38/√d × the population's covariance. */
  scale: number;
  /** Likelihood evaluations so far. */
  evaluations: number;
}

export interface SmcOptions {
  parameters: readonly BoundedParameter[];
  /** log L̂(θ) for each request of a batch, in the batch's order (e.g. particle filters, perhaps on workers). */
  logLikelihoods: (batch: readonly LikelihoodRequest[]) => ArrayLike<number> | Promise<ArrayLike<number>>;
  /** θ particles (≥ 2 × the parameters). */
  particles: number;
  seed: number;
  /** ESS kept at each tempering step, as a share of the particles, in (0, 1) (default 0.5). */
  essShare?: number;
  /** Metropolis moves after each resampling: at least this many (default 2)… */
  minMoves?: number;
  /** …until `movedShare` of the particles have moved, or this many (default 8). */
  maxMoves?: number;
  /** The share of particles that must have accepted a move before the stage ends, in (0, 1] (default 0.9). */
  movedShare?: number;
  /**
   * Moves at the last stage (φ = 1), instead of the rule above (default: the rule): the final
   * population's diversity — how far its copies of one ancestor have moved apart — is what the
   * posterior's precision rests on, so it is worth more moves than a stage on the way.
   */
  finalMoves?: number;
  onStage?: (stage: SmcStage) => void;
}

export interface SmcResult {
  /** The final population per parameter, equally weighted, in ancestral order (neighbours share ancestors). */
  draws: Record<string, number[]>;
  /** log L̂ each particle carries. */
  logLikelihoods: number[];
  /** Estimate of log p(y) = log ∫ p(θ) L(θ) dθ (the marginal likelihood; unbiased on the natural scale). */
  logEvidence: number;
  stages: SmcStage[];
  evaluations: number;
}

/** The default tuning (algorithm settings, not model parameters). */
const DEFAULTS = { essShare: 0.5, minMoves: 2, maxMoves: 8, movedShare: 0.9 } as const;
/** Acceptance the proposal's scale is steered to (≈ 0.234 for random-walk Metropolis; Roberts, Gelman & Gilks 1997). */
const TARGET_ACCEPTANCE = 0.25;

function positiveInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new OptionsError({ path: name, message: `expected an integer ≥ ${min}, got ${value}` });
}

function shareIn(name: string, value: number, includeOne: boolean): void {
  if (!(value > 0 && (includeOne ? value <= 1 : value < 1)))
    throw new OptionsError({ path: name, message: `expected a number in (0, 1${includeOne ? "]" : ")"}, got ${value}` });
}

/** ESS of the weights exp(δ·ℓ_i) (ℓ_i = −∞ weighs 0), and the log of their mean. */
function reweighted(logLikelihoods: Float64Array, delta: number, max: number): { ess: number; logMeanWeight: number } {
  let sum = 0,
    sumOfSquares = 0;
  for (const l of logLikelihoods) {
    const w = l === -Infinity ? 0 : Math.exp(delta * (l - max));
    sum += w;
    sumOfSquares += w * w;
  }
  return { ess: sum > 0 ? (sum * sum) / sumOfSquares : 0, logMeanWeight: Math.log(sum / logLikelihoods.length) + delta * max };
}

/**
 * Run the tempered SMC sampler.
 * @throws {OptionsError} for bad options, or when no particle of the prior has a finite likelihood.
 * @example
 * const fit = await temperedSmc({ parameters: [{ path: "a", prior: { dist: "uniform", min: 0, max: 1 } }], logLikelihoods: (b) => b.map((r) => -((r.theta.a! - 0.3) ** 2) * 50), particles: 500, seed: 1 });
 * fit.draws.a; // ≈ N(0.3, 0.1²) draws; fit.logEvidence ≈ ln √(π/50) ≈ −1.38
 */
export async function temperedSmc(options: SmcOptions): Promise<SmcResult> {
  const { parameters, particles: n, seed } = options;
  const d = parameters.length;
  if (d === 0) throw new OptionsError({ path: "parameters", message: "expected at least one parameter" });
  positiveInteger("particles", n, Math.max(4, 2 * d));
  const essShare = options.essShare ?? DEFAULTS.essShare,
    minMoves = options.minMoves ?? DEFAULTS.minMoves,
    maxMoves = options.maxMoves ?? DEFAULTS.maxMoves,
    movedShare = options.movedShare ?? DEFAULTS.movedShare;
  shareIn("essShare", essShare, false);
  shareIn("movedShare", movedShare, true);
  positiveInteger("minMoves", minMoves, 1);
  positiveInteger("maxMoves", maxMoves, minMoves);
  const finalMoves = options.finalMoves;
  if (finalMoves !== undefined) positiveInteger("finalMoves", finalMoves, 1);
  const space = logitSpace(parameters);
  const streams = {
    prior: createStream(seed, "smc", "prior"),
    proposal: createStream(seed, "smc", "proposal"),
    accept: createStream(seed, "smc", "accept"),
    resample: createStream(seed, "smc", "resample"),
    seeds: createStream(seed, "smc", "filter-seeds"),
  };
  const nextSeed = () => Math.floor(streams.seeds() * 2 ** 32);
  let evaluations = 0;
  const evaluate = async (batch: LikelihoodRequest[]): Promise<Float64Array> => {
    if (batch.length === 0) return new Float64Array(0);
    const values = await options.logLikelihoods(batch);
    if (values.length !== batch.length)
      throw new OptionsError({ path: "logLikelihoods", message: `expected ${batch.length} values for a batch, got ${values.length}` });
    evaluations += batch.length;
    return Float64Array.from(values, (v, i) => {
      if (Number.isNaN(v) || v === Infinity)
        throw new OptionsError({
          path: "logLikelihoods",
          message: `expected a finite log-likelihood or -Infinity, got ${v} at θ ${JSON.stringify(batch[i]!.theta)}`,
        });
      return v;
    });
  };

  // The prior's draws: each parameter by its quantile function, one uniform per parameter and particle.
  let u = new Float64Array(n * d);
  for (let i = 0; i < n; i += 1)
    for (let k = 0; k < d; k += 1) {
      // a uniform of exactly 0 would give the support's end, whose logit is infinite
      const p = Math.min(1 - 2 ** -53, Math.max(2 ** -53, streams.prior()));
      u[i * d + k] = space.toU(k, quantile(parameters[k]!.prior, p));
    }
  const row = (values: Float64Array, i: number) => values.subarray(i * d, (i + 1) * d);
  let logPrior = Float64Array.from({ length: n }, (_, i) => space.logPrior(row(u, i)));
  let logL = await evaluate(Array.from({ length: n }, (_, i) => ({ theta: space.theta(row(u, i)), seed: nextSeed() })));
  if (!logL.some((l) => l > -Infinity))
    throw new OptionsError({
      path: "logLikelihoods",
      message: `expected a finite log-likelihood for some of the prior's ${n} draws, got -Infinity for all`,
    });

  const stages: SmcStage[] = [];
  let temperature = 0,
    logEvidence = 0,
    scale = 1;
  const ancestors = new Int32Array(n),
    weights = new Float64Array(n),
    z = new Float64Array(d);
  while (temperature < 1) {
    // The next temperature: the largest step δ ≤ 1 − φ whose weights keep ESS ≥ essShare × (finite particles).
    let max = -Infinity,
      finite = 0;
    for (const l of logL) if (l > -Infinity) ((finite += 1), (max = Math.max(max, l)));
    const target = essShare * finite;
    let delta = 1 - temperature;
    if (reweighted(logL, delta, max).ess < target) {
      let lo = 0,
        hi = delta;
      for (let it = 0; it < 60; it += 1) {
        const mid = (lo + hi) / 2;
        if (reweighted(logL, mid, max).ess >= target) lo = mid;
        else hi = mid;
      }
      delta = lo > 0 ? lo : hi;
    }
    const next = delta >= 1 - temperature ? 1 : temperature + delta;
    const { ess, logMeanWeight } = reweighted(logL, next - temperature, max);
    logEvidence += logMeanWeight;
    for (let i = 0; i < n; i += 1) weights[i] = logL[i] === -Infinity ? 0 : Math.exp((next - temperature) * (logL[i]! - max));
    temperature = next;
    systematicResample(weights, streams.resample(), ancestors);
    const resampled = new Float64Array(n * d);
    for (let i = 0; i < n; i += 1) resampled.set(row(u, ancestors[i]!), i * d);
    u = resampled;
    logPrior = Float64Array.from(ancestors, (a) => logPrior[a]!);
    logL = Float64Array.from(ancestors, (a) => logL[a]!);

    // Moves: random-walk Metropolis on u, covariance from the resampled population.
    const mean = new Float64Array(d),
      cov = new Float64Array(d * d);
    for (let i = 0; i < n; i += 1) for (let k = 0; k < d; k += 1) mean[k] = mean[k]! + u[i * d + k]! / n;
    for (let i = 0; i < n; i += 1)
      for (let r = 0; r < d; r += 1)
        for (let c = 0; c <= r; c += 1)
          cov[r * d + c] = cov[r * d + c]! + ((u[i * d + r]! - mean[r]!) * (u[i * d + c]! - mean[c]!)) / (n - 1);
    for (let r = 0; r < d; r += 1) for (let c = 0; c < r; c += 1) cov[c * d + r] = cov[r * d + c]!;
    const factor = cholesky(cov, d);
    const moved = new Uint8Array(n);
    let moves = 0,
      proposed = 0,
      accepted = 0;
    for (;;) {
      const step = (2.38 / Math.sqrt(d)) * scale;
      const candidates = new Float64Array(n * d),
        candidateLogPrior = new Float64Array(n),
        acceptU = new Float64Array(n),
        requests: LikelihoodRequest[] = [],
        requestOf = new Int32Array(n).fill(-1);
      for (let i = 0; i < n; i += 1) {
        for (let k = 0; k < d; k += 1) z[k] = normalQuantile(streams.proposal());
        for (let r = 0; r < d; r += 1) {
          let s = u[i * d + r]!;
          for (let c = 0; c <= r; c += 1) s += step * factor[r * d + c]! * z[c]!;
          candidates[i * d + r] = s;
        }
        acceptU[i] = streams.accept();
        const filterSeed = nextSeed();
        candidateLogPrior[i] = space.logPrior(row(candidates, i));
        if (Number.isFinite(candidateLogPrior[i]!)) {
          requestOf[i] = requests.length;
          requests.push({ theta: space.theta(row(candidates, i)), seed: filterSeed });
        }
      }
      const values = await evaluate(requests);
      let acceptedNow = 0;
      for (let i = 0; i < n; i += 1) {
        if (requestOf[i]! < 0) continue;
        const l = values[requestOf[i]!]!;
        const logRatio = temperature * (l - logL[i]!) + candidateLogPrior[i]! - logPrior[i]!;
        // (after resampling every particle's log L̂ is finite: a weight of 0 is never drawn)
        if (Math.log(acceptU[i]!) < logRatio) {
          u.set(row(candidates, i), i * d);
          logL[i] = l;
          logPrior[i] = candidateLogPrior[i]!;
          moved[i] = 1;
          acceptedNow += 1;
        }
      }
      moves += 1;
      proposed += n;
      accepted += acceptedNow;
      const movedNow = moved.reduce((a, b) => a + b, 0) / n;
      // Steer c from this move's acceptance: log c += acceptance − target, c kept in [0.05, 4].
      scale = Math.min(4, Math.max(0.05, scale * Math.exp(acceptedNow / n - TARGET_ACCEPTANCE)));
      if (
        temperature === 1 && finalMoves !== undefined
          ? moves >= finalMoves
          : moves >= maxMoves || (moves >= minMoves && movedNow >= movedShare)
      )
        break;
    }
    const record: SmcStage = {
      stage: stages.length + 1,
      temperature,
      ess,
      moves,
      acceptance: accepted / proposed,
      moved: moved.reduce((a, b) => a + b, 0) / n,
      scale,
      evaluations,
    };
    stages.push(record);
    options.onStage?.(record);
  }
  const draws: Record<string, number[]> = Object.fromEntries(
    parameters.map((p, k) => [p.path, Array.from({ length: n }, (_, i) => space.toX(k, u[i * d + k]!))]),
  );
  return { draws, logLikelihoods: Array.from(logL), logEvidence, stages, evaluations };
}
