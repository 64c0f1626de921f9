import { describe, expect, it } from "vitest";
import { listParameters } from "../../src/scenario/parameter-list.js";
import { perEventParameter } from "../../src/scenario/parameter.js";
import { parseScenario } from "../../src/scenario/parse.js";

describe("per-event parameters (declared in the schema)", () => {
  it("flags exactly the slots the schema declares per event", () => {
    for (const name of ["baseline", "dprk-waves", "hindcast-2024-11"]) {
      const perEvent = listParameters(parseScenario(name))
        .filter((s) => s.perEvent)
        .map((s) => s.path);
      expect(perEvent).toEqual(["dprk.furtherWaves.size"]);
    }
  });

  it("matches the @example of perEventParameter", () => {
    const size = perEventParameter({ unit: "1", description: "people per wave", min: 0 });
    expect(listParameters({ size: size.parse(20_000) })[0]!.perEvent).toBe(true);
  });

  it("keeps the marker out of the scenario's JSON (so its hash does not change)", () => {
    const parsed = parseScenario("dprk-waves");
    expect(Object.keys(parsed.dprk.furtherWaves.size)).toEqual(["spec", "provenance"]);
    expect(JSON.stringify(parsed.dprk.furtherWaves.size)).not.toContain("per-event");
    expect(parsed.dprk.furtherWaves.size.sampling).toBe("per-event");
  });
});
