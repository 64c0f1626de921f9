import { describe, expect, it } from "vitest";
import { SHIPPED_LEAGUE_DATA } from "../../src/analysis/league-data.js";
import { baselineForecasters, type Forecaster } from "../../src/analysis/league-forecasters.js";
import { runLeague } from "../../src/analysis/league.js";
import { backtestToCsv, BACKTEST_CSV_COLUMNS } from "../../src/output/backtest-csv.js";
import { formatBacktestTable, formatPValue, formatScore } from "../../src/output/backtest-format.js";
import { backtestJsonSchema, backtestJsonSchemaDocument, backtestToJson, type BacktestJson } from "../../src/output/backtest-json.js";
import { backtestPitSvg } from "../../src/output/backtest-svg.js";

// A candidate of our own: the bootstrap of all months, renamed (so drawn with its own seed; no calibration needed).
const [, bootstrap] = baselineForecasters({ samples: 200 });
const candidate: Forecaster = { ...bootstrap!, name: "my bootstrap", role: "candidate", description: "a user's forecast" };
const league = await runLeague(SHIPPED_LEAGUE_DATA, [candidate, ...baselineForecasters({ samples: 200 })], {
  origins: ["2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12"],
  horizons: [1, 3, 6, 12],
});
const json = backtestToJson(league, SHIPPED_LEAGUE_DATA);

describe("attrition-sim/backtest@1", () => {
  it("round-trips through JSON text and its schema unchanged", () => {
    const text = JSON.stringify(json);
    expect(backtestJsonSchema.parse(JSON.parse(text))).toEqual(json);
    expect(JSON.stringify(backtestJsonSchema.parse(JSON.parse(text)))).toBe(text);
    expect(json.schema).toBe("attrition-sim/backtest@1");
    expect(json.data.map((d) => [d.series, d.source, d.lastMonth])).toEqual([
      ["occupiedKm2", "data/occupied_area_isw_monthly.csv", "2025-06"],
      ["claimedLosses", "data/russia_personnel_losses_monthly.csv", "2025-06"],
      ["casualtiesEst", "data/economist_russian_losses_meta_estimate_daily.csv", "2025-06"],
    ]);
    expect(json.settings.quantileLevels).toHaveLength(23);
  });

  it("no NaN or Infinity: what cannot be computed is null with a note", () => {
    expect(JSON.stringify(json)).not.toMatch(/NaN|Infinity/);
    const twelve = json.comparisons.find((c) => c.series === "occupiedKm2" && c.horizon === 12)!;
    expect([twelve.n, twelve.test.statistic, twelve.test.pValue]).toEqual([6, null, null]);
    expect(twelve.test.note).toMatch(/^too few origins for the horizon: lag h − 1 = 11 needs n ≥ h = 12/);
    expect(json.comparisons.find((c) => c.series === "occupiedKm2" && c.horizon === 1)!.test.pValue).toBeGreaterThan(0);
    const broken: BacktestJson = structuredClone(json);
    broken.comparisons[0]!.test.pValue = NaN;
    expect(backtestJsonSchema.safeParse(broken).success).toBe(false);
    const extra = { ...structuredClone(json), when: "2025-07-01" };
    expect(backtestJsonSchema.safeParse(extra).success).toBe(false);
    expect(backtestJsonSchema.safeParse({ ...structuredClone(json), schema: "attrition-sim/backtest@2" }).success).toBe(false);
  });

  it("exports its JSON Schema", () => {
    const schema = backtestJsonSchemaDocument();
    expect(schema.$schema).toMatch(/json-schema\.org\/draft\/2020-12/);
    expect(schema.title).toBe("attrition-sim backtest (attrition-sim/backtest@1)");
    expect(Object.keys(schema.properties as object)).toEqual([
      "schema",
      "library",
      "settings",
      "data",
      "forecasters",
      "summary",
      "comparisons",
      "scores",
      "diagnostics",
    ]);
  });
});

describe("backtest renderings", () => {
  it("CSV: one row per series × horizon × forecaster; the candidate's rows carry the test", () => {
    const lines = backtestToCsv(json).split("\r\n");
    expect(lines[0]).toBe(BACKTEST_CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(json.summary.length + 2);
    const row = lines.find((l) => l.startsWith("occupiedKm2,1,my bootstrap,candidate,6,"))!.split(",");
    const c = json.comparisons.find((x) => x.series === "occupiedKm2" && x.horizon === 1)!;
    expect(row[BACKTEST_CSV_COLUMNS.indexOf("best_baseline")]).toBe(c.bestBaseline);
    expect(Number(row[BACKTEST_CSV_COLUMNS.indexOf("dm_p_value")])).toBe(c.test.pValue);
    expect(lines.find((l) => l.startsWith("occupiedKm2,1,persistence,baseline,"))!.endsWith(",,,,")).toBe(true);
  });

  it("table: the league per series with the candidate against its best baseline", () => {
    const text = formatBacktestTable(json);
    expect(text).toMatch(/^Rolling-origin backtest: 6 origins 2023-07 … 2023-12, horizons 1, 3, 6, 12 months, seed 1\n/);
    expect(text).toMatch(/^ISW occupied area \(km²\), month-end value; data 2022-02 … 2025-06 from data\/occupied_area_isw_monthly\.csv$/m);
    expect(text).toMatch(/^12 mo +\* my bootstrap +6 /m);
    expect(text).toMatch(
      /^ {2}1 mo: relative WIS \d\.\d\d against .+; lower WIS at \d of 6 origins; (Diebold–Mariano -?\d+\.\d\d, p = [\d.<]+|no test \(.+\))$/m,
    );
    expect([formatScore(1234.5), formatScore(12.345), formatPValue(0.0004), formatPValue(0.04567), formatPValue(null)]).toEqual([
      "1,235",
      "12.3",
      "<0.001",
      "0.046",
      "—",
    ]);
  });

  it("SVG: a panel per series × horizon, deterministic, escaped, finite", () => {
    const svg = backtestPitSvg(json);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
    expect(svg).toContain("<title>PIT histograms: my bootstrap against the best baseline</title>");
    expect(svg.match(/<polyline /g)).toHaveLength(12); // 3 series × 4 horizons, each with its best baseline
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    expect(backtestPitSvg(json)).toBe(svg);
    expect(backtestPitSvg(json, { forecaster: "persistence" })).toContain("PIT histograms: persistence");
    expect(() => backtestPitSvg(json, { forecaster: "nobody" })).toThrow(/expected a forecaster of the result/);
  });
});
