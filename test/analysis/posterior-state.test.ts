import { describe, expect, it } from "vitest";
import { SHIPPED_LEAGUE_DATA } from "../../src/analysis/league-data.js";
import { filterProblem } from "../../src/analysis/league-filtered.js";
import { posteriorStates } from "../../src/analysis/posterior-state.js";
import { PATH_STATE_COLUMNS } from "../../src/engine/path-state.js";
import { SHIPPED_POSTERIOR } from "../../src/scenario/shipped-posterior.js";

// The state stored beside each θ draw (scripts/posterior-state.ts): one particle of that θ's
// filter at the last month. Reduced here: 4 draws, 40 particles, the fit's window.
describe("posteriorStates", () => {
  const { observations, scenario } = filterProblem(SHIPPED_LEAGUE_DATA, "2023-01", "2025-06", ["isw", "claims"]);
  const posterior = { parameters: SHIPPED_POSTERIOR.parameters, draws: SHIPPED_POSTERIOR.draws.slice(0, 4) };
  const states = posteriorStates(scenario, observations, posterior, { seed: 1, particles: 40 });

  it("gives one row per draw in PATH_STATE_COLUMNS order, the same for the same seed, another for another", () => {
    expect(states.columns).toEqual(PATH_STATE_COLUMNS);
    expect(states.rows).toHaveLength(4);
    expect(posteriorStates(scenario, observations, posterior, { seed: 1, particles: 40 })).toEqual(states);
    expect(posteriorStates(scenario, observations, posterior, { seed: 2, particles: 40 }).rows).not.toEqual(states.rows);
  });

  it("is a filtered state: its latent area sits near ISW's last value, its claims bias near the claims' level", () => {
    const area = PATH_STATE_COLUMNS.indexOf("occupiedKm2"),
      bias = PATH_STATE_COLUMNS.indexOf("logClaimsBias"),
      regime = PATH_STATE_COLUMNS.indexOf("regime");
    // ISW at 2025-06-30: 117,718.2 km² (data/occupied_area_isw_monthly.csv); ISW's noise sd is ≈ 100 km².
    for (const row of states.rows) {
      expect(Math.abs(row[area]! - 117_718.2)).toBeLessThan(1_000);
      expect(Math.abs(row[bias]!)).toBeLessThan(0.6);
      expect([0, 1]).toContain(row[regime]);
    }
  });

  it("the shipped rows were made this way: draw 1's state with the script's settings (seed 1, 100 particles)", () => {
    const first = posteriorStates(
      scenario,
      observations,
      { parameters: posterior.parameters, draws: posterior.draws.slice(0, 1) },
      { seed: 1 },
    );
    // The file holds 6 significant digits (scripts/posterior-state.ts).
    first.rows[0]!.forEach((v, c) => expect(SHIPPED_POSTERIOR.state.rows[0]![c]).toBe(Number(v.toPrecision(6))));
  });
});
