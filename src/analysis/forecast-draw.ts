import { BlockRecorder, type BlockResult } from "../engine/block-result.js";
import { SERIES } from "../engine/store.js";
import { abortError } from "../engine/run.js";
import { filterAndForecast, type FilteredPaths } from "./filter-forecast.js";
import type { FilterObservations } from "./war-particles.js";

/**
 * One θ draw of a forecast (results/forecast.ts): its particles filtered over the window, then
 * carried on, recorded as block `block` of the forecast's run. A plain function of structured-
 * cloneable inputs, so a draw gives the same bytes in this thread or on a worker
 * (attrition-sim/node's `forecastParallel`: test/node/forecast-parallel.test.ts).
 */

/** What one draw needs: its scenario (θ fixed), the window, its particles and seed, and where its block sits. */
export interface DrawRequest {
  scenario: unknown;
  observations: FilterObservations;
  particles: number;
  seed: number;
  horizonMonths: number;
  thresholds: readonly number[];
  block: number;
  firstPath: number;
}

/** What one draw gives: its block of the run, the filter's diagnostics, and what each source would report. */
export interface DrawResult {
  block: BlockResult;
  logLikelihood: number;
  ess: Float64Array;
  paths: FilteredPaths;
  timeStep: "day" | "month";
}

/** Where a forecast's draws are filtered: their results in the requests' order (`onDraw` after each one done). */
export type DrawFilter = (requests: readonly DrawRequest[], onDraw: () => void, signal?: AbortSignal) => Promise<DrawResult[]>;

const CUMULATIVE = SERIES.map((name) => name.endsWith("Losses"));
const CLAIMED = SERIES.indexOf("claimedLosses");

/**
 * Filter and carry on one draw. The origin is the filtered state at the last observed month
 * (losses counted from there); the claims since the origin follow the filter's own claims bias
 * (its observation model), not the engine's walk.
 */
export function filterDraw(request: DrawRequest): DrawResult {
  const { particles: n, horizonMonths: horizon } = request;
  const recorder = new BlockRecorder(request.block, request.firstPath, n, horizon, [...request.thresholds], "exact", false);
  const originValues = SERIES.map(() => new Float64Array(n));
  const claimedSince = new Float64Array(n);
  const { filter, paths, model } = filterAndForecast(
    request.scenario,
    request.observations,
    { particles: n, seed: request.seed },
    horizon,
    (k, particles, month) => {
      if (k === 0) {
        SERIES.forEach((name, s) => {
          originValues[s]!.set(particles.monthEnd(name));
          recorder.initial[s]!.set(CUMULATIVE[s] ? new Float64Array(n) : originValues[s]!);
        });
        recorder.initialiseEvents(recorder.initial[1]!);
        return;
      }
      SERIES.forEach((name, s) => {
        if (s === CLAIMED) return; // written below, from the filter's claims
        const v = particles.monthEnd(name),
          out = recorder.month[s]!;
        for (let i = 0; i < n; i += 1) out[i] = CUMULATIVE[s] ? v[i]! - originValues[s]![i]! : v[i]!;
      });
      for (let i = 0; i < n; i += 1) claimedSince[i] = claimedSince[i]! + month!.claimedLosses[i]!;
      recorder.month[CLAIMED]!.set(claimedSince);
      const { regime, ceased } = particles.pathStates();
      recorder.recordMonth(k - 1, [], regime, ceased);
    },
  );
  return { block: recorder.finish(), logLikelihood: filter.logLikelihood, ess: filter.ess, paths, timeStep: model.timeStep };
}

/** {@link DrawFilter} in this thread: one draw after another, a turn for the event loop between them. */
export const inThreadDrawFilter: DrawFilter = async (requests, onDraw, signal) => {
  const out: DrawResult[] = [];
  for (const request of requests) {
    if (signal?.aborted) throw abortError(signal);
    out.push(filterDraw(request));
    onDraw();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
};
