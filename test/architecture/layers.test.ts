import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// DESIGN §2: util → data → scenario → model → engine → analysis → output → results → node → index.
// A module imports only from its own layer or a layer to its left — type imports included.
export const LAYERS = ["util", "data", "scenario", "model", "engine", "analysis", "output", "results", "node", "index"] as const;
const SRC = resolve(import.meta.dirname, "../../src");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** The layer of a file under src/: its top folder; files directly in src/ are entries (index). */
export function layerOf(file: string): string {
  const rel = relative(SRC, file).split(/[\\/]/);
  return rel.length === 1 ? "index" : rel[0]!;
}

/** Relative specifiers of every static import/export-from and dynamic import() of a source text. */
export function importSpecifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\sfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) out.push(match[1]!);
  return out.filter((s) => s.startsWith("."));
}

describe("layers (DESIGN §2)", () => {
  const files = filesUnder(SRC);

  it("every file under src/ sits in a known layer", () => {
    const unknown = files.filter((f) => !(LAYERS as readonly string[]).includes(layerOf(f))).map((f) => relative(SRC, f));
    expect(unknown).toEqual([]);
  });

  it("no import runs against the flow (type imports counted)", () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const spec of importSpecifiers(readFileSync(file, "utf8"))) {
        const target = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
        const to = layerOf(target);
        if (LAYERS.indexOf(to as never) > LAYERS.indexOf(from as never))
          violations.push(`${relative(SRC, file)} (${from}) → ${relative(SRC, target)} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("the import scanner sees every form of import", () => {
    const text = [
      `import { a } from "../x/a.js";`,
      `import type { B } from "../x/b.js";`,
      `export { c } from "./c.js";`,
      `export type { D } from "./d.js";`,
      `import {\n  e,\n  type F,\n} from "../e.js";`,
      `const g = await import("./g.js");`,
      `import "./h.js";`,
      `import seedrandom from "seedrandom";`,
    ].join("\n");
    expect(importSpecifiers(text).sort()).toEqual(["../e.js", "../x/a.js", "../x/b.js", "./c.js", "./d.js", "./g.js", "./h.js"]);
  });
});
