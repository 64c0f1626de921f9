import { describeValue, OptionsError } from "../util/errors.js";
import { studentTTwoSided } from "./student-t.js";

/**
 * The Diebold–Mariano test of equal predictive accuracy for two forecasters scored on the same
 * targets in time order — here the league table's paired test of the model against the best
 * baseline (src/analysis/league.ts). h-month-ahead forecasts made at consecutive monthly origins
 * overlap by h − 1 months, so their score differences are autocorrelated (an optimal h-step
 * forecast's errors are MA(h − 1)); an ordinary paired t-test would treat them as independent
 * and find "wins" in noise. The variance of the mean difference is therefore a HAC
 * (heteroskedasticity and autocorrelation consistent) long-run variance with h − 1 lags.
 */

/** The result of {@link dieboldMariano}. */
export interface DieboldMarianoTest {
  /** Paired scores compared. */
  n: number;
  /** The forecast horizon h the lag follows. */
  horizon: number;
  /** Autocovariance lags in the long-run variance: h − 1. */
  lag: number;
  /** d̄, the mean of a − b: negative when `a` scores lower (better, for a negatively oriented score). */
  meanDifference: number;
  /** The HAC estimate of Var(d̄). */
  variance: number;
  /** The Harvey–Leybourne–Newbold factor √((n + 1 − 2h + h(h − 1)/n) / n) applied to the statistic. */
  correction: number;
  /** DM* = d̄ / √Var(d̄) × correction; null when it cannot be computed (see `note`). */
  statistic: number | null;
  /** Two-sided p-value from Student's t with n − 1 degrees of freedom; null with the statistic. */
  pValue: number | null;
  /** Why there is no statistic ("" when there is one). */
  note: string;
}

/**
 * The Diebold–Mariano test (Diebold & Mariano 1995, J. Bus. Econ. Stat. 13(3): 253–263) with
 * the small-sample modification of Harvey, Leybourne & Newbold (1997, Int. J. Forecast. 13(2):
 * 281–291), as R's `forecast::dm.test(…, h, varestimator = "bartlett")` computes it
 * (robjhyndman/forecast, R/DM2.R), on given losses instead of errors. With d_t = a_t − b_t,
 * t = 1 … n in time order, and h the horizon:
 *
 *   γ_k = (1/n) Σ_{t=k+1}^{n} (d_t − d̄)(d_{t−k} − d̄),   k = 0 … h − 1
 *   V̂(d̄) = (γ_0 + 2 Σ_{k=1}^{h−1} (1 − k/h) γ_k) / n            (Newey–West / Bartlett weights, lag h − 1)
 *   DM* = d̄ / √V̂(d̄) · √((n + 1 − 2h + h(h − 1)/n) / n),   p = P(|t_{n−1}| ≥ |DM*|)
 *
 * The Bartlett weights keep V̂ ≥ 0 (Newey & West 1987, Econometrica 55(3): 703–708), where the
 * unweighted sum of autocovariances can go negative. For h = 1 the test is the paired t-test.
 * The statistic is null when V̂ = 0 (every difference the same), when n < 2, when n < h (as
 * `dm.test` refuses: the lags cannot be estimated), or when the correction is not positive (h
 * too long for n origins: at n = h it is exactly 0) — then the data cannot tell the
 * forecasters apart, and `note` says so.
 * @throws {OptionsError} when the score arrays differ in length, hold a non-finite value, or the
 * horizon is not a whole number ≥ 1.
 * @example
 * dieboldMariano([1, 2, 6], [0, 0, 0], 1).pValue; // ≈ 0.19 (the paired t-test: t = 1.96 on 2 degrees of freedom)
 */
export function dieboldMariano(a: ArrayLike<number>, b: ArrayLike<number>, horizon: number): DieboldMarianoTest {
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new OptionsError({ path: "horizon", message: `expected a whole number of months ≥ 1, got ${describeValue(horizon)}` });
  if (a.length !== b.length) throw new OptionsError({ path: "b", message: `expected ${a.length} scores (as many as a), got ${b.length}` });
  const n = a.length;
  const d = new Float64Array(n);
  for (let t = 0; t < n; t += 1) {
    d[t] = a[t]! - b[t]!;
    if (!Number.isFinite(d[t]!))
      throw new OptionsError({
        path: Number.isFinite(a[t]!) ? `b.${t}` : `a.${t}`,
        message: `expected a finite score, got ${describeValue(Number.isFinite(a[t]!) ? b[t] : a[t])}`,
      });
  }
  const lag = horizon - 1;
  const base = { n, horizon, lag, meanDifference: NaN, variance: NaN, correction: NaN, statistic: null, pValue: null };
  if (n < 2) return { ...base, meanDifference: n === 1 ? d[0]! : NaN, note: `expected at least 2 paired scores, got ${n}` };
  let mean = 0;
  for (let t = 0; t < n; t += 1) mean += d[t]!;
  mean /= n;
  const autocovariance = (k: number) => {
    let sum = 0;
    for (let t = k; t < n; t += 1) sum += (d[t]! - mean) * (d[t - k]! - mean);
    return sum / n;
  };
  let longRun = autocovariance(0);
  for (let k = 1; k <= Math.min(lag, n - 1); k += 1) longRun += 2 * (1 - k / horizon) * autocovariance(k);
  const variance = longRun / n;
  const factor = (n + 1 - 2 * horizon + (horizon * (horizon - 1)) / n) / n;
  const correction = factor > 0 ? Math.sqrt(factor) : 0;
  const found = { ...base, meanDifference: mean, variance, correction };
  if (!(variance > 0)) return { ...found, note: "every score difference is the same: no variance to test against" };
  if (horizon > n)
    return { ...found, note: `too few origins for the horizon: lag h − 1 = ${lag} needs n ≥ h = ${horizon} paired scores, got ${n}` };
  if (!(factor > 0))
    return {
      ...found,
      note: `too few origins for the horizon: n + 1 − 2h + h(h − 1)/n = ${+(factor * n).toFixed(2)} ≤ 0 for n = ${n}, h = ${horizon}`,
    };
  const statistic = (mean / Math.sqrt(variance)) * correction;
  return { ...found, statistic, pValue: studentTTwoSided(statistic, n - 1), note: "" };
}
