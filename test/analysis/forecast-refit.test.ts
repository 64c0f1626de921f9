import { describe, expect, it } from "vitest";
import { inThreadRefitLikelihoods, REFIT_KEY, refitIssues } from "../../src/analysis/forecast-refit.js";
import { SHIPPED_LEAGUE_DATA } from "../../src/analysis/league-data.js";
import { filterProblem } from "../../src/analysis/league-filtered.js";
import { warLogLikelihood } from "../../src/analysis/war-particles.js";
import type { LikelihoodRequest } from "../../src/analysis/inference-smc.js";

const { observations, scenario } = filterProblem(SHIPPED_LEAGUE_DATA, "2023-01", "2023-12", ["isw", "claims"]);
const problem = { scenario, observations, particles: 20, key: REFIT_KEY };
const batch: LikelihoodRequest[] = [
  { theta: {}, seed: 1 },
  { theta: { "intensity.noiseSd": 0.3 }, seed: 2 },
  { theta: { "territory.offensivePaceKm2PerMonth": 400 }, seed: 3 },
];

describe("inThreadRefitLikelihoods", () => {
  it("gives warLogLikelihood's values, in the batch's order", async () => {
    const direct = warLogLikelihood(scenario, observations, 20, REFIT_KEY);
    const values = Array.from(await inThreadRefitLikelihoods(problem)(batch));
    expect(values).toEqual(batch.map((r) => direct(r.theta, r.seed)));
    // Different θ and seeds: different estimates (a constant evaluator would pass the line above only by accident).
    expect(new Set(values).size).toBe(3);
  });

  it("rejects with an AbortError once its signal is aborted", async () => {
    await expect(Promise.resolve(inThreadRefitLikelihoods(problem, AbortSignal.abort())(batch))).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});

describe("refitIssues", () => {
  it("accepts true, false and settings in range, and names each bad setting", () => {
    expect(refitIssues(true)).toEqual([]);
    expect(refitIssues(undefined)).toEqual([]);
    expect(refitIssues({ thetaParticles: 26, filterParticles: 10, finalMoves: 1 })).toEqual([]);
    expect(refitIssues(3)[0]!.message).toBe("expected true, false or { thetaParticles, filterParticles, finalMoves }, got 3");
    expect(refitIssues({ thetaParticles: 25.5, filterParticles: 9, finalMoves: 101, extra: 1 }).map((i) => i.path)).toEqual([
      "refit.extra",
      "refit.thetaParticles",
      "refit.filterParticles",
      "refit.finalMoves",
    ]);
  });
});
