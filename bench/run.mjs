// `npm run bench`: the fixed workloads of the performance issue, each in its own process,
// single-threaded and on 2 workers; prints a table and writes bench/results.json.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";

const plan = process.env.BENCH_QUICK
  ? [["W1", "single"], ["W1", "parallel", 2]]
  : [["W1", "single"], ["W1", "parallel", 2], ["W2", "single"], ["W2", "parallel", 2], ["W3", "parallel", 2], ["W4", "parallel", 2]];
const results = [];
for (const [name, mode, workers] of plan) {
  const out = execFileSync(process.execPath, ["bench/workload.mjs", name, mode, String(workers ?? 1)], { encoding: "utf8", maxBuffer: 1 << 20 });
  const r = JSON.parse(out.trim().split("\n").at(-1));
  results.push(r);
  console.log(`${name} ${mode.padEnd(8)} workers ${r.workers}  wall ${r.wallSeconds.toFixed(2)} s  (+ summaries ${r.summarySeconds.toFixed(2)} s)  ${(r.pathDaysPerSecond / 1e6).toFixed(1)} M path-days/s  peak RSS ${r.peakRssMiB} MiB`);
}
const single = (n) => results.find((r) => r.workload === n && r.mode === "single");
const parallel = (n) => results.find((r) => r.workload === n && r.mode === "parallel");
const efficiency = single("W2") && parallel("W2") ? +(single("W2").wallSeconds / parallel("W2").wallSeconds).toFixed(2) : null;
if (efficiency) console.log(`W2 speed-up with 2 workers (warm pool): ${efficiency}×`);
const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(totalmem() / 1024 ** 3), node: process.version };
writeFileSync("bench/results.json", JSON.stringify({ machine, results, w2SpeedupWith2Workers: efficiency }, null, 2) + "\n");
console.log("wrote bench/results.json");
