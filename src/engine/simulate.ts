import { OptionsError } from "../errors.js";
import { Projection } from "../output/projection.js";
import { canonicalJson, sha256 } from "../output/sha256.js";
import { parseScenario } from "../scenario/parse.js";
import type { Scenario } from "../scenario/schema.js";
import { runBlock, type RunPlan } from "./block.js";
import { buildCalendar } from "./calendar.js";
import { checkParameterUniforms, MAX_STORE_BYTES, resolveOptions, type ResolvedOptions, type SimulateOptions } from "./options.js";
import { listParameters } from "./parameters.js";
import { createStore, storeBytes } from "./store.js";

/**
 * Paths per block. Fixed — never derived from the worker count — because random streams are
 * keyed by block: the same seed gives the same numbers whoever runs a block.
 */
export const BLOCK_SIZE = 1024;

interface Prepared {
  plan: RunPlan;
  options: ResolvedOptions;
  meta: ConstructorParameters<typeof Projection>[1];
}

function prepare(scenarioInput: unknown, optionsInput: unknown): Prepared {
  const scenario: Scenario = parseScenario(scenarioInput);
  const options = resolveOptions(optionsInput);
  const bytes = storeBytes(options.runs, options.horizonMonths, options.keepPaths, options.thresholds.length);
  if (bytes > MAX_STORE_BYTES) {
    throw new OptionsError({
      path: "runs",
      message: `expected a run that fits in ${MAX_STORE_BYTES / 1024 ** 3} GiB of per-path values, got ${options.runs} runs × ${options.horizonMonths} months${options.keepPaths ? " with keepPaths" : ""} ≈ ${(bytes / 1024 ** 3).toFixed(1)} GiB; use fewer runs or months`,
    });
  }
  const calendar = buildCalendar(scenario.start, options.horizonMonths);
  const slots = listParameters(scenario);
  if (options.parameterUniforms) checkParameterUniforms(options.parameterUniforms, slots.map((s) => s.path), options.runs);
  const store = createStore(options.runs, options.horizonMonths, options.keepPaths, options.thresholds, slots.map((s) => s.path));
  const plan: RunPlan = {
    scenario, slots, calendar, dayStep: options.step === "day", seed: options.seed, store, uniforms: options.parameterUniforms,
  };
  const meta = {
    scenarioName: scenario.name,
    scenarioSha256: sha256(canonicalJson(scenario)),
    runs: options.runs, seed: options.seed, horizonMonths: options.horizonMonths, step: options.step,
    start: scenario.start, calendar, keepPaths: options.keepPaths,
  };
  return { plan, options, meta };
}

function* blocks(runs: number): Generator<[block: number, first: number, count: number]> {
  for (let b = 0, first = 0; first < runs; b += 1, first += BLOCK_SIZE) yield [b, first, Math.min(BLOCK_SIZE, runs - first)];
}

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error && reason.name === "AbortError") return reason;
  const error = new Error("The simulation was aborted", { cause: reason });
  error.name = "AbortError";
  return error;
}

/**
 * Run the Monte Carlo projection of a scenario (a preset name, a scenario object, or a parsed
 * scenario). Async: it gives the event loop a turn every ~20 ms and honours `signal`
 * (rejecting with an AbortError and returning nothing partial).
 *
 * @throws {ScenarioError | OptionsError} for bad input, before any work starts.
 * @example
 * const projection = await simulate("baseline", { runs: 1000, seed: 1 });
 * projection.series("occupiedShare").p50.at(-1);
 */
export async function simulate(scenario: unknown, options: SimulateOptions = {}): Promise<Projection> {
  const { plan, options: o, meta } = prepare(scenario, options);
  const totalWork = o.runs * o.horizonMonths;
  let done = 0;
  let lastYield = Date.now();
  if (o.signal?.aborted) throw abortError(o.signal);
  for (const [block, first, count] of blocks(o.runs)) {
    for (const _month of runBlock(plan, block, first, count)) {
      done += count;
      if (Date.now() - lastYield >= 20) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = Date.now();
        if (o.signal?.aborted) throw abortError(o.signal);
        o.onProgress?.(done / totalWork);
      }
    }
  }
  if (o.signal?.aborted) throw abortError(o.signal);
  o.onProgress?.(1);
  return new Projection(plan.store, meta);
}

/**
 * The synchronous form of {@link simulate}, for small runs and scripts (no yielding, no signal).
 * @example
 * simulateSync("no-dprk", { runs: 200, horizonMonths: 24 }).probability("occupiedShare", ">=", 0.2, "2027-06");
 */
export function simulateSync(scenario: unknown, options: Omit<SimulateOptions, "signal"> = {}): Projection {
  const { plan, options: o, meta } = prepare(scenario, options);
  const totalWork = o.runs * o.horizonMonths;
  let done = 0;
  for (const [block, first, count] of blocks(o.runs)) {
    for (const _month of runBlock(plan, block, first, count)) {
      done += count;
      o.onProgress?.(done / totalWork);
    }
  }
  o.onProgress?.(1);
  return new Projection(plan.store, meta);
}
