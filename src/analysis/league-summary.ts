import { dieboldMariano, type DieboldMarianoTest } from "./diebold-mariano.js";
import type { LeagueSeries } from "./league-data.js";
import type { Forecaster } from "./league-forecasters.js";
import { chiSquareUniformity, pitHistogram } from "./scoring-pit.js";

/**
 * The league table's rows (src/analysis/league.ts): per forecaster × series × horizon the mean
 * scores, coverage and PIT histogram; per candidate × series × horizon its relative WIS against
 * the best baseline and the Diebold–Mariano test of the difference.
 */

/** One scored forecast. */
export interface LeagueScore {
  forecaster: string;
  series: LeagueSeries;
  origin: string;
  horizon: number;
  /** origin + horizon (YYYY-MM). */
  target: string;
  observed: number;
  wis: number;
  dispersion: number;
  overprediction: number;
  underprediction: number;
  crps: number;
  in50: boolean;
  in90: boolean;
  /** Randomised PIT value in [0, 1]. */
  pit: number;
  /** 1 − 2F(y) in [−1, 1]: positive when the forecast was too high. */
  bias: number;
  p05: number;
  p50: number;
  p95: number;
}

/** One forecaster's scores on one series at one horizon, averaged over the origins. */
export interface LeagueSummaryRow {
  forecaster: string;
  role: "candidate" | "baseline";
  series: LeagueSeries;
  horizon: number;
  /** Origins scored. */
  n: number;
  meanWis: number;
  /** The WIS's parts, averaged: they add up to meanWis. */
  dispersion: number;
  overprediction: number;
  underprediction: number;
  meanCrps: number;
  /** meanWis ÷ the best baseline's mean WIS on the same origins (null without a baseline). */
  relativeWis: number | null;
  coverage50: number;
  coverage90: number;
  /** Mean of 1 − 2F(y): positive when the forecasts ran high. */
  meanBias: number;
  pit: { edges: number[]; counts: number[]; chiSquare: number; degreesOfFreedom: number; pValue: number };
}

/** A candidate against the best baseline on one series at one horizon. */
export interface LeagueComparison {
  candidate: string;
  series: LeagueSeries;
  horizon: number;
  /** Origins both scored. */
  n: number;
  /** The baseline with the lowest mean WIS on these origins. */
  bestBaseline: string;
  candidateWis: number;
  baselineWis: number;
  /** candidateWis ÷ baselineWis: below 1, the candidate is better. */
  relativeWis: number;
  /** Origins where the candidate's WIS is lower. */
  wins: number;
  /** Diebold–Mariano on WIS(candidate) − WIS(best baseline) in origin order, lag h − 1. */
  test: DieboldMarianoTest;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Mean WIS of `rows` restricted to `origins`. */
function meanWisOn(rows: readonly LeagueScore[], origins: ReadonlySet<string>): number {
  return mean(rows.filter((r) => origins.has(r.origin)).map((r) => r.wis));
}

/**
 * Summary rows and comparisons from the scored forecasts. "Best baseline" is the baseline with
 * the lowest mean WIS for that series × horizon over the candidate's origins (issue 13); ties
 * go to the one listed first. The test pairs the two forecasters' WIS origin by origin.
 * @example
 * summarizeLeague(league.scores, forecasters, { series: ["occupiedKm2"], horizons: [3], pitBins: 5 }).comparisons[0]?.test.pValue;
 */
export function summarizeLeague(
  scores: readonly LeagueScore[],
  forecasters: readonly Forecaster[],
  options: { series: readonly LeagueSeries[]; horizons: readonly number[]; pitBins: number },
): { summary: LeagueSummaryRow[]; comparisons: LeagueComparison[] } {
  const summary: LeagueSummaryRow[] = [];
  const comparisons: LeagueComparison[] = [];
  for (const s of options.series) {
    for (const h of options.horizons) {
      const cell = scores.filter((r) => r.series === s && r.horizon === h);
      const of = (name: string) => cell.filter((r) => r.forecaster === name).sort((a, b) => (a.origin < b.origin ? -1 : 1));
      const baselines = forecasters.filter((f) => f.role === "baseline" && of(f.name).length > 0);
      const best = (origins: ReadonlySet<string>) => {
        let found: { name: string; wis: number } | null = null;
        for (const b of baselines) {
          const rows = of(b.name).filter((r) => origins.has(r.origin));
          if (rows.length !== origins.size) continue; // it must have forecast every one of them
          const wis = meanWisOn(rows, origins);
          if (found === null || wis < found.wis) found = { name: b.name, wis };
        }
        return found;
      };
      for (const f of forecasters) {
        const rows = of(f.name);
        if (rows.length === 0) continue;
        const origins = new Set(rows.map((r) => r.origin));
        const top = best(origins);
        const share = (flag: (r: LeagueScore) => boolean) => rows.filter(flag).length / rows.length;
        const histogram = pitHistogram(
          rows.map((r) => r.pit),
          options.pitBins,
        );
        const chi = chiSquareUniformity(histogram.counts);
        const meanWis = mean(rows.map((r) => r.wis));
        summary.push({
          forecaster: f.name,
          role: f.role,
          series: s,
          horizon: h,
          n: rows.length,
          meanWis,
          dispersion: mean(rows.map((r) => r.dispersion)),
          overprediction: mean(rows.map((r) => r.overprediction)),
          underprediction: mean(rows.map((r) => r.underprediction)),
          meanCrps: mean(rows.map((r) => r.crps)),
          relativeWis: top && top.wis > 0 ? meanWis / top.wis : null,
          coverage50: share((r) => r.in50),
          coverage90: share((r) => r.in90),
          meanBias: mean(rows.map((r) => r.bias)),
          pit: {
            edges: [...histogram.edges],
            counts: [...histogram.counts],
            chiSquare: chi.statistic,
            degreesOfFreedom: chi.degreesOfFreedom,
            pValue: chi.pValue,
          },
        });
        if (f.role !== "candidate" || top === null) continue;
        const baseline = of(top.name).filter((r) => origins.has(r.origin));
        const test = dieboldMariano(
          rows.map((r) => r.wis),
          baseline.map((r) => r.wis),
          h,
        );
        comparisons.push({
          candidate: f.name,
          series: s,
          horizon: h,
          n: rows.length,
          bestBaseline: top.name,
          candidateWis: meanWis,
          baselineWis: top.wis,
          relativeWis: top.wis > 0 ? meanWis / top.wis : Infinity,
          wins: rows.filter((r, k) => r.wis < baseline[k]!.wis).length,
          test,
        });
      }
    }
  }
  return { summary, comparisons };
}
