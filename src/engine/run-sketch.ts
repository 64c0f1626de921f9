import { NEVER, SERIES_COUNT, STATE_COUNT, type BlockResult } from "./block-result.js";
import { ExactSums } from "./exact-sum.js";
import { bucketValues, slotCount, type SketchLayout } from "./sketch-layout.js";

/**
 * A run's results above EXACT_RUNS, of fixed size whatever the run count (DESIGN §4):
 * - counts of the sketch buckets per series and month (t0 included), Uint32;
 * - first-passage months per threshold as a histogram over months 0 … horizon and "never"
 *   (months are integers, so this is exact: the same event summaries as the per-path months);
 * - Σx and Σx² per series and month as exact sums (exact-sum.ts);
 * - which blocks are in, to refuse a block counted twice and to know when the run is complete.
 * Every part merges by integer addition, so a run gives the same bytes however its blocks were
 * split over workers and shards, and in whatever order they arrived (test/engine/sketch.test.ts).
 */
/** A {@link RunSketch} as plain data (RunSketch.toParts): what a worker posts once at the end of a run. */
export interface SketchParts {
  counts: Uint32Array[];
  events: Uint32Array;
  /** The exact sums as hexadecimal text (ExactSums.toStrings). */
  sums: string[];
  /** Paths in each counted state per month (BlockResult.states), summed. */
  states: Float64Array;
  blocksIn: Uint8Array;
  paths: number;
}

export class RunSketch {
  /** Per series: [(m + 1) · slots + slot], m = −1 being the start values. */
  readonly counts: Uint32Array[];
  /** Per threshold k: [k · (months + 2) + month], month = months + 1 meaning never. */
  readonly events: Uint32Array;
  readonly sums: ExactSums;
  /** Paths in each counted state per month, [month · STATE_COUNT + state], summed over the blocks in (whole numbers: exact in any order). */
  readonly states: Float64Array;
  /** 1 where block b is in. */
  readonly blocksIn: Uint8Array;
  private paths = 0;
  private startSlots = new Uint16Array(0);

  constructor(
    readonly layout: SketchLayout,
    readonly months: number,
    readonly thresholds: readonly number[],
    blockCount: number,
  ) {
    this.counts = Array.from({ length: SERIES_COUNT }, (_, s) => new Uint32Array((months + 1) * slotCount(layout, s)));
    this.events = new Uint32Array(thresholds.length * (months + 2));
    this.sums = new ExactSums(SERIES_COUNT * months * 2);
    this.states = new Float64Array(months * STATE_COUNT);
    this.blocksIn = new Uint8Array(blockCount);
  }

  get pathsPresent(): number {
    return this.paths;
  }

  /** Whether block `b` is in already. */
  has(b: number): boolean {
    return this.blocksIn[b] === 1;
  }

  /** Add one block (its per-path slots, start values, first months and sums). */
  add(result: BlockResult): void {
    const { block, count, months, slots } = result;
    if (!slots || months !== this.months) throw new Error(`internal: block ${block} is not a sketch block of ${this.months} months`);
    if (this.has(block)) throw new Error(`internal: block ${block} added twice`);
    if (this.startSlots.length < count) this.startSlots = new Uint16Array(count);
    const start = this.startSlots;
    for (let s = 0; s < SERIES_COUNT; s += 1) {
      const counts = this.counts[s]!,
        per = slotCount(this.layout, s);
      bucketValues(this.layout, s, result.initial[s]!, start, 0);
      for (let i = 0; i < count; i += 1) counts[start[i]!]! += 1;
      const v = slots[s]!;
      for (let m = 0; m < months; m += 1) {
        const base = (m + 1) * per,
          at = m * count;
        for (let i = 0; i < count; i += 1) counts[base + v[at + i]!]! += 1;
      }
    }
    const span = months + 2;
    this.thresholds.forEach((_, k) => {
      for (let i = 0; i < count; i += 1) {
        const month = result.firstMonth[k * count + i]!;
        this.events[k * span + (month === NEVER ? months + 1 : month)]! += 1;
      }
    });
    this.sums.addAll(result.sums);
    addInto(this.states, result.states);
    this.blocksIn[block] = 1;
    this.paths += count;
  }

  /** Add another sketch of the same run (a shard); the caller has checked that no block is in both. */
  merge(other: RunSketch): void {
    this.counts.forEach((c, s) => addInto(c, other.counts[s]!));
    addInto(this.events, other.events);
    addInto(this.states, other.states);
    this.sums.merge(other.sums);
    other.blocksIn.forEach((b, i) => {
      if (b) this.blocksIn[i] = 1;
    });
    this.paths += other.paths;
  }

  /** Add a sketch posted as parts (a worker's; {@link toParts}) without rebuilding it: no second copy of the counts. */
  mergeParts(parts: SketchParts): void {
    this.counts.forEach((c, s) => addInto(c, parts.counts[s]!));
    addInto(this.events, parts.events);
    addInto(this.states, parts.states);
    this.sums.merge(ExactSums.fromStrings(parts.sums));
    parts.blocksIn.forEach((b, i) => {
      if (b) this.blocksIn[i] = 1;
    });
    this.paths += parts.paths;
  }

  /** The sketch as plain data — typed arrays and hexadecimal exact sums — to post between threads. */
  toParts(): SketchParts {
    return {
      counts: this.counts,
      events: this.events,
      sums: this.sums.toStrings(),
      states: this.states,
      blocksIn: this.blocksIn,
      paths: this.paths,
    };
  }

  /** Rebuild a sketch from its parts (shards). */
  static fromParts(
    layout: SketchLayout,
    months: number,
    thresholds: readonly number[],
    parts: { counts: Uint32Array[]; events: Uint32Array; sums: ExactSums; states: Float64Array; blocksIn: Uint8Array; paths: number },
  ): RunSketch {
    const sketch = new RunSketch(layout, months, thresholds, parts.blocksIn.length);
    sketch.counts.forEach((c, s) => {
      if (parts.counts[s]?.length !== c.length) throw new Error(`series ${s}: expected ${c.length} counts, got ${parts.counts[s]?.length}`);
      c.set(parts.counts[s]!);
    });
    if (parts.events.length !== sketch.events.length) throw new Error(`expected ${sketch.events.length} event counts`);
    sketch.events.set(parts.events);
    if (parts.states.length !== sketch.states.length) throw new Error(`expected ${sketch.states.length} state counts`);
    sketch.states.set(parts.states);
    sketch.sums.merge(parts.sums);
    sketch.blocksIn.set(parts.blocksIn);
    sketch.paths = parts.paths;
    return sketch;
  }

  /** Counts of series `s` at month `m` (m = −1: the start values): a view, in slot order. */
  monthCounts(s: number, m: number): Uint32Array {
    const per = slotCount(this.layout, s);
    return this.counts[s]!.subarray((m + 1) * per, (m + 2) * per);
  }

  /** First-passage histogram of threshold k: months 0 … horizon, then never. */
  eventCounts(k: number): Uint32Array {
    const span = this.months + 2;
    return this.events.subarray(k * span, (k + 1) * span);
  }

  /** Σx, Σx² of series `s` at month `m`, exact then rounded once. */
  sumsOf(s: number, m: number): { sum: number; sumSq: number } {
    const at = (s * this.months + m) * 2;
    return { sum: this.sums.value(at), sumSq: this.sums.value(at + 1) };
  }
}

function addInto<T extends Uint32Array | Float64Array>(target: T, source: T): void {
  if (target.length !== source.length) throw new Error(`internal: merging ${source.length} counts into ${target.length}`);
  for (let i = 0; i < target.length; i += 1) target[i]! += source[i]!;
}
