import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedPosterior, simulateSync } from "../../src/index.js";

// Pins the numbers. A refactor keeps these hashes; a change that moves numbers rewrites
// golden.json (GOLDEN_UPDATE=1 npx vitest run test/engine/golden.test.ts) in that commit only
// and states in its message the largest relative change of any median.
const GOLDEN = new URL("./golden.json", import.meta.url);
// `article` is v1's scenario (the old `baseline`); `baseline` and the presets on it start from the
// shipped posterior's draws and states (loaded before the tests: simulateSync cannot load it).
const PRESETS = ["article", "baseline", "dprk-waves", "ceasefire-pressure"] as const;
// At 60 months the default step is the day step; both keys are kept so that a change of the
// default shows up as a change of "default" alone. The month step is pinned as well.
const STEPS = { day: "day", month: "month", default: undefined } as const;
const RUNS = 2048,
  SEED = 1,
  MONTHS = 60;

function sha(chunks: Iterable<ArrayBufferView>): string {
  const hash = createHash("sha256");
  for (const c of chunks) hash.update(new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
  return hash.digest("hex");
}

function hashes(preset: string, step: "day" | "month" | undefined): { paths: string; json: string } {
  const options = { runs: RUNS, seed: SEED, horizonMonths: MONTHS, ...(step ? { step } : {}) };
  const store = simulateSync(preset, { ...options, keepPaths: true }).paths!;
  // Every raw Float64 value per path: initial values, month-end series, accounting and the drawn
  // parameters, each group in name order.
  const arrays: Float64Array[] = [];
  for (const name of Object.keys(store.series).sort())
    arrays.push(store.initial[name as keyof typeof store.initial], store.series[name as keyof typeof store.series]);
  for (const name of Object.keys(store.accounting ?? {}).sort()) arrays.push(store.accounting![name as keyof typeof store.accounting]);
  for (const name of Object.keys(store.parameters ?? {}).sort()) arrays.push(store.parameters![name]!);
  const json = simulateSync(preset, options).toJSON() as unknown as Record<string, unknown>;
  const { library: _library, ...rest } = json;
  return { paths: sha(arrays), json: createHash("sha256").update(JSON.stringify(rest)).digest("hex") };
}

describe("golden hashes (2,048 runs, seed 1, 60 months)", () => {
  const computed: Record<string, { paths: string; json: string }> = {};
  beforeAll(loadShippedPosterior);
  for (const preset of PRESETS) {
    for (const [key, step] of Object.entries(STEPS)) {
      it(`${preset}, ${key} step`, () => {
        computed[`${preset}/${key}`] = hashes(preset, step);
        if (process.env.GOLDEN_UPDATE) return;
        const golden = JSON.parse(readFileSync(GOLDEN, "utf8")) as Record<string, unknown>;
        expect(computed[`${preset}/${key}`]).toEqual(golden[`${preset}/${key}`]);
      });
    }
  }
  it.runIf(process.env.GOLDEN_UPDATE)("writes golden.json", () => {
    writeFileSync(GOLDEN, `${JSON.stringify(computed, null, 2)}\n`);
  });
});
