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

describe("shards written before projection@2 (shard@1, shard@2)", () => {
  // They kept no monthly counts of the paths offensive and in ceasefire, so nothing could be
  // merged into projection@2's probabilities: they are refused, saying why and what to do.
  it("are refused with a message saying why and what to do", () => {
    const options = { runs: 3000, horizonMonths: 18, step: "month", seed: 4 } as const;
    const current = shardToText(simulateSync("dprk-waves", { ...options, runRange: [0, 2048] }));
    expect(current).toContain('"schema":"attrition-sim/shard@3"');
    for (const old of ["attrition-sim/shard@1", "attrition-sim/shard@2"])
      expect(() => projectionFromShard(current.replace("attrition-sim/shard@3", old))).toThrow(
        new RegExp(
          `got ${old}: it was written before projections counted the paths offensive and in ceasefire .* re-run that shard with this version`,
        ),
      );
    expect(() => projectionFromShard(current.replace("attrition-sim/shard@3", "attrition-sim/shard@9"))).toThrow(
      /expected schema "attrition-sim\/shard@3"/,
    );
  });
});
