/**
 * Worker thread of a {@link LikelihoodPool} (a refit's filter runs: `forecastParallel`): receives
 * one problem, then batches of requests, and answers each batch with the particle filter's log L̂
 * of every request, in order. Its own script, apart from the simulation worker (worker.ts), since
 * the filter's scenario is parsed here (zod): the simulation workers stay free of it (DESIGN §2,
 * test/architecture/worker-closure.test.ts).
 */
import { parentPort } from "node:worker_threads";
import type { LikelihoodRequest } from "../analysis/inference-smc.js";
import type { RefitProblem } from "../analysis/forecast-refit.js";
import { warLogLikelihood } from "../analysis/war-particles.js";

export type LikelihoodWorkerRequest =
  /** The filter problem of the batches that follow. */
  | { kind: "problem"; problem: RefitProblem }
  /** log L̂ of each request, answered as { kind: "likelihoods", id, values }. */
  | { kind: "likelihoods"; id: number; requests: LikelihoodRequest[] };

export type LikelihoodWorkerReply = { kind: "likelihoods"; id: number; values: Float64Array } | { kind: "error"; message: string };

let logLikelihood: ((theta: Readonly<Record<string, number>>, seed: number) => number) | undefined;

parentPort?.on("message", (message: LikelihoodWorkerRequest) => {
  try {
    if (message.kind === "problem") {
      const { scenario, observations, particles, key } = message.problem;
      logLikelihood = warLogLikelihood(scenario, observations, particles, key);
      return;
    }
    if (!logLikelihood) throw new Error("likelihood worker: a batch arrived before its problem");
    const values = Float64Array.from(message.requests, (r) => logLikelihood!(r.theta, r.seed));
    parentPort!.postMessage({ kind: "likelihoods", id: message.id, values } satisfies LikelihoodWorkerReply, [values.buffer]);
  } catch (error) {
    parentPort!.postMessage({
      kind: "error",
      message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
    } satisfies LikelihoodWorkerReply);
  }
});
