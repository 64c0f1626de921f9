import { parameterView, type ParameterSlot, type ParameterView } from "../scenario/parameter-list.js";
import type { Scenario } from "../scenario/schema.js";
import { posteriorRows, sampleBlockParameters, type BlockParameters, type SamplingPlan } from "./parameters.js";

/**
 * The parameters of one block as the engine reads them: the scenario's shape with one
 * Float64Array (a value per path of the block) for each parameter drawn per path —
 * `p.territory.totalKm2[i]`, `p.dprk.waves[j].size[i]`, `p.russia.targetCeiling?.[i]`.
 */
export type BlockParameterView = ParameterView<Scenario, Float64Array>;

/** The parameters as the mean-field reference reads them: one number (the median) each. */
export type MedianParameterView = ParameterView<Scenario, number>;

/** One block's parameter draws: the typed view, and the same arrays by dotted path (keepPaths). */
export interface BlockSample {
  view: BlockParameterView;
  byPath: BlockParameters;
  /** The posterior row each path took (its state comes from the same row); none without a posterior or at the medians. */
  posteriorRows?: Int32Array;
}

/**
 * Draw a block's parameters (the keyed per-parameter streams of {@link sampleBlockParameters},
 * unchanged) and build their typed view once. The view shares the arrays of `byPath`.
 * Parameters drawn per event (slots flagged `perEvent`) are neither drawn here nor in the view.
 */
export function sampleBlock(
  scenario: Scenario,
  slots: readonly ParameterSlot[],
  plan: Omit<SamplingPlan, "slots">,
  block: number,
  firstPath: number,
  count: number,
): BlockSample {
  // Drawn once here: the parameters and the block's states (engine/block.ts) read the same rows.
  const rows =
    plan.posterior && plan.posterior.draws.length > 0 && !plan.atMedian
      ? posteriorRows(plan.posterior.draws.length, plan.seed, block, count)
      : undefined;
  const byPath = sampleBlockParameters({ ...plan, slots: slots.filter((s) => !s.perEvent) }, block, firstPath, count, rows);
  // The slots, not the scenario's per-event marker, decide: a scenario sent to a worker is a
  // structured clone, which keeps no non-enumerable property.
  const perEvent = new Set(slots.filter((s) => s.perEvent).map((s) => s.path));
  const view = parameterView(scenario, (_, path) => {
    if (perEvent.has(path)) return undefined;
    const values = byPath[path];
    if (!values) throw new Error(`internal: no draws for the parameter ${path}`);
    return values;
  });
  return rows ? { view, byPath, posteriorRows: rows } : { view, byPath };
}
