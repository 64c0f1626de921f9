import { listParameters } from "../engine/parameters.js";
import type { DistSpec } from "../scenario/dist-spec.js";
import { parseScenario } from "../scenario/parse.js";
import { support } from "../scenario/distribution-math.js";
import { OptionsError } from "../util/errors.js";

/**
 * The parameter space of the samplers (inference-pmmh.ts, inference-smc.ts): each parameter of θ
 * has a bounded prior (uniform or triangular) and is moved on its unbounded scale
 * u = logit((x − lo)/(hi − lo)), the prior's density carried over with the Jacobian
 * |dx/du| = (hi − lo)·s·(1 − s), s = sigmoid(u).
 */

/** One parameter of θ: its path and its prior (uniform or triangular: bounded, so the logit scale applies). */
export interface BoundedParameter {
  path: string;
  prior: DistSpec;
}

/**
 * The parameters of θ at `paths`, each with its prior in `scenario` (the samplers' input).
 * @throws {OptionsError} at `parameters` for a path that is not a parameter of the scenario.
 * @example
 * parametersOf(filterScenario(observations), ["intensity.noiseSd"])[0]!.prior; // { dist: "uniform", min: 0.01, max: 0.4, … }
 */
export function parametersOf(scenario: unknown, paths: readonly string[]): BoundedParameter[] {
  const slots = listParameters(parseScenario(scenario));
  return paths.map((path) => {
    const slot = slots.find((s) => s.path === path);
    if (!slot) throw new OptionsError({ path: "parameters", message: `${path} is not a parameter of the scenario` });
    return { path, prior: slot.spec };
  });
}

/** A bounded prior: its support and log density (−∞ outside). */
export interface BoundedPrior {
  lo: number;
  hi: number;
  logDensity: (x: number) => number;
}

/**
 * The support and log density of a uniform or triangular prior.
 * @throws {OptionsError} at `parameters.<path>` for any other prior.
 * @example
 * boundedPrior({ dist: "uniform", min: 0, max: 2 }, "a").logDensity(1); // −ln 2
 */
export function boundedPrior(spec: DistSpec, path: string): BoundedPrior {
  const [lo, hi] = support(spec);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo))
    throw new OptionsError({ path: `parameters.${path}`, message: `expected a bounded prior (uniform or triangular), got ${spec.dist}` });
  if (spec.dist === "uniform") return { lo, hi, logDensity: (x) => (x >= lo && x <= hi ? -Math.log(hi - lo) : -Infinity) };
  if (spec.dist === "triangular") {
    const c = spec.mode;
    return {
      lo,
      hi,
      logDensity: (x) =>
        x < lo || x > hi ? -Infinity : Math.log(x <= c ? (2 * (x - lo)) / ((hi - lo) * (c - lo)) : (2 * (hi - x)) / ((hi - lo) * (hi - c))),
    };
  }
  throw new OptionsError({ path: `parameters.${path}`, message: `expected a uniform or triangular prior, got ${spec.dist}` });
}

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));

/** θ on the unbounded scale: the maps both ways and the log prior density of u. */
export interface LogitSpace {
  readonly dimension: number;
  /** u of parameter k's value x (x strictly inside the support). */
  toU(k: number, x: number): number;
  /** x of parameter k's u. */
  toX(k: number, u: number): number;
  /** log prior density on the u scale: Σ log p(x_k) + log |dx_k/du_k|. */
  logPrior(u: ArrayLike<number>): number;
  /** θ as a record of paths. */
  theta(u: ArrayLike<number>): Record<string, number>;
}

/**
 * The logit space of a list of bounded parameters.
 * @throws {OptionsError} for an unbounded prior.
 * @example
 * const space = logitSpace([{ path: "a", prior: { dist: "uniform", min: 0, max: 1 } }]);
 * space.toU(0, 0.5); // 0
 */
export function logitSpace(parameters: readonly BoundedParameter[]): LogitSpace {
  const priors = parameters.map((p) => boundedPrior(p.prior, p.path));
  const toU = (k: number, x: number) => {
    const { lo, hi } = priors[k]!;
    const s = (x - lo) / (hi - lo);
    return Math.log(s / (1 - s));
  };
  const toX = (k: number, u: number) => priors[k]!.lo + (priors[k]!.hi - priors[k]!.lo) * sigmoid(u);
  return {
    dimension: parameters.length,
    toU,
    toX,
    logPrior: (u) => {
      let s = 0;
      for (let k = 0; k < parameters.length; k += 1) {
        const q = sigmoid(u[k]!);
        s += priors[k]!.logDensity(toX(k, u[k]!)) + Math.log(priors[k]!.hi - priors[k]!.lo) + Math.log(q) + Math.log(1 - q);
      }
      return s;
    },
    theta: (u) => Object.fromEntries(parameters.map((p, k) => [p.path, toX(k, u[k]!)])),
  };
}

/**
 * Lower-triangular L with L Lᵀ = a (a symmetric positive definite, d × d row-major); a pivot
 * below 10⁻¹² is raised to it, so a degenerate covariance still gives a usable factor.
 * @example
 * cholesky(Float64Array.of(4, 2, 2, 2), 2); // [2, 0, 1, 1]
 */
export function cholesky(a: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i += 1)
    for (let j = 0; j <= i; j += 1) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k += 1) s -= l[i * d + k]! * l[j * d + k]!;
      l[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * d + j]!;
    }
  return l;
}
