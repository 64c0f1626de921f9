/**
 * A custom scenario from a JSON file: `extends` a preset and overrides two parameters with unit
 * strings ("1100/day", "20000/month"). The file is validated (errors name the field), then run
 * against the baseline on the same random draws.
 *
 *   npx tsx examples/custom-scenario.ts [scenario.json]   (default examples/scenarios/cheaper-recruits.json)
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compare, InputError, parameterTable, parseScenario } from "../src/index.js";

const runs = Number(process.env.ATTRITION_RUNS ?? 5_000);
const file = process.argv[2] ?? fileURLToPath(new URL("./scenarios/cheaper-recruits.json", import.meta.url));

let scenario;
try {
  scenario = parseScenario(JSON.parse(readFileSync(file, "utf8")));
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  console.error(`${file}:\n${error.message}`);
  process.exit(2);
}
console.log(`Scenario ${scenario.name}: ${scenario.description ?? ""}`);
for (const row of parameterTable(scenario).filter((r) => r.path.endsWith("recruitmentCapacityPerMonth"))) {
  console.log(`  ${row.path} = ${row.value} (${row.provenance})`);
}

const comparison = await compare("baseline", scenario, { runs, seed: 1, horizonMonths: 120 });
console.log(`\n${comparison}`);
const last = comparison.months.length - 1;
for (const series of ["russiaForce", "ukraineForce", "occupiedShare"] as const) {
  const d = comparison.difference(series);
  const sign = (v: number) => (v > 0 ? "+" : v < 0 ? "−" : "");
  const f = (v: number) =>
    series === "occupiedShare"
      ? `${sign(v)}${Math.abs(v * 100).toFixed(2)} pp`
      : Math.abs(v) < 50
        ? "0"
        : `${sign(v)}${(Math.abs(v) / 1000).toFixed(1)}k`;
  console.log(`  ${series.padEnd(14)} at ${comparison.months[last]}: mean ${f(d.mean[last]!)} [${f(d.p05[last]!)} to ${f(d.p95[last]!)}]`);
}
