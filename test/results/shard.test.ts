import { describe, expect, it } from "vitest";
import { OptionsError, simulateSync } from "../../src/index.js";
import { mergeProjections, projectionFromShard, shardToText } from "../../src/results/shard.js";

describe("shards: runRange + mergeProjections", () => {
  const options = { runs: 3000, horizonMonths: 18, step: "month", seed: 4 } as const;
  const whole = JSON.stringify(simulateSync("dprk-waves", options).toJSON());

  it("two shards, written as text and read back, merge into exactly the single run", () => {
    const a = projectionFromShard(shardToText(simulateSync("dprk-waves", { ...options, runRange: [0, 2048] })));
    const b = projectionFromShard(shardToText(simulateSync("dprk-waves", { ...options, runRange: [2048, 3000] })));
    expect(JSON.stringify(mergeProjections([b, a]).toJSON())).toBe(whole);
  });

  it("also in compressed mode (runs above the exact limit)", () => {
    const big = { runs: 21_504, horizonMonths: 3, step: "month", seed: 9 } as const;
    const single = JSON.stringify(simulateSync("baseline", big).toJSON());
    const parts = [
      [0, 10_240],
      [10_240, 21_504],
    ].map((range) => simulateSync("baseline", { ...big, runRange: range as [number, number] }));
    expect(JSON.stringify(mergeProjections(parts).toJSON())).toBe(single);
  });

  it("a shard refuses to summarise itself, and bad merges are refused", () => {
    const part = simulateSync("dprk-waves", { ...options, runRange: [0, 1024] });
    expect(() => part.toJSON()).toThrow(/shard with 1024 of 3000 paths/);
    expect(() => mergeProjections([part])).toThrow(/cover all 3000 paths/);
    expect(() => mergeProjections([part, part])).toThrow(/block 0/);
    const other = simulateSync("dprk-waves", { ...options, seed: 5, runRange: [1024, 3000] });
    expect(() => mergeProjections([part, other])).toThrow(OptionsError);
    expect(() => simulateSync("baseline", { runs: 3000, runRange: [100, 2048] })).toThrow(/multiples of 1024/);
    expect(() => projectionFromShard("{}")).toThrow(/schema/);
  });
});

describe("compressed summaries (runs above the exact limit)", () => {
  // Bound by construction: 4 of 1,024 paths per block (0.39%); measured here: 0.10%.
  it("have a rank error ≤ 0.5% against the exact quantiles of the same paths", () => {
    const options = { runs: 21_504, horizonMonths: 12, step: "month", seed: 13 } as const;
    const compressed = simulateSync("baseline", options);
    const exact = simulateSync("baseline", { ...options, keepPaths: true }).paths!;
    let worst = 0;
    for (const name of ["occupiedKm2", "russiaForce", "ukraineLosses", "dprkForce"] as const) {
      const summary = compressed.series(name);
      for (const m of [0, 5, 11]) {
        const values = Float64Array.from({ length: options.runs }, (_, i) => Math.fround(exact.series[name][m * options.runs + i]!)).sort();
        for (const [key, p] of [
          ["p05", 0.05],
          ["p25", 0.25],
          ["p50", 0.5],
          ["p75", 0.75],
          ["p95", 0.95],
        ] as const) {
          const q = summary[key][m]!;
          // rank interval of q among the exact values
          let below = 0,
            atOrBelow = 0;
          for (const v of values) {
            if (v < q) below += 1;
            if (v <= q) atOrBelow += 1;
          }
          const target = p * (options.runs - 1);
          const error = target < below ? below - target : target > atOrBelow ? target - atOrBelow : 0;
          worst = Math.max(worst, error / options.runs);
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(0.005);
  });
});
