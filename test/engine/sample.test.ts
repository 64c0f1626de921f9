import { describe, expect, it } from "vitest";
import { listParameters, parameterView } from "../../src/scenario/parameter-list.js";
import { median } from "../../src/scenario/distribution-math.js";
import { parseScenario } from "../../src/scenario/parse.js";
import { sampleBlock } from "../../src/engine/sample.js";
import { posteriorRows } from "../../src/engine/parameters.js";

const plan = { seed: 1, atMedian: false } as const;

describe("typed parameter view (engine/sample.ts)", () => {
  const scenario = parseScenario("dprk-waves");
  const slots = listParameters(scenario);
  const { view, byPath } = sampleBlock(scenario, slots, plan, 0, 0, 16);

  it("holds the very arrays of the dotted-path draws, for every parameter drawn per path", () => {
    expect(view.territory.totalKm2).toBe(byPath["territory.totalKm2"]);
    expect(view.territory.breakthrough.multiplier).toBe(byPath["territory.breakthrough.multiplier"]);
    expect(view.dprk.waves[0]!.size).toBe(byPath["dprk.waves.0.size"]);
    expect(view.russia.initialForce.length).toBe(16);
    const drawn = slots
      .filter((s) => !s.perEvent)
      .map((s) => s.path)
      .sort();
    expect(Object.keys(byPath).sort()).toEqual(drawn);
  });

  it("leaves out per-event parameters, names and switches; optional parameters stay optional", () => {
    expect("size" in view.dprk.furtherWaves).toBe(false);
    expect(view.dprk.furtherWaves.ratePerYear).toBe(byPath["dprk.furtherWaves.ratePerYear"]);
    expect("name" in view).toBe(false);
    expect("dynamics" in view).toBe(false);
    expect("name" in view.dprk.waves[0]!).toBe(false);
    expect(view.russia.targetCeiling).toBe(byPath["russia.targetCeiling"]);
    expect(scenario.ukraine.targetCeiling).toBeUndefined();
    expect(view.ukraine.targetCeiling).toBeUndefined();
  });

  it("draws exactly what the keyed per-parameter streams give (a structured clone of the plan too)", () => {
    const again = sampleBlock(structuredClone(scenario), structuredClone(slots), plan, 0, 0, 16);
    for (const [path, values] of Object.entries(byPath)) expect(Array.from(again.byPath[path]!)).toEqual(Array.from(values));
    expect("size" in again.view.dprk.furtherWaves).toBe(false);
  });

  it("a misspelt or per-event parameter is a compile error", () => {
    // @ts-expect-error: no such parameter (totalKm2)
    expect(view.territory.totalKm).toBeUndefined();
    // @ts-expect-error: drawn per event, not per path
    expect(view.dprk.furtherWaves.size).toBeUndefined();
    // @ts-expect-error: not a parameter
    expect(view.start).toBeUndefined();
  });

  it("matches the @example of parameterView (medians, as the mean field reads them)", () => {
    const medians = parameterView(parseScenario("baseline"), (p) => median(p.spec));
    expect(medians.territory.totalKm2).toBe(603_628);
  });

  it("hands on the posterior rows its parameters came from (the block's states read the same), none at the medians", () => {
    const draws = [
      [2.1, 20_000],
      [2.5, 30_000],
      [3.2, 40_000],
    ];
    const posterior = { parameters: ["attrition.exchangeRatio", "attrition.russiaLossesPerMonth"], draws };
    const article = parseScenario("article");
    const articleSlots = listParameters(article);
    const drawn = sampleBlock(article, articleSlots, { seed: 4, atMedian: false, posterior }, 2, 0, 12);
    const rows = drawn.posteriorRows!;
    expect(Array.from(rows)).toEqual(Array.from(posteriorRows(3, 4, 2, 12)));
    // Each path's pair is its row's (so a wrong row, or rows drawn twice differently, would show).
    for (let i = 0; i < 12; i += 1) {
      expect(drawn.byPath["attrition.exchangeRatio"]![i]).toBe(draws[rows[i]!]![0]);
      expect(drawn.byPath["attrition.russiaLossesPerMonth"]![i]).toBe(draws[rows[i]!]![1]);
    }
    expect(new Set(rows).size).toBeGreaterThan(1);
    const atMedian = sampleBlock(article, articleSlots, { seed: 4, atMedian: true, posterior }, 2, 0, 12);
    expect(atMedian.posteriorRows).toBeUndefined();
    expect(atMedian.byPath["attrition.exchangeRatio"]![5]).toBe(2.5);
  });
});
