/**
 * `attrition-sim compare A B`: two scenarios on the same random draws (common random numbers),
 * reported as the per-path difference B − A. Formats: a year-end table with the event shifts
 * (default), the comparison JSON, tidy CSV, or an SVG fan chart of both scenarios overlaid.
 */
import type { EventShift } from "../../analysis/paired.js";
import { compare as compareScenarios, type Comparison } from "../../results/comparison.js";
import { resolveOptions } from "../../engine/options.js";
import type { SeriesName } from "../../engine/store.js";
import { differenceCell } from "../../output/display.js";
import { choiceFlag, expectPositionals, outputFlags, parseFlags, runOptionFlags, seriesFlag, type CliIO } from "../args.js";
import { checkWritable, loadScenario, writeResult } from "../io.js";
import { alignColumns, yearRowIndices } from "../format-table.js";
import { formatMonths, formatPercent, formatPointsChange, formatSignedMonths, formatThresholdPercent } from "../../util/format.js";
import { PEOPLE_COLUMNS } from "../../output/columns.js";

const COLUMNS: readonly [title: string, series: SeriesName][] = [["Occupied (pp)", "occupiedShare"], ...PEOPLE_COLUMNS];

/** The cells of one event line of the comparison table. */
function eventCells(e: EventShift, horizon: number): string[] {
  const ps = e.pairedShift;
  const paired =
    ps.paths === 0
      ? "paired shift: no path reaches it in both"
      : `paired shift ${formatSignedMonths(ps.p50)} [${formatSignedMonths(ps.p05)} to ${formatSignedMonths(ps.p95)}] months over ${ps.paths.toLocaleString("en-US")} paths reaching it in both`;
  return [
    `occupied share ≥ ${formatThresholdPercent(e.threshold)}`,
    `median ${formatMonths(e.medianMonths.a)} → ${formatMonths(e.medianMonths.b)}`,
    paired,
    `P(never within ${horizon} months) ${formatPercent(e.pNever.a)} → ${formatPercent(e.pNever.b)} (${formatPointsChange(e.pNever.difference, e.pNever.differenceSe)} points)`,
  ];
}

/**
 * The comparison as a plain-text table: mean [5th to 95th percentile] of the per-path
 * difference at each year end and the final month, then the shift of each threshold event.
 */
function formatComparisonTable(comparison: Comparison): string {
  const { meta } = comparison.a;
  const rows = [["Month", ...COLUMNS.map(([title]) => title)]];
  for (const m of yearRowIndices(comparison.months)) {
    rows.push([comparison.months[m]!.slice(0, 7), ...COLUMNS.map(([, name]) => differenceCell(comparison, name, m))]);
  }
  const [la, lb] = comparison.labels;
  const lines = [
    `Comparison ${comparison.label}, path by path: ${meta.runs.toLocaleString("en-US")} paired runs (seed ${meta.seed}: the same random draws in both), ${meta.horizonMonths} months from ${meta.start}, ${meta.step} step`,
    "Mean [5th to 95th percentile] of the per-path difference at month end; occupied share in percentage points (pp), people in thousands.",
    "",
    ...alignColumns(rows),
    "",
    `Months from ${meta.start} until the occupied share first reaches (${la} → ${lb}):`,
    ...alignColumns(
      comparison.events.map((e) => eventCells(e, meta.horizonMonths)),
      4,
    ).map((line) => `  ${line.trimEnd()}`),
  ];
  return lines.join("\n") + "\n";
}

/** The `compare` command: `compare <a> <b> [--runs N --seed S --months M --step --threshold X --format table|json|csv|svg --series NAME --out FILE]`. */
export async function compare(args: readonly string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags(
    "compare",
    args,
    ["runs", "seed", "months", "step", "format", "out", "threshold", "series", "force"],
    ["threshold"],
    ["force"],
  );
  const options = runOptionFlags(flags);
  const format = choiceFlag("format", flags.format?.[0], ["table", "json", "csv", "svg"] as const) ?? "table";
  const series = seriesFlag(flags.series?.[0], format);
  const output = outputFlags(flags);
  expectPositionals("compare", positionals, ["<preset | scenario.json> (a)", "<preset | scenario.json> (b)"]);
  resolveOptions({ ...options, keepPaths: true }); // the library's own checks, before any work
  if (output.out !== undefined) checkWritable(output.out, output.force);
  const a = loadScenario(positionals[0]!);
  const b = loadScenario(positionals[1]!);

  await writeResult(io, output, async (signal, onProgress) => {
    const comparison = await compareScenarios(a, b, { ...options, signal, onProgress });
    return format === "json"
      ? `${JSON.stringify(comparison.toJSON(), null, 2)}\n`
      : format === "csv"
        ? comparison.toCSV()
        : format === "svg"
          ? comparison.toSVG(series)
          : formatComparisonTable(comparison);
  });
  return 0;
}
