#!/usr/bin/env node
// Package smoke test — the last step of `npm test`, after `npm run build`.
//
//  1. `npm pack` into a temp dir; check the tarball's dist/ (entries, dist/data/* among them, + a
//     declaration file for every .js/.cjs outside dist/chunks/, the shared chunks that only the
//     entries import); every source module is bundled once per format (one copy of the core);
//     the worker's whole import closure (its chunks included) loads neither zod nor mathjs nor
//     any module of src/output/ or src/results/.
//     Nothing from data/unshipped/ (DeepState's terms forbid shipping it): no path under data/ or
//     named after DeepState, and no packed file holding its header or any of its area values.
//  2. publint --strict (errors and warnings fail) and attw with its default profile, node10
//     included (any problem fails), on that same tarball.
//  3. Install the tarball into a scratch CommonJS project (runtime deps come from the registry,
//     --prefer-offline).
//  4. Run the same seeded computation from ESM, CJS and TypeScript (CJS- and ESM-flavoured, both
//     type-checked with tsc --strict, module nodenext, skipLibCheck false), the `attrition-sim/node`
//     subpath, and the `attrition-sim/data` subpath (the shipped series and their attribution).
//     Each fixture also checks that classes are shared across entries (`instanceof` across
//     `attrition-sim`, `/node`, `/data` and `/advanced`) and that the main entry stays small
//     (at most 40 runtime names).
//  5. All outputs must be identical and non-empty; the installed bin must run without crashing.
//  6. The temp dir is removed at the end, also on failure.
//
// Only node: built-ins. Tools (publint, attw, tsc, tsx) are the repo's own devDependencies.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The seeded computation every fixture runs, as source text. `lib` is the package's main entry.
 * Must be valid JavaScript *and* TypeScript (strict), and JSON-serialisable.
 */
const SMOKE_EXPRESSION = `lib.simulateSync({ extends: "article", russia: { recruitmentCapacityPerMonth: "1300/day" } }, { runs: 300, seed: 7, horizonMonths: 18 }).toJSON()`;

/** A TypeScript-only statement in the .ts fixtures, so that exported *types* are exercised too. */
const TS_TYPE_PROBE = `const issue: lib.InputIssue = { path: "smoke", message: "ok" }; const names: lib.SeriesName[] = [...lib.SERIES]; const spec: advanced.DistSpec = { dist: "uniform", min: 0, max: 1 }; const json: lib.ComparisonJson | undefined = undefined; void issue; void names; void advanced.distMean(spec); void json;`;

/** The source text of the expression each fixture evaluates (one place to change it). */
function smokeExpression() {
  return SMOKE_EXPRESSION;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const TIMEOUT = 5 * 60_000;

class SmokeFailure extends Error {}

function step(text) {
  console.log(`\n[smoke] ${text}`);
}

function fail(message) {
  throw new SmokeFailure(message);
}

/** Path to a devDependency's bin script, read from its package.json (so it runs with `node`). */
function binOf(packageName, binName) {
  const dir = join(root, "node_modules", packageName);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const rel = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[binName];
  if (!rel) fail(`${packageName} has no bin "${binName}" — are devDependencies installed?`);
  return join(dir, rel);
}

/**
 * Run a command with piped stdio. Returns { status, stdout, stderr }; fails (with the output)
 * when the exit code is not in `okCodes`.
 */
function run(cmd, args, { cwd = root, okCodes = [0], echo = false, env } = {}) {
  const shown = [cmd === process.execPath ? "node" : cmd, ...args.map((a) => a.replace(root, "<repo>"))].join(" ");
  console.log(`$ ${shown}${cwd === root ? "" : `   (in ${cwd})`}`);
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: TIMEOUT,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
  });
  const out = { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  if (echo) {
    if (out.stdout.trim()) console.log(indent(out.stdout));
    if (out.stderr.trim()) console.log(indent(out.stderr));
  }
  if (r.error) fail(`could not run \`${shown}\`: ${r.error.message}`);
  if (r.signal) fail(`\`${shown}\` was killed by ${r.signal}\n${indent(out.stdout + out.stderr)}`);
  if (!okCodes.includes(out.status)) {
    fail(`\`${shown}\` exited with code ${out.status}\n${indent(out.stdout + out.stderr)}`);
  }
  return out;
}

function indent(text) {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

// --- 1. pack ------------------------------------------------------------------------------------

function pack(tmp) {
  step("npm pack");
  const { stdout } = run("npm", ["pack", "--json", "--pack-destination", tmp]);
  let info;
  try {
    // npm may print lifecycle-script noise before the JSON array.
    info = JSON.parse(stdout.slice(stdout.indexOf("[")))[0];
  } catch {
    fail(`npm pack --json printed no JSON:\n${indent(stdout)}`);
  }
  const tarball = join(tmp, info.filename);
  if (!existsSync(tarball)) fail(`npm pack did not create ${tarball}`);
  const files = new Set(info.files.map((f) => f.path.replace(/\\/g, "/")));
  console.log(`packed ${info.filename}: ${files.size} files, ${info.size} bytes`);

  const required = [
    "package.json",
    "dist/index.js",
    "dist/index.cjs",
    "dist/index.d.ts",
    "dist/index.d.cts",
    "dist/node/index.js",
    "dist/node/index.cjs",
    "dist/node/index.d.ts",
    "dist/node/index.d.cts",
    "dist/node/cli.js",
    "dist/data/index.js",
    "dist/data/index.cjs",
    "dist/data/index.d.ts",
    "dist/data/index.d.cts",
    "dist/advanced/index.js",
    "dist/advanced/index.cjs",
    "dist/advanced/index.d.ts",
    "dist/advanced/index.d.cts",
    "dist/scoring/index.js",
    "dist/scoring/index.cjs",
    "dist/scoring/index.d.ts",
    "dist/scoring/index.d.cts",
  ];
  const missing = required.filter((f) => !files.has(f));
  if (missing.length) fail(`the tarball lacks ${missing.join(", ")} — did \`npm run build\` run?`);

  const noTypes = [];
  for (const f of files) {
    // Shared chunks are imported by the entries only (the exports map does not reach them).
    if (!f.startsWith("dist/") || f.startsWith("dist/chunks/")) continue;
    const decl = f.endsWith(".cjs") ? f.replace(/\.cjs$/, ".d.cts") : f.endsWith(".js") ? f.replace(/\.js$/, ".d.ts") : null;
    if (decl && !files.has(decl)) noTypes.push(`${f} (no ${decl})`);
  }
  if (noTypes.length) fail(`JavaScript files without declarations:\n${indent(noTypes.join("\n"))}`);

  const outside = [...files].filter((f) => !f.startsWith("dist/") && !/^(package\.json|(README|LICEN[CS]E|CHANGELOG)(\.\w+)?)$/i.test(f));
  if (outside.length) fail(`unexpected files in the tarball: ${outside.join(", ")}`);
  for (const doc of ["README.md", "LICENSE"]) {
    if (![...files].some((f) => f.toLowerCase() === doc.toLowerCase())) console.log(`note: the tarball has no ${doc}`);
  }
  console.log("dist entries and declarations: ok");
  return { tarball, files };
}

/** The DeepState file: in the repository for calibration and tests, never in the package (data/unshipped/README.md). */
const UNSHIPPED_DEEPSTATE = join(root, "data", "unshipped", "occupied_area_deepstate_daily.csv");

/**
 * Fail if the tarball holds anything from data/unshipped/: a path under data/ or named after
 * DeepState, or a packed file (read from the tree npm packed, as oneCopy does) holding the DeepState
 * file's header or one of its occupied-area values — which a generated module would carry.
 */
function noUnshippedData(files) {
  step("nothing from data/unshipped/ in the tarball (DeepState's terms forbid shipping it)");
  const paths = [...files].filter((f) => /^data\//.test(f) || /unshipped|deepstate/i.test(f));
  if (paths.length) fail(`the tarball holds files that must not ship: ${paths.join(", ")}`);
  const text = readFileSync(UNSHIPPED_DEEPSTATE, "utf8");
  const [header, ...rows] = text.trim().split(/\r?\n/);
  if (header !== "date,occupied_km2,unknown_status_km2" || rows.length < 100)
    fail(`${UNSHIPPED_DEEPSTATE}: unexpected layout, the check needs updating`);
  // Values as a number prints them (a generated module would write 116598.2 for "116598.200").
  const values = new Set(rows.map((row) => String(Number(row.split(",")[1]))));
  const leaks = [];
  for (const f of files) {
    const packed = readFileSync(join(root, f), "utf8");
    if (packed.includes(header)) leaks.push(`${f} (the DeepState header)`);
    const found = (packed.match(/(?<![\d.])\d{6}\.\d{1,3}(?!\d)/g) ?? []).filter((token) => values.has(token));
    if (found.length) leaks.push(`${f} (DeepState values ${[...new Set(found)].slice(0, 3).join(", ")})`);
  }
  if (leaks.length) fail(`the tarball holds DeepState data:\n${indent(leaks.join("\n"))}`);
  console.log(`${files.size} files, none from data/unshipped/ (${values.size} DeepState values looked for): ok`);
}

// --- 2. publint, attw ---------------------------------------------------------------------------

function lint(tarball) {
  step("publint --strict (errors and warnings fail; suggestions are shown)");
  // publint sets exit code 1 when there are errors; --strict turns warnings into errors.
  const p = run(process.execPath, [binOf("publint", "publint"), "run", tarball, "--strict"], { echo: true, okCodes: [0, 1] });
  if (p.status !== 0 || /^(Errors|Warnings):/m.test(p.stdout)) fail("publint reported problems (see above)");

  step("attw, default profile: node10, node16 (CJS and ESM), bundler (any problem fails)");
  // attw exits 1 when any problem is found, 3 on an internal error. It passes untyped packages
  // with exit 0, but the declaration check above rules that out. node10 cannot see subpath
  // exports: package.json's typesVersions gives it the subpaths' types (DESIGN §5).
  // The tarball already packed is checked, equivalent to `attw --pack .` without a second pack.
  run(process.execPath, [binOf("@arethetypeswrong/cli", "attw"), tarball, "--format", "ascii", "--no-emoji"], {
    echo: true,
  });
}

// --- 3–5. scratch project -----------------------------------------------------------------------

/** The entries every fixture imports: [binding, subpath]. */
const ENTRIES = [
  ["lib", ""],
  ["node", "/node"],
  ["data", "/data"],
  ["advanced", "/advanced"],
  ["scoring", "/scoring"],
];

/** Most runtime names the main entry may export (issue 11: `Object.keys(await import(...))`; test/api.test.ts). */
const MAX_MAIN_EXPORTS = 40;

/**
 * Checks across entries, as statements valid in JavaScript and TypeScript (strict). Classes must
 * be one copy shared by every entry, in ESM and in CJS: a Projection made by `attrition-sim/node`
 * (on a worker thread) is `instanceof Projection` of `attrition-sim`; a `CsvError` thrown by
 * `attrition-sim/data` is `instanceof InputError` of `attrition-sim`; an `OptionsError` thrown by
 * `attrition-sim/advanced` (or `attrition-sim/scoring`) is the main entry's; the advanced renderers
 * take the main entry's objects.
 */
const CROSS_ENTRY_CHECKS = `async function crossEntryChecks() {
  const names = Object.keys(lib).length;
  if (names > ${MAX_MAIN_EXPORTS}) throw new Error("attrition-sim exports " + names + " runtime names, more than ${MAX_MAIN_EXPORTS}");
  const parallel = await node.simulateParallel("baseline", { runs: 64, seed: 3, horizonMonths: 3, workers: 1 });
  if (!(parallel instanceof lib.Projection)) throw new Error("attrition-sim/node: simulateParallel's result is not instanceof Projection of attrition-sim");
  // A small refit on the filter workers (their own bundle, dist/node/filter-worker.*): its likelihoods and its draws.
  const refit = await node.forecastParallel({ runs: 200, horizonMonths: 1, seed: 1, through: "2024-03", workers: 2, refit: { thetaParticles: 26, filterParticles: 10, finalMoves: 1 } });
  if (!(refit instanceof lib.Projection) || refit.parameters.method !== "refit") throw new Error("attrition-sim/node: forecastParallel's refit is not a refit Projection of attrition-sim");
  let csvError;
  try {
    data.parseOccupiedAreaMonthlyCsv("month\\n2025-13\\n");
  } catch (error) {
    csvError = error;
  }
  if (!(csvError instanceof data.CsvError)) throw new Error("attrition-sim/data: a malformed CSV did not throw a CsvError");
  if (!(csvError instanceof lib.InputError)) throw new Error("attrition-sim/data: CsvError is not instanceof InputError of attrition-sim");
  let seedError;
  try {
    advanced.createStream(-1, "smoke");
  } catch (error) {
    seedError = error;
  }
  if (!(seedError instanceof lib.OptionsError)) throw new Error("attrition-sim/advanced: a bad seed did not throw the OptionsError of attrition-sim");
  if (!advanced.fanChartSvg([parallel], "occupiedShare").startsWith("<svg")) throw new Error("attrition-sim/advanced: fanChartSvg did not draw a projection of attrition-sim/node");
  if (Math.abs(scoring.crpsSample([1, 2, 3], 2) - 2 / 9) > 1e-12) throw new Error("attrition-sim/scoring: crpsSample([1, 2, 3], 2) is not 2/9");
  let scoreError;
  try {
    scoring.crpsSample([], 2);
  } catch (error) {
    scoreError = error;
  }
  if (!(scoreError instanceof lib.OptionsError)) throw new Error("attrition-sim/scoring: an empty sample did not throw the OptionsError of attrition-sim");
}`;

function fixtures() {
  const expr = smokeExpression();
  const nodeCheck = `if (typeof node.main !== "function") throw new Error("attrition-sim/node: main is not a function, got " + typeof node.main);`;
  // The `attrition-sim/data` subpath: the shipped series and their attribution must be there.
  const dataCheck = `if (data.occupiedAreaMonthly[data.occupiedAreaMonthly.length - 1].month !== "2025-06" || !data.DATA_ATTRIBUTION.includes("Petro Ivaniuk")) throw new Error("attrition-sim/data: unexpected content");`;
  const body = [
    nodeCheck,
    dataCheck,
    `const result = ${expr};`,
    CROSS_ENTRY_CHECKS,
    `crossEntryChecks().then(() => console.log(JSON.stringify(result)), (error) => { console.error(error); process.exitCode = 1; });`,
    "",
  ].join("\n");
  const imports = ENTRIES.map(([name, sub]) => `import * as ${name} from "${pkg.name}${sub}";`);
  const requires = ENTRIES.map(([name, sub]) => `const ${name} = require("${pkg.name}${sub}");`);
  const ts = [...imports, TS_TYPE_PROBE, body].join("\n");
  return {
    "esm.mjs": [...imports, body].join("\n"),
    "cjs.cjs": [...requires, body].join("\n"),
    // In this "type": "commonjs" project, ts.ts is a CommonJS module for tsc (nodenext) and tsx:
    // it sees the "require" conditions (.d.cts / .cjs). mts.mts sees "import" (.d.ts / .js).
    "ts.ts": ts,
    "mts.mts": ts,
  };
}

function scratch(tmp, tarball) {
  const dir = join(tmp, "scratch");
  step(`scratch project in ${dir}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "commonjs" }, null, 2));
  run("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: dir });

  const files = fixtures();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  // A consumer with @types/node (the repo's), checking the package's own declarations too.
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          typeRoots: [join(root, "node_modules", "@types")],
          types: ["node"],
        },
        files: ["ts.ts", "mts.mts"],
      },
      null,
      2,
    ),
  );

  step("type-check the TypeScript fixtures (tsc --strict, nodenext, skipLibCheck false)");
  run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: dir, echo: true });
  console.log("tsc: ok");

  step("run the fixtures");
  const tsx = join(root, "node_modules", ".bin", "tsx");
  const runs = [
    ["esm.mjs", process.execPath, ["esm.mjs"]],
    ["cjs.cjs", process.execPath, ["cjs.cjs"]],
    ["ts.ts", tsx, ["ts.ts"]],
    ["mts.mts", tsx, ["mts.mts"]],
  ];
  const outputs = runs.map(([name, cmd, args]) => {
    const { stdout } = run(cmd, args, { cwd: dir });
    const line = stdout.trim();
    console.log(`  ${name.padEnd(8)} → ${line.length > 160 ? line.slice(0, 157) + "..." : line}`);
    return [name, line];
  });
  const [first] = outputs;
  if (!first[1] || first[1] === "undefined" || first[1] === "null" || first[1].includes("\n")) {
    fail(`${first[0]} printed ${JSON.stringify(first[1])}, expected one line of JSON`);
  }
  const differing = outputs.filter(([, line]) => line !== first[1]);
  if (differing.length) {
    fail(`outputs differ:\n${indent(outputs.map(([n, l]) => `${n}: ${l}`).join("\n"))}`);
  }
  console.log("identical output from ESM, CJS and TypeScript: ok");

  step("installed bin");
  const bin = join(dir, "node_modules", ".bin", Object.keys(pkg.bin)[0]);
  if (!existsSync(bin)) fail(`the bin ${bin} was not installed`);
  const r = run(bin, ["--help"], { cwd: dir, okCodes: [0, 2] });
  if (/^\s+at .+[(:]\d+/m.test(r.stderr)) fail(`${Object.keys(pkg.bin)[0]} --help printed a stack trace:\n${indent(r.stderr)}`);
  console.log(`${Object.keys(pkg.bin)[0]} --help: exit ${r.status}, no stack trace: ok`);
}

/** The source modules an unminified esbuild bundle holds: its `// src/….ts` region comments. */
function bundledModules(text) {
  return [...text.matchAll(/^\/\/ (src\/\S+\.ts)$/gm)].map((m) => m[1]);
}

/** Specifiers of a bundle's static imports and requires: [relative ones, bare ones]. */
function bundleImports(text) {
  const specs = [
    ...[...text.matchAll(/^\s*(?:import|export)\s[^'";]*?\sfrom\s*["']([^"']+)["']/gm)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*import\s*["']([^"']+)["']/gm)].map((m) => m[1]),
    ...[...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]),
  ];
  return [specs.filter((x) => x.startsWith(".")), specs.filter((x) => !x.startsWith("."))];
}

/** A bundle and every chunk it imports, transitively: its files, bare imports and source modules. */
function importClosure(entry) {
  const files = new Set(),
    bare = new Set(),
    modules = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(join(root, file), "utf8");
    bundledModules(text).forEach((m) => modules.add(m));
    const [relative, external] = bundleImports(text);
    external.forEach((x) => bare.add(x));
    for (const spec of relative) visit(join(dirname(file), spec).replace(/\\/g, "/"));
  };
  visit(entry);
  return { files: [...files], bare: [...bare], modules: [...modules] };
}

/**
 * Workers must load neither zod nor mathjs (they get the already-validated, numeric plan), nor
 * the renderers and result objects (DESIGN §2): checked on each worker bundle and all its chunks.
 * (The filter worker of forecastParallel, dist/node/filter-worker.*, parses the filter's scenario, so
 * it is not checked here; the cross-entry checks run it.)
 */
function workerImports() {
  step("worker bundles and their chunks import neither zod nor mathjs, nor src/output/ or src/results/");
  for (const file of ["dist/node/worker.js", "dist/node/worker.cjs"]) {
    const closure = importClosure(file);
    const found = closure.bare.filter((name) => /^(zod|mathjs)(\/|$)/.test(name));
    if (found.length) fail(`${file} (through ${closure.files.join(", ")}) imports ${found.join(" and ")}`);
    const layers = closure.modules.filter((m) => /^src\/(output|results)\//.test(m));
    if (layers.length) fail(`${file} bundles ${layers.join(", ")}`);
    if (!closure.modules.includes("src/engine/block.ts"))
      fail(`${file}: src/engine/block.ts is not in its closure — did the bundle layout change?`);
    console.log(
      `${file}: ${closure.files.length} files, ${closure.modules.length} modules, imports ${closure.bare.join(", ") || "nothing else"}: ok`,
    );
  }
}

/**
 * One copy of the core: with code shared between entries (tsup splitting), every source module
 * is in exactly one file of each format, so `instanceof` holds across the package's entries.
 */
function oneCopy(files) {
  step("every source module is bundled once per format");
  for (const ext of [".js", ".cjs"]) {
    const seen = new Map();
    let bytes = 0;
    for (const f of files) {
      if (!f.startsWith("dist/") || !f.endsWith(ext)) continue;
      const text = readFileSync(join(root, f), "utf8");
      bytes += Buffer.byteLength(text);
      // A module may show up in several regions of one file (esbuild hoists parts of it).
      for (const m of new Set(bundledModules(text))) seen.set(m, [...(seen.get(m) ?? []), f]);
    }
    const twice = [...seen].filter(([, where]) => where.length > 1);
    if (twice.length)
      fail(`modules bundled in more than one file (${ext}):\n${indent(twice.map(([m, where]) => `${m}: ${where.join(", ")}`).join("\n"))}`);
    if (!seen.has("src/results/projection.ts")) fail(`no src/results/projection.ts in the ${ext} files — did the bundle layout change?`);
    console.log(`${ext}: ${seen.size} modules, each in one file (${bytes} bytes of ${ext} in all): ok`);
  }
}

/**
 * The shipped posterior (issue 14: "loaded lazily on first use and never bundled into the core
 * entry") is a chunk of its own, reached only through a dynamic import (ESM) or a deferred require
 * (CJS), and the core entry's static imports do not reach it.
 */
function lazyPosterior(files) {
  step("the shipped posterior is a chunk of its own, loaded lazily, outside the core entry's static imports");
  const MODULE = "src/scenario/shipped-posterior.ts";
  for (const ext of [".js", ".cjs"]) {
    const holders = [...files].filter(
      (f) => f.startsWith("dist/") && f.endsWith(ext) && bundledModules(readFileSync(join(root, f), "utf8")).includes(MODULE),
    );
    if (holders.length !== 1 || !/shipped-posterior-[^/]*$/.test(holders[0]))
      fail(`${MODULE} is bundled in ${holders.join(", ") || "no file"} (${ext}): expected one chunk of its own`);
    const chunk = holders[0].split("/").at(-1);
    for (const f of files) {
      if (!f.startsWith("dist/") || !f.endsWith(ext) || f === holders[0]) continue;
      const text = readFileSync(join(root, f), "utf8");
      for (const line of text.split("\n").filter((l) => l.includes(chunk)))
        if (!/await import\(|Promise\.resolve\(\)\.then\(/.test(line)) fail(`${f} loads ${chunk} eagerly: ${line.trim()}`);
    }
    const entry = `dist/index${ext}`;
    if (ext === ".js" && importClosure(entry).modules.includes(MODULE)) fail(`${entry} reaches ${MODULE} through its static imports`);
    console.log(`${holders[0]}: loaded lazily${ext === ".js" ? `, not in ${entry}'s static closure` : ""}: ok`);
  }
}

// --- main ---------------------------------------------------------------------------------------

const tmp = mkdtempSync(join(tmpdir(), "attrition-sim-smoke-"));
const cleanup = () => rmSync(tmp, { recursive: true, force: true });
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

try {
  console.log(`[smoke] ${pkg.name}@${pkg.version}, temp dir ${tmp}`);
  const { tarball, files } = pack(tmp);
  noUnshippedData(files);
  workerImports();
  oneCopy(files);
  lazyPosterior(files);
  lint(tarball);
  scratch(tmp, tarball);
  console.log("\n[smoke] all checks passed");
} catch (error) {
  console.error(`\n[smoke] FAILED: ${error instanceof SmokeFailure ? error.message : (error?.stack ?? error)}`);
  process.exitCode = 1;
} finally {
  cleanup();
}
