import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario, simulateSync } from "../../src/index.js";
import { UKRAINE_AREA_KM2 } from "../../src/scenario/article.js";
import { CLAIMS_BIAS_POINT } from "../../src/scenario/article-scenario.js";
import { median } from "../../src/scenario/distribution-math.js";

/** Calibration targets of DESIGN §3, with the dynamics switches that make them deterministic. */
const quiet = { noise: "off", events: "off" } as const;

describe("calibration targets", () => {
  it("F12: 83 ± 1 years to take the remaining 80% (frozen forces, offensive regime, noise and events off, A0 = 0.2·T)", () => {
    const scenario = {
      extends: "article",
      dynamics: { forces: "frozen", regime: "offensive", ...quiet },
      territory: { initialOccupiedKm2: 0.2 * UKRAINE_AREA_KM2 },
    };
    for (const step of ["day", "month"] as const) {
      const years = simulateSync(scenario, { runs: 1, horizonMonths: 1200, step }).event(1).quantiles.p50! / 12;
      expect(years, `step ${step}`).toBeGreaterThanOrEqual(82);
      expect(years, `step ${step}`).toBeLessThanOrEqual(84);
    }
  });

  it("F10: cumulative (LR + LK) / LU over the first 12 months = ρ ± 0.1 (noise off)", () => {
    const rho = median(parseScenario("article").attrition.exchangeRatio.spec);
    const json = simulateSync({ extends: "article", dynamics: quiet }, { runs: 1, horizonMonths: 12 }).toJSON();
    const ratio = (json.series.russiaLosses.p50[11]! + json.series.dprkLosses.p50[11]!) / json.series.ukraineLosses.p50[11]!;
    expect(Math.abs(ratio - rho)).toBeLessThanOrEqual(0.1);
  });

  it("F3: a 10,000-strong DPRK contingent loses 40 ± 3% in 5 months (hindcast Dec 2024 – Apr 2025, noise off)", () => {
    const scenario = { extends: "hindcast-2024-11", dynamics: quiet, dprk: { initialForce: 10_000, waves: [] } };
    const json = simulateSync(scenario, { runs: 1, horizonMonths: 5 }).toJSON();
    expect(json.months[4]).toBe("2025-04-30");
    expect(json.series.dprkLosses.p50[4]! / 10_000).toBeCloseTo(0.4, 1);
    expect(Math.abs(json.series.dprkLosses.p50[4]! / 10_000 - 0.4)).toBeLessThanOrEqual(0.03);
  });

  const hindcast = () => simulateSync({ extends: "hindcast-2024-11", dynamics: quiet }, { runs: 1, horizonMonths: 7 }).toJSON();

  it("F6/F7: hindcast-2024-11 (600k on 2024-12-01) reaches 640k ± 15k by 2025-06-30", () => {
    const json = hindcast();
    expect(json.months[6]).toBe("2025-06-30");
    expect(Math.abs(json.series.russiaForce.p50[6]! - 640_000)).toBeLessThanOrEqual(15_000);
  });

  it("hindcast: modelled claimed losses (true × bias point) are within 15% of each monthly increment 2025-01…06", () => {
    const rows = readFileSync(new URL("../../data/russia_personnel_losses_monthly.csv", import.meta.url), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(","));
    const observed = new Map(rows.map((r) => [r[0]!, Number(r[3])]));
    const json = hindcast();
    const cumulative = (m: number) => json.series.russiaLosses.p50[m]! + json.series.dprkLosses.p50[m]!;
    for (let m = 1; m <= 6; m += 1) {
      const month = json.months[m]!.slice(0, 7);
      const modelled = (cumulative(m) - cumulative(m - 1)) * CLAIMS_BIAS_POINT;
      const claimed = observed.get(month)!;
      expect(claimed, month).toBeGreaterThan(0);
      expect(Math.abs(modelled / claimed - 1), `${month}: modelled ${modelled.toFixed(0)} vs claimed ${claimed}`).toBeLessThanOrEqual(0.15);
    }
  });
});
