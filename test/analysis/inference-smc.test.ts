import { describe, expect, it } from "vitest";
import { particleFilter } from "../../src/analysis/filter.js";
import { smcUpdate, temperedSmc, type LikelihoodRequest } from "../../src/analysis/inference-smc.js";
import { createStream } from "../../src/engine/rng.js";
import { OptionsError } from "../../src/util/errors.js";
import { kalman, LinearGaussianParticles, simulateData } from "../helpers/linear-gaussian.js";

const TRUTH = { phi: 0.7, sigma: 1, tau: 0.5 };
const y = simulateData(TRUTH, 80, 21);
const PRIOR = { dist: "uniform", min: 0, max: 0.99 } as const;
const gaussian = (b: readonly LikelihoodRequest[]) => b.map((r) => -((r.theta.a! - 0.3) ** 2) * 50);
const A = [{ path: "a", prior: { dist: "uniform", min: 0, max: 1 } as const }];

/** The exact posterior mean and sd of φ, and log p(y), under the uniform prior, by the Kalman likelihood on a fine grid. */
function gridPosterior(data: Float64Array = y): { mean: number; sd: number; logEvidence: number } {
  const n = 4000,
    width = 0.99 / n;
  const grid = Array.from({ length: n }, (_, k) => width * (k + 0.5));
  const logs = grid.map((phi) => kalman({ ...TRUTH, phi }, data).logLikelihood);
  const max = Math.max(...logs);
  const w = logs.map((l) => Math.exp(l - max));
  const total = w.reduce((a, b) => a + b, 0);
  const mean = grid.reduce((a, phi, k) => a + phi * w[k]!, 0) / total;
  const variance = grid.reduce((a, phi, k) => a + (phi - mean) ** 2 * w[k]!, 0) / total;
  return { mean, sd: Math.sqrt(variance), logEvidence: max + Math.log((total * width) / 0.99) };
}

const moments = (xs: readonly number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) };
};

describe("temperedSmc", () => {
  const exact = gridPosterior();

  it("matches its @example: N(0.3, 0.1²) inside a uniform prior, and the evidence ln √(π/50)", async () => {
    const fit = await temperedSmc({ parameters: A, logLikelihoods: gaussian, particles: 500, seed: 1 });
    const { mean, sd } = moments(fit.draws.a!);
    // 500 particles (an ESS of a few hundred): se of the mean ≈ 0.005, of the sd ≈ 4%.
    expect(Math.abs(mean - 0.3)).toBeLessThan(0.02);
    expect(Math.abs(sd / 0.1 - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.logEvidence - Math.log(Math.sqrt(Math.PI / 50)))).toBeLessThan(0.15);
    expect(fit.stages.at(-1)!.temperature).toBe(1);
    for (const [s, t] of fit.stages.slice(1).map((s, k) => [s, fit.stages[k]!] as const))
      expect(s.temperature).toBeGreaterThan(t.temperature);
  });

  it("with the exact (Kalman) likelihood, finds φ's posterior and evidence within Monte Carlo error of the grid's", async () => {
    const fit = await temperedSmc({
      parameters: [{ path: "phi", prior: PRIOR }],
      logLikelihoods: (b) => b.map((r) => kalman({ ...TRUTH, phi: r.theta.phi! }, y).logLikelihood),
      particles: 800,
      seed: 3,
    });
    const { mean, sd } = moments(fit.draws.phi!);
    // tolerances: ≈ 4 standard errors at an ESS of ≈ 400
    expect(Math.abs(mean - exact.mean)).toBeLessThan((4 * exact.sd) / Math.sqrt(400));
    expect(Math.abs(sd / exact.sd - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.logEvidence - exact.logEvidence)).toBeLessThan(0.2);
  });

  it("with a particle filter's estimate in place of the likelihood, still finds the same posterior (the pseudo-marginal moves' exactness)", async () => {
    const fit = await temperedSmc({
      parameters: [{ path: "phi", prior: PRIOR }],
      logLikelihoods: (b) =>
        b.map((r) => {
          const model = new LinearGaussianParticles(100, { ...TRUTH, phi: r.theta.phi! }, y, r.seed);
          return particleFilter(model, { steps: y.length, uniform: createStream(r.seed, "test", "smc-resample") }).logLikelihood;
        }),
      particles: 200,
      seed: 5,
      minMoves: 3,
    });
    const { mean, sd } = moments(fit.draws.phi!);
    // 200 particles at 100 filter particles each (≈ 5,000 filters): tolerances ≈ 4 standard errors at an ESS of ≈ 100
    expect(Math.abs(mean - exact.mean)).toBeLessThan((4 * exact.sd) / Math.sqrt(100));
    expect(Math.abs(sd / exact.sd - 1)).toBeLessThan(0.2);
  });

  it("gives the same result for a seed whether the batches come back at once or later (how workers would answer)", async () => {
    const sync = await temperedSmc({ parameters: A, logLikelihoods: gaussian, particles: 100, seed: 7 });
    const later = await temperedSmc({
      parameters: A,
      logLikelihoods: async (b) => {
        await new Promise((r) => setTimeout(r, 1));
        return gaussian(b);
      },
      particles: 100,
      seed: 7,
    });
    expect(later).toEqual(sync);
    const other = await temperedSmc({ parameters: A, logLikelihoods: gaussian, particles: 100, seed: 8 });
    expect(other.draws.a).not.toEqual(sync.draws.a);
  });

  it("runs exactly finalMoves moves at the last stage, and more moves there spread the final population further", async () => {
    const few = await temperedSmc({ parameters: A, logLikelihoods: gaussian, particles: 200, seed: 4, finalMoves: 1 });
    const many = await temperedSmc({ parameters: A, logLikelihoods: gaussian, particles: 200, seed: 4, finalMoves: 12 });
    expect(few.stages.at(-1)!.moves).toBe(1);
    expect(many.stages.at(-1)!.moves).toBe(12);
    // distinct values: copies of one ancestor that never moved are identical
    expect(new Set(many.draws.a).size).toBeGreaterThan(new Set(few.draws.a).size);
    expect(many.stages.at(-1)!.moved).toBeGreaterThan(0.95);
  });

  it("ends the last stage when finalStop says so, with the draws of that move, and at finalMoves otherwise", async () => {
    const seen: number[] = [];
    let distinctAt5 = 0;
    const stopped = await temperedSmc({
      parameters: A,
      logLikelihoods: gaussian,
      particles: 200,
      seed: 4,
      finalMoves: 12,
      finalStop: (moves, draws) => {
        seen.push(moves);
        if (moves === 5) distinctAt5 = new Set(draws().a).size;
        return moves === 5;
      },
    });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(stopped.stages.at(-1)!.moves).toBe(5);
    // The result is the population after move 5: the draws finalStop saw.
    expect(new Set(stopped.draws.a).size).toBe(distinctAt5);
    // Up to the stop, the same run as without it (the same streams): the first 5 of 12 moves are those.
    const never = await temperedSmc({
      parameters: A,
      logLikelihoods: gaussian,
      particles: 200,
      seed: 4,
      finalMoves: 12,
      finalStop: () => false,
    });
    const plain = await temperedSmc({ parameters: A, logLikelihoods: gaussian, particles: 200, seed: 4, finalMoves: 12 });
    expect(never).toEqual(plain);
    const five = await temperedSmc({ parameters: A, logLikelihoods: gaussian, particles: 200, seed: 4, finalMoves: 5 });
    expect(stopped.draws).toEqual(five.draws);
    await expect(temperedSmc({ parameters: A, logLikelihoods: gaussian, particles: 200, seed: 4, finalStop: () => true })).rejects.toThrow(
      "finalStop: expected a function, with finalMoves (its cap)",
    );
  });

  it("leaves a θ of zero likelihood behind and still ends at φ = 1", async () => {
    const fit = await temperedSmc({
      parameters: A,
      logLikelihoods: (b) => b.map((r) => (r.theta.a! > 0.6 ? -Infinity : -((r.theta.a! - 0.3) ** 2) * 50)),
      particles: 300,
      seed: 2,
    });
    expect(Math.max(...fit.draws.a!)).toBeLessThanOrEqual(0.6);
    expect(fit.logLikelihoods.every(Number.isFinite)).toBe(true);
  });

  it("refuses bad options and a likelihood that returns NaN, naming the option", async () => {
    const run = (o: object) => temperedSmc({ parameters: A, logLikelihoods: gaussian, particles: 100, seed: 1, ...o });
    await expect(run({ particles: 3 })).rejects.toThrow(/particles/);
    await expect(run({ essShare: 1 })).rejects.toThrow(/essShare/);
    await expect(run({ movedShare: 0 })).rejects.toThrow(/movedShare/);
    await expect(run({ minMoves: 3, maxMoves: 2 })).rejects.toThrow(/maxMoves/);
    await expect(run({ finalMoves: 0 })).rejects.toThrow(/finalMoves/);
    await expect(run({ parameters: [] })).rejects.toThrow(OptionsError);
    await expect(run({ parameters: [{ path: "a", prior: { dist: "normal", mean: 0, sd: 1 } }] })).rejects.toThrow(/bounded prior/);
    await expect(run({ logLikelihoods: (b: LikelihoodRequest[]) => b.map(() => NaN) })).rejects.toThrow(/finite log-likelihood/);
    await expect(run({ logLikelihoods: (b: LikelihoodRequest[]) => b.map(() => -Infinity) })).rejects.toThrow(/-Infinity for all/);
    await expect(run({ logLikelihoods: () => [0] })).rejects.toThrow(/expected 100 values/);
  });
});

describe("smcUpdate", () => {
  const first = y.subarray(0, 40);
  const phiOnly = [{ path: "phi", prior: PRIOR }];
  const exactOn = (data: Float64Array) => (b: readonly LikelihoodRequest[]) =>
    b.map((r) => kalman({ ...TRUTH, phi: r.theta.phi! }, data).logLikelihood);
  const filterOn = (data: Float64Array) => (b: readonly LikelihoodRequest[]) =>
    b.map((r) => {
      const model = new LinearGaussianParticles(100, { ...TRUTH, phi: r.theta.phi! }, data, r.seed);
      return particleFilter(model, { steps: data.length, uniform: createStream(r.seed, "test", "smc-resample") }).logLikelihood;
    });

  it("carries the 40-step posterior to 80 steps: the 80-step grid's posterior and evidence, within Monte Carlo error", async () => {
    const exact40 = gridPosterior(first),
      exact80 = gridPosterior(y);
    // The 40-step posterior is wider by more than the sd tolerance below (and its evidence is
    // another number), so an update that did nothing would fail.
    expect(exact40.sd / exact80.sd).toBeGreaterThan(1.25);
    expect(Math.abs(exact40.logEvidence - exact80.logEvidence)).toBeGreaterThan(10);
    const fit = await temperedSmc({ parameters: phiOnly, logLikelihoods: exactOn(first), particles: 800, seed: 3 });
    const later = await smcUpdate({ parameters: phiOnly, previous: fit, logLikelihoods: exactOn(y), seed: 4 });
    const { mean, sd } = moments(later.draws.phi!);
    // tolerances: ≈ 4 standard errors at an ESS of ≈ 400, as for the direct fit above
    expect(Math.abs(mean - exact80.mean)).toBeLessThan((4 * exact80.sd) / Math.sqrt(400));
    expect(Math.abs(sd / exact80.sd - 1)).toBeLessThan(0.15);
    expect(Math.abs(later.logEvidence - exact80.logEvidence)).toBeLessThan(0.2);
    expect(later.stages).toHaveLength(1);
    expect(later.logLikelihoods).toHaveLength(800);
  });

  it("with a particle filter re-run at each particle's seed, the increments are the filter's own and the posterior is the 80-step one", async () => {
    // The property the update rests on: the same seed over a longer window reproduces the
    // shorter window's estimate in its first steps (so L̂₈₀ / L̂₄₀ is an estimate of p(y₄₁…₈₀ | y₁…₄₀)).
    for (const seed of [1, 17, 123]) {
      const short = new LinearGaussianParticles(100, TRUTH, first, seed);
      const long = new LinearGaussianParticles(100, TRUTH, y, seed);
      const a = particleFilter(short, { steps: 40, uniform: createStream(seed, "test", "smc-resample") });
      const b = particleFilter(long, { steps: 80, uniform: createStream(seed, "test", "smc-resample") });
      expect(Array.from(b.logLikelihoodByStep.slice(0, 40))).toEqual(Array.from(a.logLikelihoodByStep));
    }
    const exact80 = gridPosterior(y);
    const fit = await temperedSmc({ parameters: phiOnly, logLikelihoods: filterOn(first), particles: 200, seed: 5, minMoves: 3 });
    const later = await smcUpdate({ parameters: phiOnly, previous: fit, logLikelihoods: filterOn(y), seed: 6, finalMoves: 6 });
    const { mean, sd } = moments(later.draws.phi!);
    expect(Math.abs(mean - exact80.mean)).toBeLessThan((4 * exact80.sd) / Math.sqrt(100));
    expect(Math.abs(sd / exact80.sd - 1)).toBeLessThan(0.25);
  });

  it("is the same for a seed, and refuses a previous fit whose arrays disagree", async () => {
    const fit = await temperedSmc({ parameters: A, logLikelihoods: gaussian, particles: 100, seed: 7 });
    const sharper = (b: readonly LikelihoodRequest[]) => b.map((r) => -((r.theta.a! - 0.3) ** 2) * 100);
    const one = await smcUpdate({ parameters: A, previous: fit, logLikelihoods: sharper, seed: 1 });
    expect(await smcUpdate({ parameters: A, previous: fit, logLikelihoods: sharper, seed: 1 })).toEqual(one);
    const run = (previous: object) => smcUpdate({ parameters: A, previous: { ...fit, ...previous }, logLikelihoods: sharper, seed: 1 });
    await expect(run({ seeds: fit.seeds.slice(1) })).rejects.toThrow(/previous.seeds/);
    await expect(run({ draws: { a: fit.draws.a!.slice(1) } })).rejects.toThrow(/previous.draws.a/);
    await expect(run({ draws: {} })).rejects.toThrow(/previous.draws.a/);
  });
});
