import { describe, expect, it } from "vitest";
import { profileAscent } from "../../src/analysis/inference-profile.js";
import { BASE, syntheticData } from "../helpers/war-synthetic.js";

const LOSS = "attrition.russiaLossesPerMonth";

const PRIOR = {
  ...BASE,
  attrition: {
    russiaLossesPerMonth: { dist: "uniform", min: 15_000, max: 60_000, provenance: { source: "assumption", note: "test prior" } },
  },
};

describe("profileAscent", () => {
  const data = syntheticData({ [LOSS]: 30_000 });
  const LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]; // 19.5k, 24k, … 55.5k a month

  it("climbs from a start far off to the grid value nearest the likelihood's peak (synthetic data, truth 30k)", () => {
    // The clean filter's peak on these data is near 34k (test/analysis/inference-if2.test.ts): the
    // grid's 28.5k, 33k or 37.5k must win over a start at 51k.
    const evaluations: number[] = [];
    const fit = profileAscent(PRIOR, data, {
      parameters: [LOSS],
      levels: LEVELS,
      particles: 500,
      seeds: 2,
      seed: 1,
      start: { [LOSS]: 51_000 },
      onEvaluation: (done) => evaluations.push(done),
    });
    expect([28_500, 33_000, 37_500]).toContain(Math.round(fit.estimate[LOSS]!));
    expect(fit.grid[LOSS]!.map(Math.round)).toEqual([19_500, 24_000, 28_500, 33_000, 37_500, 42_000, 46_500, 51_000, 55_500]);
    expect(fit.settled).toBe(true);
    // One parameter: one sweep visits the 9 values, the second moves nothing; 2 seeds each.
    expect(fit.evaluations).toBe(9 * 2);
    expect(evaluations).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const atStart = profileAscent(PRIOR, data, { parameters: [LOSS], levels: [0.8], particles: 500, seed: 1 });
    expect(fit.logLikelihood).toBeGreaterThan(atStart.logLikelihood + 5);
  });

  it("is deterministic for a seed and refuses bad options", () => {
    const run = (seed = 3) => profileAscent(PRIOR, data, { parameters: [LOSS], particles: 100, seeds: 1, sweeps: 1, seed });
    expect(run().estimate).toEqual(run().estimate);
    expect(run(4_294_967_295).logLikelihood).toBeLessThan(0); // the largest seed: its filter seeds wrap into range
    const bad = (o: object) => () => profileAscent(PRIOR, data, { parameters: [LOSS], particles: 100, seed: 3, ...o });
    expect(bad({ parameters: [] })).toThrow(/at least one parameter/);
    expect(bad({ parameters: ["no.such"] })).toThrow(/no.such/);
    expect(bad({ sweeps: 0 })).toThrow(/sweeps/);
    expect(bad({ levels: [0, 0.5] })).toThrow(/levels/);
  });
});
