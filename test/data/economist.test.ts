import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DATASETS, economistCasualtiesMonthly, occupiedAreaMonthly, parseEconomistCasualtiesCsv } from "../../src/data/index.js";
import { thrown } from "../helpers/csv-error.js";

const HEADER = "date,deaths_est,casualties_est,casualties_ci_low,casualties_ci_high,casualties_pi_low,casualties_pi_high";
const row = (date: string, est: number) => `${date},1,${est},${est - 10},${est + 10},${est - 20},${est + 20}`;


describe("parseEconomistCasualtiesCsv: daily meta-estimate → month ends", () => {
  it("keeps each month's last day, with its month, casualties and 95% intervals; other columns are ignored", () => {
    const text = [HEADER, row("2024-01-30", 100), row("2024-01-31", 110), row("2024-02-01", 120), row("2024-02-29", 150), row("2024-03-15", 170)].join("\r\n");
    expect(parseEconomistCasualtiesCsv(text)).toEqual([
      { month: "2024-01", date: "2024-01-31", casualtiesEst: 110, casualtiesCiLow: 100, casualtiesCiHigh: 120, casualtiesPiLow: 90, casualtiesPiHigh: 130 },
      { month: "2024-02", date: "2024-02-29", casualtiesEst: 150, casualtiesCiLow: 140, casualtiesCiHigh: 160, casualtiesPiLow: 130, casualtiesPiHigh: 170 },
      // A file that stops mid-month: the month's last day in the file, and its date says so.
      { month: "2024-03", date: "2024-03-15", casualtiesEst: 170, casualtiesCiLow: 160, casualtiesCiHigh: 180, casualtiesPiLow: 150, casualtiesPiHigh: 190 },
    ]);
  });

  it("names the line, column and value of a bad cell, a date out of order and a month without a day", () => {
    const bad = thrown(() => parseEconomistCasualtiesCsv([HEADER, row("2024-01-31", 1), "2024-02-29,1,12x,1,1,1,1"].join("\n")));
    expect(bad.message).toBe('line 3, column casualties_est: expected a number, got "12x"');
    const order = thrown(() => parseEconomistCasualtiesCsv([HEADER, row("2024-01-31", 1), row("2024-01-30", 2)].join("\n")));
    expect(order.message).toBe('line 3, column date: expected a date after 2024-01-31 (dates in increasing order), got "2024-01-30"');
    expect(order.line).toBe(3);
    const gap = thrown(() => parseEconomistCasualtiesCsv([HEADER, row("2024-01-31", 1), row("2024-03-01", 2)].join("\n")));
    expect(gap.message).toBe('line 3, column date: expected a day in 2024-02 (every month from the first to the last needs one), got "2024-03-01"');
    expect(thrown(() => parseEconomistCasualtiesCsv("date,casualties_est\n2024-01-31,5\n")).message).toMatch(/^line 1: expected the columns casualties_ci_low, casualties_ci_high, casualties_pi_low, casualties_pi_high in the header/);
  });
});

describe("the shipped meta-estimate (economistCasualtiesMonthly)", () => {
  it("runs month by month over the same 41 months as the occupied area, to 990,989 casualties at 2025-06-30", () => {
    expect(economistCasualtiesMonthly.map((r) => r.month)).toEqual(occupiedAreaMonthly.map((r) => r.month));
    expect(economistCasualtiesMonthly[0]).toMatchObject({ month: "2022-02", date: "2022-02-28", casualtiesEst: 6364 });
    expect(economistCasualtiesMonthly.at(-1)).toMatchObject({ month: "2025-06", date: "2025-06-30", casualtiesEst: 990_989, casualtiesCiLow: 959_932, casualtiesCiHigh: 1_023_052 });
    for (const r of economistCasualtiesMonthly) {
      // Month ends: the file has every day, so each month's last row is its last calendar day.
      const [y, m] = r.month.split("-").map(Number) as [number, number];
      expect(r.date, r.month).toBe(`${r.month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`);
      expect(r.casualtiesPiLow <= r.casualtiesCiLow && r.casualtiesCiLow <= r.casualtiesEst && r.casualtiesEst <= r.casualtiesCiHigh && r.casualtiesCiHigh <= r.casualtiesPiHigh, r.month).toBe(true);
    }
    for (let k = 1; k < economistCasualtiesMonthly.length; k += 1) {
      expect(economistCasualtiesMonthly[k]!.casualtiesEst).toBeGreaterThanOrEqual(economistCasualtiesMonthly[k - 1]!.casualtiesEst); // cumulative
    }
  });

  it("is attributed, and the DeepState file is not in data/ but in data/unshipped/ (its terms forbid shipping it)", () => {
    expect(DATASETS.find((d) => d.constant === "economistCasualtiesMonthly")?.file).toBe("economist_russian_losses_meta_estimate_daily.csv");
    const files = readdirSync(new URL("../../data/", import.meta.url));
    expect(files).toContain("economist_russian_losses_meta_estimate_daily.csv");
    expect(files.filter((f) => /deepstate/i.test(f))).toEqual([]);
    expect(readdirSync(new URL("../../data/unshipped/", import.meta.url))).toContain("occupied_area_deepstate_daily.csv");
  });
});
