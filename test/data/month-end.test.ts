import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ECONOMIST_CASUALTIES_DAILY_COLUMNS, economistCasualtiesMonthly, MONTH_END_WINDOW_DAYS, monthEndObservations, occupiedAreaMonthly, parseDeepStateDailyCsv,
  readCsvTable, unobservedMonths,
} from "../../src/data/index.js";
import { InputError } from "../../src/util/errors.js";

const csv = (file: string) => readFileSync(new URL(`../../data/${file}`, import.meta.url), "utf8");

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}

describe("the month-observed rule: a row in the month's last 7 days, the last such row as its value", () => {
  it("keeps each month's last row when it falls in the last 7 days, with its month and values untouched", () => {
    const rows = [
      { date: "2024-01-10", km2: 1 },
      { date: "2024-01-25", km2: 2 }, // 31-day month: the window is the 25th–31st
      { date: "2024-02-22", km2: 3 }, // leap February: the window is the 23rd–29th
      { date: "2024-02-23", km2: 4 },
      { date: "2024-04-24", km2: 5 }, // 30-day month: the window is the 24th–30th
      { date: "2024-04-30", km2: 6 },
    ];
    expect(MONTH_END_WINDOW_DAYS).toBe(7);
    expect(monthEndObservations(rows)).toEqual([
      { month: "2024-01", date: "2024-01-25", km2: 2 },
      { month: "2024-02", date: "2024-02-23", km2: 4 },
      { month: "2024-04", date: "2024-04-30", km2: 6 },
    ]);
    expect(unobservedMonths(rows)).toEqual(["2024-03"]); // no row at all
  });

  it("a month whose last 7 days have no row is unobserved: never an earlier day, never interpolated", () => {
    const rows = [
      { date: "2025-01-31", km2: 10 },
      { date: "2025-02-21", km2: 20 }, // the 22nd–28th are missing
      { date: "2025-03-01", km2: 30 },
      { date: "2025-03-31", km2: 40 },
      { date: "2025-04-23", km2: 50 }, // one day before April's window
    ];
    const observed = monthEndObservations(rows);
    expect(observed.map((m) => m.month)).toEqual(["2025-01", "2025-03"]);
    expect(observed.map((m) => m.km2)).toEqual([10, 40]);
    expect(unobservedMonths(rows)).toEqual(["2025-02", "2025-04"]);
  });

  it("a file that starts late in a month observes it; one that stops before the last week leaves its last month unobserved", () => {
    const rows = [{ date: "2022-09-25", v: 1 }, { date: "2022-09-30", v: 2 }, { date: "2022-10-31", v: 3 }, { date: "2022-11-15", v: 4 }];
    expect(monthEndObservations(rows).map((m) => [m.month, m.v])).toEqual([["2022-09", 2], ["2022-10", 3]]);
    expect(unobservedMonths(rows)).toEqual(["2022-11"]);
    expect(monthEndObservations([])).toEqual([]);
    expect(unobservedMonths([])).toEqual([]);
  });

  it("matches the @examples", () => {
    expect(monthEndObservations([{ date: "2025-05-20", km2: 1 }, { date: "2025-05-30", km2: 2 }, { date: "2025-06-20", km2: 3 }])).toEqual([{ month: "2025-05", date: "2025-05-30", km2: 2 }]);
    expect(unobservedMonths([{ date: "2025-03-31" }, { date: "2025-04-10" }, { date: "2025-06-20" }])).toEqual(["2025-04", "2025-05", "2025-06"]);
  });

  it("refuses dates that are not calendar dates, out of order or repeated, naming the row", () => {
    expect(thrown(() => monthEndObservations([{ date: "2025-01-31" }, { date: "2025-01-30" }])).message).toBe('rows[1].date: expected a date after 2025-01-31 (dates in increasing order, each day once), got "2025-01-30"');
    expect(thrown(() => unobservedMonths([{ date: "2025-01-31" }, { date: "2025-01-31" }])).path).toBe("rows[1].date");
    const bad = thrown(() => monthEndObservations([{ date: "2025-02-30" }, { date: 20250301 } as unknown as { date: string }]));
    expect(bad.issues.map((i) => i.message)).toEqual(['expected a calendar date YYYY-MM-DD, got "2025-02-30"', "expected a calendar date YYYY-MM-DD, got 20250301"]);
    expect(thrown(() => monthEndObservations("rows" as never)).message).toBe('rows: expected an array of rows with a date, got "rows"');
  });
});

describe("the rule on the repository's daily files", () => {
  it("ISW daily: every month observed, and the month ends are the shipped monthly file's", () => {
    const daily = readCsvTable<{ date: string; occupiedKm2: number }>(csv("occupied_area_isw_daily.csv"), [
      { name: "date", field: "date", kind: "date" },
      { name: "occupied_km2", field: "occupiedKm2", kind: "number" },
    ]);
    expect(unobservedMonths(daily)).toEqual([]);
    const ends = monthEndObservations(daily);
    expect(ends.map((m) => [m.month, m.date])).toEqual(occupiedAreaMonthly.map((m) => [m.month, m.lastObsDate]));
    ends.forEach((m, k) => expect(Math.abs(m.occupiedKm2 - occupiedAreaMonthly[k]!.occupiedKm2), m.month).toBeLessThanOrEqual(0.05 + 1e-9));
  });

  it("the Economist's daily meta-estimate: the month ends are the shipped economistCasualtiesMonthly", () => {
    const daily = readCsvTable<{ date: string }>(csv("economist_russian_losses_meta_estimate_daily.csv"), ECONOMIST_CASUALTIES_DAILY_COLUMNS);
    expect(monthEndObservations(daily)).toEqual(economistCasualtiesMonthly);
  });

  it("DeepState daily (data/unshipped, read at run time): every month from 2022-09 observed; a missing month end takes the last day in the window", () => {
    const days = parseDeepStateDailyCsv(csv("unshipped/occupied_area_deepstate_daily.csv"));
    expect(unobservedMonths(days)).toEqual([]);
    const ends = monthEndObservations(days);
    expect([ends[0]!.month, ends.at(-1)!.month, ends.length]).toEqual(["2022-09", "2025-06", 34]);
    // The source misses the last day of these months; the rule takes the last row within the window.
    expect(ends.filter((m) => m.date.slice(8) !== String(new Date(Date.UTC(+m.month.slice(0, 4), +m.month.slice(5), 0)).getUTCDate())).map((m) => m.date)).toEqual([
      "2023-01-30", "2023-02-27", "2023-06-29", "2023-07-30",
    ]);
  });
});
