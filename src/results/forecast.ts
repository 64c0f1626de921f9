import { shippedObservations, type ObservationSet, type ObservationSource } from "../data/observation-set.js";
import { daysInMonth } from "../data/month-end.js";
import type { FilteredPaths } from "../analysis/filter-forecast.js";
import { inThreadDrawFilter, type DrawFilter, type DrawRequest } from "../analysis/forecast-draw.js";
import { filterScenario } from "../analysis/filter-priors.js";
import { refitIssues, refitPosterior, type RefitLikelihoods, type RefitSettings } from "../analysis/forecast-refit.js";
import { forecastWindow, type WeighedSource } from "../analysis/forecast-window.js";
import { withParametersFixed } from "../analysis/fixed-parameters.js";
import { addMonths } from "../analysis/observations.js";
import { summarizeSample } from "../analysis/quantiles.js";
import { summarizeMonths, type SeriesSummary } from "../analysis/projection-summary.js";
import { buildCalendar } from "../engine/calendar.js";
import { DEFAULT_THRESHOLDS } from "../engine/options.js";
import { abortError, type RunMeta } from "../engine/run.js";
import { EXACT_RUNS, RunSummary } from "../engine/store.js";
import { shippedPosterior } from "../engine/posterior.js";
import { parseScenario } from "../scenario/parse.js";
import { canonicalJson, sha256 } from "../util/sha256.js";
import { createStream } from "../engine/rng.js";
import { describeValue, OptionsError, type InputIssue } from "../util/errors.js";
import { Projection } from "./projection.js";
import { seriesSummaryToJson } from "../output/series-json.js";
import { toTidyCsv } from "../output/csv.js";
import type { ProjectionJson, SeriesSummaryJson } from "../output/result-schema.js";
import { roundSignificant6 } from "../util/format.js";
import { SERIES_DISPLAY, type FanChartData, type ObservedHistory, type SeriesDisplay } from "../output/fan-chart-data.js";
import { renderFanChart, type SvgOptions } from "../output/fan-chart-svg.js";

/**
 * `forecast`: projections that start from the latest data (issue 14; DESIGN §6). The particle
 * filter (its guided proposal: analysis/guided-proposal.ts) runs the state-space model (analysis/war-particles.ts: the engine's own laws,
 * the sources' observation models) over every observed month of the window, so each particle at
 * the last observed month is a draw of the filtered state — regime, noise, pace, forces, the
 * claims bias — and every particle is then carried on by the same loop. The result is a
 * {@link Projection} of the months after the origin (the same queries and renderers), plus what
 * each source would report ({@link Forecast.reported}).
 *
 * Static parameters: by default, draws of the shipped posterior (scenario/shipped-posterior.ts,
 * generated from data/posterior-2025-06.json by `npm run fit`: tempered SMC on the shipped
 * 2023-01 … 2025-06 ISW area and claims; docs/fit.md, docs/calibration.md). The particles are
 * split between `runs / 100` draws (at most the posterior's 1,000), evenly spaced in the file;
 * each draw is filtered with its share and carried on, and the forecast pools them, so its bands
 * hold the parameters' uncertainty as well as the state's (the league table's "SMC posterior"
 * candidate does this at every origin: docs/league-smc.md). `refit` instead re-infers the
 * posterior on the forecast's own window and sources — tempered SMC from the prior, the sampler
 * of `npm run fit` with the league candidate's first-origin settings (analysis/forecast-refit.ts)
 * — and pools its draws the same way; `parameters` gives one θ outright.
 */

/** Options of {@link forecast}. */
export interface ForecastOptions {
  /** Month-end observations (default: the shipped series, `shippedObservations()` of attrition-sim/data). */
  observations?: ObservationSet;
  /** Last month used, YYYY-MM (default: the last month any source observed); rows after it are ignored. */
  through?: string;
  /** First month filtered, YYYY-MM (default 2023-01, or the month after ISW's first). */
  from?: string;
  /**
   * Re-infer the parameters' posterior on this window and its sources (tempered SMC from the
   * prior: minutes — 155 s at the defaults on the shipped data on two worker threads with
   * attrition-sim/node's `forecastParallel`, docs/forecast.md) instead of using the shipped posterior's draws; an object sets the
   * sampler's sizes (analysis/forecast-refit.ts).
   */
  refit?: boolean | RefitSettings;
  /**
   * Where the refit's filter runs are computed (default: this thread, one after another, giving
   * the event loop a turn between them). attrition-sim/node's `forecastParallel` passes its
   * worker threads; any other must return what `warLogLikelihood` would.
   */
  likelihoods?: RefitLikelihoods;
  /**
   * Where each θ draw's particles are filtered and carried on (default: this thread, one draw
   * after another). attrition-sim/node's `forecastParallel` passes its worker threads; any other
   * must return what `filterDraw` (analysis/forecast-draw.ts) would.
   */
  drawFilter?: DrawFilter;
  /**
   * θ given outright, by parameter path (the rest at their prior medians; `{}` is every parameter
   * at its prior median, an estimate that has seen no data) instead of the shipped posterior's draws.
   */
  parameters?: Readonly<Record<string, number>>;
  /** Particles, carried on as the forecast's runs (default 4,000; at most 20,480). */
  runs?: number;
  seed?: number;
  /** Months forecast after `through` (default 12, at most 120). */
  horizonMonths?: number;
  /** Extra occupied-share thresholds for the time-to-threshold summaries. */
  thresholds?: number[];
  /** Called with the share of the work done (0…1). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** The series a source would report, as levels at each month end (what the league table scores). */
export type ReportedSeries = "occupiedKm2" | "claimedLosses" | "casualtiesEst";
/** The {@link ReportedSeries} in a fixed order. @internal */
export const REPORTED_SERIES: readonly ReportedSeries[] = ["occupiedKm2", "claimedLosses", "casualtiesEst"];

const REPORTED: Record<ReportedSeries, { source: ObservationSource; unit: string; label: string }> = {
  occupiedKm2: { source: "isw", unit: "km^2 (ISW, as reported)", label: "Occupied area as ISW would report it" },
  claimedLosses: {
    source: "claims",
    unit: "people (General Staff claims since 2022-02-24)",
    label: "Russian losses as the General Staff would claim them (since 2022-02-24)",
  },
  casualtiesEst: {
    source: "economist",
    unit: "people (the Economist's casualties since 2022-02-24)",
    label: "Russian casualties as the Economist would estimate them (since 2022-02-24)",
  },
};

/** The last day of month YYYY-MM, YYYY-MM-DD. */
const monthEndDate = (month: string): string => `${month}-${String(daysInMonth(month)).padStart(2, "0")}`;

/** How the forecast's static parameters were set. */
export interface ForecastParameters {
  /**
   * "shipped": draws of the shipped posterior (scenario/shipped-posterior.ts, `npm run fit`);
   * "refit": draws of the posterior re-inferred on this forecast's window; "given": the `parameters` option.
   */
  method: "shipped" | "refit" | "given";
  /** The parameters' values — for "shipped" and "refit", the medians of the draws used (the others at their prior medians). */
  values: Record<string, number>;
  /** θ draws pooled: each filtered with its share of the particles (1 for "given"). */
  draws: number;
  note: string;
}

/** Particles filtered per posterior draw: a draw's filtered state needs about this many (sd(log L̂) ≈ 1.2 over 30 months at 100: docs/fit.md). */
const PARTICLES_PER_DRAW = 100;

/** Posterior draws a forecast of `runs` particles pools: one per {@link PARTICLES_PER_DRAW}, at most the population's size. */
const drawCount = (runs: number, population: number): number => Math.min(population, Math.max(1, Math.floor(runs / PARTICLES_PER_DRAW)));

/** Indices of `count` rows evenly spaced in `length` (a population in ancestral order: neighbours share ancestors). */
const evenlySpaced = (count: number, length: number): number[] =>
  Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * length) / count));

/** "40" or "40–41": the particles each of `count` draws is filtered with. */
const particlesPerDraw = (runs: number, count: number): string =>
  `${Math.floor(runs / count)}${runs % count ? "–" + Math.ceil(runs / count) : ""}`;

/** Each parameter's median over the draws (the lower middle of an even count). */
const drawMedians = (thetas: readonly Record<string, number>[]): Record<string, number> =>
  Object.fromEntries(
    Object.keys(thetas[0]!).map((path) => {
      const sorted = thetas.map((t) => t[path]!).sort((a, b) => a - b);
      return [path, sorted[sorted.length >> 1]!];
    }),
  );

/** The share of a refit forecast's progress the refit takes (the filtering and projection the rest). */
const REFIT_SHARE = 0.95;

/** The filter's diagnostics over the window. */
export interface ForecastFilter {
  months: number;
  particles: number;
  logLikelihood: number;
  /** Effective sample size of the weights, each weighed month. */
  ess: number[];
}

/** The JSON form of a forecast (docs/result-schema.md): its window, sources, filter, the reported series, and the projection. */
export interface ForecastJson {
  schema: "attrition-sim/forecast@1";
  from: string;
  through: string;
  sources: WeighedSource[];
  notes: string[];
  parameters: ForecastParameters;
  filter: { months: number; particles: number; logLikelihood: number; minEss: number; medianEss: number };
  /** What each weighed source would report at the forecast's month ends. */
  reported: Partial<Record<ReportedSeries, SeriesSummaryJson>>;
  projection: ProjectionJson;
}

const OPTION_KEYS = [
  "observations",
  "through",
  "from",
  "refit",
  "likelihoods",
  "drawFilter",
  "parameters",
  "runs",
  "seed",
  "horizonMonths",
  "thresholds",
  "onProgress",
  "signal",
];

function checkInteger(issues: InputIssue[], path: string, value: unknown, min: number, max: number): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max))
    issues.push({ path, message: `expected an integer from ${min} to ${max}, got ${describeValue(value)}` });
}

function checkOptions(o: ForecastOptions): void {
  if (typeof o !== "object" || o === null)
    throw new OptionsError({ path: "", message: `expected an options object, got ${describeValue(o)}` });
  const issues: InputIssue[] = [];
  for (const key of Object.keys(o))
    if (!OPTION_KEYS.includes(key)) issues.push({ path: key, message: `unknown option (options: ${OPTION_KEYS.join(", ")})` });
  checkInteger(issues, "runs", o.runs, 100, EXACT_RUNS);
  checkInteger(issues, "seed", o.seed, 0, 2 ** 32 - 1);
  checkInteger(issues, "horizonMonths", o.horizonMonths, 1, 120);
  issues.push(...refitIssues(o.refit));
  for (const key of ["likelihoods", "drawFilter"] as const)
    if (o[key] !== undefined && typeof o[key] !== "function")
      issues.push({ path: key, message: `expected a function, got ${describeValue(o[key])}` });
  if (o.parameters !== undefined) {
    if (typeof o.parameters !== "object" || o.parameters === null || Array.isArray(o.parameters))
      issues.push({ path: "parameters", message: `expected an object of parameter values by path, got ${describeValue(o.parameters)}` });
    else if (o.refit) issues.push({ path: "parameters", message: "expected either parameters or refit, not both" });
  }
  if (o.observations !== undefined && (typeof o.observations !== "object" || o.observations === null || !("files" in o.observations)))
    issues.push({
      path: "observations",
      message: `expected an ObservationSet (readObservationFiles or shippedObservations of attrition-sim/data, loadObservationsDir of attrition-sim/node), got ${describeValue(o.observations)}`,
    });
  if (o.onProgress !== undefined && typeof o.onProgress !== "function")
    issues.push({ path: "onProgress", message: `expected a function, got ${describeValue(o.onProgress)}` });
  if (o.thresholds !== undefined && !(Array.isArray(o.thresholds) && o.thresholds.every((t) => typeof t === "number" && t > 0 && t <= 1)))
    issues.push({ path: "thresholds", message: `expected an array of shares in (0, 1], got ${describeValue(o.thresholds)}` });
  if (issues.length) throw new OptionsError(issues);
}

/**
 * A projection that starts from the filtered state at the last observed month. Its months are
 * those after `through`; its losses are counted from the forecast's start, its forces and area
 * are the model's (latent) values. What the sources would report — ISW's area, the General
 * Staff's cumulative claims, the Economist's estimate — is {@link Forecast.reported}.
 */
export class Forecast extends Projection {
  /** The filter's window: first and last month weighed. */
  readonly from: string;
  readonly through: string;
  /** The sources weighed, each with its file and months. */
  readonly sources: WeighedSource[];
  /** What was read and not used, and why. */
  readonly notes: readonly string[];
  readonly parameters: ForecastParameters;
  readonly filter: ForecastFilter;
  private readonly reportedLevels: Partial<Record<ReportedSeries, Float64Array[]>>;
  /** Each reported series as observed over the window (from the month before it to `through`). */
  private readonly history: Partial<Record<ReportedSeries, ObservedHistory>>;
  private readonly reportedCache = new Map<ReportedSeries, SeriesSummary>();

  /** @internal Made by {@link forecast}. */
  constructor(
    summary: RunSummary,
    meta: RunMeta,
    details: Pick<Forecast, "from" | "through" | "sources" | "notes" | "parameters" | "filter">,
    reported: Partial<Record<ReportedSeries, Float64Array[]>>,
    history: Partial<Record<ReportedSeries, ObservedHistory>> = {},
  ) {
    super(summary, meta);
    this.from = details.from;
    this.through = details.through;
    this.sources = details.sources;
    this.notes = details.notes;
    this.parameters = details.parameters;
    this.filter = details.filter;
    this.reportedLevels = reported;
    this.history = history;
  }

  /**
   * A fan chart of what a source would report — the forecast's 50% and 90% bands and median —
   * after that source's observed values over the filter's window (a dark line with dots).
   * @throws {OptionsError} as {@link Forecast.reported}.
   * @example
   * writeFileSync("area.svg", forecast.reportedSVG("occupiedKm2"));
   */
  reportedSVG(series: ReportedSeries = "occupiedKm2", options?: SvgOptions): string {
    const summary = this.reported(series);
    const display: SeriesDisplay =
      series === "occupiedKm2" ? SERIES_DISPLAY.occupiedKm2 : { ...SERIES_DISPLAY.russiaLosses, label: REPORTED[series].label };
    const data: FanChartData = {
      // The renderer reads the display, not the series name.
      series: series === "occupiedKm2" ? "occupiedKm2" : "russiaLosses",
      display,
      start: this.meta.start,
      months: this.months,
      layers: [{ label: `forecast from ${this.through}`, bands: summary }],
      title: REPORTED[series].label,
      subtitle: `Forecast from ${this.through}: ${this.runs.toLocaleString("en-US")} particles filtered over ${this.from} … ${this.through}, seed ${this.meta.seed}, θ ${this.parameters.method}`,
      difference: false,
      ...(this.history[series] ? { observed: this.history[series] } : {}),
    };
    return renderFanChart(data, options);
  }

  /**
   * What a source would report at each month end of the forecast: its last observed value plus
   * each particle's reported changes (the observation models' noise and the claims bias
   * included). Only for a source the forecast weighed.
   * @throws {OptionsError} for another series, or a source not weighed.
   */
  reported(series: ReportedSeries): SeriesSummary {
    const spec = Object.hasOwn(REPORTED, series) ? REPORTED[series] : undefined;
    if (!spec)
      throw new OptionsError({
        path: "series",
        message: `expected one of ${Object.keys(REPORTED).join(", ")}, got ${describeValue(series)}`,
      });
    const levels = this.reportedLevels[series];
    if (!levels)
      throw new OptionsError({
        path: "series",
        message: `expected a series of a source the forecast weighed (${this.sources.map((s) => s.source).join(", ")}), got ${series}`,
      });
    const cached = this.reportedCache.get(series);
    if (cached) return cached;
    const out = summarizeMonths(spec.unit, levels.length, (m) => summarizeSample(Float64Array.from(levels[m]!)));
    this.reportedCache.set(series, out);
    return out;
  }

  /** The series {@link Forecast.reported} has, in a fixed order. */
  get reportedSeries(): ReportedSeries[] {
    return (Object.keys(REPORTED) as ReportedSeries[]).filter((s) => this.reportedLevels[s]);
  }

  /** The versioned JSON form (the projection's own JSON inside); equal runs give equal bytes. */
  toForecastJSON(): ForecastJson {
    const ess = [...this.filter.ess].sort((a, b) => a - b);
    return {
      schema: "attrition-sim/forecast@1",
      from: this.from,
      through: this.through,
      sources: this.sources.map((s) => ({ ...s })),
      notes: [...this.notes],
      parameters: {
        ...this.parameters,
        values: Object.fromEntries(Object.entries(this.parameters.values).map(([k, v]) => [k, roundSignificant6(v)])),
      },
      filter: {
        months: this.filter.months,
        particles: this.filter.particles,
        logLikelihood: roundSignificant6(this.filter.logLikelihood),
        minEss: roundSignificant6(ess[0] ?? 0),
        medianEss: roundSignificant6(ess[ess.length >> 1] ?? 0),
      },
      reported: Object.fromEntries(this.reportedSeries.map((s) => [s, seriesSummaryToJson(this.reported(s))])),
      projection: this.toJSON(),
    };
  }

  /** Tidy long CSV of the projection's series and, as `reported.<series>`, of the reported ones. */
  override toCSV(): string {
    const json = this.toJSON();
    const reported = Object.fromEntries(this.reportedSeries.map((s) => [`reported.${s}`, seriesSummaryToJson(this.reported(s))]));
    return toTidyCsv({ ...json, series: { ...json.series, ...reported } as ProjectionJson["series"] });
  }
}

/**
 * Forecast from the latest observations: filter the window, then carry every particle on
 * `horizonMonths` months. Deterministic for a seed. Takes about a second at 4,000 particles (40
 * posterior draws × 100); `refit` adds the tempered SMC on the window (18,900 filter runs at
 * the defaults on the shipped data, ≈ 16 ms each per core at 100 particles over 30 months).
 * @throws {OptionsError} for bad options, and as forecastWindow for observations that cannot be
 * filtered (no ISW area, fewer than 12 months, a missing month, `through` past the data).
 * @example
 * const f = await forecast({ through: "2024-12", horizonMonths: 6, seed: 1 });
 * f.reported("occupiedKm2").p50; // ISW's area at the ends of 2025-01 … 2025-06, median
 */
export async function forecast(options: ForecastOptions = {}): Promise<Forecast> {
  checkOptions(options);
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortError(signal);
  const set = options.observations ?? shippedObservations();
  const window = forecastWindow(set, { through: options.through, from: options.from });
  const runs = options.runs ?? 4000,
    seed = options.seed ?? 1,
    horizon = options.horizonMonths ?? 12;
  const base = filterScenario(window.hindcast);
  let parameters: ForecastParameters;
  /** The last month the shipped posterior saw (only when the forecast uses it). */
  let posteriorThrough: string | undefined;
  /** θ of each draw (the particles are split between them, in order). */
  let thetas: Record<string, number>[];
  if (options.parameters) {
    parameters = {
      method: "given",
      values: { ...options.parameters },
      draws: 1,
      note: `given (${Object.keys(options.parameters).length} set; the others at their prior medians)`,
    };
    thetas = [parameters.values];
  } else if (options.refit) {
    const { fit, settings } = await refitPosterior(
      base,
      window.observations,
      options.refit,
      seed,
      options.likelihoods,
      (fraction) => onProgress?.(REFIT_SHARE * fraction),
      signal,
    );
    const count = drawCount(runs, settings.thetaParticles);
    thetas = evenlySpaced(count, settings.thetaParticles).map((at) =>
      Object.fromEntries(Object.entries(fit.draws).map(([path, draws]) => [path, draws[at]!])),
    );
    const last = fit.stages.at(-1)!;
    parameters = {
      method: "refit",
      values: drawMedians(thetas),
      draws: count,
      note: `refit by tempered SMC on ${window.from} … ${window.through} (${window.sources.map((s) => s.source).join(", ")}): ${settings.thetaParticles} θ particles from the prior, ${settings.filterParticles} filter particles per likelihood, ${fit.stages.length} stages, ${settings.finalMoves} move${settings.finalMoves === 1 ? "" : "s"} at the last (acceptance ${last.acceptance.toFixed(2)}, ${Math.round(100 * last.moved)}% moved), ${fit.evaluations} filter runs, log evidence ${fit.logEvidence.toFixed(1)}; ${count} draws, evenly spaced, each filtered with ${particlesPerDraw(runs, count)} particles; values: the draws' medians`,
    };
  } else {
    // Loaded on first use: the posterior is a chunk of its own, not part of the core bundle.
    const posterior = await shippedPosterior();
    posteriorThrough = posterior.through;
    const count = drawCount(runs, posterior.draws.length);
    // Evenly spaced rows: the file holds two runs' populations one after the other, each in ancestral order.
    thetas = evenlySpaced(count, posterior.draws.length).map((at) =>
      Object.fromEntries(posterior.parameters.map((path, j) => [path, posterior.draws[at]![j]!])),
    );
    parameters = {
      method: "shipped",
      values: drawMedians(thetas),
      draws: count,
      note: `the shipped posterior (${posterior.draws.length} draws by tempered SMC on ${posterior.from} … ${posterior.through}, ${posterior.sources.join(" and ")}: docs/fit.md): ${count} draws, evenly spaced, each filtered with ${particlesPerDraw(runs, count)} particles; the other parameters at their prior medians; values: the draws' medians`,
    };
  }
  if (signal?.aborted) throw abortError(signal);
  const thresholds = [...new Set([...DEFAULT_THRESHOLDS, ...(options.thresholds ?? [])])].sort((a, b) => a - b);
  // Each draw's particles are one block of the run, in draw order; one draw (refit, given) keeps
  // the forecast's seed, several take theirs from a stream of it.
  const sizes = thetas.map((_, j) => Math.floor(runs / thetas.length) + (j < runs % thetas.length ? 1 : 0));
  const drawSeeds = createStream(seed, "forecast", "draw-seeds");
  const summary = new RunSummary(runs, horizon, thresholds, "exact", thetas.length);
  // Each draw's scenario as given (a parsed one does not survive the structured clone to a worker),
  // and parsed here: checked before any filter runs, and hashed for the result's meta.
  const given = thetas.map((theta, j) =>
    withParametersFixed(
      base,
      theta,
      `forecast (${parameters.method} ${parameters.method === "shipped" || parameters.method === "refit" ? `draw ${j + 1} of ${thetas.length}` : "estimate"})`,
      [],
      parameters.method === "given" ? "user" : "calibration",
    ),
  );
  const scenarios = given.map((scenario) => parseScenario(scenario));
  const requests: DrawRequest[] = [];
  let firstPath = 0;
  for (const [j, scenario] of given.entries()) {
    requests.push({
      scenario,
      observations: window.observations,
      particles: sizes[j]!,
      seed: thetas.length === 1 ? seed : Math.floor(drawSeeds() * 2 ** 32),
      horizonMonths: horizon,
      thresholds,
      block: j,
      firstPath,
    });
    firstPath += sizes[j]!;
  }
  const refitShare = parameters.method === "refit" ? REFIT_SHARE : 0;
  let drawsDone = 0;
  const draws = await (options.drawFilter ?? inThreadDrawFilter)(
    requests,
    () => onProgress?.(refitShare + ((1 - refitShare) * ++drawsDone) / thetas.length),
    signal,
  );
  if (signal?.aborted) throw abortError(signal);
  for (const d of draws) summary.accept(d.block);
  // The pooled particles: each draw's changes end to end, month by month.
  const pooled = (pick: (p: FilteredPaths) => Float64Array[]) =>
    Array.from({ length: horizon }, (_, k) => {
      const out = new Float64Array(runs);
      let at = 0;
      for (const d of draws) {
        const month = pick(d.paths)[k]!;
        out.set(month, at);
        at += month.length;
      }
      return out;
    });
  const paths: FilteredPaths = {
    occupiedChangeKm2: pooled((p) => p.occupiedChangeKm2),
    claimedLosses: pooled((p) => p.claimedLosses),
    casualtiesIncrement: pooled((p) => p.casualtiesIncrement),
  };
  // The pooled population's ESS each month: each draw's weights sum to 1/K of the whole, so
  // 1/Σw² = K² / Σ_j 1/ESS_j (the one draw's ESS when K = 1); the log-likelihood is the draws' mean.
  const months = draws[0]!.ess.length;
  const ess = Array.from({ length: months }, (_, t) =>
    draws.length === 1 ? draws[0]!.ess[t]! : draws.length ** 2 / draws.reduce((a, d) => a + 1 / d.ess[t]!, 0),
  );
  const logLikelihood = draws.reduce((a, d) => a + d.logLikelihood, 0) / draws.length;
  const start = `${addMonths(window.through, 1)}-01`;
  const meta: RunMeta = {
    scenarioName: `forecast-${window.through}`,
    // One draw hashes its scenario as before; several, the list of their scenarios.
    scenarioSha256: sha256(canonicalJson(scenarios.length === 1 ? scenarios[0] : scenarios)),
    runs,
    seed,
    horizonMonths: horizon,
    step: draws[0]!.timeStep,
    start,
    calendar: buildCalendar(start, horizon),
    keepPaths: false,
  };
  const reported: Partial<Record<ReportedSeries, Float64Array[]>> = {};
  const levels = (start: number, changes: readonly Float64Array[]) => {
    const level = new Float64Array(runs).fill(start);
    return changes.map((c) => {
      for (let i = 0; i < runs; i += 1) level[i] = level[i]! + c[i]!;
      return Float64Array.from(level);
    });
  };
  const last = window.lastObserved;
  const notes = [...set.notes, ...window.notes];
  if (posteriorThrough && window.through < posteriorThrough)
    notes.push(
      `the shipped posterior of θ saw data up to ${posteriorThrough}, after this forecast's origin ${window.through}: refit for a forecast that uses only data up to ${window.through}`,
    );
  const sourceNames = new Set(window.sources.map((s) => s.source));
  // A source that ended before the origin has no level to add the changes to.
  for (const s of window.sources)
    if (s.lastMonth !== window.through && s.source !== "deepState" && s.source !== "pointEstimates")
      notes.push(`${s.source}: no reported series (its last month, ${s.lastMonth}, is before the origin ${window.through})`);
  if (last.isw?.month === window.through) reported.occupiedKm2 = levels(last.isw.value, paths.occupiedChangeKm2);
  if (last.claims?.month === window.through && sourceNames.has("claims"))
    reported.claimedLosses = levels(last.claims.value, paths.claimedLosses);
  if (last.economist?.month === window.through && sourceNames.has("economist"))
    reported.casualtiesEst = levels(last.economist.value, paths.casualtiesIncrement);
  const history: Partial<Record<ReportedSeries, ObservedHistory>> = {};
  const before = addMonths(window.from, -1);
  for (const [series, spec] of Object.entries(REPORTED) as [ReportedSeries, (typeof REPORTED)[ReportedSeries]][]) {
    if (!reported[series]) continue;
    const rows = (set[spec.source] ?? []).filter((r) => r.month >= before && r.month <= window.through);
    history[series] = {
      label: `observed (${set.files[spec.source] ?? spec.source})`,
      months: rows.map((r) => monthEndDate(r.month)),
      values: rows.map((r) => r.value),
    };
  }
  onProgress?.(1);
  return new Forecast(
    summary,
    meta,
    {
      from: window.from,
      through: window.through,
      sources: window.sources,
      notes,
      parameters,
      filter: {
        months: window.observations.months.length,
        particles: runs,
        logLikelihood,
        ess: ess.filter((e) => e > 0),
      },
    },
    reported,
    history,
  );
}
