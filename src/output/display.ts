/**
 * Rich display in notebooks: the Jupyter MIME bundles of projections and comparisons, which
 * Deno's Jupyter kernel (and any front end that honours `Symbol.for("Jupyter.display")`) shows as
 * a headline table with a fan chart. Plain strings; no DOM.
 */
import type { EventShift } from "../analysis/paired.js";
import type { EventSummary } from "../analysis/events.js";
import type { SeriesName } from "../engine/store.js";
import type { SeriesSummary } from "../analysis/projection-summary.js";
import type { RunMeta } from "../engine/run.js";
import {
  formatMedianBand,
  formatMonths,
  formatPercent,
  formatPointsChange,
  formatShareChange,
  formatThousands,
  formatThousandsChange,
  formatThresholdPercent,
} from "../util/format.js";

/** What a projection's display needs (a `Projection` is one). Plain data and renderers only. */
export interface DisplayableProjection {
  readonly meta: Pick<RunMeta, "scenarioName" | "runs" | "seed" | "horizonMonths" | "start" | "step">;
  readonly months: readonly string[];
  readonly events: readonly EventSummary[];
  series(name: SeriesName): SeriesSummary;
  toSVG(series: SeriesName): string;
  toString(): string;
}

/** What a comparison's display needs (a `Comparison` is one). */
export interface DisplayableComparison {
  readonly a: { readonly meta: Pick<RunMeta, "seed" | "horizonMonths" | "start"> };
  readonly labels: readonly [string, string];
  readonly label: string;
  readonly runs: number;
  readonly months: readonly string[];
  readonly events: readonly EventShift[];
  difference(name: SeriesName): SeriesSummary;
  toSVG(series: SeriesName): string;
  toDifferenceSVG(series: SeriesName): string;
  toString(): string;
}
import { escapeXml } from "./svg-primitives.js";
import { PEOPLE_COLUMNS } from "./columns.js";

/** A Jupyter MIME bundle: the same result as plain text, HTML and SVG. */
export interface MimeBundle {
  "text/plain": string;
  "text/html": string;
  "image/svg+xml": string;
  [mime: string]: string;
}

const STYLE = {
  box: "font-family: system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 13px; line-height: 1.4; max-width: 820px",
  table: "border-collapse: collapse; margin: 6px 0 10px; font-variant-numeric: tabular-nums",
  th: "text-align: right; padding: 2px 8px; border-bottom: 1px solid #9ca3af; white-space: nowrap",
  td: "text-align: right; padding: 2px 8px; white-space: nowrap",
  note: "color: #4b5563; font-size: 12px",
};

/** Indices of the table rows: year ends and the final month, thinned to at most 12 rows. */
function rowIndices(dates: readonly string[]): number[] {
  const rows = dates.flatMap((d, m) => (d.slice(5, 7) === "12" || m === dates.length - 1 ? [m] : []));
  if (rows.length <= 12) return rows;
  const every = Math.ceil(rows.length / 11);
  return rows.filter((_, i) => i % every === every - 1 || i === rows.length - 1);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = header.map((h, i) => `<th style="${STYLE.th}${i === 0 ? "; text-align: left" : ""}">${escapeXml(h)}</th>`).join("");
  const body = rows
    .map(
      (r) => `<tr>${r.map((c, i) => `<td style="${STYLE.td}${i === 0 ? "; text-align: left" : ""}">${escapeXml(c)}</td>`).join("")}</tr>`,
    )
    .join("");
  return `<div style="overflow-x: auto"><table style="${STYLE.table}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const COLUMNS: readonly [title: string, series: SeriesName][] = [["Occupied", "occupiedShare"], ...PEOPLE_COLUMNS];

function eventLine(e: EventSummary, horizon: number): string {
  const median = e.quantiles.p50 === null ? "median not within horizon" : `median ${formatMonths(e.quantiles.p50)} months`;
  return `≥ ${formatThresholdPercent(e.threshold)}: ${median}, P(never within ${horizon} months) ${formatPercent(e.pNever)}`;
}

/**
 * The MIME bundle of a projection: text/plain (the short form), text/html (run line,
 * year-end table of medians with 90% bands, the threshold events, the fan chart of the
 * occupied share) and image/svg+xml (that chart).
 */
export function projectionMimeBundle(projection: DisplayableProjection): MimeBundle {
  const { meta } = projection;
  const svg = projection.toSVG("occupiedShare");
  const rows = rowIndices(projection.months).map((m) => [
    projection.months[m]!.slice(0, 7),
    ...COLUMNS.map(([, name]) => formatMedianBand(projection.series(name), m, name === "occupiedShare" ? formatPercent : formatThousands)),
  ]);
  const html = [
    `<div class="attrition-sim-projection" style="${STYLE.box}">`,
    `<p><strong>Scenario ${escapeXml(meta.scenarioName)}</strong>: ${meta.runs.toLocaleString("en-US")} runs, seed ${meta.seed}, ${meta.horizonMonths} months from ${escapeXml(meta.start)}, ${meta.step} step. Median [5th–95th percentile] at month end; people in thousands, losses cumulative since the start.</p>`,
    table(["Month", ...COLUMNS.map(([title]) => title)], rows),
    `<p>Months until the occupied share first reaches ${projection.events.map((e) => escapeXml(eventLine(e, meta.horizonMonths))).join("; ")}.</p>`,
    svg.trimEnd(),
    `<p style="${STYLE.note}">A scenario exploration under stated assumptions, not a prediction.</p>`,
    `</div>`,
  ].join("\n");
  return { "text/plain": projection.toString(), "text/html": html, "image/svg+xml": svg };
}

function shiftCells(e: EventShift): string[] {
  const ps = e.pairedShift;
  const paired =
    ps.paths === 0
      ? "no path reaches it in both"
      : `${formatMonths(ps.p50)} [${formatMonths(ps.p05)} to ${formatMonths(ps.p95)}] (${ps.paths} paths)`;
  return [
    `≥ ${formatThresholdPercent(e.threshold)}`,
    formatMonths(e.medianMonths.a),
    formatMonths(e.medianMonths.b),
    paired,
    `${formatPercent(e.pNever.a)} → ${formatPercent(e.pNever.b)} (${formatPointsChange(e.pNever.difference, e.pNever.differenceSe)})`,
  ];
}

/**
 * The MIME bundle of a comparison: text/plain (the short form), text/html (the paired
 * differences at year ends, the event shifts, both fan charts overlaid and the fan chart of the
 * difference) and image/svg+xml (the overlay).
 */
/** One table cell of a comparison: mean [5th to 95th percentile] of the per-path difference. */
export function differenceCell(comparison: DisplayableComparison, name: SeriesName, m: number): string {
  const d = comparison.difference(name);
  const f = name === "occupiedShare" ? (v: number) => formatShareChange(v).replace(" pp", "") : formatThousandsChange;
  return `${f(d.mean[m]!)} [${f(d.p05[m]!)} to ${f(d.p95[m]!)}]`;
}

export function comparisonMimeBundle(comparison: DisplayableComparison): MimeBundle {
  const { a } = comparison;
  const [la, lb] = comparison.labels;
  const svg = comparison.toSVG("occupiedShare");
  const rows = rowIndices(comparison.months).map((m) => [
    comparison.months[m]!.slice(0, 7),
    ...COLUMNS.map(([, name]) => differenceCell(comparison, name, m)),
  ]);
  const html = [
    `<div class="attrition-sim-comparison" style="${STYLE.box}">`,
    `<p><strong>${escapeXml(comparison.label)}</strong>, path by path: ${comparison.runs.toLocaleString("en-US")} paired runs (seed ${a.meta.seed}: the same random draws in both), ${a.meta.horizonMonths} months from ${escapeXml(a.meta.start)}. Mean [5th to 95th percentile] of the per-path difference; occupied share in percentage points, people in thousands.</p>`,
    table(["Month", ...COLUMNS.map(([title, name]) => (name === "occupiedShare" ? "Occupied (pp)" : title))], rows),
    `<p>Months until the occupied share first reaches each threshold:</p>`,
    table(
      [
        "Threshold",
        `Median, ${la}`,
        `Median, ${lb}`,
        "Paired shift (median [90% band])",
        `P(never within ${a.meta.horizonMonths} months) (change ± se, points)`,
      ],
      comparison.events.map(shiftCells),
    ),
    svg.trimEnd(),
    comparison.toDifferenceSVG("occupiedShare").trimEnd(),
    `<p style="${STYLE.note}">A scenario exploration under stated assumptions, not a prediction.</p>`,
    `</div>`,
  ].join("\n");
  return { "text/plain": comparison.toString(), "text/html": html, "image/svg+xml": svg };
}
