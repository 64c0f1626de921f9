import { createStream, fillStandardNormal } from "../engine/rng.js";
import { areaChangeDraw, claimsDraw } from "../model/observation.js";
import { particleFilter, type ParticleFilterResult } from "./filter.js";
import { WarParticles, type FilterObservations, type WarParticlesOptions } from "./war-particles.js";

/**
 * Forecasts that start from the filtered state (DESIGN §6): the particle filter runs the war
 * model over the observed months, resampling every month (so the particles at the last
 * observed month are equally weighted draws of the filtered state — regime, noise, forces,
 * area, claims bias and each path's parameters), then every particle is carried on by the same
 * loop. What a source would then report follows its observation model (model/observation.ts):
 *
 *   ISW change in month k:     ΔA_k + e_k,  e_k ~ N(0, σ_ISW²)
 *   claims in month k:         ΔL_k · b_k · exp(s_C · z_k),  ln b_k the bias's random walk
 *   the Economist's increment: ρ_E · ΔL_k  (a smooth retrospective estimate: no month-to-month noise added)
 */

/** Per forecast month k (array index k − 1), per particle: what each source would report in it. */
export interface FilteredPaths {
  /** ISW's monthly change of the occupied area, km² (with its measurement noise). */
  occupiedChangeKm2: Float64Array[];
  /** The General Staff's claims in the month, people (bias and scatter included). */
  claimedLosses: Float64Array[];
  /** The Economist's increment of cumulative casualties in the month, people. */
  casualtiesIncrement: Float64Array[];
}

/** What each source would report in one forecast month, per particle (one entry of each {@link FilteredPaths} array). */
export type ReportedMonth = { [K in keyof FilteredPaths]: Float64Array };

/** What {@link filterAndForecast} returns. */
export interface FilteredForecast {
  filter: ParticleFilterResult;
  /** The model after the forecast months (its particles at the last one). */
  model: WarParticles;
  paths: FilteredPaths;
}

/**
 * Filter `observations` with `particles` paths of `scenario` (which must start in the first
 * observed month), then carry every particle `horizonMonths` further. Deterministic for a seed.
 * `onMonth(k, model, reported)` sees the particles at the origin (k = 0) and after each forecast
 * month k, with what each source would report in that month (per particle; none at the origin).
 * @example
 * const { filter, paths } = filterAndForecast(hindcastScenario(obs), data, { particles: 2000, seed: 1 }, 12);
 * filter.logLikelihood; // the log-likelihood estimate of the observed months
 */
export function filterAndForecast(
  scenario: unknown,
  observations: FilterObservations,
  options: Omit<WarParticlesOptions, "extraMonths">,
  horizonMonths: number,
  onMonth?: (k: number, model: WarParticles, reported?: ReportedMonth) => void,
): FilteredForecast {
  const model = new WarParticles(scenario, observations, { ...options, extraMonths: horizonMonths });
  const observedMonths = observations.months.length;
  const filter = particleFilter(model, {
    steps: observedMonths,
    observed: (t) => model.observed(t),
    uniform: createStream(options.seed, "filter", "resample"),
  });
  const n = model.size,
    s = model.settings;
  // If the last observed months were not weighed (no source had them), the weights are still
  // those of the last weighed month: resampled already, so equal.
  const paths: FilteredPaths = { occupiedChangeKm2: [], claimedLosses: [], casualtiesIncrement: [] };
  const areaNoise = createStream(options.seed, "forecast", "isw-noise"),
    claimsNoise = createStream(options.seed, "forecast", "claims-noise");
  const z = new Float64Array(n);
  onMonth?.(0, model);
  for (let k = 0; k < horizonMonths; k += 1) {
    model.step(observedMonths + k);
    const area = new Float64Array(n),
      claims = new Float64Array(n),
      casualties = new Float64Array(n);
    fillStandardNormal(areaNoise, z);
    for (let i = 0; i < n; i += 1) area[i] = areaChangeDraw(model.areaChange[i]!, s.iswSdKm2, z[i]!);
    fillStandardNormal(claimsNoise, z);
    for (let i = 0; i < n; i += 1) {
      const loss = model.lossesInMonth[i]!;
      claims[i] = claimsDraw(loss, model.logBias[i]!, s.claimsLogSd, z[i]!);
      casualties[i] = model.economistRatio[i]! * loss;
    }
    paths.occupiedChangeKm2.push(area);
    paths.claimedLosses.push(claims);
    paths.casualtiesIncrement.push(casualties);
    onMonth?.(k + 1, model, { occupiedChangeKm2: area, claimedLosses: claims, casualtiesIncrement: casualties });
  }
  return { filter, model, paths };
}
