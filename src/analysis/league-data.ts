import { claimedLossesMonthly, economistCasualtiesMonthly, occupiedAreaMonthly } from "../data/series.js";
import type { BaselineSeries, SeriesKind } from "./baselines-series.js";

/**
 * The series the rolling-origin league table (src/analysis/league.ts) scores, and the one way a
 * forecaster is handed them: {@link dataUpTo}, which keeps only the rows up to the origin.
 */

/** The scored series, each as its month-end value. */
export type LeagueSeries = "occupiedKm2" | "claimedLosses" | "casualtiesEst";
export const LEAGUE_SERIES: readonly LeagueSeries[] = ["occupiedKm2", "claimedLosses", "casualtiesEst"];

/** The horizons the league table scores (months after the origin). */
export const LEAGUE_HORIZONS: readonly number[] = [1, 3, 6, 12];

/** The first origin of the league table (issue 13): six months of 2023 behind it. */
export const FIRST_LEAGUE_ORIGIN = "2023-07";

/** What each series is, for tables and documents. */
export interface LeagueSeriesInfo {
  /** Short name, e.g. "ISW occupied area". */
  label: string;
  unit: string;
  /** "level" (a state) or "cumulative" (a running total): how the baselines carry it on. */
  kind: SeriesKind;
  /** The value forecast, in a sentence, with its data file. */
  description: string;
}

export const LEAGUE_SERIES_INFO: Record<LeagueSeries, LeagueSeriesInfo> = {
  occupiedKm2: {
    label: "ISW occupied area",
    unit: "km²",
    kind: "level",
    description: "area assessed as Russian-controlled at the month end, Crimea included (ISW; occupied_area_isw_monthly.csv)",
  },
  claimedLosses: {
    label: "General Staff claims",
    unit: "people",
    kind: "cumulative",
    description:
      "Russian personnel losses claimed by Ukraine's General Staff since 2022-02-24, at the month end (russia_personnel_losses_monthly.csv)",
  },
  casualtiesEst: {
    label: "Economist casualty estimate",
    unit: "people",
    kind: "cumulative",
    description:
      "The Economist's meta-estimate of Russian casualties (killed and wounded) since 2022-02-24, casualties_est at the month end (economist_russian_losses_meta_estimate_daily.csv; one retrospective model run)",
  },
};

/** The monthly rows the league reads (the shapes of `attrition-sim/data`; extra fields are ignored). */
export interface LeagueData {
  occupiedArea: readonly { month: string; occupiedKm2: number; monthlyChangeKm2: number }[];
  claimedLosses: readonly { month: string; cumulativeAtMonthEnd: number; monthlyIncrement: number }[];
  economistCasualties: readonly { month: string; casualtiesEst: number }[];
}

/** The shipped series (vintage 2025-06-30). */
export const SHIPPED_LEAGUE_DATA: LeagueData = {
  occupiedArea: occupiedAreaMonthly,
  claimedLosses: claimedLossesMonthly,
  economistCasualties: economistCasualtiesMonthly,
};

const ROWS = { occupiedKm2: "occupiedArea", claimedLosses: "claimedLosses", casualtiesEst: "economistCasualties" } as const;
const FIELD = { occupiedKm2: "occupiedKm2", claimedLosses: "cumulativeAtMonthEnd", casualtiesEst: "casualtiesEst" } as const;

/**
 * The rows of every series up to and including `origin`, as new arrays holding the same row
 * objects. Only each row's `month` is read: a forecaster handed the result cannot reach a later
 * row, whatever it does. (Rows must be in month order, as the loaders guarantee.)
 * @example
 * dataUpTo(SHIPPED_LEAGUE_DATA, "2024-06").occupiedArea.at(-1)?.month; // "2024-06"
 */
export function dataUpTo(data: LeagueData, origin: string): LeagueData {
  const cut = <R extends { month: string }>(rows: readonly R[]): R[] => {
    const out: R[] = [];
    for (const row of rows) {
      if (row.month > origin) break;
      out.push(row);
    }
    return out;
  };
  return {
    occupiedArea: cut(data.occupiedArea),
    claimedLosses: cut(data.claimedLosses),
    economistCasualties: cut(data.economistCasualties),
  };
}

/** The months of a series (oldest first). */
export function seriesMonths(data: LeagueData, series: LeagueSeries): string[] {
  return data[ROWS[series]].map((r) => r.month);
}

/** The series' month-end value in `month`, or undefined when the data have no such row. */
export function valueAt(data: LeagueData, series: LeagueSeries, month: string): number | undefined {
  const row = (data[ROWS[series]] as readonly Record<string, unknown>[]).find((r) => r.month === month);
  return row === undefined ? undefined : (row[FIELD[series]] as number);
}

/**
 * One series as the baselines read it (src/analysis/baselines-series.ts). Each row's value is
 * read only when a baseline asks for it, so handing it later rows reads nothing of them either.
 * @example
 * persistenceForecast(baselineSeries(dataUpTo(data, "2024-06"), "occupiedKm2"), "2024-06", 3, { uniform });
 */
export function baselineSeries(data: LeagueData, series: LeagueSeries): BaselineSeries {
  const field = FIELD[series];
  const rows = (data[ROWS[series]] as readonly Record<string, unknown>[]).map((row) => ({
    month: row.month as string,
    get value() {
      return row[field] as number;
    },
  }));
  return { kind: LEAGUE_SERIES_INFO[series].kind, rows };
}
