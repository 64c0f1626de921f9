import { describe, expect, it } from "vitest";
import { filterDraw, inThreadDrawFilter, type DrawRequest } from "../../src/analysis/forecast-draw.js";
import { forecastWindow } from "../../src/analysis/forecast-window.js";
import { filterScenario } from "../../src/analysis/filter-priors.js";
import { shippedObservations } from "../../src/data/observation-set.js";
import { occupiedAreaMonthly } from "../../src/data/series.js";

const window = forecastWindow(shippedObservations(), { through: "2024-03" });
const request = (seed: number, block: number, firstPath: number): DrawRequest => ({
  scenario: filterScenario(window.hindcast),
  observations: window.observations,
  particles: 150,
  seed,
  horizonMonths: 3,
  thresholds: [0.2],
  block,
  firstPath,
});

describe("filterDraw", () => {
  it("records the draw as its block, from the filtered state: losses from 0, the area near ISW's at the origin", () => {
    const r = filterDraw(request(4, 2, 300));
    expect([r.block.block, r.block.firstPath, r.block.count]).toEqual([2, 300, 150]);
    expect(r.paths.claimedLosses).toHaveLength(3);
    expect(r.ess.length).toBe(window.observations.months.length);
    // SERIES order: occupiedKm2 first; losses start at 0 (counted from the origin).
    const isw = occupiedAreaMonthly.find((m) => m.month === "2024-03")!.occupiedKm2;
    const area = [...r.block.initial[0]!].sort((a, b) => a - b)[75]!;
    expect(Math.abs(area - isw)).toBeLessThan(1500);
    // The same request, the same bytes; another seed, another filter.
    expect(filterDraw(request(4, 2, 300)).logLikelihood).toBe(r.logLikelihood);
    expect(filterDraw(request(5, 2, 300)).logLikelihood).not.toBe(r.logLikelihood);
  });
});

describe("inThreadDrawFilter", () => {
  it("gives filterDraw's results in order, counting each, and stops on an aborted signal", async () => {
    let done = 0;
    const requests = [request(1, 0, 0), request(2, 1, 150)];
    const results = await inThreadDrawFilter(requests, () => (done += 1));
    expect(done).toBe(2);
    expect(results.map((r) => r.logLikelihood)).toEqual(requests.map((q) => filterDraw(q).logLikelihood));
    await expect(inThreadDrawFilter(requests, () => {}, AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
  });
});
