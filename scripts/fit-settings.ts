/** What `npm run fit` fits (scripts/fit.ts, fit-chain.ts): the window and the parameters of θ. */
export const FIT_FROM = "2023-01";
export const FIT_TO = "2025-06";
export const FIT_PARAMETERS = [
  "intensity.noiseAutocorrelation",
  "intensity.noiseSd",
  "attrition.russiaLossesPerMonth",
  "territory.offensivePaceKm2PerMonth",
  "territory.offensiveNoiseAutocorrelation",
  "regimes.offensiveToStalematePerMonth",
  "regimes.stalemateToOffensivePerMonth",
  "territory.stalemateMeanKm2PerMonth",
  "territory.stalemateSdKm2PerMonth",
] as const;
