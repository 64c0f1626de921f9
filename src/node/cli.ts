#!/usr/bin/env node
/**
 * The `attrition-sim` command (DESIGN §4). Exit codes: 0 ok, 1 internal error, 2 bad input,
 * 130 interrupted. Only results go to stdout; messages and the progress bar go to stderr.
 * Never imports mathjs (units load it lazily, only for unit strings), so it starts fast.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_HORIZON_MONTHS, MAX_RUNS, resolveOptions, type SimulateOptions } from "../engine/options.js";
import { BLOCK_SIZE, simulate } from "../engine/simulate.js";
import { formatIssue, InputError, OptionsError } from "../errors.js";
import { scenarioJsonSchema } from "../scenario/json-schema.js";
import { parameterTable } from "../scenario/parameter-table.js";
import { parseScenario } from "../scenario/parse.js";
import { presetNames, presets } from "../scenario/presets.js";
import type { Scenario } from "../scenario/schema.js";
import { SERIES, type SeriesName } from "../engine/store.js";
import { shardToText } from "../output/shard.js";
import { LIBRARY } from "../version.js";
import { formatNameList, formatParameterTable, formatProgress, formatProjectionTable, formatUsage } from "./format-table.js";
import { checkWritable as checkTarget, safeWriteFile, SafeWriteError } from "./safe-write.js";
import { compare } from "./commands/compare.js";
import { merge } from "./commands/merge.js";
import { sensitivityCommand } from "./commands/sensitivity.js";
import { simulateParallel } from "./parallel.js";
import { scenarioReport } from "./report.js";

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
export class BadInput extends Error {
  readonly lines: string[];
  constructor(...lines: string[]) {
    super(lines.join("\n"));
    this.lines = lines;
  }
}

// ── flags ──────────────────────────────────────────────────────────────────────────────────

export type Flags = Record<string, string[]>;

/**
 * Split `args` into positionals and `--flag value` / `--flag=value` pairs; unknown flags are
 * errors. Switches (`booleans`, e.g. `--force`) take no value and are recorded as "true".
 */
export function parseFlags(command: string, args: readonly string[], known: readonly string[], repeatable: readonly string[] = [], booleans: readonly string[] = []): { positionals: string[]; flags: Flags } {
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
    if (booleans.includes(name)) {
      if (eq >= 0) throw new BadInput(`--${name}: takes no value, got ${JSON.stringify(arg.slice(eq + 1))}`);
      value = "true";
    } else if (eq >= 0) value = arg.slice(eq + 1);
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

export function expectPositionals(command: string, positionals: readonly string[], names: readonly string[]): void {
  if (positionals.length < names.length) throw new BadInput(`${command}: missing ${names[positionals.length]} (try --help)`);
  if (positionals.length > names.length) throw new BadInput(`${command}: unexpected argument ${JSON.stringify(positionals[names.length])}`);
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function integerFlag(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = DECIMAL.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadInput(`--${flag}: expected an integer from ${min} to ${max}, got ${DECIMAL.test(text.trim()) ? text.trim() : JSON.stringify(text)}`);
  }
  return value;
}

export function choiceFlag<T extends string>(flag: string, text: string | undefined, choices: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) throw new BadInput(`--${flag}: expected one of ${choices.join(", ")}, got ${JSON.stringify(text)}`);
  return text as T;
}

/** `--series NAME` (only with `--format svg`; default occupiedShare). */
export function seriesFlag(text: string | undefined, format: string): SeriesName | undefined {
  if (text === undefined) return undefined;
  if (format !== "svg") throw new BadInput(`--series: only with --format svg, got --format ${format}`);
  return choiceFlag("series", text, SERIES);
}

/** `--range FROM:TO`: the paths of a shard (multiples of the block size; TO may equal --runs). */
export function rangeFlag(text: string | undefined): [number, number] | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+):(\d+)$/.exec(text);
  if (!match) throw new BadInput(`--range: expected FROM:TO (path numbers, e.g. 0:102400), got ${JSON.stringify(text)}`);
  return [Number(match[1]), Number(match[2])];
}

export function thresholdFlags(texts: readonly string[] | undefined): number[] | undefined {
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

/**
 * Largest scenario file the command line reads, in bytes (16 MiB): far above any hand-written
 * scenario, and room for a posterior of ~100k joint draws. Larger files are refused before
 * they are read whole (docs/reliability.md).
 */
export const MAX_SCENARIO_FILE_BYTES = 16 * 1024 * 1024;

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (-1 if none). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i]!;
    const more = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (more < 0 || i + more >= bytes.length) return i;
    for (let k = 1; k <= more; k += 1) {
      const lo = k === 1 && c === 0xe0 ? 0xa0 : k === 1 && c === 0xf0 ? 0x90 : 0x80;
      const hi = k === 1 && c === 0xed ? 0x9f : k === 1 && c === 0xf4 ? 0x8f : 0xbf;
      if (bytes[i + k]! < lo || bytes[i + k]! > hi) return i;
    }
    i += more + 1;
  }
  return -1;
}

/** One line, whatever the text holds (JSON.parse quotes the input, newlines and all). */
function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** Read a scenario file: at most MAX_SCENARIO_FILE_BYTES, strict UTF-8 (a leading BOM is ignored). */
function readScenarioText(arg: string): string {
  let fd: number;
  try {
    fd = openSync(arg, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !/[\\/]|\.json$/i.test(arg)) {
      throw new BadInput(`unknown preset or file ${JSON.stringify(arg)} (presets: ${presetNames.join(", ")})`);
    }
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : oneLine((error as Error).message);
    throw new BadInput(`${arg}: cannot read: ${why}`);
  }
  const cap = MAX_SCENARIO_FILE_BYTES;
  const tooLarge = (size: string) => new BadInput(`${arg}: cannot read: ${size} is larger than the ${cap / 1024 ** 2} MiB cap on scenario files`);
  let bytes: Buffer;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new BadInput(`${arg}: cannot read: is a directory`);
    if (stat.size > cap) throw tooLarge(`${stat.size} bytes`);
    // Read at most cap + 1 bytes whatever the size said (pipes and special files say 0).
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > cap) throw tooLarge("the file");
      chunks.push(chunk.subarray(0, n));
    }
    bytes = Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof BadInput) throw error;
    throw new BadInput(`${arg}: cannot read: ${oneLine((error as Error).message)}`);
  } finally {
    closeSync(fd);
  }
  if (bytes.length === 0) throw new BadInput(`${arg}: empty file (expected a JSON scenario object)`);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new BadInput(`${arg}: UTF-16 text (save the file as UTF-8)`);
  }
  let text: string;
  try {
    // fatal: invalid bytes are an error, not U+FFFD; a leading UTF-8 BOM is dropped.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new BadInput(`${arg}: not UTF-8 text (invalid byte 0x${bytes[at]?.toString(16).padStart(2, "0") ?? "??"} at offset ${at}; save the file as UTF-8)`);
  }
  // JSON never holds a raw NUL; UTF-16 without a BOM is full of them.
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new BadInput(`${arg}: not UTF-8 JSON text (a NUL byte at offset ${nul}; UTF-16? save the file as UTF-8)`);
  if (text.trim() === "") throw new BadInput(`${arg}: empty file (only white space; expected a JSON scenario object)`);
  return text;
}

/** A preset name, or a scenario file read as UTF-8 JSON. */
function loadScenarioInput(arg: string): unknown {
  if ((presetNames as string[]).includes(arg)) return arg;
  const text = readScenarioText(arg);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadInput(`${arg}: invalid JSON: ${oneLine((error as Error).message)}`);
  }
}

/** Load and validate a scenario; every problem becomes a `<file>: <path>: <message>` line. */
export function loadScenario(arg: string): Scenario {
  const input = loadScenarioInput(arg);
  try {
    return parseScenario(input);
  } catch (error) {
    if (error instanceof InputError) throw new BadInput(...error.issues.map((issue) => `${arg}: ${formatIssue(issue)}`));
    throw error;
  }
}

// ── output ─────────────────────────────────────────────────────────────────────────────────

/** `--out` problems as one line: the file exists (and no --force), or it cannot be written. */
function outError(file: string, error: unknown): unknown {
  if (!(error instanceof SafeWriteError)) return error;
  return new BadInput(`--out: ${error.reason === "exists" ? "will not overwrite" : "cannot write"} ${JSON.stringify(file)}: ${error.message}`);
}

/**
 * Fail early (before simulating) when `file` cannot be written — or already exists and `force`
 * (the command's `--force`) is not set.
 */
export function checkWritable(file: string, force = false): void {
  try {
    checkTarget(file, { force });
  } catch (error) {
    throw outError(file, error);
  }
}

/**
 * Write through a temporary file in the same folder, renamed into place, so there is never a
 * partial file (src/node/safe-write.ts); an existing file is replaced only with `force`.
 */
export function writeAtomically(file: string, text: string, force = false): void {
  try {
    safeWriteFile(file, text, { force });
  } catch (error) {
    throw outError(file, error);
  }
}

/** Redraw the progress line on stderr when the whole percentage changes. */
export function progressBar(stream: CliStream): { update: (fraction: number) => void; clear: () => void } {
  let shown = -1;
  const update = (fraction: number) => {
    if (Math.floor(fraction * 100) !== shown) stream.write(`\r${formatProgress(fraction)}`);
    shown = Math.floor(fraction * 100);
  };
  return { update, clear: () => void (shown >= 0 && stream.write("\r\x1b[2K")) };
}

/** The run options shared by run and compare: --runs, --seed, --months, --step, --threshold. */
export function runOptionFlags(flags: Flags): SimulateOptions {
  const options: SimulateOptions = {
    runs: integerFlag("runs", flags.runs?.[0], 1, MAX_RUNS),
    seed: integerFlag("seed", flags.seed?.[0], 0, 2 ** 32 - 1),
    horizonMonths: integerFlag("months", flags.months?.[0], 1, MAX_HORIZON_MONTHS),
    step: choiceFlag("step", flags.step?.[0], ["day", "month"] as const),
    thresholds: thresholdFlags(flags.threshold),
  };
  for (const key of Object.keys(options) as (keyof SimulateOptions)[]) if (options[key] === undefined) delete options[key];
  return options;
}

/**
 * Run `work` with Ctrl-C wired to its AbortSignal (exit 130, nothing written) and a progress bar
 * on stderr when it is a terminal; a second Ctrl-C falls through to Node's default (exit).
 */
export async function interruptible<T>(io: CliIO, work: (signal: AbortSignal, onProgress?: (fraction: number) => void) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once("SIGINT", onInterrupt);
  const progress = io.stderr.isTTY ? progressBar(io.stderr) : undefined;
  try {
    return await work(controller.signal, progress?.update);
  } finally {
    process.removeListener("SIGINT", onInterrupt);
    progress?.clear();
  }
}

/** Write a result to `--out` (safely, refusing to overwrite without --force) or to stdout. */
export function emit(io: CliIO, out: string | undefined, text: string, force: boolean): void {
  if (out !== undefined) writeAtomically(out, text, force);
  else io.stdout.write(text);
}

// ── commands ───────────────────────────────────────────────────────────────────────────────

async function run(args: readonly string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags("run", args, ["runs", "seed", "months", "step", "format", "out", "threshold", "series", "force", "workers", "range"], ["threshold"], ["force"]);
  const options = runOptionFlags(flags);
  const runRange = rangeFlag(flags.range?.[0]);
  if (runRange) options.runRange = runRange;
  const workers = integerFlag("workers", flags.workers?.[0], 1, 256) ?? availableParallelism();
  const format = choiceFlag("format", flags.format?.[0], ["table", "json", "csv", "svg", "shard"] as const) ?? "table";
  if (options.runRange && format !== "shard") throw new BadInput(`--range: a shard is only written with --format shard (merge shards with 'attrition-sim merge'), got --format ${format}`);
  const series = seriesFlag(flags.series?.[0], format);
  const out = flags.out?.[0];
  const force = flags.force !== undefined;
  if (out !== undefined && out.trim() === "") throw new BadInput("--out: expected a file name, got nothing");
  if (force && out === undefined) throw new BadInput("--force: only with --out FILE");
  expectPositionals("run", positionals, ["<preset | scenario.json>"]);
  resolveOptions(options); // the library's own checks, before any work

  // From here a Ctrl-C aborts the run (exit 130) and leaves no output file. The listener stays
  // until the file is written, so a Ctrl-C during the (synchronous) write lets it finish instead
  // of killing the process half-way; a second Ctrl-C falls through to Node's default (exit).
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once("SIGINT", onInterrupt);
  const progress = io.stderr.isTTY ? progressBar(io.stderr) : undefined;
  try {
    if (out !== undefined) checkWritable(out, force);
    const scenario = loadScenario(positionals[0]!);
    const run = { ...options, signal: controller.signal, onProgress: progress?.update };
    // Worker threads only pay off beyond a few blocks; the results are identical either way.
    const projection = workers > 1 && (options.runs ?? 10_000) > 4 * BLOCK_SIZE ? await simulateParallel(scenario, { ...run, workers }) : await simulate(scenario, run);
    const text = format === "json" ? `${JSON.stringify(projection.toJSON(), null, 2)}\n` : format === "csv" ? projection.toCSV() : format === "svg" ? projection.toSVG(series) : format === "shard" ? shardToText(projection) : formatProjectionTable(projection.toJSON());
    progress?.clear();
    if (out !== undefined) writeAtomically(out, text, force);
    else io.stdout.write(text);
  } finally {
    process.removeListener("SIGINT", onInterrupt);
    progress?.clear();
  }
  return 0;
}

async function report(args: readonly string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags("report", args, ["runs", "seed"]);
  const runs = integerFlag("runs", flags.runs?.[0], 1, MAX_RUNS);
  const seed = integerFlag("seed", flags.seed?.[0], 0, 2 ** 32 - 1);
  if (positionals.length > 1) expectPositionals("report", positionals, ["[preset | scenario.json]"]);
  const scenario = loadScenario(positionals[0] ?? "baseline");
  io.stdout.write(await interruptible(io, (signal, onProgress) => scenarioReport(scenario, { runs, seed, signal, onProgress })));
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

const COMMANDS: Record<string, (args: readonly string[], io: CliIO) => number | Promise<number>> = { run, report, scenarios, schema, validate, params, compare, sensitivity: sensitivityCommand, merge };

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
    // Each message is one line of printable text: control characters (a newline or an escape
    // sequence inside a key of a scenario file, say) are written as \u escapes.
    const say = (line: string) => io.stderr.write(`attrition-sim: ${line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`);
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
