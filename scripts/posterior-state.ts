#!/usr/bin/env tsx
// Add the filtered state at the last month to the shipped posterior (issue 14, item 7): each θ
// draw of data/posterior-2025-06.json is filtered over the fit's data (scripts/fit-settings.ts)
// and one of its particles' state is kept (src/analysis/posterior-state.ts), so the `baseline`
// preset starts each path from a draw of (θ, x at 2025-06). Seeded: the same θ and data give the
// same file. `npm run fit` runs this after the fit; on its own: `npm run fit:state`. Then it
// regenerates the modules the package ships (scripts/build-posterior.mjs).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { POSTERIOR_STATE_PARTICLES, posteriorStates } from "../src/analysis/posterior-state.js";
import { roundSignificant6 } from "../src/util/format.js";
import { fitData } from "./fit-settings.js";

const FILE = "data/posterior-2025-06.json";
/** The stream the states are drawn from (any fixed seed; a new one would be a new file). */
const STATE_SEED = 1;
const started = Date.now();
const posterior = JSON.parse(readFileSync(FILE, "utf8")) as Record<string, unknown> & {
  parameters: string[];
  draws: number[][];
  through: string;
};
const { observations, scenario } = fitData();
if (observations.months.at(-1) !== posterior.through)
  throw new Error(`${FILE} was fitted through ${posterior.through}, the fit's data end in ${observations.months.at(-1)}`);
// Six significant digits, θ and state alike: the posterior's own spread is far larger (a person
// in 10^5–10^6, 0.1 km² of 10^5, 10^-6 of a parameter's value), and the file must stay within
// 150 kB gzipped (issue 14). θ is rounded first and the states are filtered at the rounded θ, so
// the file is the same whether this runs on the fit's output or again on its own output.
const round = (rows: readonly (readonly number[])[]) => rows.map((row) => row.map(roundSignificant6));
const draws = round(posterior.draws);
const states = posteriorStates(
  scenario,
  observations,
  { parameters: posterior.parameters, draws },
  {
    seed: STATE_SEED,
    onRow: (done, total) => {
      if (done % 100 === 0) process.stderr.write(`  state of draw ${done} of ${total} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    },
  },
);
const out = {
  ...posterior,
  draws,
  logLikelihoods: (posterior.logLikelihoods as number[]).map(roundSignificant6),
  format: "attrition-sim/posterior@2",
  note: "each row is one equally weighted draw of the parameters and, in state.rows, of the state at the last month; the other parameters stay at the filter scenario's prior medians in the fit",
  state: {
    month: posterior.through,
    method: `each θ draw filtered with ${POSTERIOR_STATE_PARTICLES} guided particles over the fit's months (seed ${STATE_SEED}), one particle kept (src/analysis/posterior-state.ts); 6 significant digits`,
    columns: states.columns,
    rows: round(states.rows),
  },
};
const text = `${JSON.stringify(out)}\n`;
writeFileSync(FILE, text);
process.stderr.write(
  `  ${FILE}: ${states.rows.length} states in ${((Date.now() - started) / 1000).toFixed(1)} s; ${(text.length / 1024).toFixed(0)} kB, ${(gzipSync(text).length / 1024).toFixed(0)} kB gzipped\n`,
);
execFileSync(process.execPath, ["scripts/build-posterior.mjs"], { stdio: "inherit" });
