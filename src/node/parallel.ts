import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { BlockResult } from "../engine/block-result.js";
import type { SketchParts } from "../engine/run-sketch.js";
import { sketchCountBytes } from "../engine/sketch-layout.js";
import type { SimulateOptions } from "../engine/options.js";
import { abortError, prepareRun, type EngineTuning } from "../engine/run.js";
import { parseLoadingPosterior } from "../engine/posterior.js";
import { describeValue, OptionsError } from "../util/errors.js";
import { Projection } from "../results/projection.js";
import type { WorkerRequest } from "./worker.js";

type WorkerReply =
  | { kind: "result"; result: BlockResult }
  | { kind: "counted"; block: number; count: number }
  | { kind: "sketch"; parts: SketchParts | null }
  | { kind: "error"; message: string };

/**
 * Largest sketch a worker keeps of its own (`countBlocks` mode): 64 MiB, about 215 months. Longer
 * sketch runs post their blocks instead, so that every worker does not hold a sketch of several
 * hundred MB (354 MB at 1,200 months).
 */
export const WORKER_SKETCH_MAX_BYTES = 64 * 1024 ** 2;

/** Counting in the workers: the run's block count and where their sketches go at the end. */
interface WorkerCounting {
  blockCount: number;
  acceptSketch: (parts: SketchParts) => void;
}

/**
 * A worker thread of script `name` in src/node/ (the built .js; from source, the .ts through tsx).
 * Built, this code sits in a shared chunk in dist/chunks/ (or in dist/node/), one folder below
 * dist/ as this file is below src/: so the worker is `../node/<name>.*` from either (tsup.config.ts).
 * @internal
 */
export function spawnWorker(name = "worker"): Worker {
  const here = import.meta.url;
  if (/\.ts$/.test(new URL(here).pathname)) {
    // From source (tests): load the TypeScript worker through tsx's loader.
    const require = createRequire(here);
    const tsxRoot = require.resolve("tsx/package.json");
    const tsxEsm = (require(tsxRoot) as { exports: Record<string, { import: { default: string } }> }).exports["./esm/api"]!.import.default;
    const tsxApi = new URL(tsxEsm, pathToFileURL(tsxRoot)).href;
    const source = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(new URL(`../node/${name}.ts`, here).href)});`;
    return new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`));
  }
  return new Worker(new URL(`../node/${name}.js`, here));
}

/**
 * A pool's worker count, checked: an integer from 1 to 256 (WorkerPool and FilterPool).
 * @internal
 */
export function checkedWorkerCount(size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > 256)
    throw new OptionsError({ path: "workers", message: `expected an integer from 1 to 256, got ${describeValue(size)}` });
  return size;
}

/**
 * A small pool of worker threads, reusable across runs (the first run pays for starting them).
 * Call `close()` when done, or the process stays alive.
 */
export class WorkerPool {
  readonly size: number;
  private workers: Worker[] = [];

  constructor(size: number = availableParallelism()) {
    this.size = checkedWorkerCount(size);
  }

  private ensure(count: number): Worker[] {
    while (this.workers.length < Math.min(count, this.size)) this.workers.push(spawnWorker());
    return this.workers.slice(0, Math.min(count, this.size));
  }

  /**
   * Run the blocks of a prepared plan; results are handed to `accept` as they come (they are
   * placed by block index, so arrival order does not matter). Used by `simulateParallel`.
   * @internal
   */
  run(
    plan: WorkerRequest & { kind: "plan" },
    blocks: [number, number, number][],
    accept: (result: BlockResult) => void,
    signal?: AbortSignal,
    onBlock?: (paths: number) => void,
    counting?: WorkerCounting,
  ): Promise<void> {
    const workers = this.ensure(blocks.length);
    let next = 0,
      pending = 0,
      flushing = 0;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        for (const w of workers) {
          w.removeAllListeners("message");
          w.removeAllListeners("error");
        }
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () => {
        this.close();
        finish(abortError(signal!));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      const dispatch = (worker: Worker, reuse?: Uint16Array[]) => {
        if (next >= blocks.length) {
          if (pending > 0) return;
          if (!counting) return finish();
          // Every block counted: each worker posts its sketch once.
          flushing = workers.length;
          for (const w of workers) w.postMessage({ kind: "flush" } satisfies WorkerRequest);
          return;
        }
        const [block, first, count] = blocks[next++]!;
        pending += 1;
        // A sketch block's slot arrays go back to the worker for its next block (transferred, not
        // copied): the run then allocates no per-block buffers, which otherwise pile up as
        // garbage between collections (peak RSS, bench/results.json).
        worker.postMessage(
          { kind: "block", block, first, count, reuse } satisfies WorkerRequest,
          reuse?.map((a) => a.buffer as ArrayBuffer) ?? [],
        );
      };
      for (const worker of workers) {
        worker.on("message", (reply: WorkerReply) => {
          if (reply.kind === "error") {
            this.close();
            return finish(new Error(`worker failed: ${reply.message}`));
          }
          if (reply.kind === "sketch") {
            if (reply.parts) counting!.acceptSketch(reply.parts);
            flushing -= 1;
            if (flushing === 0) finish();
            return;
          }
          pending -= 1;
          if (reply.kind === "counted") {
            onBlock?.(reply.count);
            return dispatch(worker);
          }
          accept(reply.result);
          onBlock?.(reply.result.count);
          // Accepted sketch blocks are counted and dropped (engine/run-sketch.ts), so their slot arrays are free.
          dispatch(worker, reply.result.slots ?? undefined);
        });
        worker.on("error", (error) => {
          this.close();
          finish(error);
        });
        worker.postMessage(counting ? { ...plan, countBlocks: counting.blockCount } : plan);
        dispatch(worker);
      }
    });
  }

  /** Terminate every worker (a later run starts new ones). */
  close(): void {
    for (const w of this.workers) void w.terminate();
    this.workers = [];
  }
}

export interface ParallelOptions extends SimulateOptions {
  /** Worker threads (default: the machine's available parallelism). */
  workers?: number;
  /** A pool to reuse (warm); without one, a pool is started and closed for this run. */
  pool?: WorkerPool;
}

/**
 * `simulate` on worker threads. Results are bit-identical to `simulate` for the same seed,
 * whatever the worker count: blocks are fixed-size, keyed by index, and merged in block order.
 * An AbortSignal terminates the workers at once and rejects with an AbortError.
 *
 * @example
 * const projection = await simulateParallel("baseline", { runs: 100_000, workers: 2 });
 */
export function simulateParallel(scenario: unknown, options?: ParallelOptions): Promise<Projection>;
/** @internal With the engine's knobs for tests and benchmarks (EngineTuning). */
export function simulateParallel(
  scenario: unknown,
  options: ParallelOptions | undefined,
  tuning: EngineTuning | undefined,
): Promise<Projection>;
export async function simulateParallel(scenario: unknown, options: ParallelOptions = {}, tuning?: EngineTuning): Promise<Projection> {
  const { workers, pool: given, ...rest } = options;
  const run = prepareRun(await parseLoadingPosterior(scenario), rest, tuning);
  const pool = given ?? new WorkerPool(workers ?? availableParallelism());
  const total = run.blocks.reduce((n, [, , count]) => n + count, 0);
  let done = 0;
  try {
    const { uniforms, ...planRest } = run.plan;
    // Uniforms are sent once with the plan; typed arrays are cloned, not shared.
    // A sketch run of a moderate horizon is counted in the workers (each posts one sketch at the
    // end; integer addition, so the same bytes): no per-block messages, no serial counting here.
    const sketch = run.summary.sketch;
    const counting =
      sketch && sketchCountBytes(run.options.horizonMonths) <= WORKER_SKETCH_MAX_BYTES
        ? { blockCount: sketch.blocksIn.length, acceptSketch: (parts: SketchParts) => run.summary.acceptSketch(parts) }
        : undefined;
    await pool.run(
      { kind: "plan", plan: { ...planRest, uniforms } },
      run.blocks,
      (result) => run.summary.accept(result),
      run.options.signal,
      (paths) => {
        done += paths;
        run.options.onProgress?.(done / total);
      },
      counting,
    );
  } finally {
    if (!given) pool.close();
  }
  run.options.onProgress?.(1);
  return new Projection(run.summary, run.meta);
}
