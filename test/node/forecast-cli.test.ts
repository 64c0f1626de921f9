import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, type CliResult } from "../helpers/cli.js";
import { shippedFilesThrough, shippedText, truncatedText } from "../helpers/observation-files.js";

const SMALL = ["--runs", "500", "--months", "3"];
const root = mkdtempSync(join(tmpdir(), "attrition-sim-forecast-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder holding `files` (name → text). */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

function expectBadInput(r: CliResult, message: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trimEnd().split("\n")).toEqual([`attrition-sim: ${message}`]);
}

describe("forecast", () => {
  it("prints a month-by-month table of what the sources would report, from the shipped data", async () => {
    const r = await cli("forecast", ...SMALL);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Forecast from 2025-06: 500 particles filtered over 2023-01 … 2025-06 \(30 months\), seed 1, then carried on 3 months$/m,
    );
    expect(r.stdout).toMatch(/^2025-07 +\d{3},\d{3} \[\d{3},\d{3}–\d{3},\d{3}\] +\d+k \[\d+k–\d+k\] +\d+k \[\d+k–\d+k\] +\d+\.\d% \[/m);
    expect(r.stdout).toMatch(/^2025-09 /m);
    expect(r.stdout).not.toMatch(/^2025-10 /m);
    expect(r.stdout).toContain("  claims: shipped russia_personnel_losses_monthly.csv (2023-01 … 2025-06)");
  });

  it("reads a folder of newer files, ignores rows after --through, and says what it did not use", async () => {
    const files = shippedFilesThrough("2024-12");
    const dir = folder("newer", {
      ...files,
      "occupied_area_isw_daily.csv": truncatedText("occupied_area_isw_daily.csv", "2024-12"),
      "README.md": "notes",
    });
    const r = await cli("forecast", "--observations", dir, "--through", "2024-10", "--format", "json", ...SMALL);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      schema: string;
      through: string;
      notes: string[];
      sources: { file: string }[];
      projection: { months: string[] };
    };
    expect(json.schema).toBe("attrition-sim/forecast@1");
    expect(json.through).toBe("2024-10");
    expect(json.projection.months[0]).toBe("2024-11-30");
    expect(json.sources[0]!.file).toBe(join(dir, "occupied_area_isw_daily.csv"));
    expect(json.notes).toEqual([
      "occupied_area_isw_monthly.csv not used: occupied_area_isw_daily.csv is (a daily file is preferred to a monthly one)",
      `${join(dir, "README.md")} not read: not an observation file`,
      `${join(dir, "loss_estimates_point_claims.csv")}: 37 estimates of casualties weighed in 22 months, as weak observations of the true cumulative losses; left out: 19 dated before the window, 19 of deaths, not casualties (no death share in the model), 2 from a warring party, 1 a bound without a figure`,
      "the shipped posterior of θ saw data up to 2025-06, after this forecast's origin 2024-10: refit for a forecast that uses only data up to 2024-10",
    ]);
    expect(r.stderr.trimEnd().split("\n")).toEqual(json.notes.map((n) => `attrition-sim: note: ${n}`));
    const csv = await cli("forecast", "--observations", dir, "--format", "csv", ...SMALL);
    expect(csv.stdout.split("\r\n")[0]).toBe("scenario,month,series,stat,value");
    expect(csv.stderr).toContain("attrition-sim: note: occupied_area_isw_monthly.csv not used: occupied_area_isw_daily.csv is");
    expect(csv.stdout).toContain("forecast-2024-12,2025-01-31,reported.occupiedKm2,p50,");
  });

  it("refuses bad input with one line naming the file, source or month", async () => {
    const cells = shippedText("russia_personnel_losses_monthly.csv").split("\r\n");
    cells[7] = cells[7]!.replace(/,\d+,/, ",lots,");
    const bad = folder("bad", {
      "russia_personnel_losses_monthly.csv": cells.join("\r\n"),
      "occupied_area_isw_monthly.csv": shippedText("occupied_area_isw_monthly.csv"),
    });
    expectBadInput(
      await cli("forecast", "--observations", bad),
      `${join(bad, "russia_personnel_losses_monthly.csv")}: line 8, column cumulative_at_month_end: expected a number, got "lots"`,
    );
    expectBadInput(
      await cli("forecast", "--observations", join(root, "none")),
      `${join(root, "none")}: cannot list the observations folder (no such folder)`,
    );
    expectBadInput(await cli("forecast", "--through", "2025-13"), '--through: expected a month YYYY-MM, got "2025-13"');
    expectBadInput(
      await cli("forecast", "--through", "2025-08"),
      "through: expected a month with data (ISW occupied area to 2025-06, General Staff claims to 2025-06, the Economist's estimate to 2025-06), got 2025-08",
    );
    const short = folder("short", shippedFilesThrough("2023-08", ["occupied_area_isw_monthly.csv"]));
    expectBadInput(
      await cli("forecast", "--observations", short),
      "observations: expected at least 12 observed months from 2023-01 to the forecast's origin, got 8 (to 2023-08)",
    );
    expectBadInput(await cli("forecast", "--runs", "10"), "--runs: expected an integer from 100 to 20480, got 10");
    expectBadInput(await cli("forecast", "--series", "claimedLosses"), "--series: only with --format svg, got --format table");
    const svg = await cli("forecast", "--format", "svg", "--series", "claimedLosses", ...SMALL);
    expect(svg.stdout).toMatch(/^<svg [^]*General Staff would claim[^]*<\/svg>\n$/);
  });
});

describe("the progress line", () => {
  it("adds an ETA once known, in seconds or minutes", async () => {
    const { formatProgress } = await import("../../src/node/format-table.js");
    expect(formatProgress(0.5)).toBe(`[${"#".repeat(15)}${" ".repeat(15)}]  50%`);
    expect(formatProgress(0.5, 12.4)).toMatch(/ 50%, about 12 s left$/);
    expect(formatProgress(0.1, 600)).toMatch(/ 10%, about 10 min left$/);
  });
});

describe("report (npm start)", () => {
  it("ends with the forecast from the shipped data for the default scenario, and only for it", async () => {
    const r = await cli("report", "--runs", "20");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Forecast from the latest data \(docs\/forecast\.md; .*isw, claims, economist, pointEstimates 2023-01 … 2025-06, 4,000 particles, seed 1, θ: 40 draws of the shipped posterior:$/m,
    );
    expect(r.stdout).toMatch(
      /^- 2026-06: ISW occupied area [\d,]+ \[[\d,]+–[\d,]+\] km²; General Staff claims since 2022-02-24 \d+k \[\d+k–\d+k\] \(median \[90% band\]\)\.\n$/m,
    );
    // baseline's headline answers, then the article preset's beside them
    expect(r.stdout).toMatch(/^baseline — fitted to the data to 2025-06, each path from its filtered state:$/m);
    expect(r.stdout).toMatch(/^article — the article's figures as stated .*:\n- Capture of all of Ukraine .*, 20 runs of 1,200 months/m);
    expect(r.stdout.indexOf("baseline — fitted")).toBeLessThan(r.stdout.indexOf("article — the article's"));
    const other = await cli("report", "no-pledge", "--runs", "20");
    expect(other.stdout).not.toContain("Forecast from the latest data");
    expect(other.stdout).not.toContain("article — the article's");
    expect(other.stdout).toMatch(/^no-pledge:$/m);
  });
});
