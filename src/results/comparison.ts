/**
 * Scenario comparison on common random numbers. Both scenarios run with the same seed, so path
 * i of `a` and path i of `b` share every keyed random draw (streams are keyed by seed, block,
 * purpose and parameter path: DESIGN §4) and differ only where the scenarios do. The per-path
 * difference b − a then isolates the effect of the change from Monte Carlo noise, with a much
 * smaller spread than the difference of two independent runs (test/analysis/compare.test.ts).
 */
import { OptionsError, ScenarioError, describeValue } from "../util/errors.js";
import { resolveOptions, type SimulateOptions } from "../engine/options.js";
import { simulate, simulateSync } from "./simulate.js";
import { SERIES, type SeriesName } from "../engine/store.js";
import { csvField } from "../output/csv.js";
import { comparisonMimeBundle, type MimeBundle } from "../output/display.js";
import { eventShift, pairedDifference, type EventShift } from "../analysis/paired.js";
import type { SeriesSummary } from "../analysis/projection-summary.js";
import { seriesSummaryToJson } from "../output/series-json.js";
import type { ComparisonJson, SeriesSummaryJson } from "../output/result-schema.js";
import type { Projection } from "./projection.js";
import { checkChartSeries, fanChartData, SERIES_DISPLAY, type FanChartData } from "../output/fan-chart-data.js";
import { renderFanChart, resolveSvgOptions, type SvgOptions } from "../output/fan-chart-svg.js";
import { chartSpec, type VegaLiteSpec } from "../output/vega.js";
import { parseScenario } from "../scenario/parse.js";
import { LIBRARY } from "../util/version.js";
import { formatPercentagePoints, roundSignificant6, roundSignificant6OrNull } from "../util/format.js";
import { QUANTILE_KEYS } from "../analysis/quantiles.js";

/** Run options of a comparison: those of `simulate`, without `keepPaths` (always on here). */
export type CompareOptions = Omit<SimulateOptions, "keepPaths" | "parameterUniforms">;

/** The versioned JSON form of a comparison (`attrition-sim/comparison@1`): z.infer of `comparisonJsonSchema`. */
export type { ComparisonJson } from "../output/result-schema.js";

/**
 * Two projections of the same calendar on the same random draws, and the distribution of their
 * paired differences. Made by {@link compare}.
 */
export class Comparison {
  /** The reference scenario's projection (kept paths). */
  readonly a: Projection;
  /** The changed scenario's projection (kept paths). */
  readonly b: Projection;
  /** Legend labels of a and b (the scenario names, told apart when equal). */
  readonly labels: readonly [string, string];
  private readonly cache = new Map<SeriesName, SeriesSummary>();

  constructor(a: Projection, b: Projection) {
    if (!a.paths || !b.paths)
      throw new OptionsError({ path: "keepPaths", message: "expected projections run with keepPaths: true, got one without its paths" });
    const same = (k: "runs" | "seed" | "horizonMonths" | "step" | "start") => a.meta[k] === b.meta[k];
    for (const k of ["runs", "seed", "horizonMonths", "step", "start"] as const) {
      if (!same(k))
        throw new OptionsError({
          path: k,
          message: `expected both projections to share ${k} for a paired comparison, got ${describeValue(a.meta[k])} and ${describeValue(b.meta[k])}`,
        });
    }
    this.a = a;
    this.b = b;
    const [na, nb] = [a.meta.scenarioName, b.meta.scenarioName];
    this.labels = na === nb ? [`${na} (a)`, `${nb} (b)`] : [na, nb];
  }

  get runs(): number {
    return this.a.meta.runs;
  }

  get months(): string[] {
    return this.a.months;
  }

  /** What the differences are, e.g. "no-pledge minus baseline". */
  get label(): string {
    return `${this.labels[1]} minus ${this.labels[0]}`;
  }

  /**
   * Per month: mean, quantiles and standard errors of the per-path difference b − a of a series.
   * @example
   * comparison.difference("dprkForce").p50.at(-1); // median change in DPRK troops in theatre
   */
  difference(series: SeriesName): SeriesSummary {
    const name = checkChartSeries(series);
    const cached = this.cache.get(name);
    if (cached) return cached;
    const out = pairedDifference(this.a.series(name).unit, this.a.paths!, this.b.paths!, name);
    this.cache.set(name, out);
    return out;
  }

  /** Per `occupiedShare` threshold of the runs: the shift in months and in P(never). */
  get events(): EventShift[] {
    const pa = this.a.paths!,
      pb = this.b.paths!;
    const ea = this.a.events,
      eb = this.b.events;
    return pa.thresholds.map((threshold, k) => eventShift(threshold, pa, pb, k, ea[k]!.quantiles.p50, eb[k]!.quantiles.p50));
  }

  /** The event shift of one threshold of the runs. */
  event(threshold: number): EventShift {
    const found = this.events.find((e) => e.threshold === threshold);
    if (!found)
      throw new OptionsError({
        path: "threshold",
        message: `expected one of the run's thresholds (${this.a.paths!.thresholds.join(", ")}), got ${describeValue(threshold)}`,
      });
    return found;
  }

  /** The versioned JSON form (`attrition-sim/comparison@1`); equal runs give equal bytes. */
  toJSON(): ComparisonJson {
    const series = {} as Record<SeriesName, SeriesSummaryJson>;
    for (const name of SERIES) series[name] = seriesSummaryToJson(this.difference(name));
    const a = this.a.toJSON(),
      b = this.b.toJSON();
    return {
      schema: "attrition-sim/comparison@1",
      difference: this.label,
      options: a.options,
      months: a.months,
      series,
      events: this.events.map((e) => ({
        ...e,
        medianShift: roundSignificant6OrNull(e.medianShift),
        pairedShift: {
          paths: e.pairedShift.paths,
          mean: roundSignificant6OrNull(e.pairedShift.mean),
          p05: roundSignificant6OrNull(e.pairedShift.p05),
          p50: roundSignificant6OrNull(e.pairedShift.p50),
          p95: roundSignificant6OrNull(e.pairedShift.p95),
        },
        pNever: {
          a: roundSignificant6(e.pNever.a),
          b: roundSignificant6(e.pNever.b),
          difference: roundSignificant6(e.pNever.difference),
          differenceSe: roundSignificant6(e.pNever.differenceSe),
        },
      })),
      a: { ...a, scenario: { ...a.scenario, name: this.labels[0] } },
      b: { ...b, scenario: { ...b.scenario, name: this.labels[1] } },
      library: { name: LIBRARY.name, version: LIBRARY.version },
    };
  }

  /**
   * Tidy long CSV (scenario,month,series,stat,value; RFC 4180): the rows of a, of b, and of the
   * paired difference under the scenario "<b> minus <a>".
   */
  toCSV(): string {
    const json = this.toJSON();
    const rows: string[] = ["scenario,month,series,stat,value"];
    const stats = ["mean", ...QUANTILE_KEYS] as const;
    const add = (scenario: string, series: Record<string, SeriesSummaryJson>) => {
      for (const [name, summary] of Object.entries(series)) {
        json.months.forEach((month, m) => {
          for (const stat of stats) rows.push([scenario, month, name, stat, summary[stat][m]!].map(csvField).join(","));
        });
      }
    };
    add(json.a.scenario.name, json.a.series);
    add(json.b.scenario.name, json.b.series);
    add(json.difference, json.series);
    return rows.join("\r\n") + "\r\n";
  }

  /** Chart data of both scenarios overlaid. */
  chartData(series?: SeriesName, title?: string): FanChartData {
    const data = fanChartData([this.a, this.b], series, title);
    return {
      ...data,
      layers: data.layers.map((l, i) => ({ ...l, label: this.labels[i]! })),
      title: title ?? `${data.display.label} — ${this.labels.join(" vs ")}`,
      subtitle: `${data.subtitle}, the same random draws in both`,
    };
  }

  /** Chart data of the paired difference b − a. */
  differenceChartData(series?: SeriesName, title?: string): FanChartData {
    const name = checkChartSeries(series);
    const display = SERIES_DISPLAY[name];
    const share = display.scale === 100;
    return {
      series: name,
      display: {
        ...display,
        axis: share
          ? "Difference in share of Ukraine's area (percentage points)"
          : `Difference, ${display.axis.charAt(0).toLowerCase()}${display.axis.slice(1)}`,
        tickSuffix: "",
      },
      start: this.a.meta.start,
      months: this.months,
      layers: [{ label: this.label, bands: this.difference(name) }],
      title: title ?? `${display.label}: ${this.label}`,
      subtitle: `Paired per-path difference over ${this.runs.toLocaleString("en-US")} runs (seed ${this.a.meta.seed}): median, 50% and 90% bands`,
      difference: true,
    };
  }

  /** Fan charts of both scenarios overlaid, as standalone SVG (default series occupiedShare). */
  toSVG(series?: SeriesName, options?: SvgOptions): string {
    const o = resolveSvgOptions(options);
    return renderFanChart(this.chartData(series, o.title), o);
  }

  /** Fan chart of the paired difference b − a, as standalone SVG (with a zero line). */
  toDifferenceSVG(series?: SeriesName, options?: SvgOptions): string {
    const o = resolveSvgOptions(options);
    return renderFanChart(this.differenceChartData(series, o.title), o);
  }

  /** Vega-Lite v5 spec of both scenarios overlaid. */
  toSpec(series?: SeriesName): VegaLiteSpec {
    return chartSpec(this.chartData(series));
  }

  /** Jupyter MIME bundle: text/plain, text/html (difference table + chart), image/svg+xml. */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    return comparisonMimeBundle(this);
  }

  /** A short description; never the samples. */
  toString(): string {
    const d = this.difference("occupiedShare");
    const last = this.months.length - 1;
    const pp = (v: number) => `${formatPercentagePoints(v, 2)} pp`;
    return `Comparison(${this.label}, ${this.runs} paired runs, seed ${this.a.meta.seed}, ${this.a.meta.horizonMonths} months from ${this.a.meta.start}; occupied share at ${this.months[last]}: mean ${pp(d.mean[last]!)} [${pp(d.p05[last]!)} to ${pp(d.p95[last]!)}])`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function prepare(a: unknown, b: unknown, options: CompareOptions): [unknown, unknown, SimulateOptions] {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new OptionsError({ path: "", message: `expected an options object, got ${describeValue(options)}` });
  }
  for (const key of ["keepPaths", "parameterUniforms"]) {
    if (key in options)
      throw new OptionsError({
        path: key,
        message: `expected no ${key} in a comparison (paths are always kept and both scenarios draw their own parameters), got ${describeValue((options as Record<string, unknown>)[key])}`,
      });
  }
  const run = { ...options, keepPaths: true };
  resolveOptions(run);
  const sa = parseScenario(a),
    sb = parseScenario(b);
  if (sa.start !== sb.start) {
    throw new ScenarioError({
      path: "start",
      message: `expected both scenarios to start on the same date for a paired comparison, got ${sa.start} (${sa.name}) and ${sb.start} (${sb.name})`,
    });
  }
  return [sa, sb, run];
}

/**
 * Compare scenario `b` with scenario `a` on common random numbers: both run with the same seed
 * (so path i shares every keyed draw), and every series is summarised as the per-path
 * difference b − a per month (mean, p05…p95), every `occupiedShare` threshold as the shift in
 * months and in P(never). Options as for `simulate` (runs, seed, horizonMonths, step,
 * thresholds, onProgress, signal); paths are kept, so memory grows with runs × months.
 *
 * @throws {ScenarioError | OptionsError} for bad input, or scenarios with different start dates.
 * @example
 * const c = await compare("baseline", "no-pledge", { runs: 2000, seed: 1 });
 * c.difference("dprkLosses").mean.at(-1); // DPRK casualties avoided without the pledge wave
 * c.event(0.25).pNever.difference;       // change in P(not reaching 25% within the horizon)
 */
export async function compare(a: unknown, b: unknown, options: CompareOptions = {}): Promise<Comparison> {
  const [sa, sb, run] = prepare(a, b, options);
  const progress = run.onProgress;
  const pa = await simulate(sa, { ...run, onProgress: progress && ((f) => progress(f / 2)) });
  const pb = await simulate(sb, { ...run, onProgress: progress && ((f) => progress(0.5 + f / 2)) });
  return new Comparison(pa, pb);
}

/**
 * The synchronous form of {@link compare}, for small runs.
 * @example
 * compareSync("baseline", "no-dprk", { runs: 200, horizonMonths: 12 }).difference("dprkForce").mean.at(-1);
 */
export function compareSync(a: unknown, b: unknown, options: Omit<CompareOptions, "signal"> = {}): Comparison {
  const [sa, sb, run] = prepare(a, b, options);
  const progress = run.onProgress;
  const pa = simulateSync(sa, { ...run, onProgress: progress && ((f) => progress(f / 2)) });
  const pb = simulateSync(sb, { ...run, onProgress: progress && ((f) => progress(0.5 + f / 2)) });
  return new Comparison(pa, pb);
}
