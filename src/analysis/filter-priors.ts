import type { Provenance } from "../scenario/provenance.js";
import type { ScenarioInput } from "../scenario/schema.js";
import { hindcastScenario, type Observations } from "./observations.js";

const filterPrior = (note: string): Provenance => ({ source: "assumption", note: `state-space prior: ${note}` });

/**
 * Priors the state-space model adds to the hindcast's (observations.ts CALIBRATION_PRIORS, which
 * the ABC calibration and its backtest keep as they are): the laws' persistence parameters that
 * v1 holds at 0, on wide ranges for the filter and its inference to estimate.
 */
export const FILTER_PRIORS: Record<string, Record<string, unknown>> = {
  "territory.offensiveNoiseAutocorrelation": {
    dist: "uniform",
    min: 0,
    max: 0.95,
    provenance: filterPrior("AR(1) coefficient of log εA, a persistent pace; flat on 0–0.95 (0 is v1's independent months)"),
  },
};

/**
 * The hindcast scenario of {@link hindcastScenario} with {@link FILTER_PRIORS}: what the particle
 * filter runs from the first observed month.
 * @example
 * const scenario = filterScenario(observationsFromSeries(series, { from: "2023-01", to: "2025-06" }));
 */
export function filterScenario(observations: Observations): ScenarioInput {
  const input = hindcastScenario(observations) as unknown as Record<string, Record<string, unknown>>;
  for (const [path, prior] of Object.entries(FILTER_PRIORS)) {
    const [block, key] = path.split(".") as [string, string];
    input[block] = { ...input[block], [key]: prior };
  }
  return input as unknown as ScenarioInput;
}

/**
 * The parameters the data can inform (issue 14), which the fit (`npm run fit`), IF2 and a
 * forecast's refit estimate; the others stay at their prior medians.
 */
export const FILTER_ESTIMATED_PARAMETERS = [
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

/**
 * What a forecast's point estimate fits by profile-likelihood ascent (inference-profile.ts): the
 * parameters above and three the filter showed to matter for the forecasts' width and centre
 * (docs/filter.md): the sd of the territory noise (held at its prior median 0.41 otherwise, the
 * largest share of the 1-month area band), the stalemate's loss intensity (a regime switch moves
 * the claims by it) and the seasonal curve of the losses (a 20% swing at the prior median, which
 * the claims do not show).
 */
export const PROFILE_PARAMETERS = [
  ...FILTER_ESTIMATED_PARAMETERS,
  "territory.offensiveNoiseSd",
  "regimes.stalemateIntensity",
  "intensity.seasonalAmplitude",
  "intensity.seasonalPeakMonth",
] as const;
