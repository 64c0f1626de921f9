import { describe, expect, it } from "vitest";
import { compare, compareSync, Comparison } from "../../src/results/comparison.js";
import { simulateSync } from "../../src/results/simulate.js";
import { SERIES, type SeriesName } from "../../src/engine/store.js";
import { OptionsError, ScenarioError } from "../../src/util/errors.js";
import { main, type CliIO } from "../../src/node/cli.js";

const RUNS = 400;
const MONTHS = 24;

function sd(values: Float64Array): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

describe("compare on common random numbers", () => {
  const paired = compareSync("baseline", "no-pledge", { runs: RUNS, seed: 1, horizonMonths: MONTHS, thresholds: [0.205] });

  it("shares the random draws: the paired difference spreads far less than that of two independent runs", () => {
    // Independent: the same two scenarios with different seeds, path i against path i.
    const a = simulateSync("baseline", { runs: RUNS, seed: 1, horizonMonths: MONTHS, keepPaths: true });
    const b = simulateSync("no-pledge", { runs: RUNS, seed: 2, horizonMonths: MONTHS, keepPaths: true });
    const ratio = (series: SeriesName, m: number) => {
      const d = new Float64Array(RUNS),
        e = new Float64Array(RUNS);
      for (let i = 0; i < RUNS; i += 1) {
        d[i] = paired.b.paths!.series[series][m * RUNS + i]! - paired.a.paths!.series[series][m * RUNS + i]!;
        e[i] = b.paths!.series[series][m * RUNS + i]! - a.paths!.series[series][m * RUNS + i]!;
      }
      return sd(d) / sd(e);
    };
    // Measured (400 runs, month 24, seed 1 paired vs seeds 1 and 2): sd ratio 0.065 for the
    // occupied share, 0.045 for the Russian force, 0.017 for Russian losses; the DPRK series,
    // which the pledge wave itself moves, stay near 0.7–0.8.
    expect(ratio("occupiedShare", MONTHS - 1)).toBeLessThan(0.15);
    expect(ratio("russiaForce", MONTHS - 1)).toBeLessThan(0.15);
    expect(ratio("russiaLosses", MONTHS - 1)).toBeLessThan(0.1);
    expect(ratio("occupiedShare", 11)).toBeLessThan(0.2);
  });

  it("summarises the per-path difference b − a per series and month", () => {
    const m = MONTHS - 1;
    for (const name of SERIES) {
      const d = paired.difference(name);
      expect(d.mean).toHaveLength(MONTHS);
      let sum = 0;
      for (let i = 0; i < RUNS; i += 1) sum += paired.b.paths!.series[name][m * RUNS + i]! - paired.a.paths!.series[name][m * RUNS + i]!;
      expect(d.mean[m]).toBeCloseTo(sum / RUNS, 6);
      expect(d.p05[m]!).toBeLessThanOrEqual(d.p50[m]!);
      expect(d.p50[m]!).toBeLessThanOrEqual(d.p95[m]!);
    }
    // Without the pledge wave: fewer DPRK troops and DPRK casualties, never more.
    expect(paired.difference("dprkLosses").p95[m]!).toBeLessThanOrEqual(0);
    expect(paired.difference("dprkForce").mean[5]!).toBeLessThan(-10_000);
  });

  it("reports each event's shift in months (paired) and in P(never)", () => {
    const e = paired.event(0.205);
    const { both, onlyA, onlyB, neither } = e.paths;
    expect(both + onlyA + onlyB + neither).toBe(RUNS);
    expect(e.pNever.a).toBeCloseTo(paired.a.event(0.205).pNever, 12);
    expect(e.pNever.b).toBeCloseTo(paired.b.event(0.205).pNever, 12);
    expect(e.pNever.difference).toBeCloseTo(e.pNever.b - e.pNever.a, 12);
    expect(e.pNever.differenceSe).toBeGreaterThan(0);
    expect(both).toBeGreaterThan(50);
    // The paired shift recomputed from the first-passage months.
    const k = paired.a.paths!.thresholds.indexOf(0.205);
    const shifts: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const ta = paired.a.paths!.firstMonth[k * RUNS + i]!,
        tb = paired.b.paths!.firstMonth[k * RUNS + i]!;
      if (Number.isFinite(ta) && Number.isFinite(tb)) shifts.push(tb - ta);
    }
    expect(e.pairedShift.paths).toBe(shifts.length);
    expect(e.pairedShift.mean).toBeCloseTo(shifts.reduce((s, v) => s + v, 0) / shifts.length, 9);
    expect(e.medianShift).toBe(e.medianMonths.a === null || e.medianMonths.b === null ? null : e.medianMonths.b - e.medianMonths.a);
    // A threshold nobody reaches: no paired statistics, P(never) 1 in both.
    expect(paired.event(1)).toMatchObject({ pairedShift: { paths: 0, mean: null, p50: null }, pNever: { a: 1, b: 1, difference: 0 } });
  });

  it("gives exact zeros when a scenario is compared with itself", () => {
    const same = compareSync("no-dprk", "no-dprk", { runs: 64, seed: 3, horizonMonths: 6 });
    for (const name of SERIES) {
      const d = same.difference(name);
      for (const key of ["mean", "p05", "p50", "p95"] as const) expect(d[key].every((v) => v === 0)).toBe(true);
    }
    expect(same.labels).toEqual(["no-dprk (a)", "no-dprk (b)"]);
    expect(same.events.every((e) => e.pNever.difference === 0 && e.paths.onlyA === 0 && e.paths.onlyB === 0)).toBe(true);
  });

  it("async and sync forms agree; the JSON is versioned, deterministic and NaN-free", async () => {
    const small = { runs: 50, seed: 9, horizonMonths: 4 };
    const x = await compare("baseline", "no-dprk", small);
    const y = compareSync("baseline", "no-dprk", small);
    const text = JSON.stringify(x.toJSON());
    expect(text).toBe(JSON.stringify(y.toJSON()));
    expect(text).not.toMatch(/NaN|Infinity/);
    const json = x.toJSON();
    expect(json.schema).toBe("attrition-sim/comparison@1");
    expect(json.difference).toBe("no-dprk minus baseline");
    expect(json.a.scenario.name).toBe("baseline");
    expect(json.months).toHaveLength(4);
    expect(Object.keys(json.series)).toEqual([...SERIES]);
  });

  it("writes tidy CSV with the rows of a, b and their difference", () => {
    const c = compareSync("baseline", "no-dprk", { runs: 20, seed: 1, horizonMonths: 2 });
    const lines = c.toCSV().split("\r\n");
    expect(lines[0]).toBe("scenario,month,series,stat,value");
    const scenarios = new Set(lines.slice(1, -1).map((l) => l.split(",")[0]));
    expect([...scenarios]).toEqual(["baseline", "no-dprk", "no-dprk minus baseline"]);
    expect(lines).toHaveLength(1 + 3 * 2 * SERIES.length * 6 + 1);
  });

  it("has a short text form that never prints the samples", async () => {
    const { inspect } = await import("node:util");
    const c = compareSync("baseline", "no-pledge", { runs: 30, seed: 1, horizonMonths: 3 });
    const text = inspect(c);
    expect(text).toMatch(
      /^Comparison\(no-pledge minus baseline, 30 paired runs, seed 1, 3 months from 2025-07-01; occupied share at 2025-09-30: mean /,
    );
    expect(text.length).toBeLessThan(300);
    expect(String(c)).toBe(text);
  });

  it("refuses bad input with a path: different start dates, kept-path options, bad runs", () => {
    expect(() => compareSync("baseline", "hindcast-2024-11", { runs: 10, horizonMonths: 2 })).toThrow(ScenarioError);
    try {
      compareSync("baseline", "hindcast-2024-11", { runs: 10, horizonMonths: 2 });
    } catch (error) {
      expect((error as ScenarioError).path).toBe("start");
      expect((error as Error).message).toMatch(
        /^start: expected both scenarios to start on the same date .*got 2025-07-01 \(baseline\) and 2024-12-01 \(hindcast-2024-11\)/,
      );
    }
    expect(() => compareSync("baseline", "no-dprk", { runs: 0 })).toThrow(/runs: expected an integer/);
    expect(() => compareSync("baseline", "no-dprk", { keepPaths: false } as never)).toThrow(OptionsError);
    expect(() => compareSync("baseline", "nope")).toThrow(ScenarioError);
    const a = simulateSync("baseline", { runs: 10, horizonMonths: 2 });
    expect(() => new Comparison(a, a)).toThrow(/keepPaths/);
  });
});

describe("attrition-sim compare", () => {
  async function cli(...argv: string[]) {
    let stdout = "",
      stderr = "";
    const io: CliIO = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t), isTTY: false } };
    const code = await main(argv, io);
    return { code, stdout, stderr };
  }

  it("prints the difference table and the event shifts", async () => {
    const r = await cli("compare", "baseline", "no-pledge", "--runs", "60", "--months", "18", "--threshold", "0.205");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Comparison no-pledge minus baseline, path by path: 60 paired runs \(seed 1: the same random draws in both\), 18 months from 2025-07-01, month step/,
    );
    expect(r.stdout).toMatch(/^2025-12 +.*−\d+(\.\d)?k \[/m);
    expect(r.stdout).toMatch(/occupied share ≥ 20\.5% +median \S+ → \S+ +paired shift/);
    expect(r.stdout).toMatch(/P\(never within 18 months\) \d+\.\d% → \d+\.\d% \(/);
  });

  it("writes JSON, CSV and an SVG overlay of both scenarios", async () => {
    const json = await cli("compare", "baseline", "no-dprk", "--runs", "20", "--months", "3", "--format", "json");
    expect(JSON.parse(json.stdout).schema).toBe("attrition-sim/comparison@1");
    const csv = await cli("compare", "baseline", "no-dprk", "--runs", "20", "--months", "3", "--format", "csv");
    expect(csv.stdout.startsWith("scenario,month,series,stat,value\r\n")).toBe(true);
    const svg = await cli("compare", "baseline", "no-dprk", "--runs", "20", "--months", "3", "--format", "svg", "--series", "dprkForce");
    expect(svg.code).toBe(0);
    expect(svg.stdout).toMatch(/^<svg [^>]*role="img"/);
    expect(svg.stdout).toContain("DPRK troops in theatre — baseline vs no-dprk");
  });

  it("rejects bad input with exit 2 and one line", async () => {
    for (const argv of [
      ["compare", "baseline"],
      ["compare", "baseline", "no-dprk", "extra"],
      ["compare", "baseline", "no-dprk", "--series", "dprkForce"],
      ["compare", "baseline", "no-dprk", "--format", "svg", "--series", "nope"],
      ["compare", "baseline", "hindcast-2024-11", "--runs", "5", "--months", "2"],
      ["compare", "baseline", "no-dprk", "--runs", "0"],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trimEnd().split("\n"), argv.join(" ")).toHaveLength(1);
      expect(r.stderr).toMatch(/^attrition-sim: /);
    }
  });

  it("run --format svg writes the fan chart of --series", async () => {
    const r = await cli("run", "baseline", "--runs", "20", "--months", "6", "--format", "svg", "--series", "ukraineForce");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<svg /);
    expect(r.stdout).toContain("Ukrainian force in theatre — baseline");
    const share = await cli("run", "baseline", "--runs", "20", "--months", "6", "--format", "svg");
    expect(share.stdout).toContain("Occupied share of Ukraine — baseline");
  });
});
