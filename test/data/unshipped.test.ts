import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// data/unshipped/ holds series whose terms forbid shipping them (DeepState): tests and scripts may
// read them from the file system, no module under src/ may import or read them, and the package
// must not carry them (scripts/smoke.mjs checks the packed tarball; this checks the sources and dist/).
const root = join(import.meta.dirname, "../..");
const DEEPSTATE = join(root, "data/unshipped/occupied_area_deepstate_daily.csv");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("data/unshipped (not in the package)", () => {
  it("holds the DeepState file and a README repeating its terms", () => {
    expect(readFileSync(DEEPSTATE, "utf8").split(/\r?\n/)[0]).toBe("date,occupied_km2,unknown_status_km2");
    const readme = readFileSync(join(root, "data/unshipped/README.md"), "utf8");
    expect(readme).toContain("DeepState's own terms (snapshot archives without a redistribution licence)");
    expect(readme).toMatch(/\*\*do not ship it in the package\*\*/);
    expect(readdirSync(join(root, "data")).filter((f) => /deepstate/i.test(f))).toEqual([]);
  });

  it("no module under src/ holds a string naming the folder (so none imports or reads it)", () => {
    // A user's own DeepState file may be read by name (occupied_area_deepstate_daily.csv in a folder
    // they give); a path into this folder may not appear in any import, URL or file name.
    const naming = filesUnder(join(root, "src")).filter((f) => /["'`][^"'`\n]*unshipped[^"'`\n]*["'`]/.test(readFileSync(f, "utf8")));
    expect(naming).toEqual([]);
  });

  it("package.json ships only dist/ and the changelog", () => {
    expect(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).files).toEqual(["dist", "CHANGELOG.md"]);
  });

  it.skipIf(!existsSync(join(root, "dist")))("the build holds neither the DeepState header nor its area values", () => {
    const [header, ...rows] = readFileSync(DEEPSTATE, "utf8").trim().split(/\r?\n/);
    const values = new Set(rows.map((row) => String(Number(row.split(",")[1]))));
    const leaks = filesUnder(join(root, "dist")).filter((f) => {
      const text = readFileSync(f, "utf8");
      return text.includes(header!) || (text.match(/(?<![\d.])\d{6}\.\d{1,3}(?!\d)/g) ?? []).some((token) => values.has(token));
    });
    expect(leaks).toEqual([]);
  });
});
