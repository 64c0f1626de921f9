/**
 * Seasonal intensity profile S(m), mean one over the year.
 *
 *   S(m) = 1 + A · cos(2π (m − peak) / 12),   m = 1 (January) … 12
 *
 * A smooth curve (two free values) rather than twelve free months, so 30 monthly data points
 * can fix it. F13 puts the peak in summer; the fit to claimed losses 2023–25 in
 * data/russia_personnel_losses_monthly.csv puts it in late December — the fit is the default.
 *
 * @param month calendar month, 1 = January
 * @param amplitude A in [0, 0.9]
 * @param peakMonth month of the peak (fractional allowed; 12.8 ≈ late December)
 * @example
 * seasonalFactor(1, 0.14, 12.8); // ≈ 1.139 (January, near the winter peak)
 */
export function seasonalFactor(month: number, amplitude: number, peakMonth: number): number {
  return 1 + amplitude * Math.cos((2 * Math.PI * (month - peakMonth)) / 12);
}
