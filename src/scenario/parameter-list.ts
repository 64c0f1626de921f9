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

/** True when `T` holds a parameter drawn per path somewhere inside it. */
type HoldsPathParameter<T> = T extends PerEventParameter
  ? false
  : T extends Parameter
    ? true
    : T extends readonly (infer E)[]
      ? HoldsPathParameter<E>
      : T extends object
        ? true extends { [K in keyof T]-?: HoldsPathParameter<T[K]> }[keyof T]
          ? true
          : false
        : false;

/**
 * A typed view of a scenario's parameters: the scenario's own shape (its zod output type `T`)
 * with every parameter drawn per path replaced by `V` — `Float64Array` (one value per path of a
 * block) in the engine, `number` in the mean-field reference — and everything else left out
 * (names, dates, switches, per-event parameters). Optional parameters stay optional
 * (`russia.targetCeiling`), arrays stay arrays (`dprk.waves[j].size`), and a misspelt parameter
 * is a compile error: `p.territory.totalKm2`, never `p["territory.totalKm2"]`.
 */
export type ParameterView<T, V> = T extends PerEventParameter
  ? never
  : T extends Parameter
    ? V
    : T extends readonly (infer E)[]
      ? readonly ParameterView<E, V>[]
      : T extends object
        ? { readonly [K in keyof T as true extends HoldsPathParameter<T[K]> ? K : never]: ParameterView<T[K], V> }
        : never;

/**
 * Build the {@link ParameterView} of a parsed scenario: `valueOf(parameter, path)` gives each
 * per-path parameter's value (`path` as in {@link listParameters}, e.g. `dprk.waves.0.size`),
 * or undefined to leave it out (a caller that knows a parameter is drawn per event). Subtrees
 * without such parameters are left out, as in the type.
 * @example
 * const medians = parameterView(parseScenario("baseline"), (p) => median(p.spec));
 * medians.territory.totalKm2; // 603628
 */
export function parameterView<T extends object, V>(
  scenario: T,
  valueOf: (parameter: Parameter, path: string) => V | undefined,
): ParameterView<T, V> {
  const walk = (node: unknown, path: string[]): unknown => {
    if (isParameter(node)) return (node as Partial<PerEventParameter>).sampling === "per-event" ? undefined : valueOf(node, path.join("."));
    // Parameters sit in objects and in arrays of objects (dprk.waves); arrays of numbers or
    // strings (the posterior's rows) hold none and are not walked.
    if (Array.isArray(node)) {
      return node.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))
        ? node.map((item, i) => walk(item, [...path, String(i)]))
        : undefined;
    }
    if (typeof node !== "object" || node === null) return undefined;
    const out: Record<string, unknown> = {};
    let holds = false;
    for (const [key, value] of Object.entries(node)) {
      const view = walk(value, [...path, key]);
      if (view !== undefined) {
        out[key] = view;
        holds = true;
      }
    }
    return holds ? out : undefined;
  };
  return (walk(scenario, []) ?? {}) as ParameterView<T, V>;
}
