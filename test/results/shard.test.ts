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

  it("also with sketch summaries (runs above the exact limit), through shard text", () => {
    const big = { runs: 21_504, horizonMonths: 3, step: "month", seed: 9 } as const;
    const single = JSON.stringify(simulateSync("baseline", big).toJSON());
    const parts = [
      [0, 10_240],
      [10_240, 21_504],
    ].map((range) => projectionFromShard(shardToText(simulateSync("baseline", { ...big, runRange: range as [number, number] }))));
    expect(JSON.stringify(mergeProjections(parts).toJSON())).toBe(single);
    expect(JSON.stringify(mergeProjections([...parts].reverse()).toJSON())).toBe(single);
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

describe("shards of the former compressed mode (shard@1 above 20,480 runs)", () => {
  // Their accuracy is now test/engine/sketch-error.test.ts; old compressed shards are refused, old exact ones still read.
  it("are refused with a message saying why; @1 exact shards are still read", () => {
    const options = { runs: 3000, horizonMonths: 18, step: "month", seed: 4 } as const;
    const whole = JSON.stringify(simulateSync("dprk-waves", options).toJSON());
    const old = JSON.stringify({ schema: "attrition-sim/shard@1", meta: {}, thresholds: [], mode: "compressed", blocks: [] });
    expect(() => projectionFromShard(old)).toThrow(/former "compressed" summaries .* re-run that shard/);
    const exact = shardToText(simulateSync("dprk-waves", { ...options, runRange: [0, 2048] })).replace(
      "attrition-sim/shard@2",
      "attrition-sim/shard@1",
    );
    const b = projectionFromShard(shardToText(simulateSync("dprk-waves", { ...options, runRange: [2048, 3000] })));
    expect(JSON.stringify(mergeProjections([projectionFromShard(exact), b]).toJSON())).toBe(whole);
  });
});
