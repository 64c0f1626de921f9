import { calibrate, type CalibrateOptions, type CalibrationDiagnostics } from "./calibrate.js";
import { addMonths, DEFAULT_CALIBRATED_PARAMETERS, hindcastScenario, observationsFromSeries, type MonthlySeries } from "./observations.js";
import { quantileSorted } from "./quantiles.js";
import { crpsSample } from "./scoring-crps.js";
import { inCentralInterval } from "./scoring-intervals.js";
import { straightLineForecast } from "./baselines.js";

// The straight line moved to the baselines; re-exported for src/index.ts (owned by the API work).

/**
 * Rolling-origin backtest (issue 7): for each origin month O, calibrate on the data from `from`
 * to O only, forecast O + h for each horizon h whose month has data, and score the forecasts of
 * the occupied area at the end of O + h (km²) and of the claimed Russian losses summed over
 * O+1 … O+h (people) by CRPS (src/analysis/scoring-crps.ts) and by 50% / 90% central-interval coverage.
 * The model's forecast is the continuation of each accepted ABC path past O (the joint
 * posterior of parameters and path, src/analysis/calibrate.ts). The straight lines see the
 * same data (from `from` to O): see {@link straightLineForecast}.
 *
 * The league table of issue 13 (src/analysis/league.ts `runLeague`) supersedes this for
 * docs/backtest.md: three series, horizons 1–12, seven baselines, WIS and a paired test.
 */

export type BacktestSeries = "occupiedKm2" | "claimedLosses";
const BACKTEST_SERIES: readonly BacktestSeries[] = ["occupiedKm2", "claimedLosses"];

export interface BacktestOptions {
  /** First month of every calibration window (default "2023-01"). */
  from?: string;
  /** Origins O (YYYY-MM): the last month each calibration sees. */
  origins: readonly string[];
  /** Months ahead (default [3, 6, 12]); only those whose month has data are scored. */
  horizons?: readonly number[];
  /** Parameters calibrated at each origin (default DEFAULT_CALIBRATED_PARAMETERS). */
  parameters?: readonly string[];
  /** ABC settings for each origin (particles, generations, seed, …). */
  calibration?: Omit<CalibrateOptions, "parameters" | "forecastMonths" | "predictiveRuns">;
  /** Months averaged by the straight lines (default [3, 12]). */
  straightLineMonths?: readonly number[];
  /** Called after each origin (for progress). */
  onOrigin?: (origin: string, done: number, total: number) => void;
}

/** One scored forecast. */
export interface ForecastScore {
  method: string;
  origin: string;
  horizon: number;
  series: BacktestSeries;
  observed: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  crps: number;
  in50: boolean;
  in90: boolean;
}

/** Scores averaged over origins for one (series, horizon, method). */
export interface BacktestSummaryRow {
  series: BacktestSeries;
  horizon: number;
  method: string;
  /** Origins scored. */
  n: number;
  /** Mean CRPS (in the series' unit). */
  crps: number;
  coverage50: number;
  coverage90: number;
}

export interface BacktestResult {
  methods: string[];
  scores: ForecastScore[];
  summary: BacktestSummaryRow[];
  /** The calibration diagnostics at each origin. */
  calibrations: {
    origin: string;
    months: number;
    acceptanceRate: number;
    ess: number;
    generations: number;
    stopped: CalibrationDiagnostics["stopped"];
  }[];
}

function score(
  method: string,
  origin: string,
  horizon: number,
  series: BacktestSeries,
  samples: Float64Array,
  observed: number,
): ForecastScore {
  const sorted = Float64Array.from(samples).sort();
  const q = (p: number) => quantileSorted(sorted, p);
  return {
    method,
    origin,
    horizon,
    series,
    observed,
    p05: q(0.05),
    p25: q(0.25),
    p50: q(0.5),
    p75: q(0.75),
    p95: q(0.95),
    crps: crpsSample(sorted, observed),
    in50: inCentralInterval(sorted, observed, 0.5),
    in90: inCentralInterval(sorted, observed, 0.9),
  };
}

/**
 * Run the rolling-origin backtest on monthly series (see the module note).
 * @example
 * runBacktest({ occupiedArea: occupiedAreaMonthly, claimedLosses: claimedLossesMonthly }, { origins: ["2024-06"], horizons: [3], calibration: { particles: 200 } });
 */
export function runBacktest(series: MonthlySeries, options: BacktestOptions): BacktestResult {
  const from = options.from ?? "2023-01";
  const horizons = [...(options.horizons ?? [3, 6, 12])].sort((a, b) => a - b);
  const lines = options.straightLineMonths ?? [3, 12];
  const methods = ["model", ...lines.map((k) => `straight line (${k} months)`)];
  const area = new Map(series.occupiedArea.map((r) => [r.month, r]));
  const claims = new Map(series.claimedLosses.map((r) => [r.month, r]));
  const lastMonth = [series.occupiedArea.at(-1)!.month, series.claimedLosses.at(-1)!.month].sort()[0]!;
  const scores: ForecastScore[] = [];
  const calibrations: BacktestResult["calibrations"] = [];
  options.origins.forEach((origin, index) => {
    const scored = horizons.filter((h) => addMonths(origin, h) <= lastMonth);
    if (scored.length === 0) return;
    const observations = observationsFromSeries(series, { from, to: origin });
    const fit = calibrate(hindcastScenario(observations), observations, {
      ...options.calibration,
      parameters: options.parameters ?? DEFAULT_CALIBRATED_PARAMETERS,
      forecastMonths: scored.at(-1)!,
      predictiveRuns: 0,
    });
    const g = fit.diagnostics;
    calibrations.push({
      origin,
      months: observations.months.length,
      acceptanceRate: g.acceptanceRate,
      ess: g.ess,
      generations: g.generations.length - 1,
      stopped: g.stopped,
    });
    const forecast = fit.forecast!;
    const draws = forecast.occupiedChangeKm2[0]!.length;
    const levelAtOrigin = area.get(origin)!.occupiedKm2;
    const windowMonths = observations.months;
    for (const h of scored) {
      const target = addMonths(origin, h);
      const observedArea = area.get(target)!.occupiedKm2;
      let observedClaims = 0;
      for (let k = 1; k <= h; k += 1) observedClaims += claims.get(addMonths(origin, k))!.monthlyIncrement;
      const modelArea = new Float64Array(draws).fill(levelAtOrigin);
      const modelClaims = new Float64Array(draws);
      for (let k = 0; k < h; k += 1) {
        for (let i = 0; i < draws; i += 1) {
          modelArea[i] = modelArea[i]! + forecast.occupiedChangeKm2[k]![i]!;
          modelClaims[i] = modelClaims[i]! + forecast.claimedLosses[k]![i]!;
        }
      }
      scores.push(score("model", origin, h, "occupiedKm2", modelArea, observedArea));
      scores.push(score("model", origin, h, "claimedLosses", modelClaims, observedClaims));
      lines.forEach((k, j) => {
        const recent = windowMonths.slice(-k);
        const areaLine = straightLineForecast(
          recent.map((m) => area.get(m)!.monthlyChangeKm2),
          h,
        ).map((v) => v + levelAtOrigin);
        const claimsLine = straightLineForecast(
          recent.map((m) => claims.get(m)!.monthlyIncrement),
          h,
        );
        scores.push(score(methods[j + 1]!, origin, h, "occupiedKm2", areaLine, observedArea));
        scores.push(score(methods[j + 1]!, origin, h, "claimedLosses", claimsLine, observedClaims));
      });
    }
    options.onOrigin?.(origin, index + 1, options.origins.length);
  });
  const summary: BacktestSummaryRow[] = [];
  for (const s of BACKTEST_SERIES) {
    for (const h of horizons) {
      for (const method of methods) {
        const rows = scores.filter((r) => r.series === s && r.horizon === h && r.method === method);
        if (rows.length === 0) continue;
        const share = (f: (r: ForecastScore) => boolean) => rows.filter(f).length / rows.length;
        summary.push({
          series: s,
          horizon: h,
          method,
          n: rows.length,
          crps: rows.reduce((t, r) => t + r.crps, 0) / rows.length,
          coverage50: share((r) => r.in50),
          coverage90: share((r) => r.in90),
        });
      }
    }
  }
  return { methods, scores, summary, calibrations };
}
