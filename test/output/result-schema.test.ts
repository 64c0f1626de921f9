import { describe, expect, it } from "vitest";
import { z } from "zod";
import { simulateSync } from "../../src/results/simulate.js";
import { SERIES } from "../../src/engine/store.js";
import { projectionJsonSchema } from "../../src/output/result-schema.js";

const projection = simulateSync("baseline", { runs: 64, horizonMonths: 12 });
const json = projection.toJSON();
/** A deep copy through JSON text: what a consumer of the file sees. */
const copy = () => JSON.parse(JSON.stringify(json)) as Record<string, any>;

describe("projectionJsonSchema", () => {
  it("accepts toJSON() of a baseline run, as an object and after a JSON round trip", () => {
    expect(projectionJsonSchema.safeParse(json).success).toBe(true);
    const parsed = projectionJsonSchema.parse(copy());
    expect(parsed.months).toHaveLength(12);
    expect(Object.keys(parsed.series).sort()).toEqual([...SERIES].sort());
    expect(parsed.events.length).toBeGreaterThan(0);
  });

  it("accepts a one-path run once NaN standard errors are written as null", () => {
    const one = JSON.parse(JSON.stringify(simulateSync("baseline", { runs: 1, horizonMonths: 2 })));
    expect(one.series.russiaForce.se.p50[0]).toBeNull();
    expect(projectionJsonSchema.safeParse(one).success).toBe(true);
  });

  it("rejects a missing p50", () => {
    const bad = copy();
    delete bad.series.occupiedShare.p50;
    const result = projectionJsonSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues.some((i) => i.path.join(".") === "series.occupiedShare.p50")).toBe(true);
  });

  it("rejects a NaN value", () => {
    const bad = copy();
    bad.series.russiaForce.mean[3] = NaN;
    expect(projectionJsonSchema.safeParse(bad).success).toBe(false);
    const infinite = copy();
    infinite.initial.ukraineForce = Infinity;
    expect(projectionJsonSchema.safeParse(infinite).success).toBe(false);
  });

  it("rejects a wrong schema string", () => {
    const bad = copy();
    bad.schema = "attrition-sim/projection@1"; // the version before probabilities
    expect(projectionJsonSchema.safeParse(bad).success).toBe(false);
  });

  it("rejects arrays of the wrong length, unknown keys and out-of-range fields", () => {
    const short = copy();
    short.series.dprkLosses.p95.pop();
    expect(projectionJsonSchema.safeParse(short).success).toBe(false);
    const extra = copy();
    extra.options.workers = 4;
    expect(projectionJsonSchema.safeParse(extra).success).toBe(false);
    const hash = copy();
    hash.scenario.sha256 = "abc";
    expect(projectionJsonSchema.safeParse(hash).success).toBe(false);
    const p = copy();
    p.events[0].pNever = 1.5;
    expect(projectionJsonSchema.safeParse(p).success).toBe(false);
  });

  it("converts to a JSON Schema with zod's toJSONSchema", () => {
    const schema = z.toJSONSchema(projectionJsonSchema) as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toContain("series");
    expect(schema.additionalProperties).toBe(false);
  });
});
