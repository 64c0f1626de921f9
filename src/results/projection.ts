import { summarizeEvent, summarizeEventCounts, type EventSummary } from "../analysis/events.js";
import { QUANTILE_KEYS, summarizeSelected, summarizeSorted, type QuantileKey, type SampleSummary } from "../analysis/quantiles.js";
import { SelectScratch } from "../util/radix-select.js";
import { shareOfCounts, summarizeCounts } from "../analysis/sketch-summary.js";
import { slotValue } from "../engine/sketch-layout.js";
import type { RunMeta } from "../engine/run.js";
import { summarizeMonths, type SeriesSummary } from "../analysis/projection-summary.js";
import { seriesSummaryToJson } from "../output/series-json.js";
import type { ProjectionJson, SeriesSummaryJson } from "../output/result-schema.js";
import { ACCOUNTING, EXACT_RUNS, SERIES, SERIES_UNITS, type RunStore, type RunSummary, type SeriesName } from "../engine/store.js";
import { describeValue, OptionsError } from "../util/errors.js";
import { LIBRARY } from "../util/version.js";
import { formatMedianBand, formatPercentUnchecked, roundSignificant6, roundSignificant6Nullable } from "../util/format.js";
import { toTidyCsv } from "../output/csv.js";
import { projectionMimeBundle, type MimeBundle } from "../output/display.js";
import { fanChartSvg, type SvgOptions } from "../output/fan-chart-svg.js";
import { fanChartSpec, type VegaLiteSpec } from "../output/vega.js";

/** What a run was (scenario, options, calendar). */
export type ProjectionMeta = RunMeta;

export type ComparisonOperator = ">=" | ">" | "<=" | "<" | "==";
const OPERATORS: readonly ComparisonOperator[] = [">=", ">", "<=", "<", "=="];

const compareValues = (x: number, op: ComparisonOperator, v: number): boolean =>
  op === ">=" ? x >= v : op === ">" ? x > v : op === "<=" ? x <= v : op === "<" ? x < v : x === v;

/**
 * The result of a run: per-month summaries of every contract series, time-to-threshold
 * events, probability queries, and (with `keepPaths`) every path.
 */
export class Projection {
  readonly months: string[];
  readonly meta: ProjectionMeta;
  /**
   * The run's results, block by block (read-only; use the methods).
   * @internal
   */
  readonly summary: RunSummary;
  private readonly cache = new Map<SeriesName, SeriesSummary>();
  private readonly selectScratch = new SelectScratch(0);
  private pathsCache?: RunStore;

  /**
   * Made by `simulate`, `simulateSync`, `mergeProjections`, `projectionFromShard` and
   * `simulateParallel` (attrition-sim/node), from the engine's run summary.
   * @internal
   */
  constructor(summary: RunSummary, meta: ProjectionMeta) {
    this.summary = summary;
    this.meta = meta;
    this.months = meta.calendar.map((m) => m.endDate);
  }

  get runs(): number {
    return this.meta.runs;
  }

  /** Per-month summary of a contract series (computed on first use). */
  series(name: SeriesName): SeriesSummary {
    this.checkSeries(name);
    this.checkComplete();
    const cached = this.cache.get(name);
    if (cached) return cached;
    const s = SERIES.indexOf(name);
    const { runs, months, sketch } = this.summary;
    const out = summarizeMonths(SERIES_UNITS[name], months, (m) => {
      const { sum, sumSq } = this.summary.sums(s, m);
      if (sketch)
        return this.checkRange(
          name,
          m,
          summarizeCounts(sketch.monthCounts(s, m), (j) => slotValue(sketch.layout, s, j), sum, sumSq),
        );
      const float32 = this.summary.float32Sample(s, m);
      if (float32) return summarizeSelected(float32, sum, sumSq, this.selectScratch);
      const { values, sorted } = this.summary.sample(s, m);
      return summarizeSorted(values, runs, sum, sumSq, sorted);
    });
    this.cache.set(name, out);
    return out;
  }

  /**
   * Median across paths of each series at the start. Above EXACT_RUNS it is read from the
   * sketch: exact where every path starts at the median-parameter value (the sketch's
   * reference), else within α of its distance to that value (docs/performance.md).
   */
  get initial(): Record<SeriesName, number> {
    this.checkComplete();
    const { sketch } = this.summary;
    return Object.fromEntries(
      SERIES.map((name, s) => {
        if (sketch) return [name, summarizeCounts(sketch.monthCounts(s, -1), (j) => slotValue(sketch.layout, s, j), 0, 0).quantiles.p50];
        const { values } = this.summary.sample(s, -1);
        let sum = 0,
          sumSq = 0;
        for (const v of values) {
          sum += v;
          sumSq += v * v;
        }
        return [name, summarizeSorted(values, values.length, sum, sumSq).quantiles.p50];
      }),
    ) as Record<SeriesName, number>;
  }

  /** Time-to-threshold summaries for `occupiedShare`, one per threshold of the run. */
  get events(): EventSummary[] {
    this.checkComplete();
    return this.summary.thresholds.map((t, k) => this.eventOf(t, k));
  }

  private eventOf(threshold: number, k: number): EventSummary {
    const { sketch } = this.summary;
    return sketch
      ? summarizeEventCounts("occupiedShare", threshold, sketch.eventCounts(k))
      : summarizeEvent("occupiedShare", threshold, this.summary.firstMonths(k));
  }

  /** The event summary for one threshold of the run. */
  event(threshold: number): EventSummary {
    const k = this.summary.thresholds.indexOf(threshold);
    if (k < 0) {
      throw new OptionsError({
        path: "threshold",
        message: `expected one of the run's thresholds (${this.summary.thresholds.join(", ")}), got ${describeValue(threshold)}; pass it in options.thresholds`,
      });
    }
    this.checkComplete();
    return this.eventOf(threshold, k);
  }

  /** Index of a month given as "YYYY-MM" or a month-end date. */
  monthIndex(month: string): number {
    const label = typeof month === "string" ? month.slice(0, 7) : "";
    const index = this.meta.calendar.findIndex((m) => m.label === label);
    if (index < 0 || (typeof month === "string" && month.length > 7 && this.months[index] !== month)) {
      throw new OptionsError({
        path: "month",
        message: `expected a month from ${this.meta.calendar[0]?.label} to ${this.meta.calendar.at(-1)?.label} (YYYY-MM), got ${describeValue(month)}`,
      });
    }
    return index;
  }

  /**
   * Share of paths whose `series` at the end of `month` satisfies `op value`.
   * @example
   * projection.probability("occupiedShare", ">=", 0.25, "2030-12"); // e.g. 0.07
   */
  probability(series: SeriesName, op: ComparisonOperator, value: number, month: string): number {
    this.checkSeries(series);
    if (!OPERATORS.includes(op))
      throw new OptionsError({ path: "op", message: `expected one of ${OPERATORS.join(" ")}, got ${describeValue(op)}` });
    if (typeof value !== "number" || !Number.isFinite(value))
      throw new OptionsError({ path: "value", message: `expected a finite number, got ${describeValue(value)}` });
    const m = this.monthIndex(month);
    this.checkComplete();
    const s = SERIES.indexOf(series);
    const { sketch } = this.summary;
    // Above EXACT_RUNS each path counts by its bucket's value: a share within the paths whose
    // values lie within α (relative to the distance from the reference) of `value`.
    if (sketch)
      return shareOfCounts(
        sketch.monthCounts(s, m),
        (j) => slotValue(sketch.layout, s, j),
        (x) => compareValues(x, op, value),
      );
    // Values are stored as Float32 (unless paths are kept): compare with the threshold rounded alike.
    const v = this.meta.keepPaths ? value : Math.fround(value);
    const { values } = this.summary.sample(s, m);
    let hits = 0;
    for (let i = 0; i < values.length; i += 1) if (compareValues(values[i]!, op, v)) hits += 1;
    return hits / values.length;
  }

  /**
   * A sketch quantile that falls in an overflow bucket (a value beyond the sketch's range,
   * sketch-layout.ts) is not known: refused rather than reported.
   */
  private checkRange(name: SeriesName, m: number, summary: SampleSummary): SampleSummary {
    const all = [...Object.values(summary.quantiles), ...Object.values(summary.quantileSe)];
    if (all.some((x) => !Number.isFinite(x))) {
      throw new OptionsError({
        path: "runs",
        message: `expected ${name} at ${this.months[m]} within the range of the summary sketch used above ${EXACT_RUNS} runs, got quantiles beyond it (${JSON.stringify(summary.quantiles)}); run at most ${EXACT_RUNS} runs or with keepPaths for exact quantiles`,
      });
    }
    return summary;
  }

  /** Every path's values (only with `keepPaths`): arrays indexed [month · runs + path]. */
  get paths(): RunStore | undefined {
    if (!this.meta.keepPaths) return undefined;
    this.pathsCache ??= this.summary.toRunStore(SERIES, ACCOUNTING);
    return this.pathsCache;
  }

  /**
   * Per month, the share of paths in the offensive regime (no ceasefire begun) and the share
   * whose ceasefire has begun, each with its binomial standard error √(p(1 − p)/runs).
   * @example
   * projection.probabilities().ceasefireBegun.at(-1); // share of paths in ceasefire by the last month
   */
  probabilities(): { offensive: number[]; offensiveSe: number[]; ceasefireBegun: number[]; ceasefireBegunSe: number[] } {
    this.checkComplete();
    const runs = this.summary.runs;
    const share = (k: number) => Array.from({ length: this.months.length }, (_, m) => this.summary.stateCount(k, m) / runs);
    const se = (p: number[]) => p.map((x) => Math.sqrt((x * (1 - x)) / runs));
    const offensive = share(0),
      ceasefireBegun = share(1);
    return { offensive, offensiveSe: se(offensive), ceasefireBegun, ceasefireBegunSe: se(ceasefireBegun) };
  }

  /** The versioned JSON form; equal runs give equal bytes (no timestamps). */
  toJSON(): ProjectionJson {
    const series = {} as Record<SeriesName, SeriesSummaryJson>;
    for (const name of SERIES) series[name] = seriesSummaryToJson(this.series(name));
    const mapKeys = (o: Record<QuantileKey, number | null>) =>
      Object.fromEntries(QUANTILE_KEYS.map((k) => [k, roundSignificant6Nullable(o[k])])) as Record<QuantileKey, number | null>;
    const { meta } = this;
    return {
      schema: "attrition-sim/projection@2",
      scenario: { name: meta.scenarioName, sha256: meta.scenarioSha256 },
      options: { runs: meta.runs, seed: meta.seed, horizonMonths: meta.horizonMonths, step: meta.step, start: meta.start },
      months: this.months,
      initial: Object.fromEntries(Object.entries(this.initial).map(([k, v]) => [k, roundSignificant6(v)])) as Record<SeriesName, number>,
      series,
      events: this.events.map((e) => ({
        ...e,
        quantiles: mapKeys(e.quantiles),
        quantilesSe: mapKeys(e.quantilesSe),
        pNever: roundSignificant6(e.pNever),
        pNeverSe: roundSignificant6(e.pNeverSe),
      })),
      probabilities: Object.fromEntries(
        Object.entries(this.probabilities()).map(([k, v]) => [k, v.map(roundSignificant6)]),
      ) as ProjectionJson["probabilities"],
      library: { name: LIBRARY.name, version: LIBRARY.version },
    };
  }

  /** Tidy long CSV: scenario,month,series,stat,value (RFC 4180). */
  toCSV(): string {
    return toTidyCsv(this.toJSON());
  }

  /** A short description; never the samples. */
  toString(): string {
    const share = this.series("occupiedShare");
    const last = this.months.length - 1;
    return `Projection(${this.meta.scenarioName}, ${this.meta.runs} runs, ${this.meta.horizonMonths} months from ${this.meta.start}, seed ${this.meta.seed}; occupied at ${this.months[last]}: ${formatMedianBand(share, last, formatPercentUnchecked)})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** A shard holds some blocks only: summaries need the whole run (mergeProjections). */
  private checkComplete(): void {
    if (!this.summary.complete) {
      throw new OptionsError({
        path: "runRange",
        message: `expected a complete run to summarise, got a shard with ${this.summary.pathsPresent} of ${this.summary.runs} paths; merge the shards with mergeProjections first`,
      });
    }
  }

  private checkSeries(name: unknown): asserts name is SeriesName {
    if (!(SERIES as readonly unknown[]).includes(name)) {
      throw new OptionsError({ path: "series", message: `expected one of ${SERIES.join(", ")}, got ${describeValue(name)}` });
    }
  }

  /** Fan chart of a series (default `occupiedShare`) as standalone SVG, 800×450 (output/fan-chart-svg.ts). */
  toSVG(series?: SeriesName, options?: SvgOptions): string {
    return fanChartSvg([this], series, options);
  }

  /** Vega-Lite v5 spec of the same fan chart (output/vega.ts). */
  toSpec(series?: SeriesName): VegaLiteSpec {
    return fanChartSpec([this], series);
  }

  /** Jupyter MIME bundle: text/plain, text/html (headline table + chart), image/svg+xml (output/display.ts). */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    return projectionMimeBundle(this);
  }
}
