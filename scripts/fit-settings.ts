import { readFileSync } from "node:fs";
import { forecastWindow } from "../src/analysis/forecast-window.js";
import { readObservationFiles } from "../src/data/observation-set.js";
import { SHIPPED_LEAGUE_DATA } from "../src/analysis/league-data.js";
import { filterProblem } from "../src/analysis/league-filtered.js";
import { FILTER_ESTIMATED_PARAMETERS, filterScenario, PROFILE_PARAMETERS } from "../src/analysis/filter-priors.js";

/** The window `npm run fit` fits (scripts/fit-smc.ts; the PMMH of fit-pmmh.ts, fit-chain.ts). */
export const FIT_FROM = "2023-01";
export const FIT_TO = "2025-06";
/**
 * The parameters of θ that `npm run fit` (tempered SMC) and the league's SMC candidate
 * (scripts/league-smc.ts) estimate: the 13 of the profile ascent. With the 9 of
 * FILTER_ESTIMATED_PARAMETERS (the seasonal curve, the stalemate's loss intensity and the size of
 * the territory noise at their prior medians) the league table's claims lost to persistence
 * (relative WIS 1.26 / 1.30 / 1.09 at 1 / 3 / 6 months; 0.96 / 0.95 / 0.98 with the 13) and its
 * log evidence was lower (−503.7 / −503.4 for the two runs; −498.9 / −498.8 with the 13:
 * docs/fit.md): so the set was chosen after seeing both league tables.
 */
export const FIT_PARAMETERS = PROFILE_PARAMETERS;
/** The 9 parameters of the PMMH fit (fit-pmmh.ts, fit-chain.ts), IF2 and the filter study's PMMH candidate, as they were run. */
export const PMMH_PARAMETERS = FILTER_ESTIMATED_PARAMETERS;

/** The fit's observations (area and claims) and the filter's scenario over the window. */
export const fitData = () => filterProblem(SHIPPED_LEAGUE_DATA, FIT_FROM, FIT_TO, ["isw", "claims"]);

/** The reduced problem of the simulation-based calibration (npm run fit:sbc): 6 parameters. */
export const SBC_PARAMETERS = [
  "intensity.noiseAutocorrelation",
  "intensity.noiseSd",
  "attrition.russiaLossesPerMonth",
  "territory.offensivePaceKm2PerMonth",
  "territory.offensiveNoiseAutocorrelation",
  "territory.stalemateSdKm2PerMonth",
] as const;

/**
 * The same window with DeepState's monthly area change weighed too (data/unshipped: fitting and
 * reports only — the package never ships it, nor anything fitted to it).
 */
export function fitDataWithDeepState() {
  const read = (path: string) => readFileSync(new URL(`../data/${path}`, import.meta.url), "utf8");
  const window = forecastWindow(
    readObservationFiles({
      "occupied_area_isw_monthly.csv": read("occupied_area_isw_monthly.csv"),
      "russia_personnel_losses_monthly.csv": read("russia_personnel_losses_monthly.csv"),
      "occupied_area_deepstate_daily.csv": read("unshipped/occupied_area_deepstate_daily.csv"),
    }),
    { from: FIT_FROM, through: FIT_TO },
  );
  return { observations: window.observations, scenario: filterScenario(window.hindcast) };
}
