#!/usr/bin/env node
// `npm run docs:all`: regenerate every generated document and every pasted command output, in turn.
//
//   npm run docs:all                    # everything (the slow generators take minutes: see SLOW)
//   npm run docs:all -- --skip-slow     # leave out the slow generators
//   npm run docs:all -- --only readme   # only the steps named (comma-separated; --list shows them)
//
// Pasted outputs: in README.md and docs/outputs.md, a fenced block between
//   <!-- output: attrition-sim <args> -->
//   ```text
//   …
//   ```
//   <!-- /output -->
// is replaced by the fresh stdout of `node dist/node/cli.js <args>` (the built CLI, as `npx
// attrition-sim` runs it). Everything outside the markers is left as it is. The generators are
// deterministic (seeded, no timestamps), so an unchanged engine rewrites the same bytes.
//
// Not regenerated here: bench/results.json and the figures docs/performance.md quotes (`npm run
// bench`: machine-dependent timings), and src/data/series.ts, src/scenario/preset-scenarios.ts
// (generated sources: `node scripts/build-data.mjs`, `npm run presets`; the tests check both).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PASTED = ["README.md", "docs/outputs.md"];
const CLI = "dist/node/cli.js";

/** Each step: a name, what it writes, and the command; `slow` ones take minutes; `cli` ones run the built CLI (the build runs first). */
const STEPS = [
  { name: "model", writes: "docs/model.md (from docs/model.template.md)", command: ["npx", "tsx", "scripts/model-docs.ts"] },
  {
    name: "fan-chart-baseline",
    cli: true,
    writes: "docs/fan-chart-baseline.svg",
    command: ["node", CLI, "run", "baseline", "--format", "svg", "--out", "docs/fan-chart-baseline.svg", "--force"],
  },
  {
    name: "fan-chart-dprk-pledge",
    cli: true,
    writes: "docs/fan-chart-dprk-pledge.svg",
    command: [
      "node",
      CLI,
      "compare",
      "baseline",
      "no-pledge",
      "--format",
      "svg",
      "--series",
      "dprkForce",
      "--out",
      "docs/fan-chart-dprk-pledge.svg",
      "--force",
    ],
  },
  {
    name: "forecast-chart",
    cli: true,
    writes: "docs/forecast-isw-area.svg",
    command: ["node", CLI, "forecast", "--format", "svg", "--out", "docs/forecast-isw-area.svg", "--force"],
  },
  { name: "readme", cli: true, writes: `the pasted outputs of ${PASTED.join(", ")}`, run: pasteOutputs },
  { name: "sensitivity", writes: "docs/sensitivity.md (~1.5 min)", command: ["npx", "tsx", "scripts/sensitivity-docs.ts"], slow: true },
  {
    name: "calibration-abc",
    writes: "docs/calibration-abc.md and .json (a few minutes)",
    command: ["npx", "tsx", "scripts/fit-regimes.ts"],
    slow: true,
  },
  {
    name: "fit-profile",
    writes: "src/analysis/filter-estimate.ts and docs/fit-profile.md (~2 min; docs/filter.md's profile θ, which the filter study reads)",
    command: ["npm", "run", "fit:profile"],
    slow: true,
  },
  { name: "filter", writes: "docs/filter.md (~25 min)", command: ["npx", "tsx", "scripts/filter-study.ts"], slow: true },
  {
    name: "fit",
    writes: "docs/fit.md, data/posterior-2025-06.json (θ and each draw's state) and src/scenario/shipped-posterior*.ts (~13 min)",
    command: ["npx", "tsx", "scripts/fit-smc.ts"],
    slow: true,
  },
  {
    name: "fit-deepstate",
    writes: "data/unshipped/posterior-deepstate-2025-06.json (~14 min)",
    command: ["npx", "tsx", "scripts/fit-smc.ts", "--deepstate"],
    slow: true,
  },
  {
    name: "calibration",
    writes: "docs/calibration.md (~1 min; after fit, fit-deepstate, calibration-abc)",
    command: ["npx", "tsx", "scripts/calibration-docs.ts"],
    slow: true,
  },
  {
    name: "league-smc",
    writes: "docs/league-smc.md (~6 min: the SMC posterior refitted at every origin of the league table)",
    command: ["npx", "tsx", "scripts/league-smc.ts"],
    slow: true,
  },
  { name: "fit-pmmh", writes: "docs/fit-pmmh.md (~13 min)", command: ["npx", "tsx", "scripts/fit-pmmh.ts"], slow: true },
  { name: "fit-sbc", writes: "docs/fit-sbc.md (~20 min)", command: ["npx", "tsx", "scripts/fit-sbc.ts"], slow: true },
  {
    name: "fit-sbc-pmmh",
    writes: "docs/fit-sbc-pmmh.md (~52 min)",
    command: ["npx", "tsx", "scripts/fit-sbc.ts", "--sampler", "pmmh"],
    slow: true,
  },
  {
    name: "backtest",
    writes: "docs/backtest.md, docs/backtest-pit-*.svg, docs/backtest.csv (~4 min)",
    command: ["npx", "tsx", "scripts/backtest.ts"],
    slow: true,
  },
];

const MARKER = /(<!-- output: attrition-sim ([^>]*?) -->\n)```text\n[\s\S]*?\n```\n(?=<!-- \/output -->)/g;

function run(command, capture = false) {
  const [bin, ...args] = command;
  const result = spawnSync(bin, args, {
    cwd: root,
    encoding: "utf8",
    stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`${command.join(" ")} exited with ${result.status ?? result.signal}`);
  return result.stdout;
}

/** Replace every marked block of the pasted files with the command's fresh output. */
function pasteOutputs() {
  for (const file of PASTED) {
    const path = resolve(root, file);
    const text = readFileSync(path, "utf8");
    let count = 0;
    const next = text.replace(MARKER, (_, open, args) => {
      count += 1;
      process.stdout.write(`  ${file}: attrition-sim ${args}\n`);
      const output = run(["node", CLI, ...args.trim().split(/\s+/)], true).replace(/\s+$/, "");
      return `${open}\`\`\`text\n${output}\n\`\`\`\n`;
    });
    if (count === 0) throw new Error(`${file}: no <!-- output: attrition-sim … --> block found`);
    if (next !== text) writeFileSync(path, next);
    process.stdout.write(`  ${file}: ${count} block(s), ${next === text ? "unchanged" : "updated"}\n`);
  }
}

const argv = process.argv.slice(2);
if (argv.includes("--list")) {
  for (const s of STEPS) console.log(`${s.name.padEnd(22)} ${s.slow ? "slow " : "     "} ${s.writes}`);
  process.exit(0);
}
const onlyAt = argv.indexOf("--only");
const only = onlyAt >= 0 ? argv[onlyAt + 1]?.split(",") : undefined;
const unknown = (only ?? []).filter((n) => !STEPS.some((s) => s.name === n));
if (unknown.length) throw new Error(`unknown step(s) ${unknown.join(", ")}; --list shows them`);
const skipSlow = argv.includes("--skip-slow");
const steps = STEPS.filter((s) => (only ? only.includes(s.name) : !(skipSlow && s.slow)));

if (steps.some((s) => s.cli)) {
  process.stdout.write("docs:all build: dist/ (the CLI steps run the built CLI)\n");
  run(["npx", "tsup", "--silent"]);
}
for (const step of steps) {
  const t = performance.now();
  process.stdout.write(`docs:all ${step.name}: ${step.writes}\n`);
  if (step.run) step.run();
  else run(step.command);
  process.stdout.write(`docs:all ${step.name}: done in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}
const skipped = STEPS.filter((s) => !steps.includes(s)).map((s) => s.name);
if (skipped.length) process.stdout.write(`docs:all: skipped ${skipped.join(", ")}\n`);
