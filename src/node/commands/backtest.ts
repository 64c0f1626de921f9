/**
 * `attrition-sim backtest [--observations DIR] [--origins FROM:TO]`: the rolling-origin league
 * table of today's model (the calibrated hindcast) against the naive baselines (issue 13).
 * Formats: a plain-text table (default), the `attrition-sim/backtest@1` JSON, CSV, or an SVG of
 * the PIT histograms.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { SHIPPED_LEAGUE_DATA, LEAGUE_SERIES, seriesMonths, type LeagueData, type LeagueSeries } from "../../analysis/league-data.js";
import { baselineForecasters, BACKTEST_CALIBRATION, calibratedHindcastForecaster } from "../../analysis/league-forecasters.js";
import { defaultLeagueOrigins, runLeague } from "../../analysis/league.js";
import { addMonths } from "../../analysis/observations.js";
import { CsvError, parseClaimedLossesMonthlyCsv, parseOccupiedAreaMonthlyCsv } from "../../data/csv.js";
import { parseEconomistCasualtiesCsv } from "../../data/economist.js";
import { formatIssue } from "../../util/errors.js";
import { backtestToCsv } from "../../output/backtest-csv.js";
import { formatBacktestTable } from "../../output/backtest-format.js";
import { backtestToJson } from "../../output/backtest-json.js";
import { backtestPitSvg } from "../../output/backtest-svg.js";
import { BadInput, choiceFlag, expectPositionals, integerFlag, outputFlags, parseFlags, type CliIO } from "../args.js";
import { checkWritable, writeResult } from "../io.js";

/** The observation files `--observations DIR` looks for, by the shipped names. */
export const OBSERVATION_FILES: Record<LeagueSeries, string> = {
  occupiedKm2: "occupied_area_isw_monthly.csv",
  claimedLosses: "russia_personnel_losses_monthly.csv",
  casualtiesEst: "economist_russian_losses_meta_estimate_daily.csv",
};

/** Largest observation file read (the shipped daily Economist file is ~100 kB). */
const MAX_OBSERVATION_BYTES = 64 * 1024 * 1024;

/** Read one observation file; a malformed one is one line naming the file, line and column. */
function readObservations<T>(file: string, parse: (text: string) => T): T {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_OBSERVATION_BYTES)
      throw new BadInput(
        `${file}: cannot read: ${size} bytes is larger than the ${MAX_OBSERVATION_BYTES / 1024 ** 2} MiB cap on observation files`,
      );
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof BadInput) throw error;
    throw new BadInput(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const [first, ...rest] = error.issues;
    const more = rest.filter((i) => i.line > 0).length;
    throw new BadInput(
      `${file}: ${first ? formatIssue(first) : error.message}${more ? ` (and ${more} more problem${more > 1 ? "s" : ""} in the file)` : ""}`,
    );
  }
}

/**
 * The series from `dir`: each file found there replaces the shipped series of the same name;
 * the others stay the shipped ones. At least one must be there.
 */
export function loadObservations(dir: string): { data: LeagueData; sources: Partial<Record<LeagueSeries, string>> } {
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDirectory)
    throw new BadInput(
      `--observations: expected a folder holding ${Object.values(OBSERVATION_FILES).join(", ")} (any of them), got ${JSON.stringify(dir)} (no such folder)`,
    );
  const present = LEAGUE_SERIES.filter((s) => {
    try {
      return statSync(join(dir, OBSERVATION_FILES[s])).isFile();
    } catch {
      return false;
    }
  });
  if (present.length === 0)
    throw new BadInput(
      `--observations: expected at least one of ${Object.values(OBSERVATION_FILES).join(", ")} in ${JSON.stringify(dir)}, got none`,
    );
  const data: LeagueData = { ...SHIPPED_LEAGUE_DATA };
  const sources: Partial<Record<LeagueSeries, string>> = {};
  for (const s of present) {
    const file = join(dir, OBSERVATION_FILES[s]);
    sources[s] = file;
    if (s === "occupiedKm2") data.occupiedArea = readObservations(file, parseOccupiedAreaMonthlyCsv);
    else if (s === "claimedLosses") data.claimedLosses = readObservations(file, parseClaimedLossesMonthlyCsv);
    else data.economistCasualties = readObservations(file, parseEconomistCasualtiesCsv);
    if (seriesMonths(data, s).length === 0) throw new BadInput(`${file}: expected at least one row of data, got only a header`);
  }
  return { data, sources };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** First month of every calibration window and of the baselines' increments. */
const BACKTEST_FROM = "2023-01";

/** `--origins FROM:TO`, checked against what the data allow. */
function originsFlag(text: string | undefined, allowed: readonly string[]): string[] {
  const [first, last] = [allowed[0], allowed.at(-1)];
  if (first === undefined || last === undefined)
    throw new BadInput("--observations: expected data reaching past 2023-07, got series that end before it");
  if (text === undefined) return [...allowed];
  const match = /^(\S+):(\S+)$/.exec(text);
  if (!match || !MONTH.test(match[1]!) || !MONTH.test(match[2]!))
    throw new BadInput(`--origins: expected FROM:TO, two months YYYY-MM (e.g. ${first}:${last}), got ${JSON.stringify(text)}`);
  const [from, to] = [match[1]!, match[2]!];
  if (from > to) throw new BadInput(`--origins: expected FROM no later than TO, got ${from}:${to}`);
  const earliest = addMonths(BACKTEST_FROM, 3);
  if (from < earliest)
    throw new BadInput(`--origins: expected FROM from ${earliest} on (each calibration needs 4 months from ${BACKTEST_FROM}), got ${from}`);
  if (to > last)
    throw new BadInput(`--origins: expected TO no later than ${last} (the last month that leaves an observed month), got ${to}`);
  const origins: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) origins.push(m);
  return origins;
}

/**
 * The `backtest` command: `backtest [--observations DIR] [--origins FROM:TO] [--particles N]
 * [--seed S] [--format table|json|csv|svg] [--out FILE [--force]]`.
 */
export async function backtestCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags(
    "backtest",
    args,
    ["observations", "origins", "particles", "seed", "format", "out", "force"],
    [],
    ["force"],
  );
  expectPositionals("backtest", positionals, []);
  const format = choiceFlag("format", flags.format?.[0], ["table", "json", "csv", "svg"] as const) ?? "table";
  const particles = integerFlag("particles", flags.particles?.[0], 20, 100_000) ?? BACKTEST_CALIBRATION.particles;
  const seed = integerFlag("seed", flags.seed?.[0], 0, 2 ** 32 - 1) ?? 1;
  const output = outputFlags(flags);
  const dir = flags.observations?.[0];
  if (dir !== undefined && dir.trim() === "") throw new BadInput("--observations: expected a folder, got nothing");
  const { data, sources } = dir === undefined ? { data: SHIPPED_LEAGUE_DATA, sources: {} } : loadObservations(dir);
  const origins = originsFlag(flags.origins?.[0], defaultLeagueOrigins(data));
  if (output.out !== undefined) checkWritable(output.out, output.force);

  const forecasters = [
    calibratedHindcastForecaster({ from: BACKTEST_FROM, calibration: { ...BACKTEST_CALIBRATION, particles, seed } }),
    ...baselineForecasters({ from: BACKTEST_FROM }),
  ];
  await writeResult(io, output, async (signal, onProgress) => {
    const result = await runLeague(data, forecasters, { origins, seed, signal, onProgress });
    const json = backtestToJson(result, data, sources);
    return format === "json"
      ? `${JSON.stringify(json, null, 2)}\n`
      : format === "csv"
        ? backtestToCsv(json)
        : format === "svg"
          ? backtestPitSvg(json)
          : formatBacktestTable(json);
  });
  return 0;
}
