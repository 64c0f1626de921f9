import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { LikelihoodRequest } from "../analysis/inference-smc.js";
import type { RefitProblem } from "../analysis/forecast-refit.js";
import type { DrawRequest, DrawResult } from "../analysis/forecast-draw.js";
import { abortError } from "../engine/run.js";
import type { FilterWorkerReply, FilterWorkerRequest } from "./filter-worker.js";
import { checkedWorkerCount, spawnWorker } from "./parallel.js";

/**
 * Worker threads for particle filters (`forecastParallel`): a refit's likelihood batches
 * ({@link FilterPool.logLikelihoods}, `forecast`'s `likelihoods` option) and a forecast's θ draws
 * ({@link FilterPool.filterDraws}, its `drawFilter` option). Every value is a plain function of
 * its request, so the results are those of the same calls in one thread, in the same order
 * (test/node/forecast-parallel.test.ts). Reusable; call `close()` when done, or the process stays
 * alive. An aborted signal terminates the workers and rejects with an AbortError; a worker's
 * error rejects with that error and terminates the others, whose requests then reject too (none
 * is left waiting); the next request starts new workers.
 */
export class FilterPool {
  readonly size: number;
  private workers: Worker[] = [];
  private nextId = 0;

  constructor(size: number = availableParallelism()) {
    this.size = checkedWorkerCount(size);
  }

  private ensure(): Worker[] {
    while (this.workers.length < this.size) this.workers.push(spawnWorker("filter-worker"));
    return this.workers;
  }

  /** Post one request to `worker` and wait for its answer (`pick` reads it from the reply of the same id). */
  private ask<T>(
    worker: Worker,
    message: FilterWorkerRequest & { id: number },
    pick: (reply: FilterWorkerReply) => T,
    signal?: AbortSignal,
  ) {
    return new Promise<T>((resolve, reject) => {
      const cleanup = () => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        signal?.removeEventListener("abort", onAbort);
      };
      // A failure closes the pool, which ends the other workers' requests through their exit;
      // a worker that is no longer the pool's (closed already) leaves the pool's new workers alone.
      const fail = (error: Error) => {
        cleanup();
        if (this.workers.includes(worker)) this.close();
        reject(error);
      };
      const onMessage = (reply: FilterWorkerReply) => {
        if (reply.kind === "error") fail(new Error(`filter worker failed: ${reply.message}`));
        else if (reply.id === message.id) {
          cleanup();
          resolve(pick(reply));
        }
      };
      const onError = (error: Error) => fail(error);
      const onExit = (code: number) => fail(new Error(`filter worker stopped (exit code ${code}) before it answered`));
      const onAbort = () => fail(abortError(signal!));
      if (signal?.aborted) return onAbort();
      // A worker the pool has let go (a failure or close() since this batch began) would never answer.
      if (!this.workers.includes(worker)) return reject(new Error("filter pool closed while a request was waiting to be sent"));
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      signal?.addEventListener("abort", onAbort, { once: true });
      worker.postMessage(message);
    });
  }

  /**
   * log L̂ of each request of a batch on `problem` (a RefitLikelihoods): each batch cut into
   * contiguous pieces, one per worker, put back in order.
   */
  logLikelihoods(problem: RefitProblem, signal?: AbortSignal): (batch: readonly LikelihoodRequest[]) => Promise<Float64Array> {
    /** The workers that have this problem (a close, or an abort, starts new ones that need it). */
    let told: Worker[] = [];
    return async (batch) => {
      const workers = this.ensure();
      for (const w of workers) if (!told.includes(w)) w.postMessage({ kind: "problem", problem } satisfies FilterWorkerRequest);
      told = [...workers];
      const size = Math.ceil(batch.length / workers.length);
      const pieces = await Promise.all(
        workers.map((w, i) =>
          i * size < batch.length
            ? this.ask(
                w,
                { kind: "likelihoods", id: this.nextId++, requests: batch.slice(i * size, (i + 1) * size) },
                (r) => (r as { values: Float64Array }).values,
                signal,
              )
            : new Float64Array(0),
        ),
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

  /** A forecast's draws (a DrawFilter): each worker takes the next draw when it is free; the results in the requests' order. */
  async filterDraws(requests: readonly DrawRequest[], onDraw: () => void, signal?: AbortSignal): Promise<DrawResult[]> {
    const workers = this.ensure();
    const out: DrawResult[] = new Array(requests.length);
    let next = 0;
    const drain = async (worker: Worker) => {
      while (next < requests.length) {
        const j = next++;
        out[j] = await this.ask(
          worker,
          { kind: "draw", id: this.nextId++, request: requests[j]! },
          (r) => (r as { result: DrawResult }).result,
          signal,
        );
        onDraw();
      }
    };
    await Promise.all(workers.map(drain));
    return out;
  }

  /** Terminate every worker (a later request starts new ones). */
  close(): void {
    for (const w of this.workers) void w.terminate();
    this.workers = [];
  }
}
