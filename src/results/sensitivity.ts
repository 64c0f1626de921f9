/**
 * Which assumptions drive the answer: sensitivity of one target (a series at a month, a
 * first-passage month) to the scenario's parameters — an ensemble tornado from one run, or
 * Sobol indices from a Saltelli design in which the path's own randomness (monthly noise,
 * regime switches, events) is one more factor, so the share of the variance that is chance shows.
 */
import { listParameters } from "../engine/parameters.js";
import { posteriorParameters } from "../engine/posterior.js";
import { createStream } from "../engine/rng.js";
import { simulate } from "./simulate.js";
import type { SensitivityResult, SobolResult, SobolRowJson, TornadoResult } from "../output/sensitivity-json.js";
import { describeSpec } from "../scenario/parameter-table.js";
import { parseScenario } from "../scenario/parse.js";
import type { Scenario } from "../scenario/schema.js";
import { LIBRARY } from "../util/version.js";
import { roundSignificant6 as r6, roundSignificant6Nullable as r6n } from "../util/format.js";
import { summarizeSample } from "../analysis/quantiles.js";
import {
  resolveSensitivityOptions,
  SENSITIVITY_LEVEL,
  TORNADO_SHARE,
  type ResolvedSensitivityOptions,
  type SensitivityOptions,
} from "../analysis/sensitivity-options.js";
import { saltelliDesign, sobolBootstrap } from "../analysis/sobol.js";
import { targetUnit, targetValues } from "../analysis/targets.js";
import { tornado } from "../analysis/tornado.js";

export type { SensitivityOptions } from "../analysis/sensitivity-options.js";

// Six significant digits, as in the projection JSON (equal runs, equal bytes).
const r6i = (v: [number, number] | null): [number, number] | null => (v === null ? null : [r6(v[0]), r6(v[1])]);

/** The name of the noise factor in a Sobol result. */
export const NOISE_FACTOR = "noise";

interface RunOutput {
  values: Float64Array;
  censored: number;
  sha256: string;
  parameters?: Record<string, Float64Array>;
}

/** Run the scenario with keepPaths and read the target of every path. */
async function runTarget(
  scenario: Scenario,
  o: ResolvedSensitivityOptions,
  seed: number,
  runs: number,
  uniforms: Record<string, Float64Array> | undefined,
  progress: (f: number) => void,
): Promise<RunOutput> {
  const projection = await simulate(scenario, {
    runs,
    seed,
    horizonMonths: o.horizonMonths,
    step: o.step,
    keepPaths: true,
    parameterUniforms: uniforms,
    signal: o.signal,
    onProgress: progress,
  });
  const paths = projection.paths!;
  const monthIndex = o.target.kind === "value" ? projection.monthIndex(o.target.month) : 0;
  const { values, censored } = targetValues(o.target, paths, monthIndex);
  return { values, censored, sha256: projection.meta.scenarioSha256, parameters: paths.parameters };
}

function summarize(values: Float64Array, censored: number): SensitivityResult["output"] {
  const n = values.length;
  const s = summarizeSample(Float64Array.from(values)); // sorts its own copy
  return {
    mean: r6(s.mean),
    sd: r6(n > 1 ? s.meanSe * Math.sqrt(n) : 0),
    p05: r6(s.quantiles.p05),
    p50: r6(s.quantiles.p50),
    p95: r6(s.quantiles.p95),
    censoredShare: r6(censored / n),
  };
}

function header(scenario: Scenario, o: ResolvedSensitivityOptions, sha256: string, totalPaths: number) {
  const t = o.target;
  return {
    schema: "attrition-sim/sensitivity@1" as const,
    scenario: { name: scenario.name, sha256 },
    target: {
      text: t.text,
      kind: t.kind,
      series: t.series,
      unit: targetUnit(t),
      month: t.kind === "value" ? t.month : null,
      operator: t.kind === "monthsTo" ? t.operator : null,
      threshold: t.kind === "monthsTo" ? t.threshold : null,
      censoredAs: t.kind === "monthsTo" ? o.horizonMonths + 1 : null,
    },
    options: {
      runs: o.runs,
      totalPaths,
      seed: o.seed,
      horizonMonths: o.horizonMonths,
      step: o.step,
      start: scenario.start,
      resamples: o.resamples,
      level: SENSITIVITY_LEVEL,
    },
    library: { name: LIBRARY.name, version: LIBRARY.version },
  };
}

/** Parameters sampled per path and varying: the factors of a sensitivity analysis. */
function varyingParameters(scenario: Scenario) {
  const posterior = new Set(posteriorParameters(scenario));
  const all = listParameters(scenario).filter((s) => !s.perEvent);
  return {
    slots: all.filter((s) => s.spec.dist !== "fixed" && !posterior.has(s.path)),
    posterior: all.filter((s) => posterior.has(s.path)).map((s) => s.path),
    distribution: new Map(all.map((s) => [s.path, describeSpec(s.spec)])),
  };
}

async function runTornado(scenario: Scenario, o: ResolvedSensitivityOptions): Promise<TornadoResult> {
  const run = await runTarget(scenario, o, o.seed, o.runs, undefined, (f) => o.onProgress?.(0.95 * f));
  const { distribution } = varyingParameters(scenario);
  // The kept per-path parameters hold no per-event parameter: those are not drawn per path.
  const inputs = run.parameters ?? {};
  const { rows, constant } = tornado(inputs, run.values, {
    share: TORNADO_SHARE,
    resamples: o.resamples,
    level: SENSITIVITY_LEVEL,
    uniform: createStream(o.seed, "sensitivity", "tornado-bootstrap"),
  });
  o.onProgress?.(1);
  return {
    ...header(scenario, o, run.sha256, o.runs),
    output: summarize(run.values, run.censored),
    method: "tornado",
    tornado: {
      groupShare: TORNADO_SHARE,
      parameters: rows.map((r) => ({
        parameter: r.name,
        distribution: distribution.get(r.name) ?? "",
        lowInput: r6(r.lowInput),
        highInput: r6(r.highInput),
        low: r6(r.low),
        high: r6(r.high),
        shift: r6(r.shift),
        shiftInterval: [r6(r.shiftInterval[0]), r6(r.shiftInterval[1])],
        spearman: r6(r.spearman),
      })),
      constant,
    },
  };
}

/** The seed of matrix B's runs: derived from the seed, never equal to it. */
function secondSeed(seed: number): number {
  const derived = Math.floor(createStream(seed, "sensitivity", "noise-seed-B")() * 2 ** 32);
  return derived === seed ? (seed + 1) % 2 ** 32 : derived;
}

async function runSobol(scenario: Scenario, o: ResolvedSensitivityOptions): Promise<SobolResult> {
  const { slots, posterior, distribution } = varyingParameters(scenario);
  const names = [...slots.map((s) => s.path), NOISE_FACTOR];
  const noise = names.length - 1;
  const seeds: [number, number] = [o.seed, secondSeed(o.seed)];
  const design = saltelliDesign(names.length, o.runs, (matrix, j) => createStream(o.seed, "sensitivity", matrix, names[j]!));
  const outputs: Float64Array[] = [];
  let censored = 0,
    sha256 = "";
  for (const [m, matrix] of design.entries()) {
    const uniforms = Object.fromEntries(slots.map((s, j) => [s.path, matrix.columns[j]!]));
    const seed = matrix.source[noise] === "A" ? seeds[0] : seeds[1];
    const run = await runTarget(scenario, o, seed, o.runs, uniforms, (f) => o.onProgress?.((0.97 * (m + f)) / design.length));
    outputs.push(run.values);
    if (m < 2) censored += run.censored;
    sha256 = run.sha256;
  }
  const est = sobolBootstrap(outputs[0]!, outputs[1]!, outputs.slice(2), {
    resamples: o.resamples,
    level: SENSITIVITY_LEVEL,
    uniform: createStream(o.seed, "sensitivity", "sobol-bootstrap"),
    firstOrder: o.firstOrder,
  });
  const noiseIncludes = [
    "monthly intensity and territory noise",
    "regime switches",
    "events (breakthroughs, ceasefire, further DPRK waves and their sizes)",
    ...posterior.map((p) => `posterior draw of ${p}`),
  ].join("; ");
  const factors: SobolRowJson[] = names.map((name, i) => ({
    factor: name,
    kind: i === noise ? "noise" : "parameter",
    distribution: i === noise ? noiseIncludes : (distribution.get(name) ?? ""),
    first: r6n(est.first[i]!),
    firstInterval: r6i(est.firstInterval[i]!),
    total: r6n(est.total[i]!),
    totalInterval: r6i(est.totalInterval[i]!),
  }));
  factors.sort((a, b) => (b.total ?? -Infinity) - (a.total ?? -Infinity) || (a.factor < b.factor ? -1 : 1));
  const firsts = est.first.filter((v): v is number => v !== null);
  o.onProgress?.(1);
  return {
    ...header(scenario, o, sha256, o.runs * design.length),
    output: summarize(Float64Array.from([...outputs[0]!, ...outputs[1]!]), censored),
    method: "sobol",
    sobol: {
      matrices: design.length,
      noiseSeeds: seeds,
      estimators: { first: o.firstOrder, total: "jansen" },
      variance: r6(est.variance),
      sumFirst: firsts.length === est.first.length ? r6(firsts.reduce((a, b) => a + b, 0)) : null,
      factors,
    },
  };
}

/**
 * Sensitivity of one target to the scenario's assumptions.
 *
 * - `method: "tornado"` (default): one run of `runs` paths (default 10,000); for every parameter
 *   that varies, the target's median among the paths in the top 20% of that parameter's draws
 *   minus that among the bottom 20%, with a 95% bootstrap interval (200 resamples), and
 *   Spearman's rank correlation.
 * - `method: "sobol"`: first- and total-order Sobol indices (Saltelli design; Jansen's total-order
 *   estimator; Saltelli 2010's first-order estimator, or Jansen's with `firstOrder: "jansen"`;
 *   95% bootstrap intervals) over the parameters that vary plus one `noise` factor — the path's
 *   own randomness: matrices A and B run with different seeds, and AB_noise is A's parameters
 *   with B's seed. N = `runs` paths per matrix (default 2,048), k + 3 matrices in all.
 *
 * Runs use the month step by default (many paths; it agrees with the day step within 0.5% at 10
 * years). A monthsTo target counts paths that never get there as horizon + 1 months.
 *
 * @throws {ScenarioError | OptionsError} for bad input, before any work (target errors at path `target`).
 * @example
 * const result = await sensitivity("baseline", { target: "occupiedShare@2030-12", method: "sobol", runs: 512 });
 * result.method === "sobol" && result.sobol.factors[0]; // { factor: "ceasefire.hazardPerMonth", total: …, … }
 */
export async function sensitivity(scenario: unknown, options: SensitivityOptions): Promise<SensitivityResult> {
  const parsed = parseScenario(scenario);
  const o = resolveSensitivityOptions(options, parsed.start);
  return o.method === "sobol" ? runSobol(parsed, o) : runTornado(parsed, o);
}
