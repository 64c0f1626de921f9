import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The public API (issue 11, step 5): a short main entry of verbs, experts' helpers behind
// `attrition-sim/advanced`, internals in neither. The installed package is checked the same way
// by scripts/smoke.mjs.

/** Most runtime names `attrition-sim` may export: `Object.keys(await import("attrition-sim")).length`. */
const MAX_MAIN_EXPORTS = 40;

/**
 * The main entry's runtime names. Changing this list changes the public API: say so in
 * CHANGELOG.md (and docs/migration.md for a removal or a rename).
 */
const MAIN = [
  "simulate",
  "simulateSync",
  "compare",
  "compareSync",
  "meanField",
  "Projection",
  "Comparison",
  "SERIES",
  "parseScenario",
  "loadShippedPosterior",
  "presets",
  "presetNames",
  "parameterTable",
  "articleFacts",
  "sensitivity",
  "sensitivityToSvg",
  "sensitivityToCsv",
  "calibrate",
  "applyPosterior",
  "observationsFromSeries",
  "hindcastScenario",
  "runBacktest",
  "forecast",
  "Forecast",
  "mergeProjections",
  "shardToText",
  "projectionFromShard",
  "scenarioJsonSchema",
  "projectionJsonSchema",
  "comparisonJsonSchema",
  "sensitivityJsonSchema",
  "InputError",
  "ScenarioError",
  "OptionsError",
];

/** Engine internals: exported from no entry. */
const INTERNALS = [
  "RunSummary",
  "GROUP",
  "RunPlan",
  "BlockResult",
  "BlockParameters",
  "ParameterSlot",
  "EngineTuning",
  "prepareRun",
  "runBlocks",
  "runBlock",
  "resolveOptions",
];

/** simple-statistics-like names that meant "of a distribution spec": now distMean, distQuantile, … */
const MISLEADING = ["mean", "median", "quantile", "variance", "sample", "support"];

const main = await import("../src/index.js");
const advanced = await import("../src/advanced.js");
const node = await import("../src/node/index.js");
const data = await import("../src/data/index.js");

describe("the main entry (src/index.ts)", () => {
  it(`exports at most ${MAX_MAIN_EXPORTS} runtime names, exactly the listed ones`, () => {
    expect(Object.keys(main).length).toBeLessThanOrEqual(MAX_MAIN_EXPORTS);
    expect(Object.keys(main).sort()).toEqual([...MAIN].sort());
  });

  it("exports no internal and no misleading statistics name; nor does any other entry", () => {
    for (const entry of [main, advanced, node, data]) {
      const names = Object.keys(entry);
      expect(names.filter((n) => INTERNALS.includes(n) || MISLEADING.includes(n))).toEqual([]);
    }
  });

  it("shares no runtime name with attrition-sim/advanced (one home for each)", () => {
    expect(Object.keys(advanced).filter((n) => n in main)).toEqual([]);
  });
});

describe("attrition-sim/advanced (src/advanced.ts)", () => {
  it("names the distribution-spec maths for what they are, with the values of their examples", () => {
    expect(advanced.distQuantile({ dist: "normal", mean: 10, sd: 2 }, 0.975)).toBe(13.919927969080106);
    expect(advanced.distQuantile({ dist: "uniform", min: 0, max: 4 }, 0.25)).toBe(1);
    expect(advanced.distMedian({ dist: "lognormal", mu: 0, sigma: 1 })).toBe(1);
    expect(advanced.distMean({ dist: "pert", min: 0, mode: 1, max: 4 })).toBe(1.3333333333333333);
    expect(advanced.distVariance({ dist: "uniform", min: 0, max: 6 })).toBe(3);
    expect(advanced.distSupport({ dist: "beta", alpha: 2, beta: 3 })).toEqual([0, 1]);
    const draw = advanced.distSample({ dist: "triangular", min: 0, mode: 1, max: 3 }, advanced.createStream(1, "example"));
    expect(draw).toBeGreaterThanOrEqual(0);
    expect(draw).toBeLessThanOrEqual(3);
  });

  it("is browser-safe, as the main entry and attrition-sim/data: no Node built-in in their static import closure", () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    for (const entry of ["index.ts", "advanced.ts", "data/index.ts"]) {
      const seen = new Set<string>();
      const found: string[] = [];
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        const text = readFileSync(file, "utf8");
        const specifiers = [
          ...text.matchAll(/^\s*(?:import|export)\s(?!type\s)[^'";]*?\sfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm),
        ].map((m) => (m[1] ?? m[2])!);
        for (const spec of specifiers) {
          if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
          else if (builtins.has(spec)) found.push(`${file}: ${spec}`);
        }
      };
      visit(resolve(import.meta.dirname, "../src", entry));
      expect(found, entry).toEqual([]);
      expect(seen.size, entry).toBeGreaterThan(1);
    }
  });
});
