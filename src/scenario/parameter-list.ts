import type { DistSpec } from "./dist-spec.js";
import type { Provenance } from "./provenance.js";

/**
 * A model parameter after parsing: a distribution (a plain number becomes `fixed`), in the
 * parameter's canonical unit, sampled once per Monte Carlo path, with its provenance.
 */
export interface Parameter {
  spec: DistSpec;
  provenance: Provenance;
}

/**
 * A parameter drawn once per event (e.g. the size of each further DPRK wave) rather than once
 * per path, as its schema entry declares (`perEventParameter`). The marker is a non-enumerable
 * property, so it is not part of the scenario's JSON nor of its hash.
 */
export interface PerEventParameter extends Parameter {
  readonly sampling: "per-event";
}

/** Mark a parsed parameter as drawn per event (used by the schema's `perEventParameter`). */
export function markPerEvent(parameter: Parameter): PerEventParameter {
  return Object.defineProperty(parameter, "sampling", { value: "per-event", enumerable: false }) as PerEventParameter;
}

/** True when a value is a parsed {@link Parameter} (no zod needed: workers use this). */
export function isParameter(value: unknown): value is Parameter {
  return typeof value === "object" && value !== null && "spec" in value && "provenance" in value;
}

/** One sampled parameter: where it sits in the scenario and its distribution. */
export interface ParameterSlot {
  /** Dotted path, e.g. `russia.initialForce` or `dprk.waves.0.size`; also its stream key. */
  path: string;
  spec: DistSpec;
  /**
   * True for a parameter drawn once per event, not once per path (declared in the schema with
   * `perEventParameter`): the engine leaves it out of the per-path draws.
   */
  perEvent: boolean;
}

/**
 * Every parameter of a parsed scenario, in a stable order (the scenario's key order).
 * @example
 * listParameters(parseScenario("baseline")).map((s) => s.path).includes("russia.initialForce"); // true
 */
export function listParameters(scenario: object): ParameterSlot[] {
  const out: ParameterSlot[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (isParameter(node)) {
      out.push({ path: path.join("."), spec: node.spec, perEvent: (node as Partial<PerEventParameter>).sampling === "per-event" });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, String(i)]));
    } else if (typeof node === "object" && node !== null) {
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
    }
  };
  walk(scenario, []);
  return out;
}

