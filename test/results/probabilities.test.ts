import { describe, expect, it } from "vitest";
import { simulateSync } from "../../src/index.js";
import { EXACT_RUNS } from "../../src/engine/store.js";

describe("Projection.probabilities (projection@2)", () => {
  const options = { runs: 2048, horizonMonths: 24, seed: 3 } as const;

  it("counts, each month, the paths offensive with no ceasefire and the paths whose ceasefire has begun — as the kept paths say", () => {
    const kept = simulateSync("ceasefire-pressure", { ...options, keepPaths: true });
    const { regime, ceasefire } = kept.paths!.accounting!;
    const p = kept.probabilities();
    for (let m = 0; m < options.horizonMonths; m += 1) {
      let offensive = 0,
        ceased = 0;
      for (let i = 0; i < options.runs; i += 1) {
        const at = m * options.runs + i;
        if (ceasefire[at]) ceased += 1;
        else if (regime[at] === 0) offensive += 1;
      }
      expect(p.offensive[m]).toBe(offensive / options.runs);
      expect(p.ceasefireBegun[m]).toBe(ceased / options.runs);
      expect(p.ceasefireBegunSe[m]).toBeCloseTo(Math.sqrt(((ceased / options.runs) * (1 - ceased / options.runs)) / options.runs), 15);
    }
    // A ceasefire, once begun, holds; this preset makes it likely within two years.
    for (let m = 1; m < options.horizonMonths; m += 1) expect(p.ceasefireBegun[m]).toBeGreaterThanOrEqual(p.ceasefireBegun[m - 1]!);
    expect(p.ceasefireBegun.at(-1)).toBeGreaterThan(0.05);
    // The same draws without keepPaths: the same counts.
    expect(simulateSync("ceasefire-pressure", options).probabilities()).toEqual(p);
  });

  it("is in the JSON, rounded, and the same in sketch mode (above EXACT_RUNS) as the paths' own counts", () => {
    const json = simulateSync("baseline", { runs: 64, horizonMonths: 3 }).toJSON();
    expect(json.schema).toBe("attrition-sim/projection@2");
    expect(Object.keys(json.probabilities)).toEqual(["offensive", "offensiveSe", "ceasefireBegun", "ceasefireBegunSe"]);
    expect(json.probabilities.offensive).toHaveLength(3);
    // Sketch mode counts the same paths: its first 1,024-path blocks are the exact run's.
    const runs = EXACT_RUNS + 1024;
    const sketch = simulateSync("baseline", { runs, horizonMonths: 6, step: "month", seed: 2 });
    expect(sketch.summary.sketch).not.toBeNull();
    const sum = (k: number, m: number) => sketch.summary.stateCount(k, m);
    const exact = simulateSync("baseline", { runs, horizonMonths: 6, step: "month", seed: 2, keepPaths: true });
    expect(exact.summary.sketch).toBeNull();
    for (let m = 0; m < 6; m += 1) for (const k of [0, 1]) expect(sum(k, m)).toBe(exact.summary.stateCount(k, m));
  });
});
