import { OptionsError } from "../util/errors.js";
import { articleFacts, RUSSIA_NET_GROWTH_PER_MONTH } from "../scenario/article.js";
import { parseScenario, toScenarioInput } from "../scenario/parse.js";
import type { Provenance } from "../scenario/provenance.js";
import type { ScenarioInput } from "../scenario/schema.js";

/**
 * What calibration compares the model with: monthly occupied-area change and monthly claimed
 * Russian losses over consecutive months (data/occupied_area_isw_monthly.csv,
 * data/russia_personnel_losses_monthly.csv). `null` marks a missing month.
 */
export interface Observations {
  /** Consecutive months YYYY-MM. */
  months: string[];
  /** Occupied area at the end of the month before `months[0]`, km². */
  initialOccupiedKm2: number;
  /** Change of the occupied area in each month, km². */
  occupiedChangeKm2: (number | null)[];
  /** Russian personnel losses claimed by Ukraine's General Staff in each month, people. */
  claimedLosses: (number | null)[];
}

/** The monthly rows calibration reads (the shapes of `attrition-sim/data`). */
export interface MonthlySeries {
  occupiedArea: readonly { month: string; occupiedKm2: number; monthlyChangeKm2: number }[];
  claimedLosses: readonly { month: string; monthlyIncrement: number }[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Months from `from` to `to` inclusive (YYYY-MM). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (let guard = 0; guard < 2400; guard += 1) {
    const label = `${y}-${String(m).padStart(2, "0")}`;
    out.push(label);
    if (label >= to) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** `month` shifted by `k` months (YYYY-MM). */
export function addMonths(month: string, k: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + k;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * Observations for the months `from` … `to` from the monthly series.
 * @throws {OptionsError} when the window is malformed or runs outside the series.
 * @example
 * import { occupiedAreaMonthly, claimedLossesMonthly } from "attrition-sim/data";
 * const obs = observationsFromSeries({ occupiedArea: occupiedAreaMonthly, claimedLosses: claimedLossesMonthly }, { from: "2023-01", to: "2025-06" });
 * obs.months.length; // 30
 */
export function observationsFromSeries(series: MonthlySeries, window: { from: string; to: string }): Observations {
  const { from, to } = window;
  if (typeof from !== "string" || !MONTH.test(from))
    throw new OptionsError({ path: "from", message: `expected a month YYYY-MM, got ${JSON.stringify(from)}` });
  if (typeof to !== "string" || !MONTH.test(to) || to < from)
    throw new OptionsError({ path: "to", message: `expected a month YYYY-MM not before ${from}, got ${JSON.stringify(to)}` });
  const area = new Map(series.occupiedArea.map((r) => [r.month, r]));
  const claims = new Map(series.claimedLosses.map((r) => [r.month, r]));
  const months = monthRange(from, to);
  const first = area.get(from);
  if (!first)
    throw new OptionsError({
      path: "from",
      message: `expected a month of the occupied-area series (${series.occupiedArea[0]?.month}…${series.occupiedArea.at(-1)?.month}), got ${from}`,
    });
  if (!area.has(to) && !claims.has(to))
    throw new OptionsError({
      path: "to",
      message: `expected a month with data (area up to ${series.occupiedArea.at(-1)?.month}, claims up to ${series.claimedLosses.at(-1)?.month}), got ${to}`,
    });
  return {
    months,
    initialOccupiedKm2: first.occupiedKm2 - first.monthlyChangeKm2,
    occupiedChangeKm2: months.map((m) => area.get(m)?.monthlyChangeKm2 ?? null),
    claimedLosses: months.map((m) => claims.get(m)?.monthlyIncrement ?? null),
  };
}

const calibrationPrior = (note: string): Provenance => ({ source: "assumption", note: `calibration prior: ${note}` });

/**
 * Wide priors for the values fitted to the 2023–25 series (DESIGN §3: regimes, stalemate draw,
 * seasonal curve, noise scales, attrition level, offensive pace). Deliberately not the
 * baseline's ranges, which were read off the same data; `attrition.claimsBias` keeps the
 * baseline's prior (it rests on F8, not on the monthly series).
 */
export const CALIBRATION_PRIORS: Record<string, Record<string, unknown>> = {
  "regimes.offensiveToStalematePerMonth": { dist: "uniform", min: 0, max: 0.3, provenance: calibrationPrior("flat on 0–30% a month") },
  "regimes.stalemateToOffensivePerMonth": { dist: "uniform", min: 0, max: 0.3, provenance: calibrationPrior("flat on 0–30% a month") },
  "regimes.stalemateIntensity": {
    dist: "uniform",
    min: 0.3,
    max: 1.1,
    provenance: calibrationPrior("stalemate attrition 30–110% of the offensive's"),
  },
  "territory.stalemateMeanKm2PerMonth": {
    dist: "uniform",
    min: -200,
    max: 250,
    provenance: calibrationPrior("net change in stalemate, −200…+250 km²/month"),
  },
  "territory.stalemateSdKm2PerMonth": {
    dist: "uniform",
    min: 20,
    max: 450,
    provenance: calibrationPrior("sd of the stalemate change, 20–450 km²/month"),
  },
  "territory.offensivePaceKm2PerMonth": {
    dist: "uniform",
    min: 150,
    max: 900,
    provenance: calibrationPrior("offensive pace 150–900 km²/month (F12's straight line: 485)"),
  },
  "territory.offensiveNoiseSd": { dist: "uniform", min: 0.02, max: 0.8, provenance: calibrationPrior("sd of log εA") },
  "intensity.seasonalAmplitude": { dist: "uniform", min: 0, max: 0.4, provenance: calibrationPrior("seasonal amplitude 0–0.4") },
  "intensity.seasonalPeakMonth": {
    dist: "uniform",
    min: 1,
    max: 13 - 1e-9,
    provenance: calibrationPrior("peak anywhere in the year (circular); F13 says summer"),
  },
  "intensity.noiseSd": { dist: "uniform", min: 0.01, max: 0.4, provenance: calibrationPrior("sd of log ε") },
  "intensity.noiseAutocorrelation": { dist: "uniform", min: 0, max: 0.95, provenance: calibrationPrior("AR(1) coefficient of log ε") },
  "attrition.russiaLossesPerMonth": {
    dist: "uniform",
    min: 15_000,
    max: 65_000,
    provenance: calibrationPrior("true Russian-side losses per month at t0 and I = 1"),
  },
};

/** Force-ratio parameters also fitted (their baseline priors, which are assumptions, are kept). */
const FORCE_RATIO_PARAMETERS = ["territory.forceRatioExponent", "attrition.russiaOnOwnExponent"];

/** The parameters `scripts/fit-regimes.ts` and the backtest calibrate (DESIGN §3 and issue 7). */
export const DEFAULT_CALIBRATED_PARAMETERS: readonly string[] = [
  ...Object.keys(CALIBRATION_PRIORS),
  ...FORCE_RATIO_PARAMETERS,
  "attrition.claimsBias",
];

/** Russia's in-theatre force at the start of `month`, back-extrapolated from F6 along F7's pace. */
function russiaForceAt(month: string): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const monthsBeforeJuly2025 = (2025 - y) * 12 + (7 - m);
  return articleFacts.F6.value - RUSSIA_NET_GROWTH_PER_MONTH * monthsBeforeJuly2025;
}

function setAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node: Record<string, unknown> = root;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== "object" || next === null)
      throw new OptionsError({ path, message: `expected a parameter path of the scenario, got one that does not exist` });
    node = next as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/**
 * The hindcast set-up for calibration: `base` (default the baseline) started at the first
 * observed month from the observed area; Russia's force at the start back-extrapolated from F6
 * (640k in June 2025) along F7's net growth (+5.7k/month) — an assumption, since no series of
 * the force exists — so that the force grows as the model lets it and the force ratio can carry
 * a trend; no DPRK troops (they fought from Dec 2024, ≈2% of the Russian force); no ceasefire;
 * the wide {@link CALIBRATION_PRIORS}. The starting regime is stalemate unless `initialRegime`
 * says otherwise (2023 — the default window's first year — was the stalemate year).
 * @example
 * const scenario = hindcastScenario(obs); // then calibrate(scenario, obs, { parameters: [...DEFAULT_CALIBRATED_PARAMETERS] })
 */
export function hindcastScenario(
  observations: Observations,
  options: { base?: unknown; initialRegime?: "offensive" | "stalemate" } = {},
): ScenarioInput {
  const input = toScenarioInput(parseScenario(options.base ?? "article")) as Record<string, unknown>;
  const from = observations.months[0]!;
  for (const [path, prior] of Object.entries(CALIBRATION_PRIORS)) setAt(input, path, prior);
  const dataNote = (note: string): Provenance => ({ source: "data", file: "occupied_area_isw_monthly.csv", note });
  const assumption = (note: string): Provenance => ({ source: "assumption", note });
  return {
    ...input,
    name: `hindcast-${from}`,
    description: `Calibration hindcast from ${from}: forces frozen, no DPRK, no ceasefire, wide priors on the fitted values.`,
    start: `${from}-01`,
    dynamics: { forces: "free", regime: "switching", noise: "on", events: "on" },
    regimes: { ...(input.regimes as object), initial: options.initialRegime ?? "stalemate" },
    territory: {
      ...(input.territory as object),
      initialOccupiedKm2: { value: observations.initialOccupiedKm2, provenance: dataNote(`month end before ${from}`) },
    },
    russia: {
      ...(input.russia as object),
      initialForce: {
        value: Math.round(russiaForceAt(from)),
        provenance: {
          source: "article",
          id: "F6",
          note: `640k in June 2025 less F7's +5.7k/month back to ${from} (an assumption: no series of the force exists)`,
        },
      },
    },
    dprk: {
      ...(input.dprk as object),
      initialForce: { value: 0, provenance: assumption("hindcast: DPRK troops are left out (≈2% of the Russian force from Dec 2024)") },
      waves: [],
    },
    ceasefire: {
      ...(input.ceasefire as object),
      hazardPerMonth: { value: 0, provenance: assumption("no ceasefire happened in the observed window") },
    },
    posterior: undefined,
  } as unknown as ScenarioInput;
}
