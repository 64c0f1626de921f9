import type { BlockResult, SummaryMode } from "../engine/block-result.js";
import { buildCalendar } from "../engine/calendar.js";
import { RunSummary } from "../engine/store.js";
import { describeValue, OptionsError } from "../util/errors.js";
import { Projection, type ProjectionMeta } from "./projection.js";

/**
 * Shards: a big run split over processes or machines (`runRange`), saved as text, and merged
 * exactly — the merged projection is byte-for-byte the single run, because every block is
 * keyed by its index and summaries read blocks in index order.
 */

const SHARD_SCHEMA = "attrition-sim/shard@1";
const BLOCK_PATHS = 1024;

type Typed = Float32Array | Float64Array | Uint16Array;
type Encoded = { type: "f32" | "f64" | "u16"; data: string };

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
  const type = array instanceof Float32Array ? "f32" : array instanceof Float64Array ? "f64" : "u16";
  // Copy so the bytes start at offset 0 (little-endian on every platform Node runs on).
  return { type, data: toBase64(new Uint8Array(array.slice().buffer)) };
}

function decode(e: Encoded): Typed {
  const bytes = fromBase64(e.data);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return e.type === "f32" ? new Float32Array(buffer) : e.type === "f64" ? new Float64Array(buffer) : new Uint16Array(buffer);
}

interface ShardJson {
  schema: typeof SHARD_SCHEMA;
  meta: Omit<ProjectionMeta, "calendar">;
  thresholds: number[];
  mode: SummaryMode;
  blocks: Array<{
    block: number; firstPath: number; count: number; months: number;
    values: Encoded[] | null; points: Encoded[] | null; sums: Encoded; initial: Encoded[]; firstMonth: Encoded;
    accounting: Encoded[] | null; parameters: Record<string, Encoded> | null;
  }>;
}

/**
 * A projection (whole or a shard) as JSON text that {@link projectionFromShard} reads back.
 * @example
 * const text = shardToText(await simulate("baseline", { runs: 200_000, runRange: [0, 102_400] }));
 */
export function shardToText(projection: Projection): string {
  const { calendar: _calendar, ...meta } = projection.meta;
  const summary = projection.summary;
  const json: ShardJson = {
    schema: SHARD_SCHEMA, meta, thresholds: [...summary.thresholds], mode: summary.mode,
    blocks: summary.present().map((b) => ({
      block: b.block, firstPath: b.firstPath, count: b.count, months: b.months,
      values: b.values?.map(encode) ?? null, points: b.points?.map(encode) ?? null, sums: encode(b.sums),
      initial: b.initial.map(encode), firstMonth: encode(b.firstMonth), accounting: b.accounting?.map(encode) ?? null,
      parameters: b.parameters ? Object.fromEntries(Object.entries(b.parameters).map(([k, v]) => [k, encode(v)])) : null,
    })),
  };
  return JSON.stringify(json);
}

const bad = (message: string) => new OptionsError({ path: "shard", message });

/** Read a shard written by {@link shardToText}. */
export function projectionFromShard(text: string): Projection {
  let json: ShardJson;
  try {
    json = JSON.parse(text) as ShardJson;
  } catch (error) {
    throw bad(`expected shard JSON, got unreadable text (${(error as Error).message})`);
  }
  if (json?.schema !== SHARD_SCHEMA) throw bad(`expected schema "${SHARD_SCHEMA}", got ${describeValue(json?.schema)}`);
  const meta: ProjectionMeta = { ...json.meta, calendar: buildCalendar(json.meta.start, json.meta.horizonMonths) };
  const summary = new RunSummary(meta.runs, meta.horizonMonths, json.thresholds, json.mode, Math.ceil(meta.runs / BLOCK_PATHS));
  for (const b of json.blocks) {
    const result: BlockResult = {
      block: b.block, firstPath: b.firstPath, count: b.count, months: b.months,
      values: (b.values?.map(decode) as BlockResult["values"]) ?? null,
      points: (b.points?.map(decode) as BlockResult["points"]) ?? null,
      sums: decode(b.sums) as Float64Array, initial: b.initial.map(decode) as Float64Array[], firstMonth: decode(b.firstMonth) as Uint16Array,
      accounting: (b.accounting?.map(decode) as Float64Array[] | undefined) ?? null,
      parameters: b.parameters ? Object.fromEntries(Object.entries(b.parameters).map(([k, v]) => [k, decode(v) as Float64Array])) : null,
    };
    summary.accept(result);
  }
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
  const key = (p: Projection) => JSON.stringify([p.meta.scenarioSha256, p.meta.runs, p.meta.seed, p.meta.horizonMonths, p.meta.step, p.meta.start, p.meta.keepPaths, p.summary.thresholds, p.summary.mode]);
  const summary = new RunSummary(first.meta.runs, first.meta.horizonMonths, first.summary.thresholds, first.summary.mode, first.summary.blocks.length);
  parts.forEach((part, k) => {
    if (key(part) !== key(first)) throw bad(`expected parts of one run (same scenario, seed, runs, horizon, step, thresholds), but part ${k} differs from part 0`);
    for (const block of part.summary.present()) {
      if (summary.blocks[block.block]) throw bad(`expected disjoint parts, but block ${block.block} (paths ${block.firstPath}…) appears twice`);
      summary.accept(block);
    }
  });
  if (!summary.complete) throw bad(`expected the parts to cover all ${first.meta.runs} paths, got ${summary.pathsPresent}`);
  return new Projection(summary, first.meta);
}
