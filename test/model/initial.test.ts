import { describe, expect, it } from "vitest";
import { russiaSideHazardPerDay } from "../../src/model/attrition.js";
import {
  occupiedAtStart,
  russiaInflowAtStart,
  russiaSideHazardAtStart,
  russiaSideWoundedAtStart,
  ukraineInflowAtStart,
  ukraineLossesAtStart,
  ukraineWoundedAtStart,
} from "../../src/model/initial.js";
import { DAYS_PER_MONTH } from "../../src/scenario/article.js";

describe("stocks at t0 (model/initial.ts)", () => {
  it("russiaSideHazardAtStart matches its @example: 36,000 / 620,000 a month", () => {
    expect(russiaSideHazardAtStart(36_000, 600_000, 10_000, 2)).toBe(36_000 / 620_000);
    expect(russiaSideHazardAtStart(36_000, 600_000, 10_000, 2)).toBe(russiaSideHazardPerDay(36_000, 600_000, 10_000, 2));
  });

  it("ukraineLossesAtStart matches its @example: 36,000 / 2.5 = 14,400", () => {
    expect(ukraineLossesAtStart(36_000, 2.5)).toBe(14_400);
  });

  it("russiaSideWoundedAtStart matches its @example: 0.3 · 0.05 · 600,000 · 3 = 27,000", () => {
    expect(russiaSideWoundedAtStart(0.3, 0.05, 1, 600_000, 3)).toBeCloseTo(27_000, 9);
    // exposure 1 is exact: the Russian form is share · h0 · R0 · delay, bit for bit
    expect(russiaSideWoundedAtStart(0.3, 0.05, 1, 600_000, 3)).toBe(0.3 * 0.05 * 600_000 * 3);
    // the DPRK contingent loses at e·h0
    expect(russiaSideWoundedAtStart(0.2, 0.05, 2, 10_000, 3)).toBeCloseTo(0.2 * 0.1 * 10_000 * 3, 9);
  });

  it("ukraineWoundedAtStart matches its @example: 0.3 · 14,400 · 3 = 12,960", () => {
    expect(ukraineWoundedAtStart(0.3, 14_400, 3)).toBeCloseTo(12_960, 9);
  });

  it("the inflows at t0 replace the t0 losses (people per day)", () => {
    expect(russiaInflowAtStart(0.05, 600_000)).toBeCloseTo(30_000 / DAYS_PER_MONTH, 9);
    expect(russiaInflowAtStart(0.05, 600_000)).toBeCloseTo(985.6, 1);
    expect(ukraineInflowAtStart(14_400)).toBeCloseTo(473.1, 1);
  });

  it("occupiedAtStart matches its @example and keeps A0 within T", () => {
    expect(occupiedAtStart(120_725.6, 603_628)).toBe(120_725.6);
    expect(occupiedAtStart(700_000, 603_628)).toBe(603_628);
  });
});
