import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLAIMED_LOSSES_DAILY_HEADER, convertPetroIvaniukPersonnel } from "../../src/data/convert-petroivaniuk.js";
import { JsonRecordsError } from "../../src/data/json-records.js";

const fixture = readFileSync(new URL("../fixtures/upstream/petroivaniuk/russia_losses_personnel.json", import.meta.url), "utf8");
const shipped = readFileSync(new URL("../../data/russia_personnel_losses_daily.csv", import.meta.url), "utf8");

function thrown(f: () => unknown): JsonRecordsError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(JsonRecordsError);
    return error as JsonRecordsError;
  }
  throw new Error("expected a JsonRecordsError");
}

const json = (records: unknown[]) => JSON.stringify(records, null, 4);

describe("convertPetroIvaniukPersonnel: PetroIvaniuk's russia_losses_personnel.json → russia_personnel_losses_daily.csv", () => {
  it("writes the shipped layout: the fixture's days are the shipped file's rows (the first without an increment)", () => {
    const out = convertPetroIvaniukPersonnel(fixture);
    expect(out).toMatchObject({ rows: 7, firstDate: "2022-04-25", lastDate: "2022-05-01", notes: [] });
    const lines = out.csv.split("\r\n");
    expect(lines[0]).toBe(shipped.split("\r\n")[0]);
    expect(lines[0]).toBe(CLAIMED_LOSSES_DAILY_HEADER.join(","));
    expect(lines[1]).toBe("2022-04-25,21900,");
    const shippedRows = new Map(shipped.split("\r\n").map((l) => [l.slice(0, 10), l]));
    for (const line of lines.slice(2, -1)) expect(line).toBe(shippedRows.get(line.slice(0, 10)));
    expect(out.csv.endsWith("2022-05-01,23500,300\r\n")).toBe(true);
  });

  it("matches its @example", () => {
    expect(convertPetroIvaniukPersonnel('[{"date": "2025-06-29", "personnel": 1018940}, {"date": "2025-06-30", "personnel": 1020010}]').csv).toBe(
      "date,cumulative_personnel,daily_increment\r\n2025-06-29,1018940,\r\n2025-06-30,1020010,1070\r\n",
    );
  });

  it("a missing day is not filled in: the day after has no increment, and a note lists it", () => {
    const out = convertPetroIvaniukPersonnel(json([{ date: "2024-02-27", personnel: 10 }, { date: "2024-02-28", personnel: 15 }, { date: "2024-03-01", personnel: 25 }, { date: "2024-03-02", personnel: 24 }]));
    expect(out.csv).toBe("date,cumulative_personnel,daily_increment\r\n2024-02-27,10,\r\n2024-02-28,15,5\r\n2024-03-01,25,\r\n2024-03-02,24,-1\r\n");
    expect(out.notes).toEqual(["1 day missing from the file (2024-02-29): not filled in; the day after each gap has an empty daily_increment"]);
  });

  it("bad records: a missing or non-numeric field, dates out of order or repeated — each named by line and field", () => {
    const text = json([
      { date: "2024-01-01", personnel: 1 },
      { date: "2024-01-02" },
      { date: "2024-01-03", personnel: "12k" },
      { date: "2024-01-04", personnel: -1 },
      { date: "2024-01-05", personnel: 1.5 },
      { day: 6, personnel: 7 },
      { date: "2024-1-7", personnel: 7 },
      { date: "2023-12-31", personnel: 8 },
      { date: "2024-01-01", personnel: 8 },
    ]);
    const e = thrown(() => convertPetroIvaniukPersonnel(text));
    expect(e.message.split("\n")).toEqual([
      "line 6, field personnel: expected a whole number ≥ 0 (claimed losses since 2022-02-24), got nothing",
      'line 9, field personnel: expected a whole number ≥ 0 (claimed losses since 2022-02-24), got "12k"',
      "line 13, field personnel: expected a whole number ≥ 0 (claimed losses since 2022-02-24), got -1",
      "line 17, field personnel: expected a whole number ≥ 0 (claimed losses since 2022-02-24), got 1.5",
      'line 21, field date: expected a calendar date "YYYY-MM-DD", got nothing',
      'line 25, field date: expected a calendar date "YYYY-MM-DD", got "2024-1-7"',
      'line 29, field date: expected a date after 2024-01-01 (dates in increasing order), got "2023-12-31"',
      'line 33, field date: expected each date once, got "2024-01-01" again (first on line 2)',
    ]);
    expect([e.line, e.field, e.value]).toEqual([6, "personnel", ""]);
  });

  it("refuses an empty array, a non-array and invalid JSON", () => {
    expect(thrown(() => convertPetroIvaniukPersonnel("[]")).message).toBe("line 1: expected at least one daily record, got an empty array");
    expect(thrown(() => convertPetroIvaniukPersonnel('{"date": "2024-01-01"}')).message).toBe("line 1: expected an array of records [{…}, …], got an object");
    expect(thrown(() => convertPetroIvaniukPersonnel(fixture.slice(0, -3))).message).toMatch(/^line \d+, column \d+: expected valid JSON, got a syntax error/);
  });
});
