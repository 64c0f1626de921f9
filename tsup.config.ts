import { defineConfig } from "tsup";

// Entries: the browser-safe core, the observed series (`attrition-sim/data`, browser-safe) and the
// Node-only subpath (CLI, workers).
// ESM + CJS with declarations for both (.d.ts and .d.cts).
export default defineConfig({
  entry: {
    index: "src/index.ts",
    "data/index": "src/data/index.ts",
    "node/index": "src/node/index.ts",
    "node/cli": "src/node/cli.ts",
    "node/worker": "src/node/worker.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: false,
  target: "node20",
  shims: true,
  splitting: false,
});
