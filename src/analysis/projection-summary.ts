import { QUANTILE_KEYS, type QuantileKey, type SampleSummary } from "./quantiles.js";

/** Per-month summary of one series. Arrays are indexed like `months`. */
export interface SeriesSummary {
  unit: string;
  mean: number[];
  p05: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
  /** Monte Carlo standard errors of the mean and of each quantile. */
  se: { mean: number[] } & Record<QuantileKey, number[]>;
}

/** A series summary from one sample summary per month (projections and comparisons alike). */
export function summarizeMonths(unit: string, months: number, month: (m: number) => SampleSummary): SeriesSummary {
  const out: SeriesSummary = {
    unit,
    mean: [],
    p05: [],
    p25: [],
    p50: [],
    p75: [],
    p95: [],
    se: { mean: [], p05: [], p25: [], p50: [], p75: [], p95: [] },
  };
  for (let m = 0; m < months; m += 1) {
    const s = month(m);
    out.mean.push(s.mean);
    out.se.mean.push(s.meanSe);
    for (const key of QUANTILE_KEYS) {
      out[key].push(s.quantiles[key]);
      out.se[key].push(s.quantileSe[key]);
    }
  }
  return out;
}
