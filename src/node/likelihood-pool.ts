import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { LikelihoodRequest } from "../analysis/inference-smc.js";
import type { RefitProblem } from "../analysis/forecast-refit.js";
import { abortError } from "../engine/run.js";
import { describeValue, OptionsError } from "../util/errors.js";
import type { LikelihoodWorkerReply, LikelihoodWorkerRequest } from "./likelihood-worker.js";
import { spawnWorker } from "./parallel.js";

/**
 * Worker threads for a refit's particle-filter runs (`forecastParallel`; `forecast`'s
 * `likelihoods` option): {@link LikelihoodPool.logLikelihoods} cuts each batch into contiguous
 * pieces, one per worker, and puts them back in order, so the values — and the refit — are those
 * of the same calls in one thread (test/node/forecast-parallel.test.ts). Reusable across refits;
 * call `close()` when done, or the process stays alive.
 */
export class LikelihoodPool {
  readonly size: number;
  private workers: Worker[] = [];

  constructor(size: number = availableParallelism()) {
    if (!Number.isInteger(size) || size < 1 || size > 256)
      throw new OptionsError({ path: "workers", message: `expected an integer from 1 to 256, got ${describeValue(size)}` });
    this.size = size;
  }

  /**
   * log L̂ of each request of a batch on `problem` (a RefitLikelihoods). An aborted signal
   * terminates the workers and rejects the batch with an AbortError; a worker's error rejects it
   * with that error.
   */
  logLikelihoods(problem: RefitProblem, signal?: AbortSignal): (batch: readonly LikelihoodRequest[]) => Promise<Float64Array> {
    /** The workers that have this problem (a close, or an abort, starts new ones that need it). */
    let told: Worker[] = [];
    let nextId = 0;
    const ask = (worker: Worker, requests: LikelihoodRequest[]) =>
      new Promise<Float64Array>((resolve, reject) => {
        const id = nextId++;
        const cleanup = () => {
          worker.off("message", onMessage);
          worker.off("error", onError);
          signal?.removeEventListener("abort", onAbort);
        };
        const fail = (error: Error) => {
          cleanup();
          this.close();
          reject(error);
        };
        const onMessage = (reply: LikelihoodWorkerReply) => {
          if (reply.kind === "error") fail(new Error(`likelihood worker failed: ${reply.message}`));
          else if (reply.id === id) {
            cleanup();
            resolve(reply.values);
          }
        };
        const onError = (error: Error) => fail(error);
        const onAbort = () => fail(abortError(signal!));
        if (signal?.aborted) return onAbort();
        worker.on("message", onMessage);
        worker.on("error", onError);
        signal?.addEventListener("abort", onAbort, { once: true });
        worker.postMessage({ kind: "likelihoods", id, requests } satisfies LikelihoodWorkerRequest);
      });
    return async (batch) => {
      while (this.workers.length < this.size) this.workers.push(spawnWorker("likelihood-worker"));
      for (const w of this.workers) if (!told.includes(w)) w.postMessage({ kind: "problem", problem } satisfies LikelihoodWorkerRequest);
      told = [...this.workers];
      const size = Math.ceil(batch.length / this.workers.length);
      const pieces = await Promise.all(
        this.workers.map((w, i) => (i * size < batch.length ? ask(w, batch.slice(i * size, (i + 1) * size)) : new Float64Array(0))),
      );
      const out = new Float64Array(batch.length);
      let at = 0;
      for (const piece of pieces) {
        out.set(piece, at);
        at += piece.length;
      }
      return out;
    };
  }

  /** Terminate every worker (a later batch starts new ones). */
  close(): void {
    for (const w of this.workers) void w.terminate();
    this.workers = [];
  }
}
