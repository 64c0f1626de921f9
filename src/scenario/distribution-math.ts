/**
 * Distribution math — quantiles, medians, moments, supports — for every distribution spec.
 * No zod here: the engine and its workers import this file, not the schema.
 */
import type { DistSpec } from "./dist-spec.js";
import { betaQuantile, normalQuantile, truncatedStandardNormal } from "../util/special-functions.js";

const Z95 = normalQuantile(0.95);
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
/** The standardised truncation of a normal spec (mass, moments, quantile). */
export function truncation(spec: { mean: number; sd: number; min?: number; max?: number }) {
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
    case "fixed":
      return spec.value;
    case "uniform":
      return Math.min(spec.max, spec.min + p * (spec.max - spec.min));
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
    case "beta":
    case "pert": {
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
 * the interval from a to b: mean + sd(φ(α) − φ(β))/Z; lognormal exp(mu + sigma²/2); beta lo + (hi−lo)·α/(α+β);
 * pert (min + λ·mode + max)/(λ + 2).
 *
 * @example
 * mean({ dist: "pert", min: 0, mode: 1, max: 4 }); // 1.3333333333333333
 */
export function mean(spec: DistSpec): number {
  switch (spec.dist) {
    case "fixed":
      return spec.value;
    case "uniform":
      return 0.5 * (spec.min + spec.max);
    case "triangular":
      return (spec.min + spec.mode + spec.max) / 3;
    case "normal":
      return spec.mean + spec.sd * truncation(spec).mean;
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(spec);
      return Math.exp(mu + 0.5 * sigma * sigma);
    }
    case "beta":
    case "pert": {
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
    case "fixed":
      return 0;
    case "uniform":
      return (spec.max - spec.min) ** 2 / 12;
    case "triangular": {
      const { min: a, mode: c, max: b } = spec;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case "normal":
      return spec.sd * spec.sd * truncation(spec).variance;
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(spec);
      return Math.expm1(sigma * sigma) * Math.exp(2 * mu + sigma * sigma);
    }
    case "beta":
    case "pert": {
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
    case "fixed":
      return [spec.value, spec.value];
    case "normal":
      return [spec.min ?? -Infinity, spec.max ?? Infinity];
    case "lognormal":
      return [0, Infinity];
    case "beta":
      return [spec.min ?? 0, spec.max ?? 1];
    default:
      return [spec.min, spec.max];
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
