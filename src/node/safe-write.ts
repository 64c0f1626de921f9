/**
 * Safe output files (issue 6): a result is written to a temporary file in the target's own folder
 * and renamed into place, so a reader never sees half a file and an interrupted or failed write
 * leaves nothing behind; an existing file is replaced only when the caller says so (`--force`).
 * Node-only (node:fs).
 */
import { randomBytes } from "node:crypto";
import { accessSync, constants, linkSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** Why a file cannot be written; `message` is one line, without the file name. */
export class SafeWriteError extends Error {
  /** "exists": the target exists and overwriting was not allowed; "unwritable": anything else. */
  readonly reason: "exists" | "unwritable";
  constructor(reason: "exists" | "unwritable", message: string) {
    super(message);
    this.name = "SafeWriteError";
    this.reason = reason;
  }
}

export interface SafeWriteOptions {
  /** Replace an existing file (default false: refuse with a SafeWriteError "exists"). */
  force?: boolean;
}

/** The temporary name used for `file`: hidden, in the same folder, unique per process and call. */
export function temporaryNameFor(file: string): string {
  const target = resolve(file);
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** True for names made by {@link temporaryNameFor} (for tests and clean-up). */
export function isTemporaryName(name: string): boolean {
  return /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(basename(name));
}

/**
 * Check, before any work, that `file` could be written: its folder exists and is writable, it
 * is not a directory, and — unless `force` — it does not exist yet.
 * @throws {SafeWriteError} with a one-line reason.
 */
export function checkWritable(file: string, options: SafeWriteOptions = {}): void {
  const target = resolve(file);
  try {
    if (!statSync(dirname(target)).isDirectory()) throw new SafeWriteError("unwritable", "its folder is not a folder");
    accessSync(dirname(target), constants.W_OK);
  } catch (error) {
    if (error instanceof SafeWriteError) throw error;
    throw new SafeWriteError("unwritable", "its folder does not exist or is not writable");
  }
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(target);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory()) throw new SafeWriteError("unwritable", "it is a directory");
  if (existing && !options.force) throw new SafeWriteError("exists", "it already exists (use --force to overwrite it)");
}

/**
 * Write `text` (UTF-8) to `file` atomically: into a temporary file in the same folder (created
 * exclusively, so nothing else is clobbered), then renamed over the target — or, without
 * `force`, linked into place, which fails if the target appeared meanwhile. On any failure the
 * temporary file is removed and the target is untouched.
 * @throws {SafeWriteError} "exists" (target exists, no force) or "unwritable".
 * @example
 * safeWriteFile("result.json", JSON.stringify(projection), { force: true });
 */
export function safeWriteFile(file: string, text: string, options: SafeWriteOptions = {}): void {
  const target = resolve(file);
  const temp = temporaryNameFor(target);
  try {
    writeFileSync(temp, text, { encoding: "utf8", flag: "wx" });
    if (options.force) {
      renameSync(temp, target);
    } else {
      // link() refuses an existing target atomically (no check-then-write race).
      try {
        linkSync(temp, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EEXIST") throw new SafeWriteError("exists", "it already exists (use --force to overwrite it)");
        if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
        // A file system without hard links: check, then rename (a narrow race, documented).
        let exists = true;
        try {
          statSync(target);
        } catch {
          exists = false;
        }
        if (exists) throw new SafeWriteError("exists", "it already exists (use --force to overwrite it)");
        renameSync(temp, target);
      }
    }
  } catch (error) {
    if (error instanceof SafeWriteError) throw error;
    throw new SafeWriteError("unwritable", (error as Error).message.split("\n")[0]!);
  } finally {
    rmSync(temp, { force: true });
  }
}
