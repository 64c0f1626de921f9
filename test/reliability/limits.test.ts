/**
 * Resource limits and numerical edges (issue 6, items 3 and 6).
 * - A run whose per-path results would exceed MAX_STORE_BYTES (2 GiB) is refused with an
 *   OptionsError before anything is allocated — tested at the exact boundary; the estimate is
 *   not optimistic (what a run really holds stays under it); the horizon is capped at 1,200
 *   months; `runs` must be an integer.
 * - The laws stay finite at every edge the schema allows: a step never takes more than the
 *   stock, a force at zero divides by nothing, the territory law is finite for any exponent.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OptionsError, simulateSync } from "../../src/index.js";
import { DEFAULT_THRESHOLDS, MAX_HORIZON_MONTHS, MAX_RUNS, MAX_STORE_BYTES, resolveOptions } from "../../src/engine/options.js";
import { EXACT_RUNS, storeBytes } from "../../src/engine/store.js";
import {
  lossOverStep,
  MAX_HAZARD_PER_DAY,
  MAX_LOSS_RATE_PER_DAY,
  perCapitaHazard,
  russiaSideHazardPerDay,
  russiaSideLossesPerDay,
  ukraineLossesPerDay,
} from "../../src/model/attrition.js";
import { breakthroughProbability } from "../../src/model/events.js";
import { boundArea, forceRatioEffect, offensiveGain, relativeForceRatio } from "../../src/model/territory.js";
import { PROPERTY_SEED } from "./helpers.js";

const thresholds = DEFAULT_THRESHOLDS.length;

/** Largest run count in [lo, hi] whose store fits the cap (storeBytes is monotone there). */
function largestFitting(lo: number, hi: number, months: number, keepPaths: boolean): number {
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (storeBytes(mid, months, keepPaths, thresholds) <= MAX_STORE_BYTES) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, none was thrown");
}

const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

describe("the memory cap (MAX_STORE_BYTES = 2 GiB) is checked before allocating", () => {
  const configs: [string, number, boolean, number][] = [
    // label, months, keepPaths, smallest runs of the range where storeBytes is monotone
    ["keepPaths, 1,200 months", 1200, true, 1],
    ["keepPaths, 120 months", 120, true, 1],
  ];

  it.each(configs)(
    "%s: N runs pass the size check, N + 1 are refused with an OptionsError at `runs`",
    (_label, months, keepPaths, from) => {
      const n = largestFitting(from, MAX_RUNS, months, keepPaths);
      expect(n).toBeLessThan(MAX_RUNS);
      expect(storeBytes(n, months, keepPaths, thresholds)).toBeLessThanOrEqual(MAX_STORE_BYTES);
      expect(storeBytes(n + 1, months, keepPaths, thresholds)).toBeGreaterThan(MAX_STORE_BYTES);
      const options = { horizonMonths: months, keepPaths, step: "month" as const };
      const before = memory();
      const started = performance.now();
      // N + 1: refused by the size check itself.
      const refused = thrown(() => simulateSync("baseline", { ...options, runs: n + 1 }));
      expect(refused).toBeInstanceOf(OptionsError);
      expect((refused as OptionsError).path).toBe("runs");
      expect((refused as OptionsError).message).toMatch(
        /^runs: expected a run that fits in 2 GiB .* got \d+ runs × \d+ months.* GiB; use fewer runs or months$/,
      );
      // N: passes the size check and fails only at a later one (an unknown parameterUniforms
      // path, checked before allocation) — so nothing of the 2 GiB is ever allocated either way.
      const later = thrown(() => simulateSync("baseline", { ...options, runs: n, parameterUniforms: { "not.a.parameter": [] } }));
      expect(later).toBeInstanceOf(OptionsError);
      expect((later as OptionsError).path).toBe("parameterUniforms.not.a.parameter");
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(memory() - before).toBeLessThan(64 * 1024 ** 2);
    },
  );

  it("the estimate is not optimistic: a run holds no more than storeBytes (+ a fixed allowance)", () => {
    global.gc?.();
    const before = process.memoryUsage().arrayBuffers;
    const runs = 4_096,
      months = 120;
    const projection = simulateSync("baseline", { runs, horizonMonths: months, keepPaths: true, step: "month" });
    const held = process.memoryUsage().arrayBuffers - before;
    const estimate = storeBytes(runs, months, true, thresholds);
    expect(projection.paths!.runs).toBe(runs);
    expect(held).toBeLessThan(estimate * 1.25 + 16 * 1024 ** 2);
  });

  it("above EXACT_RUNS the store is a fixed-size sketch: flat in runs, and within the cap at the largest run", () => {
    const small = storeBytes(EXACT_RUNS + 1, MAX_HORIZON_MONTHS, false, thresholds);
    const large = storeBytes(MAX_RUNS, MAX_HORIZON_MONTHS, false, thresholds);
    expect(large - small).toBeLessThan(16 * 1024); // one flag per block
    expect(large).toBeLessThan(MAX_STORE_BYTES / 4);
  });

  it("the CLI refuses such a run with one line and exit 2 (test/node/cli.test.ts: 'a run too big for memory', a compare: paths kept)", () => {
    expect(storeBytes(MAX_RUNS, MAX_HORIZON_MONTHS, true, thresholds)).toBeGreaterThan(MAX_STORE_BYTES);
  });
});

describe("run options: the horizon is capped, runs are integers", () => {
  it("1,200 months run (month step); 1,201 are refused", () => {
    expect(simulateSync("baseline", { runs: 2, horizonMonths: MAX_HORIZON_MONTHS }).months).toHaveLength(1200);
    expect((thrown(() => resolveOptions({ horizonMonths: MAX_HORIZON_MONTHS + 1 })) as OptionsError).path).toBe("horizonMonths");
  });

  it("any non-integer runs is refused, any integer in 1…MAX_RUNS accepted (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: false }).filter((x) => !Number.isInteger(x)),
        (runs) => {
          expect((thrown(() => resolveOptions({ runs })) as OptionsError).path).toBe("runs");
        },
      ),
      { seed: PROPERTY_SEED, numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_RUNS }), (runs) => {
        expect(resolveOptions({ runs }).runs).toBe(runs);
      }),
      { seed: PROPERTY_SEED, numRuns: 500 },
    );
    for (const runs of [0, -1, MAX_RUNS + 1, "10", 10n, null, true, [1], {}]) {
      expect((thrown(() => resolveOptions({ runs })) as OptionsError).path).toBe("runs");
    }
  });
});

// ── numerical edges of the laws (src/model) ─────────────────────────────────────────────────

const anyStock = fc.oneof(fc.constantFrom(0, 5e-324, 1e-300, 1e-9, 1, 1e12, 1e15), fc.double({ min: 0, max: 1e15, noNaN: true }));
const anyRate = fc.oneof(
  fc.constantFrom(0, 5e-324, 1e-9, 1, 1e12, 1e200, 1e300, Number.MAX_VALUE, Infinity),
  fc.double({ min: 0, max: 1e12, noNaN: true }),
);
const anyRatio = fc.oneof(
  fc.constantFrom(0, 5e-324, 1e-300, 1, 1e300, Number.MAX_VALUE, Infinity),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
);
const exponent = fc.oneof(fc.constantFrom(0, 1, 2), fc.double({ min: 0, max: 2, noNaN: true }));
const days = fc.oneof(fc.constantFrom(1, 28, 31, 30.4375), fc.double({ min: 1e-6, max: 31, noNaN: true }));

describe("laws at their edges (src/model): finite, never NaN", () => {
  it("a step never takes more than the stock: 0 ≤ lossOverStep ≤ stock, for any hazard and inflow", () => {
    fc.assert(
      fc.property(anyStock, anyRate, anyRate, days, (stock, inflow, hazard, dt) => {
        const loss = lossOverStep(stock, Math.min(inflow, 1e200), hazard, dt);
        expect(loss).toBeGreaterThanOrEqual(0);
        expect(loss).toBeLessThanOrEqual(stock);
      }),
      { seed: PROPERTY_SEED, numRuns: 3_000 },
    );
  });

  it("per-capita hazards are finite, ≥ 0 and capped; a force at zero has none (no division by zero)", () => {
    fc.assert(
      fc.property(anyRate, anyStock, (rate, stock) => {
        const h = perCapitaHazard(rate, stock);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(MAX_HAZARD_PER_DAY);
      }),
      { seed: PROPERTY_SEED, numRuns: 3_000 },
    );
    expect(perCapitaHazard(480, 0)).toBe(0);
    expect(perCapitaHazard(480, 5e-324)).toBe(MAX_HAZARD_PER_DAY);
    expect(perCapitaHazard(NaN, 1)).toBe(0);
    expect(russiaSideHazardPerDay(1200, 0, 0, 2)).toBe(0);
    expect(russiaSideHazardPerDay(1200, 1e-310, 0, 2)).toBe(MAX_HAZARD_PER_DAY);
    // The cap changes nothing where it could matter: 1e12 people a month against 1e-18 people.
    expect(russiaSideHazardPerDay(1e12, 1e-18, 0, 1)).toBeLessThanOrEqual(MAX_HAZARD_PER_DAY);
    expect(perCapitaHazard(36_000, 600_000)).toBe(36_000 / 600_000);
  });

  it("the attrition laws are finite and ≥ 0 for any force ratios and exponents the schema allows (0 · ∞ is no loss)", () => {
    fc.assert(
      fc.property(
        anyRate,
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        anyRatio,
        anyRatio,
        exponent,
        exponent,
        fc.double({ min: 0.2, max: 10, noNaN: true }),
        (lambda, intensity, u, r, a, b, rho) => {
          const lr = russiaSideLossesPerDay(Math.min(lambda, 1e12), intensity, u, r, a, b);
          const lu = ukraineLossesPerDay(Math.min(lambda, 1e12), rho, intensity, r, u, a, b);
          for (const v of [lr, lu]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(MAX_LOSS_RATE_PER_DAY);
          }
        },
      ),
      { seed: PROPERTY_SEED, numRuns: 3_000 },
    );
    expect(russiaSideLossesPerDay(0, 1, Infinity, 1, 2, 0)).toBe(0); // no base rate against an infinite ratio
    expect(ukraineLossesPerDay(1200, 2.5, 1, Infinity, 0, 1, 2)).toBe(0); // no Ukrainian left to lose
    expect(ukraineLossesPerDay(1200, 2.5, 1, 1, 1e250, 1, 2)).toBe(MAX_LOSS_RATE_PER_DAY); // (U/U0)^d overflowing
    // Unchanged where nothing overflows (the calibrated laws).
    expect(russiaSideLossesPerDay(1200, 1, 1, 1, 1, 0.5)).toBe(1200);
    expect(ukraineLossesPerDay(1200, 2.5, 1, 1, 1, 1, 0.5)).toBe(480);
  });

  it("the territory law is finite for every exponent, threshold and cap the schema allows, x from 0 to ∞", () => {
    const theta = fc.oneof(fc.constantFrom(0, 0.5, 1 - 1e-9, 1 - 2 ** -52), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }));
    fc.assert(
      fc.property(
        anyRatio,
        fc.double({ min: 0, max: 4, noNaN: true }),
        theta,
        fc.double({ min: 1, max: 100, noNaN: true }),
        (x, gamma, th, gmax) => {
          const g = forceRatioEffect(x, gamma, th, gmax);
          expect(Number.isFinite(g)).toBe(true);
          expect(g).toBeLessThanOrEqual(gmax);
          const gain = offensiveGain(1e12 / 30.4375, 1.9 * 3.6e5, 2e8, g, 100, 31);
          expect(Number.isFinite(gain)).toBe(true);
          const area = boundArea(117_718 + gain, 603_628);
          expect(area).toBeGreaterThanOrEqual(0);
          expect(area).toBeLessThanOrEqual(603_628);
        },
      ),
      { seed: PROPERTY_SEED, numRuns: 3_000 },
    );
    // A defender at zero: x = ∞, g = gmax, breakthroughs certain if possible at all — no NaN.
    expect(relativeForceRatio(640_000, 0, 640_000, 400_000)).toBe(Infinity);
    expect(forceRatioEffect(Infinity, 2, 0.5, 3)).toBe(3);
    expect(breakthroughProbability(0.02, Infinity, 2)).toBe(1);
    expect(breakthroughProbability(0, Infinity, 2)).toBe(0);
    expect(breakthroughProbability(0.02, 0, 0)).toBe(0.02);
  });
});
