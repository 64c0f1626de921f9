// Fit the regime, seasonal, noise and attrition-level parameters to the observed series
// 2023-01…2025-06 by ABC-SMC (src/analysis/calibrate.ts) and write docs/calibration-abc.md, with its
// summary in docs/calibration-abc.json (which docs/calibration.md, the state-space posterior's page, compares against).
//
//   npx tsx scripts/fit-regimes.ts            # the full fit (≈ 1–3 minutes on 2 cores)
//   npx tsx scripts/fit-regimes.ts --quick    # small settings, for a smoke run (does not write the doc)
//
// Seeded: the same settings write the same document.

import { writeFileSync } from "node:fs";
import { calibrate, type Calibration } from "../src/analysis/calibrate.js";
import { DEFAULT_CALIBRATED_PARAMETERS, hindcastScenario, observationsFromSeries } from "../src/analysis/observations.js";
import { claimedLossesMonthly, occupiedAreaMonthly } from "../src/data/index.js";
import { monthlyPaths } from "../src/analysis/predictive.js";
import { parseScenario, simulateSync } from "../src/index.js";
import { median, quantile } from "../src/scenario/distribution-math.js";
import { listParameters } from "../src/engine/parameters.js";

const quick = process.argv.includes("--quick");
const SETTINGS = quick
  ? { particles: 300, generations: 4, maxMoves: 10, minAcceptance: 0.01, seed: 1, predictiveRuns: 1000 }
  : { particles: 2000, generations: 12, maxMoves: 40, minAcceptance: 0.005, seed: 1, predictiveRuns: 4000 };
const WINDOW = { from: "2023-01", to: "2025-06" };

const started = Date.now();
const series = { occupiedArea: occupiedAreaMonthly, claimedLosses: claimedLossesMonthly };
const observations = observationsFromSeries(series, WINDOW);
const scenario = hindcastScenario(observations);
const log = (text: string) => process.stderr.write(`${text}\n`);
log(`fit-regimes: ${observations.months.length} months, ${DEFAULT_CALIBRATED_PARAMETERS.length} parameters, ${JSON.stringify(SETTINGS)}`);
const fit = calibrate(scenario, observations, {
  ...SETTINGS,
  parameters: DEFAULT_CALIBRATED_PARAMETERS,
  onGeneration: (g) =>
    log(
      `  generation ${g.generation}: ε ${g.epsilon.toFixed(3)}, ${g.proposals} proposals, acceptance ${(100 * g.acceptanceRate).toFixed(1)}%, ESS ${g.ess.toFixed(0)}`,
    ),
});

// A synthetic check of the method: data simulated from known values, fitted the same way.
const truth: Record<string, number> = {
  "regimes.offensiveToStalematePerMonth": 0.03,
  "regimes.stalemateToOffensivePerMonth": 0.06,
  "regimes.stalemateIntensity": 0.6,
  "territory.stalemateMeanKm2PerMonth": 40,
  "territory.stalemateSdKm2PerMonth": 150,
  "territory.offensivePaceKm2PerMonth": 350,
  "territory.offensiveNoiseSd": 0.3,
  "intensity.seasonalAmplitude": 0.15,
  "intensity.seasonalPeakMonth": 7,
  "intensity.noiseSd": 0.15,
  "intensity.noiseAutocorrelation": 0.6,
  "attrition.russiaLossesPerMonth": 35_000,
  "territory.forceRatioExponent": 1.5,
  "attrition.russiaOnOwnExponent": 0.5,
  "attrition.claimsBias": 1.05,
};
function syntheticCheck(): { fit: Calibration; months: number } {
  const input = structuredClone(scenario) as Record<string, unknown>;
  for (const [path, value] of Object.entries(truth)) {
    const keys = path.split(".");
    let node = input as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys.at(-1)!] = { value, provenance: { source: "user", note: "synthetic truth" } };
  }
  const runs = 64;
  const p = simulateSync(input, {
    runs,
    seed: 99,
    horizonMonths: observations.months.length,
    step: "month",
    keepPaths: true,
    thresholds: [],
  });
  const m = monthlyPaths(p.paths!);
  // The first path with exactly one switch, stalemate → offensive, like the data.
  const regime = p.paths!.accounting!.regime;
  const n = observations.months.length;
  let pick = 0;
  for (let i = 0; i < runs; i += 1) {
    let switches = 0;
    for (let t = 1; t < n; t += 1) if (regime[t * runs + i] !== regime[(t - 1) * runs + i]) switches += 1;
    if (switches === 1 && regime[(n - 1) * runs + i] === 0) {
      pick = i;
      break;
    }
  }
  const synthetic = {
    ...observations,
    occupiedChangeKm2: observations.months.map((_, t) => m.occupiedChangeKm2[t * runs + pick]!),
    claimedLosses: observations.months.map((_, t) => m.claimedLosses[t * runs + pick]!),
  };
  return {
    fit: calibrate(hindcastScenario(synthetic), synthetic, { ...SETTINGS, parameters: DEFAULT_CALIBRATED_PARAMETERS, predictiveRuns: 0 }),
    months: n,
  };
}
log("synthetic check…");
const synthetic = syntheticCheck();
const seconds = (Date.now() - started) / 1000;

// ---- formatting ----------------------------------------------------------------------------------
const baseline = new Map(listParameters(parseScenario("article")).map((s) => [s.path, s.spec]));
const sig = (v: number, digits = 3) =>
  Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : Number(v.toPrecision(digits)).toString();
const pct = (v: number) => `${(100 * v).toFixed(0)}%`;
const monthName = (m: number) =>
  ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(((Math.round(m) - 1) % 12) + 12) % 12]!;
const wrapMonth = (m: number) => ((((m - 1) % 12) + 12) % 12) + 1;
const column = (path: string) => fit.posterior.draws.map((row) => row[fit.posterior.parameters.indexOf(path)]!);
const meanOf = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
const varOf = (x: number[]) => {
  const m = meanOf(x);
  return x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
};
const q = (x: number[], p: number) => {
  const s = [...x].sort((a, b) => a - b);
  const h = (s.length - 1) * p,
    lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[Math.min(s.length - 1, lo + 1)] ?? s[lo]!) - s[lo]!);
};
function describeBaseline(path: string): string {
  const spec = baseline.get(path);
  if (!spec) return "—";
  if (spec.dist === "fixed") return sig(spec.value);
  return `${sig(median(spec))} [${sig(quantile(spec, 0.05))}–${sig(quantile(spec, 0.95))}]`;
}
function betaFor(x: number[]): string {
  const m = meanOf(x),
    v = varOf(x);
  const k = (m * (1 - m)) / v - 1;
  return `Beta(${(m * k).toFixed(2)}, ${((1 - m) * k).toFixed(2)})`;
}

const d = fit.diagnostics;
const paramRows = d.parameters.map((p) => {
  const post = p.circular
    ? `${monthName(p.posterior.p50)} (${sig(wrapMonth(p.posterior.p50))}) [${monthName(p.posterior.p05)}–${monthName(p.posterior.p95)}]`
    : `${sig(p.posterior.p50)} [${sig(p.posterior.p05)}–${sig(p.posterior.p95)}]`;
  return `| \`${p.path}\` | ${sig(p.prior.p05)}–${sig(p.prior.p95)} | ${post} | ${p.widthRatio.toFixed(2)} | ${p.verdict} | ${describeBaseline(p.path)} |`;
});
const genRows = d.generations.map(
  (g) =>
    `| ${g.generation} | ${Number.isFinite(g.epsilon) ? g.epsilon.toFixed(3) : "∞"} | ${g.moves} | ${g.proposals.toLocaleString("en-US")} | ${g.accepted.toLocaleString("en-US")} | ${(100 * g.acceptanceRate).toFixed(1)}% | ${g.ess.toFixed(0)} |`,
);

const pOS = column("regimes.offensiveToStalematePerMonth"),
  pSO = column("regimes.stalemateToOffensivePerMonth");
const amp = column("intensity.seasonalAmplitude"),
  peak = column("intensity.seasonalPeakMonth").map(wrapMonth);
const inSummer = peak.filter((m) => m >= 5 && m < 10).length / peak.length;
const inWinter = peak.filter((m) => m >= 11 || m < 3).length / peak.length;
const lambda = column("attrition.russiaLossesPerMonth"),
  bias = column("attrition.claimsBias");
const claimed = lambda.map((l, i) => l * bias[i]!);
const stalMean = column("territory.stalemateMeanKm2PerMonth"),
  stalSd = column("territory.stalemateSdKm2PerMonth");
const noiseSd = column("intensity.noiseSd"),
  noiseAr = column("intensity.noiseAutocorrelation"),
  offNoise = column("territory.offensiveNoiseSd");
const stalInt = column("regimes.stalemateIntensity");
const band = (x: number[], digits = 3) => `${sig(q(x, 0.5), digits)} [${sig(q(x, 0.05), digits)}–${sig(q(x, 0.95), digits)}]`;

const pred = d.predictive!;
const predRows = pred.months.map((m, k) => {
  const a = pred.occupiedChangeKm2,
    c = pred.claimedLosses;
  const mark = (obs: number | null, lo: number, hi: number) => (obs === null ? "" : obs < lo || obs > hi ? " **outside**" : "");
  return `| ${m} | ${sig(a.observed[k]!)} | ${sig(a.p50[k]!)} [${sig(a.p05[k]!)}…${sig(a.p95[k]!)}]${mark(a.observed[k]!, a.p05[k]!, a.p95[k]!)} | ${sig(c.observed[k]!)} | ${sig(c.p50[k]!)} [${sig(c.p05[k]!)}…${sig(c.p95[k]!)}]${mark(c.observed[k]!, c.p05[k]!, c.p95[k]!)} |`;
});
const outsideA = pred.months.filter((_, k) => {
  const o = pred.occupiedChangeKm2.observed[k]!;
  return o < pred.occupiedChangeKm2.p05[k]! || o > pred.occupiedChangeKm2.p95[k]!;
});
const outsideC = pred.months.filter((_, k) => {
  const o = pred.claimedLosses.observed[k]!;
  return o < pred.claimedLosses.p05[k]! || o > pred.claimedLosses.p95[k]!;
});
// Residual check: standardised by the band's half-width, and their lag-1 autocorrelation.
function residualAcf(b: typeof pred.claimedLosses, log: boolean): number {
  const f = (v: number) => (log ? Math.log(v) : v);
  const r = pred.months.map((_, k) => (f(b.observed[k]!) - f(b.p50[k]!)) / ((f(b.p95[k]!) - f(b.p05[k]!)) / 3.29));
  const m = meanOf(r);
  let num = 0,
    den = 0;
  r.forEach((v, k) => {
    den += (v - m) ** 2;
    if (k) num += (v - m) * (r[k - 1]! - m);
  });
  return num / den;
}
const statRows = d.statistics.labels.map((l, k) => `| ${l} | ${sig(d.statistics.observed[k]!)} | ${sig(d.statistics.scales[k]!)} |`);
const synthRows = synthetic.fit.diagnostics.parameters.map((p) => {
  const t = truth[p.path]!;
  const inside = p.circular
    ? Math.abs(((t - p.posterior.p50 + 18) % 12) - 6) <= (p.posterior.p95 - p.posterior.p05) / 2
    : t >= p.posterior.p05 && t <= p.posterior.p95;
  return {
    row: `| \`${p.path}\` | ${sig(t)} | ${p.circular ? `${sig(wrapMonth(p.posterior.p50))} [${sig(wrapMonth(p.posterior.p05))}…${sig(wrapMonth(p.posterior.p95))}]` : `${sig(p.posterior.p50)} [${sig(p.posterior.p05)}–${sig(p.posterior.p95)}]`} | ${p.widthRatio.toFixed(2)} | ${inside ? "yes" : "**no**"} |`,
    inside,
  };
});
const covered = synthRows.filter((r) => r.inside).length;

const doc = `<!-- GENERATED by scripts/fit-regimes.ts (npx tsx scripts/fit-regimes.ts) — do not edit by hand. -->
# Calibration to the observed series, 2023-01…2025-06

What the data say about the regime, seasonal, noise and attrition-level parameters of the model,
fitted by approximate Bayesian computation (ABC) to the monthly occupied-area change (ISW, The
Economist) and the monthly Russian losses claimed by Ukraine's General Staff, ${WINDOW.from}…${WINDOW.to}
(${observations.months.length} months of each). Seed ${SETTINGS.seed}, ${SETTINGS.particles.toLocaleString("en-US")} particles. The run takes a few minutes
on two cores and writes the same document every time.

**In one sentence** — ${d.summary}

## Method

- **Hindcast set-up** (\`hindcastScenario\`, src/analysis/observations.ts): the baseline started on
  ${WINDOW.from}-01 from the observed area (${sig(observations.initialOccupiedKm2)} km²), in the stalemate regime;
  Russia's force back-extrapolated from F6 (640k in June 2025) along F7's +5.7k/month (≈${sig(parseScenario(scenario).russia.initialForce.spec.dist === "fixed" ? (parseScenario(scenario).russia.initialForce.spec as { value: number }).value : NaN)} at the
  start — an assumption: no series of the force exists) so that force growth can carry a trend;
  no DPRK troops (≈2% of the force from Dec 2024); no ceasefire; month step. Every parameter not
  calibrated keeps its baseline prior and is integrated over, as are the regimes, the monthly
  noise and the events.
- **Priors** for the fitted values are wide and flat (\`CALIBRATION_PRIORS\`, in \`attrition-sim/advanced\`), deliberately not
  the baseline's ranges, which were read off the same data. \`attrition.claimsBias\` keeps the
  baseline prior (triangular 0.85/1.05/1.25, from F8 against the cumulative claim): claims enter
  through the observation model *claims = true losses × bias*, and the data alone cannot separate
  the bias from the loss level.
- **Free values**: ${DEFAULT_CALIBRATED_PARAMETERS.length} against ${2 * observations.months.length} monthly numbers (${observations.months.length} months × 2 series); the season
  is a smooth curve with two values (amplitude and peak month), not eleven free months.
- **Distance**: ${d.statistics.labels.length} summary statistics of the two monthly series (table below;
  src/analysis/summaries.ts), each scaled by its spread (1.4826 × MAD) across the previous
  generation's simulations (Prangle 2017). A month-by-month distance was tried first: with one
  regime switch in 30 months, its value mostly measured the luck of the switch timing and of 60
  noise draws, and the acceptance collapsed before any parameter narrowed.
- **Sampler**: replenishment ABC-SMC (Drovandi & Pettitt 2011): ${SETTINGS.particles.toLocaleString("en-US")} equally weighted particles in
  the prior's uniform space; each generation keeps the closer half, refills it with copies, and
  moves every particle by random-walk Metropolis–Hastings within the new tolerance (up to
  ${SETTINGS.maxMoves} sweeps, one simulation call of ${SETTINGS.particles.toLocaleString("en-US")} paths each); it stops after ${SETTINGS.generations}
  generations or when the move acceptance falls below ${(100 * SETTINGS.minAcceptance).toFixed(1)}%. Stopped: **${d.stopped}**.
  The peak month is circular (December is next to January).
- **Honest limits**: the tolerance cannot reach zero with a simulator this noisy, so the ABC
  posterior is wider than the exact posterior would be — it errs on the side of "the data say
  little". The synthetic check below shows how much a known truth is recovered.

| generation | ε | sweeps | proposals | accepted | acceptance | ESS (distinct) |
|---:|---:|---:|---:|---:|---:|---:|
${genRows.join("\n")}

Final: acceptance **${(100 * d.acceptanceRate).toFixed(2)}%**, effective sample size **${d.ess.toFixed(0)}** distinct
particles of ${SETTINGS.particles.toLocaleString("en-US")} (ESS = (Σ m)² / Σ m² over the multiplicities m of repeated particles).

## Fitted values

Posterior median [90% interval]; *width ratio* = posterior 90% width ÷ prior 90% width (below
0.5: the data inform it; 0.5–0.8: weakly; above 0.8: it stays an assumption). The last column is
the current baseline (median [5%–95%]) for comparison; note that the hindcast's pace and loss
level are at 2023's force ratio (x = 1 on ${WINDOW.from}-01), the baseline's at July 2025.

| parameter | prior 90% | posterior | width ratio | verdict | baseline now |
|---|---|---|---:|---|---|
${paramRows.join("\n")}

### Regimes

Offensive → stalemate ${band(pOS)} a month (mean spell ${sig(1 / meanOf(pOS), 2)} months at the
posterior mean); stalemate → offensive ${band(pSO)} (mean spell ${sig(1 / meanOf(pSO), 2)} months).
Moment-matched: ${betaFor(pOS)} and ${betaFor(pSO)}, against the baseline's Beta(1, 15) and
Beta(2, 16) (which counted one observed switch after 16 stalemate months and none in 14
offensive months). One switch in 30 months is little to go on: both rates stay wide.

Stalemate intensity (attrition in stalemate relative to the offensive): ${band(stalInt)}. The
stalemate draw: mean ${band(stalMean)} km²/month, sd ${band(stalSd)} km²/month (the baseline fixes
40.6 and 219.8, 2023's mean and sd).

### Season — the fit against F13

Amplitude ${band(amp)}; peak month: posterior probability **${pct(inSummer)}** for a peak in May–September
(F13's summer window) and **${pct(inWinter)}** for November–February. ${
  inWinter > 0.6
    ? "The data put the peak in winter: the fit wins over F13, as the baseline already assumes."
    : inSummer > 0.6
      ? "The data put the peak in summer, as F13 says — against the baseline's late-December peak."
      : "Once the regimes are in the model, the data cannot place the peak: the winter peaks of the claims (Dec 2023, Dec 2024) coincide with offensive phases, which the regime and the force trend already explain. Neither F13's summer window nor the baseline's late-December peak is supported with confidence; the amplitude is small."
}
(A fit of log claims on a seasonal curve and a trend alone, without regimes, puts the peak in late
December with amplitude ≈ 0.14 — the baseline's current values.)

### Noise scales

Monthly intensity noise sd of log ε ${band(noiseSd)}, autocorrelation ${band(noiseAr)}; offensive
territory noise sd of log εA ${band(offNoise)}.

### Attrition level and the observation model

True Russian-side losses per month at t0 (I = 1) ${band(lambda)}; claims bias ${band(bias)}; their
product, the claimed level, ${band(claimed)} a month — the product is what the claims measure:
the width ratio of the bias (${d.parameters.find((p) => p.path === "attrition.claimsBias")!.widthRatio.toFixed(2)}) shows that the series cannot tell
over-claiming from heavier losses; the bias stays an assumption resting on F8.

## Residual check: posterior predictive against the data

A fresh simulation of the calibrated hindcast (${pred.runs.toLocaleString("en-US")} paths drawing whole rows of the joint
posterior, new noise and regimes). Coverage of the observed months: area change ${pct(pred.occupiedChangeKm2.coverage50)} in the
50% band, ${pct(pred.occupiedChangeKm2.coverage90)} in the 90% band; claims ${pct(pred.claimedLosses.coverage50)} and ${pct(pred.claimedLosses.coverage90)}.
Outside the 90% band: area ${outsideA.length ? outsideA.join(", ") : "none"}; claims ${outsideC.length ? outsideC.join(", ") : "none"}.
Lag-1 autocorrelation of the standardised residuals (observed − median, in band units): area
${residualAcf(pred.occupiedChangeKm2, false).toFixed(2)}, log claims ${residualAcf(pred.claimedLosses, true).toFixed(2)} — the data run in long
spells above or below the predictive median (a smooth ramp-up of the pace through 2024 and a
rise of the claims from 2023 to 2024), which the model explains only loosely with regimes and
force growth; the bands are wide because the regime path is re-drawn in every simulation.

| month | area change, km² | predictive median [90%] | claims | predictive median [90%] |
|---|---:|---|---:|---|
${predRows.join("\n")}

## The summary statistics

| statistic | observed | final scale |
|---|---:|---:|
${statRows.join("\n")}

## Synthetic check of the method

Data simulated from known values (one path with a single stalemate → offensive switch, like the
observed series), fitted with the same settings: **${covered} of ${synthRows.length}** true values lie inside the 90%
posterior interval (final acceptance ${(100 * synthetic.fit.diagnostics.acceptanceRate).toFixed(2)}%, ESS ${synthetic.fit.diagnostics.ess.toFixed(0)}).

| parameter | truth | posterior median [90%] | width ratio | truth inside |
|---|---:|---|---:|---|
${synthRows.map((r) => r.row).join("\n")}

## Using the posterior

\`\`\`ts
import { calibrate, hindcastScenario, observationsFromSeries, DEFAULT_CALIBRATED_PARAMETERS, applyPosterior, simulateSync } from "attrition-sim";
import { occupiedAreaMonthly, claimedLossesMonthly } from "attrition-sim/data";

const obs = observationsFromSeries({ occupiedArea: occupiedAreaMonthly, claimedLosses: claimedLossesMonthly }, { from: "2023-01", to: "2025-06" });
const fit = calibrate(hindcastScenario(obs), obs, { parameters: DEFAULT_CALIBRATED_PARAMETERS, particles: 2000, seed: 1 });
fit.diagnostics.summary;                                   // which parameters the data inform
simulateSync(fit.scenario, { runs: 4000, horizonMonths: 30, step: "month" }); // the posterior predictive
\`\`\`

\`fit.posterior\` is \`{ kind: "posterior", parameters, draws }\`: each simulated path takes one whole
row, so correlations between parameters survive. \`applyPosterior(scenario, posterior)\` attaches
it to another scenario (each calibrated parameter's prior becomes a uniform over its draws, with
provenance \`calibration\`). Mind what the hindcast's values mean before moving them to a scenario
that starts elsewhere: pace and loss level are relative to the force ratio at the start.
`;

if (quick) {
  log(doc.slice(0, 3000));
} else {
  writeFileSync(new URL("../docs/calibration-abc.md", import.meta.url), doc);
  log(`wrote docs/calibration-abc.md (${seconds.toFixed(0)} s)`);
}
const summaryJson = JSON.stringify(
  {
    acceptanceRate: d.acceptanceRate,
    ess: d.ess,
    stopped: d.stopped,
    summary: d.summary,
    proposals: { offensiveToStalemate: betaFor(pOS), stalemateToOffensive: betaFor(pSO) },
    parameters: d.parameters.map((p) => ({
      path: p.path,
      p05: p.posterior.p05,
      p50: p.posterior.p50,
      p95: p.posterior.p95,
      mean: p.posterior.mean,
      sd: p.posterior.sd,
      widthRatio: p.widthRatio,
    })),
    claimedLevel: { p05: q(claimed, 0.05), p50: q(claimed, 0.5), p95: q(claimed, 0.95) },
    season: { inSummer, inWinter },
    predictive: {
      area: [pred.occupiedChangeKm2.coverage50, pred.occupiedChangeKm2.coverage90],
      claims: [pred.claimedLosses.coverage50, pred.claimedLosses.coverage90],
    },
    synthetic: { covered, of: synthRows.length },
  },
  null,
  1,
);
// No timing in the file: the same code and data give the same bytes.
if (!quick) writeFileSync(new URL("../docs/calibration-abc.json", import.meta.url), `${summaryJson}\n`);
console.log(summaryJson, `\n${seconds.toFixed(0)} s`);
