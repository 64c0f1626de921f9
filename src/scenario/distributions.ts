import type { z } from "zod";
import { describeValue } from "../util/errors.js";
import { lazyObject, once, zod } from "../util/lazy.js";
import { mean, truncation, variance } from "./distribution-math.js";
import { distShapes, type DistSpec } from "./dist-spec.js";

export { normalCdf, normalQuantile } from "../util/special-functions.js";

/**
 * Distribution specs for uncertain parameters, and their math. Every draw is `quantile(spec, u)`
 * of ONE uniform u, so a parameter draw is a deterministic, monotone function of one number.
 */

/** Smallest probability a truncated normal's interval [min, max] may hold. */
const MIN_TRUNCATED_MASS = 1e-9;

type Ctx = z.RefinementCtx;
const issue = (ctx: Ctx, path: string, message: string) => ctx.addIssue({ code: "custom", path: path ? [path] : [], message });

/** max > min, reported on `max`. */
function checkRange(ctx: Ctx, min: number, max: number, maxPath = "max", minName = "min"): boolean {
  if (min < max) return true;
  issue(ctx, maxPath, `expected > ${minName} (${min}), got ${max}`);
  return false;
}

/** min ≤ mode ≤ max and min < max. */
function checkModeRange(ctx: Ctx, v: { min: number; mode: number; max: number }): boolean {
  if (!checkRange(ctx, v.min, v.max)) return false;
  if (v.mode < v.min) issue(ctx, "mode", `expected ≥ min (${v.min}), got ${v.mode}`);
  else if (v.mode > v.max) issue(ctx, "mode", `expected ≤ max (${v.max}), got ${v.mode}`);
  else return true;
  return false;
}

/** Reject parameters whose mean or variance overflows (e.g. lognormal sigma = 40). */
function checkMoments(ctx: Ctx, spec: DistSpec): void {
  const m = mean(spec);
  const v = variance(spec);
  if (!Number.isFinite(m) || !Number.isFinite(v)) {
    issue(ctx, "", `expected parameters giving a finite mean and variance, got mean ${m}, variance ${v}`);
  }
}

const distNames = ["fixed", "uniform", "triangular", "normal", "lognormal", "pert", "beta"] as const;

function build() {
  const z = zod();
  const { betaShape, fixedShape, lognormalShape, normalShape, num, pertShape, positive, triangularShape, uniformShape } = distShapes();
  const fixedSchema = fixedShape;

  const uniformSchema = uniformShape.superRefine((v, ctx) => {
    if (checkRange(ctx, v.min, v.max)) checkMoments(ctx, v);
  });

  const triangularSchema = triangularShape.superRefine((v, ctx) => {
    if (checkModeRange(ctx, v)) checkMoments(ctx, v);
  });

  const normalSchema = normalShape.superRefine((v, ctx) => {
    if (v.min !== undefined && v.max !== undefined && !checkRange(ctx, v.min, v.max)) return;
    const mass = truncation(v).mass;
    if (!(mass >= MIN_TRUNCATED_MASS)) {
      issue(
        ctx,
        v.min === undefined ? "max" : "min",
        `expected a truncation interval holding ≥ ${MIN_TRUNCATED_MASS} of the normal's probability, got ${mass}`,
      );
    } else checkMoments(ctx, v);
  });

  const lognormalKeys = ["dist", "mu", "median", "sigma", "p5", "p95"];
  /**
   * Lognormal: one of three forms. Checked first as one loose object (for clear messages; unknown
   * keys are caught here, as a custom issue, because a pipe lets `unrecognized_keys` through), then
   * piped into the union of the three exact forms, so that `DistSpec` holds the precise type.
   */
  const lognormalSchema = z
    .looseObject({
      dist: z.literal("lognormal"),
      mu: num.optional(),
      median: positive.optional(),
      sigma: positive.optional(),
      p5: positive.optional(),
      p95: positive.optional(),
    })
    .superRefine((v, ctx) => {
      const unknown = Object.keys(v).filter((k) => !lognormalKeys.includes(k));
      if (unknown.length)
        return issue(
          ctx,
          "",
          `expected only the keys ${lognormalKeys.join(", ")}, got ${unknown.map((k) => JSON.stringify(k)).join(", ")}`,
        );
      const given = lognormalKeys.filter((k) => k !== "dist" && v[k] !== undefined);
      const is = (...keys: string[]) => given.length === keys.length && keys.every((k) => given.includes(k));
      if (!is("mu", "sigma") && !is("median", "sigma") && !is("p5", "p95")) {
        issue(ctx, "", `expected one of { mu, sigma }, { median, sigma } or { p5, p95 }, got { ${given.join(", ")} }`);
      } else if (v.p5 === undefined || v.p95 === undefined || checkRange(ctx, v.p5, v.p95, "p95", "p5")) {
        checkMoments(ctx, v as DistSpec);
      }
    })
    .pipe(lognormalShape);

  const pertSchema = pertShape.superRefine((v, ctx) => {
    if (checkModeRange(ctx, v)) checkMoments(ctx, v);
  });

  const betaSchema = betaShape.superRefine((v, ctx) => {
    const lo = v.min ?? 0;
    const hi = v.max ?? 1;
    if (lo >= hi) {
      if (v.max === undefined) issue(ctx, "min", `expected < max (1, the default), got ${lo}`);
      else issue(ctx, "max", `expected > min (${lo}${v.min === undefined ? ", the default" : ""}), got ${hi}`);
    } else checkMoments(ctx, v);
  });

  const distSpecSchema = z.discriminatedUnion(
    "dist",
    [fixedSchema, uniformSchema, triangularSchema, normalSchema, lognormalSchema, pertSchema, betaSchema],
    {
      error: (iss) => {
        if (iss.code === "invalid_union") {
          const dist = (iss.input as { dist?: unknown } | null)?.dist;
          return `expected one of ${distNames.map((d) => JSON.stringify(d)).join(", ")}, got ${describeValue(dist)}`;
        }
        if (iss.code === "invalid_type") {
          return `expected a distribution object such as { "dist": "normal", "mean": 0, "sd": 1 }, got ${describeValue(iss.input)}`;
        }
        return undefined;
      },
    },
  );
  return { distSpecSchema };
}

/** The real schemas, built with zod on the first call (internal code composes these). */
export const distSchemas = once(build);
type Schemas = ReturnType<typeof build>;

/**
 * Zod schema of a distribution spec, discriminated on `dist`. Numbers must be finite; unknown keys
 * are rejected; each kind checks its own constraints with messages `expected …, got …`:
 * - `{ dist: "fixed", value }`
 * - `{ dist: "uniform", min, max }` — min < max
 * - `{ dist: "triangular", min, mode, max }` — min ≤ mode ≤ max, min < max
 * - `{ dist: "normal", mean, sd, min?, max? }` — sd > 0; optional truncation to [min, max], which
 *   must hold ≥ 1e-9 of the probability
 * - `{ dist: "lognormal", mu, sigma }`, `{ dist: "lognormal", median, sigma }` or
 *   `{ dist: "lognormal", p5, p95 }` (Squiggle's `p5 to p95`: a 90% interval), 0 < p5 < p95
 * - `{ dist: "pert", min, mode, max, lambda? }` — lambda > 0, default 4
 * - `{ dist: "beta", alpha, beta, min?, max? }` — alpha, beta > 0; support [min ?? 0, max ?? 1]
 *
 * @example
 * distSpecSchema.parse({ dist: "lognormal", p5: 20_000, p95: 45_000 });
 * distSpecSchema.safeParse({ dist: "uniform", min: 3, max: 1 }).success; // false: "expected > min (3), got 1"
 */
export const distSpecSchema: Schemas["distSpecSchema"] = lazyObject(() => distSchemas().distSpecSchema);

export type { DistSpec } from "./dist-spec.js";

export { lognormalParameters, quantile, median, mean, variance, support, sample } from "./distribution-math.js";
