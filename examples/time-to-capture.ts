/**
 * How long would capture of the remaining territory take? The article's straight line says
 * "over 83 years" (F11/F12): the model reproduces it with forces frozen, the offensive held and
 * no noise or events. With regimes switching, forces responding and a ceasefire hazard, the
 * answer is a distribution — and many paths do not finish within 100 years. `article` keeps the
 * article's figures; `baseline` starts from the state the data leave at 2025-06, with the
 * fitted pace (the shipped posterior).
 *
 *   npx tsx examples/time-to-capture.ts              (ATTRITION_RUNS=1000 for a quicker run)
 */
import { simulate, type EventSummary } from "../src/index.js";
import { UKRAINE_AREA_KM2 } from "../src/advanced.js";

const runs = Number(process.env.ATTRITION_RUNS ?? 5_000);
const years = (months: number | null) => (months === null ? "not within 100 years" : `${(months / 12).toFixed(1)} years`);
const show = (title: string, e: EventSummary) =>
  console.log(
    `${title.padEnd(44)} median ${years(e.quantiles.p50)}; 90% band ${years(e.quantiles.p05)} to ${years(e.quantiles.p95)}; P(not within 100 years) ${(e.pNever * 100).toFixed(1)}%`,
  );

// The article's arithmetic: 80% of Ukraine at the 2025 pace, nothing else moving.
const straightLine = {
  extends: "article",
  name: "straight line",
  dynamics: { forces: "frozen", regime: "offensive", noise: "off", events: "off" },
  territory: { initialOccupiedKm2: 0.2 * UKRAINE_AREA_KM2 },
};
const century = { horizonMonths: 1200, step: "month" } as const;
show("Straight line (F12), from 20%:", (await simulate(straightLine, { runs: 1, ...century })).event(1));
show("Baseline, regimes and ceasefire:", (await simulate("baseline", { runs, seed: 1, ...century })).event(1));
const noCeasefire = {
  extends: "baseline",
  name: "baseline without ceasefire",
  ceasefire: { hazardPerMonth: 0, hazardPerStalemateMonth: 0 },
};
show("Baseline, no ceasefire (same draws otherwise):", (await simulate(noCeasefire, { runs, seed: 1, ...century })).event(1));
