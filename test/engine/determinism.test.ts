import { describe, expect, it } from "vitest";
import { simulateSync } from "../../src/index.js";
import { BLOCK_SIZE } from "../../src/engine/run.js";

describe("determinism and keyed random streams", () => {
  it("same seed ⇒ byte-identical JSON; another seed differs", () => {
    const a = JSON.stringify(simulateSync("baseline", { runs: 300, horizonMonths: 12, seed: 5 }).toJSON());
    const b = JSON.stringify(simulateSync("baseline", { runs: 300, horizonMonths: 12, seed: 5 }).toJSON());
    const c = JSON.stringify(simulateSync("baseline", { runs: 300, horizonMonths: 12, seed: 6 }).toJSON());
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it("a path's numbers do not depend on how many runs there are (fixed blocks)", () => {
    const small = simulateSync("baseline", { runs: BLOCK_SIZE, horizonMonths: 6, keepPaths: true }).paths!;
    const large = simulateSync("baseline", { runs: BLOCK_SIZE + 500, horizonMonths: 6, keepPaths: true }).paths!;
    for (let m = 0; m < 6; m += 1) {
      for (let i = 0; i < BLOCK_SIZE; i += 17) {
        expect(large.series.occupiedKm2[m * large.runs + i]).toBe(small.series.occupiedKm2[m * small.runs + i]);
        expect(large.series.ukraineLosses[m * large.runs + i]).toBe(small.series.ukraineLosses[m * small.runs + i]);
      }
    }
  });

  it("switching DPRK off leaves the Ukrainian-side draws and the regime and ceasefire draws unchanged", () => {
    const options = { runs: 200, horizonMonths: 24, keepPaths: true, seed: 9 } as const;
    const withDprk = simulateSync("baseline", options).paths!;
    const without = simulateSync("no-dprk", options).paths!;
    expect(Array.from(without.initial.ukraineForce)).toEqual(Array.from(withDprk.initial.ukraineForce));
    expect(Array.from(without.accounting!.regime)).toEqual(Array.from(withDprk.accounting!.regime));
    expect(Array.from(without.accounting!.ceasefire)).toEqual(Array.from(withDprk.accounting!.ceasefire));
    // …while the Russian side really changed.
    expect(Array.from(without.series.dprkLosses).every((v) => v === 0)).toBe(true);
    expect(Array.from(without.series.russiaForce)).not.toEqual(Array.from(withDprk.series.russiaForce));
  });

  it("day and month steps agree: every series' median within 2% at 10 years", () => {
    const day = simulateSync("baseline", { runs: 1000, horizonMonths: 120, step: "day", seed: 2 }).toJSON();
    const month = simulateSync("baseline", { runs: 1000, horizonMonths: 120, step: "month", seed: 2 }).toJSON();
    const gaps: Record<string, number> = {};
    for (const [name, summary] of Object.entries(day.series)) {
      const d = summary.p50[119]!;
      const m = month.series[name as keyof typeof month.series].p50[119]!;
      gaps[name] = Math.abs(m / d - 1);
    }
    for (const [name, gap] of Object.entries(gaps)) expect(gap, `${name}: ${(gap * 100).toFixed(2)}%`).toBeLessThanOrEqual(0.02);
  });
});
