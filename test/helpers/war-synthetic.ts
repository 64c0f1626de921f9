import { withParametersFixed } from "../../src/analysis/fixed-parameters.js";
import { OBSERVATION_SETTINGS } from "../../src/analysis/observation-settings.js";
import { WarParticles, type FilterObservations } from "../../src/analysis/war-particles.js";
import { createStream, fillStandardNormal } from "../../src/engine/rng.js";
import { areaChangeDraw, claimsDraw } from "../../src/model/observation.js";

/** 24 months from 2023-01: the synthetic data sets' window. */
export const MONTHS = Array.from({ length: 24 }, (_, k) => `${2023 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`);

/** The baseline from 2023-01 with switching regimes and noise, no events: the synthetic truth's family. */
export const BASE = {
  extends: "baseline",
  start: "2023-01-01",
  dynamics: { forces: "free", regime: "switching", noise: "on", events: "off" },
};

/**
 * 24 months of one path of {@link BASE} at θ = `truth` (every other parameter at its median),
 * seen through the observation models (ISW change, claims): data with a known truth.
 */
export function syntheticData(truth: Readonly<Record<string, number>>): FilterObservations {
  const path = new WarParticles(
    withParametersFixed(BASE, truth, "truth"),
    { months: MONTHS, initialOccupiedKm2: 100_000 },
    { particles: 1, seed: 77 },
  );
  const noise = createStream(5, "test", "synthetic-observations");
  const z = new Float64Array(1);
  const normal = () => fillStandardNormal(noise, z)[0]!;
  const area: number[] = [],
    claims: number[] = [];
  MONTHS.forEach((_, t) => {
    path.step(t);
    area.push(areaChangeDraw(path.areaChange[0]!, OBSERVATION_SETTINGS.iswSdKm2, normal()));
    claims.push(claimsDraw(path.lossesInMonth[0]!, path.logBias[0]!, OBSERVATION_SETTINGS.claimsLogSd, normal()));
  });
  return { months: MONTHS, initialOccupiedKm2: 100_000, occupiedChangeKm2: area, claimedLosses: claims };
}
