import type { z } from "zod";
import { lazyObject, once, zod } from "../util/lazy.js";
import { LEAGUE_SERIES, LEAGUE_SERIES_INFO, seriesMonths, type LeagueData, type LeagueSeries } from "../analysis/league-data.js";
import type { LeagueResult } from "../analysis/league.js";
import { HUB_QUANTILE_LEVELS } from "../analysis/scoring-intervals.js";
import { LIBRARY } from "../util/version.js";

/**
 * The versioned result of a rolling-origin backtest, `attrition-sim/backtest@1`: what
 * `attrition-sim backtest --format json` prints and `npm run backtest` summarises in
 * docs/backtest.md. The type is inferred from this schema (one source of truth). Objects are
 * strict; no NaN, no Infinity — what cannot be computed is null, with a note. No timestamps:
 * the same data, settings and seed give the same bytes.
 */

/** Builds the schemas with zod (on the first call of {@link schemas}). */
function build() {
  const z = zod();
  const finite = z.number().describe("a finite number");
  const share = finite.min(0).max(1);
  const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "expected a month YYYY-MM" });
  const seriesName = z
    .enum(LEAGUE_SERIES as [LeagueSeries, ...LeagueSeries[]])
    .describe(
      "occupiedKm2 (ISW area, km²), claimedLosses (General Staff claims, cumulative), casualtiesEst (The Economist's estimate, cumulative)",
    );
  const role = z.enum(["candidate", "baseline"]).describe("candidate: scored against the best baseline; baseline: a naive yardstick");
  const notes = z.record(z.string(), z.union([finite, z.string()]));

  const backtestScoreSchema = z.strictObject({
    forecaster: z.string().min(1),
    series: seriesName,
    origin: month.describe("the last month the forecast used"),
    horizon: z.int().min(1).describe("months ahead"),
    target: month.describe("origin + horizon: the month-end value forecast"),
    observed: finite,
    wis: finite.nonnegative().describe("weighted interval score on the hub's 23 quantile levels (Bracher et al. 2021), from the samples"),
    dispersion: finite.nonnegative(),
    overprediction: finite.nonnegative(),
    underprediction: finite.nonnegative(),
    crps: finite.nonnegative().describe("CRPS of the samples"),
    in50: z.boolean(),
    in90: z.boolean(),
    pit: share.describe("randomised PIT value"),
    bias: finite.min(-1).max(1).describe("1 − 2F(y): positive when the forecast ran high"),
    p05: finite,
    p50: finite,
    p95: finite,
  });

  const backtestSummaryRowSchema = z.strictObject({
    forecaster: z.string().min(1),
    role,
    series: seriesName,
    horizon: z.int().min(1),
    n: z.int().min(1).describe("origins scored"),
    meanWis: finite.nonnegative(),
    dispersion: finite.nonnegative(),
    overprediction: finite.nonnegative(),
    underprediction: finite.nonnegative(),
    meanCrps: finite.nonnegative(),
    relativeWis: finite.nonnegative().nullable().describe("meanWis ÷ the best baseline's on the same origins; null without a baseline"),
    coverage50: share,
    coverage90: share,
    meanBias: finite.min(-1).max(1),
    pit: z.strictObject({
      edges: z.array(share).min(3),
      counts: z.array(z.int().min(0)).min(2),
      chiSquare: finite.nonnegative(),
      degreesOfFreedom: z.int().min(1),
      pValue: share.describe("Pearson chi-square test of a flat histogram (a guide: overlapping horizons are dependent)"),
    }),
  });

  const backtestComparisonSchema = z.strictObject({
    candidate: z.string().min(1),
    series: seriesName,
    horizon: z.int().min(1),
    n: z.int().min(1),
    bestBaseline: z.string().min(1).describe("the baseline with the lowest mean WIS on these origins"),
    candidateWis: finite.nonnegative(),
    baselineWis: finite.nonnegative(),
    relativeWis: finite.nonnegative().nullable().describe("candidateWis ÷ baselineWis (null when the baseline's is 0)"),
    wins: z.int().min(0).describe("origins where the candidate's WIS is lower"),
    test: z.strictObject({
      method: z
        .literal("diebold-mariano")
        .describe(
          "Diebold–Mariano on the WIS differences, Newey–West variance with lag h − 1, Harvey–Leybourne–Newbold correction, t(n − 1)",
        ),
      lag: z.int().min(0),
      meanDifference: finite.nullable().describe("mean of WIS(candidate) − WIS(best baseline): negative favours the candidate"),
      statistic: finite.nullable(),
      pValue: share.nullable().describe("two-sided; null when the data cannot decide (see note)"),
      note: z.string(),
    }),
  });

  /**
   * The schema of `attrition-sim/backtest@1`.
   * @example
   * backtestJsonSchema.parse(JSON.parse(await readFile("backtest.json", "utf8"))).comparisons[0]?.relativeWis;
   */
  const backtestJsonSchema = z.strictObject({
    schema: z.literal("attrition-sim/backtest@1"),
    library: z.strictObject({ name: z.string().min(1), version: z.string().min(1) }),
    settings: z.strictObject({
      origins: z.array(month).min(1),
      horizons: z.array(z.int().min(1)).min(1),
      series: z.array(seriesName).min(1),
      seed: z
        .int()
        .min(0)
        .max(2 ** 32 - 1)
        .describe("seed of the baselines' draws and the randomised PIT"),
      pitBins: z.int().min(2),
      quantileLevels: z.array(share).min(3).describe("levels the WIS is computed on"),
    }),
    data: z.array(
      z.strictObject({
        series: seriesName,
        label: z.string(),
        unit: z.string(),
        description: z.string(),
        source: z.string().min(1).describe("the file read: a shipped one (data/…) or the user's"),
        firstMonth: month,
        lastMonth: month,
      }),
    ),
    forecasters: z.array(
      z.strictObject({ name: z.string().min(1), role, description: z.string(), series: z.array(seriesName), settings: notes }),
    ),
    summary: z.array(backtestSummaryRowSchema),
    comparisons: z.array(backtestComparisonSchema),
    scores: z.array(backtestScoreSchema),
    diagnostics: z
      .array(z.strictObject({ forecaster: z.string().min(1), origin: month, values: notes }))
      .describe("per-origin notes, e.g. the model's calibration"),
  });
  return { backtestScoreSchema, backtestSummaryRowSchema, backtestComparisonSchema, backtestJsonSchema };
}

/** The real schemas, built with zod on the first call. */
export const schemas = once(build);
type Schemas = ReturnType<typeof build>;

// The public schemas: stand-ins that build the real ones (and load zod) on first use.
export const backtestScoreSchema: Schemas["backtestScoreSchema"] = lazyObject(() => schemas().backtestScoreSchema);
export const backtestSummaryRowSchema: Schemas["backtestSummaryRowSchema"] = lazyObject(() => schemas().backtestSummaryRowSchema);
export const backtestComparisonSchema: Schemas["backtestComparisonSchema"] = lazyObject(() => schemas().backtestComparisonSchema);
/**
 * The schema of `attrition-sim/backtest@1`.
 * @example
 * backtestJsonSchema.parse(JSON.parse(await readFile("backtest.json", "utf8"))).comparisons[0]?.relativeWis;
 */
export const backtestJsonSchema: Schemas["backtestJsonSchema"] = lazyObject(() => schemas().backtestJsonSchema);

export type BacktestJson = z.infer<Schemas["backtestJsonSchema"]>;
export type BacktestScoreJson = z.infer<Schemas["backtestScoreSchema"]>;
export type BacktestSummaryRowJson = z.infer<Schemas["backtestSummaryRowSchema"]>;
export type BacktestComparisonJson = z.infer<Schemas["backtestComparisonSchema"]>;

/**
 * The JSON Schema (draft 2020-12) of `attrition-sim/backtest@1`, from zod's `toJSONSchema`.
 * @example
 * backtestJsonSchemaDocument().properties.comparisons; // the candidates against the best baselines
 */
export function backtestJsonSchemaDocument(): Record<string, unknown> {
  return {
    ...(zod().toJSONSchema(schemas().backtestJsonSchema) as Record<string, unknown>),
    title: "attrition-sim backtest (attrition-sim/backtest@1)",
  };
}

/** The shipped file each series comes from. */
export const SHIPPED_SOURCES: Record<LeagueSeries, string> = {
  occupiedKm2: "data/occupied_area_isw_monthly.csv",
  claimedLosses: "data/russia_personnel_losses_monthly.csv",
  casualtiesEst: "data/economist_russian_losses_meta_estimate_daily.csv",
};

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * A league result as `attrition-sim/backtest@1`, with the data it was scored on (`sources`
 * names each series' file; default the shipped ones). Non-finite values become null.
 * @example
 * const json = backtestToJson(await runLeague(SHIPPED_LEAGUE_DATA, forecasters), SHIPPED_LEAGUE_DATA);
 */
export function backtestToJson(result: LeagueResult, data: LeagueData, sources: Partial<Record<LeagueSeries, string>> = {}): BacktestJson {
  return {
    schema: "attrition-sim/backtest@1",
    library: { name: LIBRARY.name, version: LIBRARY.version },
    settings: {
      origins: [...result.origins],
      horizons: [...result.horizons],
      series: [...result.series],
      seed: result.seed,
      pitBins: result.pitBins,
      quantileLevels: [...HUB_QUANTILE_LEVELS],
    },
    data: result.series.map((s) => {
      const months = seriesMonths(data, s);
      const { label, unit, description } = LEAGUE_SERIES_INFO[s];
      return {
        series: s,
        label,
        unit,
        description,
        source: sources[s] ?? SHIPPED_SOURCES[s],
        firstMonth: months[0]!,
        lastMonth: months.at(-1)!,
      };
    }),
    forecasters: result.forecasters.map((f) => ({ ...f, series: [...f.series], settings: { ...f.settings } })),
    summary: result.summary.map((r) => ({ ...r, pit: { ...r.pit, edges: [...r.pit.edges], counts: [...r.pit.counts] } })),
    comparisons: result.comparisons.map((c) => ({
      candidate: c.candidate,
      series: c.series,
      horizon: c.horizon,
      n: c.n,
      bestBaseline: c.bestBaseline,
      candidateWis: c.candidateWis,
      baselineWis: c.baselineWis,
      relativeWis: orNull(c.relativeWis),
      wins: c.wins,
      test: {
        method: "diebold-mariano",
        lag: c.test.lag,
        meanDifference: orNull(c.test.meanDifference),
        statistic: c.test.statistic,
        pValue: c.test.pValue,
        note: c.test.note,
      },
    })),
    scores: result.scores.map((s) => ({ ...s })),
    diagnostics: result.diagnostics.map((d) => ({ ...d, values: { ...d.values } })),
  };
}
