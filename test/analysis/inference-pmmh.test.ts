import { describe, expect, it } from "vitest";
import { particleFilter } from "../../src/analysis/filter.js";
import { pmmh } from "../../src/analysis/inference-pmmh.js";
import { bulkEss, rHat } from "../../src/analysis/mcmc-diagnostics.js";
import { createStream } from "../../src/engine/rng.js";
import { kalman, LinearGaussianParticles, simulateData } from "../helpers/linear-gaussian.js";

const TRUTH = { phi: 0.7, sigma: 1, tau: 0.5 };
const y = simulateData(TRUTH, 80, 21);
const PRIOR = { dist: "uniform", min: 0, max: 0.99 } as const;

/** The exact posterior mean and sd of φ under the uniform prior, by the Kalman likelihood on a fine grid. */
function gridPosterior(): { mean: number; sd: number } {
  const n = 4000;
  const grid = Array.from({ length: n }, (_, k) => (0.99 * (k + 0.5)) / n);
  const logs = grid.map((phi) => kalman({ ...TRUTH, phi }, y).logLikelihood);
  const max = Math.max(...logs);
  const w = logs.map((l) => Math.exp(l - max));
  const total = w.reduce((a, b) => a + b, 0);
  const mean = grid.reduce((a, phi, k) => a + phi * w[k]!, 0) / total;
  const variance = grid.reduce((a, phi, k) => a + (phi - mean) ** 2 * w[k]!, 0) / total;
  return { mean, sd: Math.sqrt(variance) };
}

describe("pmmh", () => {
  const exact = gridPosterior();

  it("matches its @example's target: a Gaussian log-likelihood inside a uniform prior", () => {
    const chain = pmmh({
      parameters: [{ path: "a", prior: { dist: "uniform", min: 0, max: 1 } }],
      logLikelihood: (t) => -((t.a! - 0.3) ** 2) * 50,
      start: { a: 0.5 },
      iterations: 4000,
      burnIn: 500,
      seed: 1,
    });
    const a = chain.draws.a!;
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    // N(0.3, 0.1²) (barely truncated): ESS ≳ 500 of 4,000 → se of the mean ≲ 0.005
    expect(Math.abs(mean - 0.3)).toBeLessThan(0.02);
    expect(chain.acceptance).toBeGreaterThan(0.2);
  });

  it("with the exact (Kalman) likelihood, samples φ's posterior: mean and sd within Monte Carlo error of the grid's", () => {
    const chains = [1, 2, 3, 4].map((seed) =>
      pmmh({
        parameters: [{ path: "phi", prior: PRIOR }],
        logLikelihood: (t) => kalman({ ...TRUTH, phi: t.phi! }, y).logLikelihood,
        start: { phi: 0.2 + 0.15 * seed },
        iterations: 1500,
        burnIn: 300,
        seed,
      }),
    );
    const draws = chains.map((c) => c.draws.phi!);
    const all = draws.flat();
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    const sd = Math.sqrt(all.reduce((a, x) => a + (x - mean) ** 2, 0) / (all.length - 1));
    const ess = bulkEss(draws);
    expect(rHat(draws)).toBeLessThan(1.02);
    expect(ess).toBeGreaterThan(400);
    // 4 Monte Carlo standard errors of the mean (sd/√ESS); the sd within 15%.
    expect(Math.abs(mean - exact.mean)).toBeLessThan((4 * exact.sd) / Math.sqrt(ess));
    expect(Math.abs(sd / exact.sd - 1)).toBeLessThan(0.15);
  });

  it("with a particle filter's estimate in place of the likelihood, still samples the same posterior (PMMH's exactness)", () => {
    const chains = [1, 2].map((seed) =>
      pmmh({
        parameters: [{ path: "phi", prior: PRIOR }],
        logLikelihood: (t, s) => {
          const model = new LinearGaussianParticles(400, { ...TRUTH, phi: t.phi! }, y, s);
          return particleFilter(model, { steps: y.length, uniform: createStream(s, "test", "pmmh-resample") }).logLikelihood;
        },
        start: { phi: 0.5 },
        iterations: 1500,
        burnIn: 300,
        seed: 10 + seed,
      }),
    );
    const draws = chains.map((c) => c.draws.phi!);
    const all = draws.flat();
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    const ess = bulkEss(draws);
    expect(Math.abs(mean - exact.mean)).toBeLessThan((4 * exact.sd) / Math.sqrt(ess));
  });

  it("is deterministic for a seed and refuses bad options", () => {
    const run = () =>
      pmmh({
        parameters: [{ path: "a", prior: PRIOR }],
        logLikelihood: (t) => -((t.a! - 0.5) ** 2),
        start: { a: 0.4 },
        iterations: 50,
        burnIn: 0,
        seed: 3,
      });
    expect(run().draws.a).toEqual(run().draws.a);
    const bad = (o: object) => () =>
      pmmh({
        parameters: [{ path: "a", prior: PRIOR }],
        logLikelihood: () => 0,
        start: { a: 0.4 },
        iterations: 10,
        burnIn: 0,
        seed: 3,
        ...o,
      });
    expect(bad({ start: { a: 1.5 } })).toThrow(/inside \(0, 0.99\)/);
    expect(bad({ iterations: 0 })).toThrow(/iterations/);
    expect(bad({ parameters: [{ path: "a", prior: { dist: "normal", mean: 0, sd: 1 } }] })).toThrow(/bounded prior/);
    expect(bad({ logLikelihood: () => -Infinity })).toThrow(/finite log-likelihood/);
    expect(bad({ proposalCholesky: new Float64Array(4) })).toThrow(/expected 1 numbers/);
    // A warm start: the last state and the proposal come back, and a chain given them goes on from there.
    const first = run();
    expect(first.proposalCholesky).toHaveLength(1);
    expect(first.last.a).toBe(first.draws.a!.at(-1));
  });
});
