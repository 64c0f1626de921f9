/**
 * What do the 25–30k pledged DPRK troops (F1) change? The baseline (with the pledge wave) and
 * `no-pledge` run on the same random draws (common random numbers), so each path's difference
 * is the effect of the wave alone, not Monte Carlo noise.
 *
 *   npx tsx examples/dprk-pledge.ts                   (ATTRITION_RUNS=1000 for a quicker run)
 */
import { compare } from "../src/index.js";

const runs = Number(process.env.ATTRITION_RUNS ?? 5_000);
const comparison = await compare("baseline", "no-pledge", { runs, seed: 1, horizonMonths: 60 });
console.log(String(comparison));

const k = (v: number) => `${v >= 0 ? "+" : "−"}${(Math.abs(v) / 1000).toFixed(1)}k`;
const pp = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(2)} pp`;
const at = (month: string) => comparison.a.monthIndex(month);

console.log(`\nEffect of dropping the pledge wave (${comparison.label}), mean [5th to 95th percentile] per path:`);
for (const [title, series, fmt] of [
  ["DPRK troops in theatre", "dprkForce", k],
  ["DPRK casualties", "dprkLosses", k],
  ["Russian casualties", "russiaLosses", k],
  ["Russian force", "russiaForce", k],
  ["Occupied share", "occupiedShare", pp],
] as const) {
  const d = comparison.difference(series);
  for (const month of ["2026-12", "2030-06"]) {
    const m = at(month);
    console.log(`  ${title.padEnd(24)} ${month}: ${fmt(d.mean[m]!)} [${fmt(d.p05[m]!)} to ${fmt(d.p95[m]!)}]`);
  }
}

const e = comparison.event(0.25);
console.log(
  `\nOccupied share ≥ 25% within 60 months: P(never) ${(e.pNever.a * 100).toFixed(1)}% → ${(e.pNever.b * 100).toFixed(1)}% (paired difference ${(e.pNever.difference * 100).toFixed(1)} ± ${(e.pNever.differenceSe * 100).toFixed(1)} points)`,
);
if (e.pairedShift.paths > 0) {
  console.log(
    `Paths reaching it in both: ${e.pairedShift.paths}; months later without the wave: median ${e.pairedShift.p50!.toFixed(1)}, 90% band ${e.pairedShift.p05!.toFixed(1)} to ${e.pairedShift.p95!.toFixed(1)}`,
  );
}
