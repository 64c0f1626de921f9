/**
 * The baseline projection: how much of Ukraine is occupied by 2027 and 2030 (median and 90%
 * band), how large the forces are, and how likely the occupied share reaches 25% by the end of
 * 2030. Optionally writes the fan chart of the occupied share.
 *
 *   npx tsx examples/baseline.ts [chart.svg]         (ATTRITION_RUNS=1000 for a quicker run)
 *
 * In your own project, import from "attrition-sim" instead of "../src/index.js".
 */
import { writeFileSync } from "node:fs";
import { simulate } from "../src/index.js";

const runs = Number(process.env.ATTRITION_RUNS ?? 10_000);
const projection = await simulate("baseline", { runs, seed: 1, horizonMonths: 120 });
const share = projection.series("occupiedShare");
const ukraine = projection.series("ukraineForce");
const russia = projection.series("russiaForce");
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const k = (v: number) => `${Math.round(v / 1000)}k`;

console.log(String(projection));
console.log("\nMonth     occupied share (median [90% band])   Russian force   Ukrainian force");
for (const month of ["2025-12", "2026-12", "2027-12", "2030-12", "2035-06"]) {
  const m = projection.monthIndex(month);
  console.log(
    `${month}   ${pct(share.p50[m]!)} [${pct(share.p05[m]!)}–${pct(share.p95[m]!)}]`.padEnd(48) +
      `${k(russia.p50[m]!)}`.padEnd(16) +
      k(ukraine.p50[m]!),
  );
}
const p = projection.probability("occupiedShare", ">=", 0.25, "2030-12");
console.log(`\nP(occupied share ≥ 25% by 2030-12-31) = ${pct(p)} ± ${pct(Math.sqrt((p * (1 - p)) / runs))}`);
const event = projection.event(0.25);
console.log(`Months until 25%: median ${event.quantiles.p50 ?? "not within 120 months"}; P(not within 120 months) = ${pct(event.pNever)}`);

const file = process.argv[2];
if (file) {
  writeFileSync(file, projection.toSVG("occupiedShare"));
  console.log(`Fan chart written to ${file}`);
}
