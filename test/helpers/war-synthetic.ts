import { withParametersFixed } from "../../src/analysis/fixed-parameters.js";
import { simulateObservations } from "../../src/analysis/sbc.js";
import type { FilterObservations } from "../../src/analysis/war-particles.js";
import { createStream } from "../../src/engine/rng.js";

/** 24 months from 2023-01: the synthetic data sets' window. */
export const MONTHS = Array.from({ length: 24 }, (_, k) => `${2023 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`);

/** The baseline from 2023-01 with switching regimes and noise, no events: the synthetic truth's family. */
export const BASE = {
  extends: "article",
  start: "2023-01-01",
  dynamics: { forces: "free", regime: "switching", noise: "on", events: "off" },
};

/**
 * 24 months of one path of {@link BASE} at θ = `truth` (every other parameter at its median),
 * seen through the observation models (ISW change, claims): data with a known truth.
 */
export function syntheticData(truth: Readonly<Record<string, number>>): FilterObservations {
  return simulateObservations(
    withParametersFixed(BASE, truth, "truth"),
    MONTHS,
    100_000,
    77,
    createStream(5, "test", "synthetic-observations"),
  );
}
