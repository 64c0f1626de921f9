import { describe, it, expect } from "vitest";
import { seasonalFactor } from "../../src/model/seasonality.js";

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

describe("seasonalFactor", () => {
  it("matches its @example: January ≈ 1.139 with the late-December peak", () => {
    expect(seasonalFactor(1, 0.14, 12.8)).toBeCloseTo(1.139, 3);
  });

  it("averages to 1 over the twelve months (to 1e-12)", () => {
    for (const amplitude of [0, 0.14, 0.5, 0.9]) {
      for (const peak of [1, 6.5, 7, 12, 12.8, 3.3]) {
        const mean = MONTHS.reduce((s, m) => s + seasonalFactor(m, amplitude, peak), 0) / 12;
        expect(Math.abs(mean - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it("peaks at the peak month at 1 + A, with the trough 1 − A six months away", () => {
    for (const peak of [1, 3, 7, 12]) {
      const values = MONTHS.map((m) => seasonalFactor(m, 0.3, peak));
      const argmax = values.indexOf(Math.max(...values)) + 1;
      expect(argmax).toBe(peak);
      expect(values[peak - 1]).toBeCloseTo(1.3, 14);
      const trough = ((peak + 5) % 12) + 1;
      expect(values[trough - 1]).toBeCloseTo(0.7, 14);
    }
  });

  it("puts the highest calendar month nearest a fractional peak (12.8 → January)", () => {
    const values = MONTHS.map((m) => seasonalFactor(m, 0.14, 12.8));
    expect(values.indexOf(Math.max(...values)) + 1).toBe(1);
  });

  it("is periodic over 12 months and flat for A = 0", () => {
    expect(seasonalFactor(13, 0.2, 7)).toBeCloseTo(seasonalFactor(1, 0.2, 7), 14);
    for (const m of MONTHS) expect(seasonalFactor(m, 0, 7)).toBe(1);
  });

  it("stays positive for A ≤ 0.9", () => {
    for (const m of MONTHS) expect(seasonalFactor(m, 0.9, 4)).toBeGreaterThanOrEqual(0.1 - 1e-12);
  });
});
