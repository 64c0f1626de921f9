import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEEPSTATE_DAILY_COLUMNS, parseDeepStateDailyCsv } from "../../src/data/index.js";
import { thrown } from "../helpers/csv-error.js";

const HEADER = DEEPSTATE_DAILY_COLUMNS.map((c) => c.name).join(",");


describe("parseDeepStateDailyCsv", () => {
  it("reads date, occupied and unknown-status areas; missing days stay missing; extra columns ignored; CRLF and BOM", () => {
    const text = `\uFEFF${HEADER},note\r\n2024-01-30,100.5,2,x\r\n2024-02-01,101,0,y\r\n`;
    expect(HEADER).toBe("date,occupied_km2,unknown_status_km2");
    expect(parseDeepStateDailyCsv(text)).toEqual([
      { date: "2024-01-30", occupiedKm2: 100.5, unknownStatusKm2: 2 },
      { date: "2024-02-01", occupiedKm2: 101, unknownStatusKm2: 0 },
    ]);
  });

  it("names line, column and value of a bad cell", () => {
    const e = thrown(() => parseDeepStateDailyCsv(`${HEADER}\n2024-01-30,100,1\n2024-01-31,12x,1\n`));
    expect(e.message).toBe('line 3, column occupied_km2: expected a number, got "12x"');
    expect([e.line, e.column, e.value]).toEqual([3, "occupied_km2", "12x"]);
    expect(thrown(() => parseDeepStateDailyCsv(`${HEADER}\n2024-02-30,1,1\n`)).message).toBe('line 2, column date: expected a calendar date YYYY-MM-DD, got "2024-02-30"');
    expect(thrown(() => parseDeepStateDailyCsv(`${HEADER}\n2024-01-30,,1\n`)).message).toBe("line 2, column occupied_km2: expected a number, got an empty field");
    expect(thrown(() => parseDeepStateDailyCsv("date,occupied_km2\n2024-01-30,1\n")).message).toBe("line 1: expected the columns unknown_status_km2 in the header, got date, occupied_km2");
  });

  it("refuses dates out of order or repeated, and negative areas, listing each with its line", () => {
    const text = `${HEADER}\n2024-01-30,100,1\n2024-01-29,100,1\n2024-01-31,100,1\n2024-01-31,100,1\n2024-02-01,-3,1\n2024-02-02,5,-0.5\n`;
    const e = thrown(() => parseDeepStateDailyCsv(text));
    expect(e.message.split("\n")).toEqual([
      'line 3, column date: expected a date after 2024-01-30 (dates in increasing order), got "2024-01-29"',
      'line 5, column date: expected each date once, got "2024-01-31" again (first on line 4)',
      "line 6, column occupied_km2: expected an area ≥ 0 km², got -3",
      "line 7, column unknown_status_km2: expected an area ≥ 0 km², got -0.5",
    ]);
  });

  it("lists at most 20 problems and counts the rest", () => {
    const rows = Array.from({ length: 25 }, (_, k) => `2024-01-${String(k + 1).padStart(2, "0")},-1,0`);
    const e = thrown(() => parseDeepStateDailyCsv([HEADER, ...rows].join("\n")));
    expect(e.issues).toHaveLength(21);
    expect(e.issues.at(-1)!.message).toBe("… and 5 more problems");
  });

  it("reads the repository's copy (data/unshipped, never shipped): 928 days from 2022-09-25 to 2025-06-30", () => {
    const days = parseDeepStateDailyCsv(readFileSync(new URL("../../data/unshipped/occupied_area_deepstate_daily.csv", import.meta.url), "utf8"));
    expect([days.length, days[0]!.date, days.at(-1)!.date]).toEqual([928, "2022-09-25", "2025-06-30"]);
    // Levels run 3–4k km² below ISW's 117,718.2 km² at 2025-06-30 (data/README.md).
    expect(117_718.2 - days.at(-1)!.occupiedKm2).toBeGreaterThan(3000);
    expect(117_718.2 - days.at(-1)!.occupiedKm2).toBeLessThan(5000);
  });
});
