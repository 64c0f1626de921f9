import { describe, expect, it } from "vitest";
import { OptionsError, ScenarioError, simulate, simulateSync } from "../../src/index.js";

describe("simulate (async)", () => {
  it("gives the same result as simulateSync", async () => {
    const a = await simulate("baseline", { runs: 300, horizonMonths: 6, seed: 8 });
    const b = simulateSync("baseline", { runs: 300, horizonMonths: 6, seed: 8 });
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
  });

  it("onProgress is monotonic and ends at 1", async () => {
    const seen: number[] = [];
    await simulate("baseline", { runs: 3000, horizonMonths: 24, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i += 1) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f) => f >= 0 && f <= 1)).toBe(true);
  });

  it("an AbortSignal stops a long run with an AbortError and returns nothing partial", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    let result: unknown = "untouched";
    const error = await simulate("baseline", { runs: 20_000, horizonMonths: 120, signal: controller.signal })
      .then((p) => {
        result = p;
      })
      .catch((e: unknown) => e);
    expect(result).toBe("untouched");
    expect((error as Error).name).toBe("AbortError");
    // Generous bound: the loop checks the signal every ~20 ms of work.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("an already-aborted signal rejects at once", async () => {
    await expect(simulate("baseline", { runs: 10, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
  });

  it("bad input rejects with ScenarioError / OptionsError before any work", async () => {
    await expect(simulate("nope", { runs: 10 })).rejects.toBeInstanceOf(ScenarioError);
    await expect(simulate("baseline", { runs: 0 })).rejects.toBeInstanceOf(OptionsError);
    // Above EXACT_RUNS the summaries are a fixed-size sketch: only keeping every path can exceed the cap.
    expect(() => simulateSync("baseline", { runs: 5_000_000, horizonMonths: 1200, keepPaths: true })).toThrow(/GiB/);
  });
});

describe("Projection queries", () => {
  const projection = simulateSync("baseline", { runs: 400, horizonMonths: 72, step: "month", thresholds: [0.22] });

  it("probability() counts paths and validates its arguments", () => {
    const p = projection.probability("occupiedShare", ">=", 0.25, "2030-12");
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    const complement = projection.probability("occupiedShare", "<", 0.25, "2030-12");
    expect(p + complement).toBeCloseTo(1, 12);
    expect(projection.probability("occupiedShare", ">=", 0, "2030-12")).toBe(1);
    expect(() => projection.probability("occupiedShare", ">=", 0.25, "2040-01")).toThrow(OptionsError);
    expect(() => projection.probability("nope" as never, ">=", 0.25, "2030-12")).toThrow(/series: expected one of/);
    expect(() => projection.probability("occupiedShare", "=>" as never, 0.25, "2030-12")).toThrow(/op/);
  });

  it("custom thresholds get their own event summary; a censored quantile is null", () => {
    const event = projection.event(0.22);
    expect(event.threshold).toBe(0.22);
    expect(event.pNever).toBeGreaterThan(0);
    expect(event.pNever).toBeLessThan(1);
    const full = projection.event(1);
    expect(full.pNever).toBe(1);
    expect(full.quantiles.p50).toBeNull();
    expect(() => projection.event(0.33)).toThrow(/thresholds/);
  });

  it("prints a short form that never dumps the samples", () => {
    expect(String(projection)).toMatch(/^Projection\(baseline, 400 runs, 72 months/);
    expect(String(projection).length).toBeLessThan(300);
  });
});
