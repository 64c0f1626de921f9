// `npm run bench`: the targets of the performance issue (issue 12), each repetition in its own
// process; prints medians (and the interquartile range over the repetitions) and writes
// bench/results.json with a `targets` array { target, limit, measured, unit, met }.
//
//   W1     baseline, 10,000 runs × 120 months at the default step, a fresh process from spawn to
//          exit (import, simulate, summaries): CPU on one thread; wall on 2 workers, the pool's
//          start-up included. CPU is the child's whole CPU (every thread, through exit), read
//          from this process's /proc/self/stat cutime + cstime around the spawn.
//   day    the day-step reference: W1 with step "day", wall of the simulation (summaries
//          excluded) per path-day.
//   W2     baseline, 100,000 runs × 120 months, one thread and 2 workers (warm pool, simulation
//          wall): the speed-up, with the machine's steal time (/proc/stat) during each run and
//          the share of the cores that other processes kept busy meanwhile.
//   RSS    peak RSS at 100,000 and 1,000,000 runs × 120 months (2 workers, own process each).
//   start  `npm start` after the build: `node dist/node/cli.js report`, spawn to exit.
//
// BENCH_ONLY=W1,day,W2,RSS,start picks groups (the file keeps the other groups' last entries,
// each entry says when it was measured); BENCH_REPEATS overrides the repetitions (7 for W1, 5
// otherwise); BENCH_QUICK=1 runs W1, day and start with 3 repetitions (a check of the harness,
// not a measurement of the targets).
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";

const quick = Boolean(process.env.BENCH_QUICK);
const groups = quick ? ["W1", "day", "start"] : (process.env.BENCH_ONLY?.split(",") ?? ["W1", "day", "W2", "RSS", "start"]);
const repeats = (standard) => Number(process.env.BENCH_REPEATS ?? (quick ? 3 : standard));

/** The last run's results and targets in `file`, or undefined when it is missing or not such a file. */
function previousRun(file) {
  try {
    const previous = JSON.parse(readFileSync(file, "utf8"));
    return Array.isArray(previous.results) && Array.isArray(previous.targets) && !previous.quick ? previous : undefined;
  } catch {
    return undefined;
  }
}

/** `kept` with each entry `fresh` has for the same key replaced, then `fresh`'s new keys after. */
function mergeByKey(kept, fresh, key) {
  const byKey = new Map(fresh.map((entry) => [entry[key], entry]));
  const out = kept.map((entry) => byKey.get(entry[key]) ?? entry);
  const keptKeys = new Set(kept.map((entry) => entry[key]));
  return [...out, ...fresh.filter((entry) => !keptKeys.has(entry[key]))];
}

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

const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds of this process's waited-for children (cutime + cstime), or null off Linux. */
function childrenCpuSeconds() {
  try {
    const text = readFileSync("/proc/self/stat", "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) / CLK_TCK;
  } catch {
    return null;
  }
}

/** The machine's aggregate CPU ticks from /proc/stat: steal and total, or null off Linux. */
function cpuTicks() {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
    return { steal: line[7] ?? 0, idle: (line[3] ?? 0) + (line[4] ?? 0), total };
  } catch {
    return null;
  }
}

/** Run `node args…` to exit; its wall (spawn to exit), its whole CPU, the machine's steal meanwhile, and its last JSON line. */
function spawnTimed(args) {
  const cpu0 = childrenCpuSeconds();
  const ticks0 = cpuTicks();
  const t0 = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu1 = childrenCpuSeconds();
  const ticks1 = cpuTicks();
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${child.status}: ${child.stderr}`);
  const lastLine = child.stdout.trim().split("\n").at(-1);
  let report;
  try {
    report = JSON.parse(lastLine);
  } catch {
    report = undefined;
  }
  const steal =
    ticks0 && ticks1
      ? {
          seconds: +((ticks1.steal - ticks0.steal) / CLK_TCK).toFixed(3),
          share: +((ticks1.steal - ticks0.steal) / Math.max(1, ticks1.total - ticks0.total)).toFixed(4),
        }
      : null;
  const cpu = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : (report?.processCpuSeconds ?? null);
  // The machine's other work meanwhile (other users' processes, not the child): busy ticks
  // less the child's CPU, as a share of all ticks (1 = every core busy with others).
  const others =
    ticks0 && ticks1 && cpu !== null
      ? +Math.max(
          0,
          (ticks1.total - ticks1.idle - (ticks0.total - ticks0.idle) - cpu * CLK_TCK) / Math.max(1, ticks1.total - ticks0.total),
        ).toFixed(3)
      : null;
  return { wall: +wall.toFixed(3), cpu: cpu === null ? null : +cpu.toFixed(3), steal, others, report };
}

function repeat(n, args) {
  return Array.from({ length: n }, () => spawnTimed(args));
}

const results = [];
const targets = [];
const target = (name, limit, measured, unit, atMost = true) =>
  targets.push({ target: name, limit, measured, unit, met: measured === null ? null : atMost ? measured <= limit : measured >= limit });

function record(entry, reps) {
  const first = reps[0].report ?? {};
  const pick = (f) => stats(reps.map(f));
  const r = {
    ...entry,
    step: first.step,
    stepUsed: first.stepUsed,
    runs: first.runs,
    horizonMonths: first.horizonMonths,
    days: first.days,
    repeats: reps.length,
    processWallSeconds: pick((x) => x.wall),
    processCpuSeconds: pick((x) => x.cpu),
    simulateSeconds: pick((x) => x.report.simulateSeconds),
    summarySeconds: pick((x) => x.report.summarySeconds),
    nsPerPathDay: pick((x) => x.report.nsPerPathDay),
    stealSeconds: reps.map((x) => x.steal?.seconds ?? null),
    stealShare: reps.map((x) => x.steal?.share ?? null),
    otherLoadShare: reps.map((x) => x.others),
    peakRssMiB: Math.max(...reps.map((x) => x.report.peakRssMiB)),
  };
  results.push(r);
  const m = (s) => `${s.median.toFixed(3)} (IQR ${s.iqr.toFixed(3)})`;
  console.log(
    `${r.name.padEnd(22)} median of ${r.repeats}: process wall ${m(r.processWallSeconds)} s, CPU ${m(r.processCpuSeconds)} s; ` +
      `simulate ${m(r.simulateSeconds)} s, summaries ${r.summarySeconds.median.toFixed(3)} s; ` +
      `${r.nsPerPathDay.median} ns/path-day; peak RSS ${r.peakRssMiB} MiB; step ${r.stepUsed}; others' load ${r.otherLoadShare.join(", ")}`,
  );
  return r;
}

const workload = (name, mode, workers, fresh = false) => ["bench/workload.mjs", name, mode, String(workers), ...(fresh ? ["--fresh"] : [])];

if (groups.includes("W1")) {
  const single = record(
    { name: "W1 fresh, 1 thread", workload: "W1", mode: "single", workers: 1 },
    repeat(repeats(7), workload("W1", "single", 1, true)),
  );
  const parallel = record(
    { name: "W1 fresh, 2 workers", workload: "W1", mode: "parallel", workers: 2 },
    repeat(repeats(7), workload("W1", "parallel", 2, true)),
  );
  target("W1, default step, fresh process start to exit: CPU on one thread", 0.9, single.processCpuSeconds.median, "s");
  target(
    "W1, default step, fresh process start to exit: wall on 2 workers, their start-up included",
    0.5,
    parallel.processWallSeconds.median,
    "s",
  );
}

if (groups.includes("day")) {
  const day = record(
    { name: "W1 step day, 1 thread", workload: "W1-day", mode: "single", workers: 1 },
    repeat(repeats(5), workload("W1-day", "single", 1)),
  );
  target("day step (W1 with step day): wall of the simulation, summaries excluded, per path-day", 30, day.nsPerPathDay.median, "ns");
}

if (groups.includes("W2")) {
  const single = record(
    { name: "W2, 1 thread", workload: "W2", mode: "single", workers: 1 },
    repeat(repeats(5), workload("W2", "single", 1)),
  );
  const parallel = record(
    { name: "W2, 2 workers (warm)", workload: "W2", mode: "parallel", workers: 2 },
    repeat(repeats(5), workload("W2", "parallel", 2)),
  );
  const speedup = +(single.simulateSeconds.median / parallel.simulateSeconds.median).toFixed(2);
  target("W2: 2 workers over one (simulation wall, warm pool)", 1.8, speedup, "×", false);
  const share = parallel.stealShare.filter((v) => v !== null);
  targets.at(-1).stealDuring2Workers = {
    seconds: parallel.stealSeconds,
    share,
    medianShare: share.length ? stats(share).median : null,
    otherLoadShare: parallel.otherLoadShare,
    note: "the machine's steal time (/proc/stat) while each 2-worker run ran, and the share of all cores busy with other processes meanwhile; the second core of these machines is shared",
  };
}

if (groups.includes("RSS")) {
  // Peak RSS is a maximum, not a timing: one repetition each by default (BENCH_RSS_REPEATS), so
  // the 1M-run workloads (≈ 1.5 min each here) keep the bench short. Serial and on 2 workers.
  const rssRepeats = Number(process.env.BENCH_RSS_REPEATS ?? 1);
  for (const [mode, workers, label] of [
    ["single", 1, "1 thread"],
    ["parallel", 2, "2 workers"],
  ]) {
    const small = record(
      { name: `RSS 100k runs, ${label}`, workload: "RSS-100k", mode, workers },
      repeat(rssRepeats, workload("RSS-100k", mode, workers, true)),
    );
    const large = record(
      { name: `RSS 1M runs, ${label}`, workload: "RSS-1M", mode, workers },
      repeat(rssRepeats, workload("RSS-1M", mode, workers, true)),
    );
    target(
      `peak RSS at 1,000,000 runs ÷ at 100,000 runs (× 120 months), ${label}`,
      1.3,
      +(large.peakRssMiB / small.peakRssMiB).toFixed(3),
      "×",
    );
    target(`peak RSS at 1,000,000 runs × 120 months, ${label}`, 300, large.peakRssMiB, "MiB");
  }
}

if (groups.includes("start")) {
  const reps = repeat(repeats(5), ["dist/node/cli.js", "report"]);
  const wall = stats(reps.map((x) => x.wall));
  results.push({ name: "npm start (report)", command: "node dist/node/cli.js report", repeats: reps.length, processWallSeconds: wall });
  console.log(`npm start (report)     median of ${reps.length}: wall ${wall.median.toFixed(3)} s (IQR ${wall.iqr.toFixed(3)})`);
  target("npm start (the report) after the build: wall", 10, wall.median, "s");
}

for (const t of targets)
  console.log(`${t.met ? "met   " : t.met === false ? "NOT met" : "n/a   "} ${t.target}: ${t.measured} ${t.unit} (limit ${t.limit})`);
const machine = {
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(totalmem() / 1024 ** 3),
  node: process.version,
};
const file = process.env.BENCH_OUT ?? "bench/results.json";
const measuredOn = new Date().toISOString().slice(0, 10);
for (const entry of [...results, ...targets]) entry.measuredOn = measuredOn;
// BENCH_ONLY measures some groups: the file keeps the other groups' entries from its last
// full or partial run (each says when it was measured), in their order, instead of losing them.
const kept = process.env.BENCH_ONLY && !quick ? previousRun(file) : undefined;
const merged = kept
  ? {
      results: mergeByKey(kept.results, results, "name"),
      targets: mergeByKey(kept.targets, targets, "target"),
    }
  : { results, targets };
writeFileSync(file, JSON.stringify({ machine, quick, targets: merged.targets, results: merged.results }, null, 2) + "\n");
console.log(`wrote ${file}`);
