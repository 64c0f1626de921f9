// Rolling-origin league table (issue 13): `npm run backtest` writes docs/backtest.md, the PIT
// histograms docs/backtest-pit-model.svg and docs/backtest-pit-bootstrap.svg, and the table as
// docs/backtest.csv.
//
// At every origin 2023-07 … 2025-05 the model is calibrated on 2023-01 … origin only (ABC-SMC,
// BACKTEST_CALIBRATION) and each baseline reads the series up to the origin only; forecasts 1,
// 3, 6 and 12 months ahead of the ISW area, the General Staff claims and The Economist's
// casualty estimate are scored where the target month is observed. Seeded: the same code and
// data write the same files (the runtime line aside). Progress goes to stderr.
//
//   npm run backtest              # the full run, with a 1,000-particle check (about 3½ minutes on 2 cores)
//   npm run backtest -- --quick   # 4 origins, 100 particles; prints the table, writes nothing
//   npm run backtest -- --particles 4000   # the full run with another population; writes nothing

import { writeFileSync } from "node:fs";
import { dieboldMariano } from "../src/analysis/diebold-mariano.js";
import { LEAGUE_SERIES_INFO, SHIPPED_LEAGUE_DATA, type LeagueSeries } from "../src/analysis/league-data.js";
import { BACKTEST_CALIBRATION, baselineForecasters, calibratedHindcastForecaster } from "../src/analysis/league-forecasters.js";
import { defaultLeagueOrigins, runLeague } from "../src/analysis/league.js";
import { DEFAULT_CALIBRATED_PARAMETERS } from "../src/analysis/observations.js";
import { createStream } from "../src/engine/rng.js";
import { normalQuantile } from "../src/util/special-functions.js";
import { backtestToCsv } from "../src/output/backtest-csv.js";
import {
  formatBacktestTable,
  formatHorizon,
  formatP,
  formatPValue,
  formatRatio,
  formatScore,
  formatShare,
} from "../src/output/backtest-format.js";
import { backtestToJson, type BacktestComparisonJson, type BacktestJson } from "../src/output/backtest-json.js";
import { backtestPitSvg } from "../src/output/backtest-svg.js";

const quick = process.argv.includes("--quick");
// --particles N: another population size (prints the table, writes nothing: docs keep BACKTEST_CALIBRATION).
const particlesAt = process.argv.indexOf("--particles");
const particles = particlesAt > 0 ? Number(process.argv[particlesAt + 1]) : undefined;
const write = !quick && particles === undefined;
const CALIBRATION = quick
  ? { ...BACKTEST_CALIBRATION, particles: 100, generations: 3 }
  : { ...BACKTEST_CALIBRATION, particles: particles ?? BACKTEST_CALIBRATION.particles };
const ORIGINS = quick ? ["2023-07", "2024-01", "2024-06", "2025-03"] : defaultLeagueOrigins(SHIPPED_LEAGUE_DATA);
const MODEL = "model (calibrated hindcast)";

const started = Date.now();
let lastOrigin = "";
const league = await runLeague(
  SHIPPED_LEAGUE_DATA,
  [calibratedHindcastForecaster({ calibration: CALIBRATION }), ...baselineForecasters()],
  {
    origins: ORIGINS,
    onProgress: (_, at) => {
      if (at.origin === lastOrigin) return;
      lastOrigin = at.origin;
      process.stderr.write(
        `  origin ${at.origin} (${ORIGINS.indexOf(at.origin) + 1}/${ORIGINS.length}) ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
      );
    },
  },
);
const json = backtestToJson(league, SHIPPED_LEAGUE_DATA);

// Monte Carlo check: the same league with a quarter of the particles. The baselines and the PIT
// draws are the same (same seed); only the model's calibration changes.
const CHECK_PARTICLES = 1000;
let check: BacktestJson | undefined;
if (write) {
  process.stderr.write(`  Monte Carlo check: the model with ${CHECK_PARTICLES} particles\n`);
  const again = await runLeague(
    SHIPPED_LEAGUE_DATA,
    [calibratedHindcastForecaster({ calibration: { ...CALIBRATION, particles: CHECK_PARTICLES } }), ...baselineForecasters()],
    { origins: ORIGINS },
  );
  check = backtestToJson(again, SHIPPED_LEAGUE_DATA);
}
const seconds = (Date.now() - started) / 1000;

// ---- the reading ---------------------------------------------------------------------------------
const SERIES = json.settings.series;
const name = (s: LeagueSeries) => `${LEAGUE_SERIES_INFO[s].label} (${LEAGUE_SERIES_INFO[s].unit})`;
const comparison = (s: LeagueSeries, h: number) => json.comparisons.find((c) => c.candidate === MODEL && c.series === s && c.horizon === h);
const modelRow = (s: LeagueSeries, h: number) => json.summary.find((r) => r.forecaster === MODEL && r.series === s && r.horizon === h)!;

/** How a comparison reads: who has the lower mean WIS, and whether the test calls it more than noise. */
function verdict(c: BacktestComparisonJson): {
  side: "wins" | "loses" | "ties";
  evidence: "clear" | "suggestive" | "noise" | "untestable";
} {
  // "ties" only when the two mean WIS agree to half a per cent.
  const side = c.relativeWis === null || Math.abs(c.relativeWis - 1) < 0.005 ? "ties" : c.relativeWis < 1 ? "wins" : "loses";
  const p = c.test.pValue;
  return { side, evidence: p === null ? "untestable" : p < 0.01 ? "clear" : p < 0.05 ? "suggestive" : "noise" };
}

/** Share of seeded MA(h − 1) score differences with equal accuracy that the test calls significant at 5%. */
const sizeCache = new Map<string, number>();
function testSize(n: number, h: number, trials = 4000): number {
  const key = `${n}:${h}`;
  if (sizeCache.has(key)) return sizeCache.get(key)!;
  const normal = createStream(1, "backtest", "dm-size", n, h);
  let rejected = 0;
  for (let r = 0; r < trials; r += 1) {
    const e = Array.from({ length: n + h - 1 }, () => normalQuantile(normal()));
    const d = Array.from({ length: n }, (_, t) => e.slice(t, t + h).reduce((a, b) => a + b, 0));
    const p = dieboldMariano(d, new Array(n).fill(0), h).pValue;
    if (p !== null && p < 0.05) rejected += 1;
  }
  sizeCache.set(key, rejected / trials);
  return rejected / trials;
}

/** The test's verdict in words, with the size of the test at this n and h. */
function evidence(c: BacktestComparisonJson): string {
  const p = c.test.pValue;
  if (p === null) return "no test is possible (too few independent windows)";
  const at = `DM ${formatP(p)}`;
  if (p < 0.01) return `${at}: more than noise`;
  if (p < 0.05)
    return `${at}: suggestive only (below 0.05, not below 0.01; at n = ${c.n}, h = ${c.horizon} the test's false-alarm rate at the 5% level is ${formatShare(testSize(c.n, c.horizon))})`;
  return `${at}: not distinguishable from noise`;
}

/** Coverage in words: the 50% band's width, the centre's side. */
function coverageWords(r: BacktestJson["summary"][number]): string {
  const width =
    r.coverage50 > 0.65
      ? "the 50% band too wide"
      : r.coverage50 < 0.35
        ? "the 50% band too narrow or off-centre"
        : "the 50% band about right";
  const centre =
    r.meanBias < -0.2
      ? `; mean bias ${r.meanBias.toFixed(2)}: observations mostly above the forecasts`
      : r.meanBias > 0.2
        ? `; mean bias ${r.meanBias.toFixed(2)}: observations mostly below the forecasts`
        : "";
  return `coverage ${formatShare(r.coverage50)} (50%) / ${formatShare(r.coverage90)} (90%), ${width}${centre}`;
}

/** The Monte Carlo check's p-value for the same cell when it reads differently, else "". */
function edgeNote(c: BacktestComparisonJson, k: BacktestJson | undefined): string {
  const d = k?.comparisons.find((x) => x.candidate === MODEL && x.series === c.series && x.horizon === c.horizon);
  return d && verdict(d).evidence !== verdict(c).evidence
    ? `; on the edge: with ${CHECK_PARTICLES.toLocaleString("en-US")} particles ${formatP(d.test.pValue)}`
    : "";
}

function headline(j: BacktestJson, k: BacktestJson | undefined): string {
  const lines = [
    "| series | horizon | origins | model mean WIS | best baseline | its mean WIS | **relative WIS** | model better at | DM p | model 50% / 90% coverage | reading |",
    "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const s of SERIES)
    for (const h of j.settings.horizons) {
      const c = comparison(s, h);
      if (!c) continue;
      const r = modelRow(s, h);
      const v = verdict(c);
      const side = v.side === "wins" ? "model better" : v.side === "loses" ? "baseline better" : "tie";
      const read = { clear: "more than noise", suggestive: "weak evidence", noise: "within noise", untestable: "no test possible" }[
        v.evidence
      ];
      lines.push(
        `| ${LEAGUE_SERIES_INFO[s].label} | ${formatHorizon(h)} | ${c.n} | ${formatScore(c.candidateWis)} | ${c.bestBaseline} | ${formatScore(c.baselineWis)} | **${formatRatio(c.relativeWis)}** | ${c.wins} of ${c.n} | ${formatPValue(c.test.pValue)} | ${formatShare(r.coverage50)} / ${formatShare(r.coverage90)} | ${side}; ${read}${edgeNote(c, k) ? " (on the edge)" : ""} |`,
      );
    }
  return lines.join("\n");
}

function fullTable(j: BacktestJson, s: LeagueSeries): string {
  const lines = [
    "| horizon | forecaster | n | mean WIS | (dispersion / over / under) | relative WIS | mean CRPS | 50% | 90% | mean bias | PIT χ² p |",
    "|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const h of j.settings.horizons)
    for (const r of j.summary.filter((x) => x.series === s && x.horizon === h)) {
      const f = r.forecaster === MODEL ? `**${r.forecaster}**` : r.forecaster;
      const part = (v: number) => (v < 0.05 ? "0" : formatScore(v));
      lines.push(
        `| ${formatHorizon(h)} | ${f} | ${r.n} | ${formatScore(r.meanWis)} | ${part(r.dispersion)} / ${part(r.overprediction)} / ${part(r.underprediction)} | ${formatRatio(r.relativeWis)} | ${formatScore(r.meanCrps)} | ${formatShare(r.coverage50)} | ${formatShare(r.coverage90)} | ${r.meanBias.toFixed(2)} | ${formatPValue(r.pit.pValue)} |`,
      );
    }
  return lines.join("\n");
}

/** One paragraph over all series × horizons: wins, losses, and which of them the test supports. */
function overall(j: BacktestJson, k: BacktestJson | undefined): string {
  const all = j.comparisons.filter((c) => c.candidate === MODEL);
  // The same cell in the Monte Carlo check, when its p-value falls on the other side of 0.01 or 0.05.
  const edge = (c: BacktestComparisonJson) => edgeNote(c, k);
  const label = (c: BacktestComparisonJson) =>
    `${LEAGUE_SERIES_INFO[c.series].label} at ${formatHorizon(c.horizon)} (relative WIS ${formatRatio(c.relativeWis)}, ${formatP(c.test.pValue)}${edge(c)})`;
  const list = (cs: BacktestComparisonJson[]) => (cs.length ? cs.map(label).join("; ") : "none");
  const wins = all.filter((c) => verdict(c).side === "wins");
  const losses = all.filter((c) => verdict(c).side === "loses");
  const of = (cs: BacktestComparisonJson[], e: string) => cs.filter((c) => verdict(c).evidence === e);
  return [
    `Of the ${all.length} series × horizons, the model has the lower mean WIS than the best baseline in ${wins.length} and the higher in ${losses.length}.`,
    `Wins more than noise (p < 0.01): ${list(of(wins, "clear"))}. Wins with weak evidence (0.01 ≤ p < 0.05): ${list(of(wins, "suggestive"))}.`,
    `Losses more than noise: ${list(of(losses, "clear"))}. Losses with weak evidence: ${list(of(losses, "suggestive"))}.`,
    `Every other difference is within noise, except that ${of(all, "untestable").length} cannot be tested at all (too few origins for the horizon: ${
      of(all, "untestable")
        .map((c) => `${LEAGUE_SERIES_INFO[c.series].label} at ${formatHorizon(c.horizon)}`)
        .join(", ") || "none"
    }).`,
    `${all.length - of(all, "untestable").length} tests are made, so one p-value below 0.01 among them turns up by chance about ${formatShare(1 - 0.99 ** (all.length - of(all, "untestable").length))} of the time even if the model and the baselines were equally good.`,
    partsSentence(j, wins, losses),
    coverageSentence(all),
  ].join(" ");
}

/** The model's coverage and bias over all cells, in words that follow the counts. */
function coverageSentence(all: BacktestComparisonJson[]): string {
  const rows = all.map((c) => modelRow(c.series, c.horizon));
  const wide50 = rows.filter((r) => r.coverage50 > 0.65).length,
    wide90 = rows.filter((r) => r.coverage90 >= 0.95).length,
    low = rows.filter((r) => r.meanBias < 0).length;
  const width =
    wide50 + wide90 > rows.length
      ? "its bands are mostly wider than they need to be (a calibrated 90% band misses about 1 observation in 10)"
      : "its bands are not generally too wide";
  const centre =
    low > rows.length / 2
      ? "the observations tend to land above its median (it under-forecasts)"
      : low < rows.length / 2
        ? "the observations tend to land below its median"
        : "its median is not off to one side overall";
  return `The model's central 50% band holds more than 65% of the observations in ${wide50} of the ${rows.length} cells and its 90% band at least 95% in ${wide90}: ${width}; its mean bias is negative in ${low} of ${rows.length}: ${centre}.`;
}

/** Where the WIS comes from: the best baseline's under-prediction where the model wins, the model's dispersion where it loses. */
function partsSentence(j: BacktestJson, wins: BacktestComparisonJson[], losses: BacktestComparisonJson[]): string {
  const row = (name: string, c: BacktestComparisonJson) =>
    j.summary.find((r) => r.forecaster === name && r.series === c.series && r.horizon === c.horizon)!;
  const share = (cs: BacktestComparisonJson[], name: (c: BacktestComparisonJson) => string, part: "underprediction" | "dispersion") => {
    const rows = cs.map((c) => row(name(c), c));
    return rows.reduce((t, r) => t + r[part], 0) / rows.reduce((t, r) => t + r.meanWis, 0);
  };
  const out: string[] = [];
  const under = wins.length ? share(wins, (c) => c.bestBaseline, "underprediction") : 0;
  if (wins.length)
    out.push(
      `Where the model wins, ${formatShare(under)} of the best baselines' WIS is under-prediction${under > 0.5 ? " (observations above their bands: they carried on too little growth)" : ""}`,
    );
  if (losses.length)
    out.push(
      `where it loses, ${formatShare(share(losses, () => MODEL, "dispersion"))} of the model's WIS is dispersion (the width of its own bands)`,
    );
  const baselines = j.summary
    .filter((r) => r.role === "baseline" && r.forecaster !== "article pace")
    .map((r) => r.coverage90)
    .sort((a, b) => a - b);
  const median = baselines[Math.floor(baselines.length / 2)]!;
  return `${out.join("; ")}. The baselines' 90% coverage runs from ${formatShare(baselines[0]!)} to ${formatShare(baselines.at(-1)!)} (median ${formatShare(median)}; the article's pace is a point, 0%)${median < 0.8 ? ": their bands are mostly too narrow" : ""}.`;
}

function reading(j: BacktestJson, k: BacktestJson | undefined): string[] {
  const out: string[] = [overall(j, k), ""];
  for (const s of SERIES) {
    const cells = j.settings.horizons.map((h) => ({ h, c: comparison(s, h) })).filter((x) => x.c);
    const parts = cells.map(({ h, c }) => {
      const v = verdict(c!);
      const how =
        v.side === "wins"
          ? `the model's mean WIS is ${Math.round(100 * (1 - c!.relativeWis!))}% below`
          : v.side === "loses"
            ? `the model's mean WIS is ${Math.round(100 * (c!.relativeWis! - 1))}% above`
            : "the model ties with";
      return `${formatHorizon(h)}: ${how} the ${c!.bestBaseline}'s (relative WIS ${formatRatio(c!.relativeWis)}; lower at ${c!.wins} of ${c!.n} origins); ${evidence(c!)}; ${coverageWords(modelRow(s, h))}.`;
    });
    out.push(`- **${name(s)}** —`, ...parts.map((p) => `  - ${p}`));
  }
  return out;
}

function monteCarloCheck(j: BacktestJson, k: BacktestJson): string {
  const lines = [
    `| series | horizon | relative WIS, ${CALIBRATION.particles.toLocaleString("en-US")} particles | with ${CHECK_PARTICLES.toLocaleString("en-US")} | DM p, ${CALIBRATION.particles.toLocaleString("en-US")} | with ${CHECK_PARTICLES.toLocaleString("en-US")} |`,
    "|---|---:|---:|---:|---:|---:|",
  ];
  let largest = 0;
  for (const c of j.comparisons.filter((x) => x.candidate === MODEL)) {
    const d = k.comparisons.find((x) => x.candidate === MODEL && x.series === c.series && x.horizon === c.horizon)!;
    largest = Math.max(largest, Math.abs((c.relativeWis ?? 0) - (d.relativeWis ?? 0)));
    lines.push(
      `| ${LEAGUE_SERIES_INFO[c.series].label} | ${formatHorizon(c.horizon)} | ${formatRatio(c.relativeWis)} | ${formatRatio(d.relativeWis)}${d.bestBaseline === c.bestBaseline ? "" : ` (vs ${d.bestBaseline})`} | ${formatPValue(c.test.pValue)} | ${formatPValue(d.test.pValue)} |`,
    );
  }
  return `${lines.join("\n")}\n\nThe largest change of a relative WIS is ${largest.toFixed(2)}. Monte Carlo noise shrinks as 1/√particles, so at\n${CALIBRATION.particles.toLocaleString("en-US")} particles it is about half the gap shown: read relative WIS to ±0.05 and p-values near a threshold\nas on the threshold.`;
}

/** "the area: better at 3, 6, 12 months (clearly at 6), worse at 1" — from the numbers. */
function shortly(j: BacktestJson, s: LeagueSeries): string {
  const cells = j.settings.horizons.map((h) => comparison(s, h)).filter((c): c is BacktestComparisonJson => c !== undefined);
  const months = (cs: BacktestComparisonJson[]) =>
    `${cs.map((c) => c.horizon).join(", ")} month${cs.length === 1 && cs[0]!.horizon === 1 ? "" : "s"}`;
  const part = (side: "wins" | "loses", word: string) => {
    const cs = cells.filter((c) => verdict(c).side === side);
    if (!cs.length) return "";
    const clear = cs.filter((c) => verdict(c).evidence === "clear");
    return `${word} at ${months(cs)}${clear.length ? ` (more than noise only at ${months(clear)})` : " (none of it shown to be more than noise)"}`;
  };
  return `${LEAGUE_SERIES_INFO[s].label}: the model is ${[part("wins", "better"), part("loses", "worse")].filter(Boolean).join(", ")}`;
}

/** One line per series: relative WIS, coverage and p at each horizon. */
function closing(j: BacktestJson): string {
  return (
    SERIES.map((s) => {
      const cells = j.settings.horizons.flatMap((h) => {
        const c = comparison(s, h);
        if (!c) return [];
        const r = modelRow(s, h);
        return [
          `${formatHorizon(h)} ${formatRatio(c.relativeWis)} vs ${c.bestBaseline} (coverage ${formatShare(r.coverage50)} / ${formatShare(r.coverage90)}, ${c.test.pValue === null ? "no test" : formatP(c.test.pValue)})`,
        ];
      });
      return `- **${LEAGUE_SERIES_INFO[s].label}**: ${cells.join("; ")}.`;
    }).join("\n") + `\n\nIn short: ${SERIES.map((s) => shortly(j, s)).join("; ")}.`
  );
}

function perOrigin(j: BacktestJson, h: number): string {
  const lines = ["| origin | series | observed | model median [90%] | model WIS | best baseline's WIS |", "|---|---|---:|---|---:|---:|"];
  for (const origin of j.settings.origins)
    for (const s of SERIES) {
      const m = j.scores.find((x) => x.forecaster === MODEL && x.series === s && x.origin === origin && x.horizon === h);
      const c = comparison(s, h);
      const b = c && j.scores.find((x) => x.forecaster === c.bestBaseline && x.series === s && x.origin === origin && x.horizon === h);
      if (!m || !b) continue;
      lines.push(
        `| ${origin} | ${LEAGUE_SERIES_INFO[s].label} | ${formatScore(m.observed)} | ${formatScore(m.p50)} [${formatScore(m.p05)}…${formatScore(m.p95)}]${m.in90 ? "" : " (miss)"} | ${formatScore(m.wis)}${m.wis > b.wis ? " ✗" : ""} | ${formatScore(b.wis)} |`,
      );
    }
  return lines.join("\n");
}

const calibrations = json.diagnostics.filter((d) => d.forecaster === MODEL);
const calTable = [
  "| origin | months fitted | generations | stopped | final acceptance | ESS |",
  "|---|---:|---:|---|---:|---:|",
  ...calibrations.map(
    (d) =>
      `| ${d.origin} | ${d.values.monthsFitted} | ${d.values.generations} | ${d.values.stopped} | ${(100 * Number(d.values.acceptanceRate)).toFixed(1)}% | ${Number(d.values.ess).toFixed(0)} |`,
  ),
].join("\n");
const sizes = [...new Set(json.comparisons.filter((c) => c.test.pValue !== null).map((c) => `${c.n}:${c.horizon}`))].map(
  (k) => k.split(":").map(Number) as [number, number],
);
const sizeTable = [
  "| origins n | horizon h | share of p < 0.05 under the null |",
  "|---:|---:|---:|",
  ...sizes.map(([n, h]) => `| ${n} | ${formatHorizon(h)} | ${formatShare(testSize(n, h))} |`),
].join("\n");
const minutes = Math.max(1, Math.round(seconds / 60));

const doc = `<!-- GENERATED by scripts/backtest.ts (npm run backtest) — do not edit by hand. -->
# Rolling-origin backtest: the model against naive baselines

At every origin month from ${ORIGINS[0]} to ${ORIGINS.at(-1)} (${ORIGINS.length} origins: the last one that leaves an observed
month, the data ending in 2025-06), every forecaster sees the data up to the origin only and
forecasts each series' month-end value ${json.settings.horizons.join(", ")} months ahead; every forecast whose target month is
observed is scored. This is the yardstick of DESIGN §6: a model change stays if it moves this
table. Reproduce with \`npm run backtest\` (or \`attrition-sim backtest\`, same settings; \`--format
json\` gives every score as \`attrition-sim/backtest@1\`). The league table is also in
[backtest.csv](backtest.csv).

**Series** (month-end values):
${SERIES.map((s) => `- **${name(s)}**: ${LEAGUE_SERIES_INFO[s].description}.`).join("\n")}

**Forecasters**:
- **${MODEL}** — at each origin, ABC-SMC calibration of ${DEFAULT_CALIBRATED_PARAMETERS.length} parameters (regimes, season, noise, attrition
  level, claims bias, offensive pace, force-ratio exponents; docs/calibration-abc.md) on the monthly area
  changes and claims from 2023-01 to the origin, with ${CALIBRATION.particles.toLocaleString("en-US")} particles, at most ${CALIBRATION.generations} generations of up to
  ${CALIBRATION.maxMoves} MCMC sweeps, stopping below ${100 * CALIBRATION.minAcceptance}% move acceptance, seed ${CALIBRATION.seed}, month step. Each accepted path
  is continued past the origin (parameters, regime, noise and forces as they stood), one draw per
  particle, added to the observed value at the origin: the **area** directly; the **claims** through
  the model's observation model, (ΔLR + ΔLK) × claimsBias; **The Economist's casualties** as the
  model's true Russian-side losses ΔLR + ΔLK read as killed + wounded (the model's losses also count
  the captured and missing, a few per cent; the hindcast has no DPRK troops). The calibration never
  sees the Economist series.
${json.forecasters
  .filter((f) => f.role === "baseline")
  .map((f) => `- **${f.name}** — ${f.description} (src/analysis/baselines*.ts).`)
  .join("\n")}

**Scores** (src/analysis/scoring.ts): the weighted interval score (WIS; Bracher et al. 2021) on the
COVID-19 Forecast Hub's 23 quantile levels taken from the samples, with its dispersion /
over- / under-prediction parts; the CRPS of the samples; the share of observations inside the
central 50% and 90% intervals (calibrated: ≈ 50% and ≈ 90%); the randomised PIT with its
histogram (${json.settings.pitBins} bins) and Pearson's χ² test of flatness; the mean bias 1 − 2F(y) (positive: forecasts too
high). Lower WIS and CRPS are better, in the series' unit. **Relative WIS** = a forecaster's mean WIS
÷ the best baseline's, the best baseline being the one with the lowest mean WIS for that series ×
horizon over the same origins (so the best baseline scores 1.00).

**Is a difference more than noise?** The paired test is Diebold–Mariano on the per-origin WIS
differences, model − best baseline, with a Newey–West (Bartlett) long-run variance with lag h − 1
(h-month forecasts from consecutive monthly origins share h − 1 months), the Harvey–Leybourne–
Newbold small-sample factor and Student's t with n − 1 degrees of freedom (R's
\`forecast::dm.test(h, varestimator = "bartlett")\`; src/analysis/diebold-mariano.ts). At these sample
sizes the test is too liberal: simulated WIS differences with equal accuracy and the MA(h − 1)
dependence of overlapping forecasts come out "significant at 5%" this often (4,000 seeded trials
each):

${sizeTable}

So p < 0.05 is weak evidence here; p < 0.01 is needed before calling a difference real. Where the
horizon is as long as the run of origins (n < h, or n + 1 − 2h + h(h − 1)/n ≤ 0 — here ${[...new Set(json.comparisons.filter((c) => c.test.pValue === null).map((c) => `${formatHorizon(c.horizon)} with n = ${c.n}`))].join(", ") || "nowhere"}) no
test is possible: the window holds about one independent h-month outcome.

## The model against the best baseline

${headline(json, check)}

"Model better at": origins where its WIS was lower. Reading: "more than noise" p < 0.01, "weak evidence"
0.01 ≤ p < 0.05, "within noise" p ≥ 0.05; "(on the edge)": the ${CHECK_PARTICLES.toLocaleString("en-US")}-particle run of the Monte Carlo
check below falls on the other side of a threshold.

![PIT histograms of the model, with each panel's best baseline](backtest-pit-model.svg)

## The honest reading

${reading(json, check).join("\n")}

Caveats that apply to every line above:
- **The Economist's file is one retrospective model run**: every month's value comes from a single
  fit made after the fact, so its early values already used later data (data/README.md). Scoring a
  forecast against it as if it had been known at the time flatters every forecaster of that series,
  the baselines most (they extrapolate the series itself, whose past was smoothed with hindsight).
- **The model's priors are not all from before the origin**: the claims bias prior rests on F8 (the
  article's 970k casualties of mid-2025), Russia's starting force is back-extrapolated from F6 (June
  2025), and the other baseline priors come from the mid-2025 article. The calibrated parameters
  have wide, flat priors (CALIBRATION_PRIORS) that do not use the 2023–25 series, but the model is
  not a pure real-time forecaster; the baselines are.
- **Few independent outcomes**: ${ORIGINS.length} origins over two years, with overlapping horizons; the regime
  pattern of 2023–25 (a stalemate year, then an offensive) appears once.

## All forecasters

${SERIES.map((s) => `### ${name(s)}\n\n${fullTable(json, s)}`).join("\n\n")}

The bootstrap of all months since 2023-01 ("the one to beat" of the issue), for comparison:

![PIT histograms of the bootstrap of all months](backtest-pit-bootstrap.svg)

## Monte Carlo check

The model's forecasts come from a finite ABC population, so the league carries Monte Carlo noise.
The same league with ${CHECK_PARTICLES.toLocaleString("en-US")} instead of ${CALIBRATION.particles.toLocaleString("en-US")} particles (everything else equal):

${check ? monteCarloCheck(json, check) : "(not run)"}

## Per origin, 3 months ahead

✗: the best baseline had the lower WIS at that origin; (miss): the observation was outside the model's 90% band.

${perOrigin(json, 3)}

## Calibration at each origin

${calTable}

## Closing note

Today's model against the best baseline of each series × horizon, as measured here (relative
WIS below 1: the model is better; coverage of its central 50% and 90% bands; DM p of the paired test):

${closing(json)}

## Run

${ORIGINS.length} origins × ${json.forecasters.length} forecasters, ${json.scores.length.toLocaleString("en-US")} scored forecasts; the baselines draw ${json.forecasters.find((f) => f.name === "persistence")?.settings.samples} samples each,
seed ${json.settings.seed}. The run (both leagues) took about ${minutes} minute${minutes === 1 ? "" : "s"} on a 2-core machine shared with other
jobs; the calibrations dominate it.
`;

console.log(formatBacktestTable(json));
const previewAt = process.argv.indexOf("--preview"); // --preview FILE: write the document there too (e.g. with --quick)
if (previewAt > 0) writeFileSync(process.argv[previewAt + 1]!, doc);
if (write) {
  writeFileSync(new URL("../docs/backtest.md", import.meta.url), doc);
  writeFileSync(new URL("../docs/backtest-pit-model.svg", import.meta.url), backtestPitSvg(json, { forecaster: MODEL }));
  writeFileSync(
    new URL("../docs/backtest-pit-bootstrap.svg", import.meta.url),
    backtestPitSvg(json, { forecaster: "bootstrap (all months)" }),
  );
  writeFileSync(new URL("../docs/backtest.csv", import.meta.url), backtestToCsv(json));
}
process.stderr.write(
  `backtest: ${ORIGINS.length} origins in ${seconds.toFixed(0)} s${!write ? " (nothing written)" : "; wrote docs/backtest.md, docs/backtest-pit-*.svg, docs/backtest.csv"}\n`,
);
