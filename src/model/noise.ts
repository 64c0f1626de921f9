/**
 * Monthly noise (uncertainty layer 2; DESIGN §3): mean-one lognormal multipliers, drawn per
 * month so that they do not average away.
 *
 *   intensity:  log ε(0) = σ·z(0),   log ε(m) = φ · log ε(m−1) + √(1 − φ²) · σ · z(m)
 *               ε(m) = exp(log ε(m) − σ²/2)                           (AR(1): stationary sd σ, E[ε] = 1)
 *   territory:  log εA(m) = φA · log εA(m−1) + √(1 − φA²) · σA · zA(m),  εA(m) = exp(log εA(m) − σA²/2)
 *               (the same AR(1); φA = 0, the baseline's, gives independent months: territoryNoise)
 *
 * z are standard normal draws, one per path and month from their own streams. σ and φ are
 * `intensity.noiseSd` and `intensity.noiseAutocorrelation` (from the residuals of log monthly
 * claims in data/russia_personnel_losses_monthly.csv after trend and season: sd 0.167, lag-1
 * autocorrelation 0.60; docs/calibration-abc.md), σA `territory.offensiveNoiseSd` (from the log
 * monthly gains in data/occupied_area_isw_monthly.csv), φA `territory.offensiveNoiseAutocorrelation`
 * (a persistent pace: what a filter of the monthly area can track; an assumption at 0 in the
 * baseline). Dimensionless.
 */

/**
 * The log of the intensity multiplier this month, log ε(m): σ·z in the first month (the
 * stationary distribution), else φ · log ε(m−1) + √(1 − φ²) · σ · z.
 * @param previousLog log ε(m−1) (ignored in the first month)
 * @param autocorrelation φ in [0, 1)
 * @param sd σ, the stationary sd of log ε (0 with noise off)
 * @param z a standard normal draw
 * @example
 * logIntensityNoise(true, 0, 0.5, 0.2, 1); // 0.2
 * logIntensityNoise(false, 0.2, 0.6, 0.2, 1); // 0.28 (0.6 · 0.2 + 0.8 · 0.2)
 */
export function logIntensityNoise(firstMonth: boolean, previousLog: number, autocorrelation: number, sd: number, z: number): number {
  return firstMonth ? sd * z : autocorrelation * previousLog + Math.sqrt(1 - autocorrelation * autocorrelation) * sd * z;
}

/**
 * A mean-one lognormal multiplier from its log-state: exp(log − σ²/2), so that E[ε] = 1 when
 * log ~ N(0, σ²).
 * @example
 * meanOneMultiplier(0, 0); // 1
 * meanOneMultiplier(0.28, 0.2); // ≈ 1.2969 (e^(0.28 − 0.02))
 */
export function meanOneMultiplier(logValue: number, sd: number): number {
  return Math.exp(logValue - (sd * sd) / 2);
}

/**
 * The month's territory multiplier εA = exp(σA · z − σA²/2): mean one, independent each month.
 * @param sd σA, the sd of log εA (0 with noise off)
 * @param z a standard normal draw
 * @example
 * territoryNoise(0, 1.5); // 1
 * territoryNoise(0.5, 0); // ≈ 0.8825 (e^(−0.125))
 */
export function territoryNoise(sd: number, z: number): number {
  return Math.exp(sd * z - (sd * sd) / 2);
}

/**
 * The log of the territory multiplier this month, log εA(m): the AR(1) of {@link logIntensityNoise}
 * with σA and φA. With φA = 0 it is σA · z every month, and {@link meanOneMultiplier} of it is
 * exactly {@link territoryNoise} (test/model/noise.test.ts).
 * @example
 * logTerritoryNoise(false, 0.3, 0, 0.4, 1); // 0.4 (independent months)
 * logTerritoryNoise(false, 0.3, 0.6, 0.4, 1); // 0.5 (0.6 · 0.3 + 0.8 · 0.4)
 */
export const logTerritoryNoise: (firstMonth: boolean, previousLog: number, autocorrelation: number, sd: number, z: number) => number =
  logIntensityNoise;
