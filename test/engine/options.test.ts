import { describe, expect, it } from "vitest";
import { resolveOptions, DEFAULT_THRESHOLDS, MAX_HORIZON_MONTHS, MAX_RUNS } from "../../src/engine/options.js";
import { InputError, OptionsError } from "../../src/util/errors.js";

function optionsErrorOf(options: unknown): OptionsError {
  let caught: unknown;
  let threw = false;
  try {
    resolveOptions(options);
  } catch (error) {
    threw = true;
    caught = error;
  }
  expect(threw, "resolveOptions should throw").toBe(true);
  const described = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
  expect(caught, `not a TypeError: ${described}`).not.toBeInstanceOf(TypeError);
  expect(caught, `an OptionsError: ${described}`).toBeInstanceOf(OptionsError);
  expect(caught).toBeInstanceOf(InputError);
  return caught as OptionsError;
}

describe("resolveOptions defaults", () => {
  it("fills in runs 10000, seed 1, horizon 120, step month, the default thresholds", () => {
    const o = resolveOptions();
    expect(o).toMatchObject({ runs: 10_000, seed: 1, horizonMonths: 120, step: "month", keepPaths: false });
    expect(o.thresholds).toEqual([...DEFAULT_THRESHOLDS]);
    expect(o.onProgress).toBeUndefined();
    expect(o.signal).toBeUndefined();
    expect(resolveOptions({})).toEqual(o);
  });

  it("steps by month (12 sub-steps) at every horizon unless told otherwise", () => {
    for (const horizonMonths of [1, 12, 240, 241, 1200]) expect(resolveOptions({ horizonMonths }).step).toBe("month");
  });

  it("an explicit step wins over the default", () => {
    expect(resolveOptions({ horizonMonths: 300, step: "day" }).step).toBe("day");
    expect(resolveOptions({ horizonMonths: 12, step: "month" }).step).toBe("month");
  });

  it("accepts the bounds", () => {
    expect(resolveOptions({ runs: 1 }).runs).toBe(1);
    expect(resolveOptions({ runs: MAX_RUNS }).runs).toBe(MAX_RUNS);
    expect(resolveOptions({ seed: 0 }).seed).toBe(0);
    expect(resolveOptions({ seed: 2 ** 32 - 1 }).seed).toBe(2 ** 32 - 1);
    expect(resolveOptions({ horizonMonths: 1 }).horizonMonths).toBe(1);
    expect(resolveOptions({ horizonMonths: MAX_HORIZON_MONTHS }).horizonMonths).toBe(MAX_HORIZON_MONTHS);
    expect(resolveOptions({ thresholds: [1] }).thresholds).toEqual([...DEFAULT_THRESHOLDS]);
  });

  it("adds extra thresholds to the defaults, without duplicates", () => {
    const t = resolveOptions({ thresholds: [0.4, 0.25, 0.4] }).thresholds;
    expect(t).toEqual(expect.arrayContaining([...DEFAULT_THRESHOLDS, 0.4]));
    expect(t).toHaveLength(DEFAULT_THRESHOLDS.length + 1);
  });

  it("does not share the default thresholds array between calls", () => {
    const a = resolveOptions();
    a.thresholds.push(0.9);
    expect(resolveOptions().thresholds).toEqual([...DEFAULT_THRESHOLDS]);
  });

  it("passes through keepPaths, onProgress and a real AbortSignal", () => {
    const onProgress = () => {};
    const signal = new AbortController().signal;
    const o = resolveOptions({ keepPaths: true, onProgress, signal });
    expect(o.keepPaths).toBe(true);
    expect(o.onProgress).toBe(onProgress);
    expect(o.signal).toBe(signal);
  });
});

interface Case {
  name: string;
  options: unknown;
  path: string;
}

const cases: Case[] = [
  { name: "runs 0", options: { runs: 0 }, path: "runs" },
  { name: "runs -5", options: { runs: -5 }, path: "runs" },
  { name: "runs 1.5", options: { runs: 1.5 }, path: "runs" },
  { name: 'runs "10"', options: { runs: "10" }, path: "runs" },
  { name: "runs 1e9", options: { runs: 1e9 }, path: "runs" },
  { name: "runs NaN", options: { runs: NaN }, path: "runs" },
  { name: "runs Infinity", options: { runs: Infinity }, path: "runs" },
  { name: "runs null", options: { runs: null }, path: "runs" },
  { name: "seed -1", options: { seed: -1 }, path: "seed" },
  { name: "seed 2**32", options: { seed: 2 ** 32 }, path: "seed" },
  { name: "seed {}", options: { seed: {} }, path: "seed" },
  { name: 'seed "1"', options: { seed: "1" }, path: "seed" },
  { name: "seed 1.5", options: { seed: 1.5 }, path: "seed" },
  { name: "seed NaN", options: { seed: NaN }, path: "seed" },
  { name: "horizonMonths 0", options: { horizonMonths: 0 }, path: "horizonMonths" },
  { name: "horizonMonths 1201", options: { horizonMonths: 1201 }, path: "horizonMonths" },
  { name: "horizonMonths 12.5", options: { horizonMonths: 12.5 }, path: "horizonMonths" },
  { name: 'horizonMonths "120"', options: { horizonMonths: "120" }, path: "horizonMonths" },
  { name: 'step "week"', options: { step: "week" }, path: "step" },
  { name: "step 1", options: { step: 1 }, path: "step" },
  { name: "thresholds [0]", options: { thresholds: [0] }, path: "thresholds.0" },
  { name: "thresholds [1.5]", options: { thresholds: [1.5] }, path: "thresholds.0" },
  { name: "thresholds [0.5, NaN]", options: { thresholds: [0.5, NaN] }, path: "thresholds.1" },
  { name: 'thresholds ["0.5"]', options: { thresholds: ["0.5"] }, path: "thresholds.0" },
  { name: 'thresholds "x"', options: { thresholds: "x" }, path: "thresholds" },
  { name: "unknown option key", options: { foo: 1 }, path: "foo" },
  { name: "misspelt option key", options: { horizon: 120 }, path: "horizon" },
  { name: "keepPaths 1", options: { keepPaths: 1 }, path: "keepPaths" },
  { name: "onProgress not a function", options: { onProgress: "log" }, path: "onProgress" },
  { name: "signal {}", options: { signal: {} }, path: "signal" },
  { name: 'signal "abort"', options: { signal: "abort" }, path: "signal" },
  { name: "signal null", options: { signal: null }, path: "signal" },
  { name: "signal an AbortController", options: { signal: new AbortController() }, path: "signal" },
  { name: "options null", options: null, path: "" },
  { name: "options 42", options: 42, path: "" },
  { name: "options []", options: [], path: "" },
];

describe("resolveOptions refuses bad options with an OptionsError and a path", () => {
  it.each(cases)("$name → $path", ({ options, path }) => {
    const error = optionsErrorOf(options);
    expect(error.name).toBe("OptionsError");
    expect([error.path, ...error.issues.map((issue) => issue.path)]).toContain(path);
  });

  it.each(cases)("$name: every problem reads `path: expected …, got …`", ({ options }) => {
    const error = optionsErrorOf(options);
    for (const issue of error.issues) {
      expect(issue.message, `issue at "${issue.path}"`).toMatch(/^expected\b.*\bgot\b/s);
    }
  });

  it("lists every bad option", () => {
    const error = optionsErrorOf({ runs: 0, seed: -1, step: "week", foo: 1 });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(["foo", "runs", "seed", "step"]);
  });

  it("names the value given", () => {
    expect(optionsErrorOf({ runs: 0 }).message).toBe("runs: expected an integer from 1 to 10000000, got 0");
    expect(optionsErrorOf({ seed: "1" }).message).toContain('got "1"');
    expect(optionsErrorOf({ step: "week" }).message).toContain('got "week"');
  });
});
