import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { breakthroughProbability, breakthroughProbabilityFromLog, ceasefireHazard, isCollapsed } from "../../src/model/events.js";

describe("breakthroughProbability", () => {
  it("matches its @example: 0.02 · 1.2² = 0.0288", () => {
    expect(breakthroughProbability(0.02, 1.2, 2)).toBeCloseTo(0.0288, 15);
  });

  it("is p at parity (x = 1) for any exponent", () => {
    for (const kappa of [0, 1, 2, 5]) {
      for (const p of [0, 0.01, 0.02, 0.5]) expect(breakthroughProbability(p, 1, kappa)).toBe(p);
    }
  });

  it("is p·x^κ: likelier as the force ratio grows", () => {
    expect(breakthroughProbability(0.02, 2, 3)).toBeCloseTo(0.16, 14);
    expect(breakthroughProbability(0.02, 0.5, 2)).toBeCloseTo(0.005, 14);
    expect(breakthroughProbability(0.02, 1.5, 2)).toBeGreaterThan(breakthroughProbability(0.02, 1.2, 2));
  });

  it("from ln x is p · x^κ to within rounding (the engine's form), with 0^0 = 1 as Math.pow", () => {
    expect(breakthroughProbabilityFromLog(0.02, Math.log(1.2), 2)).toBeCloseTo(0.0288, 15);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (p, x, k) => {
          const expected = Math.min(1, p * Math.pow(x, k));
          expect(Math.abs(breakthroughProbabilityFromLog(p, Math.log(x), k) - expected)).toBeLessThanOrEqual(
            1e-12 * Math.max(expected, 1e-300),
          );
        },
      ),
    );
    expect(breakthroughProbability(0.02, 0, 0)).toBe(0.02);
    expect(breakthroughProbability(0.02, 0, 2)).toBe(0);
    expect(breakthroughProbabilityFromLog(0.02, NaN, 2)).toBe(1);
  });

  it("is capped at 1", () => {
    expect(breakthroughProbability(0.02, 10, 2)).toBe(1);
    expect(breakthroughProbability(0.5, 1e100, 4)).toBe(1);
  });

  it("is 1 at x = Infinity when p > 0 and 0 when p = 0", () => {
    expect(breakthroughProbability(0.02, Infinity, 2)).toBe(1);
    expect(breakthroughProbability(1e-9, Infinity, 0)).toBe(1);
    expect(breakthroughProbability(0, Infinity, 2)).toBe(0);
  });

  it("stays in [0, 1] (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.oneof(fc.double({ min: 0, max: 1e300, noNaN: true }), fc.constant(Infinity)),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (p, x, kappa) => {
          const b = breakthroughProbability(p, x, kappa);
          return b >= 0 && b <= 1;
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe("isCollapsed", () => {
  it("matches its @example: 150,000 < 0.4 · 400,000", () => {
    expect(isCollapsed(150_000, 400_000, 0.4)).toBe(true);
  });

  it("is false at and above the share, true strictly below", () => {
    expect(isCollapsed(160_000, 400_000, 0.4)).toBe(false);
    expect(isCollapsed(159_999, 400_000, 0.4)).toBe(true);
    expect(isCollapsed(400_000, 400_000, 0.4)).toBe(false);
    expect(isCollapsed(0, 400_000, 0)).toBe(false);
  });
});

describe("ceasefireHazard", () => {
  it("matches its @example: 0.01 + 0.005·4 = 0.03", () => {
    expect(ceasefireHazard(0.01, 0.005, 4)).toBeCloseTo(0.03, 15);
  });

  it("is the base hazard outside a stalemate and grows linearly with its length", () => {
    expect(ceasefireHazard(0.01, 0.005, 0)).toBe(0.01);
    expect(ceasefireHazard(0.01, 0.005, 10)).toBeCloseTo(0.06, 15);
    expect(ceasefireHazard(0.01, 0, 100)).toBe(0.01);
  });

  it("is capped at 1", () => {
    expect(ceasefireHazard(0.01, 0.005, 1_000)).toBe(1);
    expect(ceasefireHazard(1, 0.1, 5)).toBe(1);
  });

  it("never exceeds 1 (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        (base, per, months) => {
          const h = ceasefireHazard(base, per, months);
          return h >= 0 && h <= 1;
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
