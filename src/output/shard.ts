import type { BlockResult, SummaryMode } from "../engine/block-result.js";
import { buildCalendar } from "../engine/calendar.js";
import { RunSummary } from "../engine/store.js";
import { describeValue, OptionsError } from "../util/errors.js";
import { BLOCK_SIZE, type RunMeta } from "../engine/run.js";

/**
 * Shards: a big run split over processes or machines (`runRange`), saved as text, and merged
 * exactly — the merged projection is byte-for-byte the single run, because every block is
 * keyed by its index and summaries read blocks in index order.
 */

const SHARD_SCHEMA = "attrition-sim/shard@1";

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
  meta: Omit<RunMeta, "calendar">;
  thresholds: number[];
  mode: SummaryMode;
  blocks: Array<{
    block: number;
    firstPath: number;
    count: number;
    months: number;
    values: Encoded[] | null;
    points: Encoded[] | null;
    sums: Encoded;
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
    blocks: summary.present().map((b) => ({
      block: b.block,
      firstPath: b.firstPath,
      count: b.count,
      months: b.months,
      values: b.values?.map(encode) ?? null,
      points: b.points?.map(encode) ?? null,
      sums: encode(b.sums),
      initial: b.initial.map(encode),
      firstMonth: encode(b.firstMonth),
      accounting: b.accounting?.map(encode) ?? null,
      parameters: b.parameters ? Object.fromEntries(Object.entries(b.parameters).map(([k, v]) => [k, encode(v)])) : null,
    })),
  };
  return JSON.stringify(json);
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
  if (json?.schema !== SHARD_SCHEMA) throw bad(`expected schema "${SHARD_SCHEMA}", got ${describeValue(json?.schema)}`);
  const meta: RunMeta = { ...json.meta, calendar: buildCalendar(json.meta.start, json.meta.horizonMonths) };
  const summary = new RunSummary(meta.runs, meta.horizonMonths, json.thresholds, json.mode, Math.ceil(meta.runs / BLOCK_SIZE));
  for (const b of json.blocks) {
    const result: BlockResult = {
      block: b.block,
      firstPath: b.firstPath,
      count: b.count,
      months: b.months,
      values: (b.values?.map(decode) as BlockResult["values"]) ?? null,
      points: (b.points?.map(decode) as BlockResult["points"]) ?? null,
      sums: decode(b.sums) as Float64Array,
      initial: b.initial.map(decode) as Float64Array[],
      firstMonth: decode(b.firstMonth) as Uint16Array,
      accounting: (b.accounting?.map(decode) as Float64Array[] | undefined) ?? null,
      parameters: b.parameters ? Object.fromEntries(Object.entries(b.parameters).map(([k, v]) => [k, decode(v) as Float64Array])) : null,
    };
    summary.accept(result);
  }
  return { summary, meta };
}
