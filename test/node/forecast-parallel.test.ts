import { describe, expect, it } from "vitest";
import { forecast } from "../../src/results/forecast.js";
import { forecastParallel } from "../../src/node/forecast-parallel.js";
import { FilterPool } from "../../src/node/filter-pool.js";
import { OptionsError } from "../../src/util/errors.js";

// A small refit (the defaults take minutes): 26 θ particles, 20 filter particles, one final move.
const SMALL_REFIT = {
  runs: 300,
  horizonMonths: 2,
  seed: 5,
  through: "2024-03",
  refit: { thetaParticles: 26, filterParticles: 20, finalMoves: 1 },
} as const;

describe("forecastParallel", () => {
  it("gives a refit the same bytes on two worker threads as in this thread", async () => {
    const inThread = await forecast(SMALL_REFIT);
    const pool = new FilterPool(2);
    try {
      const onWorkers = await forecastParallel({ ...SMALL_REFIT, pool });
      expect(onWorkers.parameters.method).toBe("refit");
      expect(JSON.stringify(onWorkers.toForecastJSON())).toBe(JSON.stringify(inThread.toForecastJSON()));
      // The pool is reusable: a second refit on it (other seed) differs from the first.
      const other = await forecastParallel({ ...SMALL_REFIT, seed: 6, pool });
      expect(other.parameters.values).not.toEqual(onWorkers.parameters.values);
    } finally {
      pool.close();
    }
  });

  it("gives forecast's bytes without a refit, draws on a given pool's workers or not, and refuses what it cannot use", async () => {
    const options = { runs: 200, horizonMonths: 2, seed: 2, through: "2024-03" } as const;
    const expected = JSON.stringify((await forecast(options)).toForecastJSON());
    // Without a refit or a pool the draws stay in this thread; with a pool they go to its workers.
    expect(JSON.stringify((await forecastParallel({ ...options, workers: 2 })).toForecastJSON())).toBe(expected);
    const pool = new FilterPool(2);
    try {
      expect(JSON.stringify((await forecastParallel({ ...options, pool })).toForecastJSON())).toBe(expected);
    } finally {
      pool.close();
    }
    await expect(forecastParallel({ ...options, likelihoods: () => () => [] } as never)).rejects.toThrow(
      "likelihoods: expected workers or pool: forecastParallel runs the filters on its workers itself",
    );
    await expect(forecastParallel({ ...options, workers: 0 })).rejects.toThrow(OptionsError);
    await expect(forecastParallel({ ...options, pool: {} as never })).rejects.toThrow("pool: expected a FilterPool of attrition-sim/node");
  });

  it("stops a refit on its signal, terminating the workers", async () => {
    const started = Date.now();
    const error = await forecastParallel({ runs: 200, refit: true, workers: 2, signal: AbortSignal.timeout(1500) }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toMatch(/AbortError|TimeoutError/);
    // Worker start and one batch's pieces are cut short: well under the minutes a whole refit takes.
    expect(Date.now() - started).toBeLessThan(6000);
  });
});
