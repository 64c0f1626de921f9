// Child processes that evaluate the fit's likelihoods (scripts/fit-worker.ts) for a sampler's
// batches: each batch is cut into contiguous pieces, one per worker, and put back in order, so the
// values — and the sampler's result — are the same for any number of workers.
import { spawn } from "node:child_process";
import type { Writable } from "node:stream";
import { createInterface } from "node:readline";
import type { LikelihoodRequest } from "../src/analysis/inference-smc.js";

export interface FitPool {
  evaluate: (batch: readonly LikelihoodRequest[]) => Promise<Float64Array>;
  /** The same for the league's filter problem up to `origin` (src/analysis/league-smc.ts `inThreadLikelihoods`). */
  evaluateLeague: (problem: LeagueProblem) => (batch: readonly LikelihoodRequest[]) => Promise<Float64Array>;
  close: () => void;
}

/** One origin's filter problem on the shipped league data, and the filter's particle count. */
export interface LeagueProblem {
  origin: string;
  from: string;
  particles: number;
}

export function fitPool(workers: number, particles: number, deepState = false): FitPool {
  const children: { stdin: Writable }[] = [];
  const waiting = new Map<number, (values: (number | null)[]) => void>();
  let nextId = 0;
  for (let w = 0; w < workers; w += 1) {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/fit-worker.ts", ...(deepState ? ["deepstate"] : [])], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) {
        process.stderr.write(`fit worker ${w} exited with ${code}\n`);
        process.exit(1);
      }
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      const { id, values } = JSON.parse(line) as { id: number; values: (number | null)[] };
      waiting.get(id)!(values);
      waiting.delete(id);
    });
    children.push(child);
  }
  const ask = (child: { stdin: Writable }, requests: readonly LikelihoodRequest[], league?: LeagueProblem) =>
    new Promise<(number | null)[]>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ id, particles: league?.particles ?? particles, requests, league })}\n`);
    });
  const spread = async (batch: readonly LikelihoodRequest[], league?: LeagueProblem) => {
    const size = Math.ceil(batch.length / workers);
    const pieces = await Promise.all(children.map((c, w) => ask(c, batch.slice(w * size, (w + 1) * size), league)));
    return Float64Array.from(pieces.flat(), (v) => (v === null ? -Infinity : v));
  };
  return {
    evaluate: (batch) => spread(batch),
    evaluateLeague: (problem) => (batch) => spread(batch, problem),
    close: () => children.forEach((c) => c.stdin.end()),
  };
}
