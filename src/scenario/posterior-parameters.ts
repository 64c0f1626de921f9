import type { Scenario } from "./schema.js";
import { SHIPPED_POSTERIOR_INFO } from "./shipped-posterior-info.js";

/**
 * The parameters a scenario's paths take from its posterior's rows (known without loading the
 * shipped data): every column but those the scenario overrides.
 * @example
 * posteriorParameters(parseScenario("baseline")).length; // 13, the fitted parameters
 */
export function posteriorParameters(scenario: Scenario): string[] {
  const ref = scenario.posterior;
  if (!ref) return [];
  if (ref.kind === "posterior") return [...ref.parameters];
  return SHIPPED_POSTERIOR_INFO.parameters.filter((path) => !ref.overridden.includes(path));
}
