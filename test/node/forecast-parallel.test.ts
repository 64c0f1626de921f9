import { describe, expect, it } from "vitest";
import { forecast } from "../../src/results/forecast.js";
import { forecastParallel } from "../../src/node/forecast-parallel.js";
import { FilterPool } from "../../src/node/filter-pool.js";
import { OptionsError } from "../../src/util/errors.js";
import type { Worker } from "node:worker_threads";
import type { LikelihoodRequest } from "../../src/analysis/inference-smc.js";
import type { RefitProblem } from "../../src/analysis/forecast-refit.js";

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

describe("FilterPool", () => {
  it("fails a batch when one worker's piece fails, leaves no request waiting, and starts afresh", async () => {
    // The refit's problem and first batch, taken from forecast's own call.
    let problem: RefitProblem | undefined,
      batch: readonly LikelihoodRequest[] = [];
    await forecast({
      ...SMALL_REFIT,
      likelihoods: (p) => {
        problem = p;
        return (b) => {
          batch = b;
          throw new Error("captured");
        };
      },
    }).catch(() => undefined);
    expect(batch.length).toBeGreaterThan(3);
    const pool = new FilterPool(2);
    // The pool's own request function, to watch each worker's request (a batch's Promise.all shows only the first failure).
    const internals = pool as unknown as {
      ensure(): Worker[];
      ask(worker: Worker, message: unknown, pick: (reply: { values: Float64Array }) => Float64Array): Promise<Float64Array>;
    };
    try {
      const [first, second] = internals.ensure() as [Worker, Worker];
      for (const w of [first, second]) w.postMessage({ kind: "problem", problem });
      // The first worker's request names no parameter and fails at once; the second's 60 valid
      // filter runs are still going when that failure closes the pool, and must not be left waiting.
      const failing = internals.ask(
        first,
        { kind: "likelihoods", id: 1, requests: [{ theta: { "no.such.parameter": 1 }, seed: 1 }] },
        (r) => r.values,
      );
      const valid = Array.from({ length: 60 }, (_, i) => batch[i % batch.length]!);
      const cut = internals.ask(second, { kind: "likelihoods", id: 2, requests: valid }, (r) => r.values);
      await expect(failing).rejects.toThrow(/filter worker failed: .*no\.such\.parameter/);
      const outcome = await Promise.race([
        cut.then(
          () => "answered",
          (e: Error) => `rejected: ${e.message}`,
        ),
        new Promise((resolve) => setTimeout(() => resolve("still waiting"), 5000)),
      ]);
      expect(outcome).toMatch(/^rejected: filter worker stopped \(exit code 1\) before it answered/);
      // A batch after the failure starts new workers, which get the problem again.
      const values = await pool.logLikelihoods(problem!)(batch.slice(0, 3));
      expect(values.length).toBe(3);
      expect(Array.from(values).every(Number.isFinite)).toBe(true);
    } finally {
      pool.close();
    }
  });
});
