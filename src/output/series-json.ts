import type { SeriesSummary } from "../analysis/projection-summary.js";
import { roundSignificant6, roundSignificant6OrNull } from "../util/format.js";
import type { SeriesSummaryJson } from "./result-schema.js";

/**
 * One series summary as written to the projection and comparison JSON: values to 6 significant
 * digits; a standard error that cannot be estimated (a single run) is null, never NaN.
 * @example
 * seriesSummaryToJson(projection.series("occupiedShare")).p50.at(-1);
 */
export function seriesSummaryToJson(s: SeriesSummary): SeriesSummaryJson {
  const r = (a: number[]) => a.map(roundSignificant6);
  const rs = (a: number[]) => a.map(roundSignificant6OrNull);
  return {
    unit: s.unit,
    mean: r(s.mean),
    p05: r(s.p05),
    p25: r(s.p25),
    p50: r(s.p50),
    p75: r(s.p75),
    p95: r(s.p95),
    se: { mean: rs(s.se.mean), p05: rs(s.se.p05), p25: rs(s.se.p25), p50: rs(s.se.p50), p75: rs(s.se.p75), p95: rs(s.se.p95) },
  };
}
