import { describe, expect, it } from "vitest";
import { JsonRecordsError, readJsonRecords } from "../../src/data/json-records.js";
import { thrownInputError } from "../helpers/thrown.js";

const thrown = (f: () => unknown): JsonRecordsError => thrownInputError(f, JsonRecordsError);

describe("readJsonRecords: an array of records, each with its line", () => {
  it("gives the line each record starts on, whatever the strings, nesting and line ends hold", () => {
    const text = '\uFEFF[\r\n    {\r\n        "a": "x,{]\\"\\n"\r\n    },\r\n    {"b": [1, {"c": 2}]}, {}\r\n]';
    expect(readJsonRecords(text)).toEqual({ records: [{ a: 'x,{]"\n' }, { b: [1, { c: 2 }] }, {}], lines: [2, 5, 5] });
    expect(readJsonRecords("[]")).toEqual({ records: [], lines: [] });
  });

  it("matches its @example", () => {
    expect(readJsonRecords('[\n  {"date": "2025-06-30", "personnel": 1020010}\n]')).toEqual({ records: [{ date: "2025-06-30", personnel: 1020010 }], lines: [2] });
  });

  it("names the line and column of a syntax error, and refuses an empty file", () => {
    const e = thrown(() => readJsonRecords('[\n {"a": 1,}\n]'));
    expect(e.message).toBe("line 2, column 10: expected valid JSON, got a syntax error (expected double-quoted property name)");
    expect([e.line, e.issues[0]!.column]).toEqual([2, 10]);
    expect(thrown(() => readJsonRecords("[1,")).message).toBe("line 1, column 4: expected valid JSON, got a syntax error (unexpected end of JSON input)");
    expect(thrown(() => readJsonRecords(" \n")).message).toBe("line 1, column 1: expected valid JSON, got an empty file");
  });

  it("refuses a top level that is not an array, and elements that are not records", () => {
    expect(thrown(() => readJsonRecords('{"date": "2025-06-30"}')).message).toBe("line 1: expected an array of records [{…}, …], got an object");
    const e = thrown(() => readJsonRecords('[\n {"a": 1},\n [2],\n null,\n "x"\n]'));
    expect(e.message.split("\n")).toEqual(["line 3: expected a record {…}, got an array", "line 4: expected a record {…}, got null", 'line 5: expected a record {…}, got "x"']);
    expect(e.issues.map((i) => i.value)).toEqual(["[2]", "null", "x"]);
    expect(thrown(() => readJsonRecords(42 as unknown as string)).message).toBe("expected the JSON file's text as a string, got 42");
  });
});
