import { MAX_HORIZON_MONTHS, MAX_RUNS } from "../engine/options.js";
import { validateSeed } from "../engine/rng.js";
import { describeValue, OptionsError, type InputIssue } from "../util/errors.js";
import type { FirstOrderEstimator } from "./sobol.js";
import { parseTarget, targetHorizon, type SensitivityTarget } from "./targets.js";

/** Options of {@link sensitivity}. */
export interface SensitivityOptions {
  /** What to explain: `occupiedShare@2030-12`, `dprkLosses@2026-12`, `monthsTo:occupiedShare>=0.25`. */
  target: string;
  /** "tornado" (default; one run) or "sobol" (variance-based; N·(k + 3) paths). */
  method?: "tornado" | "sobol";
  /** Tornado: paths of the run (default 10,000). Sobol: paths per design matrix, N (default {@link DEFAULT_SOBOL_RUNS}). */
  runs?: number;
  /** Integer 0…2³²−1 (default 1). */
  seed?: number;
  /** Months to simulate: by default up to the target month, or 120 for a monthsTo target. */
  horizonMonths?: number;
  /** Time step (default "month": sensitivity needs many paths; the month step agrees with the day step within 0.5% on medians at 10 years). */
  step?: "day" | "month";
  /** Bootstrap resamples per interval (default 200). */
  resamples?: number;
  /** Sobol first-order estimator: "saltelli" (Saltelli et al. 2010, default; tighter for small effects) or "jansen" (Jansen 1999). */
  firstOrder?: FirstOrderEstimator;
  /** Called with the fraction done, monotonic, ending at 1. */
  onProgress?: (fraction: number) => void;
  /** Stops the analysis with an AbortError. */
  signal?: AbortSignal;
}

/** Paths per matrix of a Sobol design by default (the CLI default finishes within a minute on 2 cores). */
export const DEFAULT_SOBOL_RUNS = 2048;
/** Paths of a tornado run by default. */
export const DEFAULT_TORNADO_RUNS = 10_000;
/** Fewest paths: the bottom and top 20% need a few paths each. */
const MIN_SENSITIVITY_RUNS = 10;
/** Level of every bootstrap interval. */
export const SENSITIVITY_LEVEL = 0.95;
/** Share of draws in each tornado group. */
export const TORNADO_SHARE = 0.2;

export interface ResolvedSensitivityOptions {
  target: SensitivityTarget;
  method: "tornado" | "sobol";
  runs: number;
  seed: number;
  horizonMonths: number;
  step: "day" | "month";
  resamples: number;
  firstOrder: FirstOrderEstimator;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

const KNOWN = ["target", "method", "runs", "seed", "horizonMonths", "step", "resamples", "firstOrder", "onProgress", "signal"];

function integer(value: unknown, path: string, min: number, max: number, issues: InputIssue[]): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    issues.push({ path, message: `expected an integer from ${min} to ${max}, got ${describeValue(value)}` });
  }
  return value as number;
}

/**
 * Check the options of a sensitivity analysis against a scenario start date; fill in defaults.
 * @throws {OptionsError} naming every bad option, e.g. `target: expected a series (…) before "@", got "occupied"`.
 * @example
 * resolveSensitivityOptions({ target: "occupiedShare@2030-12" }, "2025-07-01").horizonMonths; // 66
 */
export function resolveSensitivityOptions(options: unknown, start: string): ResolvedSensitivityOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new OptionsError({ path: "", message: `expected an options object with a target, got ${describeValue(options)}` });
  }
  const o = options as Record<string, unknown>;
  const issues: InputIssue[] = [];
  for (const key of Object.keys(o)) {
    if (!KNOWN.includes(key))
      issues.push({
        path: key,
        message: `expected one of the known options (${KNOWN.join(", ")}), got an unknown option set to ${describeValue(o[key])}`,
      });
  }
  const collect = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (error) {
      if (error instanceof OptionsError) issues.push(...error.issues);
      else throw error;
      return undefined;
    }
  };
  const target = collect(() => parseTarget(o.target));
  let method: "tornado" | "sobol" = "tornado";
  if (o.method !== undefined) {
    if (o.method === "tornado" || o.method === "sobol") method = o.method;
    else issues.push({ path: "method", message: `expected "tornado" or "sobol", got ${describeValue(o.method)}` });
  }
  const runs =
    integer(o.runs, "runs", MIN_SENSITIVITY_RUNS, MAX_RUNS, issues) ?? (method === "sobol" ? DEFAULT_SOBOL_RUNS : DEFAULT_TORNADO_RUNS);
  let seed = 1;
  if (o.seed !== undefined)
    collect(() => {
      validateSeed(o.seed);
      seed = o.seed;
    });
  const requested = integer(o.horizonMonths, "horizonMonths", 1, MAX_HORIZON_MONTHS, issues);
  let step: "day" | "month" = "month";
  if (o.step !== undefined) {
    if (o.step === "day" || o.step === "month") step = o.step;
    else issues.push({ path: "step", message: `expected "day" or "month", got ${describeValue(o.step)}` });
  }
  const resamples = integer(o.resamples, "resamples", 10, 100_000, issues) ?? 200;
  let firstOrder: FirstOrderEstimator = "saltelli";
  if (o.firstOrder !== undefined) {
    if (o.firstOrder === "saltelli" || o.firstOrder === "jansen") firstOrder = o.firstOrder;
    else issues.push({ path: "firstOrder", message: `expected "saltelli" or "jansen", got ${describeValue(o.firstOrder)}` });
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== "function")
    issues.push({ path: "onProgress", message: `expected a function, got ${describeValue(o.onProgress)}` });
  const signal = o.signal as AbortSignal | undefined;
  if (signal !== undefined && (typeof signal !== "object" || signal === null || typeof signal.aborted !== "boolean")) {
    issues.push({ path: "signal", message: `expected an AbortSignal, got ${describeValue(signal)}` });
  }
  if (issues.length) throw new OptionsError(issues);
  const horizonMonths = targetHorizon(target!, start, requested, 120, MAX_HORIZON_MONTHS);
  return {
    target: target!,
    method,
    runs,
    seed,
    horizonMonths,
    step,
    resamples,
    firstOrder,
    onProgress: o.onProgress as ResolvedSensitivityOptions["onProgress"],
    signal,
  };
}
