/**
 * Plain-text tables for the command line: the year-by-year projection table with its events,
 * the parameter table and the preset list. Pure functions of their inputs (no I/O).
 */
import type { EventSummary } from "../analysis/events.js";
import type { ProjectionJson } from "../output/result-schema.js";
import type { ParameterRow } from "../scenario/parameter-table.js";
import { MAX_HORIZON_MONTHS, MAX_RUNS } from "../engine/options.js";
import { presetNames } from "../scenario/presets.js";
import { PEOPLE_COLUMNS } from "../output/columns.js";
import {
  formatGroupedNumber,
  formatMedianBand,
  formatMonths,
  formatPercent,
  formatThousands,
  formatThresholdPercent,
} from "../util/format.js";

/** Pad cells to aligned columns: the first `leftColumns` left-aligned, the rest right-aligned. */
export function alignColumns(rows: readonly (readonly string[])[], leftColumns = 1, gap = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = " ".repeat(widths[i]! - [...cell].length);
        if (i === row.length - 1 && i < leftColumns) return cell; // no trailing blanks
        return i < leftColumns ? cell + pad : pad + cell;
      })
      .join(gap),
  );
}

/** Indices of the rows of the year table: every December, and the final month. */
export function yearRowIndices(months: readonly string[]): number[] {
  const out: number[] = [];
  months.forEach((date, m) => {
    if (date.slice(5, 7) === "12" || m === months.length - 1) out.push(m);
  });
  return out;
}

const COLUMNS = PEOPLE_COLUMNS;

/** The cells of one event line: months until `occupiedShare` first reaches the threshold. */
function formatEvent(event: EventSummary, months: readonly string[]): string[] {
  const { p05, p50, p95 } = event.quantiles;
  const label = `≥ ${formatThresholdPercent(event.threshold)}`;
  const when = (q: number) => (q <= 0 ? "at start" : months[Math.min(months.length, Math.max(1, Math.ceil(q))) - 1]!.slice(0, 7));
  const median = p50 === null ? "median not within horizon" : `median ${formatMonths(p50)} months (${when(p50)})`;
  const range = p05 === null ? "90% band: not within horizon" : `90% band ${formatMonths(p05)}–${formatMonths(p95)}`;
  return [`occupied share ${label}`, median, range, `P(never within ${months.length} months) ${formatPercent(event.pNever)}`];
}

/**
 * The year-by-year table of a projection (median [p05–p95] per year-end and the final month;
 * people in thousands) followed by the time-to-threshold events.
 */
export function formatProjectionTable(json: ProjectionJson): string {
  const { options, months, series } = json;
  const header = ["Month", "Occupied %", ...COLUMNS.map(([title]) => title)];
  const rows: string[][] = [header];
  for (const m of yearRowIndices(months)) {
    rows.push([
      months[m]!.slice(0, 7),
      formatMedianBand(series.occupiedShare, m, formatPercent),
      ...COLUMNS.map(([, name]) => formatMedianBand(series[name], m, formatThousands)),
    ]);
  }
  const lines = [
    `Scenario ${json.scenario.name}: ${options.runs.toLocaleString("en-US")} runs, seed ${options.seed}, ${options.horizonMonths} months from ${options.start}, ${options.step} step`,
    "Median [5th–95th percentile] at month end; people in thousands, losses cumulative since the start.",
    "",
    ...alignColumns(rows),
    "",
    `Months from ${options.start} until the occupied share first reaches:`,
    ...alignColumns(
      [...json.events].sort((a, b) => a.threshold - b.threshold).map((e) => formatEvent(e, months)),
      4,
    ).map((line) => `  ${line.trimEnd()}`),
  ];
  return lines.join("\n") + "\n";
}

/** The parameter table of a scenario: path, value or distribution, median, provenance. */
export function formatParameterTable(rows: readonly ParameterRow[]): string {
  const cells = [
    ["Parameter", "Value", "Median", "Provenance"],
    ...rows.map((r) => [r.path, r.value, formatGroupedNumber(r.median, 4), r.provenance]),
  ];
  // Left-align path and value; right-align the median; provenance last, left-aligned.
  const widths = [0, 1, 2].map((i) => Math.max(...cells.map((row) => [...row[i]!].length)));
  return (
    cells
      .map((row) => [row[0]!.padEnd(widths[0]!), row[1]!.padEnd(widths[1]!), row[2]!.padStart(widths[2]!), row[3]!].join("  ").trimEnd())
      .join("\n") + "\n"
  );
}

/** Two aligned columns: name and description. */
export function formatNameList(entries: readonly [name: string, description: string][]): string {
  return (
    alignColumns(
      entries.map(([name, description]) => [name, description]),
      2,
    )
      .map((l) => l.trimEnd())
      .join("\n") + "\n"
  );
}

/** A 30-character progress bar with the percentage: `[#########                     ]  31%`. */
export function formatProgress(fraction: number, secondsLeft?: number): string {
  const filled = Math.max(0, Math.min(30, Math.round(fraction * 30)));
  const eta =
    secondsLeft === undefined || !Number.isFinite(secondsLeft)
      ? ""
      : secondsLeft >= 90
        ? `, about ${Math.round(secondsLeft / 60)} min left`
        : `, about ${Math.max(1, Math.round(secondsLeft))} s left`;
  return `[${"#".repeat(filled)}${" ".repeat(30 - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%${eta}`;
}

/** The help text of the command line. */
export function formatUsage(): string {
  return `Usage: attrition-sim <command> [options]

Commands:
  run <preset | scenario.json>  Simulate a scenario and print the projection
      --runs N                  Monte Carlo paths, 1…${MAX_RUNS} (default 10000)
      --seed S                  random seed, an integer 0…4294967295 (default 1)
      --months M                horizon in months, 1…${MAX_HORIZON_MONTHS} (default 120)
      --step month|day          time step: month (default; 12 sub-steps a month, within 0.5%
                                of the daily reference) or day (the reference, ≈ 2–2.5× slower)
      --format FORMAT           table (default), json, csv, svg (a fan chart), or shard (see merge)
      --series NAME             the chart's series with --format svg (default occupiedShare)
      --out FILE                write the result to FILE instead of stdout
      --force                   overwrite FILE if it exists (without it, an existing file is kept)
      --workers N               worker threads (default: available cores; results are identical)
      --range FROM:TO           run only paths FROM…TO-1 of --runs as a shard (with --format shard;
                                multiples of 1024, TO may equal --runs)
      --threshold X             extra occupied-share threshold in (0, 1] for the events
                                (repeatable, or comma-separated: 0.2,0.4 or 40%)
  compare <a> <b>               Run b and a on the same random draws; print the per-path
                                difference b − a and the shift of each event
      (options as for run)
  sensitivity <preset | file>   Which assumptions drive one target (docs/sensitivity.md)
      --target T                occupiedShare@2030-12, dprkLosses@2026-12 (any series@YYYY-MM),
                                or monthsTo:occupiedShare>=0.25 (never = horizon + 1 months)
      --method tornado|sobol    tornado (default: one run, bottom vs top 20% of each draw) or
                                sobol (first/total-order indices, path noise as one factor)
      --runs N                  tornado: paths (default 10000); sobol: paths per matrix (default 2048)
      --months M, --step        horizon (default: to the target month, or 120), step (default month)
      --resamples B             bootstrap resamples per interval (default 200)
      --seed, --format table|json|csv|svg, --out, --force   as for run
  merge <shard>...              Merge shards of one run (run --range … --format shard) into the
                                whole run, identical to running it at once
      --format table|json|csv|shard, --out, --force   as for run
  backtest                      Rolling-origin league table: the calibrated model against naive
                                baselines on area, claims and The Economist's casualties (docs/backtest.md)
      --observations DIR        newer CSV files with the shipped names (others stay the shipped data)
      --origins FROM:TO         origin months (default 2023-07 to the last that leaves an observed month)
      --particles N             ABC-SMC particles per origin (default 4000), --seed S (default 1)
      --format table|json|csv|svg   table (default), attrition-sim/backtest@1 JSON, CSV, PIT histograms
      --out, --force            as for run
  forecast                      Forecast from the latest data: the particle filter over every observed
                                month, then each filtered particle carried on; θ drawn from the shipped
                                posterior, 100 particles per draw (docs/forecast.md)
      --observations DIR        a folder of CSV files with the names and columns of data/ (default:
                                the shipped data); a source with no file is left out
      --through YYYY-MM         ignore rows after this month; the forecast starts the month after
      --refit                   θ's posterior re-inferred on this window first: tempered SMC on one
                                worker per core (minutes; progress and ETA on stderr)
      --months N                months forecast, 1…120 (default 12)
      --runs R                  particles, 100…20480 (default 4000), --seed S (default 1)
      --format table|json|csv|svg   table (default), attrition-sim/forecast@1 JSON, CSV, fan chart
      --series NAME             the chart's reported series with --format svg: occupiedKm2 (default),
                                claimedLosses or casualtiesEst, after its observed history
      --out, --force            as for run
  data convert --source S FILE  Turn an upstream file into its shipped layout and name in data/
                                (docs/data.md); notes on what it left out go to stderr
      --source petroivaniuk     FILE: PetroIvaniuk's russia_losses_personnel.json (the General
                                Staff's claims) → russia_personnel_losses_daily.csv
      --source economist        FILE [FILE]: the Economist's tracker meta-estimate-casualties.csv
                                and, optionally, meta-estimate-deaths.csv (any order) →
                                economist_russian_losses_meta_estimate_daily.csv, in whole people
      --out FILE, --force       as for run (default: stdout)
  report [preset | file]        The main job (npm start): 10-year table and headline answers
      --runs N, --seed S        as for run (defaults 10000 and 1)
  scenarios                     List the presets
  schema                        Print the JSON Schema of a scenario file
  validate <file>               Check a scenario file
  params <preset | file>        Print a scenario's parameters with their provenance
  help, --help, -h              Print this help
  --version                     Print the version

Presets: ${presetNames.join(", ")}
Exit codes: 0 ok, 1 internal error, 2 bad input, 130 interrupted.
`;
}
