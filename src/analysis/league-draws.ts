import { createStream } from "../engine/rng.js";
import { filterAndForecast } from "./filter-forecast.js";
import { withParametersFixed } from "./fixed-parameters.js";
import type { LeagueSeries } from "./league-data.js";
import type { FilterObservations } from "./war-particles.js";

/**
 * A forecast that carries the parameters' uncertainty: each θ of `thetas` is filtered over the
 * window with `perDraw` particles and every filtered particle carried on `horizon` months
 * (filter-forecast.ts); the reported changes of all draws are pooled month by month (draw j's
 * particles at [j · perDraw, (j + 1) · perDraw)). Each draw's filter seed comes from
 * `createStream(seed, key, "draw-seeds")`, in draw order.
 * @example
 * const changes = pooledDrawChanges(scenario, observations, [{ "intensity.noiseSd": 0.3 }], 100, 1, "league-smc", "SMC draw", 6);
 * changes.occupiedKm2[0]!.length; // 100: one month-1 change per particle of the one draw
 */
export function pooledDrawChanges(
  scenario: unknown,
  observations: FilterObservations,
  thetas: readonly Readonly<Record<string, number>>[],
  perDraw: number,
  seed: number,
  key: string,
  note: string,
  horizon: number,
): Record<LeagueSeries, Float64Array[]> {
  const byDraw = { occupiedKm2: [] as Float64Array[][], claimedLosses: [] as Float64Array[][], casualtiesEst: [] as Float64Array[][] };
  const drawSeeds = createStream(seed, key, "draw-seeds");
  for (const theta of thetas) {
    const { paths } = filterAndForecast(
      withParametersFixed(scenario, theta, note),
      observations,
      { particles: perDraw, seed: Math.floor(drawSeeds() * 2 ** 32) },
      horizon,
    );
    byDraw.occupiedKm2.push(paths.occupiedChangeKm2);
    byDraw.claimedLosses.push(paths.claimedLosses);
    byDraw.casualtiesEst.push(paths.casualtiesIncrement);
  }
  // Month k of every draw's particles, end to end.
  const pool = (draws: readonly (readonly Float64Array[])[]) =>
    Array.from({ length: horizon }, (_, k) => {
      const out = new Float64Array(thetas.length * perDraw);
      draws.forEach((draw, j) => out.set(draw[k]!, j * perDraw));
      return out;
    });
  return { occupiedKm2: pool(byDraw.occupiedKm2), claimedLosses: pool(byDraw.claimedLosses), casualtiesEst: pool(byDraw.casualtiesEst) };
}
