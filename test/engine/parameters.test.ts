import { describe, expect, it } from "vitest";
import { OptionsError, ScenarioError, simulateSync } from "../../src/index.js";

describe("per-path parameters", () => {
  it("keepPaths exposes each path's parameter draws, inside the prior's support", () => {
    const paths = simulateSync("article", { runs: 300, horizonMonths: 2, keepPaths: true }).paths!;
    const rho = paths.parameters!["attrition.exchangeRatio"]!;
    expect(rho.length).toBe(300);
    expect(Math.min(...rho)).toBeGreaterThanOrEqual(2.0);
    expect(Math.max(...rho)).toBeLessThanOrEqual(2.7);
    expect(new Set(rho).size).toBeGreaterThan(290);
  });

  it("parameterUniforms replace the keyed draws of the named parameters only", () => {
    const runs = 200;
    const u = Float64Array.from({ length: runs }, (_, i) => (i + 0.5) / runs);
    const given = simulateSync("article", {
      runs,
      horizonMonths: 2,
      keepPaths: true,
      parameterUniforms: { "attrition.exchangeRatio": u },
    }).paths!;
    const keyed = simulateSync("article", { runs, horizonMonths: 2, keepPaths: true }).paths!;
    const rho = given.parameters!["attrition.exchangeRatio"]!;
    for (let i = 1; i < runs; i += 1) expect(rho[i]!).toBeGreaterThan(rho[i - 1]!); // monotone in u
    expect(Array.from(given.parameters!["russia.recruitmentCapacityPerMonth"]!)).toEqual(
      Array.from(keyed.parameters!["russia.recruitmentCapacityPerMonth"]!),
    );
  });

  it("bad uniforms are refused with a path", () => {
    expect(() => simulateSync("article", { runs: 3, horizonMonths: 1, parameterUniforms: { nope: [0.5, 0.5, 0.5] } })).toThrow(
      /parameterUniforms\.nope/,
    );
    expect(() =>
      simulateSync("article", { runs: 3, horizonMonths: 1, parameterUniforms: { "attrition.exchangeRatio": [0.5, 1, 0.5] } }),
    ).toThrow(OptionsError);
    expect(() => simulateSync("article", { runs: 3, horizonMonths: 1, parameterUniforms: { "attrition.exchangeRatio": [0.5] } })).toThrow(
      /at least 3/,
    );
  });

  it("a joint posterior gives each path one whole row, so correlations survive", () => {
    const draws = Array.from({ length: 50 }, (_, k) => [2.0 + k * 0.01, 30_000 + k * 200]);
    const scenario = {
      extends: "article",
      posterior: { kind: "posterior", parameters: ["attrition.exchangeRatio", "attrition.russiaLossesPerMonth"], draws },
    };
    const paths = simulateSync(scenario, { runs: 400, horizonMonths: 1, keepPaths: true }).paths!;
    const rho = paths.parameters!["attrition.exchangeRatio"]!,
      lambda = paths.parameters!["attrition.russiaLossesPerMonth"]!;
    const rows = new Set<number>();
    for (let i = 0; i < 400; i += 1) {
      const k = Math.round((rho[i]! - 2.0) / 0.01);
      expect(lambda[i]).toBeCloseTo(30_000 + k * 200, 6);
      rows.add(k);
    }
    expect(rows.size).toBeGreaterThan(40);
  });

  it("a posterior naming an unknown parameter or leaving the prior's support is refused", () => {
    const bad = (posterior: unknown) => () => simulateSync({ extends: "article", posterior }, { runs: 1, horizonMonths: 1 });
    expect(bad({ kind: "posterior", parameters: ["nope"], draws: [[1]] })).toThrow(/posterior\.parameters\.0/);
    expect(bad({ kind: "posterior", parameters: ["attrition.exchangeRatio"], draws: [[2.5], [9]] })).toThrow(
      /posterior\.draws\.1\.0: expected a value of attrition\.exchangeRatio within its prior's support/,
    );
    expect(bad({ kind: "posterior", parameters: ["attrition.exchangeRatio"], draws: [[2.5, 1]] })).toThrow(ScenarioError);
  });
});
