// The league table of one candidate as Markdown, with its reading (where it loses, its coverage
// with Wilson intervals, its PIT counts): shared by scripts/filter-study.ts and scripts/league-smc.ts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { LEAGUE_SERIES_INFO, type LeagueSeries } from "../src/analysis/league-data.js";
import { sha256 } from "../src/util/sha256.js";
import type { LeagueResult } from "../src/analysis/league.js";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) =>
      statSync(join(dir, name)).isDirectory() ? sourceFiles(join(dir, name)) : name.endsWith(".ts") ? [join(dir, name)] : [],
    );
}

/** A hash of every .ts file under `dir` (names and contents): the code version a cache of fits is keyed by. */
export function codeHash(dir: string): string {
  return sha256(
    sourceFiles(dir)
      .map((file) => `${file}\n${readFileSync(file, "utf8")}`)
      .join("\n"),
  );
}

export const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
export const p = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x < 0.001 ? "< 0.001" : x.toFixed(3));

/** What the table says of `candidate`, read from it: where it loses, the claims' bias, the 1-month area band. */
function limits(league: LeagueResult, candidate: string): string {
  const comparisons = league.comparisons.filter((c) => c.candidate === candidate);
  const rows = league.summary.filter((r) => r.forecaster === candidate);
  const row = (series: LeagueSeries, h: number) => rows.find((r) => r.series === series && r.horizon === h);
  const claimsBias = [1, 3, 6].map((h) => row("claimedLosses", h)?.meanBias ?? NaN);
  const area1 = row("occupiedKm2", 1);
  const parts: string[] = [];
  if (claimsBias.every((b) => b < -0.2))
    parts.push(
      `the claims are forecast too low at 1–6 months (mean bias ${claimsBias.map((b) => f(b)).join(", ")}: observations above the forecasts)`,
    );
  if (area1 && area1.coverage50 > 0.65)
    parts.push(`the 1-month area band is too wide (${f(area1.coverage50)} of observations inside the 50% band)`);
  const losing = comparisons
    .filter((c) => c.horizon <= 6 && c.relativeWis > 1)
    .map((c) => `${LEAGUE_SERIES_INFO[c.series as LeagueSeries].label} at ${c.horizon} month${c.horizon > 1 ? "s" : ""}`);
  const head = losing.length
    ? `Up to 6 months it loses to the best naive baseline for ${losing.join(", ")}.`
    : "It beats the best baseline at every horizon up to 6 months.";
  return `${head}${parts.length ? ` What limits it: ${parts.join("; ")}.` : ""}`;
}

/** Wilson's 90% interval of a binomial share k/n. */
function wilson90(k: number, n: number): [number, number] {
  const z = 1.6448536269514722,
    p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [centre - half, centre + half];
}

/** Coverage pooled over the horizons up to 6 months, per series, with Wilson's 90% interval; the PIT counts at 1 and 3 months. */
function calibrationLines(league: LeagueResult, candidate: string): string[] {
  const out: string[] = [];
  for (const series of ["occupiedKm2", "claimedLosses"] as const) {
    const scores = league.scores.filter((r) => r.forecaster === candidate && r.series === series && r.horizon <= 6);
    const n = scores.length;
    const part = (level: 50 | 90) => {
      const k = scores.filter((r) => (level === 50 ? r.in50 : r.in90)).length;
      const [lo, hi] = wilson90(k, n);
      const holds = lo <= level / 100 && level / 100 <= hi;
      return `${level}%: ${k}/${n} = ${f(k / n)} [${f(lo)}, ${f(hi)}]${holds ? "" : " — the nominal level is outside"}`;
    };
    const pits = [1, 3]
      .map((h) => {
        const row = league.summary.find((r) => r.forecaster === candidate && r.series === series && r.horizon === h);
        return row ? `${h} month${h > 1 ? "s" : ""} ${row.pit.counts.join("·")} (χ² p ${p(row.pit.pValue)})` : "";
      })
      .filter(Boolean)
      .join("; ");
    out.push(
      `- ${LEAGUE_SERIES_INFO[series].label}: coverage pooled over 1–6 months ${part(50)}; ${part(90)}. PIT counts in ${league.pitBins} bins: ${pits}.`,
    );
  }
  out.push(
    "  (Wilson 90% intervals; the pooled cells share origins, so they are not independent and the intervals are narrower than they should be.)",
  );
  return out;
}

/** The league table of one candidate (`what` it is, a sentence), with its reading. */
export function candidateSection(league: LeagueResult, candidate: string, what: string): string[] {
  const comparisons = league.comparisons.filter((c) => c.candidate === candidate);
  const rows = league.summary.filter((r) => r.forecaster === candidate);
  return [
    `### \`${candidate}\``,
    "",
    `${what}.`,
    "",
    "| series | horizon | relative WIS | best baseline | DM p (two-sided) | 50% coverage | 90% coverage | mean bias |",
    "|---|---:|---:|---|---:|---:|---:|---:|",
    ...comparisons.map((c) => {
      const r = rows.find((x) => x.series === c.series && x.horizon === c.horizon)!;
      return `| ${LEAGUE_SERIES_INFO[c.series as LeagueSeries].label} | ${c.horizon} | ${f(c.relativeWis)} | ${c.bestBaseline} | ${p(c.test.pValue)} | ${f(r.coverage50)} | ${f(r.coverage90)} | ${f(r.meanBias)} |`;
    }),
    "",
    limits(league, candidate),
    "",
    ...calibrationLines(league, candidate),
    "",
  ];
}
