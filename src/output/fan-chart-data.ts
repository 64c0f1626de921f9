/**
 * What a fan chart shows, before it is drawn: per series its labels, unit and axis scale, and
 * the bands of one or several projections of the same calendar. Also read by the Vega-Lite
 * spec, the notebook display and the sensitivity texts.
 */
import { OptionsError, describeValue } from "../util/errors.js";
import { SERIES, type SeriesName } from "../engine/store.js";

/** How a series is labelled and scaled on a chart axis. */
export interface SeriesDisplay {
  /** Chart title, e.g. "Occupied share of Ukraine". */
  label: string;
  /** Axis title with its unit, e.g. "Share of Ukraine's area (%)". */
  axis: string;
  /** Factor from stored values (shares, people, km²) to axis values (%, thousands). */
  scale: number;
  /** Suffix of axis tick labels ("%" for shares). */
  tickSuffix: string;
  /** Vega-Lite axis format of the stored values (d3-format). */
  vegaFormat: string;
  /** Vega-Lite axis title (the stored values are not rescaled there). */
  vegaAxis: string;
}

const people = (label: string): SeriesDisplay => ({
  label,
  axis: "People (thousands)",
  scale: 1e-3,
  tickSuffix: "",
  vegaFormat: "~s",
  vegaAxis: "People",
});

/** Display metadata of every contract series (units from `SERIES_UNITS`). */
export const SERIES_DISPLAY: Record<SeriesName, SeriesDisplay> = {
  occupiedShare: {
    label: "Occupied share of Ukraine",
    axis: "Share of Ukraine's area, Crimea included (%)",
    scale: 100,
    tickSuffix: "%",
    vegaFormat: ".0%",
    vegaAxis: "Share of Ukraine's area, Crimea included",
  },
  occupiedKm2: {
    label: "Occupied area of Ukraine",
    axis: "Area (thousand km²)",
    scale: 1e-3,
    tickSuffix: "",
    vegaFormat: "~s",
    vegaAxis: "Area (km²)",
  },
  russiaForce: people("Russian force in theatre (without DPRK)"),
  dprkForce: people("DPRK troops in theatre"),
  ukraineForce: people("Ukrainian force in theatre"),
  russiaLosses: people("Russian losses since the start (without DPRK)"),
  dprkLosses: people("DPRK losses since the start"),
  ukraineLosses: people("Ukrainian losses since the start"),
  claimedLosses: people("Russian losses as the General Staff would claim them, since the start"),
};

/** The default chart series (DESIGN §4, CLI `--series`). */
const DEFAULT_CHART_SERIES: SeriesName = "occupiedShare";

/** The five quantile bands of one scenario's series, indexed like `months`. */
export interface FanBands {
  p05: readonly number[];
  p25: readonly number[];
  p50: readonly number[];
  p75: readonly number[];
  p95: readonly number[];
}

/** One scenario on a chart. */
export interface FanLayer {
  /** Legend label (the scenario name). */
  label: string;
  bands: FanBands;
}

/** Everything a fan chart shows, in stored units (the renderer applies `display.scale`). */
export interface FanChartData {
  series: SeriesName;
  display: SeriesDisplay;
  /** Start date of the runs (YYYY-MM-DD, the first of a month). */
  start: string;
  /** Month-end dates, YYYY-MM-DD. */
  months: readonly string[];
  layers: readonly FanLayer[];
  /** Chart title (default: the series label and the scenario names). */
  title: string;
  /** Second title line: runs, seed, what the bands are. */
  subtitle: string;
  /** True when the layers are paired differences (b − a), not levels. */
  difference: boolean;
  /** Observed values before the runs' start, drawn as a dark line with dots (a forecast's history). */
  observed?: ObservedHistory;
}

/** A series as observed, month by month (month-end dates YYYY-MM-DD, values in stored units). */
export interface ObservedHistory {
  label: string;
  months: readonly string[];
  values: readonly number[];
}

/** The part of a projection a chart reads (a structural type, so no import cycle). */
export interface ChartableProjection {
  readonly months: string[];
  readonly meta: { scenarioName: string; start: string; runs: number; seed: number; step: "day" | "month" };
  series(name: SeriesName): FanBands;
}

/** Check a series name given to a chart method. */
export function checkChartSeries(name: unknown): SeriesName {
  if (name === undefined) return DEFAULT_CHART_SERIES;
  if (!(SERIES as readonly unknown[]).includes(name)) {
    throw new OptionsError({ path: "series", message: `expected one of ${SERIES.join(", ")}, got ${describeValue(name)}` });
  }
  return name as SeriesName;
}

/**
 * The chart data of one or several projections of the same calendar (overlaid).
 * @example
 * fanChartData([projection], "occupiedShare").layers[0].label; // "baseline"
 */
export function fanChartData(projections: readonly ChartableProjection[], seriesName: unknown, title?: string): FanChartData {
  const series = checkChartSeries(seriesName);
  const first = projections[0];
  if (!first) throw new OptionsError({ path: "projections", message: "expected at least one projection, got none" });
  projections.forEach((p, i) => {
    if (p.meta.start !== first.meta.start || p.months.length !== first.months.length) {
      throw new OptionsError({
        path: `projections.${i}`,
        message: `expected the same months as ${JSON.stringify(first.meta.scenarioName)} (${first.months.length} from ${first.meta.start}), got ${p.months.length} from ${p.meta.start}`,
      });
    }
  });
  const display = SERIES_DISPLAY[series];
  const names = projections.map((p) => p.meta.scenarioName);
  const runs = [...new Set(projections.map((p) => p.meta.runs))];
  const seeds = [...new Set(projections.map((p) => p.meta.seed))];
  return {
    series,
    display,
    start: first.meta.start,
    months: first.months,
    layers: projections.map((p) => ({ label: p.meta.scenarioName, bands: p.series(series) })),
    title: title ?? `${display.label} — ${names.join(" vs ")}`,
    subtitle: `Median, 50% and 90% bands of ${runs.map((r) => r.toLocaleString("en-US")).join("/")} runs, seed ${seeds.join("/")}`,
    difference: false,
  };
}
