import { createStream } from "../engine/rng.js";
import { normalQuantile } from "../scenario/distributions.js";
import { runSteps, type Steps } from "./steps.js";

/**
 * Approximate Bayesian computation by sequential Monte Carlo with MCMC moves — the
 * "replenishment" ABC-SMC of Drovandi & Pettitt (2011, Biometrics 67:225), after Del Moral,
 * Doucet & Jasra (2012, Stat. Comput. 22:1009). The population always holds N equally weighted
 * particles, so no importance weight can degenerate.
 *
 * A particle is a vector of uniforms u ∈ (0, 1)^d, one per calibrated parameter (the value is
 * the prior's quantile at u): the prior is uniform on the cube. The distance is the root mean
 * square of the differences between a simulation's summary statistics and the observed ones,
 * each divided by its spread (1.4826 × median absolute deviation) across the previous
 * generation's simulations — the adaptive distance of Prangle (2017, Bayesian Anal. 12:289).
 *
 * Generation 0 draws N particles from the prior. Generation t:
 *   1. rescale the distances; ε_t = the α-quantile of the population's distances;
 *   2. replace the particles beyond ε_t by copies of the others (drawn uniformly);
 *   3. move every particle by random-walk Metropolis–Hastings: u' = u + L·z, L Lᵀ = (2.38²/d)·Cov
 *      of the population (circular coordinates wrap; outside the cube the prior is 0 and the move
 *      is refused), accepted when the simulated distance is ≤ ε_t (the prior ratio is 1). One
 *      simulation call per sweep; R_t = ⌈ln 0.01 / ln(1 − p)⌉ sweeps (at most `maxMoves`) after a
 *      first sweep with acceptance p, so each particle has moved with probability ≈ 0.99.
 * It stops after `generations`, or once a generation's move acceptance is below `minAcceptance`.
 * Every random number comes from streams keyed by (seed, "abc", purpose, generation, sweep).
 */

/** What the sampler needs from a model. */
export interface AbcProblem {
  /** Number of calibrated coordinates. */
  dimension: number;
  /** Per coordinate: wraps around (a month of the year) rather than ending at 0 and 1. */
  circular: readonly boolean[];
  /** The observed summary statistics. */
  observed: Float64Array;
  /** Values carried with each particle (e.g. its path's forecast), per particle. */
  extras: number;
  /**
   * Simulate `count` particles given as uniforms (count × dimension, row-major, strictly in
   * (0, 1)): their summary statistics (count × statistics) and extras (count × extras).
   * Deterministic in (uniforms, key).
   */
  simulate(uniforms: Float64Array, count: number, key: string): { summaries: Float64Array; extras: Float64Array };
}

export interface AbcSettings {
  /** Population size N. */
  particles: number;
  /** Most generations after the prior one (generation 0). */
  generations: number;
  seed: number;
  /** α: the share of the population kept when the tolerance shrinks (default 0.5). */
  quantile: number;
  /** Stop once a generation's move acceptance rate is below this. */
  minAcceptance: number;
  /** Most MCMC sweeps in one generation. */
  maxMoves: number;
  onGeneration?: (record: AbcGeneration) => void;
}

/** One generation's record (the diagnostics table). */
export interface AbcGeneration {
  generation: number;
  /** Tolerance ε_t (Infinity for the prior generation). */
  epsilon: number;
  /** MCMC sweeps (0 for the prior generation). */
  moves: number;
  /** Simulated proposals. */
  proposals: number;
  /** Accepted moves. */
  accepted: number;
  /** Accepted ÷ proposed moves (1 for the prior generation). */
  acceptanceRate: number;
  /** Effective sample size of the population's distinct particles, (Σ m_k)² / Σ m_k². */
  ess: number;
}

/** The final population (equally weighted). */
export interface AbcPopulation {
  /** count × dimension uniforms. */
  uniforms: Float64Array;
  distances: Float64Array;
  /** count × statistics. */
  summaries: Float64Array;
  /** count × extras. */
  extras: Float64Array;
  count: number;
}

export interface AbcResult {
  population: AbcPopulation;
  history: AbcGeneration[];
  /** The statistics' scales used in the last generation. */
  scales: Float64Array;
  stopped: "generations" | "acceptance";
}

/** x wrapped to [−½, ½). */
const wrapHalf = (x: number) => x - Math.floor(x + 0.5);

/**
 * The α-quantile of `values` with weights (the smallest value whose cumulative weight reaches α).
 * @example
 * weightedQuantile(Float64Array.of(3, 1, 2), Float64Array.of(1, 1, 1), 0.5); // 2
 */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, alpha: number): number {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  let total = 0;
  for (let i = 0; i < weights.length; i += 1) total += weights[i]!;
  let cum = 0;
  for (const i of order) {
    cum += weights[i]!;
    if (cum >= alpha * total * (1 - 1e-12)) return values[i]!;
  }
  return values[order[order.length - 1]!]!;
}

/**
 * Per statistic: 1.4826 × the median absolute deviation over the rows (the sd for a normal
 * sample); the sd where that is 0; 1 where both are 0. Non-finite values are left out.
 * @example
 * robustScales(Float64Array.of(1, 2, 3, 4, 100), 5, 1)[0]; // 1.4826
 */
export function robustScales(summaries: Float64Array, count: number, statistics: number): Float64Array {
  const scales = new Float64Array(statistics);
  for (let k = 0; k < statistics; k += 1) {
    const column: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const v = summaries[i * statistics + k]!;
      if (Number.isFinite(v)) column.push(v);
    }
    column.sort((x, y) => x - y);
    const med = column.length ? column[column.length >> 1]! : 0;
    const dev = column.map((v) => Math.abs(v - med)).sort((x, y) => x - y);
    let scale = dev.length ? 1.4826 * dev[dev.length >> 1]! : 0;
    if (!(scale > 0) && column.length > 1) {
      const m = column.reduce((s, v) => s + v, 0) / column.length;
      scale = Math.sqrt(column.reduce((s, v) => s + (v - m) ** 2, 0) / (column.length - 1));
    }
    scales[k] = scale > 0 ? scale : 1;
  }
  return scales;
}

/** Lower Cholesky factor of a d × d covariance, adding a growing ridge until it is positive definite. */
function cholesky(cov: Float64Array, d: number): Float64Array {
  let trace = 0;
  for (let a = 0; a < d; a += 1) trace += cov[a * d + a]!;
  for (let ridge = 0, attempt = 0; attempt < 30; attempt += 1, ridge = ridge ? ridge * 10 : (1e-12 * trace) / d + 1e-15) {
    const L = new Float64Array(d * d);
    let ok = true;
    for (let a = 0; a < d && ok; a += 1) {
      for (let b = 0; b <= a; b += 1) {
        let s = cov[a * d + b]! + (a === b ? ridge : 0);
        for (let k = 0; k < b; k += 1) s -= L[a * d + k]! * L[b * d + k]!;
        if (a === b) {
          if (!(s > 0)) {
            ok = false;
            break;
          }
          L[a * d + a] = Math.sqrt(s);
        } else L[a * d + b] = s / L[b * d + b]!;
      }
    }
    if (ok) return L;
  }
  throw new Error("cholesky: the covariance is not positive definite");
}

/** Covariance of the particles; circular coordinates are unwrapped around their mean direction. */
function covariance(uniforms: Float64Array, count: number, d: number, circular: readonly boolean[]): Float64Array {
  const centre = new Float64Array(d);
  for (let c = 0; c < d; c += 1) {
    if (!circular[c]) continue;
    let s = 0,
      k = 0;
    for (let i = 0; i < count; i += 1) {
      s += Math.sin(2 * Math.PI * uniforms[i * d + c]!);
      k += Math.cos(2 * Math.PI * uniforms[i * d + c]!);
    }
    const angle = Math.atan2(s, k) / (2 * Math.PI);
    centre[c] = angle - Math.floor(angle);
  }
  const value = (i: number, c: number) => (circular[c] ? centre[c]! + wrapHalf(uniforms[i * d + c]! - centre[c]!) : uniforms[i * d + c]!);
  const mean = new Float64Array(d);
  for (let i = 0; i < count; i += 1) for (let c = 0; c < d; c += 1) mean[c] = mean[c]! + value(i, c) / count;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < count; i += 1) {
    for (let a = 0; a < d; a += 1) {
      const da = value(i, a) - mean[a]!;
      for (let b = 0; b <= a; b += 1) cov[a * d + b] = cov[a * d + b]! + (da * (value(i, b) - mean[b]!)) / Math.max(1, count - 1);
    }
  }
  for (let a = 0; a < d; a += 1) for (let b = 0; b < a; b += 1) cov[b * d + a] = cov[a * d + b]!;
  return cov;
}

/** Effective number of distinct particles: (Σ m_k)² / Σ m_k² over the multiplicities m_k. */
function distinctEss(uniforms: Float64Array, count: number, d: number): number {
  const counts = new Map<string, number>();
  for (let i = 0; i < count; i += 1) {
    const key = Array.from(uniforms.subarray(i * d, (i + 1) * d)).join(",");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let sq = 0;
  for (const m of counts.values()) sq += m * m;
  return (count * count) / sq;
}

/**
 * Run the replenishment ABC-SMC (see the module note). Returns the final population, the
 * per-generation history and why it stopped.
 * @example
 * // One coordinate observed through itself: the population concentrates near 0.3.
 * runAbcSmc({ dimension: 1, circular: [false], observed: Float64Array.of(0.3), extras: 0, simulate: (u) => ({ summaries: u.slice(), extras: new Float64Array(0) }) },
 *   { particles: 200, generations: 6, seed: 1, quantile: 0.5, minAcceptance: 0.01, maxMoves: 5 });
 */
export function runAbcSmc(problem: AbcProblem, settings: AbcSettings): AbcResult {
  return runSteps(abcSmcSteps(problem, settings));
}

/**
 * {@link runAbcSmc} as steps (src/analysis/steps.ts): the generator yields after each
 * simulation call, so `runStepsAsync` can give the event loop a turn and honour an AbortSignal
 * between them. Same random streams, same result.
 * @example
 * const fit = await runStepsAsync(abcSmcSteps(problem, settings), signal);
 */
export function* abcSmcSteps(problem: AbcProblem, settings: AbcSettings): Steps<AbcResult> {
  const d = problem.dimension;
  const K = problem.observed.length;
  const E = problem.extras;
  const { particles: N, seed } = settings;
  const history: AbcGeneration[] = [];
  const record = (g: AbcGeneration) => {
    history.push(g);
    settings.onGeneration?.(g);
  };
  const distanceOf = (summaries: Float64Array, i: number, scales: Float64Array) => {
    let sum = 0;
    for (let k = 0; k < K; k += 1) {
      const r = (summaries[i * K + k]! - problem.observed[k]!) / scales[k]!;
      sum += r * r;
    }
    return Number.isFinite(sum) ? Math.sqrt(sum / K) : Infinity;
  };

  const prior = createStream(seed, "abc", "prior");
  let uniforms = new Float64Array(N * d);
  for (let i = 0; i < N * d; i += 1) uniforms[i] = prior();
  let { summaries, extras } = problem.simulate(uniforms, N, "0");
  yield;
  let simulated = [summaries];
  let scales = robustScales(summaries, N, K);
  record({ generation: 0, epsilon: Infinity, moves: 0, proposals: N, accepted: N, acceptanceRate: 1, ess: N });
  let distances = new Float64Array(N);

  for (let t = 1; t <= settings.generations; t += 1) {
    // 1. Scales from the previous generation's simulations; the new tolerance.
    const pooled = new Float64Array(simulated.reduce((s, a) => s + a.length, 0));
    simulated.reduce((offset, a) => {
      pooled.set(a, offset);
      return offset + a.length;
    }, 0);
    scales = robustScales(pooled, pooled.length / K, K);
    for (let i = 0; i < N; i += 1) distances[i] = distanceOf(summaries, i, scales);
    const sorted = Float64Array.from(distances).sort();
    const epsilon = sorted[Math.min(N - 1, Math.max(0, Math.ceil(settings.quantile * N) - 1))]!;
    // 2. Replenish: the particles beyond ε_t become copies of uniformly drawn survivors.
    const survivors: number[] = [];
    for (let i = 0; i < N; i += 1) if (distances[i]! <= epsilon) survivors.push(i);
    const pick = createStream(seed, "abc", "replenish", t);
    const source = Int32Array.from({ length: N }, (_, i) =>
      distances[i]! <= epsilon ? i : survivors[Math.floor(pick() * survivors.length)]!,
    );
    const copy = (from: Float64Array, width: number) => {
      const out = new Float64Array(N * width);
      source.forEach((j, i) => out.set(from.subarray(j * width, (j + 1) * width), i * width));
      return out;
    };
    uniforms = copy(uniforms, d);
    summaries = copy(summaries, K);
    extras = copy(extras, E);
    distances = copy(distances, 1);
    // 3. MCMC sweeps.
    const cov = covariance(uniforms, N, d, problem.circular);
    const step = (2.38 * 2.38) / d;
    for (let i = 0; i < d * d; i += 1) cov[i] = step * cov[i]!;
    const L = cholesky(cov, d);
    simulated = [];
    let sweeps = 1,
      proposals = 0,
      accepted = 0,
      firstRate = 0;
    for (let r = 0; r < sweeps; r += 1) {
      const normal = createStream(seed, "abc", "move", t, r);
      const inside: number[] = [];
      const proposal = new Float64Array(N * d);
      const z = new Float64Array(d);
      for (let i = 0; i < N; i += 1) {
        for (let c = 0; c < d; c += 1) z[c] = normalQuantile(normal());
        let ok = true;
        for (let a = 0; a < d; a += 1) {
          let x = uniforms[i * d + a]!;
          for (let b = 0; b <= a; b += 1) x += L[a * d + b]! * z[b]!;
          if (problem.circular[a]) {
            x -= Math.floor(x);
            if (!(x > 0)) x = 0.5 / 4294967296;
          } else if (!(x > 0 && x < 1)) ok = false;
          proposal[i * d + a] = x;
        }
        if (ok) inside.push(i);
      }
      const batch = new Float64Array(inside.length * d);
      inside.forEach((i, k) => batch.set(proposal.subarray(i * d, (i + 1) * d), k * d));
      const result = inside.length
        ? problem.simulate(batch, inside.length, `${t}.${r}`)
        : { summaries: new Float64Array(0), extras: new Float64Array(0) };
      yield;
      simulated.push(result.summaries);
      let acceptedNow = 0;
      inside.forEach((i, k) => {
        const dist = distanceOf(result.summaries, k, scales);
        if (dist <= epsilon) {
          acceptedNow += 1;
          uniforms.set(batch.subarray(k * d, (k + 1) * d), i * d);
          summaries.set(result.summaries.subarray(k * K, (k + 1) * K), i * K);
          extras.set(result.extras.subarray(k * E, (k + 1) * E), i * E);
          distances[i] = dist;
        }
      });
      proposals += N;
      accepted += acceptedNow;
      if (r === 0) {
        firstRate = acceptedNow / N;
        sweeps =
          firstRate >= 1
            ? 1
            : firstRate <= 0
              ? settings.maxMoves
              : Math.min(settings.maxMoves, Math.max(1, Math.ceil(Math.log(0.01) / Math.log(1 - firstRate))));
      }
    }
    const acceptanceRate = accepted / proposals;
    record({ generation: t, epsilon, moves: sweeps, proposals, accepted, acceptanceRate, ess: distinctEss(uniforms, N, d) });
    if (acceptanceRate < settings.minAcceptance)
      return { population: { uniforms, distances, summaries, extras, count: N }, history, scales, stopped: "acceptance" };
  }
  return { population: { uniforms, distances, summaries, extras, count: N }, history, scales, stopped: "generations" };
}
