import { describe, expect, it } from "vitest";
import { filterScenario } from "../../src/analysis/filter-priors.js";
import { SHIPPED_LEAGUE_DATA } from "../../src/analysis/league-data.js";
import { observationsFromSeries } from "../../src/analysis/observations.js";
import { simulationBasedCalibration, simulationBasedCalibrationSmc } from "../../src/analysis/sbc.js";

const window = observationsFromSeries(
  { occupiedArea: SHIPPED_LEAGUE_DATA.occupiedArea, claimedLosses: SHIPPED_LEAGUE_DATA.claimedLosses },
  { from: "2023-01", to: "2023-12" },
);
const PARAMETERS = ["attrition.russiaLossesPerMonth", "territory.offensiveNoiseAutocorrelation"];
/** The reduced problem both tests set up: 12 months of 2023, two parameters. */
const PROBLEM = {
  scenario: filterScenario(window),
  months: window.months,
  initialOccupiedKm2: window.initialOccupiedKm2,
  parameters: PARAMETERS,
};

describe("simulationBasedCalibration (npm run fit:sbc's smoke check: 2 sets, short chains)", () => {
  const run = () =>
    simulationBasedCalibration({
      ...PROBLEM,
      sets: 2,
      particles: 200,
      burnIn: 20,
      iterations: 60,
      seed: 3,
    });

  it("draws each truth from the prior, fits it, and places it among the draws; the same for a seed", () => {
    const sets = run();
    expect(sets).toHaveLength(2);
    for (const set of sets) {
      expect(set.truth["attrition.russiaLossesPerMonth"]).toBeGreaterThan(15_000);
      expect(set.truth["attrition.russiaLossesPerMonth"]).toBeLessThan(65_000);
      for (const path of PARAMETERS) {
        const { low, high, covered } = set.intervals[path]!;
        expect(low).toBeLessThanOrEqual(high);
        expect(covered).toBe(set.truth[path]! >= low && set.truth[path]! <= high);
        expect(set.rank[path]).toBeGreaterThanOrEqual(0);
        expect(set.rank[path]).toBeLessThanOrEqual(1);
      }
    }
    expect(sets[0]!.truth).not.toEqual(sets[1]!.truth);
    expect(run()).toEqual(sets);
  });

  it("refuses a seed whose sets' seeds (seed · 1000 + set) would leave the seed range", () => {
    const bad = () =>
      simulationBasedCalibration({
        ...PROBLEM,
        sets: 2,
        particles: 10,
        burnIn: 0,
        iterations: 1,
        seed: 4_294_968,
      });
    expect(bad).toThrow(/seed: expected an integer from 0 to 4294967 \(set seeds are seed · 1000 \+ set\), got 4294968/);
  });
});

describe("simulationBasedCalibrationSmc (npm run fit:sbc's sampler: 2 sets, small runs)", () => {
  const SMC = { particles: 50, smc: { particles: 24, minMoves: 1, maxMoves: 2, finalMoves: 2 } };

  it("fits the same truths as the PMMH calibration, and a share of the sets gives those sets' results exactly", async () => {
    const all = await simulationBasedCalibrationSmc({ ...PROBLEM, ...SMC, sets: 2, seed: 3 });
    expect(all.map((s) => s.set)).toEqual([0, 1]);
    const pmmhTruths = simulationBasedCalibration({ ...PROBLEM, sets: 2, particles: 10, burnIn: 0, iterations: 4, seed: 3 }).map(
      (s) => s.truth,
    );
    expect(all.map((s) => s.truth)).toEqual(pmmhTruths);
    for (const set of all)
      for (const path of PARAMETERS) {
        const { low, high, covered } = set.intervals[path]!;
        expect(low).toBeLessThanOrEqual(high);
        expect(covered).toBe(set.truth[path]! >= low && set.truth[path]! <= high);
      }
    const second = await simulationBasedCalibrationSmc({ ...PROBLEM, ...SMC, sets: 2, seed: 3, only: (k) => k === 1 });
    expect(second).toEqual([all[1]]);
  });
});
