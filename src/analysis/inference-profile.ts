import { listParameters } from "../scenario/parameter-list.js";
import { parseScenario } from "../scenario/parse.js";
import { quantile } from "../scenario/distribution-math.js";
import { abortError } from "../engine/run.js";
import { OptionsError } from "../util/errors.js";
import { warLogLikelihood, type FilterObservations } from "./war-particles.js";

/**
 * A point estimate of θ by coordinate ascent of the particle filter's log-likelihood over a grid
 * (issue 14): each parameter in turn is set to the grid value with the highest log L̂, the others
 * held, for a few sweeps — a profile likelihood one coordinate at a time. Every evaluation uses
 * the same seeds (common random numbers), so two values of θ are compared on the same draws and
 * the comparison's Monte Carlo noise is smaller than sd(log L̂) itself. Deterministic for a seed.
 *
 * The grid is fixed before any data are seen: each parameter's prior quantiles (by default the
 * 5%, 27.5%, 50%, 72.5% and 95% points), so the estimate can only sit where the prior puts
 * mass. Cheaper and steadier than IF2 here (docs/filter.md: two IF2 seeds ended 61 log units
 * apart), at the price of a coarse answer and no uncertainty: a maximum-likelihood point, not a
 * posterior.
 */

/** Options of {@link profileAscent}. */
export interface ProfileAscentOptions {
  /** The parameters estimated (dotted paths of parameters drawn per path). */
  parameters: readonly string[];
  /** Prior quantiles that make each parameter's grid (default 0.05, 0.275, 0.5, 0.725, 0.95). */
  levels?: readonly number[];
  /** Particles per evaluation (default 200, the guided proposal's: sd(log L̂) ≈ 0.8 at the shipped estimate, docs/fit-profile.md). */
  particles?: number;
  /** Filter seeds averaged per evaluation (default 2). */
  seeds?: number;
  /** Sweeps over the parameters (default 2). */
  sweeps?: number;
  seed: number;
  /** The first θ (default every parameter at its grid's middle level); a value off the grid is kept as the start. */
  start?: Readonly<Record<string, number>>;
  /** After each evaluation: how many so far, of at most `sweeps · Σ levels`. */
  onEvaluation?: (done: number, total: number) => void;
}

/** What {@link profileAscent} returns. */
export interface ProfileAscentResult {
  estimate: Record<string, number>;
  /** Mean log L̂ over the seeds at the estimate. */
  logLikelihood: number;
  /** Each parameter's grid. */
  grid: Record<string, number[]>;
  /** Filter evaluations (θ, seeds) run. */
  evaluations: number;
  /** Whether the last sweep moved no parameter (a coordinate-wise maximum of the grid). */
  settled: boolean;
}

export const DEFAULT_PROFILE_LEVELS: readonly number[] = [0.05, 0.275, 0.5, 0.725, 0.95];

function* ascent(scenario: unknown, observations: FilterObservations, options: ProfileAscentOptions): Generator<void, ProfileAscentResult> {
  const { parameters, seed, levels = DEFAULT_PROFILE_LEVELS, particles = 200, seeds = 2, sweeps = 2 } = options;
  if (parameters.length === 0) throw new OptionsError({ path: "parameters", message: "expected at least one parameter to estimate" });
  for (const [path, value, min] of [
    ["particles", particles, 1],
    ["seeds", seeds, 1],
    ["sweeps", sweeps, 1],
  ] as const)
    if (!Number.isInteger(value) || value < min) throw new OptionsError({ path, message: `expected an integer ≥ ${min}, got ${value}` });
  if (!levels.length || !levels.every((p) => p > 0 && p < 1))
    throw new OptionsError({ path: "levels", message: `expected prior quantiles in (0, 1), got [${levels.join(", ")}]` });
  const slots = listParameters(parseScenario(scenario)).filter((s) => !s.perEvent);
  const grid: Record<string, number[]> = {};
  for (const path of parameters) {
    const slot = slots.find((s) => s.path === path);
    if (!slot) throw new OptionsError({ path: "parameters", message: `expected a parameter drawn per path, got ${path}` });
    grid[path] = [...new Set(levels.map((p) => quantile(slot.spec, p)))];
  }
  const logLikelihood = warLogLikelihood(scenario, observations, particles, "profile");
  const cache = new Map<string, number>();
  let evaluations = 0;
  const total = sweeps * parameters.reduce((n, p) => n + grid[p]!.length, 0);
  let pending = 0;
  const score = (theta: Record<string, number>): number => {
    const key = parameters.map((p) => theta[p]).join(",");
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let sum = 0;
    // Seeds seed + 1 … seed + seeds (mod 2³²): the same for every θ, none the caller's own.
    for (let k = 0; k < seeds; k += 1) {
      sum += logLikelihood(theta, (seed + 1 + k) % 2 ** 32);
      pending += 1;
    }
    evaluations += seeds;
    options.onEvaluation?.(cache.size + 1, total);
    cache.set(key, sum / seeds);
    return sum / seeds;
  };
  const theta: Record<string, number> = {};
  for (const path of parameters) {
    const values = grid[path]!;
    theta[path] = options.start?.[path] ?? values[values.length >> 1]!;
  }
  let best = score(theta);
  yield;
  let settled = false;
  for (let sweep = 0; sweep < sweeps && !settled; sweep += 1) {
    settled = true;
    for (const path of parameters) {
      for (const value of grid[path]!) {
        if (value === theta[path]) continue;
        const candidate = { ...theta, [path]: value };
        const s = score(candidate);
        if (pending > 0) {
          pending = 0;
          yield; // after each θ's filter runs (≈ 0.03 s each at 200 particles): where the async form gives the event loop a turn
        }
        if (s > best) {
          best = s;
          theta[path] = value;
          settled = false;
        }
      }
    }
  }
  return { estimate: theta, logLikelihood: best, grid, evaluations, settled };
}

/**
 * Coordinate ascent of log L̂(θ) on the prior-quantile grid (see the module note).
 * @throws {OptionsError} for a parameter that is not drawn per path, or bad counts.
 * @example
 * const fit = profileAscent(scenario, observations, { parameters: ["territory.offensiveNoiseSd"], seed: 1 });
 * fit.estimate["territory.offensiveNoiseSd"]; // one of the prior's quantiles
 */
export function profileAscent(scenario: unknown, observations: FilterObservations, options: ProfileAscentOptions): ProfileAscentResult {
  const steps = ascent(scenario, observations, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link profileAscent} that gives the event loop a turn after each θ (so Ctrl-C and `signal`
 * are honoured within one θ's filter runs) and rejects with an AbortError once `signal` aborts.
 * The same result for the same options.
 * @example
 * const fit = await profileAscentAsync(scenario, observations, { parameters, seed: 1 }, AbortSignal.timeout(60_000));
 */
export async function profileAscentAsync(
  scenario: unknown,
  observations: FilterObservations,
  options: ProfileAscentOptions,
  signal?: AbortSignal,
): Promise<ProfileAscentResult> {
  const steps = ascent(scenario, observations, options);
  for (;;) {
    if (signal?.aborted) throw abortError(signal);
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
