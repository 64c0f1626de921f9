/**
 * Shared pieces of the reliability suites (issue 6): a fast-check generator of VALID scenarios
 * that leans on the extremes the schema allows, and the per-path invariant checks.
 *
 * The bounds below mirror src/scenario/schema.ts; `reliability.test.ts` checks that every
 * parameter of every preset is covered, so a new parameter cannot slip past the generator.
 */
import fc from "fast-check";
import type { ProjectionJson, RunStore } from "../../src/index.js";
import { MAX_QUANTITY } from "../../src/scenario/parameter.js";

/** Property runs: CI-sized by default, ≥ 1,000 scenarios with RELIABILITY_FULL=1. */
export const FULL = process.env.RELIABILITY_FULL === "1";
/** Fixed seed for every property (reproducible; fast-check prints it on failure anyway). */
export const PROPERTY_SEED = Number(process.env.RELIABILITY_SEED ?? 20250701);

interface Bound {
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
}

/** Every numeric parameter of the schema and its bounds (src/scenario/schema.ts). */
export const PARAMETER_BOUNDS: Record<string, Bound> = {
  "territory.totalKm2": { min: 0, exclusiveMin: true },
  "territory.initialOccupiedKm2": { min: 0 },
  "territory.offensivePaceKm2PerMonth": { min: 0 },
  "territory.offensiveNoiseSd": { min: 0, max: 3 },
  "territory.offensiveNoiseAutocorrelation": { min: 0, max: 0.99 },
  "territory.forceRatioExponent": { min: 0, max: 4 },
  "territory.regainThreshold": { min: 0, max: 1, exclusiveMax: true },
  "territory.maxGainMultiple": { min: 1, max: 100 },
  "territory.stalemateMeanKm2PerMonth": {},
  "territory.stalemateSdKm2PerMonth": { min: 0 },
  "territory.breakthrough.probabilityPerMonth": { min: 0, max: 1 },
  "territory.breakthrough.forceRatioExponent": { min: 0, max: 10 },
  "territory.breakthrough.multiplier": { min: 1, max: 100 },
  "territory.collapse.ukraineShareOfInitial": { min: 0, max: 1 },
  "territory.collapse.multiplier": { min: 1, max: 100 },
  "intensity.seasonalAmplitude": { min: 0, max: 0.9 },
  "intensity.seasonalPeakMonth": { min: 1, max: 13, exclusiveMax: true },
  "intensity.noiseSd": { min: 0, max: 2 },
  "intensity.noiseAutocorrelation": { min: 0, max: 0.99 },
  "regimes.offensiveToStalematePerMonth": { min: 0, max: 1 },
  "regimes.stalemateToOffensivePerMonth": { min: 0, max: 1 },
  "regimes.stalemateIntensity": { min: 0, max: 2 },
  "attrition.russiaLossesPerMonth": { min: 0 },
  "attrition.exchangeRatio": { min: 0.2, max: 10 },
  "attrition.russiaOnUkraineExponent": { min: 0, max: 2 },
  "attrition.russiaOnOwnExponent": { min: 0, max: 2 },
  "attrition.ukraineOnRussiaExponent": { min: 0, max: 2 },
  "attrition.ukraineOnOwnExponent": { min: 0, max: 2 },
  "attrition.claimsBias": { min: 0.2, max: 5 },
  ...Object.fromEntries(
    (["russia", "ukraine"] as const).flatMap((side) => [
      [`${side}.initialForce`, { min: 0, exclusiveMin: true }],
      [`${side}.targetGrowthPerMonth`, { min: 0 }],
      [`${side}.targetCeiling`, { min: 0 }],
      [`${side}.recruitmentCapacityPerMonth`, { min: 0 }],
      [`${side}.adjustmentMonths`, { min: 1 }],
      [`${side}.trainingMonths`, { min: 0 }],
      [`${side}.woundedReturnShare`, { min: 0, max: 1 }],
      [`${side}.returnDelayMonths`, { min: 0, exclusiveMin: true }],
      [`${side}.desertionPerMonth`, { min: 0, max: 0.5 }],
    ]),
  ),
  "dprk.initialForce": { min: 0 },
  "dprk.combatValue": { min: 0, max: 2 },
  "dprk.exposure": { min: 0, max: 10 },
  "dprk.woundedReturnShare": { min: 0, max: 1 },
  "dprk.returnDelayMonths": { min: 0, exclusiveMin: true },
  "dprk.deployablePool": { min: 0 },
  "dprk.waves.*.size": { min: 0 },
  "dprk.furtherWaves.ratePerYear": { min: 0, max: 12 },
  "dprk.furtherWaves.size": { min: 0 },
  "dprk.furtherWaves.spreadMonths": { min: 0, exclusiveMin: true },
  "ceasefire.hazardPerMonth": { min: 0, max: 1 },
  "ceasefire.hazardPerStalemateMonth": { min: 0, max: 1 },
};

/** Magnitudes for parameters without an upper bound: zero, tiny, realistic, huge. */
const MAGNITUDES = [1e-9, 1e-3, 1, 10, 1_000, 30_000, 600_000, 1e7, 1e9, 1e12];

/**
 * Offsets from the lower bound below 1e-9 become exactly 1e-9 (or 0 where 0 is the bound itself):
 * the generators stay clear of subnormal magnitudes such as 5e-324 people, far below anything
 * meaningful. Those are exercised on their own, as named cases (see reliability.test.ts).
 */
export const TINY = 1e-9;
const floorTiny =
  (lo: number) =>
  (x: number): number => {
    const offset = x - lo;
    return offset !== 0 && Math.abs(offset) < TINY ? lo + TINY * Math.sign(offset) : x;
  };

/** A plain number inside the bounds, biased towards the bounds themselves and the magnitudes above. */
export function boundedNumber(b: Bound): fc.Arbitrary<number> {
  const lo = b.min ?? -MAX_QUANTITY;
  const hi = b.max ?? MAX_QUANTITY;
  const inside = (x: number) =>
    Math.abs(x) <= MAX_QUANTITY &&
    (b.min === undefined || (b.exclusiveMin ? x > b.min : x >= b.min)) &&
    (b.max === undefined || (b.exclusiveMax ? x < b.max : x <= b.max));
  const edges = [
    lo,
    hi,
    lo + 1e-9,
    hi - 1e-9,
    (lo + hi) / 2,
    ...(b.max === undefined ? MAGNITUDES.map((m) => lo + m) : []),
    ...(b.min === undefined ? MAGNITUDES.map((m) => -m) : []),
  ]
    .concat(b.exclusiveMax ? [hi - 2 ** -52 * Math.max(1, Math.abs(hi)), hi * (1 - 1e-12)] : [])
    .filter(inside);
  const span = (
    b.max === undefined ? fc.double({ min: lo, max: lo + 1e6, noNaN: true }) : fc.double({ min: lo, max: hi, noNaN: true })
  ).map(floorTiny(lo));
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...edges) }, { weight: 2, arbitrary: span.filter(inside) });
}

/** A parameter value: a plain number (fixed), or a uniform / triangular / lognormal over allowed values. */
export function parameterValue(b: Bound): fc.Arbitrary<unknown> {
  const num = boundedNumber(b);
  const pair = fc
    .tuple(num, num)
    .filter(([x, y]) => x !== y)
    .map(([x, y]) => [Math.min(x, y), Math.max(x, y)] as const);
  const options: fc.Arbitrary<unknown>[] = [
    num,
    num.map((value) => ({ value, provenance: { source: "assumption", note: "generated" } })),
    pair.map(([min, max]) => ({ dist: "uniform", min, max })),
    fc
      .tuple(pair, fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([[min, max], t]) => ({ dist: "triangular", min, mode: min + t * (max - min), max }))
      .filter((d) => d.mode >= d.min && d.mode <= d.max),
  ];
  // A lognormal (support (0, ∞)): allowed where ≥ 0 or > 0 with no upper bound.
  if (b.min === 0 && b.max === undefined) {
    options.push(
      fc.record({
        dist: fc.constant("lognormal"),
        median: fc.constantFrom(1e-6, 1, 1_000, 30_000, 1e6),
        sigma: fc.constantFrom(0.01, 0.5, 2),
      }),
    );
  }
  return fc.oneof({ weight: 5, arbitrary: options[0]! }, ...options.slice(1).map((arbitrary) => ({ weight: 1, arbitrary })));
}

const DAY = 86_400_000;
/** A calendar date between 2024-01-01 and 2031-12-31. */
const dateArb = fc.integer({ min: 0, max: 2921 }).map((d) => new Date(Date.UTC(2024, 0, 1) + d * DAY).toISOString().slice(0, 10));

/** Sometimes present: each override key is included with probability ~1/2 (fast-check's record with requiredKeys: []). */
function group(shape: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(shape, { requiredKeys: [] });
}
const p = (path: string) => parameterValue(PARAMETER_BOUNDS[path]!);
const sideArb = (side: "russia" | "ukraine") =>
  group(
    Object.fromEntries(
      [
        "initialForce",
        "targetGrowthPerMonth",
        "targetCeiling",
        "recruitmentCapacityPerMonth",
        "adjustmentMonths",
        "trainingMonths",
        "woundedReturnShare",
        "returnDelayMonths",
        "desertionPerMonth",
      ].map((k) => [k, p(`${side}.${k}`)]),
    ),
  );

export interface GeneratedCase {
  /** The scenario override, plain JSON (`extends` a preset). */
  scenario: Record<string, unknown>;
  runs: number;
  seed: number;
  horizonMonths: number;
  step: "day" | "month";
}

/**
 * A valid scenario (a preset plus overrides drawn from the whole range of every field) and run
 * options. A third of the cases are 1,200-month runs with the month step.
 * Territory: the total is kept or drawn, and A0 is a share of the smallest possible total, so
 * A0 ≤ T holds over both distributions (the schema's cross-check).
 */
/** The presets whose paths start from the shipped posterior's states (presets.ts). */
const ON_POSTERIOR = ["baseline", "no-pledge", "no-dprk", "dprk-waves", "ceasefire-pressure"];

/** A generated override without the t0 values a scenario on the shipped posterior does not read. */
function withoutStateValues<T extends { territory?: object; attrition?: object; regimes?: object }>(s: T): T {
  const out: Record<string, unknown> = { ...s };
  for (const [block, key] of [
    ["territory", "initialOccupiedKm2"],
    // drawn with the area as a share of it: without the area, a total below the states' is refused
    ["territory", "totalKm2"],
    ["attrition", "claimsBias"],
    ["regimes", "initial"],
  ] as const) {
    if (!out[block]) continue;
    const { [key]: _dropped, ...rest } = out[block] as Record<string, unknown>;
    out[block] = rest;
  }
  return out as T;
}

export function scenarioCase(): fc.Arbitrary<GeneratedCase> {
  const territory = fc
    .tuple(
      fc.oneof(fc.constant(undefined), fc.constantFrom(1e-3, 1, 603_628, 1e9)),
      fc.constantFrom(0, 1e-9, 0.2, 0.5, 0.999, 1),
      group(
        Object.fromEntries(
          [
            "offensivePaceKm2PerMonth",
            "offensiveNoiseSd",
            "offensiveNoiseAutocorrelation",
            "forceRatioExponent",
            "regainThreshold",
            "maxGainMultiple",
            "stalemateMeanKm2PerMonth",
            "stalemateSdKm2PerMonth",
          ].map((k) => [k, p(`territory.${k}`)]),
        ),
      ),
      group({
        probabilityPerMonth: p("territory.breakthrough.probabilityPerMonth"),
        forceRatioExponent: p("territory.breakthrough.forceRatioExponent"),
        multiplier: p("territory.breakthrough.multiplier"),
      }),
      group({ ukraineShareOfInitial: p("territory.collapse.ukraineShareOfInitial"), multiplier: p("territory.collapse.multiplier") }),
    )
    .map(([total, a0Share, rest, breakthrough, collapse]) => {
      const t = total ?? 603_628;
      return { ...(total === undefined ? {} : { totalKm2: total }), initialOccupiedKm2: a0Share * t, ...rest, breakthrough, collapse };
    });
  const wave = fc
    .record({
      name: fc.constantFrom("a", "b", "wave with a long name"),
      size: p("dprk.waves.*.size"),
      arrivalStart: dateArb,
      arrivalEnd: dateArb,
    })
    .map((w) => (w.arrivalStart <= w.arrivalEnd ? w : { ...w, arrivalStart: w.arrivalEnd, arrivalEnd: w.arrivalStart }));
  const scenario = fc
    .record(
      {
        extends: fc.constantFrom("article", "baseline", "no-pledge", "no-dprk", "dprk-waves", "ceasefire-pressure", "hindcast-2024-11"),
        name: fc.constant("generated"),
        dynamics: group({
          forces: fc.constantFrom("free", "frozen"),
          regime: fc.constantFrom("switching", "offensive", "stalemate"),
          noise: fc.constantFrom("on", "off"),
          events: fc.constantFrom("on", "off"),
        }),
        territory,
        intensity: group(
          Object.fromEntries(
            ["seasonalAmplitude", "seasonalPeakMonth", "noiseSd", "noiseAutocorrelation"].map((k) => [k, p(`intensity.${k}`)]),
          ),
        ),
        regimes: group({
          initial: fc.constantFrom("offensive", "stalemate"),
          offensiveToStalematePerMonth: p("regimes.offensiveToStalematePerMonth"),
          stalemateToOffensivePerMonth: p("regimes.stalemateToOffensivePerMonth"),
          stalemateIntensity: p("regimes.stalemateIntensity"),
        }),
        attrition: group(
          Object.fromEntries(
            [
              "russiaLossesPerMonth",
              "exchangeRatio",
              "russiaOnUkraineExponent",
              "russiaOnOwnExponent",
              "ukraineOnRussiaExponent",
              "ukraineOnOwnExponent",
              "claimsBias",
            ].map((k) => [k, p(`attrition.${k}`)]),
          ),
        ),
        russia: sideArb("russia"),
        ukraine: sideArb("ukraine"),
        dprk: group({
          initialForce: p("dprk.initialForce"),
          combatValue: p("dprk.combatValue"),
          exposure: p("dprk.exposure"),
          woundedReturnShare: p("dprk.woundedReturnShare"),
          returnDelayMonths: p("dprk.returnDelayMonths"),
          deployablePool: p("dprk.deployablePool"),
          waves: fc.array(wave, { maxLength: 3 }),
          furtherWaves: group({
            ratePerYear: p("dprk.furtherWaves.ratePerYear"),
            size: p("dprk.furtherWaves.size"),
            spreadMonths: p("dprk.furtherWaves.spreadMonths"),
          }),
        }),
        ceasefire: group({
          hazardPerMonth: p("ceasefire.hazardPerMonth"),
          hazardPerStalemateMonth: p("ceasefire.hazardPerStalemateMonth"),
        }),
      },
      { requiredKeys: ["extends", "name"] },
    )
    // The presets on the shipped posterior start from its states: a file may not set the t0
    // values they replace (parse.ts refuses them, test/engine/posterior.test.ts), so a valid
    // scenario on them leaves those out.
    .map((s) => (ON_POSTERIOR.includes(s.extends) ? withoutStateValues(s) : s));
  const run = fc.oneof(
    {
      weight: 2,
      arbitrary: fc.record({ horizonMonths: fc.integer({ min: 1, max: 36 }), step: fc.constantFrom("day" as const, "month" as const) }),
    },
    { weight: 1, arbitrary: fc.record({ horizonMonths: fc.constant(1200), step: fc.constant("month" as const) }) },
  );
  return fc
    .record({
      scenario,
      runs: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 12 })),
      seed: fc.oneof(fc.constantFrom(0, 1, 2 ** 32 - 1), fc.integer({ min: 0, max: 2 ** 32 - 1 })),
      run,
    })
    .map(({ scenario, runs, seed, run }) => ({ scenario, runs, seed, ...run }));
}

// ── invariants ──────────────────────────────────────────────────────────────────────────────

/** Paths of every non-finite number in a value (NaN, ±Infinity); nulls are not numbers. */
export function nonFinitePaths(value: unknown, path = "", out: string[] = []): string[] {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) out.push(`${path || "(root)"} = ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nonFinitePaths(item, `${path}.${i}`, out));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) nonFinitePaths(item, path ? `${path}.${key}` : key, out);
  }
  return out;
}

/** Nulls are allowed only where the result schema allows them (standard errors, censored event quantiles). */
export function unexpectedNulls(json: ProjectionJson): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (value === null) {
      if (!/^series\.\w+\.se\.|^events\.\d+\.quantiles(Se)?\./.test(path)) out.push(path);
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}.${i}`));
    else if (typeof value === "object")
      for (const [key, item] of Object.entries(value as object)) walk(item, path ? `${path}.${key}` : key);
  };
  walk(json, "");
  return out;
}

/**
 * How far below zero a force may print through floating-point rounding alone, relative to the
 * people that flowed through it. Zero since the engine reduces a force by the step's outflow
 * itself (it used to subtract losses and desertion separately and could end at −1e-13).
 */
export const FORCE_ROUNDING = 0;

export interface PathReport {
  /** Worst conservation error relative to the flows through the stock. */
  worstConservation: number;
  /** Human-readable violations (empty when every invariant holds). */
  problems: string[];
}

/**
 * Per-path invariants on a keepPaths store, at every month end:
 * - every stored value is finite;
 * - forces and cumulative losses ≥ 0, every accounting flow ≥ 0;
 * - 0 ≤ occupiedKm2 ≤ totalKm2 of that path, 0 ≤ occupiedShare ≤ 1;
 * - conservation: initial + joined + returned − losses − deserted = force (DPRK: initial +
 *   arrived + returned − losses), to 1e-9 of the flows through the stock (floating rounding);
 *   skipped with frozen forces, which by definition are held at t0 while losses accrue.
 */
export function checkPaths(store: RunStore, frozen: boolean): PathReport {
  const { runs, months, series, initial, accounting, parameters } = store;
  const acc = accounting!;
  const problems: string[] = [];
  const fail = (text: string) => {
    if (problems.length < 10) problems.push(text);
  };
  let worst = 0;
  for (const [name, values] of [...Object.entries(series), ...Object.entries(initial), ...Object.entries(acc)]) {
    for (let j = 0; j < values.length; j += 1)
      if (!Number.isFinite(values[j]!)) {
        fail(`${name}[${j}] = ${values[j]}`);
        break;
      }
  }
  for (let i = 0; i < runs; i += 1) {
    const total = parameters?.["territory.totalKm2"]?.[i] ?? Infinity;
    for (let m = 0; m < months; m += 1) {
      const at = m * runs + i;
      const where = `path ${i}, month ${m + 1}`;
      for (const name of ["russiaLosses", "dprkLosses", "ukraineLosses", "occupiedKm2"] as const) {
        if (!(series[name][at]! >= 0)) fail(`${name} = ${series[name][at]} < 0 at ${where}`);
      }
      // Forces: ≥ 0 up to rounding (see FORCE_ROUNDING): a step that takes the whole stock
      // computes stock − losses − deserted, which can land an ulp below zero.
      const through = (force: number, ...flows: number[]) => FORCE_ROUNDING * flows.reduce((sum, x) => sum + Math.abs(x), Math.abs(force));
      const forces = [
        [
          "russiaForce",
          through(
            initial.russiaForce[i]!,
            acc.russiaJoined[at]!,
            acc.russiaReturned[at]!,
            series.russiaLosses[at]!,
            acc.russiaDeserted[at]!,
          ),
        ],
        [
          "ukraineForce",
          through(
            initial.ukraineForce[i]!,
            acc.ukraineJoined[at]!,
            acc.ukraineReturned[at]!,
            series.ukraineLosses[at]!,
            acc.ukraineDeserted[at]!,
          ),
        ],
        ["dprkForce", through(initial.dprkForce[i]!, acc.dprkArrived[at]!, acc.dprkReturned[at]!, series.dprkLosses[at]!)],
      ] as const;
      for (const [name, tolerance] of forces) {
        if (!(series[name][at]! >= -tolerance))
          fail(`${name} = ${series[name][at]} < 0 (beyond rounding, ${tolerance.toExponential(1)}) at ${where}`);
      }
      for (const name of [
        "russiaJoined",
        "russiaReturned",
        "russiaDeserted",
        "ukraineJoined",
        "ukraineReturned",
        "ukraineDeserted",
        "dprkArrived",
        "dprkReturned",
        "dprkBeyondPool",
      ] as const) {
        if (!(acc[name][at]! >= 0)) fail(`${name} = ${acc[name][at]} < 0 at ${where}`);
      }
      const share = series.occupiedShare[at]!;
      if (!(share >= 0 && share <= 1)) fail(`occupiedShare = ${share} at ${where}`);
      if (!(series.occupiedKm2[at]! <= total)) fail(`occupiedKm2 = ${series.occupiedKm2[at]} > totalKm2 = ${total} at ${where}`);
      if (m > 0) {
        for (const name of ["russiaLosses", "dprkLosses", "ukraineLosses"] as const) {
          if (series[name][at]! < series[name][at - runs]!) fail(`${name} decreases at ${where}`);
        }
      }
      if (frozen) {
        for (const name of ["russiaForce", "dprkForce", "ukraineForce"] as const) {
          if (series[name][at] !== initial[name][i])
            fail(`frozen ${name} moved from ${initial[name][i]} to ${series[name][at]} at ${where}`);
        }
        continue;
      }
      const check = (label: string, force: number, start: number, inflows: number[], outflows: number[]) => {
        const flows = [start, ...inflows, ...outflows].reduce((s, x) => s + Math.abs(x), 0);
        const expected = start + inflows.reduce((s, x) => s + x, 0) - outflows.reduce((s, x) => s + x, 0);
        const error = Math.abs(expected - force) / Math.max(1, flows);
        worst = Math.max(worst, error);
        if (!(error <= 1e-9))
          fail(
            `${label}: initial + inflows − outflows = ${expected}, force ${force} (relative error ${error.toExponential(2)}) at ${where}`,
          );
      };
      check(
        "russia",
        series.russiaForce[at]!,
        initial.russiaForce[i]!,
        [acc.russiaJoined[at]!, acc.russiaReturned[at]!],
        [series.russiaLosses[at]!, acc.russiaDeserted[at]!],
      );
      check(
        "ukraine",
        series.ukraineForce[at]!,
        initial.ukraineForce[i]!,
        [acc.ukraineJoined[at]!, acc.ukraineReturned[at]!],
        [series.ukraineLosses[at]!, acc.ukraineDeserted[at]!],
      );
      check("dprk", series.dprkForce[at]!, initial.dprkForce[i]!, [acc.dprkArrived[at]!, acc.dprkReturned[at]!], [series.dprkLosses[at]!]);
    }
  }
  return { worstConservation: worst, problems };
}
