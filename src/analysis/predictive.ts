import type { RunStore } from "../engine/store.js";
import type { Observations } from "./observations.js";
import { quantileSorted } from "./quantiles.js";

/**
 * Monthly quantities a run produces that the observations measure, per path, from its kept
 * paths: the change of the occupied area in each month, and the Russian-side losses of the
 * month as the General Staff would claim them — (ΔLR + ΔLK) × the path's `attrition.claimsBias`
 * (the observation model: claims = true losses × an uncertain bias).
 */
export interface MonthlyPaths {
  runs: number;
  months: number;
  /** [month · runs + path], km². */
  occupiedChangeKm2: Float64Array;
  /** [month · runs + path], people. */
  claimedLosses: Float64Array;
}

/**
 * Monthly changes and claimed losses of every path of a store kept with `keepPaths`.
 * @example
 * monthlyPaths(simulateSync(s, { runs: 100, keepPaths: true }).paths!);
 */
export function monthlyPaths(store: RunStore): MonthlyPaths {
  const { runs, months, series, initial } = store;
  const bias = store.parameters?.["attrition.claimsBias"];
  if (!bias) throw new Error("monthlyPaths: expected a store kept with keepPaths (per-path parameters)");
  const occupiedChangeKm2 = new Float64Array(runs * months);
  const claimedLosses = new Float64Array(runs * months);
  for (let i = 0; i < runs; i += 1) {
    let prevArea = initial.occupiedKm2[i]!;
    let prevLoss = 0;
    for (let m = 0; m < months; m += 1) {
      const at = m * runs + i;
      const area = series.occupiedKm2[at]!;
      const loss = series.russiaLosses[at]! + series.dprkLosses[at]!;
      occupiedChangeKm2[at] = area - prevArea;
      claimedLosses[at] = (loss - prevLoss) * bias[i]!;
      prevArea = area;
      prevLoss = loss;
    }
  }
  return { runs, months, occupiedChangeKm2, claimedLosses };
}

/** Per-month quantile band of one observed quantity, with the observations and how many fall inside. */
export interface PredictiveBand {
  observed: (number | null)[];
  p05: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
  /** Share of observed months inside the central 50% band (p25…p75). */
  coverage50: number;
  /** Share of observed months inside the central 90% band (p05…p95). */
  coverage90: number;
}

/** Posterior (or prior) predictive bands of the observed monthly quantities. */
export interface PredictiveCheck {
  months: string[];
  runs: number;
  occupiedChangeKm2: PredictiveBand;
  claimedLosses: PredictiveBand;
}

/**
 * The 5/25/50/75/95% band of `values` ([month · runs + path]) per month, and the shares of the
 * observed months inside the 50% and 90% bands (null: a month without an observation).
 * @example
 * predictiveBand(Float64Array.of(1, 2, 3), 3, [2]).coverage50; // 1
 */
export function predictiveBand(values: Float64Array, runs: number, observed: (number | null)[]): PredictiveBand {
  const out: PredictiveBand = { observed, p05: [], p25: [], p50: [], p75: [], p95: [], coverage50: 0, coverage90: 0 };
  const scratch = new Float64Array(runs);
  let n = 0,
    in50 = 0,
    in90 = 0;
  observed.forEach((y, m) => {
    scratch.set(values.subarray(m * runs, (m + 1) * runs));
    scratch.sort();
    const [p05, p25, p50, p75, p95] = [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => quantileSorted(scratch, p)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    out.p05.push(p05);
    out.p25.push(p25);
    out.p50.push(p50);
    out.p75.push(p75);
    out.p95.push(p95);
    if (y === null) return;
    n += 1;
    if (y >= p25 && y <= p75) in50 += 1;
    if (y >= p05 && y <= p95) in90 += 1;
  });
  out.coverage50 = n ? in50 / n : NaN;
  out.coverage90 = n ? in90 / n : NaN;
  return out;
}

/** A run with its paths kept: a Projection run with `keepPaths`, or the engine's store and month ends. */
export interface KeptPaths {
  readonly paths?: RunStore | undefined;
  readonly months: readonly string[];
}

/**
 * Predictive bands of a projection run over the observed months (same start, `keepPaths`),
 * against the observations.
 * @example
 * const p = simulateSync(calibration.scenario, { runs: 2000, horizonMonths: obs.months.length, step: "month", keepPaths: true });
 * predictiveCheck(p, obs).claimedLosses.coverage90; // share of months inside the 90% band
 */
export function predictiveCheck(projection: KeptPaths, observations: Observations): PredictiveCheck {
  const store = projection.paths;
  if (!store) throw new Error("predictiveCheck: expected a projection run with keepPaths: true");
  const n = observations.months.length;
  if (store.months < n) throw new Error(`predictiveCheck: expected a projection of at least ${n} months, got ${store.months}`);
  const first = projection.months[0]!.slice(0, 7);
  if (first !== observations.months[0])
    throw new Error(`predictiveCheck: expected the projection to start in ${observations.months[0]}, got ${first}`);
  const paths = monthlyPaths(store);
  return {
    months: observations.months,
    runs: store.runs,
    occupiedChangeKm2: predictiveBand(paths.occupiedChangeKm2, store.runs, observations.occupiedChangeKm2),
    claimedLosses: predictiveBand(paths.claimedLosses, store.runs, observations.claimedLosses),
  };
}
