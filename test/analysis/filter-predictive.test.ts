import { describe, expect, it } from "vitest";
import { FILTER_ESTIMATE } from "../../src/analysis/filter-estimate.js";
import { filterScenario } from "../../src/analysis/filter-priors.js";
import { stateSpacePredictive } from "../../src/analysis/filter-predictive.js";
import { dataUpTo, SHIPPED_LEAGUE_DATA } from "../../src/analysis/league-data.js";
import { filterObservationsOf } from "../../src/analysis/league-filtered.js";
import { observationsFromSeries } from "../../src/analysis/observations.js";
import { predictiveBand } from "../../src/analysis/predictive.js";

const ORIGIN = "2024-12";
const cut = dataUpTo(SHIPPED_LEAGUE_DATA, ORIGIN);
const observations = filterObservationsOf(cut, "2023-01", ORIGIN, ["isw", "claims"]);
const scenario = filterScenario(
  observationsFromSeries({ occupiedArea: cut.occupiedArea, claimedLosses: cut.claimedLosses }, { from: "2023-01", to: ORIGIN }),
);
// A two-row posterior around the shipped point estimate (two rows: the scenario keeps a range).
const parameters = Object.keys(FILTER_ESTIMATE.values);
const row = parameters.map((p) => FILTER_ESTIMATE.values[p as keyof typeof FILTER_ESTIMATE.values]);
const posterior = { kind: "posterior" as const, parameters, draws: [row, row.map((x) => x * 1.001)] };

describe("stateSpacePredictive", () => {
  it("gives a band per observed month and source, the same for a seed", () => {
    const a = stateSpacePredictive(scenario, observations, posterior, { paths: 300, seed: 1 });
    expect(a.months).toEqual(observations.months);
    expect(a.isw!.p50).toHaveLength(observations.months.length);
    expect(a.claims!.p05).toHaveLength(observations.months.length);
    expect(a.deepState).toBeUndefined();
    a.isw!.p05.forEach((lo, m) => expect(lo).toBeLessThan(a.isw!.p95[m]!));
    expect(stateSpacePredictive(scenario, observations, posterior, { paths: 300, seed: 1 })).toEqual(a);
  });

  it("covers a data set drawn from the model itself near the nominal shares, and fails data three times too large", () => {
    // One path of the model (seed 99) as data: its reports are the 1-path band's medians.
    const one = stateSpacePredictive(scenario, observations, posterior, { paths: 1, seed: 99 });
    const synthetic = { ...observations, occupiedChangeKm2: one.isw!.p50, claimedLosses: one.claims!.p50 };
    const check = stateSpacePredictive(scenario, synthetic, posterior, { paths: 2000, seed: 1 });
    // 24 months, serially dependent: the 90% band should still hold most of them, the 50% band some.
    expect(check.isw!.coverage90).toBeGreaterThanOrEqual(0.7);
    expect(check.claims!.coverage90).toBeGreaterThanOrEqual(0.7);
    expect(check.claims!.coverage50).toBeGreaterThan(0.15);
    const inflated = { ...observations, claimedLosses: one.claims!.p50.map((c) => 3 * c) };
    expect(stateSpacePredictive(scenario, inflated, posterior, { paths: 2000, seed: 1 }).claims!.coverage90).toBeLessThan(0.3);
  });

  it("refuses a path count below 1 and a posterior without rows", () => {
    expect(() => stateSpacePredictive(scenario, observations, posterior, { paths: 0, seed: 1 })).toThrow(/paths/);
    expect(() => stateSpacePredictive(scenario, observations, { ...posterior, draws: [] }, { paths: 10, seed: 1 })).toThrow(
      /posterior.draws/,
    );
  });
});

describe("predictiveBand", () => {
  it("matches its @example, and counts only the months with an observation", () => {
    expect(predictiveBand(Float64Array.of(1, 2, 3), 3, [2]).coverage50).toBe(1);
    // Two months of 4 paths: month 0 observed far outside, month 1 at its median, month 2 absent.
    const values = Float64Array.of(0, 1, 2, 3, 10, 11, 12, 13, 5, 5, 5, 5);
    const band = predictiveBand(values, 4, [100, 11.5, null]);
    expect(band.coverage90).toBe(0.5);
    expect(band.coverage50).toBe(0.5);
    expect(band.p50[1]).toBeGreaterThanOrEqual(11);
    expect(band.p50[1]).toBeLessThanOrEqual(12);
  });
});
