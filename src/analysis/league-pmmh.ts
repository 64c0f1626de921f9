import { listParameters } from "../engine/parameters.js";
import { createStream } from "../engine/rng.js";
import { median } from "../scenario/distribution-math.js";
import { parseScenario } from "../scenario/parse.js";
import { filterAndForecast } from "./filter-forecast.js";
import { withParametersFixed } from "./fixed-parameters.js";
import { pmmh } from "./inference-pmmh.js";
import { filterProblem } from "./league-filtered.js";
import { levelSamples, type Forecaster } from "./league-forecasters.js";
import { dataUpTo, LEAGUE_SERIES } from "./league-data.js";
import { addMonths } from "./observations.js";
import { warLogLikelihood } from "./war-particles.js";

/** Options of {@link pmmhForecaster}. */
export interface PmmhForecasterOptions {
  name?: string;
  /** First month filtered (default "2023-01"). */
  from?: string;
  /** θ's parameters (each with a bounded prior in the filter's scenario). */
  parameters: readonly string[];
  /** Particles per likelihood in the chain (default 200: the guided proposal, docs/fit-profile.md). */
  particles?: number;
  /** Burn-in at the first origin (default 300) and at the later ones (default 50: warm starts). */
  firstBurnIn?: number;
  burnIn?: number;
  /** Kept iterations per origin (default 200). */
  iterations?: number;
  /** θ draws the forecast uses (evenly spaced in the kept chain; default 40), and particles filtered per draw (default 100). */
  draws?: number;
  particlesPerDraw?: number;
}

/**
 * The state-space model with its parameters' posterior (issue 14 items 4 and 8): at each origin
 * a PMMH chain on the data up to the origin (warm-started from the previous origin's last state
 * and proposal — the league runs origins in order), then for each of `draws` θ draws the filter
 * over the window and each filtered particle carried on; the forecast pools them, so it carries
 * the parameters' uncertainty as well as the state's. A short chain per origin is a rough
 * posterior (its R̂ and ESS are reported per origin in the diagnostics).
 * @example
 * runLeague(SHIPPED_LEAGUE_DATA, [pmmhForecaster({ parameters: ["territory.offensiveNoiseAutocorrelation"] }), ...baselineForecasters()], {});
 */
export function pmmhForecaster(options: PmmhForecasterOptions): Forecaster {
  const from = options.from ?? "2023-01";
  const particles = options.particles ?? 200,
    firstBurnIn = options.firstBurnIn ?? 300,
    burnIn = options.burnIn ?? 50,
    iterations = options.iterations ?? 200,
    drawCount = options.draws ?? 40,
    perDraw = options.particlesPerDraw ?? 100;
  let warm: { last: Record<string, number>; proposalCholesky: Float64Array } | undefined;
  return {
    name: options.name ?? "model (particle filter, PMMH θ)",
    role: "candidate",
    description: `PMMH on ${options.parameters.length} parameters at each origin (${iterations} kept iterations, warm-started), then ${drawCount} θ draws × ${perDraw} filtered particles carried on`,
    series: LEAGUE_SERIES,
    settings: { from, particles, iterations, burnIn, firstBurnIn, draws: drawCount, particlesPerDraw: perDraw },
    firstOrigin: addMonths(from, 3),
    forecast({ origin, horizons, series, data, seed }) {
      const cut = dataUpTo(data, origin);
      const { observations, scenario } = filterProblem(cut, from, origin, ["isw", "claims"]);
      const slots = listParameters(parseScenario(scenario));
      const parameters = options.parameters.map((path) => {
        const slot = slots.find((s) => s.path === path);
        if (!slot) throw new Error(`internal: ${path} is not a parameter of the filter's scenario`);
        return { path, prior: slot.spec };
      });
      const start = warm?.last ?? Object.fromEntries(parameters.map((p) => [p.path, median(p.prior)]));
      const chain = pmmh({
        parameters,
        start,
        burnIn: warm ? burnIn : firstBurnIn,
        iterations,
        seed,
        proposalCholesky: warm?.proposalCholesky,
        logLikelihood: warLogLikelihood(scenario, observations, particles, "league-pmmh"),
      });
      warm = { last: chain.last, proposalCholesky: chain.proposalCholesky };
      const horizon = horizons.at(-1)!;
      const pooled = { occupiedKm2: [] as Float64Array[][], claimedLosses: [] as Float64Array[][], casualtiesEst: [] as Float64Array[][] };
      const drawSeeds = createStream(seed, "league-pmmh", "draw-seeds");
      for (let k = 0; k < drawCount; k += 1) {
        const at = Math.floor(((k + 0.5) * iterations) / drawCount);
        const theta = Object.fromEntries(parameters.map((p) => [p.path, chain.draws[p.path]![at]!]));
        const { paths } = filterAndForecast(
          withParametersFixed(scenario, theta, "PMMH draw"),
          observations,
          { particles: perDraw, seed: Math.floor(drawSeeds() * 2 ** 32) },
          horizon,
        );
        pooled.occupiedKm2.push(paths.occupiedChangeKm2);
        pooled.claimedLosses.push(paths.claimedLosses);
        pooled.casualtiesEst.push(paths.casualtiesIncrement);
      }
      // Month k of every draw's particles, end to end.
      const pool = (draws: readonly (readonly Float64Array[])[]) =>
        Array.from({ length: horizon }, (_, k) => {
          const out = new Float64Array(drawCount * perDraw);
          draws.forEach((draw, j) => out.set(draw[k]!, j * perDraw));
          return out;
        });
      const samples = levelSamples(cut, origin, series, horizons, {
        occupiedKm2: pool(pooled.occupiedKm2),
        claimedLosses: pool(pooled.claimedLosses),
        casualtiesEst: pool(pooled.casualtiesEst),
      });
      return { samples, diagnostics: { acceptance: chain.acceptance, monthsFiltered: observations.months.length } };
    },
  };
}
