import type { SimulateOptions } from "../engine/options.js";
import { prepareRun, runBlocks, runBlocksSync, type EngineTuning } from "../engine/run.js";
import { Projection } from "./projection.js";
import { parseLoadingPosterior } from "../engine/posterior.js";

/**
 * Run the Monte Carlo projection of a scenario (a preset name, a scenario object, or a parsed
 * scenario). Async: it gives the event loop a turn every ~10 ms of work (between months) and honours `signal`
 * (rejecting with an AbortError and returning nothing partial).
 *
 * @throws {ScenarioError | OptionsError} for bad input, before any work starts.
 * @example
 * const projection = await simulate("baseline", { runs: 1000, seed: 1 });
 * projection.series("occupiedShare").p50.at(-1);
 */
export function simulate(scenario: unknown, options?: SimulateOptions): Promise<Projection>;
/** @internal With the engine's knobs for tests and benchmarks (EngineTuning). */
export function simulate(scenario: unknown, options: SimulateOptions | undefined, tuning: EngineTuning | undefined): Promise<Projection>;
export async function simulate(scenario: unknown, options: SimulateOptions = {}, tuning?: EngineTuning): Promise<Projection> {
  const run = prepareRun(await parseLoadingPosterior(scenario), options, tuning);
  return new Projection(await runBlocks(run), run.meta);
}

/**
 * The synchronous form of {@link simulate}, for small runs and scripts (no yielding, no signal).
 * A scenario on the shipped posterior (`baseline` and the presets on it) needs
 * `await loadShippedPosterior()` first: a synchronous call cannot load it.
 * @example
 * simulateSync("no-dprk", { runs: 200, horizonMonths: 24 }).probability("occupiedShare", ">=", 0.2, "2027-06");
 */
export function simulateSync(scenario: unknown, options?: Omit<SimulateOptions, "signal">): Projection;
/** @internal With the engine's knobs for tests and benchmarks (EngineTuning). */
export function simulateSync(
  scenario: unknown,
  options: Omit<SimulateOptions, "signal"> | undefined,
  tuning: EngineTuning | undefined,
): Projection;
export function simulateSync(scenario: unknown, options: Omit<SimulateOptions, "signal"> = {}, tuning?: EngineTuning): Projection {
  const run = prepareRun(scenario, options, tuning);
  return new Projection(runBlocksSync(run), run.meta);
}
