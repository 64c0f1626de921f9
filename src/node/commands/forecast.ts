/**
 * `attrition-sim forecast`: a forecast that starts from the latest data (issue 14): the particle
 * filter over every observed month of the window, then each filtered particle carried on.
 * Formats: a month-by-month table of what the sources would report (default), the
 * `attrition-sim/forecast@1` JSON, tidy CSV, or an SVG fan chart of a reported series after its
 * observed history (`--series occupiedKm2|claimedLosses|casualtiesEst`). What was
 * read and not used (the result's notes) is in the table, or on stderr for the other formats.
 */
import { REPORTED_SERIES, type Forecast } from "../../results/forecast.js";
import { forecastParallel } from "../forecast-parallel.js";
import { formatMedianBand, formatPercent, formatThousands } from "../../util/format.js";
import { BadInput, choiceFlag, expectPositionals, integerFlag, outputFlags, parseFlags, type CliIO } from "../args.js";
import { alignColumns } from "../format-table.js";
import { checkWritable, writeResult } from "../io.js";
import { loadObservationsDir } from "../observations-dir.js";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const kilometres = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "–");

/** The forecast as a table: per month, the reported series and the model's occupied share; then the window, sources and notes. */
export function formatForecastTable(f: Forecast): string {
  const columns: [string, (m: number) => string][] = [];
  const reported = f.reportedSeries;
  if (reported.includes("occupiedKm2")) columns.push(["ISW area (km²)", (m) => formatMedianBand(f.reported("occupiedKm2"), m, kilometres)]);
  if (reported.includes("claimedLosses"))
    columns.push(["Claims (k)", (m) => formatMedianBand(f.reported("claimedLosses"), m, formatThousands)]);
  if (reported.includes("casualtiesEst"))
    columns.push(["Economist (k)", (m) => formatMedianBand(f.reported("casualtiesEst"), m, formatThousands)]);
  columns.push(["Occupied % (model)", (m) => formatMedianBand(f.series("occupiedShare"), m, formatPercent)]);
  const rows = [["Month", ...columns.map(([title]) => title)]];
  f.months.forEach((date, m) => rows.push([date.slice(0, 7), ...columns.map(([, cell]) => cell(m))]));
  const ess = [...f.filter.ess].sort((a, b) => a - b);
  const lines = [
    `Forecast from ${f.through}: ${f.filter.particles.toLocaleString("en-US")} particles filtered over ${f.from} … ${f.through} (${f.filter.months} months), seed ${f.meta.seed}, then carried on ${f.meta.horizonMonths} months`,
    `Parameters: ${f.parameters.note}`,
    "Median [5th–95th percentile] at month end of what each source would report (its observation model: noise and the claims bias included); claims and the Economist's estimate cumulative since 2022-02-24, in thousands.",
    "",
    ...alignColumns(rows),
    "",
    "Sources weighed:",
    ...f.sources.map((s) => `  ${s.source}: ${s.file} (${s.firstMonth} … ${s.lastMonth})`),
    `Filter: log-likelihood ${f.filter.logLikelihood.toFixed(1)}; effective sample size min ${ess[0]?.toFixed(1)}, median ${ess[ess.length >> 1]?.toFixed(0)} of ${f.filter.particles}`,
    ...(f.notes.length ? ["Notes:", ...f.notes.map((n) => `  ${n}`)] : []),
  ];
  return lines.join("\n") + "\n";
}

/** The `forecast` command: `forecast [--observations DIR] [--through YYYY-MM] [--refit] [--months N] [--runs R] [--seed S] [--format …] [--series NAME] [--out FILE [--force]]`. */
export async function forecastCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags(
    "forecast",
    args,
    ["observations", "through", "refit", "months", "runs", "seed", "format", "series", "out", "force"],
    [],
    ["refit", "force"],
  );
  expectPositionals("forecast", positionals, []);
  const through = flags.through?.[0];
  if (through !== undefined && !MONTH.test(through))
    throw new BadInput(`--through: expected a month YYYY-MM, got ${JSON.stringify(through)}`);
  const horizonMonths = integerFlag("months", flags.months?.[0], 1, 120);
  const runs = integerFlag("runs", flags.runs?.[0], 100, 20_480);
  const seed = integerFlag("seed", flags.seed?.[0], 0, 2 ** 32 - 1);
  const format = choiceFlag("format", flags.format?.[0], ["table", "json", "csv", "svg"] as const) ?? "table";
  const seriesText = flags.series?.[0];
  if (seriesText !== undefined && format !== "svg") throw new BadInput(`--series: only with --format svg, got --format ${format}`);
  const series = choiceFlag("series", seriesText, REPORTED_SERIES) ?? "occupiedKm2";
  const output = outputFlags(flags);
  if (output.out !== undefined) checkWritable(output.out, output.force);
  const dir = flags.observations?.[0];
  const observations = dir === undefined ? undefined : loadObservationsDir(dir);

  let notes: readonly string[] = [];
  await writeResult(io, output, async (signal, onProgress) => {
    // A refit's filter runs go to worker threads (one per core); the result is the same bytes.
    const f = await forecastParallel({
      ...(observations ? { observations } : {}),
      ...(through ? { through } : {}),
      ...(horizonMonths !== undefined ? { horizonMonths } : {}),
      ...(runs !== undefined ? { runs } : {}),
      ...(seed !== undefined ? { seed } : {}),
      refit: flags.refit !== undefined,
      signal,
      onProgress,
    });
    notes = f.notes;
    return format === "json"
      ? `${JSON.stringify(f.toForecastJSON(), null, 2)}\n`
      : format === "csv"
        ? f.toCSV()
        : format === "svg"
          ? f.reportedSVG(series)
          : formatForecastTable(f);
  });
  // The table lists its notes; the other formats say them on stderr (the JSON holds them too).
  if (format !== "table") for (const note of notes) io.stderr.write(`attrition-sim: note: ${note}\n`);
  return 0;
}
