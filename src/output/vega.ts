/**
 * The fan chart as a Vega-Lite v5 spec: a layered chart (5–95 area, 25–75 area, median line)
 * over month-end dates, one colour per scenario. Plain JSON data inline, so the spec renders
 * anywhere Vega-Lite does (a notebook, vega-embed, the online editor) with nothing else.
 */
import { roundSignificant6OrNull } from "../util/format.js";
import { fanChartData, type ChartableProjection, type FanChartData } from "./fan-chart-data.js";

/** A Vega-Lite spec (plain JSON). */
export interface VegaLiteSpec {
  $schema: string;
  [key: string]: unknown;
}

/** The Vega-Lite v5 schema URL the specs declare. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/**
 * The Vega-Lite spec of chart data (see `fanChartData`). One row per scenario and month with
 * `scenario, date, p05, p25, p50, p75, p95` in stored units (shares, people, km²).
 * @example
 * chartSpec(fanChartData([projection], "occupiedShare")).layer.length; // 3
 */
export function chartSpec(data: FanChartData): VegaLiteSpec & { layer: unknown[]; data: { values: Record<string, unknown>[] } } {
  const values = data.layers.flatMap((l) =>
    data.months.map((date, m) => ({
      scenario: l.label,
      date,
      // 6 significant digits, as the JSON result (Float32 samples underneath); non-finite as null.
      p05: roundSignificant6OrNull(l.bands.p05[m]!),
      p25: roundSignificant6OrNull(l.bands.p25[m]!),
      p50: roundSignificant6OrNull(l.bands.p50[m]!),
      p75: roundSignificant6OrNull(l.bands.p75[m]!),
      p95: roundSignificant6OrNull(l.bands.p95[m]!),
    })),
  );
  const { display } = data;
  const axisTitle = data.difference ? `Difference: ${display.vegaAxis}` : display.vegaAxis;
  const y = (field: string) => ({
    field,
    type: "quantitative",
    title: axisTitle,
    axis: { format: display.vegaFormat },
    scale: { zero: data.difference },
  });
  const tooltip = [
    { field: "scenario", type: "nominal", title: "Scenario" },
    { field: "date", type: "temporal", title: "Month end", format: "%Y-%m-%d" },
    ...(["p05", "p25", "p50", "p75", "p95"] as const).map((field) => ({
      field,
      type: "quantitative",
      title: field === "p50" ? "median" : `${field.slice(1)}th pct.`,
      format: display.vegaFormat === ".0%" ? ".1%" : ",.3~s",
    })),
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `${data.title}. ${data.subtitle}.`,
    title: { text: data.title, subtitle: `${data.subtitle}. Line: median; dark band: 50% of paths; light band: 90% of paths.` },
    width: 720,
    height: 340,
    data: { values },
    encoding: {
      x: { field: "date", type: "temporal", title: `Date (values at each month's end, from ${data.start})`, axis: { format: "%Y" } },
      color: { field: "scenario", type: "nominal", title: "Scenario", scale: { domain: data.layers.map((l) => l.label) } },
    },
    layer: [
      { mark: { type: "area", opacity: 0.16 }, encoding: { y: y("p05"), y2: { field: "p95" } } },
      { mark: { type: "area", opacity: 0.35 }, encoding: { y: y("p25"), y2: { field: "p75" } } },
      { mark: { type: "line", strokeWidth: 2.25 }, encoding: { y: y("p50"), tooltip } },
    ],
  };
}

/**
 * The Vega-Lite v5 spec of one series of one or several projections (overlaid).
 * @example
 * fanChartSpec([baseline, noPledge], "dprkForce").$schema; // "https://vega.github.io/schema/vega-lite/v5.json"
 */
export function fanChartSpec(projections: readonly ChartableProjection[], series?: unknown): VegaLiteSpec {
  return chartSpec(fanChartData(projections, series));
}
