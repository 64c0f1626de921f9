/**
 * Score your own forecast the way forecast hubs do: your samples against what was observed —
 * CRPS, the weighted interval score (WIS), 50% / 90% coverage and the PIT histogram — and then
 * the same forecast in the rolling-origin league table against the naive baselines, with the
 * Diebold–Mariano test of the difference to the best of them.
 *
 *   npx tsx examples/score-a-forecast.ts
 *
 * The forecast here is a made-up one: the occupied area grows 300 km² a month, give or take
 * 250 km² × √h. Replace `myForecast` with yours. In your own project, import from
 * "attrition-sim/scoring" and "attrition-sim/data" instead of "../src/….js".
 */
import { occupiedAreaMonthly } from "../src/data/index.js";
import {
  baselineForecasters,
  biasSample,
  chiSquareUniformity,
  createStream,
  crpsSample,
  HUB_QUANTILE_LEVELS,
  inCentralInterval,
  pitHistogram,
  pitSample,
  runLeague,
  sampleQuantiles,
  SHIPPED_LEAGUE_DATA,
  weightedIntervalScore,
  type Forecaster,
} from "../src/scoring.js";

const HORIZON = 3;
const ORIGINS = [
  "2024-01",
  "2024-02",
  "2024-03",
  "2024-04",
  "2024-05",
  "2024-06",
  "2024-07",
  "2024-08",
  "2024-09",
  "2024-10",
  "2024-11",
  "2024-12",
];
const areaAt = (month: string) => occupiedAreaMonthly.find((r) => r.month === month)!.occupiedKm2;
const monthAfter = (month: string, k: number) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const i = y * 12 + m - 1 + k;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
};

/** Your forecast: 1,000 draws of the area at the end of origin + h, from what was known at the origin. */
function myForecast(areaAtOrigin: number, h: number, seed: number): Float64Array {
  const uniform = createStream(seed, "my forecast");
  return Float64Array.from({ length: 1000 }, () => {
    const z = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()); // Box–Muller
    return areaAtOrigin + 300 * h + 250 * Math.sqrt(h) * z;
  });
}

// 1. Score each forecast against its observation.
const fmt = (v: number) => Math.round(v).toLocaleString("en-US");
console.log(`My forecast of the occupied area (km²), ${HORIZON} months ahead, origins ${ORIGINS[0]} … ${ORIGINS.at(-1)}:`);
console.log("origin    target    observed   median [90% band]            CRPS    WIS  in 90%   PIT");
const rows = ORIGINS.map((origin, k) => {
  const target = monthAfter(origin, HORIZON);
  const samples = myForecast(areaAt(origin), HORIZON, k + 1);
  const observed = areaAt(target);
  const q = sampleQuantiles(samples, HUB_QUANTILE_LEVELS);
  const row = {
    crps: crpsSample(samples, observed),
    wis: weightedIntervalScore(HUB_QUANTILE_LEVELS, q, observed).wis,
    in50: inCentralInterval(samples, observed, 0.5),
    in90: inCentralInterval(samples, observed, 0.9),
    pit: pitSample(samples, observed, createStream(1, "pit", origin)),
    bias: biasSample(samples, observed),
  };
  const [p05, p50, p95] = sampleQuantiles(samples, [0.05, 0.5, 0.95]);
  console.log(
    `${origin}   ${target}   ${fmt(observed).padStart(7)}   ${fmt(p50!)} [${fmt(p05!)}–${fmt(p95!)}]`.padEnd(60) +
      `${fmt(row.crps).padStart(6)} ${fmt(row.wis).padStart(6)}  ${row.in90 ? "yes" : "no "}    ${row.pit.toFixed(2)}`,
  );
  return row;
});
const mean = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
const pct = (v: number) => `${Math.round(100 * v)}%`;
console.log(
  `Mean CRPS ${fmt(mean((r) => r.crps))} km², mean WIS ${fmt(mean((r) => r.wis))} km²; coverage ${pct(mean((r) => +r.in50))} (50% band), ${pct(mean((r) => +r.in90))} (90% band); mean bias ${mean((r) => r.bias).toFixed(2)}`,
);
const histogram = pitHistogram(
  rows.map((r) => r.pit),
  4,
);
console.log(
  `PIT histogram (4 bins): ${histogram.counts.join(" ")}; chi-square p = ${chiSquareUniformity(histogram.counts).pValue.toFixed(2)} (flat is calibrated)`,
);

// 2. The same forecast in the league table: a Forecaster sees the data up to its origin only
//    (and gets its own seed at each origin, so its draws differ a little from part 1's).
const mine: Forecaster = {
  name: "my forecast",
  role: "candidate",
  description: "+300 km²/month ± 250 km² × √h",
  series: ["occupiedKm2"],
  forecast: ({ origin, horizons, data, seed }) => {
    const level = data.occupiedArea.at(-1)!.occupiedKm2; // the origin's row: nothing later is there
    return { samples: { occupiedKm2: horizons.map((h) => myForecast(level, h, seed)) } };
  },
};
const league = await runLeague(SHIPPED_LEAGUE_DATA, [mine, ...baselineForecasters()], {
  origins: ORIGINS,
  horizons: [HORIZON],
  series: ["occupiedKm2"],
});
const c = league.comparisons[0]!;
console.log(
  `\nIn the league (${c.n} origins, ${HORIZON} months ahead): mean WIS ${fmt(c.candidateWis)} km², relative WIS ${c.relativeWis.toFixed(2)} against the best baseline, ${c.bestBaseline} (${fmt(c.baselineWis)} km²)`,
);
console.log(
  `Lower WIS than it at ${c.wins} of ${c.n} origins; Diebold–Mariano (lag ${c.test.lag}) ${c.test.pValue === null ? `no test: ${c.test.note}` : `p = ${c.test.pValue.toFixed(2)}`}`,
);
