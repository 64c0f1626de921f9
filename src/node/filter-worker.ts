/**
 * Worker thread of a {@link FilterPool} (`forecastParallel`): particle filters, for a refit's
 * likelihood batches (a problem once, then batches of requests, each answered with the log L̂ of
 * every request, in order) and for a forecast's θ draws (each filtered and carried on, answered
 * with its block and reported paths). Its own script, apart from the simulation worker
 * (worker.ts), since the filter's scenario is parsed here (zod): the simulation workers stay free
 * of it (DESIGN §2, test/architecture/worker-closure.test.ts).
 */
import { parentPort } from "node:worker_threads";
import type { LikelihoodRequest } from "../analysis/inference-smc.js";
import type { RefitProblem } from "../analysis/forecast-refit.js";
import { filterDraw, type DrawRequest, type DrawResult } from "../analysis/forecast-draw.js";
import { warLogLikelihood } from "../analysis/war-particles.js";
import { transferables } from "../engine/block-result.js";

export type FilterWorkerRequest =
  /** The filter problem of the likelihood batches that follow. */
  | { kind: "problem"; problem: RefitProblem }
  /** log L̂ of each request, answered as { kind: "likelihoods", id, values }. */
  | { kind: "likelihoods"; id: number; requests: LikelihoodRequest[] }
  /** One forecast draw, answered as { kind: "draw", id, result }. */
  | { kind: "draw"; id: number; request: DrawRequest };

export type FilterWorkerReply =
  | { kind: "likelihoods"; id: number; values: Float64Array }
  | { kind: "draw"; id: number; result: DrawResult }
  | { kind: "error"; message: string };

let logLikelihood: ((theta: Readonly<Record<string, number>>, seed: number) => number) | undefined;

/** The buffers of a draw's result, moved to the main thread rather than copied. */
function drawBuffers(result: DrawResult): ArrayBuffer[] {
  const paths = [...result.paths.occupiedChangeKm2, ...result.paths.claimedLosses, ...result.paths.casualtiesIncrement, result.ess];
  return [...new Set([...transferables(result.block), ...paths.map((a) => a.buffer as ArrayBuffer)])];
}

parentPort?.on("message", (message: FilterWorkerRequest) => {
  try {
    if (message.kind === "problem") {
      const { scenario, observations, particles, key } = message.problem;
      logLikelihood = warLogLikelihood(scenario, observations, particles, key);
      return;
    }
    if (message.kind === "draw") {
      const result = filterDraw(message.request);
      parentPort!.postMessage({ kind: "draw", id: message.id, result } satisfies FilterWorkerReply, drawBuffers(result));
      return;
    }
    if (!logLikelihood) throw new Error("filter worker: a likelihood batch arrived before its problem");
    const values = Float64Array.from(message.requests, (r) => logLikelihood!(r.theta, r.seed));
    parentPort!.postMessage({ kind: "likelihoods", id: message.id, values } satisfies FilterWorkerReply, [values.buffer]);
  } catch (error) {
    parentPort!.postMessage({
      kind: "error",
      message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
    } satisfies FilterWorkerReply);
  }
});
