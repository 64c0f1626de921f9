import { closeSync, fstatSync, openSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { OBSERVATION_FILES, readObservationFiles, type ObservationSet } from "../data/observation-set.js";
import { InputError } from "../util/errors.js";
import { readAtMost } from "./io.js";

/** Largest observation file read (the shipped daily files are ≈ 60 kB). */
export const MAX_OBSERVATION_FILE_BYTES = 64 * 1024 * 1024;

function readText(dir: string, name: string): string {
  const file = join(dir, name);
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw new InputError({ path: file, message: `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
  }
  try {
    if (!fstatSync(fd).isFile()) throw new InputError({ path: file, message: "cannot read: not a regular file" });
    const bytes = readAtMost(
      fd,
      MAX_OBSERVATION_FILE_BYTES,
      () =>
        new InputError({
          path: file,
          message: `cannot read: larger than the ${MAX_OBSERVATION_FILE_BYTES / 1024 ** 2} MiB cap on observation files`,
        }),
    );
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new InputError({ path: file, message: "not UTF-8 text (save the file as UTF-8)" });
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a folder of observation files named and shaped like those in `data/` (docs/data.md):
 * whichever of {@link OBSERVATION_FILES} it holds. Other entries are not read; each is listed
 * in the set's notes. A source with no file is left out (never filled from the shipped data).
 * @throws {InputError} if the folder cannot be listed or holds none of the files; a bad file's
 * errors name the file, the line and the column.
 * @example
 * const observations = loadObservationsDir("./latest");
 * const f = await forecast({ observations });
 */
export function loadObservationsDir(dir: string): ObservationSet {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError({
      path: dir,
      message: `cannot list the observations folder (${code === "ENOENT" ? "no such folder" : code === "ENOTDIR" ? "not a folder" : (code ?? (error as Error).message)})`,
    });
  }
  const known = entries.filter((name) => Object.hasOwn(OBSERVATION_FILES, name));
  if (known.length === 0)
    throw new InputError({
      path: dir,
      message: `expected at least one observation file (${Object.keys(OBSERVATION_FILES).join(", ")}), got ${entries.length ? `only ${entries.slice(0, 5).join(", ")}${entries.length > 5 ? ", …" : ""}` : "an empty folder"}`,
    });
  let set: ObservationSet;
  try {
    set = readObservationFiles(Object.fromEntries(known.map((name) => [name, readText(dir, name)])));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // The reader names files by their names; the user knows them by their paths.
    throw new InputError(
      error.issues.map((issue) => {
        const name = known.find((n) => issue.path === n || issue.path.startsWith(`${n}: `));
        return name ? { ...issue, path: join(dir, name) + issue.path.slice(name.length) } : issue;
      }),
    );
  }
  const files = Object.fromEntries(Object.entries(set.files).map(([source, name]) => [source, join(dir, name)]));
  const others = entries.filter((name) => !known.includes(name));
  return {
    ...set,
    files,
    notes: [...set.notes, ...others.map((name) => `${join(dir, name)} not read: not an observation file`)],
  };
}
