import { simulate } from "../engine/simulate.js";
import { deepMerge, parseScenario, toScenarioInput } from "../scenario/parse.js";
import type { Projection } from "../output/projection.js";
import { ARTICLE_PACE_KM2_PER_MONTH, articleFacts } from "../scenario/article.js";
import { formatPercent, formatProjectionTable, formatThousands } from "./format-table.js";

export interface ReportOptions {
  runs?: number;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

const years = (months: number | null) => (months === null ? "not within 100 years" : `${(months / 12).toFixed(1)} years`);

function bandAt(projection: Projection, series: "dprkLosses", month: string): string {
  const m = projection.monthIndex(month);
  const s = projection.series(series);
  return `${formatThousands(s.p50[m]!)} [${formatThousands(s.p05[m]!)}–${formatThousands(s.p95[m]!)}]`;
}

/**
 * The main job (`npm start`): the 10-year year-by-year table of a scenario, then the headline
 * answers — time to capture the remaining territory (from a 1,200-month month-step run),
 * P(occupied ≥ 25% by 2030-12-31) and DPRK casualties by 2026-12-31 — with their Monte Carlo
 * standard errors.
 */
export async function scenarioReport(scenario: unknown = "baseline", options: ReportOptions = {}): Promise<string> {
  const { runs = 10_000, seed = 1, signal, onProgress } = options;
  const tenYears = await simulate(scenario, { runs, seed, horizonMonths: 120, step: "day", signal, onProgress: (f) => onProgress?.(f / 2) });
  const century = await simulate(scenario, { runs, seed, horizonMonths: 1200, step: "month", signal, onProgress: (f) => onProgress?.(0.5 + f / 4) });
  // The same scenario with the ceasefire hazard at zero: how much of "never" is the ceasefire's.
  const parsed = parseScenario(scenario);
  const noCeasefire = parseScenario(deepMerge(toScenarioInput(parsed), {
    name: `${parsed.name} without ceasefire`,
    ceasefire: { hazardPerMonth: 0, hazardPerStalemateMonth: 0 },
  }));
  const warGoesOn = (await simulate(noCeasefire, { runs, seed, horizonMonths: 1200, step: "month", signal, onProgress: (f) => onProgress?.(0.75 + f / 4) })).event(1);
  const capture = century.event(1);
  const q = capture.quantiles;
  const p25 = tenYears.probability("occupiedShare", ">=", 0.25, "2030-12");
  const p25Se = Math.sqrt((p25 * (1 - p25)) / runs);
  const straightLine = ((1 - articleFacts.F11.value) * 603_628) / ARTICLE_PACE_KM2_PER_MONTH / 12;
  const lines = [
    formatProjectionTable(tenYears.toJSON()).trimEnd(),
    "",
    "Headline answers (scenario exploration under the stated assumptions, not a prediction):",
    `- Capture of all of Ukraine (occupied share reaches 100%), ${runs.toLocaleString("en-US")} runs of 1,200 months, month step:`,
    `    median ${years(q.p50)}; 90% band ${years(q.p05)} to ${years(q.p95)};`,
    `    P(not within 100 years) = ${formatPercent(capture.pNever)} ± ${formatPercent(capture.pNeverSe)} (the article's straight line: ${straightLine.toFixed(0)} years from 20%).`,
    `    Without a ceasefire (hazard set to 0, same draws otherwise): median ${years(warGoesOn.quantiles.p50)}; 90% band ${years(warGoesOn.quantiles.p05)} to ${years(warGoesOn.quantiles.p95)}; P(not within 100 years) = ${formatPercent(warGoesOn.pNever)} ± ${formatPercent(warGoesOn.pNeverSe)}.`,
    `- P(occupied ≥ 25% by 2030-12-31) = ${formatPercent(p25)} ± ${formatPercent(p25Se)}.`,
    `- DPRK casualties (killed, wounded, captured, missing) by 2026-12-31: ${bandAt(tenYears, "dprkLosses", "2026-12")} (median [90% band]).`,
  ];
  return lines.join("\n") + "\n";
}
