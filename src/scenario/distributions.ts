import { z } from "zod";
import { describeValue } from "../errors.js";
import { betaQuantile, normalQuantile, truncatedStandardNormal } from "./special-functions.js";

export { normalCdf, normalQuantile } from "./special-functions.js";

/**
 * Distribution specs for uncertain parameters, and their math. Every draw is `quantile(spec, u)`
 * of ONE uniform u, so a parameter draw is a deterministic, monotone function of one number.
 */

/** Φ⁻¹(0.95): a lognormal's 90% interval [p5, p95] spans mu ± Z95·sigma. */
const Z95 = normalQuantile(0.95);
/** Smallest probability a truncated normal's interval [min, max] may hold. */
const MIN_TRUNCATED_MASS = 1e-9;

const num = z.number({ error: (iss) => `expected a finite number, got ${describeValue(iss.input)}` });
const positive = num.gt(0, { error: (iss) => `expected > 0, got ${describeValue(iss.input)}` });

/** A strict object (unknown keys rejected with an `expected …, got …` message). */
function distObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const keys = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `expected only the keys ${keys}, got ${iss.keys.map((k) => JSON.stringify(k)).join(", ")}`
        : undefined,
  });
}

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

const fixedSchema = distObject({ dist: z.literal("fixed"), value: num });

const uniformSchema = distObject({ dist: z.literal("uniform"), min: num, max: num }).superRefine((v, ctx) => {
  if (checkRange(ctx, v.min, v.max)) checkMoments(ctx, v);
});

const triangularSchema = distObject({ dist: z.literal("triangular"), min: num, mode: num, max: num }).superRefine((v, ctx) => {
  if (checkModeRange(ctx, v)) checkMoments(ctx, v);
});

const normalSchema = distObject({
  dist: z.literal("normal"), mean: num, sd: positive, min: num.optional(), max: num.optional(),
}).superRefine((v, ctx) => {
  if (v.min !== undefined && v.max !== undefined && !checkRange(ctx, v.min, v.max)) return;
  const mass = truncation(v).mass;
  if (!(mass >= MIN_TRUNCATED_MASS)) {
    issue(ctx, v.min === undefined ? "max" : "min", `expected a truncation interval holding ≥ ${MIN_TRUNCATED_MASS} of the normal's probability, got ${mass}`);
  } else checkMoments(ctx, v);
});

const lognormalKeys = ["dist", "mu", "median", "sigma", "p5", "p95"];
/**
 * Lognormal: one of three forms. Checked first as one loose object (for clear messages; unknown
 * keys are caught here, as a custom issue, because a pipe lets `unrecognized_keys` through), then
 * piped into the union of the three exact forms, so that `DistSpec` holds the precise type.
 */
const lognormalSchema = z.looseObject({
  dist: z.literal("lognormal"), mu: num.optional(), median: positive.optional(), sigma: positive.optional(),
  p5: positive.optional(), p95: positive.optional(),
}).superRefine((v, ctx) => {
  const unknown = Object.keys(v).filter((k) => !lognormalKeys.includes(k));
  if (unknown.length) return issue(ctx, "", `expected only the keys ${lognormalKeys.join(", ")}, got ${unknown.map((k) => JSON.stringify(k)).join(", ")}`);
  const given = lognormalKeys.filter((k) => k !== "dist" && v[k] !== undefined);
  const is = (...keys: string[]) => given.length === keys.length && keys.every((k) => given.includes(k));
  if (!is("mu", "sigma") && !is("median", "sigma") && !is("p5", "p95")) {
    issue(ctx, "", `expected one of { mu, sigma }, { median, sigma } or { p5, p95 }, got { ${given.join(", ")} }`);
  } else if (v.p5 === undefined || v.p95 === undefined || checkRange(ctx, v.p5, v.p95, "p95", "p5")) {
    checkMoments(ctx, v as DistSpec);
  }
}).pipe(z.union([
  z.strictObject({ dist: z.literal("lognormal"), mu: num, sigma: positive }),
  z.strictObject({ dist: z.literal("lognormal"), median: positive, sigma: positive }),
  z.strictObject({ dist: z.literal("lognormal"), p5: positive, p95: positive }),
]));

const pertSchema = distObject({
  dist: z.literal("pert"), min: num, mode: num, max: num, lambda: positive.optional(),
}).superRefine((v, ctx) => {
  if (checkModeRange(ctx, v)) checkMoments(ctx, v);
});

const betaSchema = distObject({
  dist: z.literal("beta"), alpha: positive, beta: positive, min: num.optional(), max: num.optional(),
}).superRefine((v, ctx) => {
  const lo = v.min ?? 0;
  const hi = v.max ?? 1;
  if (lo >= hi) {
    if (v.max === undefined) issue(ctx, "min", `expected < max (1, the default), got ${lo}`);
    else issue(ctx, "max", `expected > min (${lo}${v.min === undefined ? ", the default" : ""}), got ${hi}`);
  } else checkMoments(ctx, v);
});

const distNames = ["fixed", "uniform", "triangular", "normal", "lognormal", "pert", "beta"] as const;

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
export const distSpecSchema = z.discriminatedUnion(
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

/** A validated distribution spec (see {@link distSpecSchema}). */
export type DistSpec = z.infer<typeof distSpecSchema>;
type Spec<K extends DistSpec["dist"]> = Extract<DistSpec, { dist: K }>;

/**
 * The (mu, sigma) of a lognormal spec: ln X ~ Normal(mu, sigma). From a median, mu = ln(median);
 * from a 90% interval, mu = (ln p5 + ln p95)/2 and sigma = (ln p95 − ln p5)/(2·Φ⁻¹(0.95)).
 *
 * @example
 * lognormalParameters({ dist: "lognormal", p5: 1, p95: Math.exp(2 * 1.6448536269514722) }); // { mu: 1.6448536269514722, sigma: 1.0000000000000004 }
 */
export function lognormalParameters(spec: Spec<"lognormal">): { mu: number; sigma: number } {
  if ("p5" in spec) {
    const logP5 = Math.log(spec.p5);
    const logP95 = Math.log(spec.p95);
    return { mu: 0.5 * (logP5 + logP95), sigma: (logP95 - logP5) / (2 * Z95) };
  }
  return { mu: "mu" in spec ? spec.mu : Math.log(spec.median), sigma: spec.sigma };
}

/** Beta shapes and affine support of a beta or PERT spec: X = lo + (hi − lo)·Beta(a, b). */
function betaShape(spec: Spec<"beta"> | Spec<"pert">): { a: number; b: number; lo: number; hi: number } {
  if (spec.dist === "beta") return { a: spec.alpha, b: spec.beta, lo: spec.min ?? 0, hi: spec.max ?? 1 };
  const lambda = spec.lambda ?? 4;
  const width = spec.max - spec.min;
  return { a: 1 + (lambda * (spec.mode - spec.min)) / width, b: 1 + (lambda * (spec.max - spec.mode)) / width, lo: spec.min, hi: spec.max };
}

/** N(0, 1) truncated to the standardized bounds [(min − mean)/sd, (max − mean)/sd]. */
function truncation(spec: { mean: number; sd: number; min?: number; max?: number }) {
  const alpha = spec.min === undefined ? -Infinity : (spec.min - spec.mean) / spec.sd;
  return truncatedStandardNormal(alpha, spec.max === undefined ? Infinity : (spec.max - spec.mean) / spec.sd);
}

/**
 * The quantile (inverse CDF) F⁻¹(p) of a spec, for p in [0, 1]; sampling is `quantile(spec, u)`.
 * - uniform: min + p(max − min)
 * - triangular (a, c, b): a + √(p(b−a)(c−a)) if p < (c−a)/(b−a), else b − √((1−p)(b−a)(b−c))
 * - normal: mean + sd·Φ⁻¹(p); truncated to [a, b]: mean + sd·Φ⁻¹(Φ(α) + p(Φ(β) − Φ(α)))
 * - lognormal: exp(mu + sigma·Φ⁻¹(p))
 * - beta: min + (max − min)·I⁻¹_p(alpha, beta) (inverse regularized incomplete beta)
 * - pert: min + (max − min)·Beta(1 + λ(mode − min)/(max − min), 1 + λ(max − mode)/(max − min))
 *
 * @example
 * quantile({ dist: "normal", mean: 10, sd: 2 }, 0.975); // 13.919927969080106
 * quantile({ dist: "uniform", min: 0, max: 4 }, 0.25); // 1
 */
export function quantile(spec: DistSpec, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: expected p in [0, 1], got ${p}`);
  switch (spec.dist) {
    case "fixed": return spec.value;
    case "uniform": return Math.min(spec.max, spec.min + p * (spec.max - spec.min));
    case "triangular": {
      const { min: a, mode: c, max: b } = spec;
      return p * (b - a) < c - a ? a + Math.sqrt(p * (b - a) * (c - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - c));
    }
    case "normal": {
      const x = spec.mean + spec.sd * truncation(spec).quantile(p);
      return Math.min(spec.max ?? Infinity, Math.max(spec.min ?? -Infinity, x));
    }
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(spec);
      return Math.exp(mu + sigma * normalQuantile(p));
    }
    case "beta": case "pert": {
      const { a, b, lo, hi } = betaShape(spec);
      return Math.min(hi, lo + (hi - lo) * betaQuantile(p, a, b));
    }
  }
}

/**
 * The median F⁻¹(½) of a spec.
 *
 * @example
 * median({ dist: "lognormal", mu: 0, sigma: 1 }); // 1
 */
export function median(spec: DistSpec): number {
  return quantile(spec, 0.5);
}

/**
 * The mean E[X], in closed form: uniform (a+b)/2; triangular (a+b+c)/3; normal truncated to
 * [a, b]: mean + sd(φ(α) − φ(β))/Z; lognormal exp(mu + sigma²/2); beta lo + (hi−lo)·α/(α+β);
 * pert (min + λ·mode + max)/(λ + 2).
 *
 * @example
 * mean({ dist: "pert", min: 0, mode: 1, max: 4 }); // 1.3333333333333333
 */
export function mean(spec: DistSpec): number {
  switch (spec.dist) {
    case "fixed": return spec.value;
    case "uniform": return 0.5 * (spec.min + spec.max);
    case "triangular": return (spec.min + spec.mode + spec.max) / 3;
    case "normal": return spec.mean + spec.sd * truncation(spec).mean;
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(spec);
      return Math.exp(mu + 0.5 * sigma * sigma);
    }
    case "beta": case "pert": {
      const { a, b, lo, hi } = betaShape(spec);
      return lo + ((hi - lo) * a) / (a + b);
    }
  }
}

/**
 * The variance Var[X], in closed form: uniform (b−a)²/12; triangular (a²+b²+c²−ab−ac−bc)/18;
 * truncated normal sd²[1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)²]; lognormal
 * (e^(sigma²) − 1)e^(2mu + sigma²); beta (hi−lo)²·αβ/((α+β)²(α+β+1)).
 *
 * @example
 * variance({ dist: "uniform", min: 0, max: 6 }); // 3
 */
export function variance(spec: DistSpec): number {
  switch (spec.dist) {
    case "fixed": return 0;
    case "uniform": return (spec.max - spec.min) ** 2 / 12;
    case "triangular": {
      const { min: a, mode: c, max: b } = spec;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case "normal": return spec.sd * spec.sd * truncation(spec).variance;
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(spec);
      return Math.expm1(sigma * sigma) * Math.exp(2 * mu + sigma * sigma);
    }
    case "beta": case "pert": {
      const { a, b, lo, hi } = betaShape(spec);
      return ((hi - lo) ** 2 * a * b) / ((a + b) ** 2 * (a + b + 1));
    }
  }
}

/**
 * The support [lo, hi] of a spec: the smallest interval holding every possible draw (±Infinity
 * for unbounded normals; [0, ∞) for lognormals).
 *
 * @example
 * support({ dist: "beta", alpha: 2, beta: 3 }); // [0, 1]
 */
export function support(spec: DistSpec): [number, number] {
  switch (spec.dist) {
    case "fixed": return [spec.value, spec.value];
    case "normal": return [spec.min ?? -Infinity, spec.max ?? Infinity];
    case "lognormal": return [0, Infinity];
    case "beta": return [spec.min ?? 0, spec.max ?? 1];
    default: return [spec.min, spec.max];
  }
}

/**
 * One draw from a spec: quantile(spec, u) with u = uniform(), a single uniform in (0, 1) — so the
 * draw is a monotone function of u (common random numbers and sensitivity analysis rely on it).
 *
 * @example
 * const u = createStream(1, "example");
 * sample({ dist: "triangular", min: 0, mode: 1, max: 3 }, u); // a number in [0, 3]
 */
export function sample(spec: DistSpec, uniform: () => number): number {
  return quantile(spec, uniform());
}
