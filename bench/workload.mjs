// One benchmark workload in its own process (so peak RSS is the workload's own).
// Usage: node bench/workload.mjs <W1|W2|W3|W4> <mode: single|parallel> [workers]
import { availableParallelism } from "node:os";
import { simulateSync } from "../dist/index.js";
import { simulateParallel, WorkerPool } from "../dist/node/index.js";

const WORKLOADS = {
  W1: { scenario: "baseline", runs: 10_000, horizonMonths: 120, step: "day" },
  W2: { scenario: "baseline", runs: 100_000, horizonMonths: 120, step: "month" },
  W3: { scenario: "dprk-waves", runs: 1_000_000, horizonMonths: 60, step: "month" },
  W4: { scenario: "baseline", runs: 200_000, horizonMonths: 24, step: "month" },
};

const [name, mode = "single", workersArg] = process.argv.slice(2);
const w = WORKLOADS[name];
if (!w) throw new Error(`unknown workload ${name}`);
const workers = Number(workersArg ?? availableParallelism());
const options = { runs: w.runs, horizonMonths: w.horizonMonths, step: w.step, seed: 1 };
const days = (() => {
  const start = new Date("2025-07-01T00:00:00Z");
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + w.horizonMonths);
  return Math.round((end - start) / 86_400_000);
})();

let wall;
let summaryMs;
const cpuBefore = process.cpuUsage();
if (mode === "single") {
  const t = performance.now();
  const projection = simulateSync(w.scenario, options);
  wall = performance.now() - t;
  const s = performance.now();
  projection.toJSON();
  summaryMs = performance.now() - s;
} else {
  const pool = new WorkerPool(workers);
  // Warm the pool (start the threads, compile the engine) on a small run first.
  await simulateParallel(w.scenario, { ...options, runs: 2 * 1024 * workers, horizonMonths: Math.min(12, w.horizonMonths), pool });
  const t = performance.now();
  const projection = await simulateParallel(w.scenario, { ...options, pool });
  wall = performance.now() - t;
  const s = performance.now();
  projection.toJSON();
  summaryMs = performance.now() - s;
  pool.close();
}
// CPU of the timed section (simulate + toJSON) of this thread and, in parallel mode, the
// workers' threads (process.cpuUsage counts every thread of the process).
const cpu = process.cpuUsage(cpuBefore);
const pathDays = w.runs * days;
process.stdout.write(
  JSON.stringify({
    workload: name,
    mode,
    workers: mode === "single" ? 1 : workers,
    ...w,
    days,
    wallSeconds: +(wall / 1000).toFixed(3),
    summarySeconds: +(summaryMs / 1000).toFixed(3),
    cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(3),
    pathDaysPerSecond: Math.round(pathDays / (wall / 1000)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + "\n",
);
