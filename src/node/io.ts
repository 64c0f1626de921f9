/**
 * Command-line files and streams: reading scenario files safely, writing results through a
 * temporary file, the progress bar, and Ctrl-C wiring.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { formatIssue, InputError } from "../util/errors.js";
import { parseScenario } from "../scenario/parse.js";
import { presetNames } from "../scenario/presets.js";
import type { Scenario } from "../scenario/schema.js";
import { BadInput, type CliIO, type CliStream, type OutputFlags } from "./args.js";
import { formatProgress } from "./format-table.js";
import { checkWritable as checkTarget, safeWriteFile, SafeWriteError } from "./safe-write.js";

// ── scenarios ──────────────────────────────────────────────────────────────────────────────

/**
 * Largest scenario file the command line reads, in bytes (16 MiB): far above any hand-written
 * scenario, and room for a posterior of ~100k joint draws. Larger files are refused before
 * they are read whole (docs/reliability.md).
 */
export const MAX_SCENARIO_FILE_BYTES = 16 * 1024 * 1024;

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (-1 if none). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
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

/**
 * The bytes of an open file, read in 64 KiB chunks until its end; `tooLarge()` is thrown as soon
 * as more than `cap` bytes have come (a size from fstat is not trusted: pipes say 0).
 */
export function readAtMost(fd: number, cap: number, tooLarge: () => Error): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    total += n;
    if (total > cap) throw tooLarge();
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
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
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : code === "EACCES"
            ? "permission denied"
            : oneLine((error as Error).message);
    throw new BadInput(`${arg}: cannot read: ${why}`);
  }
  const cap = MAX_SCENARIO_FILE_BYTES;
  const tooLarge = (size: string) =>
    new BadInput(`${arg}: cannot read: ${size} is larger than the ${cap / 1024 ** 2} MiB cap on scenario files`);
  let bytes: Buffer;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new BadInput(`${arg}: cannot read: is a directory`);
    if (stat.size > cap) throw tooLarge(`${stat.size} bytes`);
    // Read at most cap + 1 bytes whatever the size said (pipes and special files say 0).
    bytes = readAtMost(fd, cap, () => tooLarge("the file"));
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
    throw new BadInput(
      `${arg}: not UTF-8 text (invalid byte 0x${bytes[at]?.toString(16).padStart(2, "0") ?? "??"} at offset ${at}; save the file as UTF-8)`,
    );
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
  return new BadInput(
    `--out: ${error.reason === "exists" ? "will not overwrite" : "cannot write"} ${JSON.stringify(file)}: ${error.message}`,
  );
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
function writeAtomically(file: string, text: string, force = false): void {
  try {
    safeWriteFile(file, text, { force });
  } catch (error) {
    throw outError(file, error);
  }
}

/** Redraw the progress line on stderr when the whole percentage changes; `clear` erases it (once). */
function progressBar(stream: CliStream): { update: (fraction: number) => void; clear: () => void } {
  let shown = -1;
  const started = Date.now();
  let width = 0;
  const update = (fraction: number) => {
    if (Math.floor(fraction * 100) === shown) return;
    // An ETA once the work has run 2 s and is 2% done (a straight line through the time so far).
    const elapsed = (Date.now() - started) / 1000;
    const left = elapsed >= 2 && fraction >= 0.02 && fraction < 1 ? (elapsed * (1 - fraction)) / fraction : undefined;
    const line = formatProgress(fraction, left);
    stream.write(`\r${line.padEnd(width)}`); // blanks over a longer last line
    width = line.length;
    shown = Math.floor(fraction * 100);
  };
  const clear = () => {
    if (shown >= 0) stream.write("\r\x1b[2K");
    shown = -1;
  };
  return { update, clear };
}

/**
 * The end of every command that writes a result: run `work` with Ctrl-C wired to its
 * AbortSignal (exit 130, nothing written) and a progress bar on stderr when it is a terminal,
 * then write the text it returns to `--out` (through a temporary file; an existing file only
 * with `--force`) or to stdout. The Ctrl-C listener stays until the text is written, so a
 * Ctrl-C during the (synchronous) write lets it finish instead of killing the process half-way;
 * a second Ctrl-C falls through to Node's default (exit).
 */
export async function writeResult(
  io: CliIO,
  output: OutputFlags,
  work: (signal: AbortSignal, onProgress?: (fraction: number) => void) => Promise<string>,
): Promise<void> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once("SIGINT", onInterrupt);
  const progress = io.stderr.isTTY ? progressBar(io.stderr) : undefined;
  try {
    const text = await work(controller.signal, progress?.update);
    progress?.clear();
    if (output.out !== undefined) writeAtomically(output.out, text, output.force);
    else io.stdout.write(text);
  } finally {
    process.removeListener("SIGINT", onInterrupt);
    progress?.clear();
  }
}
