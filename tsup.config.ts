import { defineConfig } from "tsup";

// Entries: the browser-safe core, the helpers for experts (`attrition-sim/advanced`, browser-safe),
// forecast scores, baselines and the league table (`attrition-sim/scoring`, browser-safe),
// the observed series (`attrition-sim/data`, browser-safe) and the Node-only subpath (CLI, workers).
// ESM + CJS with declarations for both (.d.ts and .d.cts).
//
// `splitting: true` for both formats (for CJS an experimental tsup feature): code shared by
// entries goes into chunks under dist/chunks/, so the package holds one copy of each module per
// format and `instanceof` holds across entries (a Projection from `attrition-sim/node` is a
// Projection of `attrition-sim`). The chunks sit one folder below dist/, as src/node/parallel.ts
// sits below src/, so `new URL("../node/worker.js", import.meta.url)` finds the worker from both.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    "advanced/index": "src/advanced.ts",
    "scoring/index": "src/scoring.ts",
    "data/index": "src/data/index.ts",
    "node/index": "src/node/index.ts",
    // The bin: its own small entry, since the CLI's code lives in a shared chunk.
    "node/cli": "src/node/bin.ts",
    "node/worker": "src/node/worker.ts",
    // A refit's filter runs (forecastParallel): its own worker, so the simulation worker stays free of zod.
    "node/filter-worker": "src/node/filter-worker.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: false,
  target: "node20",
  shims: true,
  splitting: true,
  esbuildOptions(options) {
    options.chunkNames = "chunks/[name]-[hash]";
  },
});
