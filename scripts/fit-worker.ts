// A likelihood worker of `npm run fit` (scripts/fit-pool.ts): reads one JSON request a line on stdin,
// {"id", "particles", "requests": [{"theta", "seed"}, …]}, and answers {"id", "values"} on stdout —
// the particle filter's log L̂ on the fit's data (scripts/fit-settings.ts) for each request.
// Usage: tsx scripts/fit-worker.ts [deepstate]
import { createInterface } from "node:readline";
import { warLogLikelihood } from "../src/analysis/war-particles.js";
import type { LikelihoodRequest } from "../src/analysis/inference-smc.js";
import { fitData, fitDataWithDeepState } from "./fit-settings.js";

// "deepstate": ISW, DeepState and the claims (a reported fit, never shipped); else ISW and the claims.
const { observations, scenario } = process.argv[2] === "deepstate" ? fitDataWithDeepState() : fitData();
const byParticles = new Map<number, ReturnType<typeof warLogLikelihood>>();
for await (const line of createInterface({ input: process.stdin })) {
  const { id, particles, requests } = JSON.parse(line) as { id: number; particles: number; requests: LikelihoodRequest[] };
  if (!byParticles.has(particles)) byParticles.set(particles, warLogLikelihood(scenario, observations, particles, "fit"));
  const logLikelihood = byParticles.get(particles)!;
  // −Infinity does not survive JSON: sent as null, read back by the pool
  const values = requests.map((r) => {
    const v = logLikelihood(r.theta, r.seed);
    return v === -Infinity ? null : v;
  });
  process.stdout.write(`${JSON.stringify({ id, values })}\n`);
}
