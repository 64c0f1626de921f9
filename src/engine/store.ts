/**
 * Where a run keeps its per-path values: one typed array per series, indexed
 * [month · runs + path]. Float32 is enough for summaries (7 significant digits) and halves the
 * memory; `keepPaths` keeps Float64 so per-path accounting checks hold to 1e-9.
 */

/** The contract series (DESIGN §4). Stable names. */
export const SERIES = [
  "occupiedKm2",
  "occupiedShare",
  "russiaForce",
  "dprkForce",
  "ukraineForce",
  "russiaLosses",
  "dprkLosses",
  "ukraineLosses",
] as const;
export type SeriesName = (typeof SERIES)[number];

export const SERIES_UNITS: Record<SeriesName, string> = {
  occupiedKm2: "km^2",
  occupiedShare: "share of Ukraine",
  russiaForce: "people",
  dprkForce: "people",
  ukraineForce: "people",
  russiaLosses: "people (cumulative since start)",
  dprkLosses: "people (cumulative since start)",
  ukraineLosses: "people (cumulative since start)",
};

/**
 * Accounting series kept with `keepPaths` (cumulative since start, people), so that
 * initial + inflows + returns − losses − desertion = final force can be checked per path.
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

export interface RunStore {
  runs: number;
  months: number;
  /** Month-end values of each contract series, [month · runs + path]. */
  series: Record<SeriesName, ValueArray>;
  /** Start values of each contract series, one per path. */
  initial: Record<SeriesName, Float64Array>;
  /** Month-end accounting values (only with keepPaths). */
  accounting?: Record<AccountingName, Float64Array>;
  /** Per-path parameter values, by parameter path (only with keepPaths). */
  parameters?: Record<string, Float64Array>;
  /** Per threshold k, per path: first month (1-based) whose end reaches it; Infinity if never. */
  firstMonth: Float64Array;
  thresholds: readonly number[];
}

/** Bytes a store will take, to refuse runs that cannot fit before allocating them. */
export function storeBytes(runs: number, months: number, keepPaths: boolean, thresholds: number): number {
  const perValue = keepPaths ? 8 : 4;
  const accounting = keepPaths ? ACCOUNTING.length * 8 : 0;
  return runs * (months * (SERIES.length * perValue + accounting) + SERIES.length * 8 + thresholds * 8);
}

/** Allocate the store for a run. */
export function createStore(runs: number, months: number, keepPaths: boolean, thresholds: readonly number[], parameterPaths: readonly string[] = []): RunStore {
  const make = () => (keepPaths ? new Float64Array(runs * months) : new Float32Array(runs * months));
  const series = Object.fromEntries(SERIES.map((name) => [name, make()])) as Record<SeriesName, ValueArray>;
  const initial = Object.fromEntries(SERIES.map((name) => [name, new Float64Array(runs)])) as Record<SeriesName, Float64Array>;
  const accounting = keepPaths
    ? (Object.fromEntries(ACCOUNTING.map((name) => [name, new Float64Array(runs * months)])) as Record<AccountingName, Float64Array>)
    : undefined;
  const firstMonth = new Float64Array(runs * thresholds.length).fill(Infinity);
  const parameters = keepPaths ? Object.fromEntries(parameterPaths.map((path) => [path, new Float64Array(runs)])) : undefined;
  return { runs, months, series, initial, accounting, parameters, firstMonth, thresholds };
}
