import { describe, expect, it } from "vitest";
import { compareSync } from "../../src/results/comparison.js";
import { simulateSync } from "../../src/results/simulate.js";
import { OptionsError } from "../../src/util/errors.js";
import { VEGA_LITE_SCHEMA } from "../../src/output/vega.js";

type Layer = {
  mark: { type: string; opacity?: number };
  encoding: Record<string, { field: string; type?: string; axis?: { format: string } }>;
};
type Spec = ReturnType<ReturnType<typeof simulateSync>["toSpec"]> & {
  layer: Layer[];
  data: { values: Record<string, unknown>[] };
  encoding: Record<string, { field: string; type: string }>;
};

describe("Vega-Lite spec", () => {
  const projection = simulateSync("baseline", { runs: 100, seed: 1, horizonMonths: 12 });

  it("is a layered Vega-Lite v5 chart: 5–95 area, 25–75 area, median line over dated months", () => {
    const spec = projection.toSpec() as Spec;
    expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
    expect(VEGA_LITE_SCHEMA).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect(spec.layer.map((l) => l.mark.type)).toEqual(["area", "area", "line"]);
    expect(spec.layer.map((l) => [l.encoding.y!.field, l.encoding.y2?.field])).toEqual([
      ["p05", "p95"],
      ["p25", "p75"],
      ["p50", undefined],
    ]);
    expect(spec.encoding.x).toMatchObject({ field: "date", type: "temporal" });
    expect(spec.encoding.color).toMatchObject({ field: "scenario", type: "nominal" });
    expect(spec.layer[0]!.encoding.y!.axis!.format).toBe(".0%");
    expect(spec.data.values).toHaveLength(12);
    const share = projection.series("occupiedShare");
    expect(spec.data.values[11]).toEqual({
      scenario: "baseline",
      date: "2026-06-30",
      ...Object.fromEntries((["p05", "p25", "p50", "p75", "p95"] as const).map((k) => [k, Number(share[k][11]!.toPrecision(6))])),
    });
  });

  it("is plain, deterministic JSON", () => {
    const text = JSON.stringify(projection.toSpec("russiaForce"));
    expect(JSON.stringify(JSON.parse(text))).toBe(text);
    expect(JSON.stringify(simulateSync("baseline", { runs: 100, seed: 1, horizonMonths: 12 }).toSpec("russiaForce"))).toBe(text);
    expect(text).not.toMatch(/NaN|undefined/);
    expect(JSON.parse(text).title.text).toBe("Russian force in theatre (without DPRK) — baseline");
  });

  it("overlays the two scenarios of a comparison, one colour each", () => {
    const spec = compareSync("baseline", "no-pledge", { runs: 40, seed: 1, horizonMonths: 6 }).toSpec("dprkForce") as Spec;
    expect(spec.data.values).toHaveLength(12);
    expect(new Set(spec.data.values.map((v) => v.scenario))).toEqual(new Set(["baseline", "no-pledge"]));
    expect((spec.encoding.color as unknown as { scale: { domain: string[] } }).scale.domain).toEqual(["baseline", "no-pledge"]);
  });

  it("refuses an unknown series", () => {
    expect(() => projection.toSpec("occupied" as never)).toThrow(OptionsError);
  });
});
