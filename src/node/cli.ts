/**
 * The `attrition-sim` command (DESIGN §4). Exit codes: 0 ok, 1 internal error, 2 bad input,
 * 130 interrupted. Only results go to stdout; messages and the progress bar go to stderr.
 * Never imports mathjs (units load it lazily, only for unit strings), so it starts fast.
 * The executable is src/node/bin.ts (dist/node/cli.js); this module only exports `main`.
 */
import { availableParallelism } from "node:os";
import { MAX_RUNS, resolveOptions } from "../engine/options.js";
import { BLOCK_SIZE } from "../engine/run.js";
import { simulate } from "../results/simulate.js";
import { formatIssue, InputError, OptionsError } from "../util/errors.js";
import { scenarioJsonSchema } from "../scenario/json-schema.js";
import { parameterTable } from "../scenario/parameter-table.js";
import { presetNames, presets } from "../scenario/presets.js";
import { shardToText } from "../results/shard.js";
import { LIBRARY } from "../util/version.js";
import { formatNameList, formatParameterTable, formatProjectionTable, formatUsage } from "./format-table.js";
import {
  BadInput,
  choiceFlag,
  expectPositionals,
  integerFlag,
  optionLines,
  outputFlags,
  parseFlags,
  rangeFlag,
  runOptionFlags,
  seriesFlag,
  type CliIO,
} from "./args.js";
import { checkWritable, loadScenario, writeResult } from "./io.js";
import { backtestCommand } from "./commands/backtest.js";
import { compare } from "./commands/compare.js";
import { dataCommand } from "./commands/data.js";
import { forecastCommand } from "./commands/forecast.js";
import { merge } from "./commands/merge.js";
import { sensitivityCommand } from "./commands/sensitivity.js";
import { simulateParallel } from "./parallel.js";
import { scenarioReport } from "./report.js";

export type { CliIO, CliStream } from "./args.js";

// ── commands ───────────────────────────────────────────────────────────────────────────────

async function run(args: readonly string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags(
    "run",
    args,
    ["runs", "seed", "months", "step", "format", "out", "threshold", "series", "force", "workers", "range"],
    ["threshold"],
    ["force"],
  );
  const options = runOptionFlags(flags);
  const runRange = rangeFlag(flags.range?.[0]);
  if (runRange) options.runRange = runRange;
  const workers = integerFlag("workers", flags.workers?.[0], 1, 256) ?? availableParallelism();
  const format = choiceFlag("format", flags.format?.[0], ["table", "json", "csv", "svg", "shard"] as const) ?? "table";
  if (options.runRange && format !== "shard")
    throw new BadInput(
      `--range: a shard is only written with --format shard (merge shards with 'attrition-sim merge'), got --format ${format}`,
    );
  const series = seriesFlag(flags.series?.[0], format);
  const output = outputFlags(flags);
  expectPositionals("run", positionals, ["<preset | scenario.json>"]);
  resolveOptions(options); // the library's own checks, before any work
  if (output.out !== undefined) checkWritable(output.out, output.force);
  const scenario = loadScenario(positionals[0]!);

  await writeResult(io, output, async (signal, onProgress) => {
    const run = { ...options, signal, onProgress };
    // Worker threads only pay off beyond a few blocks; the results are identical either way.
    const projection =
      workers > 1 && (options.runs ?? 10_000) > 4 * BLOCK_SIZE
        ? await simulateParallel(scenario, { ...run, workers })
        : await simulate(scenario, run);
    return format === "json"
      ? `${JSON.stringify(projection.toJSON(), null, 2)}\n`
      : format === "csv"
        ? projection.toCSV()
        : format === "svg"
          ? projection.toSVG(series)
          : format === "shard"
            ? shardToText(projection)
            : formatProjectionTable(projection.toJSON());
  });
  return 0;
}

async function report(args: readonly string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags("report", args, ["runs", "seed"]);
  const runs = integerFlag("runs", flags.runs?.[0], 1, MAX_RUNS);
  const seed = integerFlag("seed", flags.seed?.[0], 0, 2 ** 32 - 1);
  if (positionals.length > 1) expectPositionals("report", positionals, ["[preset | scenario.json]"]);
  const scenario = loadScenario(positionals[0] ?? "baseline");
  await writeResult(io, { out: undefined, force: false }, (signal, onProgress) =>
    scenarioReport(scenario, { runs, seed, signal, onProgress, forecast: (positionals[0] ?? "baseline") === "baseline" }),
  );
  return 0;
}

function scenarios(args: readonly string[], io: CliIO): number {
  expectPositionals("scenarios", parseFlags("scenarios", args, []).positionals, []);
  io.stdout.write(
    formatNameList(presetNames.map((name) => [name, String((presets[name] as { description?: unknown }).description ?? "")])),
  );
  return 0;
}

function schema(args: readonly string[], io: CliIO): number {
  expectPositionals("schema", parseFlags("schema", args, []).positionals, []);
  io.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  return 0;
}

function validate(args: readonly string[], io: CliIO): number {
  const { positionals } = parseFlags("validate", args, []);
  expectPositionals("validate", positionals, ["<file>"]);
  const scenario = loadScenario(positionals[0]!);
  io.stdout.write(`ok: ${scenario.name} (${parameterTable(scenario).length} parameters)\n`);
  return 0;
}

function params(args: readonly string[], io: CliIO): number {
  const { positionals } = parseFlags("params", args, []);
  expectPositionals("params", positionals, ["<preset | file>"]);
  io.stdout.write(formatParameterTable(parameterTable(loadScenario(positionals[0]!))));
  return 0;
}

const COMMANDS: Record<string, (args: readonly string[], io: CliIO) => number | Promise<number>> = {
  run,
  report,
  scenarios,
  schema,
  validate,
  params,
  compare,
  sensitivity: sensitivityCommand,
  merge,
  backtest: backtestCommand,
  data: dataCommand,
  forecast: forecastCommand,
};

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const end = argv.indexOf("--");
  const options = end < 0 ? argv : argv.slice(0, end);
  if (options.includes("--help") || options.includes("-h") || argv[0] === "help") {
    io.stdout.write(formatUsage());
    return 0;
  }
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr.write(formatUsage());
    return 2;
  }
  if (command === "--version" || command === "version") {
    if (rest.length) throw new BadInput(`${command}: unexpected argument ${JSON.stringify(rest[0])}`);
    io.stdout.write(`${LIBRARY.version}\n`);
    return 0;
  }
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) {
    const what = command.startsWith("-") ? "option" : "command";
    throw new BadInput(`unknown ${what} ${JSON.stringify(command)} (commands: ${Object.keys(COMMANDS).join(", ")}; try --help)`);
  }
  return handler(rest, io);
}

/**
 * Run the command line with `argv` (without `node` and the script) and return the exit code.
 * Never throws and never calls `process.exit`.
 * @example
 * process.exitCode = await main(["run", "baseline", "--runs", "1000", "--format", "json"]);
 */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  io: CliIO = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    // Each message is one line of printable text: control characters (a newline or an escape
    // sequence inside a key of a scenario file, say) are written as \u escapes.
    const say = (line: string) =>
      io.stderr.write(
        `attrition-sim: ${line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`,
      );
    if (error instanceof BadInput) error.lines.forEach(say);
    else if (error instanceof OptionsError) optionLines(error).forEach(say);
    else if (error instanceof InputError) error.issues.map(formatIssue).forEach(say);
    else if (error instanceof Error && error.name === "AbortError") {
      say("interrupted");
      return 130;
    } else {
      say(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
      return 1;
    }
    return 2;
  }
}
