/**
 * Observation models (DESIGN §6): how each source sees the true state, as log-densities of an
 * observed value given a path's month. One law per source; each is optional in a fit, since a
 * user's directory may hold any subset of the files.
 *
 *   ISW area (monthly change, km²):   ΔA_obs ~ N(ΔA, σ_ISW²)
 *   DeepState (monthly change, km²):  ΔD_obs ~ N(ΔA, σ_DS²)    (its level runs 3–4k km² below
 *                                     ISW's — data/unshipped/README.md — an offset that cancels in a change)
 *   General Staff claims (people):    log C ~ N(log(ΔL · b(t)), s_C²),  log b(t) = log b(t−1) + σ_b · z
 *   The Economist (cumulative):       log E ~ N(log(ρ_E · L), s_E²),  s_E from its 95% interval
 *   A dated point estimate (cumulative, either side):  log P ~ N(log L_side, s_P² + s_range²)
 *
 * ΔA is the path's change of the occupied area in the month, ΔL its true Russian-side losses in
 * the month (Russian and DPRK), L their cumulative total since the war began, b(t) the claims'
 * bias (claimed ÷ true; a latent state that drifts, not a constant: F8 puts claims at ≈ 1.05 × a
 * 970k estimate by mid-2025) and ρ_E the Economist's count per modelled loss (it counts killed
 * and wounded; the model also counts captured and missing). Densities are of the observed value
 * itself (the lognormal's include the −log x Jacobian), so sources of different units add up.
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** z of a two-sided 95% interval. */
const Z_95 = 1.959963984540054;

/**
 * log N(x; mean, sd²): the normal log-density; −∞ when sd is not positive (a degenerate model).
 * @example
 * normalLogDensity(0, 0, 1); // ≈ −0.9189 (−½ ln 2π)
 * normalLogDensity(3, 1, 2); // ≈ −2.1121 (−½ ln 2π − ln 2 − ½)
 */
export function normalLogDensity(x: number, mean: number, sd: number): number {
  if (!(sd > 0)) return -Infinity;
  const z = (x - mean) / sd;
  return -LOG_SQRT_2PI - Math.log(sd) - 0.5 * z * z;
}

/**
 * log LN(x; μ, s²) = log N(ln x; μ, s²) − ln x: the lognormal log-density of a positive x with
 * log-mean μ; −∞ for x ≤ 0.
 * @example
 * lognormalLogDensity(1, 0, 1); // ≈ −0.9189
 * lognormalLogDensity(Math.E, 1, 0.5); // ≈ −0.9189 + ln 2 − 1 ≈ −1.2258
 */
export function lognormalLogDensity(x: number, logMean: number, logSd: number): number {
  if (!(x > 0)) return -Infinity;
  const logX = Math.log(x);
  return normalLogDensity(logX, logMean, logSd) - logX;
}

/**
 * Log-density of an observed monthly change of the occupied area (ISW or DeepState) given the
 * path's change: N(observed; modelled, sd²). km² in, a log-density per km² out.
 * @param sdKm2 the source's measurement sd of a monthly change (observation parameters)
 * @example
 * areaChangeLogLikelihood(450, 400, 50); // ≈ −5.3308 (−½ ln 2π − ln 50 − ½)
 */
export function areaChangeLogLikelihood(observedKm2: number, modelledKm2: number, sdKm2: number): number {
  return normalLogDensity(observedKm2, modelledKm2, sdKm2);
}

/**
 * Log-density of a month's General Staff claims given the path's true Russian-side losses in
 * the month and its log claims bias: log C ~ N(ln ΔL + ln b, s²). People in; −∞ when the path
 * lost nobody but claims were made.
 * @param logBias ln b(t), the path's current claims bias (latent; {@link claimsBiasStep})
 * @param logSd s, the month-to-month scatter of log claims around the biased truth
 * @example
 * claimsLogLikelihood(31_500, 30_000, Math.log(1.05), 0.05); // ≈ −8.2809 (on the biased truth: −½ ln 2π − ln 0.05 − ln 31,500)
 */
export function claimsLogLikelihood(observedClaims: number, trueLosses: number, logBias: number, logSd: number): number {
  if (!(trueLosses > 0)) return observedClaims === 0 ? 0 : -Infinity;
  return lognormalLogDensity(observedClaims, Math.log(trueLosses) + logBias, logSd);
}

/**
 * A draw of what the General Staff would claim for a month: ΔL · b · exp(s · z), the claims
 * model read forwards (0 when the path lost nobody).
 * @param z a standard normal draw
 * @example
 * claimsDraw(30_000, Math.log(1.05), 0.05, 0); // ≈ 31,500
 */
export function claimsDraw(trueLosses: number, logBias: number, logSd: number, z: number): number {
  return trueLosses > 0 ? Math.exp(Math.log(trueLosses) + logBias + logSd * z) : 0;
}

/**
 * A draw of the monthly change a map source would report: ΔA + sd · z.
 * @example
 * areaChangeDraw(400, 30, -1); // 370
 */
export function areaChangeDraw(trueChangeKm2: number, sdKm2: number, z: number): number {
  return trueChangeKm2 + sdKm2 * z;
}

/**
 * One month of the claims bias's random walk: ln b(t) = ln b(t−1) + σ_b · z (slow: σ_b is a few
 * percent a month).
 * @param z a standard normal draw
 * @example
 * claimsBiasStep(Math.log(1.05), 0.02, 1); // ≈ 0.0688 (ln 1.05 + 0.02)
 */
export function claimsBiasStep(logBias: number, driftSd: number, z: number): number {
  return logBias + driftSd * z;
}

/**
 * The log-sd of a lognormal whose central 95% interval is [low, high]: ln(high / low) / (2 · 1.96).
 * @example
 * logSdOfInterval95(Math.exp(-1.959963984540054), Math.exp(1.959963984540054)); // 1
 */
export function logSdOfInterval95(low: number, high: number): number {
  return Math.log(high / low) / (2 * Z_95);
}

/**
 * Log-density of the Economist's month-end cumulative casualty estimate given the path's
 * cumulative true Russian-side losses: ln E ~ N(ln(ρ_E · L), s_E²), s_E from the estimate's own
 * 95% prediction interval (the Economist's `casualties_pi_*`).
 * @param ratio ρ_E, casualties counted per modelled loss (an assumption, about 0.85–1.0)
 * @example
 * economistLogLikelihood(950_000, 800_000, 1_100_000, 1_000_000, 0.95); // ≈ −12.1728 (on ρ_E · L; s_E ≈ 0.0812)
 */
export function economistLogLikelihood(
  estimate: number,
  low95: number,
  high95: number,
  trueCumulativeLosses: number,
  ratio: number,
): number {
  if (!(trueCumulativeLosses > 0) || !(ratio > 0)) return -Infinity;
  return lognormalLogDensity(estimate, Math.log(ratio * trueCumulativeLosses), logSdOfInterval95(low95, high95));
}

/**
 * Log-density of a dated point estimate of one side's cumulative losses since the war began
 * (UK MoD, US officials, …) given the path's cumulative true losses of that side: ln P ~ N(ln L,
 * s²), a weak observation — the estimates of one month disagree by tens of per cent, so s is
 * wide (observation settings). People in.
 * @param logSd s: the settings' spread of independent estimates, widened by the estimate's own range ({@link pointEstimateLogSd})
 * @example
 * pointEstimateLogLikelihood(1_000_000, 1_000_000, 0.3); // ≈ −13.5305 (−½ ln 2π − ln 0.3 − ln 10⁶)
 */
export function pointEstimateLogLikelihood(estimate: number, trueLosses: number, logSd: number): number {
  if (!(trueLosses > 0)) return -Infinity;
  return lognormalLogDensity(estimate, Math.log(trueLosses), logSd);
}

/**
 * The log-sd of a point estimate: the settings' spread s_P of independent estimates, and, when
 * the source gives a range [low, high], that range read as a 95% interval, added in quadrature.
 * @example
 * pointEstimateLogSd(0.3); // 0.3
 * pointEstimateLogSd(0.3, 189_500, 223_000); // ≈ 0.3029 (the Pentagon leak's range adds little)
 */
export function pointEstimateLogSd(spreadLogSd: number, low?: number, high?: number): number {
  const range = low !== undefined && high !== undefined && high > low && low > 0 ? logSdOfInterval95(low, high) : 0;
  return Math.sqrt(spreadLogSd * spreadLogSd + range * range);
}
