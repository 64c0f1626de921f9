import { median, quantile } from "../scenario/distribution-math.js";
import type { ParameterSlot } from "../scenario/parameter-list.js";
import { createStream } from "./rng.js";
import { columnMedian, type PathStates } from "./path-state.js";

export { listParameters, type ParameterSlot } from "../scenario/parameter-list.js";

/** Parameter draws for one block of paths: path → one value per path. */
export type BlockParameters = Record<string, Float64Array>;

/**
 * A joint posterior (from calibration, or the shipped one): each path takes one whole row, so
 * correlations survive — and, with `state`, the same row's state to start from (engine/path-state.ts).
 */
export interface JointDraws {
  parameters: readonly string[];
  draws: readonly (readonly number[])[];
  /** Per row of `draws`, the state at the posterior's last month (the shipped posterior's). */
  state?: PathStates;
}

/** How the parameters of a block are drawn. */
export interface SamplingPlan {
  slots: readonly ParameterSlot[];
  seed: number;
  /** Every parameter at its median (noise off); a posterior at its column medians. */
  atMedian: boolean;
  /** Per-path uniforms that replace the keyed draws, indexed by global path (sensitivity designs). */
  uniforms?: Readonly<Record<string, ArrayLike<number>>>;
  /** Joint posterior draws that replace the listed parameters. */
  posterior?: JointDraws;
}

/**
 * Draw every parameter once per path of a block. Each parameter has its own stream keyed by
 * (seed, block, "param", path) — so adding or removing a parameter shifts no other draw —
 * unless the plan supplies that parameter's uniforms. A joint posterior then overrides its
 * parameters with one whole row per path, chosen from the stream (seed, block, "posterior"):
 * `rows` when the caller has already drawn them (engine/sample.ts, which hands them on to the
 * block's states), else {@link posteriorRows}.
 */
export function sampleBlockParameters(
  plan: SamplingPlan,
  block: number,
  firstPath: number,
  paths: number,
  rows?: Int32Array,
): BlockParameters {
  const { slots, seed, atMedian, uniforms, posterior } = plan;
  const out: BlockParameters = {};
  for (const slot of slots) {
    const values = new Float64Array(paths);
    const given = uniforms?.[slot.path];
    if (given) {
      for (let i = 0; i < paths; i += 1) values[i] = quantile(slot.spec, given[firstPath + i]!);
    } else if (atMedian || slot.spec.dist === "fixed") {
      values.fill(median(slot.spec));
    } else {
      const uniform = createStream(seed, "block", block, "param", slot.path);
      for (let i = 0; i < paths; i += 1) values[i] = quantile(slot.spec, uniform());
    }
    out[slot.path] = values;
  }
  if (posterior && posterior.draws.length > 0) {
    const chosen = atMedian ? undefined : (rows ?? posteriorRows(posterior.draws.length, seed, block, paths));
    posterior.parameters.forEach((path, column) => {
      const values = out[path];
      if (!values) return;
      if (!chosen) values.fill(columnMedian(posterior.draws, column));
      else for (let i = 0; i < paths; i += 1) values[i] = posterior.draws[chosen[i]!]![column]!;
    });
  }
  return out;
}

/**
 * The posterior row each path of a block takes: one uniform per path from the stream (seed,
 * block, "posterior"), row ⌊u · rows⌋. The parameters and the state of a path come from the same row.
 * @example
 * posteriorRows(1000, 1, 0, 3); // three row indices in 0…999, the same on every call
 */
export function posteriorRows(rows: number, seed: number, block: number, paths: number): Int32Array {
  const pick = createStream(seed, "block", block, "posterior");
  return Int32Array.from({ length: paths }, () => Math.min(rows - 1, Math.floor(pick() * rows)));
}
