import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ECONOMIST_DAILY_HEADER, economistTrackerToDailyCsv, parseEconomistTrackerCsv } from "../../src/data/convert-economist.js";
import { CsvError, parseEconomistCasualtiesCsv } from "../../src/data/index.js";
import { InputError } from "../../src/util/errors.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/upstream/economist/${name}`, import.meta.url), "utf8");
const shipped = readFileSync(new URL("../../data/economist_russian_losses_meta_estimate_daily.csv", import.meta.url), "utf8");
const HEADER = "date,days_since_invasion,estimate,ci_lower,ci_upper,pi_low,pi_high,type,country";

function thrown<E extends Error>(f: () => unknown, type: new (...args: never[]) => E): E {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}`);
}

describe("parseEconomistTrackerCsv: one tracker file (newest day first)", () => {
  it("reads the estimated days oldest first and sets the not-yet-estimated newest days apart", () => {
    const casualties = parseEconomistTrackerCsv(fixture("meta-estimate-casualties.csv"));
    expect(casualties.type).toBe("casualties");
    expect(casualties.notYetEstimated).toEqual(["2025-07-01"]);
    expect(casualties.days.map((d) => d.date)).toEqual(["2025-06-26", "2025-06-27", "2025-06-28", "2025-06-29", "2025-06-30"]);
    expect(casualties.days.at(-1)).toEqual({ date: "2025-06-30", estimate: 990989.4398696732, ciLower: 959932.0913091516, ciUpper: 1023051.6127326866, piLow: 883176.8303890327, piHigh: 1111963.147540203 });
    expect(parseEconomistTrackerCsv(fixture("meta-estimate-deaths.csv")).type).toBe("deaths");
  });

  it("accepts oldest-first files too", () => {
    const text = `${HEADER}\n2025-06-29,1221,1,1,1,1,1,deaths,russia\n2025-06-30,1222,2,2,2,2,2,deaths,russia\n`;
    expect(parseEconomistTrackerCsv(text).days.map((d) => d.estimate)).toEqual([1, 2]);
  });

  it("bad rows: non-numeric or negative values, NA in some columns or on an older day, dates out of order or repeated, mixed type, another country", () => {
    const text = [
      HEADER,
      "2025-06-30,1222,NA,NA,NA,NA,NA,casualties,russia",
      "2025-06-29,1221,12x,1,1,1,1,casualties,russia",
      "2025-06-28,1220,1,NA,1,1,1,casualties,russia",
      "2025-06-27,1219,1,1,-2,1,1,casualties,russia",
      "2025-06-27,1219,1,1,1,1,1,casualties,russia",
      "2025-06-28,1220,1,1,1,1,1,casualties,russia",
      "2025-06-25,1217,1,1,1,1,1,deaths,russia",
      "2025-06-24,1216,1,1,1,1,1,casualties,ukraine",
      "2025-06-23,1215,NA,NA,NA,NA,NA,casualties,russia",
      "2025-06-22,1214,1,1,1,1,1,casualties,russia",
    ].join("\n");
    const e = thrown(() => parseEconomistTrackerCsv(text), CsvError);
    expect(e.message.split("\n")).toEqual([
      'line 3, column estimate: expected a number ≥ 0, got "12x"',
      'line 4, column ci_lower: expected a number, got "NA" (a day is estimated in every column or in none)',
      'line 5, column ci_upper: expected a number ≥ 0, got "-2"',
      'line 6, column date: expected each date once, got "2025-06-27" again (first on line 5)',
      'line 7, column date: expected a date before 2025-06-27 (the file runs newest first, as its first two rows do), got "2025-06-28"',
      'line 8, column type: expected "casualties" on every row (as on line 2), got "deaths"',
      'line 9, column country: expected "russia" (the shipped layout holds Russian losses), got "ukraine"',
      'line 10, column estimate: expected a number, got "NA": only the newest days may lack an estimate, and 2025-06-29 has one',
    ]);
    expect([e.line, e.column, e.value]).toEqual([3, "estimate", "12x"]);
  });

  it("names a missing column, an unknown type, a bad date, and a file with no estimated day", () => {
    expect(thrown(() => parseEconomistTrackerCsv("date,estimate\n2025-06-30,1\n"), CsvError).message).toBe(
      "line 1: expected the columns ci_lower, ci_upper, pi_low, pi_high, type, country in the header, got date, estimate",
    );
    expect(thrown(() => parseEconomistTrackerCsv(`${HEADER}\n2025-06-30,1,1,1,1,1,1,wounded,russia\n`), CsvError).message).toBe('line 2, column type: expected "casualties" or "deaths", got "wounded"');
    expect(thrown(() => parseEconomistTrackerCsv(`${HEADER}\n30/06/2025,1,1,1,1,1,1,deaths,russia\n`), CsvError).message).toBe('line 2, column date: expected a calendar date YYYY-MM-DD, got "30/06/2025"');
    expect(thrown(() => parseEconomistTrackerCsv(`${HEADER}\n2025-06-30,1,NA,NA,NA,NA,NA,deaths,russia\n`), CsvError).message).toBe('line 2, column estimate: expected at least one estimated day, got NA on every row');
    expect(thrown(() => parseEconomistTrackerCsv(`${HEADER}\n`), CsvError).message).toBe("line 2: expected at least one day, got only a header");
  });
});

describe("economistTrackerToDailyCsv: the shipped daily layout", () => {
  it("the fixtures give the shipped file's rows for those days, byte for byte (rounded to whole people)", () => {
    const out = economistTrackerToDailyCsv(parseEconomistTrackerCsv(fixture("meta-estimate-casualties.csv")), parseEconomistTrackerCsv(fixture("meta-estimate-deaths.csv")));
    expect(out).toMatchObject({ rows: 5, firstDate: "2025-06-26", lastDate: "2025-06-30" });
    expect(out.notes).toEqual(["1 newest day not yet estimated (NA in every column) left out: 2025-07-01"]);
    const lines = shipped.split("\r\n");
    expect(out.csv).toBe(`${[lines[0], ...lines.filter((l) => l >= "2025-06-26" && l < "2025-07")].join("\r\n")}\r\n`);
    expect(lines[0]).toBe(ECONOMIST_DAILY_HEADER.join(","));
    // What the library reads back from it: the month end of June.
    expect(parseEconomistCasualtiesCsv(out.csv)).toEqual([{ month: "2025-06", date: "2025-06-30", casualtiesEst: 990989, casualtiesCiLow: 959932, casualtiesCiHigh: 1023052, casualtiesPiLow: 883177, casualtiesPiHigh: 1111963 }]);
  });

  it("without the deaths file the deaths_* columns stay empty, and a note says so", () => {
    const out = economistTrackerToDailyCsv(parseEconomistTrackerCsv(fixture("meta-estimate-casualties.csv")));
    expect(out.csv.split("\r\n")[5]).toBe("2025-06-30,,,,,,990989,959932,1023052,883177,1111963");
    expect(out.notes[0]).toBe("no deaths file given: the deaths_* columns are empty (the library reads only casualties_*)");
  });

  it("missing days are listed, not filled in", () => {
    const text = `${HEADER}\n2025-07-02,2,3,3,3,3,3,casualties,russia\n2025-06-29,1,1.5,1,2,0,3,casualties,russia\n`;
    const out = economistTrackerToDailyCsv(parseEconomistTrackerCsv(text));
    expect(out.csv.split("\r\n").slice(1, 3)).toEqual(["2025-06-29,,,,,,2,1,2,0,3", "2025-07-02,,,,,,3,3,3,3,3"]);
    expect(out.notes[1]).toBe("2 days missing from the file (2025-06-30, 2025-07-01): not filled in");
  });

  it("refuses the files swapped, two of a kind, or days that differ between them", () => {
    const casualties = parseEconomistTrackerCsv(fixture("meta-estimate-casualties.csv"));
    const deaths = parseEconomistTrackerCsv(fixture("meta-estimate-deaths.csv"));
    expect(thrown(() => economistTrackerToDailyCsv(deaths, casualties), InputError).message).toBe("casualties: expected the tracker's casualties file (type casualties), got a deaths file");
    expect(thrown(() => economistTrackerToDailyCsv(casualties, casualties), InputError).message).toBe("deaths: expected the tracker's deaths file (type deaths), got a casualties file");
    const shorter = { ...deaths, days: deaths.days.slice(1) };
    expect(thrown(() => economistTrackerToDailyCsv(casualties, shorter), InputError).message).toBe(
      "deaths: expected the deaths and casualties files to estimate the same days, got 2025-06-26 only in the casualties file",
    );
  });
});
