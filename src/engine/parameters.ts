import { median, quantile, type DistSpec } from "../scenario/distributions.js";
import { isParameter, type Parameter } from "../scenario/parameter.js";
import type { Scenario } from "../scenario/schema.js";
import { createStream } from "./rng.js";

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
export function listParameters(scenario: Scenario): ParameterSlot[] {
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

/** Parameter draws for one block of paths: path → one value per path. */
export type BlockParameters = Record<string, Float64Array>;

/**
 * Draw every parameter once per path of a block, each from its own stream keyed by
 * (seed, block, "param", path) — so adding or removing a parameter shifts no other draw.
 * With `atMedian` every parameter takes its distribution's median (noise off).
 */
export function sampleBlockParameters(
  slots: readonly ParameterSlot[], seed: number, block: number, paths: number, atMedian: boolean,
): BlockParameters {
  const out: BlockParameters = {};
  for (const slot of slots) {
    const values = new Float64Array(paths);
    if (atMedian || slot.spec.dist === "fixed") {
      values.fill(median(slot.spec));
    } else {
      const uniform = createStream(seed, "block", block, "param", slot.path);
      for (let i = 0; i < paths; i += 1) values[i] = quantile(slot.spec, uniform());
    }
    out[slot.path] = values;
  }
  return out;
}
