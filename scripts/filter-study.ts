// `npm run filter:study`: where the state-space model of issue 14 stands — writes docs/filter.md.
//
//   1. The particle count: sd(log L̂) and the time per likelihood evaluation of the bootstrap
//      filter on the shipped 2023-01 … 2025-06 area and claims, every parameter at its prior
//      median (withParametersFixed), 8 seeds per count.
//   2. The rolling-origin league table (the evaluation issue's) with the filtered forecaster as
//      the candidate: at each origin the filter runs over 2023-01 … origin with each particle its
//      own prior draws of the hindcast's parameters, then carries every particle on.
//   3. Iterated filtering (IF2) on the whole window for 8 parameters, and the clean filter's
//      log L̂ at its estimate against the prior medians'.
//
// Seeded: the same code and data write the same bytes. Timings (the wall of one likelihood
// evaluation per particle count, IF2's run) go to stderr only, since they are the machine's.
// Per-origin profile fits are cached in .tmp/filter-study-fits.json under a hash of src/: a rerun
// of unchanged code skips them (the same bytes; about 15 minutes less).
//   npm run filter:study -- --quick    # fewer seeds, origins and passes; prints, writes nothing
//   npm run filter:study -- --no-cache # refit every origin
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { FitCache } from "../src/analysis/league-filtered.js";
import { particleFilter } from "../src/analysis/filter.js";
import { withParametersFixed } from "../src/analysis/fixed-parameters.js";
import { if2 } from "../src/analysis/inference-if2.js";
import { dataUpTo, SHIPPED_LEAGUE_DATA } from "../src/analysis/league-data.js";
import { filteredModelForecaster, filterObservationsOf } from "../src/analysis/league-filtered.js";
import { baselineForecasters } from "../src/analysis/league-forecasters.js";
import { pmmhForecaster } from "../src/analysis/league-pmmh.js";
import { defaultLeagueOrigins, runLeague } from "../src/analysis/league.js";
import { OBSERVATION_PROVENANCE, OBSERVATION_SETTINGS } from "../src/scenario/observation-settings.js";
import { filterScenario, PROFILE_PARAMETERS } from "../src/analysis/filter-priors.js";
import { FILTER_ESTIMATE } from "../src/analysis/filter-estimate.js";
import { median as priorMedian } from "../src/scenario/distribution-math.js";
import { listParameters } from "../src/engine/parameters.js";
import { parseScenario } from "../src/scenario/parse.js";
import { observationsFromSeries } from "../src/analysis/observations.js";
import { WarParticles, type FilterObservations } from "../src/analysis/war-particles.js";
import { createStream } from "../src/engine/rng.js";
import { PMMH_PARAMETERS } from "./fit-settings.js";
import { candidateSection, codeHash, f } from "./league-report.js";

const quick = process.argv.includes("--quick");
const started = Date.now();
const FROM = "2023-01",
  TO = "2025-06";
const cut = dataUpTo(SHIPPED_LEAGUE_DATA, TO);
const observations = filterObservationsOf(cut, FROM, TO, ["isw", "claims"]);
const hindcast = filterScenario(
  observationsFromSeries({ occupiedArea: cut.occupiedArea, claimedLosses: cut.claimedLosses }, { from: FROM, to: TO }),
);
const atMedians = withParametersFixed(hindcast, {}, "filter study");
const log = (line: string) => process.stderr.write(`  ${line} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

/** Clean filter log L̂ of `scenario` over the window, `seeds` seeds of `particles`; the median wall per evaluation. */
function logLikelihoods(scenario: unknown, data: FilterObservations, particles: number, seeds: number) {
  const values: number[] = [],
    ms: number[] = [];
  for (let seed = 1; seed <= seeds; seed += 1) {
    const t0 = performance.now();
    const model = new WarParticles(scenario, data, { particles, seed: 100 + seed });
    values.push(
      particleFilter(model, { steps: data.months.length, observed: (t) => model.observed(t), uniform: createStream(100 + seed, "study") })
        .logLikelihood,
    );
    ms.push(performance.now() - t0);
  }
  return { values, mean: mean(values), sd: sd(values), ms: [...ms].sort((a, b) => a - b)[ms.length >> 1]! };
}

// ---- 1. particle count ------------------------------------------------------------------------------
const COUNTS = quick ? [500, 2000] : [500, 1000, 2000, 4000, 8000];
const SEEDS = quick ? 3 : 8;
logLikelihoods(atMedians, observations, 500, 1); // warm the JIT so the first count's time is not the compiler's
const counts = COUNTS.map((n) => {
  const r = logLikelihoods(atMedians, observations, n, SEEDS);
  log(`particles ${n}: log L̂ ${r.mean.toFixed(1)} sd ${r.sd.toFixed(2)}, ${r.ms.toFixed(0)} ms`);
  return { n, ...r };
});

const IF2_PARAMETERS = PMMH_PARAMETERS;

// ---- 2. the league table -----------------------------------------------------------------------------
const PARTICLES = 4000;
const origins = quick ? ["2023-07", "2024-01", "2024-06", "2025-03"] : defaultLeagueOrigins(SHIPPED_LEAGUE_DATA);
// Per-origin profile fits are cached in .tmp/ under the hash of every source file (src/): a rerun
// with the same code and data skips the ascents and writes the same bytes (the cache holds the
// estimates the ascent returned). --no-cache ignores and rewrites it.
const CACHE_FILE = ".tmp/filter-study-fits.json";
const CODE_HASH = codeHash("src");
const cacheOnDisk = (): Record<string, Record<string, number>> => {
  if (process.argv.includes("--no-cache") || !existsSync(CACHE_FILE)) return {};
  const saved = JSON.parse(readFileSync(CACHE_FILE, "utf8")) as { code?: string; fits?: Record<string, Record<string, number>> };
  return saved.code === CODE_HASH ? (saved.fits ?? {}) : {};
};
const cacheEntries = cacheOnDisk();
let cacheHits = 0;
const FIT_CACHE: FitCache = {
  get: (key) => {
    const hit = cacheEntries[key];
    if (hit) cacheHits += 1;
    return hit;
  },
  set: (key, estimate) => {
    cacheEntries[key] = estimate;
  },
};
const PROFILE = { parameters: PROFILE_PARAMETERS, particles: 200, seeds: 2, sweeps: quick ? 1 : 2 };
const CANDIDATES = {
  "model (particle filter)": `θ shared by every particle, each parameter at its prior median: the filter estimates the state given θ`,
  "model (particle filter, prior draws)": `each particle its own draws from the hindcast's wide priors: the filter's resampling selects the draws that fit, and over many months collapses onto a few`,
  "model (particle filter, IF2 θ)": `θ shared by every particle: at each origin IF2 (section 3's parameters; 1,000 particles × 40 passes) on the data up to the origin, the rest at their prior medians — a point estimate, so the parameters' uncertainty is left out`,
  "model (particle filter, profile θ)": `θ shared by every particle: at each origin a profile-likelihood ascent (\`src/analysis/inference-profile.ts\`) of the ${PROFILE_PARAMETERS.length} parameters of PROFILE_PARAMETERS on the data up to the origin — each in turn set to the best of its prior's 5%, 27.5%, 50%, 72.5% and 95% quantiles by the filter's log L̂ (${PROFILE.particles} particles, 2 seeds, the same for every θ), at most 2 sweeps, started from the last origin's estimate — the rest at their prior medians: a point estimate, the parameters' uncertainty left out. What \`forecast({ refit: true })\` does (docs/forecast.md)`,
  "model (particle filter, profile θ, no season)": `as \`profile θ\` without the two seasonal parameters (${PROFILE_PARAMETERS.length - 2} parameters; the seasonal curve at its prior median: a 20% swing peaking in July)`,
  "model (particle filter, profile θ, with the Economist)": `as \`profile θ\`, the Economist's month-end estimate weighed too (in the ascent and the filter): a retrospective estimate, so these scores have seen later data (docs/data.md)`,
  "model (particle filter, PMMH θ)": `at each origin a PMMH chain (section 3's parameters, 200 particles; 1,000 burn-in iterations at the first origin, then 200, each origin warm-started from the last; 500 kept), then 40 θ draws × 100 filtered particles pooled: the parameters' uncertainty included, from one chain per origin, shorter than a converged fit needs (docs/fit.md)`,
};
const league = await runLeague(
  SHIPPED_LEAGUE_DATA,
  [
    filteredModelForecaster({ particles: PARTICLES }),
    filteredModelForecaster({ particles: PARTICLES, parameters: "prior-draws", name: "model (particle filter, prior draws)" }),
    pmmhForecaster({ parameters: PMMH_PARAMETERS, firstBurnIn: 1000, burnIn: 200, iterations: 500 }),
    filteredModelForecaster({
      particles: PARTICLES,
      name: "model (particle filter, profile θ)",
      parameters: { profile: PROFILE, cache: FIT_CACHE },
    }),
    filteredModelForecaster({
      particles: PARTICLES,
      name: "model (particle filter, profile θ, no season)",
      parameters: {
        profile: { ...PROFILE, parameters: PROFILE_PARAMETERS.filter((p) => !p.startsWith("intensity.seasonal")) },
        cache: FIT_CACHE,
      },
    }),
    filteredModelForecaster({
      particles: PARTICLES,
      name: "model (particle filter, profile θ, with the Economist)",
      sources: ["isw", "claims", "economist"],
      parameters: { profile: PROFILE, cache: FIT_CACHE },
    }),
    filteredModelForecaster({
      particles: PARTICLES,
      name: "model (particle filter, IF2 θ)",
      parameters: { if2: { parameters: IF2_PARAMETERS, particles: 1000, iterations: 40, rwSd: 0.03, coolingFraction50: 0.2 } },
    }),
    ...baselineForecasters(),
  ],
  { origins },
);
log(`league: ${origins.length} origins; ${cacheHits} profile fits from the cache (${CACHE_FILE})`);
mkdirSync(".tmp", { recursive: true });
writeFileSync(CACHE_FILE, JSON.stringify({ code: CODE_HASH, fits: cacheEntries }));
// Monte Carlo check: the main candidate again on another league seed (its particles' draws change).
const again = await runLeague(SHIPPED_LEAGUE_DATA, [filteredModelForecaster({ particles: PARTICLES }), ...baselineForecasters()], {
  origins,
  seed: 2,
});
const monteCarloShift = Math.max(
  ...league.comparisons
    .filter((c) => c.candidate === "model (particle filter)")
    .map((c) => {
      const other = again.comparisons.find((d) => d.candidate === c.candidate && d.series === c.series && d.horizon === c.horizon);
      return other ? Math.abs(other.relativeWis - c.relativeWis) : 0;
    }),
);
log(`Monte Carlo check: largest shift ${monteCarloShift.toFixed(3)}`);

// ---- 3. IF2 ------------------------------------------------------------------------------------------
const IF2 = { particles: quick ? 500 : 2000, iterations: quick ? 10 : 60, rwSd: 0.03, coolingFraction50: 0.2 };
/** IF2 from the priors with `seed`, and the clean filter's log L̂ at its estimate. */
function if2Run(seed: number) {
  const started = Date.now();
  const result = if2(hindcast, observations, {
    parameters: IF2_PARAMETERS.map((path) => ({ path, rwSd: IF2.rwSd })),
    particles: IF2.particles,
    iterations: IF2.iterations,
    seed,
    coolingFraction50: IF2.coolingFraction50,
  });
  const seconds = (Date.now() - started) / 1000;
  const clean = logLikelihoods(withParametersFixed(hindcast, result.estimate, "IF2 estimate"), observations, 2000, SEEDS);
  log(`IF2 seed ${seed}: ${seconds.toFixed(0)} s; clean log L̂ at the estimate ${clean.mean.toFixed(1)}`);
  return { estimate: result.estimate, clean };
}
const if2Runs = [if2Run(1), if2Run(2)];
const atMedian2000 = counts.find((c) => c.n === 2000)!;
const hindcastSlots = listParameters(parseScenario(hindcast));
const priorMedianOf = (path: string) => priorMedian(hindcastSlots.find((s) => s.path === path)!.spec);

// ---- the document -------------------------------------------------------------------------------------
/** An IF2 estimate against the medians, by the clean filter's log L̂ (two standard errors of the difference). */
function if2Verdict(clean: { mean: number; sd: number }): string {
  const margin = (2 * Math.hypot(clean.sd, atMedian2000.sd)) / Math.sqrt(SEEDS);
  return clean.mean > atMedian2000.mean + margin ? "better" : clean.mean < atMedian2000.mean - margin ? "worse" : "no clear difference";
}

const lines: string[] = [];
lines.push(
  "# The state-space model: where it stands",
  "",
  "_Generated by `npm run filter:study` (scripts/filter-study.ts); seeded, so the same code and data give the same numbers, timings aside. Issue 14's work in progress: read this before trusting a forecast from the filter._",
  "",
  "The war model is run as a state-space model (DESIGN §6): N paths of the engine's own loop — regime, noise, pace, forces, stocks, each path with its parameters — plus the observation models' latent states, weighed each month against ISW's change of the occupied area and the General Staff's monthly claims (`src/model/observation.ts`), resampled every month (`src/analysis/filter.ts`; the bootstrap filter is tested against the Kalman filter on a linear-Gaussian model), each observed month's noise drawn from the guided proposal (`src/analysis/guided-proposal.ts`: conditioned on the month's claims and area change, each particle's weight corrected by p/q, so the likelihood stays unbiased). A forecast starts from the filtered particles at the last observed month (`src/analysis/filter-forecast.ts`).",
  "",
  "## Observation parameters",
  "",
  "| parameter | value | range to fit | provenance |",
  "|---|---|---|---|",
  ...Object.entries(OBSERVATION_PROVENANCE).map(([key, prov]) => {
    const value = OBSERVATION_SETTINGS[key as keyof typeof OBSERVATION_SETTINGS];
    const shown = typeof value === "number" ? String(value) : `uniform ${value.min}–${value.max}`;
    return `| \`${key}\` | ${shown} | ${prov.range[0]}–${prov.range[1]} | ${prov.source}: ${prov.note} |`;
  }),
  "",
  "## 1. Particles: the precision of the log-likelihood",
  "",
  `Every parameter of the filter's scenario (the hindcast's priors and the filter's: \`src/analysis/filter-priors.ts\`) at its prior median, ${observations.months.length} months (${FROM} … ${TO}), ${SEEDS} seeds per count. The time of one evaluation is printed by the script (stderr), not written here: it is the machine's.`,
  "",
  "| particles | mean log L̂ | sd(log L̂) |",
  "|---:|---:|---:|",
  ...counts.map((c) => `| ${c.n} | ${f(c.mean, 1)} | ${f(c.sd)} |`),
  "",
  `Issue 14 asks for sd(log L̂) ≤ 1.5 at the posterior median and ≤ 100 ms per evaluation on 2 cores. At the prior median the smallest count that meets the sd is ${counts.find((c) => c.sd <= 1.5)?.n ?? "none of those tried"}; the posterior median is not known yet (section 3).`,
  "",
  "## 2. Forecasts from the filtered state: the league table",
  "",
  `${origins.length} origins ${origins[0]} … ${origins.at(-1)}, each forecast using only the data up to its origin (filtered from ${FROM}); scored against the best naive baseline for each series and horizon by mean WIS (relative WIS below 1: the filter is better), with the Diebold–Mariano test of the evaluation issue. The Economist's series is not filtered except by the \`with the Economist\` candidate (a retrospective estimate; the shipped file is a cut of a 2026 model run: docs/data.md), so elsewhere its forecast is the model's true losses read through ρ_E alone. Issue 14's targets (relative WIS ≤ 0.8 at 1, 3 and 6 months for area and claims) were first judged on \`profile θ\`, the method \`forecast\` shipped until the posterior of \`npm run fit\` replaced it; the candidate that forecasts as \`forecast\` now does is in docs/league-smc.md.`,
  "",
  "How the \`profile θ\` candidates came about, so that their scores are read for what they are: the first candidate (θ at the prior medians) lost at 1–3 months; the filter's log-likelihood on the whole window then pointed at the sd of the territory noise (held at its prior median 0.41), the stalemate's loss intensity and the seasonal curve, which were added to the parameters the ascent estimates. So the choice of *which* parameters to estimate was made after seeing this table for the earlier candidates; the estimates themselves use only the data up to each origin. Both sets are shown (with and without the seasonal pair); \`forecast({ refit: true })\` uses the one with the higher log-likelihood on the shipped window (section 3), not the one that scores better here.",
  "",
  ...Object.entries(CANDIDATES).flatMap(([name, what]) =>
    candidateSection(league, name, `${name.includes("PMMH") ? "" : `${PARTICLES} particles; `}${what}`),
  ),
  `Monte Carlo check: the first candidate on another league seed (other particles, other baseline draws) moves a relative WIS by up to ${f(monteCarloShift)}.`,
  "",
  "## 3. Parameter inference on the whole window (estimates, not a posterior)",
  "",
  "### The shipped estimate: profile-likelihood ascent",
  "",
  `\`npm run fit:profile\` (scripts/fit-profile.ts) runs the ascent of \`profile θ\` on ${FILTER_ESTIMATE.from} … ${FILTER_ESTIMATE.through} (ISW area and claims; ${FILTER_ESTIMATE.particles} particles × ${FILTER_ESTIMATE.seeds} seeds per θ, up to ${FILTER_ESTIMATE.sweeps} sweeps from the grid's middle; ${FILTER_ESTIMATE.settled ? "settled: the last sweep moved nothing" : "not settled"}) and writes \`src/analysis/filter-estimate.ts\`, where fit-chain's PMMH starts. The clean filter's log L̂ on 8 fresh seeds: ${FILTER_ESTIMATE.logLikelihood.toFixed(1)} at the estimate, ${FILTER_ESTIMATE.logLikelihoodAtPriorMedians.toFixed(1)} at the prior medians (PMMH's draws' median: docs/fit.md). On the ascent's own seeds, from the grid's middle, the ascent of all ${PROFILE_PARAMETERS.length} reached −484.7 after 3 sweeps and the one without the seasonal pair −495.6 (settled): the larger set fits better by 11 log units for 2 more parameters, so it is shipped (runs made while building this, not regenerated here).`,
  "",
  "| parameter | prior median | estimate |",
  "|---|---:|---:|",
  ...Object.entries(FILTER_ESTIMATE.values).map(([k, v]) => `| \`${k}\` | ${priorMedianOf(k).toPrecision(4)} | ${v.toPrecision(4)} |`),
  "",
  "A grid point that maximises the likelihood one coordinate at a time, with no uncertainty: several parameters sit at an end of their grid (the loss-level and regime rates at the 5% or 95% prior quantile), so the prior's range, not the data, bounds them there.",
  "",
  "### Iterated filtering",
  "",
  `IF2 (\`src/analysis/inference-if2.ts\`, pomp's mif2) on ${IF2_PARAMETERS.length} parameters, the others at their prior medians: ${IF2.particles} particles, ${IF2.iterations} passes, random-walk sd ${IF2.rwSd} a month on each parameter's logit scale, cooling fraction ${IF2.coolingFraction50} per 50 passes.`,
  "",
  "| parameter | IF2 estimate, seed 1 | seed 2 |",
  "|---|---:|---:|",
  ...IF2_PARAMETERS.map((k) => `| \`${k}\` | ${if2Runs.map((r) => r.estimate[k]!.toPrecision(4)).join(" | ")} |`),
  `| clean log L̂ (2,000 particles, ${SEEDS} seeds; medians: ${f(atMedian2000.mean, 1)}, sd ${f(atMedian2000.sd)}) | ${if2Runs.map((r) => `${f(r.clean.mean, 1)} (sd ${f(r.clean.sd)}; ${if2Verdict(r.clean)})`).join(" | ")} |`,
  "",
  `${if2Runs.every((r) => if2Verdict(r.clean) === "better") ? "Both runs, which differ only in their seed, fit better than the prior medians." : "The two runs differ only in their seed, and they do not both fit better than the prior medians: at these settings IF2 is not reliable here (a swarm can wander to a worse region and stay), so no estimate of it is trusted yet."} pomp's practice is more particles and passes from several starts, each estimate checked by the clean filter; a posterior (PMMH or SMC², issue 14) is the next step. The league candidate \`model (particle filter, IF2 θ)\` above uses one point estimate per origin. On synthetic data from the model IF2 recovers a loss level (test/analysis/inference-if2.test.ts).`,
  "",
);
const text = `${lines.join("\n")}\n`;
if (quick) process.stdout.write(text);
else writeFileSync("docs/filter.md", text);
log(`done${quick ? " (quick: nothing written)" : ": docs/filter.md"}`);
