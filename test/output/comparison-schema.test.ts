import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { comparisonJsonSchema, type ComparisonJson } from "../../src/output/result-schema.js";
import { compareSync } from "../../src/results/comparison.js";
import { SERIES } from "../../src/engine/store.js";

const comparison = compareSync("baseline", "no-pledge", { runs: 64, horizonMonths: 12 });
const json = comparison.toJSON();
/** A deep copy through JSON text: what a consumer of the file sees. */
const copy = () => JSON.parse(JSON.stringify(json)) as Record<string, any>;
const issuePaths = (value: unknown) => {
  const result = comparisonJsonSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
};

describe("comparisonJsonSchema", () => {
  it("accepts toJSON() of a real comparison, as an object and after a JSON round trip", () => {
    expect(comparisonJsonSchema.safeParse(json).success).toBe(true);
    const parsed = comparisonJsonSchema.parse(copy());
    expect(parsed.schema).toBe("attrition-sim/comparison@1");
    expect(parsed.difference).toBe("no-pledge minus baseline");
    expect(parsed.months).toHaveLength(12);
    expect(Object.keys(parsed.series).sort()).toEqual([...SERIES].sort());
    expect(parsed.events.length).toBeGreaterThan(0);
    expect(parsed.a.scenario.name).toBe("baseline");
  });

  it("accepts a comparison of a scenario with itself (labels told apart) and a one-path run", () => {
    expect(issuePaths(JSON.parse(JSON.stringify(compareSync("baseline", "baseline", { runs: 8, horizonMonths: 3 }))))).toEqual([]);
    expect(issuePaths(JSON.parse(JSON.stringify(compareSync("baseline", "no-dprk", { runs: 1, horizonMonths: 2 }))))).toEqual([]);
  });

  it("rejects a tampered comparison, naming the field", () => {
    const schema = copy();
    schema.schema = "attrition-sim/projection@1";
    expect(issuePaths(schema)).toContain("schema");

    const extra = copy();
    extra.series.dprkForce.median = [];
    expect(issuePaths(extra)).toContain("series.dprkForce");

    const short = copy();
    short.series.dprkLosses.p50.pop();
    expect(issuePaths(short)).toContain("series.dprkLosses.p50");

    const label = copy();
    label.difference = "baseline minus no-pledge";
    expect(issuePaths(label)).toContain("difference");

    const runs = copy();
    runs.options.runs = 65;
    expect(issuePaths(runs)).toEqual(expect.arrayContaining(["a.options.runs", "b.options.runs", "events.0.paths"]));

    const months = copy();
    months.b.months[0] = "2025-08-31";
    expect(issuePaths(months)).toContain("b.months");

    const never = copy();
    never.events[0].pNever.b = 1.5;
    expect(issuePaths(never)).toContain("events.0.pNever.b");

    const nested = copy();
    delete nested.a.series.occupiedShare.p95;
    expect(issuePaths(nested)).toContain("a.series.occupiedShare.p95");

    const events = copy();
    events.events.pop();
    expect(issuePaths(events)).toContain("events");
  });

  it("is the source of ComparisonJson, and converts to a JSON Schema", () => {
    expectTypeOf(comparison.toJSON()).toEqualTypeOf<z.infer<typeof comparisonJsonSchema>>();
    expectTypeOf<ComparisonJson["events"][number]["series"]>().toEqualTypeOf<(typeof SERIES)[number]>();
    const schema = z.toJSONSchema(comparisonJsonSchema) as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["difference", "series", "events", "a", "b"]));
    expect(schema.additionalProperties).toBe(false);
  });
});
