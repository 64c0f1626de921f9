// One PMMH chain of `npm run fit:pmmh` (scripts/fit-pmmh.ts runs several of these in parallel processes).
// Usage: tsx scripts/fit-chain.ts <chain> <burnIn> <iterations> <particles> [estimate]; prints one
// JSON line. With "estimate", the chain moves PROFILE_PARAMETERS and starts at the shipped profile
// estimate (src/analysis/filter-estimate.ts) ± 5% of each prior's range — pomp's workflow of a
// maximum-likelihood start before the sampler — instead of PMMH_PARAMETERS near the prior medians.
import { pmmh } from "../src/analysis/inference-pmmh.js";
import { warLogLikelihood } from "../src/analysis/war-particles.js";
import { listParameters } from "../src/engine/parameters.js";
import { createStream } from "../src/engine/rng.js";
import { FILTER_ESTIMATE } from "../src/analysis/filter-estimate.js";
import { PROFILE_PARAMETERS } from "../src/analysis/filter-priors.js";
import { median, support } from "../src/scenario/distribution-math.js";
import { parseScenario } from "../src/scenario/parse.js";
import { PMMH_PARAMETERS, fitData } from "./fit-settings.js";

const [chain, burnIn, iterations, particles] = process.argv.slice(2, 6).map(Number) as [number, number, number, number];
const fromEstimate = process.argv[6] === "estimate";
const { observations, scenario } = fitData();
const slots = listParameters(parseScenario(scenario));
const parameters = (fromEstimate ? PROFILE_PARAMETERS : PMMH_PARAMETERS).map((path) => ({
  path,
  prior: slots.find((s) => s.path === path)!.spec,
}));
const estimate: Readonly<Record<string, number>> = FILTER_ESTIMATE.values;
// Each chain starts at the prior medians moved by ±10% of each prior's range, or at the estimate
// moved by ±5% (kept 1% inside the support), chain-specific and seeded.
const jitter = createStream(chain, "fit", "start");
const start = Object.fromEntries(
  parameters.map(({ path, prior }) => {
    const [lo, hi] = support(prior);
    const [centre, spread, margin] = fromEstimate ? [estimate[path]!, 0.1, 0.01] : [median(prior), 0.2, 1e-6];
    return [path, Math.min(hi - margin * (hi - lo), Math.max(lo + margin * (hi - lo), centre + (jitter() - 0.5) * spread * (hi - lo)))];
  }),
);
const started = Date.now();
const result = pmmh({
  parameters,
  start,
  burnIn,
  iterations,
  seed: chain,
  logLikelihood: warLogLikelihood(scenario, observations, particles, "fit"),
  onIteration: (i, _ok, ll) => {
    if (i % 100 === 99)
      process.stderr.write(
        `  chain ${chain}: ${i + 1}/${burnIn + iterations}, log L̂ ${ll.toFixed(1)}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
      );
  },
});
process.stdout.write(`${JSON.stringify({ chain, start, seconds: (Date.now() - started) / 1000, ...result })}\n`);
