import { describe, expect, it } from "vitest";
import { parseScenario, simulateSync } from "../../src/index.js";
import { median } from "../../src/scenario/distribution-math.js";
import { OBSERVATION_SETTINGS } from "../../src/scenario/observation-settings.js";

// The engine's `claimedLosses` series: what the General Staff would claim (model/observation.ts),
// month by month ΔC = ΔL · b(t) · exp(s_C z), ln b a random walk from the path's claimsBias draw.
describe("claimedLosses", () => {
  it("with the noise off, is the Russian-side losses × the median claims bias, every month", () => {
    const bias = median(parseScenario("article").attrition.claimsBias.spec);
    const store = simulateSync(
      { extends: "article", dynamics: { noise: "off", events: "off" } },
      { runs: 2, horizonMonths: 24, keepPaths: true },
    ).paths!;
    const { russiaLosses, dprkLosses, claimedLosses } = store.series;
    expect(claimedLosses[0]).toBeGreaterThan(0);
    claimedLosses.forEach((c, k) => {
      expect(Math.abs(c - (russiaLosses[k]! + dprkLosses[k]!) * bias)).toBeLessThanOrEqual(1e-9 * c);
    });
  });

  it("with the noise on, a month's log claims ÷ losses has mean ln b₀ and sd √((m − 1) σ_b² + s_C²)", () => {
    // claimsBias fixed at 1.05, so the only spread is the walk's and the scatter's (σ_b = 0.02, s_C = 0.05).
    const runs = 4096,
      month = 24;
    const store = simulateSync(
      { extends: "article", dynamics: { events: "off" }, attrition: { claimsBias: 1.05 } },
      { runs, horizonMonths: month, keepPaths: true, seed: 3 },
    ).paths!;
    const { russiaLosses, dprkLosses, claimedLosses } = store.series;
    const at = (series: Float64Array, m: number, i: number) => (m < 0 ? 0 : series[m * runs + i]!);
    const logRatios: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const m = month - 1;
      const lost = at(russiaLosses, m, i) + at(dprkLosses, m, i) - at(russiaLosses, m - 1, i) - at(dprkLosses, m - 1, i);
      const claimed = at(claimedLosses, m, i) - at(claimedLosses, m - 1, i);
      if (lost > 0) logRatios.push(Math.log(claimed / lost));
    }
    expect(logRatios.length).toBe(runs);
    const mean = logRatios.reduce((a, b) => a + b, 0) / runs;
    const sd = Math.sqrt(logRatios.reduce((a, x) => a + (x - mean) ** 2, 0) / (runs - 1));
    const { claimsBiasDriftSd, claimsLogSd } = OBSERVATION_SETTINGS;
    const expectedSd = Math.sqrt((month - 1) * claimsBiasDriftSd ** 2 + claimsLogSd ** 2); // 0.108
    // Standard errors at 4,096 paths: the mean's 0.0017, the sd's 0.0012; tolerances ≈ 5 of them.
    // Without the walk the sd would be 0.05, without the scatter 0.096.
    expect(Math.abs(mean - Math.log(1.05))).toBeLessThanOrEqual(0.008);
    expect(Math.abs(sd - expectedSd)).toBeLessThanOrEqual(0.006);
  });
});
