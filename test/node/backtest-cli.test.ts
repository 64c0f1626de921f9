import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { BACKTEST_CSV_COLUMNS } from "../../src/output/backtest-csv.js";
import { backtestJsonSchema } from "../../src/output/backtest-json.js";

const dir = mkdtempSync(join(tmpdir(), "attrition-sim-backtest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two origins with 20 particles: seconds, not minutes. */
const SMALL = ["--origins", "2025-03:2025-04", "--particles", "20"];
const AREA_HEADER = "month,last_obs_date,occupied_km2,monthly_change_km2";

describe("backtest command", () => {
  it("prints the league table, and the same run as attrition-sim/backtest@1 JSON, CSV and an SVG file", async () => {
    const table = await cli("backtest", ...SMALL);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stderr).toBe("");
    expect(table.stdout).toMatch(/^Rolling-origin backtest: 2 origins 2025-03 … 2025-04, horizons 1, 3, 6, 12 months, seed 1\n/);
    expect(table.stdout).toMatch(/^1 mo +\* model \(calibrated hindcast\) +2 /m);
    expect(table.stdout).toContain("model (calibrated hindcast) against the best baseline:");
    const json = backtestJsonSchema.parse(JSON.parse((await cli("backtest", ...SMALL, "--format", "json")).stdout));
    expect(json.settings.origins).toEqual(["2025-03", "2025-04"]);
    expect(json.forecasters.find((f) => f.role === "candidate")?.settings.particles).toBe(20);
    expect(json.comparisons.map((c) => `${c.series}@${c.horizon}`)).toEqual([
      "occupiedKm2@1",
      "occupiedKm2@3",
      "claimedLosses@1",
      "claimedLosses@3",
      "casualtiesEst@1",
      "casualtiesEst@3",
    ]);
    const csv = (await cli("backtest", ...SMALL, "--format", "csv")).stdout.split("\r\n");
    expect(csv[0]).toBe(BACKTEST_CSV_COLUMNS.join(","));
    expect(csv).toHaveLength(json.summary.length + 2); // header, rows, the final empty line
    const file = join(dir, "pit.svg");
    const svg = await cli("backtest", ...SMALL, "--format", "svg", "--out", file);
    expect([svg.code, svg.stdout]).toEqual([0, ""]);
    expect(readFileSync(file, "utf8")).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*PIT histograms: model \(calibrated hindcast\)[\s\S]*<\/svg>\n$/,
    );
    expect((await cli("backtest", ...SMALL, "--format", "svg", "--out", file)).stderr).toMatch(
      /^attrition-sim: --out: will not overwrite .*\n$/,
    );
  }, 120_000);

  it("reads newer observations from --observations DIR; the files it lacks stay the shipped ones", async () => {
    const obs = join(dir, "obs");
    mkdirSync(obs);
    const shipped = readFileSync(join(import.meta.dirname, "../../data/occupied_area_isw_monthly.csv"), "utf8");
    writeFileSync(join(obs, "occupied_area_isw_monthly.csv"), shipped.trimEnd().split("\n").slice(0, -2).join("\n") + "\n"); // ends 2025-04
    const r = await cli("backtest", "--observations", obs, "--origins", "2025-03:2025-03", "--particles", "20", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const json = backtestJsonSchema.parse(JSON.parse(r.stdout));
    expect(json.data.map((d) => [d.series, d.lastMonth, d.source.endsWith(".csv")])).toEqual([
      ["occupiedKm2", "2025-04", true],
      ["claimedLosses", "2025-06", true],
      ["casualtiesEst", "2025-06", true],
    ]);
    expect(json.data[0]!.source).toBe(join(obs, "occupied_area_isw_monthly.csv"));
    expect(json.data[1]!.source).toBe("data/russia_personnel_losses_monthly.csv");
    // The area is scored at 2025-04 only (h = 1); the claims at h = 1 and 3.
    expect(json.scores.filter((s) => s.series === "occupiedKm2").every((s) => s.horizon === 1)).toBe(true);
  }, 60_000);

  it("bad input: exit 2 with one line naming the flag or the file, line and column", async () => {
    const bad = join(dir, "bad");
    mkdirSync(bad);
    writeFileSync(
      join(bad, "occupied_area_isw_monthly.csv"),
      `${AREA_HEADER}\n2025-01,2025-01-31,117000,300\n2025-02,2025-02-28,"12,3a",100\n2025-03,2025-03-31,x,1\n`,
    );
    const badFile = join(bad, "occupied_area_isw_monthly.csv");
    const empty = join(dir, "empty");
    mkdirSync(empty);
    const cases: [string[], string][] = [
      [["--origins", "2023-07"], '--origins: expected FROM:TO, two months YYYY-MM (e.g. 2023-07:2025-05), got "2023-07"'],
      [["--origins", "2024-05:2024-01"], "--origins: expected FROM no later than TO, got 2024-05:2024-01"],
      [
        ["--origins", "2023-01:2023-07"],
        "--origins: expected FROM from 2023-04 on (each calibration needs 4 months from 2023-01), got 2023-01",
      ],
      [
        ["--origins", "2024-01:2025-06"],
        "--origins: expected TO no later than 2025-05 (the last month that leaves an observed month), got 2025-06",
      ],
      [["--format", "xml"], '--format: expected one of table, json, csv, svg, got "xml"'],
      [["--particles", "5"], "--particles: expected an integer from 20 to 100000, got 5"],
      [["--force"], "--force: only with --out FILE"],
      [["extra"], 'backtest: unexpected argument "extra"'],
      [
        ["--runs", "5"],
        'unknown option "--runs" for backtest (options: --observations, --origins, --particles, --seed, --format, --out, --force)',
      ],
      [
        ["--observations", join(dir, "nope")],
        `--observations: expected a folder holding occupied_area_isw_monthly.csv, russia_personnel_losses_monthly.csv, economist_russian_losses_meta_estimate_daily.csv (any of them), got ${JSON.stringify(join(dir, "nope"))} (no such folder)`,
      ],
      [
        ["--observations", empty],
        `--observations: expected at least one of occupied_area_isw_monthly.csv, russia_personnel_losses_monthly.csv, economist_russian_losses_meta_estimate_daily.csv in ${JSON.stringify(empty)}, got none`,
      ],
      [["--observations", bad], `${badFile}: line 3, column occupied_km2: expected a number, got "12,3a" (and 1 more problem in the file)`],
    ];
    for (const [args, message] of cases) {
      const r = await cli("backtest", ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr, args.join(" ")).toBe(`attrition-sim: ${message}\n`);
    }
  });

  it("Ctrl-C stops it with 130 and writes nothing", async () => {
    const out = join(dir, "never.json");
    const before = new Set(process.listeners("SIGINT"));
    const started = performance.now();
    const pending = cli("backtest", "--origins", "2024-01:2024-06", "--particles", "500", "--format", "json", "--out", out);
    const added = process.listeners("SIGINT").filter((listener) => !before.has(listener));
    expect(added).toHaveLength(1);
    let sentAt = 0;
    setTimeout(() => {
      sentAt = performance.now();
      (added[0] as () => void)();
    }, 300);
    const r = await pending;
    expect(r.code).toBe(130);
    expect(r.stderr).toBe("attrition-sim: interrupted\n");
    expect(() => readFileSync(out)).toThrow();
    expect(process.listeners("SIGINT").filter((listener) => !before.has(listener))).toEqual([]);
    console.info(
      `backtest Ctrl-C → exit 130 after ${(performance.now() - sentAt).toFixed(0)} ms (run started ${(sentAt - started).toFixed(0)} ms before)`,
    );
    expect(performance.now() - sentAt).toBeLessThan(2_000);
  });
});
