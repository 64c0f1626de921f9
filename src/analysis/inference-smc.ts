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
  /**
   * Asked after each move at the last stage, with the moves made and the population's draws
   * (as {@link SmcResult.draws}): true ends the stage there, before `finalMoves` (then the cap)
   * — for a caller that stops once its convergence check passes (`npm run fit`: R̂ and bulk ESS
   * over two runs). Only with `finalMoves`.
   */
  finalStop?: (moves: number, draws: () => Record<string, number[]>) => boolean | Promise<boolean>;
  onStage?: (stage: SmcStage) => void;
}

export interface SmcResult {
  /** The final population per parameter, equally weighted, in ancestral order (neighbours share ancestors). */
  draws: Record<string, number[]>;
  /** log L̂ each particle carries. */
  logLikelihoods: number[];
  /** The filter seed of each particle's log L̂ (so that a later fit can extend the same estimate: {@link smcUpdate}). */
  seeds: number[];
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

type MoveSettings = Required<Pick<SmcOptions, "minMoves" | "maxMoves" | "movedShare">> & Pick<SmcOptions, "finalMoves">;
/** The last stage's early stop (SmcOptions.finalStop), its draws read from the population. */
type FinalStop = (moves: number) => boolean | Promise<boolean>;

/** The checked tuning of {@link temperedSmc} and {@link smcUpdate}. */
function settingsOf(
  options: Pick<SmcOptions, "parameters" | "particles" | "essShare" | "minMoves" | "maxMoves" | "movedShare" | "finalMoves">,
) {
  const d = options.parameters.length;
  if (d === 0) throw new OptionsError({ path: "parameters", message: "expected at least one parameter" });
  positiveInteger("particles", options.particles, Math.max(4, 2 * d));
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
  return { essShare, moves: { minMoves, maxMoves, movedShare, finalMoves } satisfies MoveSettings };
}

/**
 * A θ population and what moves it: its values on the logit scale (row i = particle i), each
 * particle's log prior, log L̂ and the filter seed of that estimate; the streams, in the order
 * the samplers have always drawn them.
 */
class Population {
  readonly n: number;
  readonly d: number;
  readonly space: ReturnType<typeof logitSpace>;
  u: Float64Array;
  logPrior: Float64Array;
  logL: Float64Array;
  seeds: Float64Array;
  evaluations = 0;
  scale = 1;
  private readonly streams;
  private readonly logLikelihoods: SmcOptions["logLikelihoods"];

  constructor(parameters: readonly BoundedParameter[], n: number, seed: number, logLikelihoods: SmcOptions["logLikelihoods"]) {
    this.n = n;
    this.d = parameters.length;
    this.space = logitSpace(parameters);
    this.logLikelihoods = logLikelihoods;
    this.streams = {
      prior: createStream(seed, "smc", "prior"),
      proposal: createStream(seed, "smc", "proposal"),
      accept: createStream(seed, "smc", "accept"),
      resample: createStream(seed, "smc", "resample"),
      seeds: createStream(seed, "smc", "filter-seeds"),
    };
    this.u = new Float64Array(n * this.d);
    this.logPrior = new Float64Array(n);
    this.logL = new Float64Array(n);
    this.seeds = new Float64Array(n);
  }

  nextSeed(): number {
    return Math.floor(this.streams.seeds() * 2 ** 32);
  }

  /** Draw the prior's values: each parameter by its quantile function, one uniform per parameter and particle. */
  drawPrior(parameters: readonly BoundedParameter[]): void {
    for (let i = 0; i < this.n; i += 1)
      for (let k = 0; k < this.d; k += 1) {
        // a uniform of exactly 0 would give the support's end, whose logit is infinite
        const p = Math.min(1 - 2 ** -53, Math.max(2 ** -53, this.streams.prior()));
        this.u[i * this.d + k] = this.space.toU(k, quantile(parameters[k]!.prior, p));
      }
    for (let i = 0; i < this.n; i += 1) this.logPrior[i] = this.space.logPrior(this.row(this.u, i));
  }

  row(values: Float64Array, i: number): Float64Array {
    return values.subarray(i * this.d, (i + 1) * this.d);
  }

  async evaluate(batch: LikelihoodRequest[]): Promise<Float64Array> {
    if (batch.length === 0) return new Float64Array(0);
    const values = await this.logLikelihoods(batch);
    if (values.length !== batch.length)
      throw new OptionsError({ path: "logLikelihoods", message: `expected ${batch.length} values for a batch, got ${values.length}` });
    this.evaluations += batch.length;
    return Float64Array.from(values, (v, i) => {
      if (Number.isNaN(v) || v === Infinity)
        throw new OptionsError({
          path: "logLikelihoods",
          message: `expected a finite log-likelihood or -Infinity, got ${v} at θ ${JSON.stringify(batch[i]!.theta)}`,
        });
      return v;
    });
  }

  /** log L̂ of every particle at the given seeds (fresh ones if none), into `logL` and `seeds`. */
  async evaluateAll(seeds?: ArrayLike<number>): Promise<void> {
    const requests = Array.from({ length: this.n }, (_, i) => ({
      theta: this.space.theta(this.row(this.u, i)),
      seed: seeds ? seeds[i]! : this.nextSeed(),
    }));
    this.logL = await this.evaluate(requests);
    this.seeds = Float64Array.from(requests, (r) => r.seed);
    if (!this.logL.some((l) => l > -Infinity))
      throw new OptionsError({
        path: "logLikelihoods",
        message: `expected a finite log-likelihood for some of the ${this.n} particles, got -Infinity for all`,
      });
  }

  /** Resample systematically by weights exp(δ·(ℓ_i − max)) of `logWeights` (−∞ weighs 0). */
  resample(logWeights: Float64Array, delta: number, max: number): void {
    const { n } = this;
    const weights = new Float64Array(n),
      ancestors = new Int32Array(n);
    for (let i = 0; i < n; i += 1) weights[i] = logWeights[i] === -Infinity ? 0 : Math.exp(delta * (logWeights[i]! - max));
    systematicResample(weights, this.streams.resample(), ancestors);
    const resampled = new Float64Array(n * this.d);
    for (let i = 0; i < n; i += 1) resampled.set(this.row(this.u, ancestors[i]!), i * this.d);
    this.u = resampled;
    this.logPrior = Float64Array.from(ancestors, (a) => this.logPrior[a]!);
    this.logL = Float64Array.from(ancestors, (a) => this.logL[a]!);
    this.seeds = Float64Array.from(ancestors, (a) => this.seeds[a]!);
  }

  /**
   * Random-walk Metropolis moves on u under p(θ)·L̂(θ)^φ, the covariance from the (equally
   * weighted) population; `final` applies `finalMoves` instead of the moved-share rule.
   */
  async move(
    temperature: number,
    settings: MoveSettings,
    final: boolean,
    finalStop?: FinalStop,
  ): Promise<{ moves: number; acceptance: number; moved: number }> {
    const { n, d, u, space } = this;
    const mean = new Float64Array(d),
      cov = new Float64Array(d * d),
      z = new Float64Array(d);
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
      const step = (2.38 / Math.sqrt(d)) * this.scale;
      const candidates = new Float64Array(n * d),
        candidateLogPrior = new Float64Array(n),
        acceptU = new Float64Array(n),
        requests: LikelihoodRequest[] = [],
        requestOf = new Int32Array(n).fill(-1);
      for (let i = 0; i < n; i += 1) {
        for (let k = 0; k < d; k += 1) z[k] = normalQuantile(this.streams.proposal());
        for (let r = 0; r < d; r += 1) {
          let s = u[i * d + r]!;
          for (let c = 0; c <= r; c += 1) s += step * factor[r * d + c]! * z[c]!;
          candidates[i * d + r] = s;
        }
        acceptU[i] = this.streams.accept();
        const filterSeed = this.nextSeed();
        candidateLogPrior[i] = space.logPrior(this.row(candidates, i));
        if (Number.isFinite(candidateLogPrior[i]!)) {
          requestOf[i] = requests.length;
          requests.push({ theta: space.theta(this.row(candidates, i)), seed: filterSeed });
        }
      }
      const values = await this.evaluate(requests);
      let acceptedNow = 0;
      for (let i = 0; i < n; i += 1) {
        if (requestOf[i]! < 0) continue;
        const l = values[requestOf[i]!]!;
        const logRatio = temperature * (l - this.logL[i]!) + candidateLogPrior[i]! - this.logPrior[i]!;
        // (after resampling every particle's log L̂ is finite: a weight of 0 is never drawn)
        if (Math.log(acceptU[i]!) < logRatio) {
          u.set(this.row(candidates, i), i * d);
          this.logL[i] = l;
          this.logPrior[i] = candidateLogPrior[i]!;
          this.seeds[i] = requests[requestOf[i]!]!.seed;
          moved[i] = 1;
          acceptedNow += 1;
        }
      }
      moves += 1;
      proposed += n;
      accepted += acceptedNow;
      const movedNow = moved.reduce((a, b) => a + b, 0) / n;
      // Steer c from this move's acceptance: log c += acceptance − target, c kept in [0.05, 4].
      this.scale = Math.min(4, Math.max(0.05, this.scale * Math.exp(acceptedNow / n - TARGET_ACCEPTANCE)));
      if (
        final && settings.finalMoves !== undefined
          ? moves >= settings.finalMoves || (finalStop !== undefined && (await finalStop(moves)))
          : moves >= settings.maxMoves || (moves >= settings.minMoves && movedNow >= settings.movedShare)
      )
        break;
    }
    return { moves, acceptance: accepted / proposed, moved: moved.reduce((a, b) => a + b, 0) / n };
  }

  result(parameters: readonly BoundedParameter[], logEvidence: number, stages: SmcStage[]): SmcResult {
    const draws: Record<string, number[]> = Object.fromEntries(
      parameters.map((p, k) => [p.path, Array.from({ length: this.n }, (_, i) => this.space.toX(k, this.u[i * this.d + k]!))]),
    );
    return {
      draws,
      logLikelihoods: Array.from(this.logL),
      seeds: Array.from(this.seeds),
      logEvidence,
      stages,
      evaluations: this.evaluations,
    };
  }
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
  const { essShare, moves } = settingsOf(options);
  if (options.finalStop !== undefined && (typeof options.finalStop !== "function" || options.finalMoves === undefined))
    throw new OptionsError({ path: "finalStop", message: "expected a function, with finalMoves (its cap)" });
  const population = new Population(parameters, n, seed, options.logLikelihoods);
  population.drawPrior(parameters);
  await population.evaluateAll();
  const stages: SmcStage[] = [];
  let temperature = 0,
    logEvidence = 0;
  while (temperature < 1) {
    // The next temperature: the largest step δ ≤ 1 − φ whose weights keep ESS ≥ essShare × (finite particles).
    const logL = population.logL;
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
    population.resample(logL, next - temperature, max);
    temperature = next;
    const finalStop = options.finalStop && ((m: number) => options.finalStop!(m, () => population.result(parameters, 0, []).draws));
    const moved = await population.move(temperature, moves, temperature === 1, finalStop);
    const record: SmcStage = {
      stage: stages.length + 1,
      temperature,
      ess,
      ...moved,
      scale: population.scale,
      evaluations: population.evaluations,
    };
    stages.push(record);
    options.onStage?.(record);
  }
  return population.result(parameters, logEvidence, stages);
}

/** Options of {@link smcUpdate}: a population fitted to data up to one month, and the likelihood of the data up to a later one. */
export interface SmcUpdateOptions extends Omit<SmcOptions, "particles"> {
  /** The earlier fit (its draws, log L̂ and their filter seeds), e.g. {@link temperedSmc}'s result. */
  previous: Pick<SmcResult, "draws" | "logLikelihoods" | "seeds" | "logEvidence">;
}

/**
 * Carry a posterior forward to more data (the data-tempering step of SMC²: Chopin, Jacob &
 * Papaspiliopoulos 2013): each particle's log L̂ on the longer window is computed with the same
 * filter seed as its estimate on the shorter one. A particle filter that draws its randomness
 * month by month reproduces the shorter window's estimate in its first months (war-particles.ts
 * does, bit for bit: test/analysis/war-particles.test.ts, as does the linear-Gaussian filter of
 * test/analysis/inference-smc.test.ts), so the weight L̂_new/L̂_old is the
 * filter's estimate of p(new months | earlier months, θ) — the same extended target as SMC²'s.
 * The population is then resampled and moved under the new posterior (`finalMoves`, or the
 * moved-share rule). Its `logEvidence` adds log p̂(new months | earlier months) to the previous one.
 * @throws {OptionsError} for bad options, or a previous fit whose arrays disagree in length.
 * @example
 * const later = await smcUpdate({ parameters, previous: fit, logLikelihoods: longerWindow, seed: 2 });
 */
export async function smcUpdate(options: SmcUpdateOptions): Promise<SmcResult> {
  const { parameters, previous, seed } = options;
  const n = previous.logLikelihoods.length;
  const { moves } = settingsOf({ ...options, particles: n });
  for (const p of parameters)
    if (previous.draws[p.path]?.length !== n)
      throw new OptionsError({
        path: `previous.draws.${p.path}`,
        message: `expected ${n} draws (one per particle), got ${previous.draws[p.path]?.length}`,
      });
  if (previous.seeds.length !== n)
    throw new OptionsError({ path: "previous.seeds", message: `expected ${n} seeds, got ${previous.seeds.length}` });
  const population = new Population(parameters, n, seed, options.logLikelihoods);
  parameters.forEach((p, k) => {
    for (let i = 0; i < n; i += 1) population.u[i * population.d + k] = population.space.toU(k, previous.draws[p.path]![i]!);
  });
  for (let i = 0; i < n; i += 1) population.logPrior[i] = population.space.logPrior(population.row(population.u, i));
  await population.evaluateAll(previous.seeds);
  const increments = Float64Array.from(population.logL, (l, i) => l - previous.logLikelihoods[i]!);
  let max = -Infinity;
  for (const l of increments) if (l > max) max = l;
  const { ess, logMeanWeight } = reweighted(increments, 1, max);
  population.resample(increments, 1, max);
  const moved = await population.move(1, moves, true);
  const stage: SmcStage = { stage: 1, temperature: 1, ess, ...moved, scale: population.scale, evaluations: population.evaluations };
  options.onStage?.(stage);
  return population.result(parameters, previous.logEvidence + logMeanWeight, [stage]);
}
