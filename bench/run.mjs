// `npm run bench`: the fixed workloads of the performance issue, each repetition in its own
// process, single-threaded and on 2 workers; prints medians (and the interquartile range over
// the repetitions) and writes bench/results.json. BENCH_QUICK=1 runs W1 only; BENCH_ONLY=W1,W2
// picks workloads; BENCH_REPEATS overrides the repetitions (7 for W1 single, 3 otherwise).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";

const full = [
  ["W1", "single"],
  ["W1", "parallel", 2],
  ["W2", "single"],
  ["W2", "parallel", 2],
  ["W3", "parallel", 2],
  ["W4", "parallel", 2],
];
const only = process.env.BENCH_QUICK ? ["W1"] : process.env.BENCH_ONLY?.split(",");
const plan = only ? full.filter(([name]) => only.includes(name)) : full;
const repeatsFor = (name, mode) => Number(process.env.BENCH_REPEATS ?? (name === "W1" && mode === "single" ? 7 : 3));

/** Quantile of sorted values by linear interpolation (type 7). */
function quantileSorted(sorted, p) {
  const h = (sorted.length - 1) * p,
    lo = Math.floor(h),
    hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (v) => +v.toFixed(3);
  return { median: r(quantileSorted(sorted, 0.5)), iqr: r(quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)), all: values };
}

const results = [];
for (const [name, mode, workers] of plan) {
  const reps = [];
  for (let k = 0; k < repeatsFor(name, mode); k += 1) {
    const out = execFileSync(process.execPath, ["bench/workload.mjs", name, mode, String(workers ?? 1)], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    reps.push(JSON.parse(out.trim().split("\n").at(-1)));
  }
  const wall = stats(reps.map((r) => r.wallSeconds)),
    cpu = stats(reps.map((r) => r.cpuSeconds)),
    summary = stats(reps.map((r) => r.summarySeconds));
  const { wallSeconds: _w, cpuSeconds: _c, summarySeconds: _s, pathDaysPerSecond: _p, peakRssMiB: _m, ...workload } = reps[0];
  const r = {
    ...workload,
    repeats: reps.length,
    wallSeconds: wall.median,
    wallIqrSeconds: wall.iqr,
    cpuSeconds: cpu.median,
    cpuIqrSeconds: cpu.iqr,
    summarySeconds: summary.median,
    pathDaysPerSecond: Math.round((workload.runs * workload.days) / wall.median),
    peakRssMiB: Math.max(...reps.map((x) => x.peakRssMiB)),
    perRepeat: { wallSeconds: wall.all, cpuSeconds: cpu.all },
  };
  results.push(r);
  console.log(
    `${name} ${mode.padEnd(8)} workers ${r.workers}  median of ${r.repeats}: wall ${r.wallSeconds.toFixed(2)} s (IQR ${r.wallIqrSeconds.toFixed(2)})  CPU ${r.cpuSeconds.toFixed(2)} s (IQR ${r.cpuIqrSeconds.toFixed(2)})  (summaries ${r.summarySeconds.toFixed(2)} s)  ${(r.pathDaysPerSecond / 1e6).toFixed(1)} M path-days/s  peak RSS ${r.peakRssMiB} MiB`,
  );
}
const single = (n) => results.find((r) => r.workload === n && r.mode === "single");
const parallel = (n) => results.find((r) => r.workload === n && r.mode === "parallel");
const efficiency = single("W2") && parallel("W2") ? +(single("W2").wallSeconds / parallel("W2").wallSeconds).toFixed(2) : null;
if (efficiency) console.log(`W2 speed-up with 2 workers (warm pool): ${efficiency}×`);
const machine = {
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(totalmem() / 1024 ** 3),
  node: process.version,
};
writeFileSync("bench/results.json", JSON.stringify({ machine, results, w2SpeedupWith2Workers: efficiency }, null, 2) + "\n");
console.log("wrote bench/results.json");
