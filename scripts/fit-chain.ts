// One PMMH chain of `npm run fit` (scripts/fit.ts runs several of these in parallel processes).
// Usage: tsx scripts/fit-chain.ts <chain> <burnIn> <iterations> <particles>; prints one JSON line.
import { pmmh } from "../src/analysis/inference-pmmh.js";
import { warLogLikelihood } from "../src/analysis/war-particles.js";
import { listParameters } from "../src/engine/parameters.js";
import { createStream } from "../src/engine/rng.js";
import { median, support } from "../src/scenario/distribution-math.js";
import { parseScenario } from "../src/scenario/parse.js";
import { FIT_PARAMETERS, fitData } from "./fit-settings.js";

const [chain, burnIn, iterations, particles] = process.argv.slice(2).map(Number) as [number, number, number, number];
const { observations, scenario } = fitData();
const slots = listParameters(parseScenario(scenario));
const parameters = FIT_PARAMETERS.map((path) => ({ path, prior: slots.find((s) => s.path === path)!.spec }));
// Each chain starts at the prior medians moved by ±10% of each prior's range (chain-specific, seeded).
const jitter = createStream(chain, "fit", "start");
const start = Object.fromEntries(
  parameters.map(({ path, prior }) => {
    const [lo, hi] = support(prior);
    return [path, Math.min(hi - 1e-6 * (hi - lo), Math.max(lo + 1e-6 * (hi - lo), median(prior) + (jitter() - 0.5) * 0.2 * (hi - lo)))];
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
