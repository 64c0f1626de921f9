/**
 * Special functions behind the distribution quantiles: the normal CDF and its inverse, log-gamma,
 * and the regularized incomplete beta function with its inverse. Pure functions of numbers — no
 * zod, no state — so the engine's hot loop and workers can import this file alone.
 */

// W. J. Cody (1969), "Rational Chebyshev approximations for the error function", Math. Comp. 23,
// 631–638; coefficients of the netlib SPECFUN routine CALERF (≈18 significant digits).
const ERF_A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const ERF_B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const ERFC_C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909, 1712.04761263407058,
  2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const ERFC_D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963, 4362.61909014324716,
  3439.36767414372164, 1230.33935480374942,
];
const ERFC_P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978,
];
const ERFC_Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];
const ONE_OVER_SQRT_PI = 0.56418958354775628695;

/** exp(−y²) computed as exp(−t²)·exp(−(y−t)(y+t)) with t = y rounded down to 1/16 (Cody's trick). */
function expMinusSquare(y: number): number {
  const t = Math.trunc(y * 16) / 16;
  return Math.exp(-t * t) * Math.exp(-(y - t) * (y + t));
}

/**
 * The complementary error function erfc(x) = 1 − erf(x) = (2/√π) ∫ₓ^∞ e^(−t²) dt, by W. J. Cody's
 * rational Chebyshev approximations (relative error ≈ 1e-16, also deep in the tail).
 *
 * @example
 * erfc(0); // 1
 * erfc(5); // 1.537459794428035e-12
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  let result: number;
  if (y <= 0.46875) {
    const ysq = y > 1.11e-16 ? y * y : 0;
    let num = ERF_A[4]! * ysq;
    let den = ysq;
    for (let i = 0; i < 3; i++) {
      num = (num + ERF_A[i]!) * ysq;
      den = (den + ERF_B[i]!) * ysq;
    }
    return 1 - (x * (num + ERF_A[3]!)) / (den + ERF_B[3]!);
  } else if (y <= 4) {
    let num = ERFC_C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERFC_C[i]!) * y;
      den = (den + ERFC_D[i]!) * y;
    }
    result = ((num + ERFC_C[7]!) / (den + ERFC_D[7]!)) * expMinusSquare(y);
  } else if (y >= 26.543) {
    result = 0;
  } else {
    const ysq = 1 / (y * y);
    let num = ERFC_P[5]! * ysq;
    let den = ysq;
    for (let i = 0; i < 4; i++) {
      num = (num + ERFC_P[i]!) * ysq;
      den = (den + ERFC_Q[i]!) * ysq;
    }
    const r = (ysq * (num + ERFC_P[4]!)) / (den + ERFC_Q[4]!);
    result = ((ONE_OVER_SQRT_PI - r) / y) * expMinusSquare(y);
  }
  return x < 0 ? 2 - result : result;
}

/**
 * The standard normal CDF Φ(x) = ½·erfc(−x/√2), accurate to ≈1e-15 relative (so Φ(−10) ≈ 7.6e-24
 * keeps all its digits).
 *
 * @example
 * normalCdf(0); // 0.5
 * normalCdf(1.959963984540054); // 0.975
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * The standard normal density φ(x) = e^(−x²/2) / √(2π); 0 at ±∞.
 *
 * @example
 * normalPdf(0); // 0.3989422804014327
 */
export function normalPdf(x: number): number {
  return Number.isFinite(x) ? 0.3989422804014327 * Math.exp(-0.5 * x * x) : 0;
}

// M. J. Wichura (1988), "Algorithm AS 241: The percentage points of the normal distribution",
// Applied Statistics 37(3), 477–484 — PPND16, relative accuracy about 1e-16.
const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
  33430.575583588128105, 2509.0809287301226727,
];
const AS241_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674,
  5226.495278852854561,
];
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966,
  5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5,
  1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

/** AS 241's coefficient arrays, for the test that checks the written-out Horner forms against a loop. @internal */
export const AS241_COEFFICIENTS = { A: AS241_A, B: AS241_B, C: AS241_C, D: AS241_D, E: AS241_E, F: AS241_F } as const;

/**
 * Ratio of two degree-7 polynomials in r (coefficients lowest degree first), by Horner — written
 * out term by term (the same operations in the same order as a loop over the coefficients, so
 * the same bits, test/util/special-functions.test.ts): as a loop it took 1.45× as long (4.2 M
 * inverse normals, 77 against 53 ms; W1 draws three per path-month).
 */
function ratio7(a: readonly number[], b: readonly number[], r: number): number {
  const n = ((((((a[7]! * r + a[6]!) * r + a[5]!) * r + a[4]!) * r + a[3]!) * r + a[2]!) * r + a[1]!) * r + a[0]!;
  const d = ((((((b[7]! * r + b[6]!) * r + b[5]!) * r + b[4]!) * r + b[3]!) * r + b[2]!) * r + b[1]!) * r + b[0]!;
  return n / d;
}

/**
 * The standard normal quantile Φ⁻¹(p): the z with Φ(z) = p, by Wichura's AS 241 (PPND16),
 * relative accuracy ≈1e-16 over (0, 1); −∞ at 0 and +∞ at 1. Throws a RangeError outside [0, 1].
 *
 * @example
 * normalQuantile(0.975); // 1.9599639845400536 (exact: 1.95996398454005423…)
 * normalQuantile(1e-12); // -7.034483825301132
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: expected p in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * ratio7(AS241_A, AS241_B, 0.180625 - q * q);
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const z = r <= 5 ? ratio7(AS241_C, AS241_D, r - 1.6) : ratio7(AS241_E, AS241_F, r - 5);
  return q < 0 ? -z : z;
}

/**
 * The standard normal restricted to [α, β] (−∞ ≤ α < β ≤ ∞): its probability Z = Φ(β) − Φ(α), its
 * quantile Φ⁻¹(Φ(α) + p·Z), mean (φ(α) − φ(β))/Z and variance 1 + (αφ(α) − βφ(β))/Z − mean².
 * When α > 0 everything runs on upper tails Φ(−x), so no digits are lost far out in a tail.
 *
 * @example
 * const t = truncatedStandardNormal(0, Infinity); // half-normal
 * t.mass; // 0.5
 * t.mean; // 0.7978845608028654 (= √(2/π))
 * t.quantile(0.5); // 0.6744897501960817
 */
export function truncatedStandardNormal(alpha: number, beta: number) {
  const upper = alpha > 0;
  const start = upper ? normalCdf(-alpha) : normalCdf(alpha);
  const mass = upper ? start - normalCdf(-beta) : normalCdf(beta) - start;
  const pdfA = normalPdf(alpha);
  const pdfB = normalPdf(beta);
  const mean = (pdfA - pdfB) / mass;
  const tails = ((Number.isFinite(alpha) ? alpha * pdfA : 0) - (Number.isFinite(beta) ? beta * pdfB : 0)) / mass;
  return {
    mass,
    mean,
    variance: Math.max(0, 1 + tails - mean * mean),
    quantile: (p: number): number => {
      const z = upper ? -normalQuantile(start - p * mass) : normalQuantile(start + p * mass);
      return Math.min(beta, Math.max(alpha, z));
    },
  };
}

// Lanczos approximation, g = 7, n = 9 (relative error ≈1e-15 for x > 0).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.91893853320467274178;

/**
 * ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, 9 terms; relative error ≈1e-15):
 * ln Γ(x) = ½ln(2π) + (x − ½)ln(t) − t + ln A(x), t = x + 6.5, x ≥ ½; reflection below ½.
 *
 * @example
 * lnGamma(5); // 3.178053830347944 (ln 24 = 3.1780538303479458)
 */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
 *
 * @example
 * Math.exp(lnBeta(2, 3)); // 0.0833… (= 1/12)
 */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/**
 * ln B(a, b) for the last (a, b) asked: the beta functions below need it at every step of every
 * inversion, and parameter sampling inverts one shape for all paths of a block — so it is
 * computed once per shape instead of ≈ 10 times per path (a pure cache: the same bits).
 */
let cachedShape: [a: number, b: number, lnBeta: number] = [NaN, NaN, NaN];
function lnBetaOfShape(a: number, b: number): number {
  if (a !== cachedShape[0] || b !== cachedShape[1]) cachedShape = [a, b, lnBeta(a, b)];
  return cachedShape[2];
}

/** Continued fraction of I_x(a, b) by the modified Lentz method (Numerical Recipes `betacf`). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), i.e. the CDF of
 * Beta(a, b) at x, by its continued fraction (Numerical Recipes `betai`), using the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges faster.
 *
 * @example
 * regularizedBeta(0.5, 2, 2); // 0.5000000000000002
 * regularizedBeta(0.3, 1, 1); // 0.3
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - lnBetaOfShape(a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Starting point for the beta inversion (Numerical Recipes `invbetai`, after Abramowitz–Stegun 26.5.22). */
function betaQuantileGuess(p: number, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    return a / (a + b * Math.exp(2 * w));
  }
  const t = Math.exp(a * Math.log(a / (a + b))) / a;
  const u = Math.exp(b * Math.log(b / (a + b))) / b;
  const w = t + u;
  return p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
}

/** Solve I_x(a, b) = p for x by Halley steps kept inside a shrinking bisection bracket. */
function solveBeta(p: number, a: number, b: number): number {
  const logNorm = lnBetaOfShape(a, b);
  let lo = 0;
  let hi = 1;
  let x = betaQuantileGuess(p, a, b);
  if (!(x > 0 && x < 1)) x = 0.5;
  for (let iter = 0; iter < 300; iter++) {
    const f = regularizedBeta(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logNorm);
    let next = NaN;
    if (density > 0 && Number.isFinite(density)) {
      const u = f / density;
      const curvature = Math.max(-1, Math.min(1, u * ((a - 1) / x - (b - 1) / (1 - x))));
      next = x - u / (1 - 0.5 * curvature);
    }
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * x || hi - lo <= 1e-15 * hi) return next;
    x = next;
  }
  return x;
}

/**
 * The quantile of Beta(a, b): the x in [0, 1] with I_x(a, b) = p (relative accuracy ≈1e-13).
 * Solved on the side where the answer is small — for p > ½ it solves I_y(b, a) = 1 − p and
 * returns 1 − y — with Halley steps safeguarded by bisection, so it always converges.
 *
 * @example
 * betaQuantile(0.5, 2, 2); // 0.49999999999999994
 * betaQuantile(0.25, 1, 1); // 0.25
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`betaQuantile: expected p in [0, 1], got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  return p <= 0.5 ? solveBeta(p, a, b) : 1 - solveBeta(1 - p, b, a);
}
