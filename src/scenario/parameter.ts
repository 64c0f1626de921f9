import type { z } from "zod";
import { describeValue } from "../util/errors.js";
import { zod } from "../util/lazy.js";
import { distSchemas, quantile, support, type DistSpec } from "./distributions.js";
import { markPerEvent, type Parameter } from "./parameter-list.js";
import { realProvenanceSchema, userProvenance, type Provenance } from "./provenance.js";
import { parseQuantity, QuantityError, type Dimension } from "./units.js";

export type { Parameter, PerEventParameter } from "./parameter-list.js";

/** What a parameter must satisfy: its canonical unit and the bounds of its whole support. */
export interface ParameterRule {
  unit: Dimension;
  /** Human description shown in the JSON Schema and parameter tables. */
  description: string;
  min?: number;
  max?: number;
  /** When true, `min` itself is not allowed (e.g. a delay must be > 0). */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
}

/** An example quantity string for each canonical unit (JSON Schema hints). */
const UNIT_EXAMPLES: Record<Dimension, string> = {
  "1": '"640000" or "12%"',
  "1/month": '"35000/month" or "1200/day"',
  "1/year": '"2/year"',
  "km^2": '"117718 km^2"',
  "km^2/month": '"485 km^2/month" or "5820 km^2/year"',
  month: '"5 months" or "90 days"',
};

/** Distribution fields that carry the parameter's unit (shape parameters such as sigma do not). */
const unitFields = new Set(["value", "min", "max", "mode", "mean", "sd", "median", "p5", "p95"]);
const paramKeys = new Set(["value", "provenance"]);

type Ctx = z.RefinementCtx;

function addIssue(ctx: Ctx, message: string, path: (string | number)[] = []): typeof z.NEVER {
  ctx.addIssue({ code: "custom", message, path });
  return zod().NEVER;
}

/**
 * Largest magnitude of any quantity in a scenario, in its canonical unit (people, km², months,
 * per month, …): far beyond any force, area or delay of this war (the Earth's population is
 * 8e9, its land 1.5e8 km²), and small enough that every product the model forms stays finite —
 * a force or a delay of 1e300 would overflow to ∞ and then to NaN.
 */
export const MAX_QUANTITY = 1e12;

function checkMagnitude(value: number, raw: unknown, ctx: Ctx, path: (string | number)[]): number | undefined {
  if (Math.abs(value) <= MAX_QUANTITY) return value;
  addIssue(
    ctx,
    `expected a magnitude ≤ 1e12 (the cap on every quantity), got ${typeof raw === "string" ? `${describeValue(raw)} = ${value}` : describeValue(value)}`,
    path,
  );
  return undefined;
}

function convert(raw: unknown, unit: Dimension, ctx: Ctx, path: (string | number)[]): number | undefined {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) {
      addIssue(ctx, `expected a finite number, got ${describeValue(raw)}`, path);
      return undefined;
    }
    return checkMagnitude(raw, raw, ctx, path);
  }
  if (typeof raw === "string") {
    try {
      return checkMagnitude(parseQuantity(raw, unit), raw, ctx, path);
    } catch (error) {
      if (error instanceof QuantityError) {
        addIssue(ctx, error.message, path);
        return undefined;
      }
      throw error;
    }
  }
  addIssue(ctx, `expected a number or a quantity string in ${unit}, got ${describeValue(raw)}`, path);
  return undefined;
}

function boundsText(rule: ParameterRule): string {
  const lo = rule.min === undefined ? "" : `${rule.exclusiveMin ? ">" : "≥"} ${rule.min}`;
  const hi = rule.max === undefined ? "" : `${rule.exclusiveMax ? "<" : "≤"} ${rule.max}`;
  return [lo, hi].filter(Boolean).join(" and ");
}

/** `openLow`: the support's lower end is never drawn (a lognormal's 0), so `> min` may hold at lo = min. */
function withinBounds(lo: number, hi: number, rule: ParameterRule, openLow = false): boolean {
  if (rule.min !== undefined && (rule.exclusiveMin && !openLow ? lo <= rule.min : lo < rule.min)) return false;
  if (rule.max !== undefined && (rule.exclusiveMax ? hi >= rule.max : hi > rule.max)) return false;
  return true;
}

function formatSupport(lo: number, hi: number): string {
  const f = (v: number) => (v === Infinity ? "∞" : v === -Infinity ? "-∞" : String(Number(v.toPrecision(6))));
  return `[${f(lo)}, ${f(hi)}]`;
}

function parseDistribution(obj: Record<string, unknown>, rule: ParameterRule, ctx: Ctx): DistSpec | undefined {
  const converted: Record<string, unknown> = {};
  let ok = true;
  for (const [key, raw] of Object.entries(obj)) {
    if (key === "provenance") continue;
    if (unitFields.has(key)) {
      const value = convert(raw, rule.unit, ctx, [key]);
      if (value === undefined) ok = false;
      converted[key] = value;
    } else {
      converted[key] = raw;
    }
  }
  if (!ok) return undefined;
  const parsed = distSchemas().distSpecSchema.safeParse(converted);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          addIssue(ctx, `expected no such key in a ${String(obj.dist)} distribution, got ${describeValue(obj[key])}`, [
            ...(issue.path as (string | number)[]),
            key,
          ]);
        }
      } else {
        addIssue(ctx, issue.message, issue.path as (string | number)[]);
      }
    }
    return undefined;
  }
  return parsed.data;
}

/**
 * The zod schema of one numeric parameter. Accepts a plain number, a unit-bearing string
 * ("35000/month", "485 km^2/month", "5 months", "12%"), `{ value, provenance? }`, or a
 * distribution spec `{ dist, …, provenance? }`. Every value of the distribution's support must
 * satisfy the rule's bounds (a share given as an untruncated normal is refused).
 *
 * @example
 * const share = parameter({ unit: "1", description: "a share", min: 0, max: 1 });
 * share.parse("12%"); // { spec: { dist: "fixed", value: 0.12 }, provenance: { source: "user" } }
 */
export function parameter(rule: ParameterRule) {
  return parameterSchema(rule, (parsed) => parsed);
}

/**
 * The zod schema of a parameter drawn once per event rather than once per path (the size of
 * each further DPRK wave): accepted and validated as {@link parameter}, and marked so that
 * `listParameters` flags its slot `perEvent` and the engine leaves it out of the per-path draws.
 * @example
 * const size = perEventParameter({ unit: "1", description: "people per wave", min: 0 });
 * listParameters({ size: size.parse(20_000) })[0].perEvent; // true
 */
export function perEventParameter(rule: ParameterRule) {
  return parameterSchema(rule, markPerEvent);
}

function parameterSchema<P extends Parameter>(rule: ParameterRule, finish: (parsed: Parameter) => P) {
  const z = zod();
  return z
    .unknown()
    .transform((input, ctx): P => {
      let provenance: Provenance = userProvenance;
      let spec: DistSpec | undefined;
      if (input === undefined) return addIssue(ctx, `expected a value in ${rule.unit}, got nothing (required)`);
      if (typeof input === "number" || typeof input === "string") {
        const value = convert(input, rule.unit, ctx, []);
        if (value === undefined) return z.NEVER;
        spec = { dist: "fixed", value };
      } else if (typeof input === "object" && input !== null && !Array.isArray(input)) {
        const obj = input as Record<string, unknown>;
        if ("provenance" in obj) {
          const p = realProvenanceSchema().safeParse(obj.provenance);
          if (!p.success)
            return addIssue(
              ctx,
              `expected a provenance such as { "source": "article", "id": "F12" }, got ${JSON.stringify(obj.provenance)?.slice(0, 80)}`,
              ["provenance"],
            );
          provenance = p.data;
        }
        if ("dist" in obj) {
          spec = parseDistribution(obj, rule, ctx);
          if (!spec) return z.NEVER;
        } else if ("value" in obj) {
          const extra = Object.keys(obj).filter((k) => !paramKeys.has(k));
          if (extra.length)
            return addIssue(ctx, `expected only "value" and "provenance" in a parameter object, got ${describeValue(obj[extra[0]!])}`, [
              extra[0]!,
            ]);
          const value = convert(obj.value, rule.unit, ctx, ["value"]);
          if (value === undefined) return z.NEVER;
          spec = { dist: "fixed", value };
        } else {
          return addIssue(
            ctx,
            `expected a number, a quantity string, { "value": … } or a distribution { "dist": … }, got an object with keys ${
              Object.keys(obj)
                .map((k) => JSON.stringify(k))
                .join(", ") || "(none)"
            }`,
          );
        }
      } else {
        return addIssue(ctx, `expected a number, a quantity string or a distribution, got ${describeValue(input)}`);
      }
      const [lo, hi] = support(spec);
      // A lognormal is > 0 everywhere: accepted where a value must be > 0 (a force, a delay)
      // as long as even its most extreme lower draw (u = 5e-324) has not underflowed to 0.
      const openLow = spec.dist === "lognormal" && quantile(spec, Number.MIN_VALUE) > 0;
      if (!withinBounds(lo, hi, rule, openLow)) {
        const got = spec.dist === "fixed" ? String(spec.value) : `a ${spec.dist} distribution on ${formatSupport(lo, hi)}`;
        return addIssue(ctx, `expected ${boundsText(rule)}${spec.dist === "fixed" ? "" : " over the whole distribution"}, got ${got}`);
      }
      return finish({ spec, provenance });
    })
    .meta({
      description: `${rule.description} [${rule.unit}${boundsText(rule) ? `; ${boundsText(rule)}` : ""}]`,
      anyOf: [
        { type: "number" },
        { type: "string", description: `a quantity convertible to ${rule.unit}, e.g. ${UNIT_EXAMPLES[rule.unit]}` },
        { type: "object", required: ["value"], properties: { value: { type: ["number", "string"] }, provenance: { type: "object" } } },
        {
          type: "object",
          required: ["dist"],
          properties: {
            dist: { enum: ["fixed", "uniform", "triangular", "normal", "lognormal", "pert", "beta"] },
            provenance: { type: "object" },
          },
        },
      ],
    });
}
