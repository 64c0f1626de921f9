import { createStream, fillStandardNormal } from "../engine/rng.js";
import { areaChangeDraw, claimsDraw } from "../model/observation.js";
import { OptionsError } from "../util/errors.js";
import { applyPosterior, type PosteriorSpec } from "./calibrate.js";
import { predictiveBand, type PredictiveBand } from "./predictive.js";
import { WarParticles, type FilterObservations } from "./war-particles.js";

/**
 * The posterior predictive check of the state-space model (DESIGN §6; docs/calibration.md): each
 * path takes one whole row of a posterior of θ (so the parameters' correlations survive), runs the
 * model from the window's first month with fresh noise, regimes and claims-bias walk — nothing
 * weighed, nothing resampled — and each source reports by its observation model
 * (model/observation.ts):
 *
 *   ISW, DeepState:  ΔA_k + e_k, e_k ~ N(0, σ²) (σ the source's own)
 *   claims:          ΔL_k · b_k · exp(s_C · z_k)
 *
 * The bands then say whether the fitted model could have produced the observed months.
 */
export interface StateSpacePredictive {
  months: readonly string[];
  paths: number;
  isw?: PredictiveBand;
  deepState?: PredictiveBand;
  claims?: PredictiveBand;
}

/**
 * Posterior predictive bands of the observed sources' monthly values.
 * @throws {OptionsError} for a path count below 1 or a posterior without rows.
 * @example
 * const check = stateSpacePredictive(scenario, observations, { kind: "posterior", parameters, draws }, { paths: 4000, seed: 1 });
 * check.isw?.coverage90; // share of ISW's months inside the 90% band
 */
export function stateSpacePredictive(
  scenario: unknown,
  observations: FilterObservations,
  posterior: PosteriorSpec,
  options: { paths: number; seed: number },
): StateSpacePredictive {
  const { paths, seed } = options;
  if (!Number.isInteger(paths) || paths < 1) throw new OptionsError({ path: "paths", message: `expected an integer ≥ 1, got ${paths}` });
  if (posterior.draws.length === 0) throw new OptionsError({ path: "posterior.draws", message: "expected at least one row" });
  const n = observations.months.length;
  const none = observations.months.map(() => null);
  // The same months with nothing observed: the model only simulates.
  const blind: FilterObservations = {
    ...observations,
    occupiedChangeKm2: none,
    claimedLosses: none,
    deepStateChangeKm2: undefined,
    economist: undefined,
    pointEstimates: undefined,
  };
  const model = new WarParticles(applyPosterior(scenario, posterior, "state-space posterior (inference-smc.ts)"), blind, {
    particles: paths,
    seed,
  });
  const s = model.settings;
  const streams = {
    isw: createStream(seed, "predictive", "isw-noise"),
    deepState: createStream(seed, "predictive", "deep-state-noise"),
    claims: createStream(seed, "predictive", "claims-noise"),
  };
  const values = { isw: new Float64Array(n * paths), deepState: new Float64Array(n * paths), claims: new Float64Array(n * paths) };
  const z = new Float64Array(paths);
  for (let t = 0; t < n; t += 1) {
    model.step(t);
    const at = t * paths;
    fillStandardNormal(streams.isw, z);
    for (let i = 0; i < paths; i += 1) values.isw[at + i] = areaChangeDraw(model.areaChange[i]!, s.iswSdKm2, z[i]!);
    fillStandardNormal(streams.deepState, z);
    for (let i = 0; i < paths; i += 1) values.deepState[at + i] = areaChangeDraw(model.areaChange[i]!, s.deepStateSdKm2, z[i]!);
    fillStandardNormal(streams.claims, z);
    for (let i = 0; i < paths; i += 1) values.claims[at + i] = claimsDraw(model.lossesInMonth[i]!, model.logBias[i]!, s.claimsLogSd, z[i]!);
  }
  const out: StateSpacePredictive = { months: observations.months, paths };
  if (observations.occupiedChangeKm2) out.isw = predictiveBand(values.isw, paths, [...observations.occupiedChangeKm2]);
  if (observations.deepStateChangeKm2) out.deepState = predictiveBand(values.deepState, paths, [...observations.deepStateChangeKm2]);
  if (observations.claimedLosses) out.claims = predictiveBand(values.claims, paths, [...observations.claimedLosses]);
  return out;
}
