/**
 * Forecast from the latest data: the particle filter runs the model over every observed month,
 * so the forecast starts from the filtered state (regime, pace, loss level, claims bias) at the
 * last observed month, and says what each source would report in the months after it.
 *
 *   npx tsx examples/forecast-from-latest.ts            # the shipped data (to 2025-06)
 *   npx tsx examples/forecast-from-latest.ts ./latest   # a folder of newer files named as in data/
 *
 * It also forecasts from 2024-12 and sets the forecast beside what was then observed. In your own
 * project, import from "attrition-sim", "attrition-sim/data" and "attrition-sim/node" instead of
 * "../src/….js".
 */
import { forecast } from "../src/index.js";
import { claimedLossesMonthly, occupiedAreaMonthly } from "../src/data/index.js";
import { forecastParallel, loadObservationsDir } from "../src/node/index.js";

// Particles: 4,000 by default (about a second); the tests run it with fewer.
const runs = Math.max(200, Number(process.env.ATTRITION_RUNS ?? 4000));
const folder = process.argv[2];

const latest = await forecast({ runs, seed: 1, horizonMonths: 6, ...(folder ? { observations: loadObservationsDir(folder) } : {}) });
console.log(
  `Forecast from ${latest.through} (${latest.sources.map((s) => s.source).join(", ")}; parameters: ${latest.parameters.method}):`,
);
const area = latest.reported("occupiedKm2");
const km2 = (v: number) => Math.round(v).toLocaleString("en-US");
latest.months.forEach((date, m) =>
  console.log(`  ${date.slice(0, 7)}  ISW area ${km2(area.p50[m]!)} km² [90%: ${km2(area.p05[m]!)}–${km2(area.p95[m]!)}]`),
);
for (const note of latest.notes) console.log(`  note: ${note}`);

// The same forecast made at the end of 2024, beside what was observed in 2025. The shipped θ was
// estimated on data to 2025-06, so a fair check re-infers its posterior on the data to 2024-12:
// tempered SMC from the prior, its filter runs on one worker thread per core (minutes; the tests,
// with fewer particles, run a small one).
const refit = runs >= 1000 ? true : { thetaParticles: 26, filterParticles: 20, finalMoves: 1 };
const past = await forecastParallel({ runs, seed: 1, horizonMonths: 6, through: "2024-12", refit });
const [pastArea, pastClaims] = [past.reported("occupiedKm2"), past.reported("claimedLosses")];
console.log(`\nForecast from ${past.through} (θ ${past.parameters.note}) against what was observed:`);
past.months.forEach((date, m) => {
  const month = date.slice(0, 7);
  const a = occupiedAreaMonthly.find((r) => r.month === month)!.occupiedKm2;
  const c = claimedLossesMonthly.find((r) => r.month === month)!.cumulativeAtMonthEnd;
  const inside = (v: number, s: typeof pastArea) => (v >= s.p05[m]! && v <= s.p95[m]! ? "inside" : "outside");
  console.log(
    `  ${month}  area observed ${km2(a)}, median ${km2(pastArea.p50[m]!)} (${inside(a, pastArea)} the 90% band); claims observed ${km2(c)}, median ${km2(pastClaims.p50[m]!)} (${inside(c, pastClaims)})`,
  );
});
