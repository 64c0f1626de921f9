import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main, type CliIO } from "../../src/node/cli.js";
import { cli, type CliResult as Result } from "../helpers/cli.js";
import { presetNames } from "../../src/scenario/presets.js";

const SMALL = ["--runs", "50", "--months", "12"];
const dir = mkdtempSync(join(tmpdir(), "attrition-sim-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A bad-input failure: exit 2, `attrition-sim: …` lines on stderr, nothing on stdout, no stack. */
function expectBadInput(result: Result, oneLine = true): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  if (oneLine) expect(lines).toHaveLength(1);
  for (const line of lines) expect(line).toMatch(/^attrition-sim: /);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe("run", () => {
  it("prints the year table and the events by default", async () => {
    const r = await cli("run", "baseline", ...SMALL);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Occupied %");
    expect(r.stdout).toMatch(/^2025-12 +\d+\.\d% \[\d+\.\d%–\d+\.\d%\] +\d+k \[\d+k–\d+k\]/m); // a December row
    expect(r.stdout).toMatch(/^2026-06 /m); // the final month
    expect(r.stdout).toMatch(/occupied share ≥ 25% .*P\(never within 12 months\) \d+\.\d%/);
    for (const t of ["25%", "30%", "50%", "100%"]) expect(r.stdout).toContain(`≥ ${t}`);
    expect(r.stdout).toContain("not within horizon");
  });

  it("--format json prints the projection JSON", async () => {
    const r = await cli("run", "baseline", ...SMALL, "--format", "json", "--seed", "7");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.schema).toBe("attrition-sim/projection@2");
    expect(json.options).toMatchObject({ runs: 50, seed: 7, horizonMonths: 12, step: "month" });
    expect(json.months).toHaveLength(12);
  });

  it("accepts --flag=value, --step month and extra thresholds", async () => {
    const r = await cli(
      "run",
      "no-dprk",
      "--runs=50",
      "--months=12",
      "--step=month",
      "--format=json",
      "--threshold",
      "0.2",
      "--threshold=21%,0.22",
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.options.step).toBe("month");
    expect(json.events.map((e: { threshold: number }) => e.threshold).sort((a: number, b: number) => a - b)).toEqual([
      0.2, 0.21, 0.22, 0.25, 0.3, 0.5, 1,
    ]);
  });

  it("--format csv prints the tidy CSV", async () => {
    const r = await cli("run", "baseline", ...SMALL, "--format", "csv");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\r\n")[0]).toBe("scenario,month,series,stat,value");
    expect(r.stdout).toContain("baseline,2025-07-31,occupiedShare,p50,");
  });

  it("--out writes the file (atomically) and nothing to stdout", async () => {
    const out = join(dir, "result.json");
    const r = await cli("run", "baseline", ...SMALL, "--format", "json", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).options.runs).toBe(50);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("runs a scenario file", async () => {
    const path = file("mine.json", JSON.stringify({ extends: "baseline", name: "mine", russia: { initialForce: 600_000 } }));
    const r = await cli("run", path, ...SMALL, "--format", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scenario.name).toBe("mine");
  });

  it("Ctrl-C aborts with 130 and writes nothing", async () => {
    const before = new Set(process.listeners("SIGINT"));
    const pending = cli("run", "baseline", "--runs", "5000", "--months", "120");
    const added = process.listeners("SIGINT").filter((listener) => !before.has(listener));
    expect(added).toHaveLength(1);
    setTimeout(() => (added[0] as () => void)(), 30);
    const r = await pending;
    expect(r.code).toBe(130);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("attrition-sim: interrupted\n");
    expect(process.listeners("SIGINT").filter((listener) => !before.has(listener))).toEqual([]);
  });

  it("on a terminal, draws the progress bar on stderr and erases it once, before the result", async () => {
    let stdout = "";
    let stderr = "";
    const io: CliIO = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t), isTTY: true } };
    expect(await main(["run", "baseline", ...SMALL], io)).toBe(0);
    expect(stderr).toMatch(/^\r\[#* *\] +\d+%/);
    expect(stderr.endsWith("\r\x1b[2K")).toBe(true);
    expect(stderr.split("\r\x1b[2K")).toHaveLength(2);
    expect(stdout).toContain("Occupied %");
  });
});

describe("every command that writes a result", () => {
  it.each([
    ["run", "baseline", ...SMALL],
    ["compare", "baseline", "no-pledge", ...SMALL],
    ["sensitivity", "baseline", "--target", "occupiedShare@2026-06", "--runs", "50", "--resamples", "10"],
    ["report", "--runs", "20"],
  ])("%s: holds a Ctrl-C listener only while it works", async (...argv) => {
    const before = new Set(process.listeners("SIGINT"));
    const pending = cli(...argv);
    expect(process.listeners("SIGINT").filter((listener) => !before.has(listener))).toHaveLength(1);
    expect((await pending).code).toBe(0);
    expect(process.listeners("SIGINT").filter((listener) => !before.has(listener))).toEqual([]);
  });

  it.each(["run baseline", "compare baseline no-pledge", "sensitivity baseline --target occupiedShare@2026-06", "merge a.shard"])(
    "%s: --force only with --out, and --out needs a name",
    async (command) => {
      const argv = command.split(" ");
      const force = await cli(...argv, "--force");
      expectBadInput(force);
      expect(force.stderr).toBe("attrition-sim: --force: only with --out FILE\n");
      const empty = await cli(...argv, "--out", " ");
      expectBadInput(empty);
      expect(empty.stderr).toBe("attrition-sim: --out: expected a file name, got nothing\n");
    },
  );
});

describe("other commands", () => {
  it("scenarios lists the seven presets with descriptions", async () => {
    const r = await cli("scenarios");
    expect(r.code).toBe(0);
    const names = r.stdout
      .trimEnd()
      .split("\n")
      .map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(["article", "baseline", "no-pledge", "no-dprk", "dprk-waves", "ceasefire-pressure", "hindcast-2024-11"]);
    expect(names).toEqual(presetNames);
    expect(r.stdout).toMatch(/^no-dprk +No DPRK troops at all/m);
  });

  it("schema prints the JSON Schema", async () => {
    const r = await cli("schema");
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.title).toBe("attrition-sim scenario");
    expect(schema.properties.extends).toBeDefined();
  });

  it("validate: ok for a good file", async () => {
    const path = file("good.json", JSON.stringify({ extends: "no-dprk", name: "good" }));
    const r = await cli("validate", path);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: good \(\d+ parameters\)\n$/);
    expect(r.stderr).toBe("");
  });

  it("validate: every issue of an invalid file, named by path, exit 2", async () => {
    const path = file("bad.json", JSON.stringify({ extends: "baseline", russia: { initialForce: -5 }, bogus: 1 }));
    const r = await cli("validate", path);
    expectBadInput(r, false);
    expect(r.stderr).toContain(`attrition-sim: ${path}: russia.initialForce: expected`);
    expect(r.stderr).toContain("bogus");
  });

  it("validate: a JSON syntax error is bad input", async () => {
    const path = file("syntax.json", '{ "extends": "baseline", ');
    const r = await cli("validate", path);
    expectBadInput(r);
    expect(r.stderr).toContain(`attrition-sim: ${path}: invalid JSON: `);
  });

  it("params prints the aligned parameter table", async () => {
    const r = await cli("params", "baseline");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Parameter +Value +Median +Provenance$/);
    const row = lines.find((line) => line.startsWith("russia.initialForce "));
    expect(row).toMatch(/article F6/);
    // The value column starts at the same place on every line.
    const valueColumn = lines[0]!.indexOf("Value");
    for (const line of lines.slice(1)) expect(line[valueColumn - 1]).toBe(" ");
  });

  it("--help, -h and help print the usage; --version the version", async () => {
    for (const argv of [["--help"], ["-h"], ["help"], ["run", "--help"]]) {
      const r = await cli(...argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: attrition-sim/);
    }
    const v = await cli("--version");
    expect(v.code).toBe(0);
    expect(v.stdout).toBe(`${JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version}\n`);
  });

  it("no arguments: usage on stderr, exit 2", async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Usage: /);
  });
});

describe("bad input exits 2 with a one-line message", () => {
  const cases: [string, string[], RegExp][] = [
    ["unknown preset", ["run", "no-such-preset"], /unknown preset or file "no-such-preset"/],
    ["missing file", ["run", "missing/scenario.json"], /missing\/scenario\.json: cannot read/],
    ["--runs 0", ["run", "baseline", "--runs", "0"], /--runs: expected an integer from 1 to/],
    ["--runs abc", ["run", "baseline", "--runs", "abc"], /--runs: expected an integer .* got "abc"/],
    ["--runs 1.5", ["run", "baseline", "--runs=1.5"], /--runs: expected an integer/],
    ["--seed -1", ["run", "baseline", "--seed", "-1"], /--seed: expected an integer from 0 to 4294967295, got -1/],
    ["--months 0", ["run", "baseline", "--months", "0"], /--months: expected an integer from 1 to 1200/],
    ["--format xml", ["run", "baseline", "--format", "xml"], /--format: expected one of table, json, csv, svg, shard, got "xml"/],
    ["--step week", ["run", "baseline", "--step", "week"], /--step: expected one of day, month, got "week"/],
    ["--threshold 2", ["run", "baseline", "--threshold", "2"], /--threshold: expected a share in \(0, 1\]/],
    ["missing value", ["run", "baseline", "--runs"], /--runs: expected a value/],
    ["repeated flag", ["run", "baseline", "--runs", "5", "--runs", "6"], /--runs: given more than once/],
    ["unknown flag", ["run", "baseline", "--bogus", "1"], /unknown option "--bogus"/],
    ["unknown flag on another command", ["scenarios", "--all"], /unknown option "--all"/],
    ["unknown command", ["frobnicate"], /unknown command "frobnicate"/],
    ["missing scenario", ["run"], /run: missing/],
    ["extra argument", ["validate", "a.json", "b.json"], /unexpected argument "b\.json"/],
    ["--out into a missing folder", ["run", "baseline", "--out", join(dir, "nope", "x.json")], /--out: cannot write/],
    // Above EXACT_RUNS a run keeps a fixed-size sketch, so only per-path runs (compare keeps paths) can be too big.
    [
      "a run too big for memory",
      ["compare", "baseline", "no-pledge", "--runs", "10000000", "--months", "1200"],
      /--runs: expected a run that fits/,
    ],
  ];
  it.each(cases)("%s", async (_name, argv, message) => {
    const r = await cli(...argv);
    expectBadInput(r);
    expect(r.stderr).toMatch(message);
  });
});

const bin = fileURLToPath(new URL("../../dist/node/cli.js", import.meta.url));
describe.skipIf(!existsSync(bin))("built bin", () => {
  it.each(["cli.js", "cli.cjs"])("node dist/node/%s scenarios exits 0", (name) => {
    const path = fileURLToPath(new URL(`../../dist/node/${name}`, import.meta.url));
    if (!existsSync(path)) return;
    const r = spawnSync(process.execPath, [path, "scenarios"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^article /);
  });

  it("exits 2 on bad input, with nothing on stdout", () => {
    const r = spawnSync(process.execPath, [bin, "run", "baseline", "--runs", "0"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^attrition-sim: --runs: /);
  });
});
