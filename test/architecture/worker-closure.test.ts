import { build } from "esbuild";
import { relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// DESIGN §2: the worker's runtime import closure never reaches zod, mathjs, output/ or
// results/. esbuild bundles the worker as tsup does (type-only imports are erased), and its
// metafile lists every module that the bundle holds.
const ROOT = resolve(import.meta.dirname, "../..");
const FORBIDDEN = [/node_modules\/zod\//, /node_modules\/mathjs\//, /^src\/output\//, /^src\/results\//];

async function runtimeClosure(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [resolve(ROOT, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs).map((p) => relative(ROOT, resolve(ROOT, p)));
}

describe("the worker's runtime import closure", () => {
  it("holds the engine and the laws, and none of zod, mathjs, output/ or results/", async () => {
    const closure = await runtimeClosure("src/node/worker.ts");
    expect(closure).toContain("src/engine/block.ts");
    expect(closure.filter((p) => FORBIDDEN.some((f) => f.test(p)))).toEqual([]);
  });

  it("the check sees a forbidden module when one is reached (the main entry reaches zod and results/)", async () => {
    const closure = await runtimeClosure("src/index.ts");
    expect(closure.some((p) => /node_modules\/zod\//.test(p))).toBe(true);
    expect(closure.some((p) => /^src\/results\//.test(p))).toBe(true);
  });
});
