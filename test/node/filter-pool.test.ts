import { describe, expect, it } from "vitest";
import { inThreadRefitLikelihoods, REFIT_KEY } from "../../src/analysis/forecast-refit.js";
import { SHIPPED_LEAGUE_DATA } from "../../src/analysis/league-data.js";
import { filterProblem } from "../../src/analysis/league-filtered.js";
import { FilterPool } from "../../src/node/filter-pool.js";
import { OptionsError } from "../../src/util/errors.js";
import { filterDraw, type DrawRequest } from "../../src/analysis/forecast-draw.js";
import { forecastWindow } from "../../src/analysis/forecast-window.js";
import { filterScenario } from "../../src/analysis/filter-priors.js";
import { withParametersFixed } from "../../src/analysis/fixed-parameters.js";
import { shippedObservations } from "../../src/data/observation-set.js";

const { observations, scenario } = filterProblem(SHIPPED_LEAGUE_DATA, "2023-01", "2023-12", ["isw", "claims"]);
const batch = Array.from({ length: 5 }, (_, i) => ({ theta: { "intensity.noiseSd": 0.2 + 0.02 * i }, seed: 10 + i }));

describe("FilterPool.logLikelihoods", () => {
  it("gives the in-thread values for 1, 2 and 3 workers (contiguous pieces, put back in order)", async () => {
    const problem = { scenario, observations, particles: 20, key: REFIT_KEY };
    const expected = Array.from(await inThreadRefitLikelihoods(problem)(batch));
    for (const size of [1, 2, 3]) {
      const pool = new FilterPool(size);
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
    const pool = new FilterPool(1);
    try {
      await expect(
        pool.logLikelihoods({ scenario: { extends: "no-such-preset" }, observations, particles: 20, key: REFIT_KEY })(batch),
      ).rejects.toThrow(/filter worker failed: .*no-such-preset/);
    } finally {
      pool.close();
    }
    expect(() => new FilterPool(0)).toThrow(OptionsError);
  });
});

describe("FilterPool.filterDraws", () => {
  it("gives each draw filterDraw's result, in the requests' order, whichever worker ran it", async () => {
    const window = forecastWindow(shippedObservations(), { through: "2024-03" });
    const base = filterScenario(window.hindcast);
    // Draws of different sizes, so that they finish out of order on 2 workers.
    const sizes = [300, 40, 200, 40, 120];
    let firstPath = 0;
    const requests: DrawRequest[] = sizes.map((particles, j) => {
      const request = {
        scenario: withParametersFixed(base, { "intensity.noiseSd": 0.15 + 0.05 * j }, "test draw", [], "calibration"),
        observations: window.observations,
        particles,
        seed: 100 + j,
        horizonMonths: 2,
        thresholds: [0.2],
        block: j,
        firstPath,
      };
      firstPath += particles;
      return request;
    });
    const expected = requests.map((r) => filterDraw(r));
    const pool = new FilterPool(2);
    let done = 0;
    try {
      const results = await pool.filterDraws(requests, () => (done += 1));
      expect(done).toBe(5);
      results.forEach((r, j) => {
        expect(r.block.block).toBe(j);
        expect(r.logLikelihood).toBe(expected[j]!.logLikelihood);
        expect(Array.from(r.block.sums)).toEqual(Array.from(expected[j]!.block.sums));
        expect(Array.from(r.paths.claimedLosses[1]!)).toEqual(Array.from(expected[j]!.paths.claimedLosses[1]!));
      });
      // An aborted signal rejects at once.
      await expect(pool.filterDraws(requests, () => {}, AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
    } finally {
      pool.close();
    }
  });
});
