import { listParameters } from "../engine/parameters.js";
import { createStream, validateSeed } from "../engine/rng.js";
import { simulatePathsSync } from "../engine/run.js";
import { describeValue, OptionsError, type InputIssue } from "../util/errors.js";
import { quantile, type DistSpec } from "../scenario/distributions.js";
import { parseScenario, toScenarioInput } from "../scenario/parse.js";
import type { Scenario, ScenarioInput } from "../scenario/schema.js";
import { abcSmcSteps, type AbcGeneration, type AbcResult } from "./abc.js";
import { addMonths, type Observations } from "./observations.js";
import { summarizeFit, type ParameterFit } from "./posterior-summary.js";
import { monthlyPaths, predictiveCheck, type PredictiveCheck } from "./predictive.js";
import { runSteps, runStepsAsync, type Steps } from "./steps.js";
import { pathSummaries, summaryPlan } from "./summaries.js";

/**
 * Calibration of chosen scenario parameters to the observed monthly series by approximate
 * Bayesian computation (ABC-SMC, src/analysis/abc.ts). Each particle is one Monte Carlo path
 * whose calibrated parameters are set through `parameterUniforms`; every other parameter,
 * the regimes, the monthly noise and the events are drawn as in any run, so they are
 * integrated over. One `simulateSync` call simulates the whole population per MCMC sweep.
 *
 * The data: each month's change of occupied area ΔA and each month's claimed Russian losses C.
 * A path's claims are C_sim = (ΔLR + ΔLK) × claimsBias — claims observe the true losses through
 * an uncertain bias (DESIGN §3), so `attrition.claimsBias` is a parameter, not an exact factor.
 * The distance of a path to the data is the root mean square of the differences of summary
 * statistics of these monthly series (src/analysis/summaries.ts: levels, spreads, persistence,
 * coupling, season, order, the last three months), each scaled by its spread across the
 * generation's simulations (src/analysis/abc.ts).
 */

export interface CalibrateOptions {
  /** Dotted paths of the parameters to calibrate (each needs a prior that is not `fixed`). */
  parameters: readonly string[];
  /** Population size N (default 1000). */
  particles?: number;
  /** Most ABC-SMC generations after the prior one (default 10). */
  generations?: number;
  /** Integer 0…2³²−1 (default 1). Same seed ⇒ same posterior. */
  seed?: number;
  /** Share of the population kept when the tolerance shrinks (default 0.5). */
  quantile?: number;
  /** Stop once a generation's MCMC move acceptance rate is below this (default 0.03). */
  minAcceptance?: number;
  /** Most MCMC sweeps (one simulation call of `particles` paths each) per generation (default 6). */
  maxMoves?: number;
  /** Engine step (default "month": agrees with the day step within 0.5% on medians, ≈ 3× faster). */
  step?: "day" | "month";
  /** Continue the accepted paths this many months past the data (for forecasts; default 0). */
  forecastMonths?: number;
  /** Paths of the fresh posterior predictive check (default = particles; 0 skips it). */
  predictiveRuns?: number;
  /** Called after each generation. */
  onGeneration?: (record: AbcGeneration) => void;
}

/** A joint posterior in the form `simulate` accepts as a scenario's `posterior`. */
export interface PosteriorSpec {
  kind: "posterior";
  parameters: string[];
  draws: number[][];
}

export interface CalibrationDiagnostics {
  generations: AbcGeneration[];
  stopped: AbcResult["stopped"];
  /** MCMC move acceptance rate of the last generation (accepted ÷ proposed moves). */
  acceptanceRate: number;
  /** Effective number of distinct particles in the final population, (Σ m_k)² / Σ m_k². */
  ess: number;
  /** Final tolerance (RMS of the scaled differences of the summary statistics). */
  epsilon: number;
  /** The summary statistics compared, their observed values and their final scales. */
  statistics: { labels: string[]; observed: number[]; scales: number[] };
  parameters: ParameterFit[];
  /** Which parameters the data inform and which stay assumptions, in a sentence. */
  summary: string;
  /** Fresh simulation of the calibrated scenario over the observed months, against the data. */
  predictive?: PredictiveCheck;
}

export interface Calibration {
  posterior: PosteriorSpec;
  /** The calibrated scenario (the input scenario with `posterior` set): pass it to `simulate`. */
  scenario: ScenarioInput;
  diagnostics: CalibrationDiagnostics;
  /**
   * With `forecastMonths`: each posterior draw's accepted path continued past the data — per
   * month, one value per draw: the change of the occupied area (km²), the losses as the General
   * Staff would claim them ((ΔLR + ΔLK) × claimsBias, people) and the true Russian-side losses
   * they observe (ΔLR + ΔLK: killed, wounded, captured and missing, people).
   */
  forecast?: { months: string[]; occupiedChangeKm2: Float64Array[]; claimedLosses: Float64Array[]; trueLosses: Float64Array[] };
}

const TWO_POW_32 = 4294967296;

interface Resolved {
  particles: number;
  generations: number;
  seed: number;
  quantile: number;
  minAcceptance: number;
  maxMoves: number;
  step: "day" | "month";
  forecastMonths: number;
  predictiveRuns: number;
}

function resolve(options: CalibrateOptions, issues: InputIssue[]): Resolved {
  const int = (v: unknown, path: string, min: number, max: number, fallback: number) => {
    if (v === undefined) return fallback;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
      issues.push({ path, message: `expected an integer from ${min} to ${max}, got ${describeValue(v)}` });
    return v as number;
  };
  const real = (v: unknown, path: string, ok: (x: number) => boolean, what: string, fallback: number) => {
    if (v === undefined) return fallback;
    if (typeof v !== "number" || !ok(v)) issues.push({ path, message: `expected ${what}, got ${describeValue(v)}` });
    return v as number;
  };
  const particles = int(options.particles, "particles", 20, 1_000_000, 1000);
  let seed = 1;
  if (options.seed !== undefined) {
    try {
      validateSeed(options.seed);
      seed = options.seed;
    } catch (error) {
      if (error instanceof OptionsError) issues.push(...error.issues);
      else throw error;
    }
  }
  if (options.step !== undefined && options.step !== "day" && options.step !== "month")
    issues.push({ path: "step", message: `expected "day" or "month", got ${describeValue(options.step)}` });
  return {
    particles,
    seed,
    generations: int(options.generations, "generations", 0, 100, 10),
    quantile: real(options.quantile, "quantile", (x) => x > 0 && x < 1, "a share in (0, 1)", 0.5),
    minAcceptance: real(options.minAcceptance, "minAcceptance", (x) => x >= 0 && x < 1, "a share in [0, 1)", 0.03),
    maxMoves: int(options.maxMoves, "maxMoves", 1, 100, 6),
    step: options.step ?? "month",
    forecastMonths: int(options.forecastMonths, "forecastMonths", 0, 1200, 0),
    predictiveRuns: int(options.predictiveRuns, "predictiveRuns", 0, 1_000_000, particles),
  };
}

function checkObservations(obs: Observations, scenario: Scenario, issues: InputIssue[]): void {
  const n = obs?.months?.length;
  if (!Array.isArray(obs?.months) || n === 0) {
    issues.push({
      path: "observations.months",
      message: `expected a non-empty array of months YYYY-MM, got ${describeValue(obs?.months)}`,
    });
    return;
  }
  for (const key of ["occupiedChangeKm2", "claimedLosses"] as const) {
    const values = obs[key];
    if (!Array.isArray(values) || values.length !== n) {
      issues.push({
        path: `observations.${key}`,
        message: `expected ${n} values (one per month, null if missing), got ${describeValue(values)}`,
      });
      continue;
    }
    values.forEach((v, m) => {
      const ok = v === null || (typeof v === "number" && Number.isFinite(v) && (key === "occupiedChangeKm2" || v > 0));
      if (!ok)
        issues.push({
          path: `observations.${key}.${m}`,
          message: `expected ${key === "claimedLosses" ? "a positive number" : "a finite number"} or null, got ${describeValue(v)}`,
        });
    });
  }
  const gap = obs.months.findIndex((m, k) => k > 0 && m !== addMonths(obs.months[k - 1]!, 1));
  if (gap > 0)
    issues.push({
      path: `observations.months.${gap}`,
      message: `expected consecutive months (${addMonths(obs.months[gap - 1]!, 1)} after ${obs.months[gap - 1]}), got ${describeValue(obs.months[gap])}`,
    });
  const complete = obs.months.filter((_, m) => obs.occupiedChangeKm2?.[m] != null && obs.claimedLosses?.[m] != null).length;
  if (complete < 4) issues.push({ path: "observations", message: `expected at least 4 months with both series observed, got ${complete}` });
  if (`${obs.months[0]}-01` !== scenario.start) {
    issues.push({
      path: "observations.months.0",
      message: `expected the scenario's start month (${scenario.start.slice(0, 7)}); build the scenario with hindcastScenario(observations), got ${describeValue(obs.months[0])}`,
    });
  }
}

/** An integer seed for one batch of simulations ("generation.sweep"), from the calibration seed. */
const batchSeed = (seed: number, key: string) => Math.floor(createStream(seed, "calibrate", "simulate", key)() * TWO_POW_32);

/**
 * Fit `options.parameters` of `scenario` to `observations` by ABC-SMC (see the module note).
 * The scenario must start at the first observed month (see `hindcastScenario`).
 * @throws {OptionsError | ScenarioError} for bad input, before any simulation.
 * @example
 * const obs = observationsFromSeries({ occupiedArea: occupiedAreaMonthly, claimedLosses: claimedLossesMonthly }, { from: "2023-01", to: "2025-06" });
 * const fit = calibrate(hindcastScenario(obs), obs, { parameters: [...DEFAULT_CALIBRATED_PARAMETERS], particles: 1000, seed: 1 });
 * simulateSync(fit.scenario, { runs: 2000, horizonMonths: 30, step: "month" }); // the posterior predictive
 */
export function calibrate(scenario: unknown, observations: Observations, options: CalibrateOptions): Calibration {
  return runSteps(calibrationSteps(scenario, observations, options));
}

/**
 * {@link calibrate} that gives the event loop a turn between its simulation calls (every ~10 ms
 * of work) and stops with an AbortError when `options.signal` is aborted (e.g. on Ctrl-C).
 * Same steps in the same order: the same result as `calibrate`.
 * @throws {OptionsError | ScenarioError} (as a rejection) for bad input, before any simulation.
 * @example
 * const fit = await calibrateAsync(hindcastScenario(obs), obs, { parameters: [...DEFAULT_CALIBRATED_PARAMETERS], signal });
 */
export function calibrateAsync(
  scenario: unknown,
  observations: Observations,
  options: CalibrateOptions & { signal?: AbortSignal },
): Promise<Calibration> {
  // A generator's body runs on the first step, inside runStepsAsync: bad input rejects.
  return runStepsAsync(calibrationSteps(scenario, observations, options), options?.signal);
}

/** {@link calibrate} as steps (src/analysis/steps.ts): yields after each simulation call. */
export function* calibrationSteps(scenario: unknown, observations: Observations, options: CalibrateOptions): Steps<Calibration> {
  const parsed = parseScenario(scenario);
  const issues: InputIssue[] = [];
  if (typeof options !== "object" || options === null)
    throw new OptionsError({ path: "", message: `expected an options object with parameters, got ${describeValue(options)}` });
  const o = resolve(options, issues);
  checkObservations(observations, parsed, issues);
  const slots = new Map(listParameters(parsed).map((s) => [s.path, s]));
  const paths = options.parameters;
  if (!Array.isArray(paths) || paths.length === 0)
    issues.push({ path: "parameters", message: `expected a non-empty array of parameter paths, got ${describeValue(paths)}` });
  const specs: DistSpec[] = [];
  (Array.isArray(paths) ? paths : []).forEach((path, k) => {
    const slot = slots.get(path);
    if (!slot)
      issues.push({
        path: `parameters.${k}`,
        message: `expected a parameter path of the scenario (e.g. "regimes.stalemateIntensity"), got ${describeValue(path)}`,
      });
    else if (slot.spec.dist === "fixed")
      issues.push({
        path: `parameters.${k}`,
        message: `expected a parameter with a prior distribution (a fixed value cannot be calibrated), got ${path} fixed at ${slot.spec.value}`,
      });
    else if (slot.perEvent)
      issues.push({ path: `parameters.${k}`, message: `expected a parameter drawn once per path, got ${path} (drawn per event)` });
    else if (paths.indexOf(path) !== k)
      issues.push({ path: `parameters.${k}`, message: `expected each parameter once, got ${path} again` });
    else specs.push(slot.spec);
  });
  if (issues.length) throw new OptionsError(issues);

  const d = specs.length;
  const n = observations.months.length;
  const circular = specs.map((spec, k) => isCircular(paths[k]!, spec));
  const plan = summaryPlan(observations);
  const F = o.forecastMonths;
  const horizon = n + F;
  // One simulation call per batch; each path runs past the data by the forecast months, so every
  // particle carries the continuation of the very path that was accepted (joint posterior of
  // parameters and path).
  const simulateBatch = (uniforms: Float64Array, count: number, key: string) => {
    const parameterUniforms: Record<string, Float64Array> = {};
    paths.forEach((path, c) => {
      parameterUniforms[path] = Float64Array.from({ length: count }, (_, i) => uniforms[i * d + c]!);
    });
    const { store } = simulatePathsSync(parsed, {
      runs: count,
      seed: batchSeed(o.seed, key),
      horizonMonths: horizon,
      step: o.step,
      parameterUniforms,
      thresholds: [],
    });
    const m = monthlyPaths(store);
    const extras = new Float64Array(count * 3 * F);
    const { russiaLosses, dprkLosses } = store.series;
    for (let i = 0; i < count; i += 1) {
      for (let k = 0; k < F; k += 1) {
        const at = (n + k) * count + i,
          before = at - count;
        extras[i * 3 * F + k] = m.occupiedChangeKm2[at]!;
        extras[i * 3 * F + F + k] = m.claimedLosses[at]!;
        extras[i * 3 * F + 2 * F + k] = russiaLosses[at]! + dprkLosses[at]! - russiaLosses[before]! - dprkLosses[before]!;
      }
    }
    return { summaries: pathSummaries(plan, m), extras };
  };

  const abc = yield* abcSmcSteps(
    { dimension: d, circular, observed: plan.observed, extras: 3 * F, simulate: simulateBatch },
    {
      particles: o.particles,
      generations: o.generations,
      seed: o.seed,
      quantile: o.quantile,
      minAcceptance: o.minAcceptance,
      maxMoves: o.maxMoves,
      onGeneration: options.onGeneration,
    },
  );
  const pop = abc.population;
  const N = pop.count;
  const draws = Array.from({ length: N }, (_, r) => specs.map((spec, c) => quantile(spec, pop.uniforms[r * d + c]!)));
  const posterior: PosteriorSpec = { kind: "posterior", parameters: [...paths], draws };
  const calibrated = { ...toScenarioInput(parsed), posterior } as ScenarioInput;

  let forecast: Calibration["forecast"];
  if (F > 0) {
    const last = observations.months[n - 1]!;
    const months = Array.from({ length: F }, (_, k) => addMonths(last, k + 1));
    const column = (offset: number) => Float64Array.from({ length: N }, (_, i) => pop.extras[i * 3 * F + offset]!);
    forecast = {
      months,
      occupiedChangeKm2: months.map((_, k) => column(k)),
      claimedLosses: months.map((_, k) => column(F + k)),
      trueLosses: months.map((_, k) => column(2 * F + k)),
    };
  }

  let predictive: PredictiveCheck | undefined;
  if (o.predictiveRuns > 0) {
    const seed = Math.floor(createStream(o.seed, "calibrate", "predictive")() * TWO_POW_32);
    const { store, meta } = simulatePathsSync(calibrated, { runs: o.predictiveRuns, seed, horizonMonths: n, step: o.step, thresholds: [] });
    predictive = predictiveCheck({ paths: store, months: meta.calendar.map((m) => m.endDate) }, observations);
    yield;
  }

  const fit = summarizeFit(paths, specs, circular, pop.uniforms, new Float64Array(N).fill(1 / N), N);
  const last = abc.history.at(-1)!;
  return {
    posterior,
    scenario: calibrated,
    forecast,
    diagnostics: {
      generations: abc.history,
      stopped: abc.stopped,
      acceptanceRate: last.acceptanceRate,
      ess: last.ess,
      epsilon: last.epsilon,
      statistics: { labels: plan.labels, observed: Array.from(plan.observed), scales: Array.from(abc.scales) },
      parameters: fit.parameters,
      summary: fit.summary,
      predictive,
    },
  };
}

/**
 * The seasonal peak month with a flat prior over a whole year (1…13, the schema excludes 13
 * itself) wraps around: December is next to January.
 */
function isCircular(path: string, spec: DistSpec): boolean {
  return path === "intensity.seasonalPeakMonth" && spec.dist === "uniform" && spec.max - spec.min >= 12 - 1e-6;
}

/**
 * A scenario with a calibration's joint posterior applied: each calibrated parameter's prior
 * becomes a uniform over the range of its draws (provenance `calibration`), so that the draws
 * lie in its support, and `posterior` carries the joint draws (each path takes one whole row).
 * @example
 * simulateSync(applyPosterior("baseline", fit.posterior), { runs: 10_000 });
 */
export function applyPosterior(
  scenario: unknown,
  posterior: PosteriorSpec,
  note = "ABC-SMC posterior (src/analysis/calibrate.ts)",
): ScenarioInput {
  const input = toScenarioInput(parseScenario(scenario)) as Record<string, unknown>;
  posterior.parameters.forEach((path, c) => {
    const column = posterior.draws.map((row) => row[c]!);
    const min = Math.min(...column),
      max = Math.max(...column);
    const keys = path.split(".");
    let node = input as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (typeof next !== "object" || next === null)
        throw new OptionsError({
          path: `posterior.parameters.${c}`,
          message: `expected a parameter path of the scenario, got ${describeValue(path)}`,
        });
      node = next as Record<string, unknown>;
    }
    if (!(keys.at(-1)! in node))
      throw new OptionsError({
        path: `posterior.parameters.${c}`,
        message: `expected a parameter path of the scenario, got ${describeValue(path)}`,
      });
    const provenance = { source: "calibration", note };
    node[keys.at(-1)!] = min < max ? { dist: "uniform", min, max, provenance } : { dist: "fixed", value: min, provenance };
  });
  return { ...input, posterior } as ScenarioInput;
}
