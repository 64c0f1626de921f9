import { describe, expect, it } from "vitest";
import { runBlock } from "../../src/engine/block.js";
import type { BlockResult } from "../../src/engine/block-result.js";
import { ExactSums, scaledExact, unscaled } from "../../src/engine/exact-sum.js";
import { prepareRun } from "../../src/engine/run.js";
import { bucketValues, sketchLayout, SKETCH_ALPHA, SKETCH_RANGES, slotCount, slotValue } from "../../src/engine/sketch-layout.js";
import { RunSummary } from "../../src/engine/store.js";
import { createStream } from "../../src/engine/rng.js";
import { Projection } from "../../src/results/projection.js";
import { mergeProjections, projectionFromShard, shardToText } from "../../src/results/shard.js";
import { summarizeEvent, summarizeEventCounts } from "../../src/analysis/events.js";

/** A sketch-mode run (21 blocks, above EXACT_RUNS) computed block by block, to recombine. */
const options = { runs: 21_504, horizonMonths: 4, step: "month", seed: 3 } as const;
const run = prepareRun("dprk-waves", options);
const results: BlockResult[] = run.blocks.map(([block, first, count]) => runBlock(run.plan, block, first, count));

function summaryOf(blocks: readonly BlockResult[]): RunSummary {
  const summary = new RunSummary(options.runs, options.horizonMonths, run.plan.thresholds, run.plan.summary, results.length);
  for (const b of blocks) summary.accept(b);
  return summary;
}

/** Every byte of a sketch: counts, event histogram, exact sums, blocks in. */
function sketchBytes(summary: RunSummary): string {
  const s = summary.sketch!;
  const hex = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");
  return [...s.counts.map(hex), hex(s.events), hex(s.blocksIn), ...s.sums.toStrings()].join("|");
}

const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const u = createStream(seed, "test-shuffle");
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(u() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe("run sketches: merge is exact and order-free", () => {
  const whole = summaryOf(results);
  const wholeBytes = sketchBytes(whole);
  const wholeJson = JSON.stringify(new Projection(whole, run.meta).toJSON());

  it("any order of the blocks gives identical bytes (sketch and Projection.toJSON)", () => {
    for (const seed of [1, 2, 3]) {
      const summary = summaryOf(shuffled(results, seed));
      expect(sketchBytes(summary)).toBe(wholeBytes);
      expect(JSON.stringify(new Projection(summary, run.meta).toJSON())).toBe(wholeJson);
    }
  });

  it("any split into shards, merged in any order (and through shard text), gives identical bytes", () => {
    for (const seed of [4, 5]) {
      const order = shuffled(results, seed);
      const cuts = [0, 3, 11, 12, order.length];
      const parts = cuts.slice(1).map((end, k) => new Projection(summaryOf(order.slice(cuts[k], end)), run.meta));
      const merged = mergeProjections(shuffled(parts, seed).map((p) => projectionFromShard(shardToText(p))));
      expect(sketchBytes(merged.summary)).toBe(wholeBytes);
      expect(JSON.stringify(merged.toJSON())).toBe(wholeJson);
    }
    const half = new Projection(summaryOf(results.slice(0, 5)), run.meta);
    expect(() => mergeProjections([half, half])).toThrow(/block 0 \(paths 0…\) appears twice/);
  });

  it("keeps no block: memory does not grow with the blocks added", () => {
    expect(whole.blocks).toHaveLength(0);
    expect(whole.pathsPresent).toBe(options.runs);
    expect(whole.complete).toBe(true);
  });

  it("first-passage histograms give exactly the per-path event summaries", () => {
    const u = createStream(7, "test-months");
    const months = Float64Array.from({ length: 5000 }, () => (u() < 0.3 ? Infinity : Math.floor(u() * 61)));
    const counts = new Uint32Array(62);
    for (const m of months) counts[m === Infinity ? 61 : m]! += 1;
    expect(summarizeEventCounts("occupiedShare", 0.3, counts)).toEqual(summarizeEvent("occupiedShare", 0.3, months));
  });
});

describe("exact sums", () => {
  it("are exact and order-free for addends of any magnitude", () => {
    const u = createStream(11, "test-sums");
    const values = Float64Array.from({ length: 2000 }, () => (u() - 0.3) * 10 ** Math.floor(u() * 40 - 20));
    const totals = [1, 2, 3].map((seed) => {
      const sums = new ExactSums(1);
      for (const v of shuffled(Array.from(values), seed)) sums.addAll(Float64Array.of(v));
      return sums.toStrings()[0];
    });
    expect(new Set(totals).size).toBe(1);
    // (0.1 + 0.2) − 0.1 is 0.20000000000000004 in floating point; exact sums give 0.2.
    expect(unscaled(scaledExact(0.1) + scaledExact(0.2) - scaledExact(0.1))).toBe(0.2);
    expect(unscaled(scaledExact(1e300) + scaledExact(1) - scaledExact(1e300))).toBe(1);
    expect(unscaled(scaledExact(-5e-324))).toBe(-5e-324);
  });
});

describe("sketch layout", () => {
  const layout = sketchLayout([117_718.2, 0.195, 700_000, 8000, 400_000, 0, 0, 0, 0]);

  it(`represents every value within α = ${SKETCH_ALPHA} of its distance to the reference`, () => {
    const u = createStream(12, "test-layout");
    SKETCH_RANGES.forEach((range, s) => {
      const ref = layout.reference[s]!;
      const values = Float64Array.from({ length: 4000 }, () => ref + (u() < 0.5 ? -1 : 1) * range.min * (range.max / range.min) ** u());
      const slots = new Uint16Array(values.length);
      bucketValues(layout, s, values, slots, 0);
      values.forEach((v, i) => {
        const d = Math.abs(v - ref);
        expect(Math.abs(slotValue(layout, s, slots[i]!) - v)).toBeLessThanOrEqual(
          d <= range.min ? range.min : SKETCH_ALPHA * d * (1 + 1e-9),
        );
      });
    });
  });

  it("counts values beyond the range, and non-finite ones, in the overflow slots (never silently)", () => {
    const s = 2;
    const slots = new Uint16Array(4);
    bucketValues(layout, s, Float64Array.of(layout.reference[s]! + 2e9, -2e9, NaN, layout.reference[s]!), slots, 0);
    expect(Array.from(slots)).toEqual([slotCount(layout, s) - 1, 0, slotCount(layout, s) - 1, layout.buckets[s]! + 1]);
    expect(slotValue(layout, s, 0)).toBe(-Infinity);
    expect(slotValue(layout, s, layout.buckets[s]! + 1)).toBe(layout.reference[s]);
  });
});
