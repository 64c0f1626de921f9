/**
 * `attrition-sim data convert --source petroivaniuk|economist FILE... [--out FILE [--force]]`:
 * an upstream file in the shipped layout (docs/data.md), so that newer data can be dropped into
 * an observations folder. The CSV goes to stdout or `--out`; what the conversion left out
 * (missing days, days not yet estimated, an empty deaths column) is said on stderr, one
 * `attrition-sim: note:` line each.
 */
import { closeSync, fstatSync, openSync } from "node:fs";
import { economistTrackerToDailyCsv, parseEconomistTrackerCsv, type EconomistTrackerFile } from "../../data/convert-economist.js";
import { convertPetroIvaniukPersonnel } from "../../data/convert-petroivaniuk.js";
import type { ConvertedFile } from "../../data/converted-file.js";
import { formatIssue, InputError } from "../../util/errors.js";
import { BadInput, choiceFlag, expectPositionals, outputFlags, parseFlags, type CliIO } from "../args.js";
import { checkWritable, readAtMost, writeResult } from "../io.js";

/** The upstream sources `--source` names. */
export const CONVERT_SOURCES = ["petroivaniuk", "economist"] as const;

/** Largest upstream file read (the full upstream files are ~200 kB). */
const MAX_UPSTREAM_BYTES = 64 * 1024 * 1024;

/** Read an upstream file: at most MAX_UPSTREAM_BYTES, strict UTF-8 (the converters drop a leading BOM). */
function readUpstream(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BadInput(`${file}: cannot read (${code === "ENOENT" ? "no such file" : (code ?? (error as Error).message)})`);
  }
  let bytes: Buffer;
  try {
    if (fstatSync(fd).isDirectory()) throw new BadInput(`${file}: cannot read (is a directory)`);
    bytes = readAtMost(
      fd,
      MAX_UPSTREAM_BYTES,
      () => new BadInput(`${file}: cannot read: larger than the ${MAX_UPSTREAM_BYTES / 1024 ** 2} MiB cap on upstream files`),
    );
  } catch (error) {
    if (error instanceof BadInput) throw error;
    throw new BadInput(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  } finally {
    closeSync(fd);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadInput(`${file}: not UTF-8 text (save the file as UTF-8)`);
  }
}

/** Run a converter on a file's text; its first problem becomes one line naming the file, the line and the column. */
function inFile<T>(file: string, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const [first, ...rest] = error.issues;
    // Past 20 problems the list ends with "… and N more problems".
    const summary = /^… and (\d+) more problems$/;
    const more = rest.filter((i) => !summary.test(i.message)).length + Number(summary.exec(rest.at(-1)?.message ?? "")?.[1] ?? 0);
    throw new BadInput(
      `${file}: ${first ? formatIssue(first) : error.message}${more ? ` (and ${more} more problem${more > 1 ? "s" : ""} in the file)` : ""}`,
    );
  }
}

/** The Economist's tracker files, casualties first whatever the order given (each file's `type` says which it is). */
function convertEconomist(files: readonly string[]): ConvertedFile {
  const read = files.map((file): [string, EconomistTrackerFile] => [
    file,
    inFile(file, () => parseEconomistTrackerCsv(readUpstream(file))),
  ]);
  const casualties = read.filter(([, f]) => f.type === "casualties");
  const deaths = read.filter(([, f]) => f.type === "deaths");
  if (casualties.length === 0)
    throw new BadInput(
      `${files[0]}: expected the tracker's casualties file (meta-estimate-casualties.csv; the shipped layout's casualties_* columns are what the library reads), got ${files.length > 1 ? "two deaths files" : "a deaths file"}`,
    );
  if (casualties.length > 1 || deaths.length > 1) {
    const [file, f] = read[1]!;
    throw new BadInput(`${file}: expected the other tracker file (one casualties and one deaths file), got a second ${f.type} file`);
  }
  const [casualtiesFile, deathsFile] = [casualties[0]!, deaths[0]];
  try {
    return economistTrackerToDailyCsv(casualtiesFile[1], deathsFile?.[1]);
  } catch (error) {
    if (error instanceof InputError)
      throw new BadInput(`${deathsFile?.[0] ?? casualtiesFile[0]}: ${error.issues[0]?.message ?? error.message}`);
    throw error;
  }
}

/** The `data` command: `data convert --source petroivaniuk|economist FILE... [--out FILE [--force]]`. */
export async function dataCommand(args: readonly string[], io: CliIO): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === undefined)
    throw new BadInput("data: missing a subcommand: data convert --source petroivaniuk|economist FILE (try --help)");
  if (subcommand !== "convert")
    throw new BadInput(`data: unknown subcommand ${JSON.stringify(subcommand)} (subcommands: convert; try --help)`);
  const { positionals, flags } = parseFlags("data convert", rest, ["source", "out", "force"], [], ["force"]);
  const source = choiceFlag("source", flags.source?.[0], CONVERT_SOURCES);
  if (source === undefined) throw new BadInput(`data convert: missing --source (one of ${CONVERT_SOURCES.join(", ")}; try --help)`);
  const output = outputFlags(flags);
  // The Economist's tracker has one file per measure: casualties (needed), deaths (optional).
  const files =
    source === "petroivaniuk" ? ["<russia_losses_personnel.json>"] : ["<meta-estimate-casualties.csv>", "[meta-estimate-deaths.csv]"];
  expectPositionals("data convert", positionals, files.slice(0, Math.max(1, Math.min(positionals.length, files.length))));
  if (output.out !== undefined) checkWritable(output.out, output.force);

  const converted =
    source === "petroivaniuk"
      ? inFile(positionals[0]!, () => convertPetroIvaniukPersonnel(readUpstream(positionals[0]!)))
      : convertEconomist(positionals);
  await writeResult(io, output, async () => converted.csv);
  for (const note of converted.notes) io.stderr.write(`attrition-sim: note: ${note}\n`);
  return 0;
}
