/**
 * The fan chart's public names, re-exported for src/index.ts until its imports point at their
 * homes: output/fan-chart-data.ts (what a chart shows) and output/fan-chart-svg.ts (drawing it).
 * Code inside src/ imports from those files, not from here.
 */
export { fanChartData, SERIES_DISPLAY, type ChartableProjection, type FanBands, type FanChartData, type FanLayer, type SeriesDisplay } from "./fan-chart-data.js";
export { fanChartSvg, renderFanChart, type SvgOptions } from "./fan-chart-svg.js";
