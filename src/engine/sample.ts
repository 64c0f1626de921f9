import { parameterView, type ParameterSlot, type ParameterView } from "../scenario/parameter-list.js";
import type { Scenario } from "../scenario/schema.js";
import { sampleBlockParameters, type BlockParameters, type SamplingPlan } from "./parameters.js";

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
  const byPath = sampleBlockParameters({ ...plan, slots: slots.filter((s) => !s.perEvent) }, block, firstPath, count);
  // The slots, not the scenario's per-event marker, decide: a scenario sent to a worker is a
  // structured clone, which keeps no non-enumerable property.
  const perEvent = new Set(slots.filter((s) => s.perEvent).map((s) => s.path));
  const view = parameterView(scenario, (_, path) => {
    if (perEvent.has(path)) return undefined;
    const values = byPath[path];
    if (!values) throw new Error(`internal: no draws for the parameter ${path}`);
    return values;
  });
  return { view, byPath };
}
