import { describe, expect, it, vi } from "vitest";
import { simulateSync } from "../../src/results/simulate.js";
import { parseScenario } from "../../src/scenario/parse.js";
import { isMathLoaded } from "../../src/scenario/units.js";
import { isZodLoaded } from "../../src/util/lazy.js";

// Issue 12 item 5: zod and mathjs load only when parsing needs them. This file's module graph
// is its own (vitest isolates test files), so nothing else has loaded them before these tests.
describe("zod and mathjs load only when parsing needs them", () => {
  it("a preset by name, { extends } alone and a parsed scenario are simulated without either", () => {
    simulateSync("baseline", { runs: 20, horizonMonths: 3, seed: 1 });
    simulateSync({ extends: "no-dprk" }, { runs: 20, horizonMonths: 3, seed: 1 });
    simulateSync(parseScenario("dprk-waves"), { runs: 20, horizonMonths: 3, seed: 1 });
    expect(isZodLoaded()).toBe(false);
    expect(isMathLoaded()).toBe(false);
  });

  it("a scenario with changes loads zod (and a unit string mathjs), synchronously", () => {
    const scenario = parseScenario({ extends: "baseline", russia: { recruitmentCapacityPerMonth: 30_000 } });
    expect(isZodLoaded()).toBe(true);
    expect(isMathLoaded()).toBe(false);
    expect(scenario.russia.recruitmentCapacityPerMonth.spec).toEqual({ dist: "fixed", value: 30_000 });
    parseScenario({ extends: "baseline", russia: { recruitmentCapacityPerMonth: "1000/day" } });
    expect(isMathLoaded()).toBe(true);
  });

  it("without a synchronous require (a browser), presets still run; other input asks for loadValidation() and works after it", async () => {
    const original = process.getBuiltinModule;
    (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
    try {
      vi.resetModules();
      const lazy = await import("../../src/util/lazy.js");
      const parse = await import("../../src/scenario/parse.js");
      expect(parse.parseScenario("no-pledge").name).toBe("no-pledge");
      const input = { extends: "baseline", ceasefire: { hazardPerMonth: 0 } };
      expect(() => parse.parseScenario(input)).toThrow(/await loadValidation\(\)/);
      await lazy.loadValidation();
      expect(parse.parseScenario(input).ceasefire.hazardPerMonth.spec).toEqual({ dist: "fixed", value: 0 });
      await lazy.loadValidation(); // idempotent
    } finally {
      process.getBuiltinModule = original;
    }
  });
});
