import { build, type Metafile } from "esbuild";
import { relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// DESIGN §2: the worker's runtime import closure never reaches zod, mathjs, output/ or
// results/. esbuild bundles the worker as tsup does (type-only imports are erased), and its
// metafile lists every module that the bundle holds.
//
// Issue 12 item 5 (start-up): the main entries' *static* import closure (what `import` loads
// before any code runs) does not reach zod or mathjs either; they load on first need
// (util/lazy.ts, scenario/units.ts) — through `require`, which esbuild does not follow, or a
// dynamic `import()` (loadValidation, loadUnits), which the static closure leaves out.
const ROOT = resolve(import.meta.dirname, "../..");
const FORBIDDEN = [/node_modules\/zod\//, /node_modules\/mathjs\//, /^src\/output\//, /^src\/results\//];
const HEAVY = [/node_modules\/zod\//, /node_modules\/mathjs\//];

/** The bundle's metafile; an entry that is not a file path is a module's source text ("<stdin>"). */
async function metafile(entry: string): Promise<Metafile> {
  const source = entry.includes("import ");
  const result = await build({
    ...(source ? { stdin: { contents: entry, resolveDir: ROOT, loader: "ts" as const } } : { entryPoints: [resolve(ROOT, entry)] }),
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    logLevel: "silent",
  });
  return result.metafile;
}

const rel = (p: string) => relative(ROOT, resolve(ROOT, p));

/** Every module of the bundle (dynamic imports included). */
async function runtimeClosure(entry: string): Promise<string[]> {
  return Object.keys((await metafile(entry)).inputs).map(rel);
}

/** The modules reached from `entry` through static imports only: what loading it evaluates. */
async function staticClosure(entry: string): Promise<string[]> {
  const { inputs } = await metafile(entry);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const edge of inputs[file]?.imports ?? []) if (edge.kind === "import-statement" && !edge.external) visit(edge.path);
  };
  visit(Object.keys(inputs).find((p) => (entry.includes("import ") ? p === "<stdin>" : rel(p) === entry))!);
  return [...seen].map(rel);
}

describe("the worker's runtime import closure", () => {
  it("holds the engine and the laws, and none of zod, mathjs, output/ or results/", async () => {
    const closure = await runtimeClosure("src/node/worker.ts");
    expect(closure).toContain("src/engine/block.ts");
    expect(closure.filter((p) => FORBIDDEN.some((f) => f.test(p)))).toEqual([]);
  });

  it("the check sees a forbidden module when one is reached (the main entry reaches zod, by loadValidation, and results/)", async () => {
    const closure = await runtimeClosure("src/index.ts");
    expect(closure.some((p) => /node_modules\/zod\//.test(p))).toBe(true);
    expect(closure.some((p) => /^src\/results\//.test(p))).toBe(true);
  });
});

describe("the static import closure of the entries (start-up)", () => {
  it.each(["src/index.ts", "src/advanced.ts", "src/scoring.ts", "src/node/index.ts", "src/node/bin.ts"])(
    "%s does not load zod or mathjs when imported",
    async (entry) => {
      const closure = await staticClosure(entry);
      expect(closure).toContain("src/scenario/parse.ts");
      expect(closure.filter((p) => HEAVY.some((f) => f.test(p)))).toEqual([]);
    },
  );

  it("the static walk sees zod where it is imported statically", async () => {
    const closure = await staticClosure(`import { z } from "zod"; import "./src/index.ts"; z.string();`);
    expect(closure).toContain("src/scenario/parse.ts");
    expect(closure.some((p) => /node_modules\/zod\/v4\//.test(p))).toBe(true);
  });
});
