import { describe, expect, it } from "vitest";
import { simulateSync } from "../../src/index.js";
import { sketchCountBytes } from "../../src/engine/sketch-layout.js";
import { simulateParallel, WORKER_SKETCH_MAX_BYTES, WorkerPool } from "../../src/node/parallel.js";

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

  it("sketch summaries beyond the workers' sketch size (each block posted, counted here): bit-identical too", async () => {
    // Up to WORKER_SKETCH_MAX_BYTES the workers count their blocks into sketches of their own (the
    // tests above); beyond it (≈ 227 months) each block's slots come back to be counted here.
    const months = 230;
    expect(sketchCountBytes(months)).toBeGreaterThan(WORKER_SKETCH_MAX_BYTES);
    expect(sketchCountBytes(3)).toBeLessThanOrEqual(WORKER_SKETCH_MAX_BYTES);
    const long = { runs: 20 * 1024 + 100, horizonMonths: months, seed: 12, step: "month" } as const;
    const projection = await simulateParallel("no-dprk", { ...long, workers: 2 });
    expect(JSON.stringify(projection.toJSON())).toBe(JSON.stringify(simulateSync("no-dprk", long).toJSON()));
  }, 60_000);

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
