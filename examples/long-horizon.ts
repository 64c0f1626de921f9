/**
 * A long-horizon run at the default month step (12 sub-steps a month): 50 years of
 * the `dprk-waves` preset (further Poisson DPRK waves, F16), by decade — how far the front
 * moves, and how many DPRK soldiers become casualties.
 *
 *   npx tsx examples/long-horizon.ts                 (ATTRITION_RUNS=1000 for a quicker run)
 */
import { simulate } from "../src/index.js";

const runs = Number(process.env.ATTRITION_RUNS ?? 5_000);
const projection = await simulate("dprk-waves", { runs, seed: 1, horizonMonths: 600 });
console.log(`${projection}\n`);
const share = projection.series("occupiedShare");
const dprk = projection.series("dprkLosses");
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const k = (v: number) => `${Math.round(v / 1000)}k`;
console.log("Month     occupied share (median [90% band])   DPRK casualties since 2025-07 (median [90% band])");
for (let m = 119; m < projection.months.length; m += 120) {
  console.log(
    `${projection.months[m]!.slice(0, 7)}   ${`${pct(share.p50[m]!)} [${pct(share.p05[m]!)}–${pct(share.p95[m]!)}]`.padEnd(38)}${k(dprk.p50[m]!)} [${k(dprk.p05[m]!)}–${k(dprk.p95[m]!)}]`,
  );
}
const half = projection.event(0.5);
console.log(`\nP(half of Ukraine occupied within 50 years) = ${pct(1 - half.pNever)}; step: ${projection.meta.step}`);
