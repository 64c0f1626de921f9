import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "attrition-sim-shards-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CLI: shards on disk and worker threads", () => {
  const RUN = ["baseline", "--runs", "2100", "--months", "6", "--step", "month", "--workers", "1"];

  it("run --range … --format shard twice, then merge, gives the single run's JSON exactly", async () => {
    const a = join(dir, "a.shard.json"),
      b = join(dir, "b.shard.json");
    expect((await cli("run", ...RUN, "--range", "0:1024", "--format", "shard", "--out", a)).code).toBe(0);
    expect((await cli("run", ...RUN, "--range", "1024:2100", "--format", "shard", "--out", b)).code).toBe(0);
    const merged = await cli("merge", b, a, "--format", "json");
    const single = await cli("run", ...RUN, "--format", "json");
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(single.stdout);
  });

  it("bad ranges and merges are one-line errors with exit 2", async () => {
    for (const args of [
      ["run", ...RUN, "--range", "0:1024"], // a shard needs --format shard
      ["run", ...RUN, "--range", "5:1024", "--format", "shard"],
      ["run", ...RUN, "--range", "abc", "--format", "shard"],
      ["merge"],
      ["merge", join(dir, "missing.json")],
    ]) {
      const r = await cli(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("above EXACT_RUNS (sketch summaries): shards merge to the single run's bytes, for 1, 2 and 3 workers", async () => {
    const BIG = ["baseline", "--runs", "21504", "--months", "2", "--step", "month"];
    const a = join(dir, "big-a.shard.json"),
      b = join(dir, "big-b.shard.json");
    expect((await cli("run", ...BIG, "--workers", "2", "--range", "0:10240", "--format", "shard", "--out", a)).code).toBe(0);
    expect((await cli("run", ...BIG, "--workers", "3", "--range", "10240:21504", "--format", "shard", "--out", b)).code).toBe(0);
    const merged = await cli("merge", b, a, "--format", "json");
    expect(merged.code).toBe(0);
    for (const workers of ["1", "2", "3"])
      expect((await cli("run", ...BIG, "--workers", workers, "--format", "json")).stdout).toBe(merged.stdout);
  });

  it("--workers 2 gives the same bytes as --workers 1", async () => {
    const args = ["baseline", "--runs", "5000", "--months", "3", "--step", "month", "--format", "json"];
    const one = await cli("run", ...args, "--workers", "1");
    const two = await cli("run", ...args, "--workers", "2");
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });
});
