import type { z } from "zod";
import { describeValue, ScenarioError, type InputIssue } from "../util/errors.js";
import { isParameter, markPerEvent, type Parameter } from "./parameter-list.js";
import { PRESET_SCENARIOS } from "./preset-scenarios.js";
import { presetNames, presets, type PresetName, type ScenarioFile } from "./presets.js";
import { scenarioSchemas, type Scenario } from "./schema.js";
import { REPLACED_BY_STATE } from "./replaced-by-state.js";
import { SHIPPED_POSTERIOR_INFO } from "./shipped-posterior-info.js";

const PARSED = Symbol.for("attrition-sim.scenario");
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_DEPTH = 32;
const MAX_EXTENDS = 8;

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A parameter object (`{ value }` or `{ dist }`) is a leaf: overrides replace it whole. */
function isParameterLike(value: Plain): boolean {
  return "dist" in value || "value" in value;
}

/**
 * An object that is not plain data (a Map, a Date, a class instance): its content is not its own
 * enumerable keys, so merging it key by key would silently drop the user's values. A plain
 * object's prototype is null or a root prototype (any realm's Object.prototype).
 */
function notPlainData(value: object): string | undefined {
  if (Array.isArray(value)) return undefined;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || Object.getPrototypeOf(proto) === null) return undefined;
  try {
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    if (tag && tag !== "Object") return `a ${tag}`;
    const ctor = (proto as { constructor?: unknown }).constructor;
    return typeof ctor === "function" && ctor.name ? `an instance of ${ctor.name}` : "an object with a prototype";
  } catch {
    return "an object with a prototype";
  }
}

/** Refuse keys that could pollute prototypes, non-JSON objects and absurd nesting, before anything is merged. */
function checkStructure(value: unknown, path: string[], issues: InputIssue[], depth = 0): void {
  if (depth > MAX_DEPTH) {
    issues.push({ path: path.join("."), message: `expected at most ${MAX_DEPTH} levels of nesting, got more` });
    return;
  }
  const kind = typeof value === "object" && value !== null ? notPlainData(value) : undefined;
  if (kind) {
    issues.push({ path: path.join("."), message: `expected plain JSON data (an object, array, string, number or boolean), got ${kind}` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkStructure(item, [...path, String(i)], issues, depth + 1));
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push({
          path: [...path, key].join("."),
          message: `expected no ${JSON.stringify(key)} key (not allowed in a scenario), got ${describeValue(value[key])}`,
        });
        continue;
      }
      checkStructure(value[key], [...path, key], issues, depth + 1);
    }
  }
}

/**
 * Deep-merge `override` onto `base`: objects merge key by key; arrays, parameters and
 * scalars replace. Returns a fresh object (inputs are not modified).
 */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override) || isParameterLike(override) || isParameterLike(base)) {
    return override;
  }
  const out: Plain = {};
  for (const [key, value] of Object.entries(base)) out[key] = value;
  for (const [key, value] of Object.entries(override)) {
    out[key] = key in out ? deepMerge(out[key], value) : value;
  }
  return out;
}

function resolveExtends(input: Plain, issues: InputIssue[], chain: string[] = []): Plain | undefined {
  const { extends: parent, ...rest } = input;
  if (parent === undefined) return rest;
  if (typeof parent !== "string" || !(presetNames as string[]).includes(parent)) {
    issues.push({ path: "extends", message: `expected one of ${presetNames.join(", ")}, got ${describeValue(parent)}` });
    return undefined;
  }
  if (chain.includes(parent) || chain.length > MAX_EXTENDS) {
    issues.push({ path: "extends", message: `expected a chain of presets without a cycle, got ${[...chain, parent].join(" → ")}` });
    return undefined;
  }
  const base = resolveExtends(presets[parent as keyof typeof presets] as ScenarioFile, issues, [...chain, parent]);
  if (!base) return undefined;
  const merged = deepMerge(base, rest) as Plain;
  // A posterior is replaced whole, never merged key by key (the two kinds share no keys).
  if ("posterior" in rest) merged.posterior = rest.posterior;
  else if (isPlainObject(base.posterior) && base.posterior.kind === "shipped")
    merged.posterior = overrideShipped(base, rest, parent, issues);
  return merged;
}

/** A value in a comparable form: a parameter as its distribution alone (`{ value }` is `fixed`), without provenance. */
function comparable(value: unknown): string {
  if (!isPlainObject(value)) return JSON.stringify(value);
  const { provenance: _provenance, ...spec } = value;
  const normal = "value" in spec && !("dist" in spec) ? { dist: "fixed", ...spec } : spec;
  return JSON.stringify(Object.fromEntries(Object.entries(normal).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/**
 * Overrides of a scenario on the shipped posterior (`extends: "baseline"` and the presets on it):
 * a fitted parameter the override changes is listed in `overridden` (set in every path; each
 * path keeps its row's state and other parameters); a t0 value the states replace is refused
 * when changed, since it would be silently unused. A value equal to the base's (a parsed
 * scenario written back out, say) changes nothing and is neither.
 */
function overrideShipped(base: Plain, override: Plain, parent: string, issues: InputIssue[]): Plain {
  const ref = base.posterior as Plain;
  const changed = (path: string) => {
    const keys = path.split(".");
    const value = valueAt(override, keys);
    return value !== undefined && comparable(value) !== comparable(valueAt(base, keys));
  };
  for (const path of REPLACED_BY_STATE)
    if (changed(path))
      issues.push({
        path,
        message: `expected no change of ${path}: "${parent}" starts each path from the shipped posterior's filtered state at ${SHIPPED_POSTERIOR_INFO.name}, so this value would not be used (extend "article" to set the start yourself), got ${describeValue(valueAt(override, path.split(".")))}`,
      });
  const before = Array.isArray(ref.overridden) ? (ref.overridden as string[]) : [];
  const overridden = SHIPPED_POSTERIOR_INFO.parameters.filter((path) => before.includes(path) || changed(path));
  return { ...ref, overridden };
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Turn zod's issues into `path: expected …, got …` lines. */
function toInputIssues(error: z.ZodError, input: unknown): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    const got = describeValue(valueAt(input, issue.path));
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          out.push({
            path: [...path, key].join("."),
            message: `expected no such key (not part of the scenario schema), got ${describeValue(valueAt(input, [...issue.path, key]))}`,
          });
        }
        break;
      case "invalid_type":
        out.push({
          path: path.join("."),
          message: got === "nothing" ? `expected ${issue.expected}, got nothing (required)` : `expected ${issue.expected}, got ${got}`,
        });
        break;
      case "invalid_value":
        out.push({ path: path.join("."), message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${got}` });
        break;
      case "too_small":
      case "too_big": {
        const op = issue.code === "too_small" ? (issue.inclusive ? "≥" : ">") : issue.inclusive ? "≤" : "<";
        const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
        const what = issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : "";
        out.push({ path: path.join("."), message: `expected ${op} ${String(bound)}${what}, got ${got}` });
        break;
      }
      case "custom":
        out.push({
          path: path.join("."),
          message: / got /.test(issue.message)
            ? issue.message
            : `${issue.message.startsWith("expected") ? issue.message : `expected ${issue.message}`}, got ${got}`,
        });
        break;
      default:
        out.push({ path: path.join("."), message: `${issue.message.replace(/^Invalid input: /, "")}, got ${got}` });
    }
  }
  return out;
}

/**
 * The input form of a parsed scenario: every parameter back as `{ dist, …, provenance }`.
 * Parsing it again gives an equal scenario, so a parsed scenario can be serialised, cloned
 * or overridden with {@link deepMerge} and parsed again.
 * @example
 * parseScenario(deepMerge(toScenarioInput(parseScenario("baseline")), { ceasefire: { hazardPerMonth: 0 } }));
 */
export function toScenarioInput(scenario: Scenario): Record<string, unknown> {
  const convert = (node: unknown): unknown => {
    if (isParameter(node)) return { ...node.spec, provenance: node.provenance };
    if (Array.isArray(node)) return node.map(convert);
    if (isPlainObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, convert(v)]));
    return node;
  };
  return convert(scenario) as Record<string, unknown>;
}

/** True when `value` came out of {@link parseScenario}. */
export function isParsedScenario(value: unknown): value is Scenario {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[PARSED] === true;
}

/**
 * A preset as the schema parses it, from the copy generated at build time (preset-scenarios.ts):
 * simulating a preset by name needs no validation, so it never loads zod. A fresh object on each
 * call, as a parse gives.
 */
function presetScenario(name: PresetName): Scenario {
  const { scenario, perEvent } = PRESET_SCENARIOS[name];
  const copy = structuredClone(scenario) as Scenario;
  for (const path of perEvent) markPerEvent(valueAt(copy, path.split(".")) as Parameter);
  Object.defineProperty(copy, PARSED, { value: true, enumerable: false });
  return copy;
}

/**
 * Validate a scenario and normalise it: a preset name, or a plain object (optionally
 * `extends: "<preset>"` with deep overrides). Unit strings become canonical numbers, plain
 * numbers become `fixed` distributions, missing provenance becomes `user`.
 *
 * A preset by name (or `{ extends: "<preset>" }` alone) and a scenario this function returned
 * need no validation: only other input loads zod (synchronously in Node; elsewhere after
 * `loadValidation()` from attrition-sim/advanced).
 *
 * @throws {ScenarioError} listing every problem as `path: expected …, got …`.
 * @example
 * const s = parseScenario({ extends: "baseline", russia: { recruitmentCapacityPerMonth: "30000/month" } });
 */
export function parseScenario(input: unknown): Scenario {
  if (isParsedScenario(input)) return input;
  if (typeof input === "string") {
    if (!(presetNames as string[]).includes(input)) {
      throw new ScenarioError({
        path: "",
        message: `expected a preset name (${presetNames.join(", ")}) or a scenario object, got ${describeValue(input)}`,
      });
    }
    return presetScenario(input as PresetName);
  }
  if (isPlainObject(input) && Object.getPrototypeOf(input) === Object.prototype) {
    const keys = Object.keys(input);
    const name = input.extends;
    if (keys.length === 1 && keys[0] === "extends" && typeof name === "string" && Object.hasOwn(PRESET_SCENARIOS, name)) {
      return presetScenario(name as PresetName);
    }
  }
  return validateScenario(input);
}

/**
 * {@link parseScenario} through the zod schema, always (no preset shortcut): what
 * scripts/build-presets.ts generates the presets with, and what the tests compare them to.
 * @internal
 */
export function validateScenario(input: unknown): Scenario {
  if (isParsedScenario(input)) return input;
  if (typeof input === "string") return validateScenario({ extends: input });
  if (!isPlainObject(input)) {
    throw new ScenarioError({ path: "", message: `expected a scenario object, got ${describeValue(input)}` });
  }
  const issues: InputIssue[] = [];
  checkStructure(input, [], issues);
  if (issues.length) throw new ScenarioError(issues);
  const merged = resolveExtends(input, issues);
  if (!merged) throw new ScenarioError(issues);
  // A file that changes a preset without naming itself must not pass for the preset.
  const changes = Object.keys(input).filter((k) => k !== "extends" && k !== "$schema");
  if (typeof input.extends === "string" && input.name === undefined && changes.length > 0) merged.name = `${input.extends} (modified)`;
  const result = scenarioSchemas().scenarioSchema.safeParse(merged);
  // The overrides a shipped posterior refuses (overrideShipped) come with the schema's issues,
  // unless the schema already names that path (an invalid value is reported once, as invalid).
  const schemaIssues = result.success ? [] : toInputIssues(result.error, merged);
  const own = issues.filter((issue) => !schemaIssues.some((other) => other.path === issue.path));
  if (!result.success || own.length) throw new ScenarioError([...own, ...schemaIssues]);
  Object.defineProperty(result.data, PARSED, { value: true, enumerable: false });
  return result.data;
}
