// A likelihood worker of `npm run fit` (scripts/fit-pool.ts): reads one JSON request a line on stdin,
// {"id", "particles", "requests": [{"theta", "seed"}, …]}, and answers {"id", "values"} on stdout —
// the particle filter's log L̂ on the fit's data (scripts/fit-settings.ts) for each request; with a
// "league" field {origin, from, particles}, on the league's shipped data up to that origin instead
// (the league's SMC candidate: scripts/league-smc.ts), exactly as src/analysis/league-smc.ts would.
// Usage: tsx scripts/fit-worker.ts [deepstate]
import { createInterface } from "node:readline";
import { warLogLikelihood } from "../src/analysis/war-particles.js";
import type { LikelihoodRequest } from "../src/analysis/inference-smc.js";
import { SHIPPED_LEAGUE_DATA } from "../src/analysis/league-data.js";
import { inThreadLikelihoods } from "../src/analysis/league-smc.js";
import type { LeagueProblem } from "./fit-pool.js";
import { fitData, fitDataWithDeepState } from "./fit-settings.js";

// "deepstate": ISW, DeepState and the claims (a reported fit, never shipped); else ISW and the claims.
const { observations, scenario } = process.argv[2] === "deepstate" ? fitDataWithDeepState() : fitData();
const byParticles = new Map<number, ReturnType<typeof warLogLikelihood>>();
const league = inThreadLikelihoods(SHIPPED_LEAGUE_DATA);
const byOrigin = new Map<string, ReturnType<typeof league>>();
for await (const line of createInterface({ input: process.stdin })) {
  const message = JSON.parse(line) as { id: number; particles: number; requests: LikelihoodRequest[]; league?: LeagueProblem };
  const { id, particles, requests } = message;
  let raw: ArrayLike<number>;
  if (message.league) {
    const { origin, from } = message.league;
    const key = `${origin} ${from} ${particles}`;
    if (!byOrigin.has(key)) byOrigin.set(key, league(origin, from, particles));
    raw = (await byOrigin.get(key)!(requests)) as ArrayLike<number>;
  } else {
    if (!byParticles.has(particles)) byParticles.set(particles, warLogLikelihood(scenario, observations, particles, "fit"));
    const logLikelihood = byParticles.get(particles)!;
    raw = requests.map((r) => logLikelihood(r.theta, r.seed));
  }
  // −Infinity does not survive JSON: sent as null, read back by the pool
  const values = Array.from(raw, (v) => (v === -Infinity ? null : v));
  process.stdout.write(`${JSON.stringify({ id, values })}\n`);
}
