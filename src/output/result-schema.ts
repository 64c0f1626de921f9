import type { z } from "zod";
import { lazyObject, once, zod } from "../util/lazy.js";
import { QUANTILE_KEYS } from "../analysis/quantiles.js";
import { MAX_HORIZON_MONTHS, MAX_RUNS } from "../engine/options.js";
import { SERIES } from "../engine/store.js";

/**
 * The zod schema of `Projection.toJSON()` — the versioned result `attrition-sim/projection@2`
 * (DESIGN §4; every field is described in docs/result-schema.md). Objects are strict: an
 * unknown key is an error, so a consumer can rely on exactly these fields.
 *
 * Standard errors are finite numbers, or `null` where they cannot be estimated (a run of one
 * path; a censored event quantile) — `JSON.stringify` writes a `NaN` as `null`, so validate the
 * parsed JSON text, or the object after such a round trip.
 */

/** Builds the schemas with zod (on the first call of {@link schemas}). */
function build() {
  const z = zod();
  const finite = z.number().describe("a finite number");
  const standardError = finite
    .nonnegative()
    .nullable()
    .describe("Monte Carlo standard error; null where it cannot be estimated (a run of one path)");
  const monthEnd = z.iso.date().describe("a month-end date, YYYY-MM-DD");

  const seriesRecord = <T extends z.ZodType>(value: T) =>
    z.strictObject(Object.fromEntries(SERIES.map((name) => [name, value])) as Record<(typeof SERIES)[number], T>);

  const quantileRecord = <T extends z.ZodType>(value: T) =>
    z.strictObject(Object.fromEntries(QUANTILE_KEYS.map((key) => [key, value])) as Record<(typeof QUANTILE_KEYS)[number], T>);

  /** Per-month summary of one series: mean and five quantiles across paths, with their standard errors. */
  const seriesSummarySchema = z.strictObject({
    unit: z.string().min(1).describe("unit of every value of the series, e.g. people or km^2"),
    mean: z.array(finite),
    p05: z.array(finite),
    p25: z.array(finite),
    p50: z.array(finite),
    p75: z.array(finite),
    p95: z.array(finite),
    se: z.strictObject({
      mean: z.array(standardError),
      ...(Object.fromEntries(QUANTILE_KEYS.map((key) => [key, z.array(standardError)])) as Record<
        (typeof QUANTILE_KEYS)[number],
        z.ZodArray<typeof standardError>
      >),
    }),
  });

  /** Time-to-threshold summary: months from the start until the series first reaches the threshold. */
  const eventSummarySchema = z.strictObject({
    series: z.enum(SERIES),
    threshold: finite,
    quantiles: quantileRecord(finite.nonnegative().nullable().describe("months to the event; null where censored")),
    quantilesSe: quantileRecord(standardError.describe("standard error of the quantile; null where censored")),
    pNever: finite.min(0).max(1).describe("share of paths that do not reach the threshold within the horizon"),
    pNeverSe: finite.nonnegative().describe("√(p(1−p)/n)"),
  });

  /** The run options of a projection's or a comparison's JSON. */
  const runOptionsSchema = z.strictObject({
    runs: z.int().min(1).max(MAX_RUNS),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    horizonMonths: z.int().min(1).max(MAX_HORIZON_MONTHS),
    step: z.enum(["day", "month"]),
    start: z.iso.date().describe("first day of the first simulated month"),
  });

  const librarySchema = z.strictObject({
    name: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/, { message: "expected a semver version" }),
  });

  type Issues = { addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void };

  /** `horizonMonths` months, and one value per month in every array of every series. */
  function checkMonths(
    json: {
      options: { horizonMonths: number };
      months: string[];
      series: Record<(typeof SERIES)[number], z.infer<typeof seriesSummarySchema>>;
      probabilities?: Record<string, unknown[]>;
    },
    ctx: Issues,
  ): void {
    const n = json.months.length;
    for (const [key, values] of Object.entries(json.probabilities ?? {}))
      if (values.length !== n)
        ctx.addIssue({
          code: "custom",
          path: ["probabilities", key],
          message: `expected ${n} values (one per month), got ${values.length}`,
        });
    if (n !== json.options.horizonMonths) {
      ctx.addIssue({
        code: "custom",
        path: ["months"],
        message: `expected ${json.options.horizonMonths} months (options.horizonMonths), got ${n}`,
      });
    }
    for (const name of SERIES) {
      const s = json.series[name];
      const arrays: [string[], unknown[]][] = [
        ...(["mean", ...QUANTILE_KEYS] as const).map((k): [string[], unknown[]] => [[k], s[k]]),
        ...(["mean", ...QUANTILE_KEYS] as const).map((k): [string[], unknown[]] => [["se", k], s.se[k]]),
      ];
      for (const [path, values] of arrays) {
        if (values.length !== n) {
          ctx.addIssue({
            code: "custom",
            path: ["series", name, ...path],
            message: `expected ${n} values (one per month), got ${values.length}`,
          });
        }
      }
    }
  }

  /**
   * The JSON form of a projection (`attrition-sim/projection@2`). Beyond the shape it checks that
   * every per-month array has one value per month and that there are `horizonMonths` months.
   * @example
   * projectionJsonSchema.parse(JSON.parse(JSON.stringify(simulateSync("baseline", { runs: 64, horizonMonths: 12 }))));
   */
  const projectionJsonSchema = z
    .strictObject({
      schema: z.literal("attrition-sim/projection@2"),
      scenario: z.strictObject({
        name: z.string().min(1).max(200),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/, { message: "expected 64 lowercase hex digits" })
          .describe("SHA-256 of the parsed scenario's canonical JSON"),
      }),
      options: runOptionsSchema,
      months: z.array(monthEnd).min(1),
      initial: seriesRecord(finite.describe("median across paths at the start")),
      series: seriesRecord(seriesSummarySchema),
      events: z.array(eventSummarySchema),
      probabilities: z
        .strictObject({
          offensive: z.array(finite.min(0).max(1)),
          offensiveSe: z.array(finite.nonnegative()),
          ceasefireBegun: z.array(finite.min(0).max(1)),
          ceasefireBegunSe: z.array(finite.nonnegative()),
        })
        .describe(
          "per month: the share of paths in the offensive regime with no ceasefire begun, the share whose ceasefire has begun, and their binomial standard errors",
        ),
      library: librarySchema,
    })
    .superRefine(checkMonths);

  const months = finite.nonnegative().nullable();
  const pathCount = z.int().min(0);

  /** How the time to one `occupiedShare` threshold changes from a to b (`Comparison.events`). */
  const eventShiftSchema = z.strictObject({
    series: z.enum(SERIES),
    threshold: finite,
    medianMonths: z
      .strictObject({ a: months, b: months })
      .describe("median months to the threshold in each scenario; null: not within the horizon"),
    medianShift: finite.nullable().describe("b's median minus a's; null when either is censored"),
    pairedShift: z
      .strictObject({ paths: pathCount, mean: finite.nullable(), p05: finite.nullable(), p50: finite.nullable(), p95: finite.nullable() })
      .describe("per-path shift in months, b − a, over the paths that reach the threshold in both; null statistics when there are none"),
    pNever: z
      .strictObject({
        a: finite.min(0).max(1),
        b: finite.min(0).max(1),
        difference: finite.min(-1).max(1),
        differenceSe: finite.nonnegative(),
      })
      .describe("P(never within the horizon) in each scenario, the difference b − a and its paired standard error"),
    paths: z
      .strictObject({ both: pathCount, onlyA: pathCount, onlyB: pathCount, neither: pathCount })
      .describe("paths that reach the threshold in both, only in a, only in b, in neither"),
  });

  /**
   * The JSON form of a comparison (`Comparison.toJSON()`, `attrition-sim/comparison@1`): the paired
   * differences b − a per series and per threshold, and both projections in full. Beyond the shape
   * it checks that the months and options are those of both projections, that every per-month
   * array has one value per month, that the events follow a's thresholds, and that each event's
   * path counts add up to the runs.
   * @example
   * comparisonJsonSchema.parse(JSON.parse(JSON.stringify(compareSync("baseline", "no-pledge", { runs: 64, horizonMonths: 12 }))));
   */
  const comparisonJsonSchema = z
    .strictObject({
      schema: z.literal("attrition-sim/comparison@1"),
      difference: z.string().min(1).describe(`what the differences are: "<b> minus <a>"`),
      options: runOptionsSchema,
      months: z.array(monthEnd).min(1),
      series: seriesRecord(seriesSummarySchema).describe("per series: summaries of the paired per-path differences b − a"),
      events: z.array(eventShiftSchema),
      a: projectionJsonSchema.describe("the reference scenario's projection"),
      b: projectionJsonSchema.describe("the changed scenario's projection"),
      library: librarySchema,
    })
    .superRefine((json, ctx) => {
      checkMonths(json, ctx);
      const expected = `${json.b.scenario.name} minus ${json.a.scenario.name}`;
      if (json.difference !== expected)
        ctx.addIssue({
          code: "custom",
          path: ["difference"],
          message: `expected ${JSON.stringify(expected)}, got ${JSON.stringify(json.difference)}`,
        });
      for (const side of ["a", "b"] as const) {
        for (const key of Object.keys(json.options) as (keyof typeof json.options)[]) {
          if (json[side].options[key] !== json.options[key]) {
            ctx.addIssue({
              code: "custom",
              path: [side, "options", key],
              message: `expected ${String(json.options[key])} (options.${key}), got ${String(json[side].options[key])}`,
            });
          }
        }
        if (json[side].months.join() !== json.months.join())
          ctx.addIssue({ code: "custom", path: [side, "months"], message: "expected the comparison's months" });
      }
      const thresholds = json.a.events.map((e) => e.threshold);
      if (json.events.map((e) => e.threshold).join() !== thresholds.join()) {
        ctx.addIssue({
          code: "custom",
          path: ["events"],
          message: `expected one event per threshold of a (${thresholds.join(", ")}), got ${json.events.map((e) => e.threshold).join(", ")}`,
        });
      }
      json.events.forEach((e, k) => {
        const { both, onlyA, onlyB, neither } = e.paths;
        if (both + onlyA + onlyB + neither !== json.options.runs)
          ctx.addIssue({
            code: "custom",
            path: ["events", k, "paths"],
            message: `expected path counts adding up to ${json.options.runs} runs, got ${both + onlyA + onlyB + neither}`,
          });
        if (e.pairedShift.paths !== both)
          ctx.addIssue({
            code: "custom",
            path: ["events", k, "pairedShift", "paths"],
            message: `expected paths.both (${both}), got ${e.pairedShift.paths}`,
          });
      });
    });
  return { seriesSummarySchema, eventSummarySchema, projectionJsonSchema, eventShiftSchema, comparisonJsonSchema };
}

/** The real schemas, built with zod on the first call. */
export const schemas = once(build);
type Schemas = ReturnType<typeof build>;

// The public schemas: stand-ins that build the real ones (and load zod) on first use.
/** Per-month summary of one series: mean and five quantiles across paths, with their standard errors. */
export const seriesSummarySchema: Schemas["seriesSummarySchema"] = lazyObject(() => schemas().seriesSummarySchema);
/** Time-to-threshold summary: months from the start until the series first reaches the threshold. */
export const eventSummarySchema: Schemas["eventSummarySchema"] = lazyObject(() => schemas().eventSummarySchema);
/**
 * The JSON form of a projection (`attrition-sim/projection@2`). Beyond the shape it checks that
 * every per-month array has one value per month and that there are `horizonMonths` months.
 * @example
 * projectionJsonSchema.parse(JSON.parse(JSON.stringify(simulateSync("baseline", { runs: 64, horizonMonths: 12 }))));
 */
export const projectionJsonSchema: Schemas["projectionJsonSchema"] = lazyObject(() => schemas().projectionJsonSchema);
/** How the time to one `occupiedShare` threshold changes from a to b (`Comparison.events`). */
export const eventShiftSchema: Schemas["eventShiftSchema"] = lazyObject(() => schemas().eventShiftSchema);
/**
 * The JSON form of a comparison (`Comparison.toJSON()`, `attrition-sim/comparison@1`): the paired
 * differences b − a per series and per threshold, and both projections in full. Beyond the shape
 * it checks that the months and options are those of both projections, that every per-month
 * array has one value per month, that the events follow a's thresholds, and that each event's
 * path counts add up to the runs.
 * @example
 * comparisonJsonSchema.parse(JSON.parse(JSON.stringify(compareSync("baseline", "no-pledge", { runs: 64, horizonMonths: 12 }))));
 */
export const comparisonJsonSchema: Schemas["comparisonJsonSchema"] = lazyObject(() => schemas().comparisonJsonSchema);

/** A validated projection JSON (the output type of {@link projectionJsonSchema}). */
export type ProjectionJsonParsed = z.output<Schemas["projectionJsonSchema"]>;

/** The JSON form of `Projection.toJSON()` (`attrition-sim/projection@2`), inferred from {@link projectionJsonSchema}. */
export type ProjectionJson = z.infer<Schemas["projectionJsonSchema"]>;
/** One series of a projection's JSON: standard errors are null where they cannot be estimated. */
export type SeriesSummaryJson = ProjectionJson["series"][(typeof SERIES)[number]];
/** The JSON form of `Comparison.toJSON()` (`attrition-sim/comparison@1`), inferred from {@link comparisonJsonSchema}. */
export type ComparisonJson = z.infer<Schemas["comparisonJsonSchema"]>;
