import { median } from "../scenario/distribution-math.js";
import { parametersOf } from "./bounded-prior.js";
import { pmmh } from "./inference-pmmh.js";
import { pooledDrawChanges } from "./league-draws.js";
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
      const parameters = parametersOf(scenario, options.parameters);
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
      const thetas = Array.from({ length: drawCount }, (_, k) => {
        const at = Math.floor(((k + 0.5) * iterations) / drawCount);
        return Object.fromEntries(parameters.map((p) => [p.path, chain.draws[p.path]![at]!]));
      });
      const changes = pooledDrawChanges(scenario, observations, thetas, perDraw, seed, "league-pmmh", "PMMH draw", horizon);
      const samples = levelSamples(cut, origin, series, horizons, changes);
      return { samples, diagnostics: { acceptance: chain.acceptance, monthsFiltered: observations.months.length } };
    },
  };
}
