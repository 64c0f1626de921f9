import type { ObservationSet, ObservationSource, ObservedMonth } from "../data/observation-set.js";
import { OptionsError } from "../util/errors.js";
import { addMonths, monthRange, type Observations } from "./observations.js";
import type { LossEstimate } from "../data/types.js";
import type { EconomistMonth, FilterObservations, FilterSource, PointEstimateObservation } from "./war-particles.js";

/**
 * The months a forecast filters and what each source says in them (issue 14): from the set's
 * month-end values to the filter's monthly observations — the changes of the occupied area and
 * of the claims, the Economist's month ends — on one window of consecutive months `from` …
 * `through`. The forecast starts the month after `through`.
 */

/** The first month the filter weighs by default: the hindcast's window (docs/calibration-abc.md), after 2022's war of movement. */
export const DEFAULT_FORECAST_FROM = "2023-01";

/** Fewest months the filter needs in its window (issue 14). */
export const MIN_FORECAST_MONTHS = 12;

/** A source a forecast weighed: the file it came from and its first and last month in the window. */
export interface WeighedSource {
  source: ObservationSource | "pointEstimates";
  file: string;
  firstMonth: string;
  lastMonth: string;
}

/** What {@link forecastWindow} returns. */
export interface ForecastWindow {
  from: string;
  through: string;
  /** What the particle filter weighs. */
  observations: FilterObservations;
  /** The same months in the hindcast's shape (what filterScenario reads: the window's start and area). */
  hindcast: Observations;
  /** The sources weighed, with the file each came from. */
  sources: WeighedSource[];
  /** Each source's last value at or before `through` (the level a forecast adds its changes to). */
  lastObserved: Partial<Record<ObservationSource, ObservedMonth>>;
  /** What the window left out, for the result's notes. */
  notes: string[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const LABEL: Record<ObservationSource, string> = {
  isw: "ISW occupied area",
  deepState: "DeepState occupied area",
  claims: "General Staff claims",
  economist: "the Economist's estimate",
};

function checkMonth(path: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !MONTH.test(value))
    throw new OptionsError({ path, message: `expected a month YYYY-MM, got ${JSON.stringify(value)}` });
  return value;
}

/**
 * The filter's window on `set`: `from` (default {@link DEFAULT_FORECAST_FROM}, or the month after
 * ISW's first when that is later) to `through` (default: the last month any source observed).
 * Rows after `through` are ignored. ISW's occupied area is required (the paths start from its
 * month end before `from`); every other source is optional.
 * @throws {OptionsError} naming the source and month: no ISW area, `through` past the data,
 * fewer than 12 months, a month missing inside a source's range, a claimed monthly increment
 * below 0, the Economist without a month end before `from`.
 * @example
 * forecastWindow(shippedObservations(), { through: "2024-12" }).observations.months.at(-1); // "2024-12"
 */
export function forecastWindow(set: ObservationSet, options: { from?: string; through?: string } = {}): ForecastWindow {
  const isw = set.isw;
  if (!isw?.length)
    throw new OptionsError({
      path: "observations.isw",
      message:
        "expected ISW's occupied area (occupied_area_isw_monthly.csv or occupied_area_isw_daily.csv): the paths start from its month end",
    });
  const present = (Object.keys(LABEL) as ObservationSource[]).filter((s) => set[s]?.length);
  const lastOf = (s: ObservationSource) => set[s]!.at(-1)!.month;
  const latest = present.map(lastOf).reduce((a, b) => (b > a ? b : a));
  const through = checkMonth("through", options.through) ?? latest;
  if (through > latest)
    throw new OptionsError({
      path: "through",
      message: `expected a month with data (${present.map((s) => `${LABEL[s]} to ${lastOf(s)}`).join(", ")}), got ${through}`,
    });
  const earliest = addMonths(isw[0]!.month, 1);
  const from = checkMonth("from", options.from) ?? (earliest > DEFAULT_FORECAST_FROM ? earliest : DEFAULT_FORECAST_FROM);
  const months = through >= from ? monthRange(from, through) : [];
  if (months.length < MIN_FORECAST_MONTHS)
    throw new OptionsError({
      path: options.through === undefined ? "observations" : "through",
      message: `expected at least ${MIN_FORECAST_MONTHS} observed months from ${from} to the forecast's origin, got ${months.length} (to ${through})`,
    });
  const before = addMonths(from, -1);
  const notes: string[] = [];
  const byMonth = (s: ObservationSource) => new Map((set[s] ?? []).filter((r) => r.month <= through).map((r) => [r.month, r]));
  // A source's months from the window's start (or its own first) to its last: none may be missing.
  const checkedSeries = (s: ObservationSource) => {
    const rows = byMonth(s);
    const inWindow = [...rows.keys()].filter((m) => m >= before).sort();
    if (inWindow.length === 0) {
      notes.push(`${LABEL[s]} not weighed: no month end from ${before} to ${through}`);
      return undefined;
    }
    for (const m of monthRange(inWindow[0]!, inWindow.at(-1)!))
      if (!rows.has(m))
        throw new OptionsError({
          path: `observations.${s}`,
          message: `expected a month end for ${m} (${LABEL[s]} runs from ${inWindow[0]} to ${inWindow.at(-1)} and misses it; see docs/data.md for the 7-day rule)`,
        });
    if (inWindow.at(-1)! < through) notes.push(`${LABEL[s]} ends at ${inWindow.at(-1)}: not weighed after it`);
    return rows;
  };
  const area = checkedSeries("isw")!;
  const start = area.get(before);
  if (!start)
    throw new OptionsError({
      path: "from",
      message: `expected ISW's month end before the window (${before}), the paths' start; ISW runs from ${isw[0]!.month}`,
    });
  const changes = (rows: Map<string, ObservedMonth> | undefined) =>
    rows && months.map((m) => (rows.has(m) && rows.has(addMonths(m, -1)) ? rows.get(m)!.value - rows.get(addMonths(m, -1))!.value : null));
  const occupiedChangeKm2 = changes(area)!;
  const deepStateRows = set.deepState ? checkedSeries("deepState") : undefined;
  const deepState = changes(deepStateRows);
  const claimsRows = set.claims ? checkedSeries("claims") : undefined;
  const claimedLosses = changes(claimsRows);
  claimedLosses?.forEach((c, t) => {
    if (c !== null && c < 0)
      throw new OptionsError({
        path: "observations.claims",
        message: `expected claims that do not fall: ${months[t]} ends at ${claimsRows!.get(months[t]!)!.value}, below ${addMonths(months[t]!, -1)}'s ${claimsRows!.get(addMonths(months[t]!, -1))!.value}`,
      });
  });
  const economistRows = set.economist ? checkedSeries("economist") : undefined;
  let economist: (EconomistMonth | null)[] | undefined, economistBefore: EconomistMonth | undefined;
  if (economistRows) {
    const asMonth = (r: ObservedMonth & { low95?: number; high95?: number }): EconomistMonth => ({
      estimate: r.value,
      low95: r.low95!,
      high95: r.high95!,
    });
    const first = economistRows.get(before);
    if (!first)
      throw new OptionsError({
        path: "observations.economist",
        message: `expected the Economist's month end before the window (${before}): the prior of the losses before it; its file starts at ${[...economistRows.keys()][0]}`,
      });
    economistBefore = asMonth(first);
    economist = months.map((m) => (economistRows.has(m) ? asMonth(economistRows.get(m)!) : null));
  }
  const claimsBefore = claimsRows?.get(before)?.value;
  const points = pointEstimatesByMonth(set.pointEstimates, months, notes, set.files.pointEstimates ?? "point estimates");
  let pointEstimates = points?.byMonth;
  if (pointEstimates && !economistRows && claimsBefore === undefined) {
    notes.push(
      `${set.files.pointEstimates ?? "point estimates"}: not weighed — they need the true losses before the window, from the Economist's or the claims' month end before it (${before})`,
    );
    pointEstimates = undefined;
  }
  const observations: FilterObservations = {
    months,
    initialOccupiedKm2: start.value,
    occupiedChangeKm2,
    ...(deepState ? { deepStateChangeKm2: deepState } : {}),
    ...(claimedLosses ? { claimedLosses } : {}),
    ...(economist ? { economist, economistBefore } : {}),
    ...(pointEstimates ? { pointEstimates, ...(claimsBefore !== undefined ? { claimsBefore } : {}) } : {}),
  };
  const weighed: [FilterSource, ObservationSource, Map<string, ObservedMonth> | undefined][] = [
    ["isw", "isw", area],
    ["deepState", "deepState", deepStateRows],
    ["claims", "claims", claimsRows],
    ["economist", "economist", economistRows],
  ];
  const lastObserved: ForecastWindow["lastObserved"] = {};
  const sources: ForecastWindow["sources"] = [];
  for (const [source, name, rows] of weighed) {
    if (!rows) continue;
    const inWindow = [...rows.keys()].filter((m) => m >= from).sort();
    if (!inWindow.length) continue;
    sources.push({ source, file: set.files[name] ?? name, firstMonth: inWindow[0]!, lastMonth: inWindow.at(-1)! });
    lastObserved[name] = rows.get(inWindow.at(-1)!)!;
  }
  if (pointEstimates && points)
    sources.push({
      source: "pointEstimates",
      file: set.files.pointEstimates ?? "point estimates",
      firstMonth: points.firstMonth,
      lastMonth: points.lastMonth,
    });
  return {
    from,
    through,
    observations,
    hindcast: { months, initialOccupiedKm2: start.value, occupiedChangeKm2, claimedLosses: claimedLosses ?? months.map(() => null) },
    sources,
    lastObserved,
    notes,
  };
}

/**
 * The dated point estimates a forecast weighs, by month of the window: an independent party's
 * estimate of either side's casualties — its figure, or the geometric middle of its range. Left
 * out, each kind counted in a note: deaths (the model has no death share of losses), a warring
 * party's figures, a bound without a figure, dates before the window (rows after it are ignored).
 * Undefined when nothing is left.
 */
function pointEstimatesByMonth(
  rows: readonly LossEstimate[] | undefined,
  months: readonly string[],
  notes: string[],
  file: string,
): { byMonth: (PointEstimateObservation[] | null)[]; firstMonth: string; lastMonth: string } | undefined {
  if (!rows?.length) return undefined;
  const index = new Map(months.map((m, t) => [m, t]));
  const byMonth: (PointEstimateObservation[] | null)[] = months.map(() => null);
  const left = { deaths: 0, warring: 0, bound: 0, outside: 0, side: 0 };
  let weighed = 0;
  const through = months.at(-1)!;
  for (const r of rows) {
    const month = r.date.slice(0, 7);
    // Rows after the window's end are ignored, as every source's are (so --through X gives what the files cut at X give).
    if (month > through) continue;
    const t = index.get(month);
    if (t === undefined) left.outside += 1;
    else if (r.countryOfLosses !== "russia" && r.countryOfLosses !== "ukraine") left.side += 1;
    else if (r.type !== "casualties") left.deaths += 1;
    else if (r.fromWarringParty === "yes") left.warring += 1;
    else if (r.estimate === null && (r.estimateLow === null || r.estimateHigh === null)) left.bound += 1;
    else {
      const range = r.estimateLow !== null && r.estimateHigh !== null && r.estimateHigh >= r.estimateLow && r.estimateLow > 0;
      const estimate = r.estimate ?? Math.sqrt(r.estimateLow! * r.estimateHigh!);
      if (!(estimate > 0)) {
        left.bound += 1;
        continue;
      }
      (byMonth[t] ??= []).push({
        side: r.countryOfLosses,
        estimate,
        ...(range ? { low: r.estimateLow!, high: r.estimateHigh! } : {}),
        label: `${r.source}, ${r.date}`,
      });
      weighed += 1;
    }
  }
  const observed = months.filter((_, t) => byMonth[t] !== null);
  const leftOut = [
    [left.outside, "dated before the window"],
    [left.deaths, "of deaths, not casualties (no death share in the model)"],
    [left.warring, "from a warring party"],
    [left.bound, "a bound without a figure"],
    [left.side, "of neither side"],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, why]) => `${count} ${why}`);
  notes.push(
    `${file}: ${weighed} estimates of casualties weighed in ${observed.length} month${observed.length === 1 ? "" : "s"}, as weak observations of the true cumulative losses${leftOut.length ? `; left out: ${leftOut.join(", ")}` : ""}`,
  );
  if (weighed === 0) return undefined;
  return { byMonth, firstMonth: observed[0]!, lastMonth: observed.at(-1)! };
}
