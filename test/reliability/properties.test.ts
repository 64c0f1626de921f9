/**
 * Property-based invariants (issue 6, item 1): for generated VALID scenarios — leaning on every
 * extreme the schema allows — every run finishes; no NaN or ±Infinity anywhere in the result;
 * per path, forces and stocks conserve people, nothing is negative and 0 ≤ occupied ≤ total;
 * the same seed gives byte-identical JSON (simulateSync and simulate alike).
 *
 * Sizes: CI_RUNS generated scenarios by default (~20–30 s on a 2-core machine), FULL_RUNS with
 * RELIABILITY_FULL=1; RELIABILITY_RUNS=N overrides both. Fixed seed PROPERTY_SEED
 * (RELIABILITY_SEED=N to explore others).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario, projectionJsonSchema, simulate, simulateSync, presets } from "../../src/index.js";
import { listParameters } from "../../src/engine/parameters.js";
import {
  checkPaths,
  FULL,
  nonFinitePaths,
  PARAMETER_BOUNDS,
  PROPERTY_SEED,
  scenarioCase,
  unexpectedNulls,
  type GeneratedCase,
} from "./helpers.js";

export const CI_RUNS = 100;
export const FULL_RUNS = 1_200;
const NUM_RUNS = Number(process.env.RELIABILITY_RUNS ?? (FULL ? FULL_RUNS : CI_RUNS));

/** Run a case and check every invariant; throws with a readable list of violations. */
async function checkCase(c: GeneratedCase): Promise<void> {
  const scenario = parseScenario(c.scenario); // a generated scenario is valid: it must parse
  const options = { runs: c.runs, seed: c.seed, horizonMonths: c.horizonMonths, step: c.step };
  const projection = simulateSync(scenario, { ...options, keepPaths: true });
  const json = projection.toJSON();
  const problems = [
    ...nonFinitePaths(json).map((p) => `non-finite in the JSON: ${p}`),
    ...unexpectedNulls(json).map((p) => `null in the JSON at ${p}`),
    ...checkPaths(projection.paths!, scenario.dynamics.forces === "frozen").problems,
  ];
  const parsed = projectionJsonSchema.safeParse(JSON.parse(JSON.stringify(json)));
  if (!parsed.success)
    problems.push(
      `result schema: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  // Without keepPaths (summaries from Float32 values): finite too, and the same seed gives the
  // same bytes through the synchronous and the asynchronous engine.
  const plain = JSON.stringify(simulateSync(scenario, options).toJSON());
  const again = await simulate(scenario, options);
  problems.push(...nonFinitePaths(JSON.parse(plain.replace(/null/g, "0"))).map((p) => `non-finite without keepPaths: ${p}`));
  if (/NaN|Infinity/.test(plain) || nonFinitePaths(again.toJSON()).length) problems.push("non-finite value in the JSON without keepPaths");
  if (plain !== JSON.stringify(again.toJSON())) problems.push("the same seed gave different JSON (simulateSync vs simulate)");
  if (problems.length) throw new Error(problems.slice(0, 8).join("\n"));
}

describe(`generated valid scenarios (${NUM_RUNS} cases, seed ${PROPERTY_SEED})`, () => {
  it("the generator covers every parameter of every preset", () => {
    const known = new Set(Object.keys(PARAMETER_BOUNDS));
    for (const name of Object.keys(presets)) {
      for (const slot of listParameters(parseScenario(name))) {
        expect(known.has(slot.path.replace(/\.waves\.\d+\./, ".waves.*.")), `${name}: ${slot.path}`).toBe(true);
      }
    }
  });

  it(
    "every run finishes: finite JSON valid against the result schema, per-path conservation, nothing negative, 0 ≤ occupied ≤ total, same seed ⇒ same bytes",
    async () => {
      let cases = 0,
        century = 0,
        dayStep = 0;
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(scenarioCase(), async (c) => {
          cases += 1;
          if (c.horizonMonths === 1200) century += 1;
          if (c.step === "day") dayStep += 1;
          await checkCase(c);
        }),
        { seed: PROPERTY_SEED, numRuns: NUM_RUNS, endOnFailure: !FULL },
      );
      console.info(
        `reliability properties: ${cases} scenarios (${century} of 1,200 months, ${dayStep} day-step) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(cases).toBeGreaterThanOrEqual(NUM_RUNS);
    },
    FULL ? 1_800_000 : 300_000,
  );
});

// ── the extremes of the issue, as named cases (run every time, whatever the generator draws) ──

const ln = (median: number, sigma: number) => ({ dist: "lognormal", median, sigma });
const extremes: [string, Record<string, unknown>][] = [
  [
    "tiny forces on both sides (1e-9 people)",
    { russia: { initialForce: 1e-9 }, ukraine: { initialForce: 1e-9 }, dprk: { initialForce: 0 } },
  ],
  [
    "zero DPRK, no recruits: Ukraine bled to exactly zero",
    {
      extends: "article",
      dprk: { initialForce: 0, waves: [] },
      ukraine: { recruitmentCapacityPerMonth: 0, woundedReturnShare: 0, initialForce: 1_000 },
      attrition: { ukraineOnOwnExponent: 0, russiaLossesPerMonth: 1e9 },
    },
  ],
  [
    "zero Russian recruits and returns",
    { russia: { recruitmentCapacityPerMonth: 0, woundedReturnShare: 0 }, attrition: { russiaLossesPerMonth: 1e9 } },
  ],
  [
    "huge inflows (1e12 recruits, target growth, waves, pool)",
    {
      russia: { recruitmentCapacityPerMonth: 1e12, targetGrowthPerMonth: 1e12 },
      ukraine: { recruitmentCapacityPerMonth: 1e12, targetGrowthPerMonth: 1e12 },
      dprk: {
        deployablePool: 1e12,
        waves: [{ name: "huge", size: 1e12, arrivalStart: "2025-08-01", arrivalEnd: "2025-08-01" }],
        furtherWaves: { ratePerYear: 12, size: 1e12, spreadMonths: 1e-9 },
      },
    },
  ],
  ["exchange ratio at its lower bound (0.2)", { attrition: { exchangeRatio: 0.2 } }],
  ["exchange ratio at its upper bound (10)", { attrition: { exchangeRatio: 10 } }],
  [
    "every attrition exponent 0",
    { attrition: { russiaOnUkraineExponent: 0, russiaOnOwnExponent: 0, ukraineOnRussiaExponent: 0, ukraineOnOwnExponent: 0 } },
  ],
  [
    "every attrition exponent 2",
    { attrition: { russiaOnUkraineExponent: 2, russiaOnOwnExponent: 2, ukraineOnRussiaExponent: 2, ukraineOnOwnExponent: 2 } },
  ],
  [
    "territory law at its extremes (γ = 4, θ = 1 − 2⁻⁵², gmax = 100, κ = 10)",
    {
      territory: {
        forceRatioExponent: 4,
        regainThreshold: 1 - 2 ** -52,
        maxGainMultiple: 100,
        breakthrough: { probabilityPerMonth: 1, forceRatioExponent: 10, multiplier: 100 },
      },
    },
  ],
  [
    "territory law at its other extremes (γ = 0, θ = 0, gmax = 1)",
    { territory: { forceRatioExponent: 0, regainThreshold: 0, maxGainMultiple: 1 } },
  ],
  [
    "waves far larger than the remaining DPRK pool",
    {
      dprk: {
        initialForce: 5_000,
        deployablePool: 1_000,
        waves: [{ name: "w", size: 1e6, arrivalStart: "2025-07-01", arrivalEnd: "2026-06-30" }],
        furtherWaves: { ratePerYear: 12, size: 1e6, spreadMonths: 1 },
      },
    },
  ],
  [
    "lognormal tails (median 1e12, σ = 13)",
    {
      russia: { initialForce: ln(1e12, 13), returnDelayMonths: ln(1e12, 13) },
      ukraine: { initialForce: ln(1e12, 13) },
      attrition: { russiaLossesPerMonth: ln(1e12, 13) },
    },
  ],
  [
    "every quantity at the 1e12 cap, Ukraine at 1e-9",
    {
      russia: { initialForce: 1e12, recruitmentCapacityPerMonth: 1e12, targetGrowthPerMonth: 1e12 },
      ukraine: { initialForce: 1e-9, recruitmentCapacityPerMonth: 1e12 },
      attrition: {
        russiaLossesPerMonth: 1e12,
        exchangeRatio: 0.2,
        russiaOnUkraineExponent: 2,
        russiaOnOwnExponent: 2,
        ukraineOnRussiaExponent: 2,
        ukraineOnOwnExponent: 2,
      },
      territory: { offensivePaceKm2PerMonth: 1e12, stalemateMeanKm2PerMonth: -1e12, stalemateSdKm2PerMonth: 1e12 },
    },
  ],
  [
    "noisiest settings (noise sd 2, φ 0.99, εA sd 3, seasonal amplitude 0.9)",
    { intensity: { noiseSd: 2, noiseAutocorrelation: 0.99, seasonalAmplitude: 0.9 }, territory: { offensiveNoiseSd: 3 } },
  ],
  ["certain ceasefire in month one", { ceasefire: { hazardPerMonth: 1 } }],
  ["regime flips every month", { regimes: { offensiveToStalematePerMonth: 1, stalemateToOffensivePerMonth: 1, stalemateIntensity: 2 } }],
  [
    "frozen forces, offensive held, noise and events off",
    { dynamics: { forces: "frozen", regime: "offensive", noise: "off", events: "off" } },
  ],
];

describe("named extremes: 1,200 months by month and 36 months by day, 16 paths each", () => {
  it.each(extremes)("%s", async (_name, overrides) => {
    for (const [horizonMonths, step] of [
      [1200, "month"],
      [36, "day"],
    ] as const) {
      await checkCase({ scenario: { extends: "dprk-waves", ...overrides }, runs: 16, seed: 7, horizonMonths, step });
    }
  });

  it("a force bled to zero stays at zero (to rounding), with no division by zero in the force ratio", () => {
    const p = simulateSync(BLED_TO_ZERO, { runs: 8, horizonMonths: 24, keepPaths: true, seed: 3 });
    const { runs, months, series } = p.paths!;
    for (let i = 0; i < runs; i += 1) {
      let zeroFrom = -1;
      for (let m = 0; m < months; m += 1) {
        const u = series.ukraineForce[m * runs + i]!;
        if (zeroFrom >= 0) expect(Math.abs(u), `path ${i}, month ${m + 1}`).toBeLessThan(1e-9);
        else if (Math.abs(u) < 1e-9) zeroFrom = m;
      }
      expect(zeroFrom, `path ${i} reaches zero`).toBeGreaterThanOrEqual(0);
    }
    expect(nonFinitePaths(p.toJSON())).toEqual([]);
  });
});

/** Ukraine, 1,000 strong at t0 (the article's start), no recruits, no returns, against a huge loss rate: emptied in month one. */
const BLED_TO_ZERO = {
  extends: "article",
  dprk: { initialForce: 0, waves: [] },
  ukraine: { recruitmentCapacityPerMonth: 0, woundedReturnShare: 0, initialForce: 1_000 },
  attrition: { ukraineOnOwnExponent: 0, russiaLossesPerMonth: 1e9 },
  ceasefire: { hazardPerMonth: 0 },
};

describe("engine regressions (fixed)", () => {
  // The Ukrainian hazard was lossRateU / u with no cap: with U0 below ~1e-305 people the
  // quotient was ∞ and the split of the step's losses ∞/∞ = NaN. Now perCapitaHazard caps it.
  it("a subnormal Ukrainian force (U0 = 5e-324) gives a finite result", async () => {
    await checkCase({
      scenario: { extends: "baseline", ukraine: { initialForce: 5e-324 } },
      runs: 4,
      seed: 1,
      horizonMonths: 3,
      step: "day",
    });
  });

  // The split of a step's outflow between losses and desertion used (out · h)/(h + d), which can
  // exceed out by an ulp (a 1,000-strong force ended at −1.1e-13). Now loss = out · (h/(h + d)),
  // deserted = out − loss, and the force is reduced by the outflow itself.
  it("a step never takes more than the stock, exactly: a force emptied without inflows ends at 0, its losses at U0", () => {
    const p = simulateSync(BLED_TO_ZERO, { runs: 256, horizonMonths: 2, keepPaths: true, seed: 3 });
    const { runs, months, series, initial } = p.paths!;
    for (let i = 0; i < runs; i += 1) {
      const at = (months - 1) * runs + i;
      expect(series.ukraineForce[at], `path ${i}`).toBeGreaterThanOrEqual(0);
      expect(series.ukraineLosses[at], `path ${i}`).toBeLessThanOrEqual(initial.ukraineForce[i]!);
    }
  });
});
