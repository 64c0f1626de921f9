import { describe, expect, it } from "vitest";
import { parseClaimedLossesMonthlyCsv, parseCsv, parseLossEstimatesCsv, parseOccupiedAreaMonthlyCsv, readCsvTable } from "../../src/data/csv.js";
import { thrown } from "../helpers/csv-error.js";

const AREA_HEADER = "month,last_obs_date,occupied_km2,monthly_change_km2";


describe("parseCsv (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks; BOM; CRLF, LF and CR line ends", () => {
    const text = '\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n4,"multi\r\nline",6\n7,8,9\r10,11,12';
    const records = parseCsv(text);
    expect(records.map((r) => r.fields)).toEqual([["a", "b", "c"], ["1", 'x, "y"', "3"], ["4", "multi\r\nline", "6"], ["7", "8", "9"], ["10", "11", "12"]]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5, 6]);
  });

  it("skips blank lines and keeps empty fields", () => {
    expect(parseCsv("a,b\n\n1,\n\n").map((r) => r.fields)).toEqual([["a", "b"], ["1", ""]]);
  });

  it("reports an unterminated quote with the line it was opened on", () => {
    const e = thrown(() => parseCsv('a,b\n1,2\n3,"open\nstill open'));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^line 3: expected a closing quote/);
  });

  it("reports text after a closing quote and a stray quote", () => {
    expect(thrown(() => parseCsv('a,b\n"x"y,2')).message).toMatch(/line 2: expected a comma or a line end after a closing quote, got "y,2"/);
    expect(thrown(() => parseCsv('a,b\n1,x"y')).message).toMatch(/line 2: expected quotes only around a whole field/);
  });
});

describe("loaders for a user's CSV of the shipped shape", () => {
  it("reads a CRLF file with a BOM, columns in any order, extra columns ignored", () => {
    const text = "\uFEFFoccupied_km2,month,note,monthly_change_km2,last_obs_date\r\n100.5,2025-05,hi,1,2025-05-31\r\n\"1,100.5\",2025-06,\"a, b\",1000,2025-06-30\r\n";
    expect(parseOccupiedAreaMonthlyCsv(text)).toEqual([
      { month: "2025-05", lastObsDate: "2025-05-31", occupiedKm2: 100.5, monthlyChangeKm2: 1 },
      { month: "2025-06", lastObsDate: "2025-06-30", occupiedKm2: 1100.5, monthlyChangeKm2: 1000 },
    ]);
  });

  it("names line, column and value of a bad number", () => {
    const e = thrown(() => parseOccupiedAreaMonthlyCsv(`${AREA_HEADER}\n2025-05,2025-05-31,100,1\n2025-06,2025-06-30,12.3a,5\n`));
    expect(e.message).toBe('line 3, column occupied_km2: expected a number, got "12.3a"');
    expect([e.line, e.column, e.value]).toEqual([3, "occupied_km2", "12.3a"]);
    expect(e.path).toBe("line 3, column occupied_km2");
  });

  it("lists every bad cell (bad dates, months, empty required fields, wrong field counts)", () => {
    const text = `${AREA_HEADER}\n2025-13,2025-05-31,1,1\n2025-06,2025-02-30,1,1\n2025-07,2025-07-31,,1\n2025-08,2025-08-31,1\n`;
    const e = thrown(() => parseOccupiedAreaMonthlyCsv(text));
    expect(e.issues.map((i) => i.message)).toEqual([
      'expected a month YYYY-MM, got "2025-13"',
      'expected a calendar date YYYY-MM-DD, got "2025-02-30"',
      "expected a number, got an empty field",
      "expected 4 fields (as in the header), got 3",
    ]);
    expect(e.issues.map((i) => i.line)).toEqual([2, 3, 4, 5]);
    expect(e.message.split("\n")[3]).toBe("line 5: expected 4 fields (as in the header), got 3");
  });

  it("reports the line of a quoted field spanning lines correctly for later records", () => {
    const text = 'date,country_of_losses,type,estimate_low,estimate_high,estimate,source,from_warring_party,source_url\n2024-01-01,russia,deaths,,,1,"two\nline source",,u\n2024-02-01,russia,deaths,x,,1,s,,u\n';
    const e = thrown(() => parseLossEstimatesCsv(text));
    expect(e.message).toBe('line 4, column estimate_low: expected a number, got "x"');
  });

  it("optional numbers may be empty (null)", () => {
    const text = 'date,country_of_losses,type,estimate_low,estimate_high,estimate,source,from_warring_party,source_url\n2024-01-01,russia,deaths,,"140,000",,s,,u\n';
    expect(parseLossEstimatesCsv(text)[0]).toMatchObject({ estimateLow: null, estimateHigh: 140_000, estimate: null, fromWarringParty: null });
  });

  it("names missing columns", () => {
    const e = thrown(() => parseOccupiedAreaMonthlyCsv("month,occupied_km2\n2025-06,1\n"));
    expect(e.message).toBe("line 1: expected the columns last_obs_date, monthly_change_km2 in the header, got month, occupied_km2");
  });

  it("rejects gaps and repeats in a monthly series, naming the line", () => {
    const header = "month,month_end_date,cumulative_at_month_end,monthly_increment,days_covered,avg_per_day";
    const e = thrown(() => parseClaimedLossesMonthlyCsv(`${header}\n2025-04,2025-04-30,1,1,30,0.1\n2025-06,2025-06-30,2,1,30,0.1\n`));
    expect(e.message).toBe('line 3, column month: expected the month after 2025-04 (2025-05): a monthly series runs without gaps or repeats, got "2025-06"');
  });

  it("refuses an empty file and a non-string", () => {
    expect(thrown(() => parseOccupiedAreaMonthlyCsv("")).message).toMatch(/^line 1: expected a header line/);
    expect(thrown(() => parseOccupiedAreaMonthlyCsv(42 as unknown as string)).message).toMatch(/expected the CSV file's text as a string, got 42/);
  });

  it("readCsvTable matches its @example", () => {
    expect(readCsvTable("m,v\n2024-01,5\n", [{ name: "m", field: "month", kind: "month" }, { name: "v", field: "value", kind: "number" }])).toEqual([{ month: "2024-01", value: 5 }]);
  });
});
