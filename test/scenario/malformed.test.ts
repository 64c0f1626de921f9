import { describe, expect, it } from "vitest";
import { InputError, ScenarioError } from "../../src/util/errors.js";
import { parseScenario } from "../../src/scenario/parse.js";

/** `{ extends: "baseline", ...overrides }`. */
const over = (overrides: Record<string, unknown>): Record<string, unknown> => ({ extends: "baseline", ...overrides });

/** One wave with overrides. */
const wave = (overrides: Record<string, unknown> = {}) => ({
  name: "w",
  size: 1000,
  arrivalStart: "2025-08-01",
  arrivalEnd: "2025-09-30",
  ...overrides,
});

/** Nested `depth` levels deep, built iteratively (no recursion in the test itself). */
function deepObject(depth: number): unknown {
  let node: unknown = 1;
  for (let i = 0; i < depth; i += 1) node = { a: node };
  return node;
}
function deepArray(depth: number): unknown {
  let node: unknown = 1;
  for (let i = 0; i < depth; i += 1) node = [node];
  return node;
}
const MAX_DEPTH = 32;

const cyclic: Record<string, unknown> = { extends: "baseline" };
cyclic.russia = cyclic;

/** Each line of an error follows `path: expected …, got …`. */
const FORMAT = /^expected\b.*\bgot\b/s;

interface Case {
  name: string;
  input: unknown;
  /** Dotted path of the problem: `error.path` or one of `error.issues[].path`. */
  path: string;
}

const cases: Case[] = [
  // Wrong types where a number is expected.
  { name: "string where a number is expected", input: over({ russia: { initialForce: "abc" } }), path: "russia.initialForce" },
  { name: "object where a number is expected", input: over({ russia: { initialForce: { foo: 1 } } }), path: "russia.initialForce" },
  { name: "array where a number is expected", input: over({ russia: { initialForce: [640000] } }), path: "russia.initialForce" },
  { name: "boolean where a number is expected", input: over({ russia: { initialForce: true } }), path: "russia.initialForce" },
  { name: "null where a number is expected", input: over({ russia: { initialForce: null } }), path: "russia.initialForce" },
  { name: "empty string where a number is expected", input: over({ russia: { initialForce: "" } }), path: "russia.initialForce" },
  { name: "null inside { value }", input: over({ russia: { initialForce: { value: null } } }), path: "russia.initialForce.value" },
  {
    name: "string for a distribution's shape parameter",
    input: over({ russia: { initialForce: { dist: "lognormal", median: 100, sigma: "abc" } } }),
    path: "russia.initialForce.sigma",
  },
  { name: "number where a block is expected", input: over({ russia: 3 }), path: "russia" },
  { name: "null where a block is expected", input: over({ russia: null }), path: "russia" },
  { name: "object where the waves array is expected", input: over({ dprk: { waves: {} } }), path: "dprk.waves" },
  { name: "number where a wave object is expected", input: over({ dprk: { waves: [5] } }), path: "dprk.waves.0" },
  { name: "number where the start date is expected", input: over({ start: 20250701 }), path: "start" },
  { name: "number where the name is expected", input: over({ name: 5 }), path: "name" },
  // Negative counts and out-of-bounds values.
  { name: "negative initial force (must be > 0)", input: over({ russia: { initialForce: -5 } }), path: "russia.initialForce" },
  { name: "negative DPRK initial force", input: over({ dprk: { initialForce: -1 } }), path: "dprk.initialForce" },
  { name: "negative wave size", input: over({ dprk: { waves: [wave({ size: -5 })] } }), path: "dprk.waves.0.size" },
  { name: "share above 1", input: over({ russia: { woundedReturnShare: 1.5 } }), path: "russia.woundedReturnShare" },
  {
    name: "uniform share reaching above 1",
    input: over({ russia: { woundedReturnShare: { dist: "uniform", min: 0.5, max: 1.2 } } }),
    path: "russia.woundedReturnShare",
  },
  {
    name: "unbounded normal for a share",
    input: over({ russia: { woundedReturnShare: { dist: "normal", mean: 0.3, sd: 0.1 } } }),
    path: "russia.woundedReturnShare",
  },
  {
    name: "exponent above its bound",
    input: over({ attrition: { russiaOnUkraineExponent: 3 } }),
    path: "attrition.russiaOnUkraineExponent",
  },
  { name: "exchange ratio 0", input: over({ attrition: { exchangeRatio: 0 } }), path: "attrition.exchangeRatio" },
  { name: "desertion above 0.5 per month", input: over({ russia: { desertionPerMonth: 0.6 } }), path: "russia.desertionPerMonth" },
  { name: "adjustment below 1 month", input: over({ russia: { adjustmentMonths: 0.5 } }), path: "russia.adjustmentMonths" },
  { name: "return delay 0 (must be > 0)", input: over({ russia: { returnDelayMonths: 0 } }), path: "russia.returnDelayMonths" },
  {
    name: "seasonal peak month 13 (must be < 13)",
    input: over({ intensity: { seasonalPeakMonth: 13 } }),
    path: "intensity.seasonalPeakMonth",
  },
  {
    name: "further-wave rate above 12/year given per month",
    input: over({ dprk: { furtherWaves: { ratePerYear: "2/month" } } }),
    path: "dprk.furtherWaves.ratePerYear",
  },
  {
    name: "initialOccupiedKm2 larger than totalKm2",
    input: over({ territory: { initialOccupiedKm2: 700_000 } }),
    path: "territory.initialOccupiedKm2",
  },
  // NaN and Infinity (JSON cannot carry them, JavaScript objects can).
  { name: "NaN as a number", input: over({ russia: { initialForce: NaN } }), path: "russia.initialForce" },
  { name: "Infinity as a number", input: over({ territory: { totalKm2: Infinity } }), path: "territory.totalKm2" },
  { name: "-Infinity as a number", input: over({ ceasefire: { hazardPerMonth: -Infinity } }), path: "ceasefire.hazardPerMonth" },
  { name: "NaN inside { value }", input: over({ russia: { initialForce: { value: NaN } } }), path: "russia.initialForce.value" },
  {
    name: "Infinity as a distribution bound",
    input: over({ russia: { initialForce: { dist: "uniform", min: 1, max: Infinity } } }),
    path: "russia.initialForce.max",
  },
  {
    name: "NaN as a distribution shape",
    input: over({ russia: { initialForce: { dist: "lognormal", median: 1, sigma: NaN } } }),
    path: "russia.initialForce.sigma",
  },
  { name: "Infinity as a wave size", input: over({ dprk: { waves: [wave({ size: Infinity })] } }), path: "dprk.waves.0.size" },
  { name: "a string overflowing to Infinity", input: over({ russia: { initialForce: "1e999" } }), path: "russia.initialForce" },
  // Unknown keys.
  { name: "unknown key at the top level", input: over({ foo: 1 }), path: "foo" },
  { name: "unknown key in a block", input: over({ russia: { foo: 1 } }), path: "russia.foo" },
  { name: "unknown key in a nested block", input: over({ territory: { breakthrough: { foo: 1 } } }), path: "territory.breakthrough.foo" },
  { name: "unknown key in dynamics", input: over({ dynamics: { speed: "fast" } }), path: "dynamics.speed" },
  { name: "unknown key in a wave", input: over({ dprk: { waves: [wave({ x: 1 })] } }), path: "dprk.waves.0.x" },
  {
    name: "unknown key inside a distribution",
    input: over({ russia: { initialForce: { dist: "uniform", min: 1, max: 2, foo: 3 } } }),
    path: "russia.initialForce.foo",
  },
  { name: "unknown key beside value", input: over({ russia: { initialForce: { value: 1, foo: 2 } } }), path: "russia.initialForce.foo" },
  { name: "extends nested in a block", input: over({ russia: { extends: "baseline" } }), path: "russia.extends" },
  // Unit strings.
  {
    name: "unreadable unit string",
    input: over({ russia: { recruitmentCapacityPerMonth: "abc/month" } }),
    path: "russia.recruitmentCapacityPerMonth",
  },
  {
    name: "wrong dimension: mass for a per-month rate",
    input: over({ russia: { recruitmentCapacityPerMonth: "5 kg" } }),
    path: "russia.recruitmentCapacityPerMonth",
  },
  {
    name: "wrong dimension: a bare percentage for a per-month rate",
    input: over({ russia: { recruitmentCapacityPerMonth: "12%" } }),
    path: "russia.recruitmentCapacityPerMonth",
  },
  {
    name: "wrong dimension: a duration for a share",
    input: over({ russia: { woundedReturnShare: "5 months" } }),
    path: "russia.woundedReturnShare",
  },
  {
    name: "wrong dimension: an area for an area per month",
    input: over({ territory: { offensivePaceKm2PerMonth: "485 km^2" } }),
    path: "territory.offensivePaceKm2PerMonth",
  },
  {
    name: "bad unit string in a distribution field",
    input: over({ russia: { recruitmentCapacityPerMonth: { dist: "uniform", min: "abc/month", max: "40000/month" } } }),
    path: "russia.recruitmentCapacityPerMonth.min",
  },
  // Distribution constraints.
  {
    name: "lognormal with p5 > p95",
    input: over({ attrition: { russiaLossesPerMonth: { dist: "lognormal", p5: 50_000, p95: 30_000 } } }),
    path: "attrition.russiaLossesPerMonth.p95",
  },
  {
    name: "uniform with min = max",
    input: over({ russia: { adjustmentMonths: { dist: "uniform", min: 3, max: 3 } } }),
    path: "russia.adjustmentMonths.max",
  },
  {
    name: "uniform with min > max",
    input: over({ russia: { adjustmentMonths: { dist: "uniform", min: 5, max: 2 } } }),
    path: "russia.adjustmentMonths.max",
  },
  {
    name: "triangular with mode > max",
    input: over({ russia: { initialForce: { dist: "triangular", min: 1, mode: 5, max: 3 } } }),
    path: "russia.initialForce.mode",
  },
  {
    name: "unknown distribution name",
    input: over({ russia: { initialForce: { dist: "cauchy", x: 1 } } }),
    path: "russia.initialForce.dist",
  },
  {
    name: "distribution missing a field",
    input: over({ russia: { initialForce: { dist: "uniform", min: 1 } } }),
    path: "russia.initialForce.max",
  },
  {
    name: "lognormal with mixed parameterisations",
    input: over({ attrition: { russiaLossesPerMonth: { dist: "lognormal", p5: 1, p95: 3, sigma: 1 } } }),
    path: "attrition.russiaLossesPerMonth",
  },
  {
    name: "beta with negative alpha",
    input: over({ russia: { woundedReturnShare: { dist: "beta", alpha: -1, beta: 2 } } }),
    path: "russia.woundedReturnShare.alpha",
  },
  // Dates.
  { name: "start in month 13", input: over({ start: "2025-13-01" }), path: "start" },
  { name: "start not the first of a month", input: over({ start: "2025-07-15" }), path: "start" },
  { name: "start as words", input: over({ start: "July 2025" }), path: "start" },
  {
    name: "wave arrivalEnd before arrivalStart",
    input: over({ dprk: { waves: [wave({ arrivalStart: "2025-09-01", arrivalEnd: "2025-08-01" })] } }),
    path: "dprk.waves.0.arrivalEnd",
  },
  {
    name: "wave arrivalStart on February 30",
    input: over({ dprk: { waves: [wave({ arrivalStart: "2025-02-30" })] } }),
    path: "dprk.waves.0.arrivalStart",
  },
  // Enums and strings.
  { name: "regimes.initial not a regime", input: over({ regimes: { initial: "peace" } }), path: "regimes.initial" },
  { name: "dynamics.noise not on/off", input: over({ dynamics: { noise: "maybe" } }), path: "dynamics.noise" },
  { name: "empty name", input: over({ name: "" }), path: "name" },
  { name: "empty wave name", input: over({ dprk: { waves: [wave({ name: "" })] } }), path: "dprk.waves.0.name" },
  // Missing content and extends.
  { name: "missing required blocks without extends", input: { name: "x", start: "2025-07-01" }, path: "territory" },
  { name: "empty object", input: {}, path: "start" },
  { name: "extends naming an unknown preset", input: { extends: "nope" }, path: "extends" },
  { name: "extends not a string (number)", input: { extends: 5 }, path: "extends" },
  { name: "extends not a string (array)", input: { extends: ["baseline"] }, path: "extends" },
  { name: "extends null", input: { extends: null }, path: "extends" },
  // Provenance.
  {
    name: "provenance with an unknown source",
    input: over({ russia: { initialForce: { value: 1, provenance: { source: "oracle" } } } }),
    path: "russia.initialForce.provenance",
  },
  {
    name: "article provenance with id F99",
    input: over({ russia: { initialForce: { value: 1, provenance: { source: "article", id: "F99" } } } }),
    path: "russia.initialForce.provenance",
  },
  {
    name: "provenance as a string",
    input: over({ russia: { initialForce: { value: 1, provenance: "article" } } }),
    path: "russia.initialForce.provenance",
  },
  // Prototype keys and nesting.
  { name: "__proto__ key (JSON payload)", input: JSON.parse('{"extends":"baseline","__proto__":{"polluted":1}}'), path: "__proto__" },
  {
    name: "nested __proto__ key (JSON payload)",
    input: JSON.parse('{"extends":"baseline","russia":{"__proto__":{"polluted":1}}}'),
    path: "russia.__proto__",
  },
  { name: "constructor key", input: over({ russia: { constructor: { prototype: { polluted: 1 } } } }), path: "russia.constructor" },
  { name: "prototype key", input: over({ prototype: { polluted: 1 } }), path: "prototype" },
  {
    name: "objects nested 10,000 deep",
    input: over({ deep: deepObject(10_000) }),
    path: ["deep", ...Array<string>(MAX_DEPTH).fill("a")].join("."),
  },
  {
    name: "objects nested 10,000 deep at the root",
    input: deepObject(10_000),
    path: Array<string>(MAX_DEPTH + 1)
      .fill("a")
      .join("."),
  },
  {
    name: "arrays nested 10,000 deep",
    input: over({ dprk: { waves: deepArray(10_000) } }),
    path: ["dprk", "waves", ...Array<string>(MAX_DEPTH - 1).fill("0")].join("."),
  },
  {
    name: "a cyclic object",
    input: cyclic,
    path: Array<string>(MAX_DEPTH + 1)
      .fill("russia")
      .join("."),
  },
  // Not an object at all.
  { name: "input 42", input: 42, path: "" },
  { name: "input null", input: null, path: "" },
  { name: "input undefined", input: undefined, path: "" },
  { name: "input []", input: [], path: "" },
  { name: "input an unknown preset name", input: "not-a-preset", path: "" },
];

/** Run `parseScenario` and return the ScenarioError it throws (failing clearly on anything else). */
function scenarioErrorOf(input: unknown): ScenarioError {
  let caught: unknown;
  let threw = false;
  try {
    parseScenario(input);
  } catch (error) {
    threw = true;
    caught = error;
  }
  expect(threw, "parseScenario should throw").toBe(true);
  const described = caught instanceof Error ? `${caught.name}: ${caught.message.slice(0, 300)}` : String(caught);
  expect(caught, `not a TypeError: ${described}`).not.toBeInstanceOf(TypeError);
  expect(caught, `not a RangeError: ${described}`).not.toBeInstanceOf(RangeError);
  expect(caught, `a ScenarioError: ${described}`).toBeInstanceOf(ScenarioError);
  expect(caught).toBeInstanceOf(InputError);
  return caught as ScenarioError;
}

describe("malformed scenarios throw a ScenarioError naming the field", () => {
  it("has at least 40 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)("$name → $path", ({ input, path }) => {
    const error = scenarioErrorOf(input);
    expect(error.name).toBe("ScenarioError");
    expect(error.issues.length).toBeGreaterThan(0);
    const paths = [error.path, ...error.issues.map((issue) => issue.path)];
    expect(paths).toContain(path);
  });
});

describe("every problem is one line `path: expected …, got …` (src/util/errors.ts)", () => {
  it.each(cases)("$name", ({ input }) => {
    const error = scenarioErrorOf(input);
    for (const issue of error.issues) {
      expect(issue.message, `issue at "${issue.path}"`).toMatch(FORMAT);
      expect(issue.message, `issue at "${issue.path}"`).not.toMatch(/expected unexpected/);
      expect(error.message).toContain(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    }
  });
});

describe("specific guarantees", () => {
  it("a __proto__ payload pollutes nothing", () => {
    scenarioErrorOf(JSON.parse('{"extends":"baseline","__proto__":{"polluted":1}}'));
    scenarioErrorOf(JSON.parse('{"extends":"baseline","dprk":{"__proto__":{"polluted":1}}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a constructor.prototype payload pollutes nothing", () => {
    scenarioErrorOf(over({ constructor: { prototype: { polluted: 1 } } }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a missing required block lists every missing block", () => {
    const error = scenarioErrorOf({ name: "x", start: "2025-07-01" });
    const paths = error.issues.map((issue) => issue.path);
    for (const block of ["territory", "intensity", "regimes", "attrition", "russia", "ukraine", "dprk", "ceasefire"]) {
      expect(paths).toContain(block);
    }
    expect(error.path).toBe("territory");
  });

  it("an empty object lists start and every block", () => {
    const error = scenarioErrorOf({});
    expect(error.issues.length).toBeGreaterThanOrEqual(9);
    expect(error.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(["start", "territory", "ceasefire"]));
  });

  it("lists every problem: two bad fields give two issues", () => {
    const error = scenarioErrorOf(over({ russia: { initialForce: -1 }, ukraine: { woundedReturnShare: 2 } }));
    expect(error.issues.map((issue) => issue.path)).toEqual(["russia.initialForce", "ukraine.woundedReturnShare"]);
    expect(error.path).toBe("russia.initialForce");
    expect(error.message.split("\n")).toHaveLength(2);
  });

  it("lists every problem: two bad fields of one distribution give two issues", () => {
    const error = scenarioErrorOf(over({ russia: { recruitmentCapacityPerMonth: { dist: "uniform", min: "abc/month", max: "5 kg" } } }));
    expect(error.issues.map((issue) => issue.path)).toEqual([
      "russia.recruitmentCapacityPerMonth.min",
      "russia.recruitmentCapacityPerMonth.max",
    ]);
  });

  it("lists every problem across blocks, dates and enums", () => {
    const error = scenarioErrorOf(over({ start: "2025-07-15", regimes: { initial: "peace" }, attrition: { exchangeRatio: 0 } }));
    expect(error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(["start", "regimes.initial", "attrition.exchangeRatio"]),
    );
  });

  it("messages name the value that was given", () => {
    expect(scenarioErrorOf(over({ russia: { woundedReturnShare: 1.5 } })).message).toContain("got 1.5");
    expect(scenarioErrorOf(over({ russia: { recruitmentCapacityPerMonth: "5 kg" } })).message).toMatch(/got "5 kg".*dimension/);
    expect(scenarioErrorOf({ extends: "nope" }).message).toContain('got "nope"');
    expect(scenarioErrorOf(over({ dprk: { waves: [wave({ size: -5 })] } })).message).toContain("got -5");
  });

  it("still parses valid input after malformed input", () => {
    expect(() => parseScenario("baseline")).not.toThrow();
  });
});
