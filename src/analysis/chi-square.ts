import { describeValue, OptionsError } from "../util/errors.js";
import { lnGamma } from "../util/special-functions.js";

/**
 * The regularised incomplete gamma functions and the chi-square tail they give, for the PIT
 * uniformity check (scoring-pit.ts). src/util/special-functions.ts has ln Γ but not these; they
 * can move there with the rest of the special functions.
 *
 *   P(a, x) = γ(a, x)/Γ(a) = (1/Γ(a)) ∫₀ˣ t^(a−1) e^(−t) dt,   Q(a, x) = 1 − P(a, x)
 *
 * P by its series for x < a + 1, Q by its continued fraction (modified Lentz) otherwise —
 * Numerical Recipes §6.2 (`gser`, `gcf`); Abramowitz & Stegun 6.5.29 and 6.5.31.
 */

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_TERMS = 10_000;

function checkArguments(a: number, x: number): void {
  if (typeof a !== "number" || !(a > 0) || !Number.isFinite(a))
    throw new OptionsError({ path: "a", message: `expected a finite shape a > 0, got ${describeValue(a)}` });
  if (typeof x !== "number" || !(x >= 0)) throw new OptionsError({ path: "x", message: `expected x ≥ 0, got ${describeValue(x)}` });
}

/** ln of the common prefactor x^a e^(−x) / Γ(a). */
function lnPrefactor(a: number, x: number): number {
  return a * Math.log(x) - x - lnGamma(a);
}

/** P(a, x) by the series e^(−x) x^a / Γ(a) · Σ_n x^n / (a (a+1) … (a+n)), for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_TERMS; n += 1) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(lnPrefactor(a, x));
}

/** Q(a, x) by the continued fraction 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))), for x ≥ a + 1. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(lnPrefactor(a, x)) * h;
}

/**
 * The regularised lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a) (see the module note).
 * @throws {OptionsError} unless a > 0 is finite and x ≥ 0.
 * @example
 * regularizedGammaP(1, 2); // 1 − e⁻² ≈ 0.864665
 * regularizedGammaP(0.5, 1); // erf(1) ≈ 0.842701
 */
export function regularizedGammaP(a: number, x: number): number {
  checkArguments(a, x);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? lowerSeries(a, x) : 1 - upperFraction(a, x);
}

/**
 * The regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), computed directly in
 * the upper tail so small values keep their precision.
 * @throws {OptionsError} unless a > 0 is finite and x ≥ 0.
 * @example
 * regularizedGammaQ(1, 30); // e⁻³⁰ ≈ 9.36e-14
 */
export function regularizedGammaQ(a: number, x: number): number {
  checkArguments(a, x);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperFraction(a, x);
}

/**
 * Upper tail of the chi-square distribution with k degrees of freedom:
 * P(χ²_k > x) = Q(k/2, x/2).
 * @throws {OptionsError} unless k > 0 and x ≥ 0.
 * @example
 * chiSquareSurvival(3.841459, 1); // ≈ 0.05
 */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  if (typeof degreesOfFreedom !== "number" || !(degreesOfFreedom > 0) || !Number.isFinite(degreesOfFreedom)) {
    throw new OptionsError({
      path: "degreesOfFreedom",
      message: `expected a finite number of degrees of freedom > 0, got ${describeValue(degreesOfFreedom)}`,
    });
  }
  if (typeof x !== "number" || !(x >= 0))
    throw new OptionsError({ path: "x", message: `expected a chi-square statistic ≥ 0, got ${describeValue(x)}` });
  return regularizedGammaQ(degreesOfFreedom / 2, x / 2);
}
