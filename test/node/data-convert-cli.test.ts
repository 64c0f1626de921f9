import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cli, type CliResult } from "../helpers/cli.js";

const fixtures = fileURLToPath(new URL("../fixtures/upstream/", import.meta.url));
const PERSONNEL = join(fixtures, "petroivaniuk/russia_losses_personnel.json");
const CASUALTIES = join(fixtures, "economist/meta-estimate-casualties.csv");
const DEATHS = join(fixtures, "economist/meta-estimate-deaths.csv");
const shipped = (file: string) => readFileSync(new URL(`../../data/${file}`, import.meta.url), "utf8").split("\r\n");
const TRACKER_HEADER = "date,days_since_invasion,estimate,ci_lower,ci_upper,pi_low,pi_high,type,country";

const dir = mkdtempSync(join(tmpdir(), "attrition-sim-convert-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The shipped file's header and its rows for the dates in [from, to]. */
function shippedRows(name: string, from: string, to: string): string[] {
  const lines = shipped(name);
  return [lines[0]!, ...lines.filter((l) => l.slice(0, 10) >= from && l.slice(0, 10) <= to)];
}

/** A bad-input failure: exit 2, one `attrition-sim: …` line on stderr, nothing on stdout. */
function expectBadInput(r: CliResult | { code: number | null; stdout: string; stderr: string }, message: string): void {
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe(`attrition-sim: ${message}\n`);
  expect(r.code).toBe(2);
}

const bin = fileURLToPath(new URL("../../dist/node/cli.js", import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe.skipIf(!existsSync(bin))("data convert, end to end through the built bin (dist/node/cli.js; run `npm run build` first)", () => {
  it("petroivaniuk: the JSON becomes russia_personnel_losses_daily.csv — the shipped rows for those days, the first without an increment", () => {
    const r = run("data", "convert", "--source", "petroivaniuk", PERSONNEL);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const expected = shippedRows("russia_personnel_losses_daily.csv", "2022-04-25", "2022-05-01");
    expected[1] = "2022-04-25,21900,"; // no day before it in the file
    expect(r.stdout).toBe(`${expected.join("\r\n")}\r\n`);
  });

  it("economist: the two tracker files (any order) become economist_russian_losses_meta_estimate_daily.csv; the NA day is left out with a note", () => {
    const expected = `${shippedRows("economist_russian_losses_meta_estimate_daily.csv", "2025-06-26", "2025-06-30").join("\r\n")}\r\n`;
    for (const files of [
      [CASUALTIES, DEATHS],
      [DEATHS, CASUALTIES],
    ]) {
      const r = run("data", "convert", "--source", "economist", ...files);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(expected);
      expect(r.stderr).toBe("attrition-sim: note: 1 newest day not yet estimated (NA in every column) left out: 2025-07-01\n");
    }
  });

  it("--out writes the file (through the safe writer): an existing one is kept without --force", () => {
    const out = join(dir, "russia_personnel_losses_daily.csv");
    const first = run("data", "convert", "--source", "petroivaniuk", PERSONNEL, "--out", out);
    expect([first.code, first.stdout, first.stderr]).toEqual([0, "", ""]);
    expect(readFileSync(out, "utf8")).toMatch(/^date,cumulative_personnel,daily_increment\r\n2022-04-25,21900,\r\n/);
    writeFileSync(out, "keep me");
    const again = run("data", "convert", "--source", "petroivaniuk", PERSONNEL, "--out", out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      /^attrition-sim: --out: will not overwrite ".*russia_personnel_losses_daily\.csv": it already exists \(use --force to overwrite it\)\n$/,
    );
    expect(readFileSync(out, "utf8")).toBe("keep me");
    expect(run("data", "convert", "--source", "petroivaniuk", PERSONNEL, "--out", out, "--force").code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^date,cumulative_personnel/);
  });

  it("bad input: exit 2, one line naming the file, line and field; nothing on stdout", () => {
    const bad = file("bin-bad.json", '[\n    {\n        "date": "2022-02-25",\n        "personnel": "2,800"\n    }\n]');
    expectBadInput(
      run("data", "convert", "--source", "petroivaniuk", bad),
      `${bad}: line 2, field personnel: expected a whole number ≥ 0 (claimed losses since 2022-02-24), got "2,800"`,
    );
    expectBadInput(run("data", "convert", "--source", "oryx", PERSONNEL), '--source: expected one of petroivaniuk, economist, got "oryx"');
  });
});

describe("data convert (in-process)", () => {
  it("economist with the casualties file only: the deaths_* columns are empty, and a note says so", async () => {
    const r = await cli("data", "convert", "--source", "economist", CASUALTIES);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\r\n")[5]).toBe("2025-06-30,,,,,,990989,959932,1023052,883177,1111963");
    expect(r.stderr).toBe(
      "attrition-sim: note: no deaths file given: the deaths_* columns are empty (the library reads only casualties_*)\n" +
        "attrition-sim: note: 1 newest day not yet estimated (NA in every column) left out: 2025-07-01\n",
    );
  });

  it("a missing day is said on stderr, not filled in", async () => {
    const gap = file(
      "gap.json",
      JSON.stringify(
        [
          { date: "2024-02-28", personnel: 1 },
          { date: "2024-03-01", personnel: 3 },
        ],
        null,
        4,
      ),
    );
    const r = await cli("data", "convert", "--source", "petroivaniuk", gap);
    expect(r.stdout).toBe("date,cumulative_personnel,daily_increment\r\n2024-02-28,1,\r\n2024-03-01,3,\r\n");
    expect(r.stderr).toBe(
      "attrition-sim: note: 1 day missing from the file (2024-02-29): not filled in; the day after each gap has an empty daily_increment\n",
    );
  });

  it("many problems: the first, and how many more", async () => {
    const rows = Array.from({ length: 25 }, (_, k) => `2025-05-${String(31 - k).padStart(2, "0")},1,x,1,1,1,1,casualties,russia`);
    const f = file("many.csv", [TRACKER_HEADER, ...rows].join("\n"));
    expectBadInput(
      await cli("data", "convert", "--source", "economist", f),
      `${f}: line 2, column estimate: expected a number ≥ 0, got "x" (and 24 more problems in the file)`,
    );
  });

  const record = (date: unknown, personnel: unknown) => ({ date, day: 1, personnel, "personnel*": "about" });
  const json = (...records: unknown[]) => JSON.stringify(records, null, 4);
  const tracker = (...rows: string[]) => [TRACKER_HEADER, ...rows].join("\n") + "\n";
  const cases: [string, () => string[], string | ((files: string[]) => string)][] = [
    ["no subcommand", () => ["data"], "data: missing a subcommand: data convert --source petroivaniuk|economist FILE (try --help)"],
    ["an unknown subcommand", () => ["data", "import"], 'data: unknown subcommand "import" (subcommands: convert; try --help)'],
    ["no --source", () => ["data", "convert", PERSONNEL], "data convert: missing --source (one of petroivaniuk, economist; try --help)"],
    [
      "a wrong source name",
      () => ["data", "convert", "--source", "PetroIvaniuk", PERSONNEL],
      '--source: expected one of petroivaniuk, economist, got "PetroIvaniuk"',
    ],
    ["no file", () => ["data", "convert", "--source", "petroivaniuk"], "data convert: missing <russia_losses_personnel.json> (try --help)"],
    [
      "a second file for petroivaniuk",
      () => ["data", "convert", "--source", "petroivaniuk", PERSONNEL, PERSONNEL],
      `data convert: unexpected argument ${JSON.stringify(PERSONNEL)}`,
    ],
    [
      "a third file for economist",
      () => ["data", "convert", "--source", "economist", CASUALTIES, DEATHS, DEATHS],
      `data convert: unexpected argument ${JSON.stringify(DEATHS)}`,
    ],
    [
      "an unknown option",
      () => ["data", "convert", "--source", "economist", CASUALTIES, "--through", "2025-06"],
      'unknown option "--through" for data convert (options: --source, --out, --force)',
    ],
    [
      "a file that does not exist",
      () => ["data", "convert", "--source", "petroivaniuk", join(dir, "nope.json")],
      `${join(dir, "nope.json")}: cannot read (no such file)`,
    ],
    ["a folder", () => ["data", "convert", "--source", "petroivaniuk", dir], `${dir}: cannot read (is a directory)`],
    [
      "a file that is not UTF-8",
      () => ["data", "convert", "--source", "petroivaniuk", file("latin1.json", Buffer.from([0x5b, 0xe9, 0x5d]))],
      `${join(dir, "latin1.json")}: not UTF-8 text (save the file as UTF-8)`,
    ],
    [
      "invalid JSON",
      () => ["data", "convert", "--source", "petroivaniuk", file("syntax.json", '[\n    {"date": "2024-01-01",}\n]')],
      (f) => `${f[4]}: line 2, column 27: expected valid JSON, got a syntax error (expected double-quoted property name)`,
    ],
    [
      "an empty JSON file",
      () => ["data", "convert", "--source", "petroivaniuk", file("empty.json", "")],
      (f) => `${f[4]}: line 1, column 1: expected valid JSON, got an empty file`,
    ],
    [
      "a missing field",
      () => [
        "data",
        "convert",
        "--source",
        "petroivaniuk",
        file("nofield.json", json(record("2024-01-01", 1), { date: "2024-01-02", day: 2 })),
      ],
      (f) => `${f[4]}: line 8, field personnel: expected a whole number ≥ 0 (claimed losses since 2022-02-24), got nothing`,
    ],
    [
      "a non-numeric value",
      () => ["data", "convert", "--source", "petroivaniuk", file("text.json", json(record("2024-01-01", "about 100")))],
      (f) => `${f[4]}: line 2, field personnel: expected a whole number ≥ 0 (claimed losses since 2022-02-24), got "about 100"`,
    ],
    [
      "dates out of order",
      () => ["data", "convert", "--source", "petroivaniuk", file("order.json", json(record("2024-01-02", 1), record("2024-01-01", 2)))],
      (f) => `${f[4]}: line 8, field date: expected a date after 2024-01-02 (dates in increasing order), got "2024-01-01"`,
    ],
    [
      "a duplicate date, with the count of further problems",
      () => [
        "data",
        "convert",
        "--source",
        "petroivaniuk",
        file("dup.json", json(record("2024-01-01", 1), record("2024-01-01", 2), record("2024-01-01", 3))),
      ],
      (f) =>
        `${f[4]}: line 8, field date: expected each date once, got "2024-01-01" again (first on line 2) (and 1 more problem in the file)`,
    ],
    [
      "a tracker file with a missing column",
      () => ["data", "convert", "--source", "economist", file("nocol.csv", "date,estimate,type,country\n2025-06-30,1,casualties,russia\n")],
      (f) => `${f[4]}: line 1: expected the columns ci_lower, ci_upper, pi_low, pi_high in the header, got date, estimate, type, country`,
    ],
    [
      "a non-numeric tracker value",
      () => ["data", "convert", "--source", "economist", file("num.csv", tracker("2025-06-30,1,1e6x,1,1,1,1,casualties,russia"))],
      (f) => `${f[4]}: line 2, column estimate: expected a number ≥ 0, got "1e6x"`,
    ],
    [
      "tracker dates out of order",
      () => [
        "data",
        "convert",
        "--source",
        "economist",
        file(
          "order.csv",
          tracker(
            "2025-06-30,1,1,1,1,1,1,casualties,russia",
            "2025-06-29,1,1,1,1,1,1,casualties,russia",
            "2025-07-01,1,1,1,1,1,1,casualties,russia",
          ),
        ),
      ],
      (f) =>
        `${f[4]}: line 4, column date: expected a date before 2025-06-29 (the file runs newest first, as its first two rows do), got "2025-07-01"`,
    ],
    [
      "a duplicate tracker date",
      () => [
        "data",
        "convert",
        "--source",
        "economist",
        file("dup.csv", tracker("2025-06-30,1,1,1,1,1,1,casualties,russia", "2025-06-30,1,1,1,1,1,1,casualties,russia")),
      ],
      (f) => `${f[4]}: line 3, column date: expected each date once, got "2025-06-30" again (first on line 2)`,
    ],
    [
      "the deaths file alone",
      () => ["data", "convert", "--source", "economist", DEATHS],
      `${DEATHS}: expected the tracker's casualties file (meta-estimate-casualties.csv; the shipped layout's casualties_* columns are what the library reads), got a deaths file`,
    ],
    [
      "the casualties file twice",
      () => ["data", "convert", "--source", "economist", CASUALTIES, CASUALTIES],
      `${CASUALTIES}: expected the other tracker file (one casualties and one deaths file), got a second casualties file`,
    ],
    [
      "tracker files covering different days",
      () => [
        "data",
        "convert",
        "--source",
        "economist",
        CASUALTIES,
        file("deaths-short.csv", tracker("2025-06-30,1,1,1,1,1,1,deaths,russia")),
      ],
      (f) =>
        `${f[5]}: expected the deaths and casualties files to estimate the same days, got 2025-06-26, 2025-06-27, 2025-06-28 and 1 more only in the casualties file`,
    ],
    ["--force without --out", () => ["data", "convert", "--source", "petroivaniuk", PERSONNEL, "--force"], "--force: only with --out FILE"],
    [
      "--out into a missing folder",
      () => ["data", "convert", "--source", "petroivaniuk", PERSONNEL, "--out", join(dir, "no", "x.csv")],
      `--out: cannot write ${JSON.stringify(join(dir, "no", "x.csv"))}: its folder does not exist or is not writable`,
    ],
  ];
  it.each(cases)("%s: exit 2, one line", async (_name, argv, message) => {
    const args = argv();
    expectBadInput(await cli(...args), typeof message === "string" ? message : message(args));
  });

  it("--help lists the command", async () => {
    const r = await cli("data", "convert", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}data convert --source S FILE {2}Turn an upstream file into its shipped layout/m);
    expect(r.stdout).toMatch(/^ {6}--source petroivaniuk {5}FILE: PetroIvaniuk's russia_losses_personnel\.json/m);
    expect(r.stdout).toMatch(/^ {6}--source economist {8}FILE \[FILE\]: the Economist's tracker meta-estimate-casualties\.csv/m);
  });
});
