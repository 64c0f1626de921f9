import { RadixScratch, sortFloat32 } from "../util/radix-sort.js";
import { NEVER, SERIES_COUNT, STATE_COUNT, type BlockResult, type SummaryMode } from "./block-result.js";
import { RunSketch, type SketchParts } from "./run-sketch.js";
import { sketchCountBytes, sketchLayout } from "./sketch-layout.js";

/** The contract series (DESIGN §4). Stable names; this order is the engine's series index. */
export const SERIES = [
  "occupiedKm2",
  "occupiedShare",
  "russiaForce",
  "dprkForce",
  "ukraineForce",
  "russiaLosses",
  "dprkLosses",
  "ukraineLosses",
  "claimedLosses",
] as const;
export type SeriesName = (typeof SERIES)[number];
/** block-result.ts counts the series without importing this list: a compile error if the two disagree. */
SERIES_COUNT satisfies (typeof SERIES)["length"];

export const SERIES_UNITS: Record<SeriesName, string> = {
  occupiedKm2: "km^2",
  occupiedShare: "share of Ukraine",
  russiaForce: "people",
  dprkForce: "people",
  ukraineForce: "people",
  russiaLosses: "people (cumulative since start)",
  dprkLosses: "people (cumulative since start)",
  ukraineLosses: "people (cumulative since start)",
  claimedLosses: "people (General Staff claims, cumulative since start)",
};

/**
 * Accounting series kept with `keepPaths` (cumulative since start, people; regime 0 =
 * offensive, 1 = stalemate; ceasefire 0/1), so that initial + inflows + returns − losses −
 * desertion = final force can be checked per path.
 */
export const ACCOUNTING = [
  "russiaJoined",
  "russiaReturned",
  "russiaDeserted",
  "ukraineJoined",
  "ukraineReturned",
  "ukraineDeserted",
  "dprkArrived",
  "dprkReturned",
  "dprkBeyondPool",
  "regime",
  "ceasefire",
] as const;
export type AccountingName = (typeof ACCOUNTING)[number];

export type ValueArray = Float32Array | Float64Array;

/** Every path of a run (keepPaths): arrays indexed [month · runs + path]. */
export interface RunStore {
  runs: number;
  months: number;
  series: Record<SeriesName, Float64Array>;
  initial: Record<SeriesName, Float64Array>;
  accounting?: Record<AccountingName, Float64Array>;
  /** Per-path parameter values, by parameter path. */
  parameters?: Record<string, Float64Array>;
  /** Per threshold k, per path: first month (1-based) whose end reaches it; Infinity if never. */
  firstMonth: Float64Array;
  thresholds: readonly number[];
}

/** Runs up to which summaries are exact (every path kept, Float32); above, a fixed-size sketch (run-sketch.ts). */
export const EXACT_RUNS = 20_480;

/**
 * The summary mode for a run of `runs` paths (keepPaths always keeps everything). `reference`
 * gives the sketch's per-series references (sketch-reference.ts), asked for only above EXACT_RUNS.
 */
export function summaryModeFor(runs: number, keepPaths: boolean, reference: () => readonly number[]): SummaryMode {
  return keepPaths || runs <= EXACT_RUNS ? "exact" : sketchLayout(reference());
}

/** Bytes a run's results will take, to refuse runs that cannot fit before allocating them. */
export function storeBytes(runs: number, months: number, keepPaths: boolean, thresholds: number): number {
  if (!keepPaths && runs > EXACT_RUNS) {
    // Flat in runs: the sketch counts, the event histograms and one flag per block.
    return sketchCountBytes(months) + thresholds * (months + 2) * 4 + Math.ceil(runs / 1024);
  }
  const perPathMonth = keepPaths ? SERIES.length * 8 + ACCOUNTING.length * 8 : SERIES.length * 4;
  return runs * (months * perPathMonth + SERIES.length * 8 + thresholds * 2);
}

/** A sample to summarise (exact mode). */
export interface ExactSample {
  values: Float64Array;
  /** True when `values` are already in ascending order. */
  sorted?: boolean;
}

/**
 * The results of a run (or of a shard of it). Exact mode keeps them block by block and reads
 * them in block order; sketch mode adds every block into one {@link RunSketch} as it arrives and
 * keeps no block (integer addition: exact and order-free). Either way the summaries do not
 * depend on the order blocks arrived in, on the number of workers, or on how the run was split
 * into shards.
 */
export class RunSummary {
  /** Exact mode: the blocks by index (sketch mode keeps none). */
  readonly blocks: (BlockResult | undefined)[];
  /** Sketch mode: the run's sketch. */
  readonly sketch: RunSketch | null;

  constructor(
    readonly runs: number,
    readonly months: number,
    readonly thresholds: readonly number[],
    readonly mode: SummaryMode,
    blockCount: number,
  ) {
    this.blocks = new Array<BlockResult | undefined>(mode === "exact" ? blockCount : 0).fill(undefined);
    this.sketch = mode === "exact" ? null : new RunSketch(mode, months, thresholds, blockCount);
  }

  /** Blocks of the whole run. */
  get blockCount(): number {
    return this.sketch ? this.sketch.blocksIn.length : this.blocks.length;
  }

  /** Whether block `b` is in already. */
  has(b: number): boolean {
    return this.sketch ? this.sketch.has(b) : this.blocks[b] !== undefined;
  }

  private gathered?: Float32Array;
  private scratch?: RadixScratch;

  private gatherBuffer(n: number): Float32Array {
    if (!this.gathered || this.gathered.length !== n) this.gathered = new Float32Array(n);
    return this.gathered;
  }

  private get radixScratch(): RadixScratch {
    this.scratch ??= new RadixScratch(this.pathsPresent);
    return this.scratch;
  }

  /**
   * Sketch mode: add the sketch of a worker that counted some of the run's blocks itself
   * (node/worker.ts). Integer addition, so the totals are the same whoever counted which block.
   */
  acceptSketch(parts: SketchParts): void {
    const sketch = this.sketch;
    if (!sketch) throw new Error("internal: a worker's sketch for an exact run");
    parts.blocksIn.forEach((b, i) => {
      if (b && sketch.has(i)) throw new Error(`internal: block ${i} counted twice`);
    });
    sketch.mergeParts(parts);
  }

  accept(result: BlockResult): void {
    if (this.sketch) this.sketch.add(result);
    else this.blocks[result.block] = result;
  }

  /** Results present, in block order (exact mode; a sketch keeps no block). */
  present(): BlockResult[] {
    return this.blocks.filter((b): b is BlockResult => b !== undefined);
  }

  /** Paths covered by the blocks present. */
  get pathsPresent(): number {
    return this.sketch ? this.sketch.pathsPresent : this.present().reduce((n, b) => n + b.count, 0);
  }

  get complete(): boolean {
    return this.pathsPresent === this.runs;
  }

  /** Paths in counted state `k` (STATE_COUNT: 0 offensive, 1 ceasefire begun) at the end of month `m`, summed over the blocks present (whole numbers: the same in any order). */
  stateCount(k: number, m: number): number {
    if (this.sketch) return this.sketch.states[m * STATE_COUNT + k]!;
    let n = 0;
    for (const b of this.present()) n += b.states[m * STATE_COUNT + k]!;
    return n;
  }

  /** Σx, Σx² of series `s` at month `m`: folded in block order (exact mode), exact sums (sketch). */
  sums(s: number, m: number): { sum: number; sumSq: number } {
    if (this.sketch) return this.sketch.sumsOf(s, m);
    let sum = 0,
      sumSq = 0;
    for (const b of this.present()) {
      sum += b.sums[(s * this.months + m) * 2]!;
      sumSq += b.sums[(s * this.months + m) * 2 + 1]!;
    }
    return { sum, sumSq };
  }

  /**
   * Series `s` at month `m`, every path's Float32 month end in path order (unsorted, in a buffer
   * reused by the next call) — or undefined unless the run is exact without keepPaths.
   */
  float32Sample(s: number, m: number): Float32Array | undefined {
    if (this.sketch) return undefined;
    const blocks = this.present();
    if (!blocks.every((b) => b.values![s] instanceof Float32Array)) return undefined;
    const gathered = this.gatherBuffer(this.pathsPresent);
    let at = 0;
    for (const b of blocks) {
      gathered.set(b.values![s]!.subarray(m * b.count, (m + 1) * b.count), at);
      at += b.count;
    }
    return gathered;
  }

  /** The sample of series `s` at month `m` (or its start values with m = -1); exact mode only. */
  sample(s: number, m: number): ExactSample {
    if (this.sketch) throw new Error("internal: a sketch keeps no sample; read RunSummary.sketch");
    const blocks = this.present();
    if (m < 0) {
      const values = new Float64Array(this.pathsPresent);
      let at = 0;
      for (const b of blocks) {
        values.set(b.initial[s]!, at);
        at += b.count;
      }
      return { values };
    }
    const gathered = this.float32Sample(s, m);
    if (gathered) {
      // Float32 month ends (no keepPaths): a radix sort of the bit patterns, ≈ 5× faster than
      // Float64Array.prototype.sort at 10,000 values, and the same order (bench/results.json).
      sortFloat32(gathered, this.radixScratch);
      return { values: Float64Array.from(gathered), sorted: true };
    }
    const values = new Float64Array(this.pathsPresent);
    let at = 0;
    for (const b of blocks) {
      const v = b.values![s]!;
      for (let i = 0; i < b.count; i += 1) values[at + i] = v[m * b.count + i]!;
      at += b.count;
    }
    return { values };
  }

  /** First-passage months of threshold k, one per path present (Infinity = never); exact mode only. */
  firstMonths(k: number): Float64Array {
    if (this.sketch) throw new Error("internal: a sketch keeps first passages as a histogram; read RunSummary.sketch");
    const out = new Float64Array(this.pathsPresent);
    let at = 0;
    for (const b of this.present()) {
      for (let i = 0; i < b.count; i += 1) {
        const v = b.firstMonth[k * b.count + i]!;
        out[at + i] = v === NEVER ? Infinity : v;
      }
      at += b.count;
    }
    return out;
  }

  /** Every path in the [month · runs + path] layout (keepPaths runs only). */
  toRunStore(series: readonly string[], accounting: readonly string[]): RunStore | undefined {
    const blocks = this.present();
    if (blocks.some((b) => !b.accounting)) return undefined;
    const runs = this.pathsPresent,
      months = this.months;
    const spread = (get: (b: BlockResult) => ArrayLike<number>) => {
      const out = new Float64Array(runs * months);
      let at = 0;
      for (const b of blocks) {
        const v = get(b);
        for (let m = 0; m < months; m += 1) for (let i = 0; i < b.count; i += 1) out[m * runs + at + i] = v[m * b.count + i]!;
        at += b.count;
      }
      return out;
    };
    const concat = (get: (b: BlockResult) => ArrayLike<number>) => {
      const out = new Float64Array(runs);
      let at = 0;
      for (const b of blocks) {
        out.set(get(b), at);
        at += b.count;
      }
      return out;
    };
    const firstMonth = new Float64Array(runs * this.thresholds.length);
    this.thresholds.forEach((_, k) => firstMonth.set(this.firstMonths(k), k * runs));
    const parameterPaths = Object.keys(blocks[0]?.parameters ?? {});
    return {
      runs,
      months,
      thresholds: this.thresholds,
      firstMonth,
      series: Object.fromEntries(series.map((name, s) => [name, spread((b) => b.values![s]!)])) as RunStore["series"],
      initial: Object.fromEntries(series.map((name, s) => [name, concat((b) => b.initial[s]!)])) as RunStore["initial"],
      accounting: Object.fromEntries(accounting.map((name, j) => [name, spread((b) => b.accounting![j]!)])) as RunStore["accounting"],
      parameters: Object.fromEntries(parameterPaths.map((path) => [path, concat((b) => b.parameters![path]!)])),
    };
  }
}
