import { parseScenario } from "../scenario/parse.js";
import type { Scenario } from "../scenario/schema.js";
import { SHIPPED_POSTERIOR_INFO } from "../scenario/shipped-posterior-info.js";
import { ScenarioError } from "../util/errors.js";
import type { JointDraws } from "./parameters.js";

export { posteriorParameters } from "../scenario/posterior-parameters.js";

/**
 * The shipped posterior behind the `baseline` preset (issue 14, item 7; docs/forecast.md): 1,000
 * equally weighted draws of the fitted parameters, each with its filtered state at 2025-06
 * (data/posterior-2025-06.json, `npm run fit`). Its data are a module of their own, loaded on
 * first use — the core bundle holds only their name, hash and columns
 * (scenario/shipped-posterior-info.ts) — so an async run (`simulate`, `compare`, `sensitivity`,
 * the CLI) loads it before it starts, and a synchronous one needs {@link loadShippedPosterior} first.
 */

type ShippedData = (typeof import("../scenario/shipped-posterior.js"))["SHIPPED_POSTERIOR"];
let shipped: ShippedData | undefined;
/** Resolved draws by the overridden columns they leave out (a run resolves them once per plan). */
const resolved = new Map<string, JointDraws>();

/**
 * Load the shipped posterior (≈ 90 kB gzipped, once per process or page). `simulate`, `compare`,
 * `sensitivity`, `forecast` and the CLI call it themselves; `simulateSync("baseline")` and
 * `compareSync` need it called first.
 * @example
 * await loadShippedPosterior();
 * simulateSync("baseline", { runs: 1000 });
 */
export async function loadShippedPosterior(): Promise<void> {
  shipped ??= (await import("../scenario/shipped-posterior.js")).SHIPPED_POSTERIOR;
}

/** Whether a parsed scenario runs on the shipped posterior (its paths start from the posterior's states). */
export function usesShippedPosterior(scenario: Scenario): boolean {
  return scenario.posterior?.kind === "shipped";
}

/** The shipped posterior's data, loaded (for `forecast`, which filters its draws itself). */
export async function shippedPosterior(): Promise<ShippedData> {
  await loadShippedPosterior();
  return shipped!;
}

/**
 * The joint draws a run of `scenario` takes its rows from: its own (calibrate's), or the shipped
 * posterior's without the columns the scenario overrides (those parameters are the scenario's in
 * every path; each path keeps its row's other parameters and its state).
 * @throws {ScenarioError} when the scenario names the shipped posterior and it is not loaded yet.
 */
export function resolvePosterior(scenario: Scenario): JointDraws | undefined {
  const ref = scenario.posterior;
  if (!ref) return undefined;
  if (ref.kind === "posterior") return ref;
  if (!shipped)
    throw new ScenarioError({
      path: "posterior",
      message: `expected the shipped posterior ${SHIPPED_POSTERIOR_INFO.name} to be loaded before a synchronous run of "${scenario.name}": call \`await loadShippedPosterior()\` (attrition-sim) first, or use simulate/compare, which load it`,
    });
  const key = [...ref.overridden].sort().join(",");
  const cached = resolved.get(key);
  if (cached) return cached;
  const keep = shipped.parameters.flatMap((path, j) => (ref.overridden.includes(path) ? [] : [j]));
  const draws: JointDraws = {
    parameters: keep.map((j) => shipped!.parameters[j]!),
    draws: shipped.draws.map((row) => keep.map((j) => row[j]!)),
    state: { columns: shipped.state.columns, rows: shipped.state.rows },
  };
  resolved.set(key, draws);
  return draws;
}

/**
 * Parse a scenario and, when it runs on the shipped posterior, load that first: what every async
 * entry point does before `prepareRun`, so `simulate("baseline")` needs nothing more.
 * @example
 * const scenario = await parseLoadingPosterior("baseline"); // then prepareRun(scenario, …) runs synchronously
 */
export async function parseLoadingPosterior(input: unknown): Promise<Scenario> {
  const scenario = parseScenario(input);
  if (usesShippedPosterior(scenario)) await loadShippedPosterior();
  return scenario;
}
