// `npm run fit`: the state-space model's parameters by tempered SMC with pseudo-marginal moves
// (SMC², src/analysis/inference-smc.ts; issue 14 item 4) on the shipped 2023-01 … 2025-06 ISW area
// and General Staff claims; writes docs/fit.md and, when converged, the posterior's draws to
// data/posterior-2025-06.json (no timings in it: the same code and data give the same bytes).
//
// Two independent runs (seeds 1 and 2), side by side, spreading their likelihood batches over two
// worker processes (scripts/fit-pool.ts); the last stage stops once the rule below holds. The SMC counterpart of the MCMC rule R̂ ≤ 1.05
// and bulk ESS ≥ 200: each run's final population, in ancestral order (systematic resampling keeps
// a particle's copies side by side, so shared ancestry shows as autocorrelation), is treated as a
// chain — R̂ then compares the runs, and bulk ESS counts the population's distinct information.
//
//   npm run fit               # 2 runs × 500 θ particles, 100 filter particles each (sd(log L̂) ≈ 1.2)
//   npm run fit -- --quick    # 2 runs × 40 θ particles; prints, writes nothing
//   npm run fit -- --deepstate  # the same fit with DeepState's area weighed too: writes only
//                             # data/unshipped/posterior-deepstate-2025-06.json (never shipped),
//                             # which docs/calibration.md reports
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parametersOf } from "../src/analysis/bounded-prior.js";
import { temperedSmc, type SmcResult } from "../src/analysis/inference-smc.js";
import { bulkEss, rHat } from "../src/analysis/mcmc-diagnostics.js";
import { warLogLikelihood } from "../src/analysis/war-particles.js";
import { listParameters } from "../src/engine/parameters.js";
import { median, quantile } from "../src/scenario/distribution-math.js";
import { parseScenario } from "../src/scenario/parse.js";
import { fitPool } from "./fit-pool.js";
import { FIT_FROM, FIT_PARAMETERS, FIT_TO, fitData, fitDataWithDeepState } from "./fit-settings.js";

const quick = process.argv.includes("--quick"),
  deepState = process.argv.includes("--deepstate");
export const SMC_SETTINGS = {
  runs: 2,
  thetaParticles: quick ? 40 : 500,
  filterParticles: 100,
  workers: 2,
  essShare: 0.5,
  minMoves: 2,
  maxMoves: 5,
  movedShare: 0.8,
  finalMoves: quick ? 14 : 90,
} as const;
const S = SMC_SETTINGS;
const started = Date.now();
const elapsed = () => (Date.now() - started) / 1000;
const log = (line: string) => process.stderr.write(`  ${line} (${elapsed().toFixed(0)} s)\n`);

const { observations, scenario } = deepState ? fitDataWithDeepState() : fitData();
const sources = deepState ? ["isw", "deepState", "claims"] : ["isw", "claims"];
const slots = listParameters(parseScenario(scenario));
const parameters = parametersOf(scenario, FIT_PARAMETERS);
const pool = fitPool(S.workers, S.filterParticles, deepState);
// The last stage stops once the runs agree: after every CHECK_EVERY moves from CHECK_FROM on, both
// runs wait for each other and the convergence rule is applied to their populations (the same
// decision for both), up to finalMoves. The runs go side by side on the shared pool (their
// batches interleave; every value is a function of its request, so the draws do not depend on it).
const CHECK_FROM = quick ? 4 : 30,
  CHECK_EVERY = quick ? 2 : 10;
const convergedDraws = (perRun: Record<string, number[]>[]) =>
  FIT_PARAMETERS.every((path) => {
    const chains = perRun.map((d) => d[path]!);
    return rHat(chains) <= 1.05 && bulkEss(chains) >= 200;
  });
/** Each check's waiting runs: their draws, and how to answer them. */
const waiting = new Map<number, { draws: Record<string, number[]>; answer: (stop: boolean) => void }[]>();
const convergenceChecks: { moves: number; converged: boolean }[] = [];
const finalStop = (moves: number, draws: () => Record<string, number[]>) => {
  if (moves < CHECK_FROM || (moves - CHECK_FROM) % CHECK_EVERY !== 0) return false;
  return new Promise<boolean>((answer) => {
    const here = waiting.get(moves) ?? [];
    here.push({ draws: draws(), answer });
    waiting.set(moves, here);
    if (here.length < S.runs) return;
    const converged = convergedDraws(here.map((w) => w.draws));
    convergenceChecks.push({ moves, converged });
    log(`after ${moves} final moves: ${converged ? "converged, stopping" : "not converged yet"}`);
    for (const w of here) w.answer(converged);
  });
};
const runs: SmcResult[] = await Promise.all(
  Array.from({ length: S.runs }, (_, k) =>
    temperedSmc({
      parameters,
      particles: S.thetaParticles,
      seed: k + 1,
      essShare: S.essShare,
      minMoves: S.minMoves,
      maxMoves: S.maxMoves,
      movedShare: S.movedShare,
      finalMoves: S.finalMoves,
      finalStop,
      logLikelihoods: pool.evaluate,
      onStage: (s) =>
        log(
          `run ${k + 1} stage ${s.stage}: φ ${s.temperature.toFixed(3)}, ESS ${s.ess.toFixed(0)}, ${s.moves} moves, acceptance ${s.acceptance.toFixed(2)}, moved ${s.moved.toFixed(2)}`,
        ),
    }),
  ),
);
pool.close();
const seconds = elapsed();

const sortedOf = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const q = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const rows = FIT_PARAMETERS.map((path) => {
  const perRun = runs.map((r) => r.draws[path]!);
  const all = sortedOf(perRun.flat());
  const prior = slots.find((s) => s.path === path)!.spec;
  return {
    path,
    rHat: rHat(perRun),
    ess: bulkEss(perRun),
    posterior: [q(all, 0.05), q(all, 0.5), q(all, 0.95)],
    prior: [quantile(prior, 0.05), median(prior), quantile(prior, 0.95)],
  };
});
const converged = rows.every((r) => r.rHat <= 1.05 && r.ess >= 200);

// sd(log L̂) at the posterior median, for the particle count (issue 14: ≤ 1.5).
const SEEDS = quick ? 3 : 8;
const posteriorMedian = Object.fromEntries(rows.map((r) => [r.path, r.posterior[1]!]));
function logLikelihoodAt(theta: Record<string, number>, particles: number) {
  const ll = warLogLikelihood(scenario, observations, particles, "fit-check");
  const values = Array.from({ length: SEEDS }, (_, k) => ll(theta, 500 + k));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, sd: Math.sqrt(values.reduce((a, x) => a + (x - mean) ** 2, 0) / (values.length - 1)) };
}
const checks = [100, 200, 500].map((n) => ({ n, ...logLikelihoodAt(posteriorMedian, n) }));
log("checks done");

const f = (x: number) => (Math.abs(x) >= 1000 ? x.toFixed(0) : String(Number(x.toPrecision(3))));
const minutes = (s: number) => (s < 60 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} minutes`);
const lines = [
  "# Fitting the state-space model by tempered SMC (SMC²)",
  "",
  "_Generated by `npm run fit` (scripts/fit-smc.ts); seeded: the same code and data give the same draws. The PMMH fit it replaces is kept in [fit-pmmh.md](fit-pmmh.md)._",
  "",
  `Density-tempered SMC with pseudo-marginal moves (\`src/analysis/inference-smc.ts\`: Duan & Fulop 2015; the SMC² family of Chopin, Jacob & Papaspiliopoulos 2013) on ${FIT_PARAMETERS.length} parameters of the filter's scenario (\`src/analysis/filter-priors.ts\`; the others at their prior medians), against ISW's monthly area change and the General Staff's monthly claims, ${FIT_FROM} … ${FIT_TO} (${observations.months.length} months). ${S.runs} independent runs × ${S.thetaParticles} θ particles, each θ's likelihood a guided particle filter of ${S.filterParticles} particles; each tempering step keeps ESS at ${S.essShare} of the population, then ${S.minMoves}–${S.maxMoves} random-walk moves until ${S.movedShare * 100}% of the particles have moved; at the last stage (φ = 1), whose population is the posterior, moves until the convergence rule below holds for the two runs together — checked after ${CHECK_FROM} moves and every ${CHECK_EVERY} after, at most ${S.finalMoves}.`,
  "",
  `**${converged ? "Converged" : "Not converged"}** by the SMC counterpart of the rule R̂ ≤ 1.05 and bulk ESS ≥ 200 for every parameter: each run's final population, in ancestral order, is one chain (copies of a particle sit side by side, so shared ancestry counts as autocorrelation), so R̂ compares the runs and bulk ESS counts the distinct draws.${converged ? "" : " The draws below describe where the runs went, not the posterior."} ${convergenceChecks.length ? `Checks after ${convergenceChecks.map((c) => `${c.moves} (${c.converged ? "converged" : "not yet"})`).join(", ")} final moves. ` : ""}Wall ${minutes(seconds)} on this machine's two cores, the runs side by side (issue 14's target: ≤ 10 minutes): ${runs.map((r, k) => `run ${k + 1} ${r.evaluations} filter runs, ${r.stages.at(-1)!.moves} final moves`).join("; ")}.`,
  "",
  "| parameter | prior 5% · 50% · 95% | posterior 5% · 50% · 95% | R̂ | bulk ESS |",
  "|---|---|---|---:|---:|",
  ...rows.map(
    (r) =>
      `| \`${r.path}\` | ${r.prior.map((x) => f(x)).join(" · ")} | ${r.posterior.map((x) => f(x)).join(" · ")} | ${r.rHat.toFixed(3)} | ${r.ess.toFixed(0)} |`,
  ),
  "",
  "## The runs",
  "",
  `The log marginal likelihood log p(y): ${runs.map((r, k) => `run ${k + 1} ${r.logEvidence.toFixed(2)}`).join(", ")}.`,
  "",
  "| run | stage | φ | ESS before resampling | moves | acceptance | share moved |",
  "|---:|---:|---:|---:|---:|---:|---:|",
  ...runs.flatMap((r, k) =>
    r.stages.map(
      (s) =>
        `| ${k + 1} | ${s.stage} | ${s.temperature.toFixed(3)} | ${s.ess.toFixed(0)} | ${s.moves} | ${s.acceptance.toFixed(2)} | ${s.moved.toFixed(2)} |`,
    ),
  ),
  "",
  "## The particle count",
  "",
  `The guided filter's log L̂ at the posterior median (${SEEDS} seeds): ${checks.map((c) => `${c.n} particles ${c.mean.toFixed(1)} (sd ${c.sd.toFixed(2)})`).join("; ")}. Issue 14 asks for sd ≤ 1.5 at the posterior median; a pseudo-marginal sampler works best near sd 1.2–1.7 (Doucet, Pitt, Deligiannidis & Kohn 2015, Biometrika 102:295), hence ${S.filterParticles}.`,
  "",
];
const text = `${lines.join("\n")}\n`;
/** The posterior file: every run's final population (equally weighted), with the fit's settings and diagnostics. */
const posterior = {
  format: "attrition-sim/posterior@1",
  generatedBy: `npm run fit${deepState ? " -- --deepstate" : ""} (scripts/fit-smc.ts)`,
  method: "density-tempered SMC with pseudo-marginal moves (src/analysis/inference-smc.ts)",
  from: FIT_FROM,
  through: FIT_TO,
  sources,
  converged,
  settings: S,
  note: "θ only: each row is one equally weighted draw of the parameters; the other parameters stay at the filter scenario's prior medians (scripts/posterior-state.ts adds each row's state at the last month)",
  diagnostics: Object.fromEntries(rows.map((r) => [r.path, { rHat: r.rHat, bulkEss: r.ess }])),
  logEvidence: runs.map((r) => r.logEvidence),
  parameters: FIT_PARAMETERS,
  draws: runs.flatMap((r) => r.draws[FIT_PARAMETERS[0]]!.map((_, i) => FIT_PARAMETERS.map((p) => r.draws[p]![i]!))),
  logLikelihoods: runs.flatMap((r) => r.logLikelihoods),
};
const posteriorFile = deepState ? "data/unshipped/posterior-deepstate-2025-06.json" : "data/posterior-2025-06.json";
if (quick) process.stdout.write(text);
else {
  if (!deepState) writeFileSync("docs/fit.md", text);
  else process.stdout.write(text);
  if (converged || deepState) writeFileSync(posteriorFile, `${JSON.stringify(posterior)}\n`);
  // Each draw's filtered state at the last month (scripts/posterior-state.ts), then the modules the
  // package ships (src/scenario/shipped-posterior*.ts, scripts/build-posterior.mjs) follow the file.
  if (converged && !deepState) execFileSync(process.execPath, ["--import", "tsx", "scripts/posterior-state.ts"], { stdio: "inherit" });
}
log(
  quick
    ? "printed: nothing written"
    : `${deepState ? "" : "docs/fit.md written; "}${converged || deepState ? `${posteriorFile} written` : "not converged: no posterior written"}`,
);
