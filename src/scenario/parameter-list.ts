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

/** True when a value is a parsed {@link Parameter} (no zod needed: workers use this). */
export function isParameter(value: unknown): value is Parameter {
  return typeof value === "object" && value !== null && "spec" in value && "provenance" in value;
}

/** One sampled parameter: where it sits in the scenario and its distribution. */
export interface ParameterSlot {
  /** Dotted path, e.g. `russia.initialForce` or `dprk.waves.0.size`; also its stream key. */
  path: string;
  spec: DistSpec;
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
      out.push({ path: path.join("."), spec: (node as Parameter).spec });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, String(i)]));
    } else if (typeof node === "object" && node !== null) {
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
    }
  };
  walk(scenario, []);
  return out;
}

