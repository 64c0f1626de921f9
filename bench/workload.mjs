// One benchmark workload in its own process, so that its start-up, CPU and peak RSS are its own.
// Usage: node bench/workload.mjs <workload> <mode: single|parallel> [workers] [--fresh]
//
// A workload that names no `step` runs at the library's default step; `step: "day"` is the
// day-step reference. `--fresh`: the whole process is the measurement (the parent times it from
// spawn to exit, bench/run.mjs), so nothing is warmed — the pool's start-up is included; without
// it, a parallel run warms the pool first and times the simulation alone.
//
// Prints one JSON line: the timed section's wall and CPU (process.cpuUsage counts every thread:
// the workers' too), the summaries' wall (toJSON), the step the run used and the peak RSS; the
// import time includes loading the shipped posterior.
import { availableParallelism } from "node:os";

const WORKLOADS = {
  W1: { scenario: "baseline", runs: 10_000, horizonMonths: 120 },
  "W1-day": { scenario: "baseline", runs: 10_000, horizonMonths: 120, step: "day" },
  W2: { scenario: "baseline", runs: 100_000, horizonMonths: 120 },
  "RSS-100k": { scenario: "baseline", runs: 100_000, horizonMonths: 120 },
  "RSS-1M": { scenario: "baseline", runs: 1_000_000, horizonMonths: 120 },
};

const args = process.argv.slice(2);
const fresh = args.includes("--fresh");
const [name, mode = "single", workersArg] = args.filter((a) => a !== "--fresh");
const w = WORKLOADS[name];
if (!w) throw new Error(`unknown workload ${name} (one of ${Object.keys(WORKLOADS).join(", ")})`);
const workers = Number(workersArg ?? availableParallelism());
const options = { runs: w.runs, horizonMonths: w.horizonMonths, seed: 1, ...(w.step ? { step: w.step } : {}) };

/** Days simulated from the default start (2025-07-01) over the horizon. */
function daysOf(horizonMonths, start = "2025-07-01") {
  const from = new Date(`${start}T00:00:00Z`);
  const to = new Date(from);
  to.setUTCMonth(to.getUTCMonth() + horizonMonths);
  return Math.round((to - from) / 86_400_000);
}

const importStart = performance.now();
const { simulateSync, loadShippedPosterior } = await import("../dist/index.js");
const node = mode === "parallel" ? await import("../dist/node/index.js") : undefined;
// `baseline` runs on the shipped posterior, which a synchronous run needs loaded first (as a
// user's would be): its load counts with the imports.
await loadShippedPosterior();
const importMs = performance.now() - importStart;

let simulateMs;
let projection;
const cpuBefore = process.cpuUsage();
if (mode === "single") {
  const t = performance.now();
  projection = simulateSync(w.scenario, options);
  simulateMs = performance.now() - t;
} else if (fresh) {
  // From a cold start: the pool is started (and closed) by this one run, as a user's would be.
  const t = performance.now();
  projection = await node.simulateParallel(w.scenario, { ...options, workers });
  simulateMs = performance.now() - t;
} else {
  const pool = new node.WorkerPool(workers);
  // Warm the pool (start the threads, compile the engine) on a small run first.
  await node.simulateParallel(w.scenario, { ...options, runs: 2 * 1024 * workers, horizonMonths: Math.min(12, w.horizonMonths), pool });
  const t = performance.now();
  projection = await node.simulateParallel(w.scenario, { ...options, pool });
  simulateMs = performance.now() - t;
  pool.close();
}
const s = performance.now();
const json = projection.toJSON();
const summaryMs = performance.now() - s;
const cpu = process.cpuUsage(cpuBefore);
const total = process.cpuUsage();
const days = daysOf(w.horizonMonths, json.options?.start);
process.stdout.write(
  JSON.stringify({
    workload: name,
    mode,
    workers: mode === "single" ? 1 : workers,
    fresh,
    ...w,
    step: w.step ?? "default",
    stepUsed: json.options?.step ?? null,
    days,
    importSeconds: +(importMs / 1000).toFixed(3),
    simulateSeconds: +(simulateMs / 1000).toFixed(3),
    summarySeconds: +(summaryMs / 1000).toFixed(3),
    wallSeconds: +((simulateMs + summaryMs) / 1000).toFixed(3),
    cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(3),
    processCpuSeconds: +((total.user + total.system) / 1e6).toFixed(3),
    nsPerPathDay: +((simulateMs * 1e6) / (w.runs * days)).toFixed(2),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + "\n",
);
