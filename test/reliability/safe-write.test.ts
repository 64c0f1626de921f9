/**
 * Safe output files (issue 6, item 5): src/node/safe-write.ts writes to a temporary file in the
 * target's folder and renames (or links) it into place; it refuses to overwrite an existing file
 * without `force`; on any failure the target is untouched and no temporary file is left. The
 * command line uses it for `run --out FILE [--force]`.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main, type CliIO } from "../../src/node/cli.js";
import { checkWritable, isTemporaryName, safeWriteFile, SafeWriteError, temporaryNameFor } from "../../src/node/safe-write.js";

const root = mkdtempSync(join(tmpdir(), "attrition-sim-safe-write-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const dir = join(root, `case-${(n += 1)}`);
  mkdirSync(dir);
  return dir;
};
const temporaries = (dir: string) => readdirSync(dir).filter((name) => isTemporaryName(name));

function safeWriteError(fn: () => void): SafeWriteError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SafeWriteError);
    return error as SafeWriteError;
  }
  throw new Error("expected a SafeWriteError");
}

describe("safeWriteFile", () => {
  it("writes the text (UTF-8) and leaves no temporary file", () => {
    const dir = fresh();
    const file = join(dir, "out.json");
    safeWriteFile(file, '{"ok":"é"}\n');
    expect(readFileSync(file, "utf8")).toBe('{"ok":"é"}\n');
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });

  it("refuses to overwrite an existing file without force; the file is untouched", () => {
    const dir = fresh();
    const file = join(dir, "out.json");
    writeFileSync(file, "precious");
    const error = safeWriteError(() => safeWriteFile(file, "new"));
    expect(error.reason).toBe("exists");
    expect(error.message).toBe("it already exists (use --force to overwrite it)");
    expect(readFileSync(file, "utf8")).toBe("precious");
    expect(temporaries(dir)).toEqual([]);
  });

  it("overwrites with force", () => {
    const dir = fresh();
    const file = join(dir, "out.json");
    writeFileSync(file, "old");
    safeWriteFile(file, "new", { force: true });
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });

  it("a target that appears between the check and the write is not clobbered (link, not rename)", () => {
    const dir = fresh();
    const file = join(dir, "out.json");
    checkWritable(file); // passes: nothing there yet
    writeFileSync(file, "someone else's"); // …then another process writes it
    expect(safeWriteError(() => safeWriteFile(file, "ours")).reason).toBe("exists");
    expect(readFileSync(file, "utf8")).toBe("someone else's");
    expect(temporaries(dir)).toEqual([]);
  });

  it("a failed rename leaves the target as it was and no temporary file (a directory in the way, with force)", () => {
    const dir = fresh();
    const target = join(dir, "taken");
    mkdirSync(target);
    writeFileSync(join(target, "inside"), "x");
    const error = safeWriteError(() => safeWriteFile(target, "text", { force: true }));
    expect(error.reason).toBe("unwritable");
    expect(error.message).not.toMatch(/\n/);
    expect(readdirSync(target)).toEqual(["inside"]);
    expect(temporaries(dir)).toEqual([]);
  });

  it("a missing folder is unwritable, and nothing is created", () => {
    const dir = fresh();
    const error = safeWriteError(() => safeWriteFile(join(dir, "no", "such", "out.json"), "x"));
    expect(error.reason).toBe("unwritable");
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)("a read-only folder is unwritable (skipped as root, who may write anyway)", () => {
    const dir = fresh();
    chmodSync(dir, 0o500);
    try {
      expect(safeWriteError(() => checkWritable(join(dir, "out.json"))).reason).toBe("unwritable");
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it("temporary names are hidden, in the target's folder, unique per call", () => {
    const file = join(root, "result.csv");
    const a = temporaryNameFor(file),
      b = temporaryNameFor(file);
    expect(dirname(a)).toBe(root);
    expect(a).not.toBe(b);
    expect(isTemporaryName(a)).toBe(true);
    expect(isTemporaryName("result.csv")).toBe(false);
  });
});

describe("checkWritable (before any work is done)", () => {
  it("reports a directory, a missing folder, and an existing file without force", () => {
    const dir = fresh();
    writeFileSync(join(dir, "exists.json"), "{}");
    expect(safeWriteError(() => checkWritable(dir)).message).toBe("it is a directory");
    expect(safeWriteError(() => checkWritable(join(dir, "nope", "x.json"))).message).toBe("its folder does not exist or is not writable");
    expect(safeWriteError(() => checkWritable(join(dir, "exists.json"))).reason).toBe("exists");
    expect(() => checkWritable(join(dir, "exists.json"), { force: true })).not.toThrow();
    expect(() => checkWritable(join(dir, "new.json"))).not.toThrow();
  });
});

describe("the command line: run --out FILE [--force]", () => {
  async function cli(...argv: string[]) {
    let stdout = "",
      stderr = "";
    const io: CliIO = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t), isTTY: false } };
    return { code: await main(argv, io), stdout, stderr };
  }
  const small = ["run", "baseline", "--runs", "20", "--months", "2", "--format", "json"];

  it("writes a new file; refuses the second time (exit 2, one line, before simulating); overwrites with --force", async () => {
    const dir = fresh();
    const out = join(dir, "result.json");
    const first = await cli(...small, "--seed", "1", "--out", out);
    expect(first.code, first.stderr).toBe(0);
    const written = readFileSync(out, "utf8");
    expect(JSON.parse(written).options.seed).toBe(1);

    const started = performance.now();
    const again = await cli("run", "baseline", "--runs", "1000000", "--months", "240", "--format", "json", "--out", out);
    expect(performance.now() - started).toBeLessThan(2_000); // refused before the (long) run
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `attrition-sim: --out: will not overwrite ${JSON.stringify(out)}: it already exists (use --force to overwrite it)\n`,
    );
    expect(readFileSync(out, "utf8")).toBe(written);

    const forced = await cli(...small, "--seed", "2", "--out", out, "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).options.seed).toBe(2);
    expect(readdirSync(dir)).toEqual(["result.json"]);
  });

  it("an interrupted run (in-process SIGINT listener) writes nothing, even with --force over an existing file", async () => {
    const dir = fresh();
    const out = join(dir, "result.json");
    writeFileSync(out, "keep me");
    const before = new Set(process.listeners("SIGINT"));
    const pending = cli("run", "baseline", "--runs", "20000", "--months", "120", "--out", out, "--force");
    const added = process.listeners("SIGINT").filter((listener) => !before.has(listener));
    expect(added).toHaveLength(1);
    setTimeout(() => (added[0] as () => void)(), 50);
    const r = await pending;
    expect(r.code).toBe(130);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    expect(readdirSync(dir)).toEqual(["result.json"]);
    expect(existsSync(out)).toBe(true);
  });
});
