/**
 * The malformed-input corpus (issue 6, item 2). Each case gives a clear error and a test proves it:
 * - library: an InputError (ScenarioError for scenario content, OptionsError for run options),
 *   never a TypeError or RangeError, whose `.path` (or one of `.issues[].path`) names the field,
 *   every issue one line `path: expected …, got …`;
 * - command line: exit code 2, nothing on stdout, exactly one stderr line `attrition-sim: …`,
 *   no stack trace.
 * These cases are NEW: they complement test/scenario/malformed.test.ts (89 cases),
 * test/engine/options.test.ts (36) and the 19 bad-input cases of test/node/cli.test.ts.
 * Files: test/reliability/corpus/* (small, committed); the 50 MB file, the 10,000-deep files
 * and the files at the size cap are written at test time into a temporary folder.
 * Last: no payload polluted a prototype.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { InputError, OptionsError, ScenarioError, simulate, simulateSync } from "../../src/index.js";
import { resolveOptions } from "../../src/engine/options.js";
import { main, type CliIO } from "../../src/node/cli.js";
import { MAX_SCENARIO_FILE_BYTES } from "../../src/node/io.js";
import { parseScenario } from "../../src/scenario/parse.js";

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const over = (overrides: Record<string, unknown>) => ({ extends: "baseline", ...overrides });
const wave = (overrides: Record<string, unknown> = {}) => ({
  name: "w",
  size: 1000,
  arrivalStart: "2025-08-01",
  arrivalEnd: "2025-09-30",
  ...overrides,
});
const json = (text: string) => JSON.parse(text) as unknown;
const FORMAT = /^expected\b.*\bgot\b/s;

/** Every issue formatted as one printable line. */
function expectOneLinePerIssue(error: InputError): void {
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) expect(issue.message, `issue at "${issue.path}"`).toMatch(FORMAT);
  expect(error.message.split("\n")).toHaveLength(error.issues.length);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, none was thrown");
}

// ── A. parseScenario: ScenarioError with the path ────────────────────────────────────────────

const scenarioCases: [name: string, input: unknown, path: string][] = [
  // Huge numbers: finite but beyond the 1e12 cap on every quantity (NaN downstream otherwise).
  ["force 1e13 people (over the cap)", over({ russia: { initialForce: 1e13 } }), "russia.initialForce"],
  ["force 1e300", over({ ukraine: { initialForce: 1e300 } }), "ukraine.initialForce"],
  ["Number.MAX_VALUE losses", over({ attrition: { russiaLossesPerMonth: Number.MAX_VALUE } }), "attrition.russiaLossesPerMonth"],
  ["-1e300 stalemate mean", over({ territory: { stalemateMeanKm2PerMonth: -1e300 } }), "territory.stalemateMeanKm2PerMonth"],
  ["1e300 return delay", over({ russia: { returnDelayMonths: 1e300 } }), "russia.returnDelayMonths"],
  ["1e300 total area", over({ territory: { totalKm2: 1e300 } }), "territory.totalKm2"],
  ["unit string over the cap", over({ russia: { recruitmentCapacityPerMonth: "1e13/month" } }), "russia.recruitmentCapacityPerMonth"],
  [
    "unit string over the cap after conversion",
    over({ russia: { recruitmentCapacityPerMonth: "1e11/day" } }),
    "russia.recruitmentCapacityPerMonth",
  ],
  ["plain numeric string over the cap", over({ dprk: { deployablePool: "1e20" } }), "dprk.deployablePool"],
  [
    "distribution bound over the cap",
    over({ russia: { initialForce: { dist: "uniform", min: 1, max: 1e300 } } }),
    "russia.initialForce.max",
  ],
  [
    "lognormal median over the cap",
    over({ attrition: { russiaLossesPerMonth: { dist: "lognormal", median: 1e13, sigma: 0.1 } } }),
    "attrition.russiaLossesPerMonth.median",
  ],
  ["wave size 1e300", over({ dprk: { waves: [wave({ size: 1e300 })] } }), "dprk.waves.0.size"],
  ["{ value } over the cap", over({ dprk: { furtherWaves: { size: { value: 1e15 } } } }), "dprk.furtherWaves.size.value"],
  [
    "a lognormal whose lowest draw underflows to 0, for a force (> 0)",
    over({ ukraine: { initialForce: { dist: "lognormal", median: 1e-300, sigma: 10 } } }),
    "ukraine.initialForce",
  ],
  // Prototype keys anywhere (own keys from JSON.parse, as a file would give them).
  ["__proto__ inside a wave", json('{"extends":"baseline","dprk":{"waves":[{"__proto__":{"polluted":1}}]}}'), "dprk.waves.0.__proto__"],
  [
    "__proto__ inside a distribution",
    json('{"extends":"baseline","russia":{"initialForce":{"dist":"uniform","min":1,"max":2,"__proto__":{"polluted":1}}}}'),
    "russia.initialForce.__proto__",
  ],
  [
    "__proto__ inside a provenance",
    json('{"extends":"baseline","russia":{"initialForce":{"value":1,"provenance":{"__proto__":{"polluted":1}}}}}'),
    "russia.initialForce.provenance.__proto__",
  ],
  ["__proto__ inside dynamics", json('{"extends":"baseline","dynamics":{"__proto__":{"polluted":1}}}'), "dynamics.__proto__"],
  [
    "__proto__ inside the posterior draws",
    json(
      '{"extends":"baseline","posterior":{"kind":"posterior","parameters":["attrition.exchangeRatio"],"draws":[{"__proto__":{"polluted":1}}]}}',
    ),
    "posterior.draws.0.__proto__",
  ],
  ["constructor at the top level", json('{"extends":"baseline","constructor":{"prototype":{"polluted":1}}}'), "constructor"],
  ["prototype inside furtherWaves", over({ dprk: { furtherWaves: { prototype: { polluted: 1 } } } }), "dprk.furtherWaves.prototype"],
  [
    "__proto__ as an own property made with defineProperty",
    Object.defineProperty(over({}), "__proto__", { value: { polluted: 1 }, enumerable: true }),
    "__proto__",
  ],
  [
    "__proto__ one level under a 30-deep nest",
    over({ x: JSON.parse(`${'{"a":'.repeat(30)}{"__proto__":{"polluted":1}}${"}".repeat(30)}`) }),
    `x.${"a.".repeat(30)}__proto__`,
  ],
  // Unknown presets.
  ["extends with another case", { extends: "Baseline" }, "extends"],
  ["extends with white space", { extends: " baseline" }, "extends"],
  ["extends with a newline", { extends: "baseline\n" }, "extends"],
  ["extends __proto__", { extends: "__proto__" }, "extends"],
  ["extends constructor", { extends: "constructor" }, "extends"],
  ["extends toString", { extends: "toString" }, "extends"],
  ["extends hasOwnProperty", { extends: "hasOwnProperty" }, "extends"],
  ["extends an object", { extends: { name: "baseline" } }, "extends"],
  ["preset name __proto__ as the input", "__proto__", ""],
  ["preset name constructor as the input", "constructor", ""],
  ["preset name with a trailing space", "baseline ", ""],
  ["empty string as the input", "", ""],
  // Values JSON cannot carry, from JavaScript callers.
  ["a BigInt force", over({ russia: { initialForce: 10n } }), "russia.initialForce"],
  ["a Symbol force", over({ russia: { initialForce: Symbol("x") } }), "russia.initialForce"],
  ["a function force", over({ russia: { initialForce: () => 5 } }), "russia.initialForce"],
  ["a Date as the start", over({ start: new Date("2025-07-01") }), "start"],
  ["a boxed number", over({ russia: { initialForce: Object(5) } }), "russia.initialForce"],
  ["a Map as a block (its entries would be silently dropped)", over({ russia: new Map([["initialForce", 5]]) }), "russia"],
  [
    "a class instance as a block",
    over({
      ukraine: new (class Side {
        initialForce = 5;
      })(),
    }),
    "ukraine",
  ],
  ["a BigInt as the input", 5n, ""],
  ["a function as the input", () => "baseline", ""],
  // Dates out of range (dated results would read "0-01-31" or "10099-…").
  ["start in year 0", over({ start: "0000-01-01" }), "start"],
  ["start in year 9999", over({ start: "9999-12-01" }), "start"],
  ["start in 1899", over({ start: "1899-12-01" }), "start"],
  ["start 2025-02-29 (not a leap year)", over({ start: "2025-02-29" }), "start"],
  ["start with a time", over({ start: "2025-07-01T00:00:00Z" }), "start"],
  [
    "wave end before start by a day",
    over({ dprk: { waves: [wave({ arrivalStart: "2025-08-02", arrivalEnd: "2025-08-01" })] } }),
    "dprk.waves.0.arrivalEnd",
  ],
  // Strings and enums.
  ["a name of 201 characters", over({ name: "x".repeat(201) }), "name"],
  ["a description that is a number", over({ description: 5 }), "description"],
  ["dynamics.forces melted", over({ dynamics: { forces: "melted" } }), "dynamics.forces"],
  ["dynamics as a string", over({ dynamics: "frozen" }), "dynamics"],
  ["waves as a string", over({ dprk: { waves: "pledge" } }), "dprk.waves"],
  ["a hole in the waves array", over({ dprk: { waves: [wave(), , wave()] } }), "dprk.waves.1"],
  // Unit strings mathjs cannot read (math.unit, never evaluate).
  ["unit string naming __proto__", over({ russia: { recruitmentCapacityPerMonth: "5 __proto__" } }), "russia.recruitmentCapacityPerMonth"],
  [
    "unit string with a function call",
    over({ russia: { recruitmentCapacityPerMonth: "import('fs')" } }),
    "russia.recruitmentCapacityPerMonth",
  ],
  ["unit string with arithmetic", over({ russia: { recruitmentCapacityPerMonth: "1000*36/month" } }), "russia.recruitmentCapacityPerMonth"],
  ["unit string NaN", over({ russia: { initialForce: "NaN" } }), "russia.initialForce"],
  [
    "unit string -5/month for a count per month (≥ 0)",
    over({ russia: { recruitmentCapacityPerMonth: "-5/month" } }),
    "russia.recruitmentCapacityPerMonth",
  ],
  // Posterior.
  [
    "posterior with an unknown parameter",
    over({ posterior: { kind: "posterior", parameters: ["attrition.nope"], draws: [[1]] } }),
    "posterior.parameters.0",
  ],
  [
    "posterior row of the wrong length",
    over({ posterior: { kind: "posterior", parameters: ["attrition.exchangeRatio"], draws: [[2.5, 1]] } }),
    "posterior.draws.0",
  ],
  [
    "posterior draw outside the prior",
    over({ posterior: { kind: "posterior", parameters: ["attrition.exchangeRatio"], draws: [[99]] } }),
    "posterior.draws.0.0",
  ],
  [
    "posterior draw NaN",
    over({ posterior: { kind: "posterior", parameters: ["attrition.exchangeRatio"], draws: [[NaN]] } }),
    "posterior.draws.0.0",
  ],
  [
    "posterior without draws",
    over({ posterior: { kind: "posterior", parameters: ["attrition.exchangeRatio"], draws: [] } }),
    "posterior.draws",
  ],
];

describe("A. parseScenario refuses with a ScenarioError naming the field", () => {
  it.each(scenarioCases)("%s → %s", (_name, input, path) => {
    const error = thrown(() => parseScenario(input));
    expect(error, String(error)).not.toBeInstanceOf(TypeError);
    expect(error, String(error)).not.toBeInstanceOf(RangeError);
    expect(error, String(error)).toBeInstanceOf(ScenarioError);
    const e = error as ScenarioError;
    expect([e.path, ...e.issues.map((issue) => issue.path)], e.message).toContain(path);
    expectOneLinePerIssue(e);
  });
});

// ── B. run options: OptionsError with the path ───────────────────────────────────────────────

const optionCases: [name: string, options: unknown, path: string][] = [
  ["runs 2**53 (an integer, far too many)", { runs: 2 ** 53 }, "runs"],
  ["runs -0", { runs: -0 }, "runs"],
  ["runs true", { runs: true }, "runs"],
  ["runs 10n (a BigInt)", { runs: 10n }, "runs"],
  ["runs [5]", { runs: [5] }, "runs"],
  ["runs 1e-9", { runs: 1e-9 }, "runs"],
  ["runs 100.000001", { runs: 100.000001 }, "runs"],
  ["seed [1]", { seed: [1] }, "seed"],
  ["seed { valueOf: () => 1 } (an object)", { seed: { valueOf: () => 1 } }, "seed"],
  ["seed new Number(1) (an object)", { seed: Object(1) }, "seed"],
  ["seed 2**32 − 0.5", { seed: 2 ** 32 - 0.5 }, "seed"],
  ["seed -Infinity", { seed: -Infinity }, "seed"],
  ["horizonMonths -1", { horizonMonths: -1 }, "horizonMonths"],
  ["horizonMonths Infinity", { horizonMonths: Infinity }, "horizonMonths"],
  ["horizonMonths 1e6 (beyond the 1,200-month cap)", { horizonMonths: 1e6 }, "horizonMonths"],
  ['step "DAY"', { step: "DAY" }, "step"],
  ["thresholds [Infinity]", { thresholds: [Infinity] }, "thresholds.0"],
  ["thresholds [-0.1]", { thresholds: [-0.1] }, "thresholds.0"],
  ["thresholds [[0.5]]", { thresholds: [[0.5]] }, "thresholds.0"],
  ['keepPaths "true"', { keepPaths: "true" }, "keepPaths"],
  ['signal { aborted: "yes" }', { signal: { aborted: "yes" } }, "signal"],
  ["onProgress 5", { onProgress: 5 }, "onProgress"],
  ["parameterUniforms []", { parameterUniforms: [] }, "parameterUniforms"],
  ["parameterUniforms null", { parameterUniforms: null }, "parameterUniforms"],
  ["a __proto__ option (JSON payload)", json('{"__proto__":{"runs":5,"polluted":1}}'), "__proto__"],
  ["a constructor option", { constructor: { prototype: { polluted: 1 } } }, "constructor"],
];

describe("B. run options refuse with an OptionsError naming the option", () => {
  it.each(optionCases)("%s → %s", (_name, options, path) => {
    const error = thrown(() => resolveOptions(options));
    expect(error, String(error)).toBeInstanceOf(OptionsError);
    const e = error as OptionsError;
    expect([e.path, ...e.issues.map((issue) => issue.path)], e.message).toContain(path);
    expectOneLinePerIssue(e);
  });

  it("simulate and simulateSync refuse them too, before any work (parameterUniforms checked against the scenario)", async () => {
    await expect(simulate("baseline", { runs: 10n } as never)).rejects.toBeInstanceOf(OptionsError);
    const error = thrown(() => simulateSync("baseline", { runs: 10, parameterUniforms: { "attrition.nope": [0.5] } }));
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as OptionsError).path).toBe("parameterUniforms.attrition.nope");
    const zero = thrown(() => simulateSync("baseline", { runs: 2, parameterUniforms: { "attrition.exchangeRatio": [0.5, 0] } }));
    expect((zero as OptionsError).path).toBe("parameterUniforms.attrition.exchangeRatio.1");
  });
});

// ── C. scenario files through the command line ──────────────────────────────────────────────

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}
async function cli(...argv: string[]): Promise<Result> {
  let stdout = "",
    stderr = "";
  const io: CliIO = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t), isTTY: false } };
  return { code: await main(argv, io), stdout, stderr };
}

/** Exit 2, nothing on stdout, one stderr line `attrition-sim: …` of printable text, no stack trace. */
function expectOneLineBadInput(r: Result, message?: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^attrition-sim: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  if (message) expect(r.stderr).toMatch(message);
}

const corpusDir = fileURLToPath(new URL("./corpus/", import.meta.url));
/** Every committed corpus file and what `validate` must say about it (exit 0 only for bom-valid). */
const fileExpectations: Record<string, RegExp | "ok"> = {
  "array-root.json": /: expected a scenario object, got an array$/m,
  "bom-bad-field.json": /: russia\.initialForce: expected > 0, got -5$/m,
  "bom-valid.json": "ok",
  "comments.json": /: invalid JSON: /,
  "constructor-prototype.json": /: constructor: expected no "constructor" key/,
  "double-bom.json": /: invalid JSON: /,
  "empty.json": /: empty file/,
  "extends-proto.json": /: extends: expected one of article, baseline, .* got "__proto__"/,
  "extends-tostring.json": /: extends: expected one of .* got "toString"/,
  "ff-byte.json": /: not UTF-8 text \(invalid byte 0xff at offset 0/,
  "infinity-literal.json": /: invalid JSON: /,
  "key-with-escape.json": /: \\u001b\[31mred: expected no such key/,
  "key-with-newline.json": /: bad\\u000akey: expected no such key/,
  "latin1.json": /: not UTF-8 text \(invalid byte 0xe9 at offset 37/,
  "nan-literal.json": /: invalid JSON: /,
  "negative-huge.json": /: territory\.stalemateMeanKm2PerMonth: expected a finite number, got -Infinity$/m,
  "nul-byte.json": /: not UTF-8 JSON text \(a NUL byte at offset 24/,
  "null-root.json": /: expected a scenario object, got null$/m,
  "number-over-cap.json": /: attrition\.russiaLossesPerMonth: expected a magnitude ≤ 1e12/,
  "number-overflow.json": /: russia\.initialForce: expected a finite number, got Infinity$/m,
  "number-root.json": /: expected a scenario object, got 42$/m,
  "overlong-utf8.json": /: not UTF-8 text \(invalid byte 0xc0/,
  "proto-nested.json": /: dprk\.waves\.0\.__proto__: expected no "__proto__" key/,
  "proto-pollution.json": /: __proto__: expected no "__proto__" key/,
  "prototype-key.json": /: ukraine\.prototype: expected no "prototype" key/,
  "seed-in-file.json": /: seed: expected no such key/,
  "single-quotes.json": /: invalid JSON: /,
  "start-year-0.json": /: start: expected a start in the years 1900 to 2200/,
  "string-root-unknown.json": /: expected a preset name .* got "not-a-preset"/,
  "surrogate-utf8.json": /: not UTF-8 text \(invalid byte 0xed/,
  "trailing-comma.json": /: invalid JSON: /,
  "truncated-after-colon.json": /: invalid JSON: Unexpected end of JSON input$/m,
  "truncated-multibyte.json": /: not UTF-8 text \(invalid byte 0xc3/,
  "truncated-object.json": /: invalid JSON: /,
  "truncated-string.json": /: invalid JSON: Unterminated string/,
  "unknown-preset.json": /: extends: expected one of .* got "baseline-2"/,
  "utf16be-bom.json": /: UTF-16 text \(save the file as UTF-8\)/,
  "utf16le-bom.json": /: UTF-16 text \(save the file as UTF-8\)/,
  "utf16le-no-bom.json": /: not UTF-8 JSON text \(a NUL byte at offset 1/,
  "whitespace.json": /: empty file \(only white space/,
};

const tmp = mkdtempSync(join(tmpdir(), "attrition-sim-corpus-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, data: string | Buffer) => {
  const path = join(tmp, name);
  writeFileSync(path, data);
  return path;
};
const valid = readFileSync(join(corpusDir, "bom-valid.json")).subarray(3).toString("utf8");
const pretty = JSON.stringify(
  {
    extends: "baseline",
    name: "pretty",
    russia: { initialForce: 640_000, recruitmentCapacityPerMonth: "35000/month" },
    dprk: { waves: [wave()] },
  },
  null,
  2,
);

/** Files generated at test time (never committed): huge, deep, at the size cap, cut short. */
const generated: [name: string, make: () => string, message: RegExp | "ok"][] = [
  [
    "a 50 MB file",
    () => write("big.json", `{"extends":"baseline","description":"${"x".repeat(50 * 1024 * 1024)}"}`),
    /: cannot read: \d+ bytes is larger than the 16 MiB cap on scenario files/,
  ],
  [
    "a file one byte over the 16 MiB cap",
    () => write("cap-plus-1.json", sized(MAX_SCENARIO_FILE_BYTES + 1)),
    /is larger than the 16 MiB cap/,
  ],
  ["a file exactly at the 16 MiB cap", () => write("cap.json", sized(MAX_SCENARIO_FILE_BYTES)), "ok"],
  [
    "objects nested 10,000 deep",
    () => write("deep-objects.json", `{"extends":"baseline","deep":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`),
    /: deep(\.a){32}: expected at most 32 levels of nesting, got more$/m,
  ],
  [
    "arrays nested 10,000 deep",
    () => write("deep-arrays.json", `{"extends":"baseline","dprk":{"waves":${"[".repeat(10_000)}${"]".repeat(10_000)}}}`),
    /: dprk\.waves(\.0){31}: expected at most 32 levels of nesting, got more$/m,
  ],
  [
    "arrays nested 1,000,000 deep",
    () => write("deeper-arrays.json", `{"extends":"baseline","x":${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}`),
    /: x(\.0){32}: expected at most 32 levels of nesting, got more$/m,
  ],
  ["a file cut at 10% of its length", () => write("cut-10.json", pretty.slice(0, Math.floor(pretty.length * 0.1))), /: invalid JSON: /],
  ["a file cut at 50% of its length", () => write("cut-50.json", pretty.slice(0, Math.floor(pretty.length * 0.5))), /: invalid JSON: /],
  ["a file cut one character short", () => write("cut-1.json", pretty.slice(0, -1)), /: invalid JSON: /],
  [
    "a file cut inside a unit string",
    () => write("cut-unit.json", pretty.slice(0, pretty.indexOf("35000/") + 4)),
    /: invalid JSON: Unterminated string/,
  ],
  ["a valid file followed by garbage", () => write("garbage.json", `${valid}}}`), /: invalid JSON: /],
  ["two JSON documents in one file", () => write("two.json", `${valid}\n${valid}`), /: invalid JSON: /],
  [
    "a 100,000-character key",
    () => write("long-key.json", `{"extends":"baseline","${"k".repeat(100_000)}":1}`),
    /: k+\.\.\.: expected no such key|: k+: expected no such key/,
  ],
  [
    "three unknown keys: three complete lines",
    () => write("many-keys.json", `{"extends":"baseline",${Array.from({ length: 3 }, (_, i) => `"x${i}":1`).join(",")}}`),
    /: x0: expected no such key/,
  ],
];

/** A valid scenario padded (in its description) to exactly `bytes` bytes. */
function sized(bytes: number): string {
  const head = '{"extends":"baseline","name":"sized","description":"';
  const tail = '"}';
  return head + "x".repeat(bytes - head.length - tail.length) + tail;
}

describe("C. scenario files: `validate FILE` (and `run FILE`) exit 2 with one line, or 0 where the file is fine", () => {
  it("every committed corpus file has an expectation, and every expectation a file", () => {
    expect(
      readdirSync(corpusDir)
        .filter((name) => name.endsWith(".json"))
        .sort(),
    ).toEqual(Object.keys(fileExpectations).sort());
  });

  it.each(Object.entries(fileExpectations))("corpus/%s", async (name, expected) => {
    const path = join(corpusDir, name);
    const r = await cli("validate", path);
    if (expected === "ok") {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^ok: /);
    } else {
      expectOneLineBadInput(r, expected);
      expect(r.stderr.startsWith(`attrition-sim: ${path}: `)).toBe(true);
    }
  });

  it.each(generated)(
    "%s",
    async (_name, make, expected) => {
      const path = make();
      const r = await cli("validate", path);
      if (expected === "ok") {
        expect(r.code, r.stderr.slice(0, 300)).toBe(0);
      } else if (/three unknown keys/.test(_name)) {
        // Several problems: one complete line each.
        expect(r.code).toBe(2);
        for (const line of r.stderr.trimEnd().split("\n")) expect(line).toMatch(/^attrition-sim: .*: x\d+: expected no such key/);
      } else {
        expectOneLineBadInput(r, expected);
      }
      rmSync(path, { force: true });
    },
    30_000,
  );

  it("`run FILE` refuses the same files before simulating (a few of them)", async () => {
    for (const name of ["latin1.json", "proto-pollution.json", "empty.json", "utf16le-bom.json", "number-over-cap.json"]) {
      expectOneLineBadInput(await cli("run", join(corpusDir, name), "--runs", "10", "--months", "1"));
    }
    const big = write("big-run.json", sized(MAX_SCENARIO_FILE_BYTES + 10));
    expectOneLineBadInput(await cli("run", big, "--runs", "10"), /larger than the 16 MiB cap/);
  });

  it("a UTF-8 BOM is accepted and ignored: the same scenario as without it", async () => {
    const withBom = await cli("run", join(corpusDir, "bom-valid.json"), "--runs", "20", "--months", "2", "--format", "json");
    const without = await cli("run", write("no-bom.json", valid), "--runs", "20", "--months", "2", "--format", "json");
    expect(withBom.code).toBe(0);
    expect(withBom.stdout).toBe(without.stdout);
  });
});

// ── D. command-line arguments ───────────────────────────────────────────────────────────────

const existing = write("exists.json", "{}\n");
const argCases: [name: string, argv: string[], message: RegExp][] = [
  ["negative runs", ["run", "baseline", "--runs", "-5"], /--runs: expected an integer from 1 to 10000000, got -5$/m],
  ["runs -0", ["run", "baseline", "--runs=-0"], /--runs: expected an integer/],
  ["runs in hex", ["run", "baseline", "--runs", "0x10"], /--runs: .* got "0x10"/],
  ["runs empty", ["run", "baseline", "--runs="], /--runs: .* got ""/],
  ["runs Infinity", ["run", "baseline", "--runs", "Infinity"], /--runs: .* got "Infinity"/],
  ["runs NaN", ["run", "baseline", "--runs", "NaN"], /--runs: .* got "NaN"/],
  ["runs one over the maximum", ["run", "baseline", "--runs", "10000001"], /--runs: .* got 10000001/],
  ["runs 1e400", ["run", "baseline", "--runs", "1e400"], /--runs: .* got 1e400/],
  ["a seed that is an object", ["run", "baseline", "--seed", "{}"], /--seed: expected an integer from 0 to 4294967295, got "\{\}"/],
  ["a seed that is a JSON object", ["run", "baseline", "--seed", '{"a":1}'], /--seed: expected an integer/],
  ["a seed that is an array", ["run", "baseline", "--seed", "[1]"], /--seed: expected an integer/],
  ["seed 2^32", ["run", "baseline", "--seed", "4294967296"], /--seed: .* got 4294967296/],
  ["seed 1.5", ["run", "baseline", "--seed", "1.5"], /--seed: .* got 1.5/],
  ["months 1201", ["run", "baseline", "--months", "1201"], /--months: expected an integer from 1 to 1200, got 1201/],
  ["months -12", ["run", "baseline", "--months", "-12"], /--months: .* got -12/],
  ["step weekly", ["run", "baseline", "--step", "weekly"], /--step: expected one of day, month, got "weekly"/],
  ["step in capitals", ["run", "baseline", "--step", "DAY"], /--step: .* got "DAY"/],
  ["format in capitals", ["run", "baseline", "--format", "JSON"], /--format: expected one of .* got "JSON"/],
  ["format empty", ["run", "baseline", "--format="], /--format: .* got ""/],
  ["format with an =", ["run", "baseline", "--format=json=csv"], /--format: .* got "json=csv"/],
  ["threshold 0", ["run", "baseline", "--threshold", "0"], /--threshold: expected a share in \(0, 1\]/],
  ["threshold -1%", ["run", "baseline", "--threshold", "-1%"], /--threshold: .* got "-1%"/],
  ["threshold 150%", ["run", "baseline", "--threshold", "150%"], /--threshold: .* got "150%"/],
  ["threshold with an empty item", ["run", "baseline", "--threshold", "0.5,,0.6"], /--threshold: .* got ""/],
  ["--out a directory", ["run", "baseline", "--out", tmp], /--out: cannot write .*: it is a directory/],
  [
    "--out an existing file without --force",
    ["run", "baseline", "--runs", "10", "--months", "1", "--out", existing],
    /--out: will not overwrite .*exists\.json": it already exists \(use --force to overwrite it\)/,
  ],
  ["--force without --out", ["run", "baseline", "--force"], /--force: only with --out FILE/],
  ["--force with a value", ["run", "baseline", "--force=yes", "--out", join(tmp, "x.json")], /--force: takes no value, got "yes"/],
  ["command in capitals", ["RUN", "baseline"], /unknown command "RUN"/],
  ["command __proto__", ["__proto__"], /unknown command "__proto__"/],
  ["command constructor", ["constructor"], /unknown command "constructor"/],
  ["command toString", ["toString"], /unknown command "toString"/],
  ["preset in capitals", ["run", "Baseline"], /unknown preset or file "Baseline"/],
  ["preset __proto__", ["run", "__proto__"], /unknown preset or file "__proto__"/],
  ["params of an unknown preset", ["params", "nope"], /unknown preset or file "nope"/],
  ["a single-dash option", ["run", "baseline", "-x"], /unknown option "-x" for run/],
  ["a triple-dash option", ["run", "baseline", "---runs", "5"], /unknown option "---runs"/],
  ["an option after --", ["run", "--", "--runs"], /unknown preset or file "--runs"/],
  ["a flag as the value of another", ["run", "baseline", "--runs", "--seed", "1"], /--runs: expected a value, got nothing/],
  ["report --runs 0", ["report", "--runs", "0"], /--runs: expected an integer/],
  ["scenarios with an option", ["scenarios", "--format", "json"], /unknown option "--format" for scenarios/],
  ["validate a directory", ["validate", tmp], /: cannot read: is a directory/],
  ["validate a file in a missing folder", ["validate", join(tmp, "nope", "x.json")], /: cannot read: no such file/],
];

describe("D. command-line arguments exit 2 with one line", () => {
  it.each(argCases)("%s", async (_name, argv, message) => {
    expectOneLineBadInput(await cli(...argv), message);
  });

  it("the existing file refused without --force is untouched", () => {
    expect(readFileSync(existing, "utf8")).toBe("{}\n");
  });
});

// ── E. totals and prototype pollution ──────────────────────────────────────────────────────

describe("E. the corpus as a whole", () => {
  it("holds at least 100 new cases", () => {
    const total = scenarioCases.length + optionCases.length + Object.keys(fileExpectations).length + generated.length + argCases.length;
    console.info(
      `reliability corpus: ${scenarioCases.length} parseScenario + ${optionCases.length} options + ${Object.keys(fileExpectations).length} committed files + ${generated.length} generated files + ${argCases.length} CLI arguments = ${total} cases`,
    );
    expect(total).toBeGreaterThanOrEqual(100);
  });

  it("no payload polluted a prototype: ({}).polluted === undefined, Object.prototype unchanged", () => {
    // Runs after every payload above (vitest runs a file's tests in order).
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).runs).toBeUndefined();
    expect(Object.getPrototypeOf(parseScenario("baseline"))).toBe(Object.prototype);
  });
});
