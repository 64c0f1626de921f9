import { defineConfig } from "tsup";

// Two entries: the browser-safe core and the Node-only subpath (CLI, workers).
// ESM + CJS with declarations for both (.d.ts and .d.cts).
export default defineConfig({
  entry: {
    index: "src/index.ts",
    "node/index": "src/node/index.ts",
    "node/cli": "src/node/cli.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: false,
  target: "node20",
  shims: true,
  splitting: false,
});
