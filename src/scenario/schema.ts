import type { z } from "zod";
import { lazyObject, once, zod } from "../util/lazy.js";
import { support } from "./distributions.js";
import { parameter, perEventParameter } from "./parameter.js";
import { listParameters } from "./parameter-list.js";
import { SHIPPED_POSTERIOR_INFO } from "./shipped-posterior-info.js";

/**
 * The scenario schema (zod 4). Types are inferred from it; `ScenarioInput` is what a user
 * writes, `Scenario` what `parseScenario` returns (every parameter normalised to a
 * distribution in canonical units, with provenance).
 *
 * Canonical units: people; people per month; km²; km² per month; months; shares in [0, 1];
 * per-month probabilities. A month is 30.4375 days (mathjs's month: a year of 365.25 days / 12).
 */

/** Years a run may start in: results are dated YYYY-MM-DD, up to 100 years after the start. */
export const START_YEARS = [1900, 2200] as const;

/** A posterior names known parameters, has one value per parameter per row, inside each prior's support. */
function checkPosterior(s: { posterior?: { parameters: string[]; draws: number[][] } }, ctx: z.RefinementCtx): void {
  const { parameters, draws } = s.posterior!;
  const slots = new Map(listParameters(s).map((slot) => [slot.path, slot.spec]));
  parameters.forEach((path, column) => {
    const spec = slots.get(path);
    if (!spec) {
      ctx.addIssue({
        code: "custom",
        path: ["posterior", "parameters", column],
        message: `expected a parameter path of this scenario (e.g. "attrition.exchangeRatio"), got ${JSON.stringify(path)}`,
      });
      return;
    }
    const [lo, hi] = support(spec);
    const row = draws.findIndex((r) => r.length === parameters.length && !(r[column]! >= lo && r[column]! <= hi));
    if (row >= 0) {
      ctx.addIssue({
        code: "custom",
        path: ["posterior", "draws", row, column],
        message: `expected a value of ${path} within its prior's support [${lo}, ${hi}], got ${draws[row]![column]}`,
      });
    }
  });
  const bad = draws.findIndex((r) => r.length !== parameters.length);
  if (bad >= 0)
    ctx.addIssue({
      code: "custom",
      path: ["posterior", "draws", bad],
      message: `expected ${parameters.length} values (one per parameter), got ${draws[bad]!.length}`,
    });
}

/**
 * A reference to the shipped posterior names this version's (by its content hash), lists only
 * its own parameters as overridden, and starts the day after its state's month: a run from a
 * filtered state cannot start anywhere else.
 */
function checkShippedPosterior(
  s: { start: string; posterior?: { name: string; sha256: string; overridden: string[] } },
  ctx: z.RefinementCtx,
): void {
  const ref = s.posterior!;
  const info = SHIPPED_POSTERIOR_INFO;
  if (ref.name !== info.name || ref.sha256 !== info.sha256)
    ctx.addIssue({
      code: "custom",
      path: ["posterior"],
      message: `expected the shipped posterior of this version (name "${info.name}", sha256 ${info.sha256}), got name ${JSON.stringify(ref.name)}, sha256 ${JSON.stringify(ref.sha256)} (a scenario written by another version of attrition-sim?)`,
    });
  const columns: readonly string[] = info.parameters;
  ref.overridden.forEach((path, k) => {
    if (!columns.includes(path))
      ctx.addIssue({
        code: "custom",
        path: ["posterior", "overridden", k],
        message: `expected one of the posterior's parameters (${columns.join(", ")}), got ${JSON.stringify(path)}`,
      });
  });
  // (a start that is no date at all has its own error already)
  if (s.start !== info.start && /^\d{4}-\d{2}-\d{2}$/.test(s.start) && Number(s.start.slice(0, 4)) >= START_YEARS[0])
    ctx.addIssue({
      code: "custom",
      path: ["start"],
      message: `expected ${info.start}: a scenario on the shipped posterior starts from its filtered state at ${info.name} (extend "article" to start elsewhere), got ${JSON.stringify(s.start)}`,
    });
}

/** Builds every schema of a scenario with zod (on the first call of {@link scenarioSchemas}). */
function build() {
  const z = zod();
  const count = (description: string) => parameter({ unit: "1", description, min: 0 });
  const positiveCount = (description: string) => parameter({ unit: "1", description, min: 0, exclusiveMin: true });
  const perMonth = (description: string) => parameter({ unit: "1/month", description, min: 0 });
  const share = (description: string) => parameter({ unit: "1", description, min: 0, max: 1 });
  const months = (description: string, min = 0) => parameter({ unit: "month", description, min, exclusiveMin: min === 0 });
  const exponent = (description: string) => parameter({ unit: "1", description, min: 0, max: 2 });
  /** A parameter that may be left out: the default goes through the same parsing, marked as an assumption. */
  const optional = (schema: ReturnType<typeof parameter>, value: number, note: string) =>
    schema.prefault({ value, provenance: { source: "assumption", note: `default: ${note}` } });

  /**
   * A calendar date YYYY-MM-DD (one check, one message); for the start, the first of a month in
   * a year of {@link START_YEARS} (year 0 or 9999 would date the results "0-01-31" or "10099-…").
   */
  const isoDate = (start = false) =>
    z.string().superRefine((text, ctx) => {
      const d = new Date(`${text}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) {
        ctx.addIssue({ code: "custom", message: `expected a calendar date YYYY-MM-DD, got ${JSON.stringify(text)}` });
      } else if (start && !text.endsWith("-01")) {
        ctx.addIssue({
          code: "custom",
          message: `expected the first day of a month (results are recorded at month ends), got ${JSON.stringify(text)}`,
        });
      } else if (start && (d.getUTCFullYear() < START_YEARS[0] || d.getUTCFullYear() > START_YEARS[1])) {
        ctx.addIssue({
          code: "custom",
          message: `expected a start in the years ${START_YEARS[0]} to ${START_YEARS[1]}, got ${JSON.stringify(text)}`,
        });
      }
    });

  /** The switches of DESIGN §3 for tests and what-ifs. */
  const dynamicsSchema = z
    .object({
      forces: z.enum(["free", "frozen"]).default("free").describe("frozen: R, K, U stay at t0 (x ≡ 1) while losses still accrue"),
      regime: z.enum(["switching", "offensive", "stalemate"]).default("switching").describe("hold the regime or let it switch"),
      noise: z.enum(["on", "off"]).default("on").describe("off: every distribution at its median, no monthly noise, no regime switching"),
      events: z.enum(["on", "off"]).default("on").describe("off: no further DPRK waves, breakthroughs or ceasefire"),
    })
    .strict();

  /** One side's force generation (stock management towards a target). */
  const forceSchema = z
    .object({
      initialForce: positiveCount("in-theatre personnel at the start"),
      targetGrowthPerMonth: optional(perMonth("growth of the target strength"), 0, "the target stays at the initial strength"),
      targetCeiling: count("the target never exceeds this strength").optional(),
      recruitmentCapacityPerMonth: perMonth("most recruits (people) that can reach the front per month"),
      adjustmentMonths: months("months to close the gap between target and force (τ ≥ 1 month)", 1),
      trainingMonths: optional(
        parameter({ unit: "month", description: "mean training delay (first-order); 0 = none", min: 0 }),
        0,
        "no training delay",
      ),
      woundedReturnShare: share("share of losses who are wounded and return to duty"),
      returnDelayMonths: months("mean time until wounded return (first-order delay)"),
      desertionPerMonth: optional(
        parameter({ unit: "1/month", description: "share of the force deserting per month", min: 0, max: 0.5 }),
        0,
        "no desertion",
      ),
    })
    .strict();

  const waveSchema = z
    .object({
      name: z.string().min(1),
      size: count("people in the wave"),
      arrivalStart: isoDate(),
      arrivalEnd: isoDate(),
    })
    .strict()
    .superRefine((w, ctx) => {
      if (w.arrivalStart > w.arrivalEnd)
        ctx.addIssue({
          code: "custom",
          path: ["arrivalEnd"],
          message: `expected a date on or after arrivalStart (${w.arrivalStart}), got ${JSON.stringify(w.arrivalEnd)}`,
        });
    });

  const dprkSchema = z
    .object({
      initialForce: count("DPRK personnel in theatre at the start (K0)"),
      combatValue: parameter({ unit: "1", description: "combat value of a DPRK soldier relative to a Russian one (q)", min: 0, max: 2 }),
      exposure: parameter({ unit: "1", description: "DPRK per-capita casualty rate relative to the Russian force (e)", min: 0, max: 10 }),
      woundedReturnShare: share("share of DPRK losses who return to duty"),
      returnDelayMonths: months("mean time until DPRK wounded return"),
      deployablePool: count("cap on cumulative DPRK deployments (K0 included)"),
      waves: z.array(waveSchema).default([]),
      furtherWaves: z
        .object({
          ratePerYear: parameter({ unit: "1/year", description: "Poisson rate of further waves per year", min: 0, max: 12 }),
          // Drawn once per wave (per event), not once per path.
          size: perEventParameter({ unit: "1", description: "people per further wave", min: 0 }),
          spreadMonths: months("months over which a further wave arrives"),
        })
        .strict(),
    })
    .strict();

  const territorySchema = z
    .object({
      totalKm2: parameter({ unit: "km^2", description: "Ukraine's total area T (Crimea included)", min: 0, exclusiveMin: true }),
      initialOccupiedKm2: parameter({ unit: "km^2", description: "occupied area at the start (A0)", min: 0 }),
      offensivePaceKm2PerMonth: parameter({ unit: "km^2/month", description: "offensive pace α at x = 1, I = 1", min: 0 }),
      offensiveNoiseSd: parameter({ unit: "1", description: "sd of the log of the monthly offensive multiplier εA", min: 0, max: 3 }),
      offensiveNoiseAutocorrelation: parameter({
        unit: "1",
        description: "AR(1) coefficient of log εA month to month (0: independent months)",
        min: 0,
        max: 0.99,
      }),
      forceRatioExponent: parameter({ unit: "1", description: "γ in g(x) = (x^γ − θ)/(1 − θ)", min: 0, max: 4 }),
      regainThreshold: parameter({ unit: "1", description: "θ: below x^γ = θ Ukraine regains ground", min: 0, max: 1, exclusiveMax: true }),
      maxGainMultiple: parameter({ unit: "1", description: "gmax: cap on g(x)", min: 1, max: 100 }),
      stalemateMeanKm2PerMonth: parameter({ unit: "km^2/month", description: "mean net change per month in stalemate" }),
      stalemateSdKm2PerMonth: parameter({ unit: "km^2/month", description: "sd of the net change per month in stalemate", min: 0 }),
      breakthrough: z
        .object({
          probabilityPerMonth: share("probability of a breakthrough month at x = 1"),
          forceRatioExponent: parameter({ unit: "1", description: "κ: probability scales with x^κ", min: 0, max: 10 }),
          multiplier: parameter({ unit: "1", description: "advance multiple in a breakthrough month", min: 1, max: 100 }),
        })
        .strict(),
      collapse: z
        .object({
          ukraineShareOfInitial: share("Ukraine collapses when U falls below this share of U0"),
          multiplier: parameter({ unit: "1", description: "advance multiple once collapsed (replaces g(x))", min: 1, max: 100 }),
        })
        .strict(),
    })
    .strict();

  const attritionSchema = z
    .object({
      russiaLossesPerMonth: perMonth("Russian-side true losses per month at t0 with I = 1 (λR)"),
      exchangeRatio: parameter({ unit: "1", description: "ρ: Russian losses per Ukrainian loss at t0", min: 0.2, max: 10 }),
      russiaOnUkraineExponent: exponent("a: Russian losses ∝ (U/U0)^a"),
      russiaOnOwnExponent: exponent("b: Russian losses ∝ (Reff/Reff0)^b"),
      ukraineOnRussiaExponent: exponent("c: Ukrainian losses ∝ (Reff/Reff0)^c"),
      ukraineOnOwnExponent: exponent("d: Ukrainian losses ∝ (U/U0)^d"),
      claimsBias: parameter({ unit: "1", description: "claimed ÷ true Russian losses (General Staff claims)", min: 0.2, max: 5 }),
    })
    .strict();

  const intensitySchema = z
    .object({
      seasonalAmplitude: parameter({ unit: "1", description: "amplitude of S(month) = 1 + A·cos(2π(m − peak)/12)", min: 0, max: 0.9 }),
      seasonalPeakMonth: parameter({
        unit: "1",
        description: "month of peak intensity (1 = January, may be fractional)",
        min: 1,
        max: 13,
        exclusiveMax: true,
      }),
      noiseSd: parameter({ unit: "1", description: "sd of log ε, the monthly mean-one intensity multiplier", min: 0, max: 2 }),
      noiseAutocorrelation: parameter({ unit: "1", description: "AR(1) coefficient of log ε month to month", min: 0, max: 0.99 }),
    })
    .strict();

  const regimesSchema = z
    .object({
      initial: z.enum(["offensive", "stalemate"]).default("offensive"),
      offensiveToStalematePerMonth: share("monthly probability offensive → stalemate"),
      stalemateToOffensivePerMonth: share("monthly probability stalemate → offensive"),
      stalemateIntensity: parameter({ unit: "1", description: "attrition intensity in stalemate relative to offensive", min: 0, max: 2 }),
    })
    .strict();

  const ceasefireSchema = z
    .object({
      hazardPerMonth: share("monthly probability of a ceasefire"),
      hazardPerStalemateMonth: optional(
        share("added to the hazard per consecutive stalemate month"),
        0,
        "the hazard does not rise with stalemate",
      ),
    })
    .strict();

  const scenarioShape = {
    $schema: z.string().optional(),
    name: z.string().min(1).max(200).default("custom"),
    description: z.string().optional(),
    start: isoDate(true),
    dynamics: dynamicsSchema.default({ forces: "free", regime: "switching", noise: "on", events: "on" }),
    territory: territorySchema,
    intensity: intensitySchema,
    regimes: regimesSchema,
    attrition: attritionSchema,
    russia: forceSchema,
    ukraine: forceSchema,
    dprk: dprkSchema,
    ceasefire: ceasefireSchema,
    posterior: z
      .discriminatedUnion("kind", [
        z
          .object({
            kind: z.literal("posterior"),
            parameters: z.array(z.string().min(1)).min(1),
            draws: z.array(z.array(z.number()).min(1)).min(1).max(1_000_000),
          })
          .strict()
          .describe("joint draws from calibrate(): each path takes one whole row, so correlations survive"),
        z
          .object({
            kind: z.literal("shipped"),
            name: z.string(),
            sha256: z.string(),
            overridden: z.array(z.string()).max(100).default([]),
          })
          .strict()
          .describe(
            "the shipped posterior (data/posterior-2025-06.json, loaded on first use): each path takes one draw's parameters and its filtered state at the posterior's last month; `overridden` lists the parameters set by the scenario instead, in every path",
          ),
      ])
      .optional(),
  };

  /** The full scenario schema (after `extends` has been resolved). */
  const scenarioSchema = z
    .object(scenarioShape)
    .strict()
    .superRefine((s, ctx) => {
      if (s.posterior?.kind === "posterior") checkPosterior(s as { posterior: { parameters: string[]; draws: number[][] } }, ctx);
      if (s.posterior?.kind === "shipped") checkShippedPosterior(s as Parameters<typeof checkShippedPosterior>[0], ctx);
      // The occupied area can never exceed the total, whatever both draw.
      const [totalLow] = support(s.territory.totalKm2.spec);
      const [, a0High] = support(s.territory.initialOccupiedKm2.spec);
      if (a0High > totalLow) {
        ctx.addIssue({
          code: "custom",
          path: ["territory", "initialOccupiedKm2"],
          message: `expected ≤ territory.totalKm2 (${totalLow}) over the whole distribution, got up to ${a0High}`,
        });
      }
    });
  return { scenarioSchema, dynamicsSchema, scenarioShape };
}

/** The real schemas, built with zod on the first call (internal code uses these). */
export const scenarioSchemas = once(build);
type Schemas = ReturnType<typeof build>;

/** The full scenario schema (after `extends` has been resolved); zod loads on first use. */
export const scenarioSchema: Schemas["scenarioSchema"] = lazyObject(() => scenarioSchemas().scenarioSchema);
/** The switches of DESIGN §3 for tests and what-ifs; zod loads on first use. */
export const dynamicsSchema: Schemas["dynamicsSchema"] = lazyObject(() => scenarioSchemas().dynamicsSchema);

export type ScenarioInput = z.input<Schemas["scenarioSchema"]> & { extends?: string };
export type Scenario = z.output<Schemas["scenarioSchema"]>;
export type Dynamics = z.output<Schemas["dynamicsSchema"]>;
export type ForceBlock = Scenario["russia"];
