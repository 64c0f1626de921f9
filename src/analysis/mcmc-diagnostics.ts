import { normalQuantile } from "../util/special-functions.js";

/**
 * Convergence diagnostics of MCMC chains, as Stan and R's posterior package define them (Vehtari,
 * Gelman, Simpson, Carpenter & Bürkner 2021, "Rank-normalization, folding, and localization: an
 * improved R̂ for assessing convergence of MCMC", Bayesian Analysis 16:667): each chain is split
 * in two halves; the draws are replaced by the normal scores of their ranks over all chains
 * (rank-normalisation, so heavy tails do not hide a problem); R̂ compares the between- and
 * within-half variances; bulk ESS uses the halves' autocorrelations summed by Geyer's initial
 * monotone sequence. Issue 14's fit stops when R̂ ≤ 1.05 and bulk ESS ≥ 200 for every parameter.
 */

/** Ranks 1…n of `values` (average ranks for ties), in their order. */
function ranks(values: readonly number[]): Float64Array {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Float64Array(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j += 1;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) out[order[k]![1]] = rank;
    i = j + 1;
  }
  return out;
}

/** The chains split in halves (an odd draw in the middle is dropped, as Stan does). */
function splitHalves(chains: readonly (readonly number[])[]): number[][] {
  const half = Math.floor(Math.min(...chains.map((c) => c.length)) / 2);
  return chains.flatMap((c) => [c.slice(0, half), c.slice(c.length - half)]);
}

/** Rank-normalised copies of the chains: z = Φ⁻¹((r − 3/8)/(S + 1/4)) over all draws (Blom's offset). */
function rankNormalised(chains: readonly (readonly number[])[]): number[][] {
  const all = chains.flat();
  const r = ranks(all);
  const s = all.length;
  let at = 0;
  return chains.map((c) => c.map(() => normalQuantile((r[at++]! - 0.375) / (s + 0.25))));
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** R̂ of equal-length chains (the classic formula; applied to split, rank-normalised chains by {@link rHat}). */
function basicRHat(chains: readonly (readonly number[])[]): number {
  const n = chains[0]!.length;
  const means = chains.map(mean);
  const grand = mean(means);
  const between = (n / (chains.length - 1)) * means.reduce((a, m) => a + (m - grand) ** 2, 0);
  const within = mean(chains.map((c, k) => c.reduce((a, x) => a + (x - means[k]!) ** 2, 0) / (n - 1)));
  if (!(within > 0)) return between > 0 ? Infinity : 1;
  return Math.sqrt(((n - 1) / n) * within + between / n) / Math.sqrt(within);
}

/**
 * Rank-normalised split R̂ (Vehtari et al. 2021): the larger of the bulk R̂ and the R̂ of the
 * folded draws |x − median| (the tails). ≈ 1 for chains that mix; above 1.01–1.05, not yet.
 * @throws {RangeError} for fewer than 2 chains or fewer than 4 draws a chain.
 * @example
 * rHat([[1, 2, 3, 4, 5, 6], [2, 3, 1, 5, 4, 6]]); // ≈ 1.70: each chain drifts (its halves differ), which split R̂ sees
 */
export function rHat(chains: readonly (readonly number[])[]): number {
  check(chains);
  const split = splitHalves(chains);
  const bulk = basicRHat(rankNormalised(split));
  const all = split.flat();
  const sorted = [...all].sort((a, b) => a - b);
  const median = (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
  const tail = basicRHat(rankNormalised(split.map((c) => c.map((x) => Math.abs(x - median)))));
  return Math.max(bulk, tail);
}

/**
 * Bulk effective sample size (Vehtari et al. 2021): of the split, rank-normalised chains, with
 * the autocorrelations combined across chains (Stan's formula) and summed in pairs until a pair's
 * sum turns negative (Geyer's initial positive sequence), made monotone; capped at S·log₁₀ S for S
 * draws, as Stan does. Tested against AR(1) chains of known ESS (test/analysis/mcmc-diagnostics.test.ts).
 * @throws {RangeError} for fewer than 2 chains or fewer than 4 draws a chain.
 * @example
 * bulkEss([[1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1]]); // small: each half-chain is a trend
 */
export function bulkEss(chains: readonly (readonly number[])[]): number {
  check(chains);
  return essOf(rankNormalised(splitHalves(chains)));
}

function essOf(chains: readonly (readonly number[])[]): number {
  const m = chains.length,
    n = chains[0]!.length;
  const means = chains.map(mean);
  const variances = chains.map((c, k) => c.reduce((a, x) => a + (x - means[k]!) ** 2, 0) / (n - 1));
  const within = mean(variances);
  const grand = mean(means);
  const between = (n / (m - 1)) * means.reduce((a, x) => a + (x - grand) ** 2, 0);
  const varPlus = ((n - 1) / n) * within + between / n;
  if (!(varPlus > 0)) return m * n;
  /** Autocovariance of chain k at lag t (biased, as Stan). */
  const autocovariance = (k: number, t: number) => {
    const c = chains[k]!,
      mu = means[k]!;
    let s = 0;
    for (let i = 0; i + t < n; i += 1) s += (c[i]! - mu) * (c[i + t]! - mu);
    return s / n;
  };
  const rho = (t: number) => {
    let s = 0;
    for (let k = 0; k < m; k += 1) s += autocovariance(k, t);
    return 1 - (within - s / m) / varPlus;
  };
  // Geyer: P_k = ρ(2k) + ρ(2k + 1), summed while positive, each no larger than the one before.
  let sum = 0,
    previous = Infinity;
  for (let k = 0; 2 * k + 1 < n; k += 1) {
    let pair = (k === 0 ? 1 : rho(2 * k)) + rho(2 * k + 1);
    if (!(pair > 0)) break;
    if (pair > previous) pair = previous;
    previous = pair;
    sum += pair;
  }
  const tau = -1 + 2 * sum;
  return (m * n) / Math.max(tau, 1 / Math.log10(m * n));
}

function check(chains: readonly (readonly number[])[]): void {
  if (chains.length < 2) throw new RangeError(`expected at least 2 chains, got ${chains.length}`);
  const shortest = Math.min(...chains.map((c) => c.length));
  if (shortest < 4) throw new RangeError(`expected at least 4 draws a chain, got ${shortest}`);
}
