import { describe, expect, it } from "vitest";
import { withParametersFixed } from "../../src/analysis/fixed-parameters.js";
import { listParameters } from "../../src/engine/parameters.js";
import { median } from "../../src/scenario/distribution-math.js";
import { parseScenario } from "../../src/scenario/parse.js";
import { OptionsError } from "../../src/util/errors.js";

describe("withParametersFixed", () => {
  const LOSS = "attrition.russiaLossesPerMonth",
    PACE = "territory.offensivePaceKm2PerMonth";

  it("sets every parameter to a number shared by all paths: the values given, else the prior's median", () => {
    const fixed = parseScenario(withParametersFixed("baseline", { [LOSS]: 32_000 }, "test"));
    const prior = parseScenario("baseline");
    const priorOf = new Map(listParameters(prior).map((s) => [s.path, s.spec]));
    for (const slot of listParameters(fixed).filter((s) => !s.perEvent)) {
      expect(slot.spec.dist, slot.path).toBe("fixed");
      const value = (slot.spec as { value: number }).value;
      expect(value, slot.path).toBe(slot.path === LOSS ? 32_000 : median(priorOf.get(slot.path)!));
    }
  });

  it("labels a value set by `setAs` and keeps a prior median's own provenance, with a note", () => {
    const at = (scenario: unknown, path: string) => {
      const [block, key] = path.split(".") as [string, string];
      return (parseScenario(scenario) as unknown as Record<string, Record<string, { provenance: unknown }>>)[block]![key]!.provenance;
    };
    const priorPace = at("baseline", PACE) as { source: string; note?: string };
    const fitted = withParametersFixed("baseline", { [LOSS]: 32_000 }, "fit", [], "calibration");
    expect(at(fitted, LOSS)).toEqual({ source: "calibration", note: "fit: set" });
    expect(at(fitted, PACE)).toEqual({
      ...priorPace,
      note: `fit: at its prior median${priorPace.note ? ` (${priorPace.note})` : ""}`,
    });
    expect(at(withParametersFixed("baseline", { [LOSS]: 32_000 }, "mine", [], "user"), LOSS)).toEqual({
      source: "user",
      note: "mine: set",
    });
    expect(at(withParametersFixed("baseline", { [LOSS]: 32_000 }, "proposal"), LOSS)).toEqual({
      source: "assumption",
      note: "proposal: set",
    });
  });

  it("refuses a path that is not a parameter, or a value that is not finite", () => {
    expect(() => withParametersFixed("baseline", { "attrition.nope": 1 }, "test")).toThrow(OptionsError);
    expect(() => withParametersFixed("baseline", { [LOSS]: NaN }, "test")).toThrow(/finite/);
  });
});
