import { SHIPPED_LEAGUE_DATA } from "../src/analysis/league-data.js";
import { filterProblem } from "../src/analysis/league-filtered.js";
import { FILTER_ESTIMATED_PARAMETERS } from "../src/analysis/filter-priors.js";

/** What `npm run fit` fits (scripts/fit.ts, fit-chain.ts): the window and the parameters of θ. */
export const FIT_FROM = "2023-01";
export const FIT_TO = "2025-06";
export const FIT_PARAMETERS = FILTER_ESTIMATED_PARAMETERS;

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
