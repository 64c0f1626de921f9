import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

// DESIGN §4: every random number comes from a seeded stream (src/engine/rng.ts); the global,
// unseeded generator must not appear anywhere in the source — not even in a comment.
const srcDir = fileURLToPath(new URL("../src", import.meta.url));
const forbidden = ["Math", "random"].join(".");

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : entry.isFile() ? [path] : [];
  });
}

describe("no unseeded randomness", () => {
  it(`no file under src/ contains "${forbidden}"`, () => {
    const files = listFiles(srcDir);
    expect(files.length).toBeGreaterThan(0);
    const offenders = files.filter((file) => readFileSync(file, "utf8").includes(forbidden)).map((file) => relative(srcDir, file));
    expect(offenders).toEqual([]);
  });
});
