import { describe, expect, it } from "vitest";
import { parametersOf } from "../../src/analysis/bounded-prior.js";
import { filterScenario } from "../../src/analysis/filter-priors.js";
import { observationsFromSeries } from "../../src/analysis/observations.js";
import { SHIPPED_LEAGUE_DATA } from "../../src/analysis/league-data.js";

const scenario = filterScenario(
  observationsFromSeries(
    { occupiedArea: SHIPPED_LEAGUE_DATA.occupiedArea, claimedLosses: SHIPPED_LEAGUE_DATA.claimedLosses },
    { from: "2023-01", to: "2024-06" },
  ),
);

describe("parametersOf", () => {
  it("matches its @example: each path with its prior in the scenario, in the order asked", () => {
    const [noise, pace] = parametersOf(scenario, ["intensity.noiseSd", "territory.offensivePaceKm2PerMonth"]);
    expect(noise).toEqual({ path: "intensity.noiseSd", prior: expect.objectContaining({ dist: "uniform", min: 0.01, max: 0.4 }) });
    expect(pace!.path).toBe("territory.offensivePaceKm2PerMonth");
  });
  it("refuses a path that is not a parameter of the scenario, naming it", () => {
    expect(() => parametersOf(scenario, ["territory.nonsense"])).toThrow(/parameters: territory.nonsense is not a parameter/);
  });
});
