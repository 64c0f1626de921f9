import type { z } from "zod";
import { lazyObject, once, zod } from "../util/lazy.js";
import { MAX_HORIZON_MONTHS, MAX_RUNS } from "../engine/options.js";
import { SERIES } from "../engine/store.js";

/**
 * The versioned result of a sensitivity analysis, `attrition-sim/sensitivity@1`: what
 * `sensitivity()` returns and `attrition-sim sensitivity … --format json` prints. The type is
 * inferred from this schema (one source of truth). Objects are strict; no NaN, no Infinity —
 * an index that cannot be estimated (the output does not vary) is null. No timestamps: the
 * same scenario, target and options give the same bytes.
 */

/** Builds the schemas with zod (on the first call of {@link schemas}). */
function build() {
  const z = zod();
  const finite = z.number().describe("a finite number");
  const interval = z.tuple([finite, finite]).describe("[low, high] of a percentile-bootstrap interval at options.level");
  const index = finite
    .nullable()
    .describe("a Sobol index (an estimate: may stray slightly below 0 or above 1); null when the output does not vary");

  const sensitivityTargetSchema = z.strictObject({
    text: z.string().min(1).describe("the target as written, normalised: occupiedShare@2030-12, monthsTo:occupiedShare>=0.25"),
    kind: z.enum(["value", "monthsTo"]).describe("a series at a month's end, or the first month a comparison holds"),
    series: z.enum(SERIES),
    unit: z.string().min(1).describe("unit of the target's values (months for monthsTo)"),
    month: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .nullable()
      .describe("YYYY-MM of a value target; null for monthsTo"),
    operator: z.enum([">=", ">", "<=", "<"]).nullable().describe("comparison of a monthsTo target; null for value"),
    threshold: finite.nullable().describe("threshold of a monthsTo target; null for value"),
    censoredAs: z.int().nullable().describe("monthsTo: the value given to paths that never get there (horizon + 1); null for value"),
  });

  const common = {
    schema: z.literal("attrition-sim/sensitivity@1"),
    scenario: z.strictObject({
      name: z.string().min(1).max(200),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: "expected 64 lowercase hex digits" }),
    }),
    target: sensitivityTargetSchema,
    options: z.strictObject({
      runs: z.int().min(1).max(MAX_RUNS).describe("tornado: paths of the run; sobol: paths per design matrix (N)"),
      totalPaths: z.int().min(1).describe("paths simulated in all"),
      seed: z
        .int()
        .min(0)
        .max(2 ** 32 - 1),
      horizonMonths: z.int().min(1).max(MAX_HORIZON_MONTHS),
      step: z.enum(["day", "month"]),
      start: z.iso.date(),
      resamples: z.int().min(1).describe("bootstrap resamples behind each interval"),
      level: finite.gt(0).lt(1).describe("level of the bootstrap intervals, e.g. 0.95"),
    }),
    output: z
      .strictObject({
        mean: finite,
        sd: finite.nonnegative(),
        p05: finite,
        p50: finite,
        p95: finite,
        censoredShare: finite.min(0).max(1).describe("share of paths counted as censoredAs (monthsTo); 0 for value targets"),
      })
      .describe("the target across the paths (sobol: matrices A and B)"),
    library: z.strictObject({ name: z.string().min(1), version: z.string().min(1) }),
  };

  const tornadoRowSchema = z.strictObject({
    parameter: z.string().min(1).describe("dotted parameter path"),
    distribution: z.string().describe("the parameter's prior, as in `attrition-sim params`"),
    lowInput: finite.describe("median draw of the parameter among the bottom groupShare of its draws"),
    highInput: finite.describe("median draw among the top groupShare"),
    low: finite.describe("median of the target among the paths of the bottom group"),
    high: finite.describe("median of the target among the paths of the top group"),
    shift: finite.describe("high − low"),
    shiftInterval: interval,
    spearman: finite.min(-1).max(1).describe("Spearman rank correlation between the parameter and the target"),
  });

  const sobolRowSchema = z.strictObject({
    factor: z.string().min(1).describe('a parameter path, or "noise" for the path\'s own randomness'),
    kind: z.enum(["parameter", "noise"]),
    distribution: z.string().describe("the parameter's prior; for noise, what it includes"),
    first: index.describe("first-order index: share of the variance explained by this factor alone"),
    firstInterval: interval.nullable(),
    total: index.describe("total-order index: share including every interaction of this factor"),
    totalInterval: interval.nullable(),
  });

  const tornadoResultSchema = z.strictObject({
    ...common,
    method: z.literal("tornado"),
    tornado: z.strictObject({
      groupShare: finite.gt(0).max(0.5).describe("share of draws in each of the bottom and top groups (0.2)"),
      parameters: z.array(tornadoRowSchema).describe("sorted by |shift|, largest first"),
      constant: z.array(z.string()).describe("parameters that did not vary in the run (fixed, or noise off)"),
    }),
  });

  const sobolResultSchema = z.strictObject({
    ...common,
    method: z.literal("sobol"),
    sobol: z.strictObject({
      matrices: z.int().min(3).describe("design matrices run: A, B and one AB_i per factor"),
      estimators: z.strictObject({
        first: z.enum(["saltelli", "jansen"]).describe("first order: Saltelli et al. (2010) Table 2 (b), or Jansen (1999)"),
        total: z.literal("jansen").describe("total order: Jansen (1999)"),
      }),
      noiseSeeds: z
        .tuple([z.int().min(0), z.int().min(0)])
        .describe("run seeds of matrices A and B: the noise factor switches between them"),
      variance: finite.nonnegative().describe("variance of the target over A and B"),
      sumFirst: finite.nullable().describe("sum of the first-order indices; 1 − sumFirst ≈ the share due to interactions"),
      factors: z.array(sobolRowSchema).describe("sorted by total-order index, largest first"),
    }),
  });

  const sensitivityJsonSchema = z.discriminatedUnion("method", [tornadoResultSchema, sobolResultSchema]);
  return { tornadoResultSchema, sobolResultSchema, sensitivityJsonSchema, sensitivityTargetSchema, sobolRowSchema };
}

/** The real schemas, built with zod on the first call. */
export const schemas = once(build);
type Schemas = ReturnType<typeof build>;

// The public schemas: stand-ins that build the real ones (and load zod) on first use.
export const tornadoResultSchema: Schemas["tornadoResultSchema"] = lazyObject(() => schemas().tornadoResultSchema);
export const sobolResultSchema: Schemas["sobolResultSchema"] = lazyObject(() => schemas().sobolResultSchema);
/**
 * The schema of `attrition-sim/sensitivity@1` (tornado or sobol, by `method`).
 * @example
 * sensitivityJsonSchema.parse(JSON.parse(JSON.stringify(await sensitivity("baseline", { target: "occupiedShare@2030-12", runs: 500 }))));
 */
export const sensitivityJsonSchema: Schemas["sensitivityJsonSchema"] = lazyObject(() => schemas().sensitivityJsonSchema);

export type SensitivityResult = z.infer<Schemas["sensitivityJsonSchema"]>;
export type TornadoResult = z.infer<Schemas["tornadoResultSchema"]>;
export type SobolResult = z.infer<Schemas["sobolResultSchema"]>;
export type SensitivityTargetJson = z.infer<Schemas["sensitivityTargetSchema"]>;
export type SobolRowJson = z.infer<Schemas["sobolRowSchema"]>;
