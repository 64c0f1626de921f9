import { availableParallelism } from "node:os";
import { deepMerge, parseScenario, toScenarioInput } from "../scenario/parse.js";
import type { EventSummary } from "../analysis/events.js";
import type { Projection } from "../results/projection.js";
import { ARTICLE_PACE_KM2_PER_MONTH, articleFacts, UKRAINE_AREA_KM2 } from "../scenario/article.js";
import { formatMedianBand, formatPercent, formatThousands } from "../util/format.js";
import { formatProjectionTable } from "./format-table.js";
import { simulateParallel, WorkerPool, type ParallelOptions } from "./parallel.js";
import { forecast } from "../results/forecast.js";

export interface ReportOptions {
  runs?: number;
  seed?: number;
  /** Worker threads (default: available cores). */
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /**
   * Add the article preset's headline answers beside the scenario's and the forecast of what the
   * sources will report (default: only for the default scenario, "baseline").
   */
  forecast?: boolean;
}

/** The report's forecast section: ISW's area and the claims 6 and 12 months after the shipped data (docs/forecast.md). */
async function forecastLines(seed: number, signal?: AbortSignal): Promise<string[]> {
  const f = await forecast({ seed, horizonMonths: 12, signal });
  const km2 = (v: number) => Math.round(v).toLocaleString("en-US");
  const [area, claims] = [f.reported("occupiedKm2"), f.reported("claimedLosses")];
  return [
    "",
    `Forecast from the latest data (docs/forecast.md; a forecast of what the sources will report, not the scenario above): the particle filter over ${f.sources.map((s) => s.source).join(", ")} ${f.from} … ${f.through}, ${f.runs.toLocaleString("en-US")} particles, seed ${seed}, θ: ${f.parameters.draws} draws of the shipped posterior:`,
    ...[5, 11].map(
      (m) =>
        `- ${f.months[m]!.slice(0, 7)}: ISW occupied area ${formatMedianBand(area, m, km2)} km²; General Staff claims since 2022-02-24 ${formatMedianBand(claims, m, formatThousands)} (median [90% band]).`,
    ),
  ];
}

const years = (months: number | null) => (months === null ? "not within 100 years" : `${(months / 12).toFixed(1)} years`);

/**
 * Paths of the report's two 100-year runs (at most): each costs 1,200 months of 12 sub-steps, so
 * at the 10-year table's 10,000 paths they took ≈ 9 of `npm start`'s 10.9 s (bench/results.json);
 * their standard errors are printed beside the answers.
 */
export const CENTURY_RUNS = 4_096;

/** Months of the article preset's run in the report: 2025-07 … 2030-12, the last month its answers read. */
const ARTICLE_MONTHS = 66;

/** "median … (± se); 90% band …" for an event, saying plainly where the quantiles are censored. */
function eventLine(event: EventSummary): string {
  const q = event.quantiles,
    se = event.quantilesSe.p50;
  const band =
    q.p05 === null
      ? "90% band: not within 100 years"
      : q.p95 === null
        ? `90% band from ${years(q.p05)} to beyond 100 years`
        : `90% band ${years(q.p05)} to ${years(q.p95)}`;
  return `median ${years(q.p50)}${q.p50 !== null && se !== null ? ` ± ${(se / 12).toFixed(1)}` : ""}; ${band}`;
}

function bandAt(projection: Projection, series: "dprkLosses", month: string): string {
  return formatMedianBand(projection.series(series), projection.monthIndex(month), formatThousands);
}

/** The headline answers of one scenario: the 100-year runs with and without the ceasefire, and the 10-year run's answers. */
interface Headline {
  name: string;
  centuryRuns: number;
  capture: EventSummary;
  warGoesOn: EventSummary;
  p25: number;
  p25Se: number;
  dprk: string;
}

async function headline(
  scenario: unknown,
  tenYears: Projection,
  centuryRuns: number,
  seed: number,
  run: (s: unknown, options: ParallelOptions) => Promise<Projection>,
  onProgress: (fraction: number) => void,
): Promise<Headline> {
  const century = await run(scenario, { runs: centuryRuns, seed, horizonMonths: 1200, onProgress: (f) => onProgress(f / 2) });
  // The same scenario with the ceasefire hazard at zero: how much of "never" is the ceasefire's.
  const parsed = parseScenario(scenario);
  const noCeasefire = parseScenario(
    deepMerge(toScenarioInput(parsed), {
      name: `${parsed.name} without ceasefire`,
      ceasefire: { hazardPerMonth: 0, hazardPerStalemateMonth: 0 },
    }),
  );
  const warGoesOn = (
    await run(noCeasefire, { runs: centuryRuns, seed, horizonMonths: 1200, onProgress: (f) => onProgress(0.5 + f / 2) })
  ).event(1);
  const p25 = tenYears.probability("occupiedShare", ">=", 0.25, "2030-12");
  return {
    name: parsed.name,
    centuryRuns,
    capture: century.event(1),
    warGoesOn,
    p25,
    p25Se: Math.sqrt((p25 * (1 - p25)) / tenYears.runs),
    dprk: bandAt(tenYears, "dprkLosses", "2026-12"),
  };
}

/** A scenario's headline answers as report lines, `label` saying which scenario they are. */
function headlineLines(h: Headline, label: string): string[] {
  const straightLine = ((1 - articleFacts.F11.value) * UKRAINE_AREA_KM2) / ARTICLE_PACE_KM2_PER_MONTH / 12;
  return [
    `${label}:`,
    `- Capture of all of Ukraine (occupied share reaches 100%), ${h.centuryRuns.toLocaleString("en-US")} runs of 1,200 months, month step:`,
    `    ${eventLine(h.capture)};`,
    `    P(not within 100 years) = ${formatPercent(h.capture.pNever)} ± ${formatPercent(h.capture.pNeverSe)} (the article's straight line: ${straightLine.toFixed(0)} years from 20%).`,
    `    Without a ceasefire (hazard set to 0, same draws otherwise): ${eventLine(h.warGoesOn)};`,
    `    P(not within 100 years) = ${formatPercent(h.warGoesOn.pNever)} ± ${formatPercent(h.warGoesOn.pNeverSe)}.`,
    `- P(occupied ≥ 25% by 2030-12-31) = ${formatPercent(h.p25)} ± ${formatPercent(h.p25Se)}.`,
    `- DPRK casualties (killed, wounded, captured, missing) by 2026-12-31: ${h.dprk} (median [90% band]).`,
  ];
}

/**
 * The main job (`npm start`): the 10-year year-by-year table of a scenario, then its headline
 * answers — time to capture the remaining territory (from a 1,200-month run of at most
 * `CENTURY_RUNS` paths), P(occupied ≥ 25% by 2030-12-31) and DPRK casualties by 2026-12-31 —
 * with their Monte Carlo standard errors. For the default, `baseline` (the forecast from the
 * shipped data: each path a posterior draw started from its filtered state at 2025-06), the
 * `article` preset's answers follow beside them — the article's own figures as stated — and then
 * what the sources would report over the next year.
 */
export async function scenarioReport(scenario: unknown = "baseline", options: ReportOptions = {}): Promise<string> {
  const { runs = 10_000, seed = 1, workers = availableParallelism(), signal, onProgress } = options;
  const isDefault = options.forecast ?? scenario === "baseline";
  // Worker threads: the results are identical to simulate's, whatever the worker count.
  const pool = new WorkerPool(workers);
  const run = (s: unknown, options: ParallelOptions) => simulateParallel(s, { ...options, pool, signal });
  // Shares of the progress bar: the 10-year run, then the 100-year runs of each scenario answered.
  const share = isDefault ? [0.3, 0.35, 0.35] : [0.5, 0.5, 0];
  try {
    const tenYears = await run(scenario, { runs, seed, horizonMonths: 120, onProgress: (f) => onProgress?.(f * share[0]!) });
    const main = await headline(scenario, tenYears, Math.min(runs, CENTURY_RUNS), seed, run, (f) =>
      onProgress?.(share[0]! + f * share[1]!),
    );
    const lines = [
      formatProjectionTable(tenYears.toJSON()).trimEnd(),
      "",
      "Headline answers (scenario exploration under the stated assumptions, not a prediction).",
      ...headlineLines(main, isDefault ? "baseline — fitted to the data to 2025-06, each path from its filtered state" : main.name),
    ];
    if (isDefault) {
      // The article's answers need months to 2030-12 only, and its 100-year runs half the paths
      // (their standard errors are printed), so that `npm start` keeps within its time.
      const articleRun = await run("article", { runs, seed, horizonMonths: ARTICLE_MONTHS });
      const article = await headline("article", articleRun, Math.min(runs, CENTURY_RUNS / 2), seed, run, (f) =>
        onProgress?.(share[0]! + share[1]! + f * share[2]!),
      );
      lines.push(
        ...headlineLines(article, "article — the article's figures as stated (the 83-year pace, ρ ≈ 2.5, the F1 pledge), from its t0"),
      );
    }
    if (isDefault) lines.push(...(await forecastLines(seed, signal)));
    return lines.join("\n") + "\n";
  } finally {
    pool.close();
  }
}
