import { describeValue, OptionsError, type InputIssue } from "../util/errors.js";
import { validateSeed } from "./rng.js";

/** Default event thresholds on `occupiedShare` (DESIGN §4). */
export const DEFAULT_THRESHOLDS = [0.25, 0.3, 0.5, 1] as const;
/** Longest horizon, months (100 years). */
export const MAX_HORIZON_MONTHS = 1200;
/** Most runs in one call. */
export const MAX_RUNS = 10_000_000;
/** Most memory a run's per-path store may take; above it the run is refused before allocating. */
export const MAX_STORE_BYTES = 2 * 1024 ** 3;

export interface SimulateOptions {
  /** Monte Carlo paths (default 10,000). */
  runs?: number;
  /** Integer 0…2³²−1 (default 1). */
  seed?: number;
  /** Months to project, 1…1200 (default 120). */
  horizonMonths?: number;
  /**
   * "month" (the default): each calendar month in 12 equal sub-steps, within 0.5% of the daily
   * reference on every median; "day": one step per day, the reference (about 2–2.5× slower).
   */
  step?: "day" | "month";
  /** Extra `occupiedShare` thresholds (0, 1] for time-to-event summaries. */
  thresholds?: number[];
  /** Keep every path's values (Float64) for per-path analysis. */
  keepPaths?: boolean;
  /** Called with the fraction done, monotonic, ending at 1. */
  onProgress?: (fraction: number) => void;
  /** Stops `simulate` with an AbortError; nothing partial is returned. */
  signal?: AbortSignal;
  /**
   * Advanced (sensitivity designs): per-path uniforms in (0, 1) that replace the keyed draws of
   * the named parameters — `{ "attrition.exchangeRatio": Float64Array(runs) }`.
   */
  parameterUniforms?: Record<string, ArrayLike<number>>;
  /**
   * Run only the paths [from, to) of a `runs`-path run (a shard; from and to multiples of
   * BLOCK_SIZE, to may equal runs). Shards merge exactly with `mergeProjections`.
   */
  runRange?: [number, number];
}

export interface ResolvedOptions {
  runs: number;
  seed: number;
  horizonMonths: number;
  step: "day" | "month";
  thresholds: number[];
  keepPaths: boolean;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  parameterUniforms?: Record<string, ArrayLike<number>>;
  runRange?: [number, number];
}

const KNOWN = new Set([
  "runs",
  "seed",
  "horizonMonths",
  "step",
  "thresholds",
  "keepPaths",
  "onProgress",
  "signal",
  "parameterUniforms",
  "runRange",
]);

/** Check per-path uniforms against the scenario's parameter paths and the run count. */
export function checkParameterUniforms(uniforms: Record<string, ArrayLike<number>>, paths: readonly string[], runs: number): void {
  const known = new Set(paths);
  const issues: InputIssue[] = [];
  for (const [path, values] of Object.entries(uniforms)) {
    const at = `parameterUniforms.${path}`;
    if (!known.has(path)) {
      issues.push({ path: at, message: `expected a parameter path of the scenario, got an unknown one` });
      continue;
    }
    if (values === null || typeof values !== "object" || typeof values.length !== "number") {
      issues.push({ path: at, message: `expected an array of ${runs} uniforms, got ${describeValue(values)}` });
      continue;
    }
    if (values.length < runs) {
      issues.push({ path: at, message: `expected at least ${runs} values (one per run), got ${values.length}` });
      continue;
    }
    for (let i = 0; i < runs; i += 1) {
      const u = values[i];
      if (typeof u !== "number" || !(u > 0 && u < 1)) {
        issues.push({ path: `${at}.${i}`, message: `expected a uniform strictly inside (0, 1), got ${describeValue(u)}` });
        break;
      }
    }
  }
  if (issues.length) throw new OptionsError(issues);
}

function integerIn(value: unknown, path: string, min: number, max: number, issues: InputIssue[]): number | undefined {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    issues.push({ path, message: `expected an integer from ${min} to ${max}, got ${describeValue(value)}` });
    return undefined;
  }
  return value;
}

/**
 * Check run options and fill in the defaults (DESIGN §4).
 * @throws {OptionsError} naming each bad option, e.g. `runs: expected an integer from 1 to 10000000, got 0`
 * @example
 * resolveOptions({ runs: 100 }).step; // "month"
 */
export function resolveOptions(options: unknown = {}): ResolvedOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new OptionsError({ path: "", message: `expected an options object, got ${describeValue(options)}` });
  }
  const o = options as Record<string, unknown>;
  const issues: InputIssue[] = [];
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key))
      issues.push({
        path: key,
        message: `expected one of the known options (${[...KNOWN].join(", ")}), got an unknown option set to ${describeValue(o[key])}`,
      });
  }
  const runs = o.runs === undefined ? 10_000 : integerIn(o.runs, "runs", 1, MAX_RUNS, issues);
  let seed = 1;
  if (o.seed !== undefined) {
    try {
      validateSeed(o.seed);
      seed = o.seed;
    } catch (error) {
      if (error instanceof OptionsError) issues.push(...error.issues);
      else throw error;
    }
  }
  const horizonMonths = o.horizonMonths === undefined ? 120 : integerIn(o.horizonMonths, "horizonMonths", 1, MAX_HORIZON_MONTHS, issues);
  let step: "day" | "month" = "month";
  if (o.step !== undefined) {
    if (o.step === "day" || o.step === "month") step = o.step;
    else issues.push({ path: "step", message: `expected "day" or "month", got ${describeValue(o.step)}` });
  }
  const thresholds: number[] = [...DEFAULT_THRESHOLDS];
  if (o.thresholds !== undefined) {
    if (!Array.isArray(o.thresholds))
      issues.push({ path: "thresholds", message: `expected an array of shares in (0, 1], got ${describeValue(o.thresholds)}` });
    else {
      o.thresholds.forEach((t, i) => {
        if (typeof t !== "number" || !(t > 0 && t <= 1))
          issues.push({ path: `thresholds.${i}`, message: `expected a share in (0, 1], got ${describeValue(t)}` });
        else if (!thresholds.includes(t)) thresholds.push(t);
      });
    }
  }
  if (o.keepPaths !== undefined && typeof o.keepPaths !== "boolean")
    issues.push({ path: "keepPaths", message: `expected true or false, got ${describeValue(o.keepPaths)}` });
  if (o.onProgress !== undefined && typeof o.onProgress !== "function")
    issues.push({ path: "onProgress", message: `expected a function, got ${describeValue(o.onProgress)}` });
  const signal = o.signal;
  if (signal !== undefined && (typeof signal !== "object" || signal === null || typeof (signal as AbortSignal).aborted !== "boolean")) {
    issues.push({ path: "signal", message: `expected an AbortSignal, got ${describeValue(signal)}` });
  }
  const uniforms = o.parameterUniforms;
  if (uniforms !== undefined && (typeof uniforms !== "object" || uniforms === null || Array.isArray(uniforms))) {
    issues.push({ path: "parameterUniforms", message: `expected an object of parameter path → uniforms, got ${describeValue(uniforms)}` });
  }
  const runRange = o.runRange;
  if (
    runRange !== undefined &&
    !(Array.isArray(runRange) && runRange.length === 2 && runRange.every((v) => Number.isInteger(v) && v >= 0))
  ) {
    issues.push({ path: "runRange", message: `expected [from, to] with two non-negative integers, got ${describeValue(runRange)}` });
  }
  if (issues.length) throw new OptionsError(issues);
  thresholds.sort((a, b) => a - b);
  return {
    runs: runs!,
    seed,
    horizonMonths: horizonMonths!,
    step,
    thresholds,
    keepPaths: o.keepPaths === true,
    onProgress: o.onProgress as ResolvedOptions["onProgress"],
    signal: signal as AbortSignal | undefined,
    parameterUniforms: uniforms as ResolvedOptions["parameterUniforms"],
    runRange: runRange as [number, number] | undefined,
  };
}
