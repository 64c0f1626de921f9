/**
 * Worker thread of `simulateParallel`: receives the already-validated plan once, then block
 * assignments, and posts each block's results back (typed arrays transferred, not copied) — or,
 * for a sketch run asked to count (`countBlocks`), adds each block into a sketch of its own and
 * posts that once, on "flush": no per-block message, and the counting runs in the workers.
 * Imports only the engine: neither zod nor mathjs is loaded here.
 */
import { parentPort } from "node:worker_threads";
import { runBlock, type RunPlan } from "../engine/block.js";
import { transferables } from "../engine/block-result.js";
import { RunSketch } from "../engine/run-sketch.js";

export type WorkerRequest =
  /** `countBlocks`: count sketch blocks here (the run's block count), posting the sketch on "flush". */
  | { kind: "plan"; plan: RunPlan; countBlocks?: number }
  | { kind: "flush" }
  /** `reuse`: the sketch-slot arrays of this worker's last block, handed back once they were counted. */
  | { kind: "block"; block: number; first: number; count: number; reuse?: Uint16Array[] };

let plan: RunPlan | undefined;
/** countBlocks: the run's block count, the sketch of the blocks counted here, their slot arrays for reuse. */
let countBlocks: number | undefined;
let sketch: RunSketch | undefined;
let spareSlots: Uint16Array[] | undefined;

parentPort?.on("message", (message: WorkerRequest) => {
  try {
    if (message.kind === "plan") {
      plan = message.plan;
      countBlocks = message.countBlocks;
      sketch = undefined;
      spareSlots = undefined;
      return;
    }
    if (message.kind === "flush") {
      const parts = sketch?.toParts() ?? null;
      sketch = undefined;
      parentPort!.postMessage({ kind: "sketch", parts }, parts ? parts.counts.map((c) => c.buffer as ArrayBuffer) : []);
      return;
    }
    if (!plan) throw new Error("worker: a block arrived before the plan");
    const result = runBlock(plan, message.block, message.first, message.count, message.reuse ?? spareSlots);
    if (countBlocks !== undefined && plan.summary !== "exact") {
      sketch ??= new RunSketch(plan.summary, plan.calendar.length, plan.thresholds, countBlocks);
      sketch.add(result);
      spareSlots = result.slots ?? undefined;
      parentPort!.postMessage({ kind: "counted", block: result.block, count: result.count });
      return;
    }
    parentPort!.postMessage({ kind: "result", result }, transferables(result));
  } catch (error) {
    parentPort!.postMessage({ kind: "error", message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
});
