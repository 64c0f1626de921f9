import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { delayedOutflow, delayShare, recruitsOverStep, targetStrength } from "../../src/model/inflows.js";

describe("targetStrength", () => {
  it("matches its @example: 600,000 + 190·30 = 605,700", () => {
    expect(targetStrength(600_000, 190, 700_000, 30)).toBe(605_700);
  });

  it("grows linearly below the ceiling", () => {
    expect(targetStrength(600_000, 190, 700_000, 0)).toBe(600_000);
    expect(targetStrength(600_000, 190, 700_000, 365)).toBe(600_000 + 190 * 365);
    expect(targetStrength(400_000, 0, 700_000, 1_000)).toBe(400_000);
  });

  it("caps at the ceiling", () => {
    // 100,000 / 190 ≈ 526.3 days to the ceiling
    expect(targetStrength(600_000, 190, 700_000, 526)).toBeLessThan(700_000);
    expect(targetStrength(600_000, 190, 700_000, 527)).toBe(700_000);
    expect(targetStrength(600_000, 190, 700_000, 10_000)).toBe(700_000);
    // an initial force above the ceiling is held at the ceiling
    expect(targetStrength(800_000, 190, 700_000, 0)).toBe(700_000);
  });
});

describe("recruitsOverStep", () => {
  it("matches its @example: 35,700 (under the 39,569 capacity)", () => {
    expect(recruitsOverStep(30_000, 5_700, 0, delayShare(91.3125, 30.4375), 1_300, 30.4375)).toBe(35_700);
    expect(1_300 * 30.4375).toBeCloseTo(39_569, 0);
  });

  it("closes the gap at the exact first-order rate: gap·(1 − e^(−dt/τ))", () => {
    for (const [gap, tau, dt] of [[50_000, 91, 30.4375], [10_000, 30.4375, 1], [120_000, 182.6, 31], [7, 60, 28]]) {
      expect(recruitsOverStep(0, 0, gap!, delayShare(tau!, dt!), 1e9, dt!)).toBeCloseTo(gap! * (1 - Math.exp(-dt! / tau!)), 6);
    }
  });

  it("composes: two half steps close as much of the gap as one full step", () => {
    const gap = 80_000, tau = 91.3125, dt = 30.4375;
    const first = recruitsOverStep(0, 0, gap, delayShare(tau, dt / 2), 1e9, dt / 2);
    const second = recruitsOverStep(0, 0, gap - first, delayShare(tau, dt / 2), 1e9, dt / 2);
    expect(first + second).toBeCloseTo(recruitsOverStep(0, 0, gap, delayShare(tau, dt), 1e9, dt), 6);
    // 30 day steps close as much as one 30-day step (no overshoot from the step size)
    let remaining = gap, total = 0;
    for (let d = 0; d < 30; d += 1) {
      const r = recruitsOverStep(0, 0, remaining, delayShare(tau, 1), 1e9, 1);
      total += r;
      remaining -= r;
    }
    expect(total).toBeCloseTo(recruitsOverStep(0, 0, gap, delayShare(tau, 30), 1e9, 30), 6);
  });

  it("never overshoots the gap, however long the step", () => {
    expect(recruitsOverStep(0, 0, 50_000, delayShare(30, 10_000), 1e9, 10_000)).toBeLessThanOrEqual(50_000);
    expect(recruitsOverStep(0, 0, 50_000, delayShare(30, 10_000), 1e9, 10_000)).toBeCloseTo(50_000, 6);
  });

  it("adds replacement need, target growth and the gap term", () => {
    const gapTerm = 20_000 * -Math.expm1(-30 / 90);
    expect(recruitsOverStep(12_000, 3_000, 20_000, delayShare(90, 30), 1e9, 30)).toBeCloseTo(12_000 + 3_000 + gapTerm, 6);
  });

  it("clamps at the capacity·days", () => {
    expect(recruitsOverStep(50_000, 5_700, 0, delayShare(91, 30.4375), 1_300, 30.4375)).toBe(1_300 * 30.4375);
    expect(recruitsOverStep(0, 0, 1e7, delayShare(91, 1), 1_000, 1)).toBe(1_000);
  });

  it("clamps at 0 (a force above its target does not discharge)", () => {
    expect(recruitsOverStep(0, 0, -50_000, delayShare(91, 30), 1_300, 30)).toBe(0);
    expect(recruitsOverStep(1_000, 0, -500_000, delayShare(91, 30), 1_300, 30)).toBe(0);
    expect(recruitsOverStep(-100, 0, 0, delayShare(91, 30), 1_300, 30)).toBe(0);
  });

  it("stays in [0, capacity·days] (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 30, max: 1_000, noNaN: true }),
        fc.double({ min: 0, max: 5_000, noNaN: true }),
        fc.double({ min: 0, max: 31, noNaN: true }),
        (need, growth, gap, tau, cap, dt) => {
          const r = recruitsOverStep(need, growth, gap, delayShare(tau, dt), cap, dt);
          return r >= 0 && r <= cap * dt;
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe("delayShare", () => {
  it("matches its @example: ≈ 0.2835", () => {
    expect(delayShare(91.3125, 30.4375)).toBeCloseTo(0.2835, 4);
    expect(delayShare(91.3125, 30.4375)).toBeCloseTo(1 - Math.exp(-1 / 3), 14);
  });

  it("is 1 for a zero delay", () => {
    expect(delayShare(0, 30.4375)).toBe(1);
    expect(delayShare(0, 1)).toBe(1);
  });

  it("is 1 − e^(−dt/delay), in (0, 1), and composes over sub-steps", () => {
    for (const [delay, dt] of [[30, 1], [91.3, 30.4375], [10, 100]]) {
      const s = delayShare(delay!, dt!);
      expect(s).toBeCloseTo(1 - Math.exp(-dt! / delay!), 14);
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThanOrEqual(1);
      // what stays after two half steps = what stays after one step
      const half = delayShare(delay!, dt! / 2);
      expect((1 - half) ** 2).toBeCloseTo(1 - s, 14);
    }
  });
});

describe("delayedOutflow", () => {
  it("matches its @example to the formula stock·(1 − e^(−dt/delay)) ≈ 2,551.5", () => {
    // The JSDoc example reads "≈ 2,565"; the documented formula gives 9000·(1 − e^(−30.4375/91.3))
    // = 2,551.51 (2,565 is 9000 × 0.285). The formula is what is tested here; see the report.
    expect(delayedOutflow(9_000, 91.3, 30.4375)).toBeCloseTo(9_000 * (1 - Math.exp(-30.4375 / 91.3)), 8);
    expect(Math.abs(delayedOutflow(9_000, 91.3, 30.4375) - 2_551.5)).toBeLessThan(0.1);
  });

  it("is stock × delayShare", () => {
    for (const [stock, delay, dt] of [[9_000, 91.3, 30.4375], [1e5, 30, 1], [42, 182.6, 31]]) {
      expect(delayedOutflow(stock!, delay!, dt!)).toBeCloseTo(stock! * delayShare(delay!, dt!), 8);
    }
  });

  it("releases the whole stock for a zero delay", () => {
    expect(delayedOutflow(9_000, 0, 30)).toBe(9_000);
    expect(delayedOutflow(9_000, 0, 1)).toBe(9_000);
  });

  it("never releases more than the stock", () => {
    expect(delayedOutflow(9_000, 1, 1e6)).toBeLessThanOrEqual(9_000);
    expect(delayedOutflow(9_000, 1, 1e6)).toBeCloseTo(9_000, 8);
    expect(delayedOutflow(0, 30, 30)).toBe(0);
  });
});
