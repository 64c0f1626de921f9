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
    expect(w.sources.map((s) => s.source)).toEqual(["isw", "claims", "economist"]);
    expect(w.lastObserved.isw).toMatchObject({ month: "2025-06", value: 117718.2 });
    expect(w.notes).toEqual([]);
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
    expect(w.notes).toEqual(["General Staff claims ends at 2025-03: not weighed after it"]);
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
