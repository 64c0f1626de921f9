import { describe, expect, it } from "vitest";
import { simulateSync, type RunStore } from "../../src/index.js";

/** Per-path accounting: initial + inflows + returns − losses − desertion = final force. */
function checkPaths(store: RunStore, total: number) {
  const { runs, months, series, initial, accounting } = store;
  const acc = accounting!;
  let worst = 0;
  for (let m = 0; m < months; m += 1) {
    for (let i = 0; i < runs; i += 1) {
      const at = m * runs + i;
      const russia =
        initial.russiaForce[i]! + acc.russiaJoined[at]! + acc.russiaReturned[at]! - series.russiaLosses[at]! - acc.russiaDeserted[at]!;
      const ukraine =
        initial.ukraineForce[i]! + acc.ukraineJoined[at]! + acc.ukraineReturned[at]! - series.ukraineLosses[at]! - acc.ukraineDeserted[at]!;
      const dprk = initial.dprkForce[i]! + acc.dprkArrived[at]! + acc.dprkReturned[at]! - series.dprkLosses[at]!;
      const scale = (x: number) => Math.max(1, Math.abs(x));
      worst = Math.max(
        worst,
        Math.abs(russia - series.russiaForce[at]!) / scale(initial.russiaForce[i]!),
        Math.abs(ukraine - series.ukraineForce[at]!) / scale(initial.ukraineForce[i]!),
        Math.abs(dprk - series.dprkForce[at]!) / scale(initial.dprkForce[i]! + acc.dprkArrived[at]!),
      );
      for (const name of [
        "russiaForce",
        "dprkForce",
        "ukraineForce",
        "russiaLosses",
        "dprkLosses",
        "ukraineLosses",
        "occupiedKm2",
      ] as const) {
        const v = series[name][at]!;
        if (!(v >= 0)) throw new Error(`${name} = ${v} at month ${m}, path ${i}`);
      }
      for (const name of [
        "russiaJoined",
        "russiaReturned",
        "russiaDeserted",
        "ukraineJoined",
        "ukraineReturned",
        "dprkArrived",
        "dprkReturned",
      ] as const) {
        if (!(acc[name][at]! >= 0)) throw new Error(`${name} = ${acc[name][at]} at month ${m}, path ${i}`);
      }
      const share = series.occupiedShare[at]!;
      if (!(share >= 0 && share <= 1) || series.occupiedKm2[at]! > total) throw new Error(`occupied ${share} at month ${m}, path ${i}`);
    }
  }
  return worst;
}

const cases: Array<[string, unknown, "day" | "month", number]> = [
  ["baseline, day step", "baseline", "day", 36],
  ["dprk-waves, month step, 100 years", "dprk-waves", "month", 1200],
  ["ceasefire-pressure, day step", "ceasefire-pressure", "day", 24],
  [
    "desertion, training delay and a small Ukraine",
    {
      extends: "baseline",
      ukraine: { initialForce: 60_000, desertionPerMonth: 0.02, trainingMonths: 2 },
      russia: { desertionPerMonth: 0.01, trainingMonths: 1 },
    },
    "day",
    36,
  ],
  [
    "huge waves beyond the DPRK pool",
    { extends: "dprk-waves", dprk: { deployablePool: 20_000, furtherWaves: { ratePerYear: 6, size: 50_000 } } },
    "month",
    240,
  ],
];

describe("per-path invariants (keepPaths)", () => {
  for (const [label, scenario, step, months] of cases) {
    it(`${label}: conservation to 1e-6 relative, no negative stock, 0 ≤ occupied ≤ total, no NaN`, () => {
      const projection = simulateSync(scenario, { runs: 64, horizonMonths: months, step, keepPaths: true, seed: 11 });
      const worst = checkPaths(projection.paths!, 603_628);
      expect(worst).toBeLessThan(1e-6);
      expect(JSON.stringify(projection.toJSON())).not.toMatch(/NaN|Infinity/);
    });
  }

  it("the DPRK pool caps deployments and the excess is counted, not lost silently", () => {
    const projection = simulateSync(cases[4]![1], { runs: 64, horizonMonths: 240, step: "month", keepPaths: true, seed: 11 });
    const { runs, months, initial, accounting } = projection.paths!;
    let beyond = 0;
    for (let i = 0; i < runs; i += 1) {
      const at = (months - 1) * runs + i;
      expect(initial.dprkForce[i]! + accounting!.dprkArrived[at]!).toBeLessThanOrEqual(20_000 + 1e-6);
      beyond += accounting!.dprkBeyondPool[at]!;
    }
    expect(beyond).toBeGreaterThan(0);
  });
});
