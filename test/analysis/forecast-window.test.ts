import { describe, expect, it } from "vitest";
import { forecastWindow } from "../../src/analysis/forecast-window.js";
import { readObservationFiles, shippedObservations, type ObservationSet } from "../../src/data/observation-set.js";
import { occupiedAreaMonthly, claimedLossesMonthly } from "../../src/data/series.js";
import { OptionsError } from "../../src/util/errors.js";
import { shippedText } from "../helpers/observation-files.js";
import { thrownInputError } from "../helpers/thrown.js";

function messageOf(read: () => unknown): string {
  const { path, message } = thrownInputError(read, OptionsError).issues[0]!;
  return `${path}: ${message}`;
}

const without = (set: ObservationSet, source: "claims" | "economist"): ObservationSet => ({ ...set, [source]: undefined });

describe("forecastWindow", () => {
  it("filters the shipped data from 2023-01 to their last month, with the files' monthly changes", () => {
    const w = forecastWindow(shippedObservations());
    expect([w.from, w.through, w.observations.months.length]).toEqual(["2023-01", "2025-06", 30]);
    expect(w.observations.initialOccupiedKm2).toBe(occupiedAreaMonthly.find((r) => r.month === "2022-12")!.occupiedKm2);
    const area = new Map(occupiedAreaMonthly.map((r) => [r.month, r.monthlyChangeKm2]));
    const claims = new Map(claimedLossesMonthly.map((r) => [r.month, r.monthlyIncrement]));
    w.observations.months.forEach((m, t) => {
      // Level differences of one-decimal month ends: the file's own change column to its rounding.
      expect(Math.abs(w.observations.occupiedChangeKm2![t]! - area.get(m)!)).toBeLessThan(0.15);
      expect(w.observations.claimedLosses![t]).toBe(claims.get(m));
    });
    expect(w.observations.economistBefore?.estimate).toBeGreaterThan(0);
    expect(w.sources.map((s) => s.source)).toEqual(["isw", "claims", "economist", "pointEstimates"]);
    expect(w.lastObserved.isw).toMatchObject({ month: "2025-06", value: 117718.2 });
    expect(w.notes).toEqual([
      "shipped loss_estimates_point_claims.csv: 46 estimates of casualties weighed in 29 months, as weak observations of the true cumulative losses; left out: 19 dated before the window, 33 of deaths, not casualties (no death share in the model), 2 from a warring party, 5 a bound without a figure",
    ]);
  });

  it("weighs an independent casualty estimate in its month (a range by its geometric middle), and says what it leaves out", () => {
    const row = {
      countryOfLosses: "russia",
      type: "casualties",
      estimateLow: null,
      estimateHigh: null,
      estimate: 500_000,
      source: "A",
      fromWarringParty: null,
      sourceUrl: "",
    };
    const set = {
      ...without(shippedObservations(), "economist"),
      pointEstimates: [
        { ...row, date: "2024-02-10" },
        { ...row, date: "2024-02-20", countryOfLosses: "ukraine", estimate: null, estimateLow: 100_000, estimateHigh: 400_000 },
        { ...row, date: "2024-03-01", type: "deaths" },
        { ...row, date: "2024-03-01", fromWarringParty: "yes" },
        { ...row, date: "2024-03-01", estimate: null, estimateHigh: 600_000 },
        { ...row, date: "2022-05-01" },
      ],
    };
    const w = forecastWindow(set);
    const t = w.observations.months.indexOf("2024-02");
    expect(w.observations.pointEstimates![t]).toEqual([
      { side: "russia", estimate: 500_000, label: "A, 2024-02-10" },
      { side: "ukraine", estimate: 200_000, low: 100_000, high: 400_000, label: "A, 2024-02-20" },
    ]);
    expect(w.observations.pointEstimates!.filter((p) => p !== null)).toHaveLength(1);
    // Without the Economist, the losses before the window come from the claims' month end before it.
    expect(w.observations.claimsBefore).toBe(claimedLossesMonthly.find((r) => r.month === "2022-12")!.cumulativeAtMonthEnd);
    expect(w.sources.at(-1)).toEqual({
      source: "pointEstimates",
      file: "shipped loss_estimates_point_claims.csv",
      firstMonth: "2024-02",
      lastMonth: "2024-02",
    });
    expect(w.notes).toEqual([
      "shipped loss_estimates_point_claims.csv: 2 estimates of casualties weighed in 1 month, as weak observations of the true cumulative losses; left out: 1 dated before the window, 1 of deaths, not casualties (no death share in the model), 1 from a warring party, 1 a bound without a figure",
    ]);
    // Neither the claims nor the Economist: nothing tells the losses before the window.
    const alone = forecastWindow({ ...without(set, "claims"), economist: undefined });
    expect(alone.observations.pointEstimates).toBeUndefined();
    expect(alone.sources.map((s) => s.source)).toEqual(["isw"]);
    expect(alone.notes.at(-1)).toMatch(/not weighed — they need the true losses before the window/);
  });

  it("ignores rows after --through, and starts the window later when ISW does", () => {
    const w = forecastWindow(shippedObservations(), { through: "2024-03" });
    expect([w.observations.months.at(-1), w.lastObserved.claims?.month]).toEqual(["2024-03", "2024-03"]);
    const late = forecastWindow({ ...shippedObservations(), isw: shippedObservations().isw!.filter((r) => r.month >= "2023-05") });
    expect(late.from).toBe("2023-06");
  });

  it("leaves a source out of the months after its last, with a note", () => {
    const set = shippedObservations();
    const w = forecastWindow({ ...set, claims: set.claims!.filter((r) => r.month <= "2025-03") });
    expect(w.observations.claimedLosses!.slice(-4)).toEqual([w.observations.claimedLosses!.at(-4), null, null, null]);
    expect(w.notes).toContain("General Staff claims ends at 2025-03: not weighed after it");
  });

  it("refuses what it cannot filter, naming the source and the month", () => {
    const set = shippedObservations();
    expect(messageOf(() => forecastWindow(set, { through: "2025-07" }))).toBe(
      "through: expected a month with data (ISW occupied area to 2025-06, General Staff claims to 2025-06, the Economist's estimate to 2025-06), got 2025-07",
    );
    expect(messageOf(() => forecastWindow(set, { through: "2023-11" }))).toBe(
      "through: expected at least 12 observed months from 2023-01 to the forecast's origin, got 11 (to 2023-11)",
    );
    expect(messageOf(() => forecastWindow(set, { through: "2025-6" }))).toBe('through: expected a month YYYY-MM, got "2025-6"');
    expect(messageOf(() => forecastWindow({ ...set, isw: undefined }))).toMatch(/^observations\.isw: expected ISW's occupied area/);
    // A month missing inside a daily source's range: the 7-day rule leaves 2024-03 unobserved.
    const daily = shippedText("occupied_area_isw_daily.csv")
      .split("\r\n")
      .filter((l) => !(l >= "2024-03-25" && l < "2024-04"));
    const gap = readObservationFiles({ "occupied_area_isw_daily.csv": daily.join("\r\n") });
    expect(messageOf(() => forecastWindow(gap))).toBe(
      "observations.isw: expected a month end for 2024-03 (ISW occupied area runs from 2022-12 to 2025-06 and misses it; see docs/data.md for the 7-day rule)",
    );
    const falling = { ...set, claims: set.claims!.map((r) => (r.month === "2024-05" ? { ...r, value: 1 } : r)) };
    expect(messageOf(() => forecastWindow(without(falling, "economist")))).toMatch(
      /^observations\.claims: expected claims that do not fall: 2024-05 ends at 1, below 2024-04's/,
    );
    const lateEconomist = { ...set, economist: set.economist!.filter((r) => r.month >= "2023-04") };
    expect(messageOf(() => forecastWindow(lateEconomist))).toBe(
      "observations.economist: expected the Economist's month end before the window (2022-12): the prior of the losses before it; its file starts at 2023-04",
    );
  });
});
