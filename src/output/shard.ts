import type { BlockResult, SummaryMode } from "../engine/block-result.js";
import { buildCalendar } from "../engine/calendar.js";
import { ExactSums } from "../engine/exact-sum.js";
import { RunSketch } from "../engine/run-sketch.js";
import { RunSummary } from "../engine/store.js";
import { describeValue, OptionsError } from "../util/errors.js";
import { BLOCK_SIZE, type RunMeta } from "../engine/run.js";

/**
 * Shards: a big run split over processes or machines (`runRange`), saved as text, and merged
 * exactly — the merged projection is byte-for-byte the single run, because every block is
 * keyed by its index and summaries read blocks in index order (exact mode), or because a
 * shard's sketch is integer counts and exact sums that add up alike in any order (above
 * EXACT_RUNS: engine/run-sketch.ts).
 *
 * @3 (this version) holds either blocks (exact mode) or one sketch, each with the monthly counts
 * of paths offensive and in ceasefire (projection@2's `probabilities`). Shards of @1 and @2 kept
 * no such counts, so they are refused with a message saying to re-run them with this version.
 */

const SHARD_SCHEMA = "attrition-sim/shard@3";
const SHARD_SCHEMA_V1 = "attrition-sim/shard@1";
const SHARD_SCHEMA_V2 = "attrition-sim/shard@2";

type Typed = Float32Array | Float64Array | Uint16Array | Uint32Array | Uint8Array;
type Encoded = { type: "f32" | "f64" | "u16" | "u32" | "u8"; data: string };

function toBase64(bytes: Uint8Array): string {
  const B = (globalThis as { Buffer?: { from(b: Uint8Array): { toString(enc: string): string } } }).Buffer;
  if (B) return B.from(bytes).toString("base64");
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const B = (globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array } }).Buffer;
  if (B) return new Uint8Array(B.from(text, "base64"));
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function encode(array: Typed): Encoded {
  const type =
    array instanceof Float32Array
      ? "f32"
      : array instanceof Float64Array
        ? "f64"
        : array instanceof Uint32Array
          ? "u32"
          : array instanceof Uint8Array
            ? "u8"
            : "u16";
  // Copy so the bytes start at offset 0 (little-endian on every platform Node runs on).
  return { type, data: toBase64(new Uint8Array(array.slice().buffer)) };
}

function decode(e: Encoded): Typed {
  const bytes = fromBase64(e.data);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  switch (e.type) {
    case "f32":
      return new Float32Array(buffer);
    case "f64":
      return new Float64Array(buffer);
    case "u32":
      return new Uint32Array(buffer);
    case "u8":
      return new Uint8Array(buffer);
    default:
      return new Uint16Array(buffer);
  }
}

interface SketchJson {
  paths: number;
  blocksIn: Encoded;
  counts: Encoded[];
  events: Encoded;
  /** Exact sums, hexadecimal (exact-sum.ts). */
  sums: string[];
  states: Encoded;
}

interface ShardJson {
  schema: typeof SHARD_SCHEMA;
  meta: Omit<RunMeta, "calendar">;
  thresholds: number[];
  mode: SummaryMode;
  /** Sketch mode: the shard's sketch; blocks is then empty. */
  sketch?: SketchJson;
  blocks: Array<{
    block: number;
    firstPath: number;
    count: number;
    months: number;
    values: Encoded[] | null;
    sums: Encoded;
    states: Encoded;
    initial: Encoded[];
    firstMonth: Encoded;
    accounting: Encoded[] | null;
    parameters: Record<string, Encoded> | null;
  }>;
}

/** A run's results (whole or a shard) as JSON text that {@link readShard} reads back. */
export function writeShard(summary: RunSummary, runMeta: RunMeta): string {
  const { calendar: _calendar, ...meta } = runMeta;
  const json: ShardJson = {
    schema: SHARD_SCHEMA,
    meta,
    thresholds: [...summary.thresholds],
    mode: summary.mode,
    ...(summary.sketch ? { sketch: sketchToJson(summary.sketch) } : {}),
    blocks: summary.present().map((b) => ({
      block: b.block,
      firstPath: b.firstPath,
      count: b.count,
      months: b.months,
      values: b.values?.map(encode) ?? null,
      sums: encode(b.sums),
      states: encode(b.states),
      initial: b.initial.map(encode),
      firstMonth: encode(b.firstMonth),
      accounting: b.accounting?.map(encode) ?? null,
      parameters: b.parameters ? Object.fromEntries(Object.entries(b.parameters).map(([k, v]) => [k, encode(v)])) : null,
    })),
  };
  return JSON.stringify(json);
}

function sketchToJson(sketch: RunSketch): SketchJson {
  return {
    paths: sketch.pathsPresent,
    blocksIn: encode(sketch.blocksIn),
    counts: sketch.counts.map(encode),
    events: encode(sketch.events),
    sums: sketch.sums.toStrings(),
    states: encode(sketch.states),
  };
}

const bad = (message: string) => new OptionsError({ path: "shard", message });

/** Read a shard written by {@link writeShard}. */
export function readShard(text: string): { summary: RunSummary; meta: RunMeta } {
  let json: ShardJson;
  try {
    json = JSON.parse(text) as ShardJson;
  } catch (error) {
    throw bad(`expected shard JSON, got unreadable text (${(error as Error).message})`);
  }
  const schema = (json as { schema?: unknown } | null)?.schema;
  if (schema === SHARD_SCHEMA_V1 || schema === SHARD_SCHEMA_V2)
    throw bad(
      `expected a shard this version can merge (${SHARD_SCHEMA}), got ${schema}: it was written before projections counted the paths offensive and in ceasefire each month (projection@2's probabilities), so it cannot be merged into one; re-run that shard with this version`,
    );
  if (schema !== SHARD_SCHEMA) throw bad(`expected schema "${SHARD_SCHEMA}", got ${describeValue(schema)}`);
  const meta: RunMeta = { ...json.meta, calendar: buildCalendar(json.meta.start, json.meta.horizonMonths) };
  const blockCount = Math.ceil(meta.runs / BLOCK_SIZE);
  const summary = new RunSummary(meta.runs, meta.horizonMonths, json.thresholds, json.mode, blockCount);
  if (summary.sketch) {
    if (!json.sketch) throw bad("expected the shard's sketch, got none");
    const parts = json.sketch;
    try {
      summary.sketch.merge(
        RunSketch.fromParts(json.mode as Exclude<SummaryMode, "exact">, meta.horizonMonths, json.thresholds, {
          paths: parts.paths,
          blocksIn: decode(parts.blocksIn) as Uint8Array,
          counts: parts.counts.map(decode) as Uint32Array[],
          events: decode(parts.events) as Uint32Array,
          sums: ExactSums.fromStrings(parts.sums),
          states: decode(parts.states) as Float64Array,
        }),
      );
    } catch (error) {
      throw bad(`expected a well-formed sketch, got ${(error as Error).message}`);
    }
    return { summary, meta };
  }
  for (const b of json.blocks) {
    const result: BlockResult = {
      block: b.block,
      firstPath: b.firstPath,
      count: b.count,
      months: b.months,
      values: (b.values?.map(decode) as BlockResult["values"]) ?? null,
      slots: null,
      sums: decode(b.sums) as Float64Array,
      states: decode(b.states) as Float64Array,
      initial: b.initial.map(decode) as Float64Array[],
      firstMonth: decode(b.firstMonth) as Uint16Array,
      accounting: (b.accounting?.map(decode) as Float64Array[] | undefined) ?? null,
      parameters: b.parameters ? Object.fromEntries(Object.entries(b.parameters).map(([k, v]) => [k, decode(v) as Float64Array])) : null,
    };
    summary.accept(result);
  }
  return { summary, meta };
}
