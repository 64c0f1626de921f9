import { createStream } from "../engine/rng.js";
import { PATH_STATE_COLUMNS, type PathStates } from "../engine/path-state.js";
import { parseScenario } from "../scenario/parse.js";
import { filterAndForecast } from "./filter-forecast.js";
import { withParametersFixed } from "./fixed-parameters.js";
import type { FilterObservations } from "./war-particles.js";

/**
 * The filtered state at the last observed month for each draw of a θ posterior (issue 14, item
 * 7): draw r's θ is filtered with `particles` paths over the observations (seed r of a stream of
 * `seed`), and one of its particles — equally weighted after the last month's resampling
 * (filter-forecast.ts) — is kept, chosen by a uniform of the same stream. Row r of the result is
 * a draw from p(x_T | y, θ_r), so (θ_r, x_r) is a draw from the joint p(θ, x_T | y): what the
 * `baseline` preset starts each path from (engine/path-state.ts). Deterministic for a seed.
 * @example
 * const states = posteriorStates(scenario, observations, { parameters, draws }, { seed: 1 });
 * states.rows.length === draws.length; // one state per θ draw
 */
export function posteriorStates(
  scenario: unknown,
  observations: FilterObservations,
  posterior: { parameters: readonly string[]; draws: readonly (readonly number[])[] },
  options: { seed: number; particles?: number; onRow?: (done: number, total: number) => void },
): PathStates {
  const particles = options.particles ?? POSTERIOR_STATE_PARTICLES;
  const stream = createStream(options.seed, "posterior-state");
  const rows = posterior.draws.map((row, r) => {
    const theta = Object.fromEntries(posterior.parameters.map((path, j) => [path, row[j]!]));
    const fixed = parseScenario(withParametersFixed(scenario, theta, `posterior draw ${r + 1}`, [], "calibration"));
    const filterSeed = Math.floor(stream() * 2 ** 32),
      pick = stream();
    const { model } = filterAndForecast(fixed, observations, { particles, seed: filterSeed }, 0);
    const state = model.pathState(Math.min(particles - 1, Math.floor(pick * particles)));
    options.onRow?.(r + 1, posterior.draws.length);
    return state;
  });
  return { columns: [...PATH_STATE_COLUMNS], rows };
}

/** Particles per θ draw when filtering its state: those of a forecast's draw (results/forecast.ts) and of the fit's filter. */
export const POSTERIOR_STATE_PARTICLES = 100;
