/**
 * Shards of one run as files: a projection (whole or a shard, `runRange`) to text and back,
 * and the exact merge of a run's shards.
 */
import { readShard, writeShard } from "../output/shard.js";
import { RunSummary } from "../engine/store.js";
import { BLOCK_SIZE } from "../engine/run.js";
import { describeValue, OptionsError } from "../util/errors.js";
import { Projection } from "./projection.js";

const bad = (message: string) => new OptionsError({ path: "shard", message });

/**
 * A projection (whole or a shard) as JSON text that {@link projectionFromShard} reads back.
 * @example
 * const text = shardToText(await simulate("baseline", { runs: 200_000, runRange: [0, 102_400] }));
 */
export function shardToText(projection: Projection): string {
  return writeShard(projection.summary, projection.meta);
}

/** Read a shard written by {@link shardToText}. */
export function projectionFromShard(text: string): Projection {
  const { summary, meta } = readShard(text);
  return new Projection(summary, meta);
}

/**
 * Merge shards of one run (same scenario, seed, runs, horizon, step) into the whole run —
 * identical, byte for byte, to running it in one piece.
 * @throws {OptionsError} when the parts do not belong to one run, overlap, or leave paths out.
 * @example
 * const whole = mergeProjections([partA, partB]);
 */
export function mergeProjections(parts: readonly Projection[]): Projection {
  if (!Array.isArray(parts) || parts.length === 0) throw bad(`expected at least one projection, got ${describeValue(parts)}`);
  const first = parts[0]!;
  const key = (p: Projection) =>
    JSON.stringify([
      p.meta.scenarioSha256,
      p.meta.runs,
      p.meta.seed,
      p.meta.horizonMonths,
      p.meta.step,
      p.meta.start,
      p.meta.keepPaths,
      p.summary.thresholds,
      p.summary.mode, // the sketch layout too (its references and ranges) above EXACT_RUNS
    ]);
  const summary = new RunSummary(
    first.meta.runs,
    first.meta.horizonMonths,
    first.summary.thresholds,
    first.summary.mode,
    first.summary.blockCount,
  );
  const twice = (b: number) => bad(`expected disjoint parts, but block ${b} (paths ${b * BLOCK_SIZE}…) appears twice`);
  parts.forEach((part, k) => {
    if (key(part) !== key(first))
      throw bad(`expected parts of one run (same scenario, seed, runs, horizon, step, thresholds), but part ${k} differs from part 0`);
    const sketch = part.summary.sketch;
    if (sketch) {
      // Integer counts and exact sums: adding the parts in any order gives the same bytes.
      for (let b = 0; b < sketch.blocksIn.length; b += 1) if (sketch.blocksIn[b] && summary.has(b)) throw twice(b);
      summary.sketch!.merge(sketch);
      return;
    }
    for (const block of part.summary.present()) {
      if (summary.has(block.block)) throw twice(block.block);
      summary.accept(block);
    }
  });
  if (!summary.complete) throw bad(`expected the parts to cover all ${first.meta.runs} paths, got ${summary.pathsPresent}`);
  return new Projection(summary, first.meta);
}
