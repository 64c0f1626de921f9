/**
 * `attrition-sim merge SHARD...`: merge shards written by `run --range FROM:TO --format shard`
 * into the whole run — byte for byte what one process would have produced.
 */
import { readFileSync } from "node:fs";
import { InputError } from "../../util/errors.js";
import { mergeProjections, projectionFromShard, shardToText } from "../../results/shard.js";
import { BadInput, choiceFlag, outputFlags, parseFlags, type CliIO } from "../args.js";
import { checkWritable, writeResult } from "../io.js";
import { formatProjectionTable } from "../format-table.js";

export async function merge(args: readonly string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags("merge", args, ["format", "out", "force"], [], ["force"]);
  const format = choiceFlag("format", flags.format?.[0], ["table", "json", "csv", "shard"] as const) ?? "table";
  const output = outputFlags(flags);
  if (positionals.length === 0) throw new BadInput("merge: expected one or more shard files, got none");
  if (output.out !== undefined) checkWritable(output.out, output.force);
  const parts = positionals.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new BadInput(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    try {
      return projectionFromShard(text);
    } catch (error) {
      if (error instanceof InputError) throw new BadInput(`${file}: ${error.message}`);
      throw error;
    }
  });
  let whole;
  try {
    whole = mergeProjections(parts);
  } catch (error) {
    if (error instanceof InputError) throw new BadInput(error.message);
    throw error;
  }
  const text =
    format === "json"
      ? `${JSON.stringify(whole.toJSON(), null, 2)}\n`
      : format === "csv"
        ? whole.toCSV()
        : format === "shard"
          ? shardToText(whole)
          : formatProjectionTable(whole.toJSON());
  await writeResult(io, output, async () => text);
  return 0;
}
