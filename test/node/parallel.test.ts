import { describe, expect, it } from "vitest";
import { simulateSync } from "../../src/index.js";
import { simulateParallel, WorkerPool } from "../../src/node/parallel.js";

describe("simulateParallel", () => {
  const options = { runs: 2 * 1024 + 300, horizonMonths: 24, seed: 12, step: "month" } as const;
  const reference = JSON.stringify(simulateSync("dprk-waves", options).toJSON());

  for (const workers of [1, 2, 3]) {
    it(`is bit-identical to simulateSync with ${workers} worker(s)`, async () => {
      const projection = await simulateParallel("dprk-waves", { ...options, workers });
      expect(JSON.stringify(projection.toJSON())).toBe(reference);
    });
  }

  // Above EXACT_RUNS: every block's counts are added into one sketch as it arrives, in any order.
  const sketchOptions = { runs: 21 * 1024 + 100, horizonMonths: 3, seed: 12, step: "month" } as const;
  const sketchReference = JSON.stringify(simulateSync("dprk-waves", sketchOptions).toJSON());
  for (const workers of [1, 2, 3]) {
    it(`sketch summaries: bit-identical to simulateSync with ${workers} worker(s)`, async () => {
      const projection = await simulateParallel("dprk-waves", { ...sketchOptions, workers });
      expect(JSON.stringify(projection.toJSON())).toBe(sketchReference);
    });
  }

  it("reuses a warm pool and keeps per-path results identical (keepPaths)", async () => {
    const pool = new WorkerPool(2);
    try {
      const a = await simulateParallel("baseline", { runs: 1500, horizonMonths: 6, keepPaths: true, pool });
      const b = simulateSync("baseline", { runs: 1500, horizonMonths: 6, keepPaths: true });
      expect(Array.from(a.paths!.series.ukraineForce)).toEqual(Array.from(b.paths!.series.ukraineForce));
      expect(Array.from(a.paths!.parameters!["attrition.exchangeRatio"]!)).toEqual(
        Array.from(b.paths!.parameters!["attrition.exchangeRatio"]!),
      );
    } finally {
      pool.close();
    }
  });

  it("an AbortSignal terminates the workers and rejects with an AbortError, nothing partial", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const outcome = await simulateParallel("baseline", { runs: 40_960, horizonMonths: 120, workers: 2, signal: controller.signal }).then(
      () => "finished",
      (error: Error) => error.name,
    );
    expect(outcome).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("refuses a bad worker count", async () => {
    await expect(simulateParallel("baseline", { runs: 10, workers: 0 })).rejects.toThrow(/workers: expected an integer/);
  });
});
