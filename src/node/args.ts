/**
 * Command-line arguments: the I/O interface, the bad-input error, and the flag parsers shared
 * by every command (each check before any work starts; messages name the flag).
 */
import { MAX_HORIZON_MONTHS, MAX_RUNS, type SimulateOptions } from "../engine/options.js";
import { SERIES, type SeriesName } from "../engine/store.js";
import { formatIssue, type OptionsError } from "../util/errors.js";

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
export function parseFlags(
  command: string,
  args: readonly string[],
  known: readonly string[],
  repeatable: readonly string[] = [],
  booleans: readonly string[] = [],
): { positionals: string[]; flags: Flags } {
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
    throw new BadInput(
      `--${flag}: expected an integer from ${min} to ${max}, got ${DECIMAL.test(text.trim()) ? text.trim() : JSON.stringify(text)}`,
    );
  }
  return value;
}

export function choiceFlag<T extends string>(flag: string, text: string | undefined, choices: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text))
    throw new BadInput(`--${flag}: expected one of ${choices.join(", ")}, got ${JSON.stringify(text)}`);
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

function thresholdFlags(texts: readonly string[] | undefined): number[] | undefined {
  if (!texts) return undefined;
  return texts
    .flatMap((text) => text.split(","))
    .map((part) => {
      const t = part.trim();
      const percent = t.endsWith("%");
      const body = percent ? t.slice(0, -1).trim() : t;
      const value = DECIMAL.test(body) ? Number(body) / (percent ? 100 : 1) : NaN;
      if (!(value > 0 && value <= 1))
        throw new BadInput(`--threshold: expected a share in (0, 1] (e.g. 0.4 or 40%), got ${JSON.stringify(part)}`);
      return value;
    });
}

const FLAG_OF_OPTION: Record<string, string> = { runs: "--runs", seed: "--seed", horizonMonths: "--months", step: "--step" };

/** Name run-option problems after the flags the user typed. */
export function optionLines(error: OptionsError): string[] {
  return error.issues.map((issue) => {
    const flag = issue.path.startsWith("thresholds") ? "--threshold" : FLAG_OF_OPTION[issue.path];
    return flag ? `${flag}: ${issue.message}` : formatIssue(issue);
  });
}

/** Where a command writes its result: `--out FILE` (replacing an existing FILE only with `--force`), or stdout. */
export interface OutputFlags {
  out: string | undefined;
  force: boolean;
}

/** `--out FILE` and `--force`, checked before any work: a file name, and `--force` only with `--out`. */
export function outputFlags(flags: Flags): OutputFlags {
  const out = flags.out?.[0];
  const force = flags.force !== undefined;
  if (out !== undefined && out.trim() === "") throw new BadInput("--out: expected a file name, got nothing");
  if (force && out === undefined) throw new BadInput("--force: only with --out FILE");
  return { out, force };
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
