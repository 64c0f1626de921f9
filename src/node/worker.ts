/**
 * Worker thread of `simulateParallel`: receives the already-validated plan once, then block
 * assignments, and posts each block's results back (typed arrays transferred, not copied).
 * Imports only the engine: neither zod nor mathjs is loaded here.
 */
import { parentPort } from "node:worker_threads";
import { runBlock, type RunPlan } from "../engine/block.js";
import { transferables } from "../engine/block-result.js";

export type WorkerRequest =
  | { kind: "plan"; plan: RunPlan }
  /** `reuse`: the sketch-slot arrays of this worker's last block, handed back once they were counted. */
  | { kind: "block"; block: number; first: number; count: number; reuse?: Uint16Array[] };

let plan: RunPlan | undefined;

parentPort?.on("message", (message: WorkerRequest) => {
  try {
    if (message.kind === "plan") {
      plan = message.plan;
      return;
    }
    if (!plan) throw new Error("worker: a block arrived before the plan");
    const result = runBlock(plan, message.block, message.first, message.count, message.reuse);
    parentPort!.postMessage({ kind: "result", result }, transferables(result));
  } catch (error) {
    parentPort!.postMessage({ kind: "error", message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
});
