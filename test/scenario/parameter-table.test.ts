import { describe, expect, it } from "vitest";
import { parameterTable, parseScenario } from "../../src/index.js";
import { SHIPPED_POSTERIOR_INFO } from "../../src/scenario/shipped-posterior-info.js";

describe("parameterTable", () => {
  const row = (scenario: unknown, path: string) => parameterTable(parseScenario(scenario)).find((r) => r.path === path)!;

  it("shows a fitted parameter of baseline as the posterior's 5–95% range and median, with the posterior file as its source", () => {
    const pace = row("baseline", "territory.offensivePaceKm2PerMonth");
    const k = SHIPPED_POSTERIOR_INFO.parameters.indexOf("territory.offensivePaceKm2PerMonth");
    expect(pace.value).toBe(
      `posterior ${SHIPPED_POSTERIOR_INFO.p5[k]!.toPrecision(4)}…${SHIPPED_POSTERIOR_INFO.p95[k]!.toPrecision(4)} (5–95%)`,
    );
    expect(pace.median).toBe(SHIPPED_POSTERIOR_INFO.medians[k]);
    expect(pace.provenance).toMatch(/^data posterior-2025-06\.json/);
    // the t0 area is each path's state; the article's figures are the article preset's
    expect(row("baseline", "territory.initialOccupiedKm2").value).toBe("each path's filtered state at 2025-06");
    expect(row("article", "territory.offensivePaceKm2PerMonth")).toMatchObject({
      value: "484.8",
      provenance: expect.stringMatching(/F12/),
    });
  });

  it("an overridden fitted parameter is the scenario's own again", () => {
    expect(row({ extends: "baseline", territory: { offensivePaceKm2PerMonth: 300 } }, "territory.offensivePaceKm2PerMonth")).toMatchObject({
      value: "300",
      median: 300,
    });
  });
});
