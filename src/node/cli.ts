#!/usr/bin/env node
/**
 * The `attrition-sim` command (DESIGN §4). Exit codes: 0 ok, 1 internal error, 2 bad input,
 * 130 interrupted. Only results go to stdout; messages and the progress bar go to stderr.
 * Never imports mathjs (units load it lazily, only for unit strings), so it starts fast.
 */
import { scenarioReport } from "./report.js";
import { randomBytes } from "node:crypto";
import { accessSync, constants, existsSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_HORIZON_MONTHS, MAX_RUNS, resolveOptions, type SimulateOptions } from "../engine/options.js";
import { simulate } from "../engine/simulate.js";
import { formatIssue, InputError, OptionsError } from "../errors.js";
import { scenarioJsonSchema } from "../scenario/json-schema.js";
import { parameterTable } from "../scenario/parameter-table.js";
import { parseScenario } from "../scenario/parse.js";
import { presetNames, presets } from "../scenario/presets.js";
import type { Scenario } from "../scenario/schema.js";
import { LIBRARY } from "../version.js";
import { formatNameList, formatParameterTable, formatProgress, formatProjectionTable, formatUsage } from "./format-table.js";

/** Where the command writes (process.stdout / process.stderr by default; tests pass their own). */
export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
}
export interface CliIO {
  stdout: CliStream;
  stderr: CliStream;
}

/** Bad input found by the command line itself: one message line per problem (exit 2). */
class BadInput extends Error {
  readonly lines: string[];
  constructor(...lines: string[]) {
    super(lines.join("\n"));
    this.lines = lines;
  }
}

// ── flags ──────────────────────────────────────────────────────────────────────────────────

type Flags = Record<string, string[]>;

/** Split `args` into positionals and `--flag value` / `--flag=value` pairs; unknown flags are errors. */
function parseFlags(command: string, args: readonly string[], known: readonly string[], repeatable: readonly string[] = []): { positionals: string[]; flags: Flags } {
  const positionals: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-" || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") ? arg.slice(2, eq < 0 ? undefined : eq) : "";
    if (!known.includes(name)) {
      const list = known.length ? ` (options: ${known.map((k) => `--${k}`).join(", ")})` : " (it takes no options)";
      throw new BadInput(`unknown option ${JSON.stringify(eq < 0 ? arg : arg.slice(0, eq))} for ${command}${list}`);
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      if (value === undefined || value.startsWith("--")) throw new BadInput(`--${name}: expected a value, got nothing`);
      i += 1;
    }
    if (flags[name] && !repeatable.includes(name)) throw new BadInput(`--${name}: given more than once`);
    (flags[name] ??= []).push(value);
  }
  return { positionals, flags };
}

function expectPositionals(command: string, positionals: readonly string[], names: readonly string[]): void {
  if (positionals.length < names.length) throw new BadInput(`${command}: missing ${names[positionals.length]} (try --help)`);
  if (positionals.length > names.length) throw new BadInput(`${command}: unexpected argument ${JSON.stringify(positionals[names.length])}`);
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function integerFlag(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = DECIMAL.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadInput(`--${flag}: expected an integer from ${min} to ${max}, got ${DECIMAL.test(text.trim()) ? text.trim() : JSON.stringify(text)}`);
  }
  return value;
}

function choiceFlag<T extends string>(flag: string, text: string | undefined, choices: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) throw new BadInput(`--${flag}: expected one of ${choices.join(", ")}, got ${JSON.stringify(text)}`);
  return text as T;
}

function thresholdFlags(texts: readonly string[] | undefined): number[] | undefined {
  if (!texts) return undefined;
  return texts.flatMap((text) => text.split(",")).map((part) => {
    const t = part.trim();
    const percent = t.endsWith("%");
    const body = percent ? t.slice(0, -1).trim() : t;
    const value = DECIMAL.test(body) ? Number(body) / (percent ? 100 : 1) : NaN;
    if (!(value > 0 && value <= 1)) throw new BadInput(`--threshold: expected a share in (0, 1] (e.g. 0.4 or 40%), got ${JSON.stringify(part)}`);
    return value;
  });
}

const FLAG_OF_OPTION: Record<string, string> = { runs: "--runs", seed: "--seed", horizonMonths: "--months", step: "--step" };

/** Name run-option problems after the flags the user typed. */
function optionLines(error: OptionsError): string[] {
  return error.issues.map((issue) => {
    const flag = issue.path.startsWith("thresholds") ? "--threshold" : FLAG_OF_OPTION[issue.path];
    return flag ? `${flag}: ${issue.message}` : formatIssue(issue);
  });
}

// ── scenarios ──────────────────────────────────────────────────────────────────────────────

/** A preset name, or a scenario file read as UTF-8 JSON. */
function loadScenarioInput(arg: string): unknown {
  if ((presetNames as string[]).includes(arg)) return arg;
  let text: string;
  try {
    text = readFileSync(arg, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !/[\\/]|\.json$/i.test(arg)) {
      throw new BadInput(`unknown preset or file ${JSON.stringify(arg)} (presets: ${presetNames.join(", ")})`);
    }
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : (error as Error).message;
    throw new BadInput(`${arg}: cannot read: ${why}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new BadInput(`${arg}: invalid JSON: ${(error as Error).message}`);
  }
}

/** Load and validate a scenario; every problem becomes a `<file>: <path>: <message>` line. */
function loadScenario(arg: string): Scenario {
  const input = loadScenarioInput(arg);
  try {
    return parseScenario(input);
  } catch (error) {
    if (error instanceof InputError) throw new BadInput(...error.issues.map((issue) => `${arg}: ${formatIssue(issue)}`));
    throw error;
  }
}

// ── output ─────────────────────────────────────────────────────────────────────────────────

/** Fail early (before simulating) when `file` cannot be written. */
function checkWritable(file: string): void {
  const target = resolve(file);
  let why: string | undefined;
  try {
    if (!statSync(dirname(target)).isDirectory()) why = "its folder is not a folder";
    else accessSync(dirname(target), constants.W_OK);
    if (existsSync(target) && statSync(target).isDirectory()) why = "it is a directory";
  } catch {
    why = "its folder does not exist or is not writable";
  }
  if (why) throw new BadInput(`--out: cannot write ${JSON.stringify(file)}: ${why}`);
}

/** Write to a temporary file in the same folder, then rename it into place (never a partial file). */
function writeAtomically(file: string, text: string): void {
  const target = resolve(file);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, text, { encoding: "utf8", flag: "wx" });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new BadInput(`--out: cannot write ${JSON.stringify(file)}: ${(error as Error).message}`);
  }
}

/** Redraw the progress line on stderr when the whole percentage changes. */
function progressBar(stream: CliStream): { update: (fraction: number) => void; clear: () => void } {
  let shown = -1;
  const update = (fraction: number) => {
    if (Math.floor(fraction * 100) !== shown) stream.write(`\r${formatProgress(fraction)}`);
    shown = Math.floor(fraction * 100);
  };
  return { update, clear: () => void (shown >= 0 && stream.write("\r\x1b[2K")) };
}

// ── commands ───────────────────────────────────────────────────────────────────────────────

async function run(args: readonly string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags("run", args, ["runs", "seed", "months", "step", "format", "out", "threshold"], ["threshold"]);
  const options: SimulateOptions = {
    runs: integerFlag("runs", flags.runs?.[0], 1, MAX_RUNS),
    seed: integerFlag("seed", flags.seed?.[0], 0, 2 ** 32 - 1),
    horizonMonths: integerFlag("months", flags.months?.[0], 1, MAX_HORIZON_MONTHS),
    step: choiceFlag("step", flags.step?.[0], ["day", "month"] as const),
    thresholds: thresholdFlags(flags.threshold),
  };
  for (const key of Object.keys(options) as (keyof SimulateOptions)[]) if (options[key] === undefined) delete options[key];
  const format = choiceFlag("format", flags.format?.[0], ["table", "json", "csv"] as const) ?? "table";
  const out = flags.out?.[0];
  if (out !== undefined && out.trim() === "") throw new BadInput("--out: expected a file name, got nothing");
  expectPositionals("run", positionals, ["<preset | scenario.json>"]);
  resolveOptions(options); // the library's own checks, before any work
  if (out !== undefined) checkWritable(out);
  const scenario = loadScenario(positionals[0]!);

  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once("SIGINT", onInterrupt); // a second Ctrl-C falls through to Node's default (exit)
  const progress = io.stderr.isTTY ? progressBar(io.stderr) : undefined;
  let text: string;
  try {
    const projection = await simulate(scenario, { ...options, signal: controller.signal, onProgress: progress?.update });
    text = format === "json" ? `${JSON.stringify(projection.toJSON(), null, 2)}\n` : format === "csv" ? projection.toCSV() : formatProjectionTable(projection.toJSON());
  } finally {
    process.removeListener("SIGINT", onInterrupt);
    progress?.clear();
  }
  if (out !== undefined) writeAtomically(out, text);
  else io.stdout.write(text);
  return 0;
}

async function report(args: readonly string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags("report", args, ["runs", "seed"]);
  const runs = integerFlag("runs", flags.runs?.[0], 1, MAX_RUNS);
  const seed = integerFlag("seed", flags.seed?.[0], 0, 2 ** 32 - 1);
  if (positionals.length > 1) expectPositionals("report", positionals, ["[preset | scenario.json]"]);
  const scenario = loadScenario(positionals[0] ?? "baseline");
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once("SIGINT", onInterrupt);
  const progress = io.stderr.isTTY ? progressBar(io.stderr) : undefined;
  try {
    io.stdout.write(await scenarioReport(scenario, { runs, seed, signal: controller.signal, onProgress: progress?.update }));
  } finally {
    process.removeListener("SIGINT", onInterrupt);
    progress?.clear();
  }
  return 0;
}

function scenarios(args: readonly string[], io: CliIO): number {
  expectPositionals("scenarios", parseFlags("scenarios", args, []).positionals, []);
  io.stdout.write(formatNameList(presetNames.map((name) => [name, String((presets[name] as { description?: unknown }).description ?? "")])));
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

const COMMANDS: Record<string, (args: readonly string[], io: CliIO) => number | Promise<number>> = { run, report, scenarios, schema, validate, params };

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
export async function main(argv: readonly string[] = process.argv.slice(2), io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const say = (line: string) => io.stderr.write(`attrition-sim: ${line}\n`);
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

/** True when this module is the script Node was started with (ESM or CJS build, or tsx). */
function isRunAsScript(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  let self: string;
  try {
    self = realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
  // The Node entry (dist/node/index.*) bundles this module too: only the cli file is the bin.
  if (!/^cli\.[cm]?[jt]s$/.test(basename(self))) return false;
  for (const candidate of [script, `${script}.js`, `${script}.cjs`, `${script}.mjs`]) {
    try {
      if (realpathSync(candidate) === self) return true;
    } catch {
      // not this one
    }
  }
  return false;
}

if (isRunAsScript()) {
  // `attrition-sim … | head` closes the pipe early: stop quietly instead of crashing.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  void main().then((code) => {
    process.exitCode = code;
  });
}
