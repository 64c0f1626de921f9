/**
 * DPRK reinforcements (F1, F2, F15, F16): scheduled waves arrive evenly over their window;
 * further waves come as a Poisson process per month and arrive as a first-order delay; all
 * deployments (K0 included) are capped by a deployable pool (assumption ≈150k; F15's 1.28M
 * is only the hard ceiling).
 */

/**
 * People of a scheduled wave arriving in the step [from, to) (days since start), when the
 * wave arrives evenly over [start, end) days.
 * @example
 * scheduledArrivals(27_500, 31, 184, 31, 61); // 5392.2… (30 of 153 days)
 */
export function scheduledArrivals(size: number, startDay: number, endDay: number, from: number, to: number): number {
  const overlap = Math.min(to, endDay) - Math.max(from, startDay);
  return overlap > 0 ? (size * overlap) / (endDay - startDay) : 0;
}

/**
 * Arrivals allowed by the pool: never more than pool − already deployed.
 * @example
 * capToPool(20_000, 140_000, 150_000); // 10000
 */
export function capToPool(arrivals: number, deployed: number, pool: number): number {
  const room = pool - deployed;
  return arrivals <= room ? arrivals : room > 0 ? room : 0;
}

/**
 * Number of further waves starting in a month, from a uniform u: the inverse CDF of a
 * Poisson distribution with mean rate/12.
 * @example
 * furtherWaveCount(0.5, 0.99); // 1
 */
export function furtherWaveCount(ratePerYear: number, u: number): number {
  const mean = ratePerYear / 12;
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < 50) {
    k += 1;
    p *= mean / k;
    cdf += p;
  }
  return k;
}
