/**
 * Worker thread of `simulateParallel`: receives the already-validated plan once, then block
 * assignments, and posts each block's results back (typed arrays transferred, not copied).
 * Imports only the engine: neither zod nor mathjs is loaded here.
 */
import { parentPort } from "node:worker_threads";
import { BlockRun, type RunPlan } from "../engine/block.js";
import { transferables } from "../engine/block-result.js";

export type WorkerRequest =
  | { kind: "plan"; plan: RunPlan }
  | { kind: "block"; block: number; first: number; count: number };

let plan: RunPlan | undefined;

parentPort?.on("message", (message: WorkerRequest) => {
  try {
    if (message.kind === "plan") {
      plan = message.plan;
      return;
    }
    if (!plan) throw new Error("worker: a block arrived before the plan");
    const run = new BlockRun(plan, message.block, message.first, message.count);
    for (let m = 0; m < plan.calendar.length; m += 1) run.runMonth(m);
    const result = run.finish();
    parentPort!.postMessage({ kind: "result", result }, transferables(result));
  } catch (error) {
    parentPort!.postMessage({ kind: "error", message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
});
