import { describe, expect, it } from "vitest";
import { inThreadRefitLikelihoods, REFIT_KEY } from "../../src/analysis/forecast-refit.js";
import { SHIPPED_LEAGUE_DATA } from "../../src/analysis/league-data.js";
import { filterProblem } from "../../src/analysis/league-filtered.js";
import { LikelihoodPool } from "../../src/node/likelihood-pool.js";
import { OptionsError } from "../../src/util/errors.js";

const { observations, scenario } = filterProblem(SHIPPED_LEAGUE_DATA, "2023-01", "2023-12", ["isw", "claims"]);
const batch = Array.from({ length: 5 }, (_, i) => ({ theta: { "intensity.noiseSd": 0.2 + 0.02 * i }, seed: 10 + i }));

describe("LikelihoodPool", () => {
  it("gives the in-thread values for 1, 2 and 3 workers (contiguous pieces, put back in order)", async () => {
    const problem = { scenario, observations, particles: 20, key: REFIT_KEY };
    const expected = Array.from(await inThreadRefitLikelihoods(problem)(batch));
    for (const size of [1, 2, 3]) {
      const pool = new LikelihoodPool(size);
      try {
        expect(Array.from(await pool.logLikelihoods(problem)(batch)), `${size} workers`).toEqual(expected);
        // A second batch on the warm pool, and an empty one.
        expect(Array.from(await pool.logLikelihoods(problem)(batch.slice(0, 2)))).toEqual(expected.slice(0, 2));
        expect(Array.from(await pool.logLikelihoods(problem)([]))).toEqual([]);
      } finally {
        pool.close();
      }
    }
  });

  it("rejects with the worker's error for a bad problem, and refuses a bad size", async () => {
    const pool = new LikelihoodPool(1);
    try {
      await expect(
        pool.logLikelihoods({ scenario: { extends: "no-such-preset" }, observations, particles: 20, key: REFIT_KEY })(batch),
      ).rejects.toThrow(/likelihood worker failed: .*no-such-preset/);
    } finally {
      pool.close();
    }
    expect(() => new LikelihoodPool(0)).toThrow(OptionsError);
  });
});
