import { describe, expect, it } from "vitest";
import { listParameters } from "../../src/engine/parameters.js";
import { scenarioJsonSchema } from "../../src/scenario/json-schema.js";
import type { Parameter } from "../../src/scenario/parameter.js";
import { parseScenario } from "../../src/scenario/parse.js";
import { presetNames } from "../../src/scenario/presets.js";
import type { Scenario } from "../../src/scenario/schema.js";

const MONTH_DAYS = 30.4375; // mathjs: year = 365.25 days, month = year / 12

/** The node at a dotted path of a parsed scenario (as `listParameters` writes it). */
function nodeAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function parameterAt(scenario: Scenario, path: string): Parameter {
  const node = nodeAt(scenario, path);
  expect(node, `no parameter at ${path}`).toBeTypeOf("object");
  return node as Parameter;
}

const baseline = parseScenario("baseline");
/** The article's figures as stated: where the assumptions live (baseline takes 13 of them from the posterior). */
const article = parseScenario("article");

describe("presets", () => {
  it("has the seven presets", () => {
    expect(presetNames).toHaveLength(7);
  });

  it.each(presetNames)("%s parses by name and through extends, to the same scenario", (name) => {
    const byName = parseScenario(name);
    const byExtends = parseScenario({ extends: name });
    expect(byName.name).toBe(name);
    expect(byExtends).toEqual(byName);
    expect(listParameters(byName).length).toBeGreaterThan(40);
  });

  it.each(presetNames)("every parameter of %s states a provenance other than user", (name) => {
    const scenario = parseScenario(name);
    const slots = listParameters(scenario);
    expect(slots.length).toBeGreaterThan(0);
    const userParameters = slots.filter((slot) => parameterAt(scenario, slot.path).provenance.source === "user").map((slot) => slot.path);
    expect(userParameters).toEqual([]);
  });

  it("overrides of a preset keep the rest of it (no-pledge differs from baseline only in the waves)", () => {
    const noPledge = parseScenario("no-pledge");
    expect(noPledge.dprk.waves).toEqual([]);
    expect(baseline.dprk.waves).toHaveLength(1);
    expect(noPledge.russia).toEqual(baseline.russia);
    expect(noPledge.dprk.exposure).toEqual(baseline.dprk.exposure);
  });
});

describe("baseline assumptions carry honest uncertainty", () => {
  /**
   * Fixed (not distributed) `assumption` parameters of the baseline, each allowed because its
   * note says it is off by default, optional, a counterfactual, a baseline choice or a schema
   * default. Every other assumption must be a distribution.
   */
  const FIXED_ASSUMPTION_EXCEPTIONS = [
    "russia.trainingMonths", // "… the training pipeline is optional"
    "russia.desertionPerMonth", // "… optional outflow, off by default"
    "ukraine.targetGrowthPerMonth", // schema default: "default: the target stays at the initial strength"
    "ukraine.trainingMonths", // counterpart of russia.trainingMonths (note: "as for Russia")
    "ukraine.desertionPerMonth", // "… optional outflow, off by default"
    "territory.offensiveNoiseAutocorrelation", // "independent months, as in v1; the state-space fit … is to estimate it"
    "dprk.furtherWaves.ratePerYear", // "article: no waves beyond the pledge …"
    "ceasefire.hazardPerStalemateMonth", // "article: the hazard does not rise with stalemate"
  ];
  const REASON = /off by default|optional|counterfactual|^article:|^default:/i;

  const assumptions = listParameters(article).filter((slot) => parameterAt(article, slot.path).provenance.source === "assumption");

  it("has assumption parameters", () => {
    expect(assumptions.length).toBeGreaterThan(20);
  });

  it("every assumption outside the listed exceptions is a distribution, not a fixed value", () => {
    const fixed = assumptions
      .filter((slot) => slot.spec.dist === "fixed" && !FIXED_ASSUMPTION_EXCEPTIONS.includes(slot.path))
      .map((slot) => {
        const p = parameterAt(article, slot.path).provenance;
        return `${slot.path} (${p.source === "assumption" ? p.note : ""})`;
      });
    expect(fixed).toEqual([]);
  });

  it.each(FIXED_ASSUMPTION_EXCEPTIONS)("exception %s is a fixed assumption whose note says why", (path) => {
    const param = parameterAt(article, path);
    expect(param.spec.dist).toBe("fixed");
    expect(param.provenance.source).toBe("assumption");
    const note = param.provenance.source === "assumption" ? param.provenance.note : "";
    expect(note).toMatch(REASON);
  });
});

describe("unit strings become canonical numbers", () => {
  it("a per-day rate becomes people per month", () => {
    const s = parseScenario({ extends: "baseline", russia: { recruitmentCapacityPerMonth: "1200/day" } });
    expect(s.russia.recruitmentCapacityPerMonth.spec).toEqual({ dist: "fixed", value: 36525 });
    expect(s.russia.recruitmentCapacityPerMonth.spec).toEqual({ dist: "fixed", value: 1200 * MONTH_DAYS });
  });

  it("an area per year becomes km² per month", () => {
    const s = parseScenario({ extends: "baseline", territory: { offensivePaceKm2PerMonth: "5820 km^2/year" } });
    expect(s.territory.offensivePaceKm2PerMonth.spec).toEqual({ dist: "fixed", value: 485 });
  });

  it("a percentage becomes a share", () => {
    const s = parseScenario({ extends: "baseline", russia: { woundedReturnShare: "12%" } });
    expect(s.russia.woundedReturnShare.spec).toEqual({ dist: "fixed", value: 0.12 });
  });

  it("days become months", () => {
    const s = parseScenario({ extends: "baseline", russia: { returnDelayMonths: "90 days" } });
    const spec = s.russia.returnDelayMonths.spec;
    expect(spec.dist).toBe("fixed");
    expect(spec.dist === "fixed" ? spec.value : NaN).toBeCloseTo(90 / MONTH_DAYS, 12);
  });

  it("a unit string inside { value } is converted too", () => {
    const s = parseScenario({ extends: "baseline", russia: { recruitmentCapacityPerMonth: { value: "420000/year" } } });
    expect(s.russia.recruitmentCapacityPerMonth.spec).toEqual({ dist: "fixed", value: 35000 });
  });

  it("distribution fields may be unit strings", () => {
    const s = parseScenario({
      extends: "baseline",
      russia: { recruitmentCapacityPerMonth: { dist: "uniform", min: "30000/month", max: "40000/month" } },
    });
    expect(s.russia.recruitmentCapacityPerMonth.spec).toEqual({ dist: "uniform", min: 30000, max: 40000 });
  });

  it("a plain number is already canonical and becomes a fixed distribution", () => {
    const s = parseScenario({ extends: "baseline", russia: { initialForce: 650000 } });
    expect(s.russia.initialForce.spec).toEqual({ dist: "fixed", value: 650000 });
  });
});

describe("provenance", () => {
  it("missing provenance defaults to user", () => {
    const s = parseScenario({
      extends: "baseline",
      russia: { initialForce: 650000, recruitmentCapacityPerMonth: { dist: "uniform", min: 30000, max: 40000 } },
      dprk: { exposure: { value: 2 } },
    });
    expect(s.russia.initialForce.provenance).toEqual({ source: "user" });
    expect(s.russia.recruitmentCapacityPerMonth.provenance).toEqual({ source: "user" });
    expect(s.dprk.exposure.provenance).toEqual({ source: "user" });
  });

  it("calibration provenance is accepted", () => {
    const s = parseScenario({
      extends: "baseline",
      attrition: { exchangeRatio: { value: 2.4, provenance: { source: "calibration", note: "fit to 2025-H1" } } },
      russia: { initialForce: { dist: "uniform", min: 600000, max: 700000, provenance: { source: "calibration" } } },
    });
    expect(s.attrition.exchangeRatio).toEqual({
      spec: { dist: "fixed", value: 2.4 },
      provenance: { source: "calibration", note: "fit to 2025-H1" },
    });
    expect(s.russia.initialForce.provenance).toEqual({ source: "calibration" });
  });

  it("stated provenance is kept", () => {
    const s = parseScenario({ extends: "baseline", russia: { initialForce: { value: 1, provenance: { source: "article", id: "F6" } } } });
    expect(s.russia.initialForce.provenance).toEqual({ source: "article", id: "F6" });
  });
});

describe("deep overrides", () => {
  it("overriding one field keeps the rest of the block and of the preset", () => {
    const s = parseScenario({ extends: "baseline", dprk: { exposure: 2 } });
    expect(s.dprk.exposure.spec).toEqual({ dist: "fixed", value: 2 });
    expect(s.dprk.deployablePool).toEqual(baseline.dprk.deployablePool);
    expect(s.dprk.combatValue).toEqual(baseline.dprk.combatValue);
    expect(s.dprk.waves).toEqual(baseline.dprk.waves);
    expect(s.dprk.furtherWaves).toEqual(baseline.dprk.furtherWaves);
    expect(s.russia).toEqual(baseline.russia);
    expect(s.territory).toEqual(baseline.territory);
    expect(s.start).toBe(baseline.start);
  });

  it("overriding a field two levels deep keeps its siblings", () => {
    const s = parseScenario({ extends: "baseline", territory: { breakthrough: { multiplier: 3 } } });
    expect(s.territory.breakthrough.multiplier.spec).toEqual({ dist: "fixed", value: 3 });
    expect(s.territory.breakthrough.probabilityPerMonth).toEqual(baseline.territory.breakthrough.probabilityPerMonth);
    expect(s.territory.collapse).toEqual(baseline.territory.collapse);
  });

  it("a parameter override replaces the whole parameter (no merge of spec fields)", () => {
    // The baseline's recruitment capacity is a pert { min, mode, max }; a uniform must not inherit `mode`.
    const s = parseScenario({ extends: "baseline", russia: { recruitmentCapacityPerMonth: { dist: "uniform", min: 1, max: 2 } } });
    expect(s.russia.recruitmentCapacityPerMonth.spec).toEqual({ dist: "uniform", min: 1, max: 2 });
  });

  it("arrays replace: waves: [] empties the waves", () => {
    const s = parseScenario({ extends: "baseline", dprk: { waves: [] } });
    expect(s.dprk.waves).toEqual([]);
  });

  it("arrays replace: a one-wave list is not merged with the preset's waves", () => {
    const s = parseScenario({
      extends: "baseline",
      dprk: { waves: [{ name: "mine", size: 5000, arrivalStart: "2026-01-01", arrivalEnd: "2026-03-31" }] },
    });
    expect(s.dprk.waves).toHaveLength(1);
    expect(s.dprk.waves[0]).toEqual({
      name: "mine",
      size: { spec: { dist: "fixed", value: 5000 }, provenance: { source: "user" } },
      arrivalStart: "2026-01-01",
      arrivalEnd: "2026-03-31",
    });
  });

  it("does not modify the input or the presets", () => {
    const input = { extends: "baseline", dprk: { exposure: 2 } };
    const copy = structuredClone(input);
    parseScenario(input);
    expect(input).toEqual(copy);
    expect(parseScenario("baseline")).toEqual(baseline);
  });
});

describe("defaults", () => {
  it("dynamics defaults to free / switching / on / on", () => {
    expect(baseline.dynamics).toEqual({ forces: "free", regime: "switching", noise: "on", events: "on" });
  });

  it("a partial dynamics block fills in the rest", () => {
    const s = parseScenario({ extends: "baseline", dynamics: { noise: "off" } });
    expect(s.dynamics).toEqual({ forces: "free", regime: "switching", noise: "off", events: "on" });
  });
});

describe("scenarioJsonSchema", () => {
  it("is JSON-serialisable and describes the russia block", () => {
    const schema = scenarioJsonSchema();
    const text = JSON.stringify(schema);
    expect(typeof text).toBe("string");
    const roundTrip = JSON.parse(text) as { properties?: Record<string, unknown> };
    expect(roundTrip).toEqual(schema);
    expect(roundTrip.properties?.russia).toBeTypeOf("object");
    expect(roundTrip.properties?.extends).toBeTypeOf("object");
  });
});

describe("idempotence", () => {
  it("parsing twice gives deep-equal results", () => {
    const input = { extends: "dprk-waves", russia: { recruitmentCapacityPerMonth: "1200/day" }, dprk: { exposure: 2 } };
    expect(parseScenario(input)).toEqual(parseScenario(input));
    expect(parseScenario("hindcast-2024-11")).toEqual(parseScenario("hindcast-2024-11"));
  });

  it("a parsed scenario is returned unchanged", () => {
    const parsed = parseScenario({ extends: "baseline", dprk: { exposure: 2 } });
    const snapshot = structuredClone(parsed);
    expect(parseScenario(parsed)).toBe(parsed);
    expect(parsed).toEqual(snapshot);
    expect(parseScenario(baseline)).toBe(baseline);
  });
});
