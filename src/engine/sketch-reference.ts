/**
 * The references the run sketches are centred on (sketch-layout.ts): per series, its t0 value
 * with every parameter at its median (a posterior at its column medians) — the same arithmetic
 * as the engine's t0 stocks (block.ts `initialise`, model/initial.ts) — and 0 for the losses and
 * the claims, which are cumulative since the start. Known from the plan before any path runs, so every
 * block, worker and shard of a run buckets its values alike.
 */
import { occupiedAtStart } from "../model/initial.js";
import { occupiedShare } from "../model/territory.js";
import type { ParameterSlot } from "../scenario/parameter-list.js";
import type { JointDraws } from "./parameters.js";
import { stateMedians } from "./path-state.js";
import type { Scenario } from "../scenario/schema.js";
import { sampleBlock } from "./sample.js";

/** Reference per series, in SERIES order (store.ts). */
export function sketchReference(scenario: Scenario, slots: readonly ParameterSlot[], posterior?: JointDraws): number[] {
  // One path at the medians; the seed is not used when every parameter is at its median.
  const { view: p } = sampleBlock(scenario, slots, { seed: 0, atMedian: true, posterior }, 0, 0, 1);
  const total = p.territory.totalKm2[0]!;
  // A run from a posterior's states starts at their medians (block.ts startFromStates).
  const state = posterior?.state;
  const median = state && stateMedians(state);
  const column = (name: string) => median![state!.columns.indexOf(name)]!;
  const area = occupiedAtStart(median ? column("occupiedKm2") : p.territory.initialOccupiedKm2[0]!, total);
  const russia = median ? column("russia.force") : p.russia.initialForce[0]!,
    ukraine = median ? column("ukraine.force") : p.ukraine.initialForce[0]!;
  return [area, occupiedShare(area, total), russia, p.dprk.initialForce[0]!, ukraine, 0, 0, 0, 0];
}
