import type { Observations } from "./observations.js";
import type { MonthlyPaths } from "./predictive.js";

/**
 * Summary statistics of the monthly series that calibration compares, instead of every month:
 * in a regime-switching model a month-by-month distance mostly measures luck in the timing of
 * the switches and in 60 noise draws, and ABC's acceptance collapses before the parameters are
 * pinned down (docs/calibration-abc.md, "Method"). Most statistics below do not depend on when the
 * regime switched, only on what each regime looks like. With a_m the month's change of
 * occupied area (km²) and c_m = ln(claims_m · 30.4375 / days_m) the log claims per standard month:
 *
 * - area: the 10%, 50% and 90% quantiles of a (stalemate level, offensive pace);
 * - claims: mean and sd of c;
 * - coupling and season: the least-squares fit c ~ β0 + β1·a/100 + β2·cos θ + β3·sin θ, θ the
 *   month's angle 2π·month/12 (β0 the stalemate level of claims, β1 what an offensive adds,
 *   β2, β3 the season; from 8 months on, before that c ~ β0 + β1·a/100), its residual sd and
 *   the lag-1 autocorrelation of its residuals (the monthly noise and its persistence);
 * - persistence of regimes: the lag-1 autocorrelation of a;
 * - order: mean of the later half minus mean of the earlier half, for a and for c;
 * - state: mean of the last three months, for a and for c (where a forecast starts from).
 *
 * Months where either series is missing are left out. Distances scale each statistic by its
 * spread across the simulations (src/analysis/abc.ts), so no scale is set here.
 */

/** The statistics for one observation window and how to compute them for any series. */
export interface SummaryPlan {
  labels: string[];
  observed: Float64Array;
  /** Statistics of path i of `paths` into `out` (length = labels.length). */
  compute(paths: MonthlyPaths, i: number, out: Float64Array): void;
}

const DAYS_PER_MONTH = 30.4375;

function daysIn(month: string): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;

function sd(x: Float64Array): number {
  const m = mean(x);
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
}

/** Correlation of x[pairs[k][0]] with y[pairs[k][1]]; 0 when either is constant. */
function correlation(x: Float64Array, y: Float64Array, pairs: readonly (readonly [number, number])[]): number {
  let mx = 0,
    my = 0;
  for (const [i, j] of pairs) {
    mx += x[i]!;
    my += y[j]!;
  }
  mx /= pairs.length;
  my /= pairs.length;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (const [i, j] of pairs) {
    const dx = x[i]! - mx,
      dy = y[j]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Least-squares coefficients of y on the columns of X (n × p, row-major), by the normal equations. */
function leastSquares(X: Float64Array, y: Float64Array, p: number): Float64Array {
  const n = y.length;
  const A = new Float64Array(p * p),
    b = new Float64Array(p);
  for (let r = 0; r < n; r += 1) {
    for (let i = 0; i < p; i += 1) {
      b[i] = b[i]! + X[r * p + i]! * y[r]!;
      for (let j = 0; j < p; j += 1) A[i * p + j] = A[i * p + j]! + X[r * p + i]! * X[r * p + j]!;
    }
  }
  // Gaussian elimination with partial pivoting; a singular system gives zeros.
  for (let c = 0; c < p; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < p; r += 1) if (Math.abs(A[r * p + c]!) > Math.abs(A[pivot * p + c]!)) pivot = r;
    if (!(Math.abs(A[pivot * p + c]!) > 1e-12)) return new Float64Array(p);
    for (let j = 0; j < p; j += 1) {
      const t = A[c * p + j]!;
      A[c * p + j] = A[pivot * p + j]!;
      A[pivot * p + j] = t;
    }
    const t = b[c]!;
    b[c] = b[pivot]!;
    b[pivot] = t;
    for (let r = c + 1; r < p; r += 1) {
      const f = A[r * p + c]! / A[c * p + c]!;
      for (let j = c; j < p; j += 1) A[r * p + j] = A[r * p + j]! - f * A[c * p + j]!;
      b[r] = b[r]! - f * b[c]!;
    }
  }
  const x = new Float64Array(p);
  for (let r = p - 1; r >= 0; r -= 1) {
    let s = b[r]!;
    for (let j = r + 1; j < p; j += 1) s -= A[r * p + j]! * x[j]!;
    x[r] = s / A[r * p + r]!;
  }
  return x;
}

/**
 * The summary statistics for `observations` (see the module note).
 * @throws {Error} with fewer than 4 months where both series are observed.
 * @example
 * summaryPlan(obs).labels; // ["mean a", "mean c", "sd a", "sd c", "acf1 a", "acf1 c", "corr a,c", "season cos", "season sin", "order a", "order c", "recent a", "recent c"]
 */
export function summaryPlan(observations: Observations): SummaryPlan {
  const { months } = observations;
  const complete = months
    .map((_, m) => m)
    .filter((m) => observations.occupiedChangeKm2[m] !== null && observations.claimedLosses[m] !== null);
  const n = complete.length;
  if (n < 4) throw new Error(`summaryPlan: expected at least 4 months with both series observed, got ${n}`);
  const dayFactor = complete.map((m) => DAYS_PER_MONTH / daysIn(months[m]!));
  const angle = complete.map((m) => (2 * Math.PI * Number(months[m]!.slice(5, 7))) / 12);
  const lagPairs: [number, number][] = [];
  for (let k = 1; k < n; k += 1) if (complete[k] === complete[k - 1]! + 1) lagPairs.push([k - 1, k]);
  const half = Math.floor(n / 2);
  const recent = Math.min(3, n);
  const p = n >= 8 ? 4 : 2;
  const design = new Float64Array(n * p);
  const labels = ["a q10", "a q50", "a q90", "mean c", "sd c", "c~a β0", "c~a β1"];
  if (p === 4) labels.push("c~a season cos", "c~a season sin");
  labels.push("c~a resid sd");
  const acf = lagPairs.length >= 3;
  if (acf) labels.push("c~a resid acf1", "acf1 a");
  labels.push("order a", "order c", "recent a", "recent c");

  const a = new Float64Array(n),
    c = new Float64Array(n),
    sortedA = new Float64Array(n),
    resid = new Float64Array(n);
  const quantile = (q: number) => {
    const h = (n - 1) * q,
      lo = Math.floor(h);
    return sortedA[lo]! + (h - lo) * (sortedA[Math.min(n - 1, lo + 1)]! - sortedA[lo]!);
  };
  const statistics = (out: Float64Array) => {
    let k = 0;
    sortedA.set(a);
    sortedA.sort();
    out[k++] = quantile(0.1);
    out[k++] = quantile(0.5);
    out[k++] = quantile(0.9);
    out[k++] = mean(c);
    out[k++] = sd(c);
    for (let r = 0; r < n; r += 1) {
      design[r * p] = 1;
      design[r * p + 1] = a[r]! / 100;
      if (p === 4) {
        design[r * p + 2] = Math.cos(angle[r]!);
        design[r * p + 3] = Math.sin(angle[r]!);
      }
    }
    const beta = leastSquares(design, c, p);
    for (let j = 0; j < p; j += 1) out[k++] = beta[j]!;
    for (let r = 0; r < n; r += 1) {
      let fit = 0;
      for (let j = 0; j < p; j += 1) fit += design[r * p + j]! * beta[j]!;
      resid[r] = c[r]! - fit;
    }
    out[k++] = Math.sqrt(resid.reduce((s, v) => s + v * v, 0) / Math.max(1, n - p));
    if (acf) {
      out[k++] = correlation(resid, resid, lagPairs);
      out[k++] = correlation(a, a, lagPairs);
    }
    out[k++] = mean(a.subarray(n - half)) - mean(a.subarray(0, half));
    out[k++] = mean(c.subarray(n - half)) - mean(c.subarray(0, half));
    out[k++] = mean(a.subarray(n - recent));
    out[k++] = mean(c.subarray(n - recent));
  };

  complete.forEach((m, k) => {
    a[k] = observations.occupiedChangeKm2[m]!;
    c[k] = Math.log(observations.claimedLosses[m]! * dayFactor[k]!);
  });
  const observed = new Float64Array(labels.length);
  statistics(observed);
  return {
    labels,
    observed,
    compute(paths, i, out) {
      complete.forEach((m, k) => {
        const at = m * paths.runs + i;
        a[k] = paths.occupiedChangeKm2[at]!;
        c[k] = Math.log(Math.max(paths.claimedLosses[at]!, 1) * dayFactor[k]!);
      });
      statistics(out);
    },
  };
}

/**
 * Every path's statistics, row-major (runs × statistics).
 * @example
 * pathSummaries(summaryPlan(obs), monthlyPaths(projection.paths!));
 */
export function pathSummaries(plan: SummaryPlan, paths: MonthlyPaths): Float64Array {
  const k = plan.labels.length;
  const out = new Float64Array(paths.runs * k);
  for (let i = 0; i < paths.runs; i += 1) plan.compute(paths, i, out.subarray(i * k, (i + 1) * k));
  return out;
}
