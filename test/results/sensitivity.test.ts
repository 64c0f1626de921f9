import { describe, expect, it } from "vitest";
import { parseTarget, targetHorizon, targetValues } from "../../src/analysis/targets.js";
import { sensitivity } from "../../src/results/sensitivity.js";
import { averageRanks, spearman, tornado } from "../../src/analysis/tornado.js";
import { createStream } from "../../src/engine/rng.js";
import { simulateSync } from "../../src/results/simulate.js";
import { OptionsError } from "../../src/util/errors.js";
import { sensitivityJsonSchema } from "../../src/output/sensitivity-json.js";
import { listParameters } from "../../src/engine/parameters.js";
import { median } from "../../src/scenario/distributions.js";
import { parseScenario, toScenarioInput } from "../../src/scenario/parse.js";

/** The baseline with every parameter fixed at its median except `keep` (and `extra` overrides applied first). */
function onlyVarying(keep: readonly string[], extra: Record<string, unknown> = {}): unknown {
  const parsed = parseScenario({ extends: "baseline", name: "toy", ...extra });
  const input = toScenarioInput(parsed);
  for (const slot of listParameters(parsed)) {
    if (keep.includes(slot.path)) continue;
    const keys = slot.path.split(".");
    let node = input as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys.at(-1)!] = median(slot.spec);
  }
  return input;
}

const FROZEN_OFFENSIVE = { dynamics: { forces: "frozen", regime: "offensive", noise: "off", events: "off" } };

describe("targets", () => {
  it("parse a series at a month, a month-end date, and a first passage (with a percentage)", () => {
    expect(parseTarget("occupiedShare@2030-12")).toEqual({
      kind: "value",
      text: "occupiedShare@2030-12",
      series: "occupiedShare",
      month: "2030-12",
    });
    expect(parseTarget(" dprkLosses@2026-12-31 ")).toMatchObject({ kind: "value", series: "dprkLosses", month: "2026-12" });
    expect(parseTarget("monthsTo:occupiedShare>=25%")).toMatchObject({
      kind: "monthsTo",
      operator: ">=",
      threshold: 0.25,
      text: "monthsTo:occupiedShare>=0.25",
    });
    expect(parseTarget("monthsTo:ukraineForce<300000")).toMatchObject({ operator: "<", threshold: 300_000 });
  });

  it.each([
    ["", /^target: expected a target such as occupiedShare@2030-12/],
    ["occupied@2030-12", /^target: expected a series \(occupiedKm2, .*\) before "@", got "occupied"$/],
    ["occupiedShare@2030-13", /^target: expected a month YYYY-MM after "@", got "2030-13"$/],
    ["occupiedShare@2030-12-30", /^target: expected a month YYYY-MM \(or its last day, 2030-12-31\) after "@", got "2030-12-30"$/],
    ["occupiedShare", /^target: expected <series>@<YYYY-MM> or monthsTo:/],
    ["monthsTo:occupiedShare=0.25", /^target: expected a comparison \(>=, <=, >, <\) after "occupiedShare", got "=0"$/],
    ["monthsTo:occupiedShare>=lots", /^target: expected a number \(or a percentage such as 25%\) after ">=", got "lots"$/],
    ["monthsTo:territory>=0.25", /^target: expected a series .* after "monthsTo:", got "territory"$/],
    ["monthsTo:occupiedShare", /^target: expected monthsTo:<series><op><value>/],
  ])("refuse %j with an OptionsError naming the bad part", (text, message) => {
    expect(() => parseTarget(text)).toThrow(OptionsError);
    expect(() => parseTarget(text)).toThrow(message);
  });

  it("need a horizon up to the target month, which must lie after the start", () => {
    expect(targetHorizon(parseTarget("occupiedShare@2030-12"), "2025-07-01", undefined, 120, 1200)).toBe(66);
    expect(targetHorizon(parseTarget("monthsTo:occupiedShare>=0.3"), "2025-07-01", undefined, 120, 1200)).toBe(120);
    expect(() => targetHorizon(parseTarget("occupiedShare@2025-06"), "2025-07-01", undefined, 120, 1200)).toThrow(
      /^target: expected a month from 2025-07 to 2125-06 \(the scenario starts 2025-07-01\), got "2025-06"$/,
    );
    expect(() => targetHorizon(parseTarget("occupiedShare@2030-12"), "2025-07-01", 24, 120, 1200)).toThrow(
      /^horizonMonths: expected at least 66 months/,
    );
  });

  it("read per-path values; a first passage never reached counts as horizon + 1", () => {
    const p = simulateSync("baseline", { runs: 64, horizonMonths: 24, step: "month", keepPaths: true });
    const paths = p.paths!;
    const at = targetValues(parseTarget("occupiedShare@2027-06"), paths, 23).values;
    expect(at[5]).toBe(paths.series.occupiedShare[23 * 64 + 5]);
    const { values, censored } = targetValues(parseTarget("monthsTo:occupiedShare>=0.25"), paths, 0);
    const engine = paths.firstMonth.subarray(0, 64); // the engine's own first passage at 0.25
    for (let i = 0; i < 64; i += 1) expect(values[i]).toBe(engine[i] === Infinity ? 25 : engine[i]);
    expect(censored).toBe(engine.filter((v) => v === Infinity).length);
    expect(targetValues(parseTarget("monthsTo:occupiedShare>=0.1"), paths, 0).values.every((v) => v === 0)).toBe(true); // already at the start
  });
});

describe("tornado core", () => {
  it("ranks the input that drives the output first, with the expected median shift, and an interval around it", () => {
    const n = 5000,
      u = createStream(3, "toy");
    const x = Float64Array.from({ length: n }, () => u()),
      z = Float64Array.from({ length: n }, () => u()),
      e = Float64Array.from({ length: n }, () => u());
    const y = x.map((v, i) => 10 * v + e[i]!);
    const { rows, constant } = tornado({ z, x, fixed: new Float64Array(n).fill(2) }, y, { uniform: createStream(3, "boot") });
    expect(constant).toEqual(["fixed"]);
    expect(rows.map((r) => r.name)).toEqual(["x", "z"]);
    // Groups: x in the bottom/top 20% → medians ≈ 10·0.1 + 0.5 and 10·0.9 + 0.5: a shift of ≈ 8.
    expect(rows[0]!.shift).toBeGreaterThan(7.6);
    expect(rows[0]!.shift).toBeLessThan(8.4);
    expect(rows[0]!.shiftInterval[0]).toBeLessThan(rows[0]!.shift);
    expect(rows[0]!.shiftInterval[1]).toBeGreaterThan(rows[0]!.shift);
    expect(rows[0]!.spearman).toBeGreaterThan(0.9);
    expect(Math.abs(rows[1]!.spearman)).toBeLessThan(0.05);
    expect(rows[1]!.shiftInterval[0]).toBeLessThan(0);
    expect(rows[1]!.shiftInterval[1]).toBeGreaterThan(0);
  });

  it("Spearman uses average ranks for ties", () => {
    expect(Array.from(averageRanks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [10, 30, 20, 40])).toBeCloseTo(0.8, 12);
    expect(spearman([1, 2, 3], [5, 5, 5])).toBe(0);
  });
});

describe("sensitivity of the model", () => {
  it("toy: only the offensive pace varies and matters → it gets ≥ 90% of the total-order index", async () => {
    const toy = onlyVarying(["territory.offensivePaceKm2PerMonth", "russia.recruitmentCapacityPerMonth", "dprk.exposure"], {
      ...FROZEN_OFFENSIVE,
      territory: { offensivePaceKm2PerMonth: { dist: "uniform", min: 300, max: 700 } },
    });
    const result = await sensitivity(toy, { target: "occupiedShare@2027-12", method: "sobol", runs: 256, resamples: 50 });
    expect(result.method).toBe("sobol");
    if (result.method !== "sobol") return;
    const byName = Object.fromEntries(result.sobol.factors.map((f) => [f.factor, f]));
    expect(Object.keys(byName).sort()).toEqual([
      "dprk.exposure",
      "noise",
      "russia.recruitmentCapacityPerMonth",
      "territory.offensivePaceKm2PerMonth",
    ]);
    const totals = result.sobol.factors.reduce((sum, f) => sum + Math.max(0, f.total ?? 0), 0);
    const pace = byName["territory.offensivePaceKm2PerMonth"]!;
    expect(pace.total! / totals).toBeGreaterThanOrEqual(0.9);
    expect(pace.first!).toBeGreaterThan(0.95);
    for (const other of ["dprk.exposure", "russia.recruitmentCapacityPerMonth", "noise"]) expect(byName[other]!.total!).toBeLessThan(0.01);
    expect(result.sobol.factors[0]!.factor).toBe("territory.offensivePaceKm2PerMonth");
    expect(sensitivityJsonSchema.parse(JSON.parse(JSON.stringify(result)))).toEqual(result);
  });

  it("toy: with every parameter fixed and the noise on, the path's own chance is the whole variance", async () => {
    const toy = onlyVarying([], { dynamics: { noise: "on", events: "on" } });
    const result = await sensitivity(toy, { target: "occupiedShare@2026-12", method: "sobol", runs: 256, resamples: 50 });
    if (result.method !== "sobol") throw new Error("expected sobol");
    expect(result.sobol.factors).toHaveLength(1);
    expect(result.sobol.factors[0]).toMatchObject({ factor: "noise", kind: "noise" });
    expect(result.sobol.factors[0]!.total!).toBeGreaterThan(0.9);
    expect(result.sobol.factors[0]!.first!).toBeGreaterThan(0.9);
    expect(result.sobol.noiseSeeds[0]).not.toBe(result.sobol.noiseSeeds[1]);
  });

  it("tornado on the baseline: every varying parameter gets a row, fixed ones are listed, the JSON validates", async () => {
    const result = await sensitivity("baseline", { target: "occupiedShare@2027-06", runs: 1500, resamples: 50 });
    if (result.method !== "tornado") throw new Error("expected tornado");
    const names = result.tornado.parameters.map((r) => r.parameter);
    expect(names).toContain("ceasefire.hazardPerMonth");
    expect(result.tornado.constant).toContain("russia.initialForce");
    expect(names).not.toContain("dprk.furtherWaves.size"); // drawn per event: part of the noise
    for (let i = 1; i < names.length; i += 1)
      expect(Math.abs(result.tornado.parameters[i - 1]!.shift)).toBeGreaterThanOrEqual(Math.abs(result.tornado.parameters[i]!.shift));
    expect(result.options).toMatchObject({
      runs: 1500,
      totalPaths: 1500,
      horizonMonths: 24,
      step: "month",
      seed: 1,
      resamples: 50,
      level: 0.95,
    });
    expect(sensitivityJsonSchema.parse(JSON.parse(JSON.stringify(result)))).toEqual(result);
    // Deterministic: the same options give the same bytes.
    const again = await sensitivity("baseline", { target: "occupiedShare@2027-06", runs: 1500, resamples: 50 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(result));
  });

  it("a first-passage target reports its censoring rule and share", async () => {
    const result = await sensitivity("baseline", { target: "monthsTo:occupiedShare>=0.22", runs: 400, horizonMonths: 36, resamples: 20 });
    expect(result.target).toMatchObject({ kind: "monthsTo", censoredAs: 37, unit: "months", month: null, threshold: 0.22 });
    expect(result.output.censoredShare).toBeGreaterThan(0);
    expect(result.output.censoredShare).toBeLessThan(1);
    expect(result.output.p95).toBeLessThanOrEqual(37);
  });

  it("parameters drawn jointly from a posterior are not Sobol factors: they belong to the noise factor", async () => {
    const draws = Array.from({ length: 20 }, (_, k) => [2.0 + k * 0.03, 30_000 + k * 500]);
    const scenario = {
      extends: "article",
      posterior: { kind: "posterior", parameters: ["attrition.exchangeRatio", "attrition.russiaLossesPerMonth"], draws },
    };
    const result = await sensitivity(scenario, { target: "occupiedShare@2025-12", method: "sobol", runs: 16, resamples: 10 });
    if (result.method !== "sobol") throw new Error("expected sobol");
    const names = result.sobol.factors.map((f) => f.factor);
    expect(names).not.toContain("attrition.exchangeRatio");
    expect(names).not.toContain("attrition.russiaLossesPerMonth");
    expect(result.sobol.factors.find((f) => f.kind === "noise")!.distribution).toContain("posterior draw of attrition.exchangeRatio");
    expect(result.sobol.matrices).toBe(names.length + 2);
  });

  it("reports monotonic progress ending at 1, and an aborted signal stops it with an AbortError", async () => {
    const seen: number[] = [];
    await sensitivity("baseline", {
      target: "occupiedShare@2025-09",
      method: "sobol",
      runs: 16,
      resamples: 10,
      onProgress: (f) => seen.push(f),
    });
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i += 1) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    const controller = new AbortController();
    controller.abort();
    await expect(sensitivity("baseline", { target: "occupiedShare@2025-09", signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("bad options are refused before any work, each named", async () => {
    await expect(sensitivity("baseline", { target: "occupiedShare@2030-13" })).rejects.toThrow(/^target: expected a month YYYY-MM/);
    await expect(
      sensitivity("baseline", { target: "occupiedShare@2030-12", method: "morris" as never, runs: 5, resamples: 3 }),
    ).rejects.toThrow(
      /method: expected "tornado" or "sobol", got "morris"\nruns: expected an integer from 10 to \d+, got 5\nresamples: expected an integer from 10 to 100000, got 3/,
    );
    await expect(sensitivity("baseline", { target: "occupiedShare@2030-12", bogus: 1 } as never)).rejects.toThrow(
      /^bogus: expected one of the known options/,
    );
    await expect(sensitivity("baseline", undefined as never)).rejects.toThrow(OptionsError);
  });
});

describe("sensitivity of a scenario on the shipped posterior", () => {
  it("leaves out the fitted parameters (each path takes them from its posterior row), unless overridden", async () => {
    const fitted = "territory.offensivePaceKm2PerMonth";
    const result = await sensitivity("baseline", { target: "occupiedShare@2025-12", method: "sobol", runs: 16, resamples: 10 });
    if (result.method !== "sobol") throw new Error("expected sobol");
    expect(result.sobol.factors.map((f) => f.factor)).not.toContain(fitted);
    const over = await sensitivity(
      { extends: "baseline", territory: { offensivePaceKm2PerMonth: { dist: "uniform", min: 100, max: 500 } } },
      { target: "occupiedShare@2025-12", method: "sobol", runs: 16, resamples: 10 },
    );
    if (over.method !== "sobol") throw new Error("expected sobol");
    expect(over.sobol.factors.map((f) => f.factor)).toContain(fitted);
  });
});
