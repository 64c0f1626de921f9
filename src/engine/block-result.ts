import type { BlockParameters } from "./parameters.js";
import { bucketValues, type SketchLayout } from "./sketch-layout.js";
import { OFFENSIVE } from "../model/regimes.js";

/**
 * What one block of paths hands back: plain typed arrays (transferable between threads),
 * positioned by block index so that results merge in block order whoever computed them.
 *
 * Two summary modes (chosen by the total run count, DESIGN §4):
 * - "exact": every path's month-end values (Float32; Float64 with keepPaths);
 * - a {@link SketchLayout}: every path's month-end values as the slot of their sketch bucket
 *   (Uint16, sketch-layout.ts). The run adds them into one fixed-size count sketch as blocks
 *   arrive (run-sketch.ts) and keeps no block, so memory is flat in runs.
 */
export type SummaryMode = "exact" | SketchLayout;
/** Month index used for "never reached" in first-passage months (horizons are ≤ 1,200). */
export const NEVER = 65_535;
/** Number of contract series (the order of SERIES in store.ts). */
export const SERIES_COUNT = 9;
/** Number of accounting arrays recorded with keepPaths (ACCOUNTING in store.ts). */
export const ACCOUNTING_COUNT = 11;
/**
 * Path states counted every month: 0 = in the offensive regime (and no ceasefire begun),
 * 1 = ceasefire begun (projection@2's `probabilities`).
 */
export const STATE_COUNT = 2;

export interface BlockResult {
  block: number;
  firstPath: number;
  count: number;
  months: number;
  /** exact: per series, [month · count + i]. */
  values: (Float32Array | Float64Array)[] | null;
  /** sketch: per series, the slot of each path's value, [month · count + i] (sketch-layout.ts). */
  slots: Uint16Array[] | null;
  /** Σx and Σx² per series and month: [(series · months + month) · 2 + 0|1]. */
  sums: Float64Array;
  /** Paths in each counted state at each month end: [month · STATE_COUNT + state] (whole numbers). */
  states: Float64Array;
  /** Start values per series (losses are 0). */
  initial: Float64Array[];
  /** Per threshold t, per path: first month (1-based) whose end reaches it; NEVER if not. */
  firstMonth: Uint16Array;
  /** keepPaths: cumulative flows, regime and ceasefire per month, [month · count + i]. */
  accounting: Float64Array[] | null;
  /** keepPaths: each path's parameter values. */
  parameters: BlockParameters | null;
}

/** Collects a block's month ends into a {@link BlockResult}. */
export class BlockRecorder {
  /** The month's values, written by the engine before `recordMonth`: one array per series. */
  readonly month: Float64Array[];
  readonly initial: Float64Array[];
  private readonly result: BlockResult;
  private readonly thresholds: readonly number[];
  private readonly layout: SketchLayout | null;

  constructor(
    block: number,
    firstPath: number,
    count: number,
    months: number,
    thresholds: readonly number[],
    mode: SummaryMode,
    keepPaths: boolean,
    parameters?: BlockParameters,
    reuse?: readonly Uint16Array[],
  ) {
    this.thresholds = thresholds;
    this.month = Array.from({ length: SERIES_COUNT }, () => new Float64Array(count));
    this.initial = Array.from({ length: SERIES_COUNT }, () => new Float64Array(count));
    const exact = mode === "exact" || keepPaths;
    this.layout = exact ? null : (mode as SketchLayout);
    this.result = {
      block,
      firstPath,
      count,
      months,
      values: exact
        ? Array.from({ length: SERIES_COUNT }, () => (keepPaths ? new Float64Array(months * count) : new Float32Array(months * count)))
        : null,
      // Every slot is written each month, so a previous block's arrays (handed back by the
      // main thread, node/parallel.ts) can be reused as they are: no 2 MB of garbage per block.
      slots: exact
        ? null
        : reuse?.length === SERIES_COUNT && reuse.every((a) => a.length === months * count)
          ? [...reuse]
          : Array.from({ length: SERIES_COUNT }, () => new Uint16Array(months * count)),
      sums: new Float64Array(SERIES_COUNT * months * 2),
      states: new Float64Array(months * STATE_COUNT),
      initial: this.initial,
      firstMonth: new Uint16Array(thresholds.length * count).fill(NEVER),
      accounting: keepPaths ? Array.from({ length: ACCOUNTING_COUNT }, () => new Float64Array(months * count)) : null,
      parameters: keepPaths && parameters ? parameters : null,
    };
  }

  /** Paths whose start is already at or beyond a threshold reach it at month 0. */
  initialiseEvents(share: Float64Array): void {
    const { count, firstMonth } = this.result;
    firstMonth.fill(NEVER); // (again, when a block is re-initialised: BlockRun.reinitialise)
    this.thresholds.forEach((t, k) => {
      for (let i = 0; i < count; i += 1) if (share[i]! >= t) firstMonth[k * count + i] = 0;
    });
  }

  /**
   * Store month `m` from `this.month` (and the accounting arrays when paths are kept), and count
   * the paths offensive (regime 0, no ceasefire) and those whose ceasefire has begun.
   */
  recordMonth(m: number, accounting: ArrayLike<number>[], regime: ArrayLike<number>, ceased: ArrayLike<number>): void {
    const { count, months, values, slots, sums, firstMonth, states } = this.result;
    let offensive = 0,
      ceasefire = 0;
    for (let i = 0; i < count; i += 1) {
      if (ceased[i]) ceasefire += 1;
      else if (regime[i] === OFFENSIVE) offensive += 1;
    }
    states[m * STATE_COUNT] = offensive;
    states[m * STATE_COUNT + 1] = ceasefire;
    const share = this.month[1]!;
    this.thresholds.forEach((t, k) => {
      const base = k * count;
      for (let i = 0; i < count; i += 1) if (firstMonth[base + i] === NEVER && share[i]! >= t) firstMonth[base + i] = m + 1;
    });
    for (let s = 0; s < SERIES_COUNT; s += 1) {
      const v = this.month[s]!;
      let sum = 0,
        sumSq = 0;
      for (let i = 0; i < count; i += 1) {
        const x = v[i]!;
        sum += x;
        sumSq += x * x;
      }
      sums[(s * months + m) * 2] = sum;
      sums[(s * months + m) * 2 + 1] = sumSq;
      if (values) values[s]!.set(v, m * count);
      else bucketValues(this.layout!, s, v, slots![s]!, m * count);
    }
    const acc = this.result.accounting;
    if (acc)
      accounting.forEach((a, j) => {
        for (let i = 0; i < count; i += 1) acc[j]![m * count + i] = a[i]!;
      });
  }

  finish(): BlockResult {
    return this.result;
  }
}

/** The typed arrays of a result, for a transfer list between threads. */
export function transferables(result: BlockResult): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [
    result.sums,
    result.states,
    result.firstMonth,
    ...result.initial,
    ...(result.values ?? []),
    ...(result.slots ?? []),
    ...(result.accounting ?? []),
    ...Object.values(result.parameters ?? {}),
  ];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
