import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { sensitivityJsonSchema } from "../../src/output/sensitivity-json.js";

const dir = mkdtempSync(join(tmpdir(), "attrition-sim-sensitivity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Small runs: a short target month keeps both methods fast. */
const SMALL = ["--target", "occupiedShare@2026-06", "--resamples", "20"];

describe("sensitivity command", () => {
  it("tornado table by default", async () => {
    const r = await cli("sensitivity", "baseline", ...SMALL, "--runs", "400");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Sensitivity of occupiedShare@2026-06: occupied share of Ukraine at the end of 2026-06\n/);
    expect(r.stdout).toContain("tornado, 400 paths, seed 1, 12 months from 2025-07-01, month step");
    expect(r.stdout).toMatch(/^ceasefire\.hazardPerMonth +uniform 0…0\.02 /m);
    expect(r.stdout).toMatch(/Shift \[95% interval\]/);
  });

  it("sobol JSON validates against its schema (attrition-sim/sensitivity@1)", async () => {
    const r = await cli("sensitivity", "baseline", ...SMALL, "--method", "sobol", "--runs", "32", "--format", "json");
    expect(r.code).toBe(0);
    const json = sensitivityJsonSchema.parse(JSON.parse(r.stdout));
    expect(json.schema).toBe("attrition-sim/sensitivity@1");
    if (json.method !== "sobol") throw new Error("expected sobol");
    expect(json.sobol.factors.some((f) => f.factor === "noise" && f.kind === "noise")).toBe(true);
    expect(json.options.totalPaths).toBe(32 * json.sobol.matrices);
    expect(json.sobol.matrices).toBe(json.sobol.factors.length + 2);
  });

  it("tornado JSON validates too; CSV and SVG are well formed; --out writes the file", async () => {
    const json = await cli("sensitivity", "baseline", ...SMALL, "--runs", "200", "--format", "json");
    expect(sensitivityJsonSchema.parse(JSON.parse(json.stdout)).method).toBe("tornado");
    const csv = await cli("sensitivity", "baseline", ...SMALL, "--runs", "200", "--format", "csv");
    expect(csv.stdout.split("\r\n")[0]).toBe("scenario,target,method,factor,stat,value");
    expect(csv.stdout).toMatch(/\r\nbaseline,occupiedShare@2026-06,tornado,ceasefire\.hazardPerMonth,shift,-?[\d.e-]+\r\n/);
    const file = join(dir, "sobol.svg");
    const svg = await cli("sensitivity", "baseline", ...SMALL, "--method", "sobol", "--runs", "16", "--format", "svg", "--out", file);
    expect(svg.code).toBe(0);
    expect(svg.stdout).toBe("");
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text).toContain("Sobol indices");
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
    const tornadoSvg = await cli("sensitivity", "baseline", ...SMALL, "--runs", "200", "--format", "svg");
    expect(tornadoSvg.stdout).toContain("bottom 20% of draws");
    expect(tornadoSvg.stdout).not.toMatch(/NaN|undefined|Infinity/);
  });

  it.each([
    [["--target", "occupied@2030-12"], /^attrition-sim: --target: expected a series \(.*\) before "@", got "occupied"\n$/],
    [["--target", "occupiedShare@2030-13"], /^attrition-sim: --target: expected a month YYYY-MM after "@", got "2030-13"\n$/],
    [["--target", "occupiedShare@2024-12"], /^attrition-sim: --target: expected a month from 2025-07 to .* got "2024-12"\n$/],
    [["--target", "monthsTo:occupiedShare=>0.25"], /^attrition-sim: --target: expected a comparison/],
    [[], /^attrition-sim: --target: expected a target such as occupiedShare@2030-12/],
    [
      ["--target", "occupiedShare@2030-12", "--method", "morris"],
      /^attrition-sim: --method: expected one of tornado, sobol, got "morris"\n$/,
    ],
    [
      ["--target", "occupiedShare@2030-12", "--months", "12"],
      /^attrition-sim: --months: expected at least 66 months to reach the target month 2030-12, got 12\n$/,
    ],
    [["--target", "occupiedShare@2030-12", "--runs", "5"], /^attrition-sim: --runs: expected an integer from 10 to/],
  ])("bad input %j → exit 2, one line on stderr, nothing on stdout", async (flags, message) => {
    const r = await cli("sensitivity", "baseline", ...flags);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });

  it("an unknown preset or a missing scenario is bad input", async () => {
    expect((await cli("sensitivity", "nope", ...SMALL)).code).toBe(2);
    expect((await cli("sensitivity", ...SMALL)).stderr).toMatch(/sensitivity: missing <preset \| scenario\.json>/);
  });

  it("is listed in the help", async () => {
    expect((await cli("--help")).stdout).toMatch(/^  sensitivity <preset \| file> /m);
  });
});
