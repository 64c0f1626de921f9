import { describe, expect, it } from "vitest";
import { SERIES, type SeriesName } from "../../src/engine/store.js";
import { QUANTILE_KEYS } from "../../src/analysis/quantiles.js";
import { presetNames } from "../../src/scenario/presets.js";
import { simulateSync } from "../../src/results/simulate.js";

/**
 * The default step (each calendar month in 12 equal sub-steps) against the daily reference
 * (`step: "day"`), as issue 12 sets the bar: at 10,240 runs, seed 1 and 120 months, for every
 * preset, series and month, every median within 0.5% and every reported quantile within 1%,
 * relative to max(|reference|, 1% of the series' start value) — or, for a series starting at 0
 * (the losses), 1% of the reference p95 that month. Both steps use the same monthly draws.
 * Measured when this test was added (8 sub-steps): worst median 0.33% (hindcast-2024-11,
 * dprkForce, month 78), worst quantile 0.65% (ceasefire-pressure, dprkForce p05, month 111). With
 * the presets on the shipped posterior, 8 sub-steps missed (dprk-waves dprkForce p05 month 118:
 * 1.09%). At 12, against the day step with its daily refresh (refresh.test.ts): worst median
 * 0.29% (baseline dprkForce, month 108), worst quantile 0.94% (ceasefire-pressure, dprkForce p05,
 * month 111) — close to the bound on that small series.
 */
const RUNS = 10_240,
  MONTHS = 120;

interface Worst {
  error: number;
  where: string;
}

function worstGaps(preset: string): { median: Worst; quantile: Worst } {
  const options = { runs: RUNS, horizonMonths: MONTHS, seed: 1 } as const;
  const reference = simulateSync(preset, { ...options, step: "day" }).toJSON();
  const month = simulateSync(preset, options).toJSON();
  expect(month.options.step).toBe("month");
  const median: Worst = { error: 0, where: "" },
    quantile: Worst = { error: 0, where: "" };
  for (const name of SERIES as readonly SeriesName[]) {
    const ref = reference.series[name],
      got = month.series[name];
    const start = reference.initial[name];
    for (let m = 0; m < MONTHS; m += 1) {
      const floor = start !== 0 ? 0.01 * Math.abs(start) : 0.01 * Math.abs(ref.p95[m]!);
      for (const key of QUANTILE_KEYS) {
        const b = ref[key][m]!,
          a = got[key][m]!;
        const error = Math.abs(a - b) / Math.max(Math.abs(b), floor);
        const where = `${preset} ${name} ${key} month ${m + 1}: ${a} vs ${b}`;
        if (key === "p50" && error > median.error) Object.assign(median, { error, where });
        if (error > quantile.error) Object.assign(quantile, { error, where });
      }
    }
  }
  return { median, quantile };
}

describe("the default month step reproduces the daily reference", () => {
  for (const preset of presetNames) {
    it(`${preset}: medians within 0.5%, every quantile within 1%`, { timeout: 60_000 }, () => {
      const { median, quantile } = worstGaps(preset);
      expect(median.error, median.where).toBeLessThan(0.005);
      expect(quantile.error, quantile.where).toBeLessThan(0.01);
      // A shortcut, not the same computation: if this failed, the test would compare a step with itself.
      expect(quantile.error).toBeGreaterThan(0);
    });
  }
});
