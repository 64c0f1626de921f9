/**
 * The shapes of the seven distribution specs, without their cross-field checks (those live in
 * distributions.ts, which needs the distribution maths): the type {@link DistSpec} is inferred
 * from these, so distribution-math.ts can use it without importing the refined schema.
 */
import { z } from "zod";
import { describeValue } from "../util/errors.js";

export const num = z.number({ error: (iss) => `expected a finite number, got ${describeValue(iss.input)}` });
export const positive = num.gt(0, { error: (iss) => `expected > 0, got ${describeValue(iss.input)}` });

/** A strict object (unknown keys rejected with an `expected …, got …` message). */
export function distObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const keys = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `expected only the keys ${keys}, got ${iss.keys.map((k) => JSON.stringify(k)).join(", ")}`
        : undefined,
  });
}

export const fixedShape = distObject({ dist: z.literal("fixed"), value: num });
export const uniformShape = distObject({ dist: z.literal("uniform"), min: num, max: num });
export const triangularShape = distObject({ dist: z.literal("triangular"), min: num, mode: num, max: num });
export const normalShape = distObject({ dist: z.literal("normal"), mean: num, sd: positive, min: num.optional(), max: num.optional() });
/** A lognormal as parsed: one of its three parametrisations. */
export const lognormalShape = z.union([
  z.strictObject({ dist: z.literal("lognormal"), mu: num, sigma: positive }),
  z.strictObject({ dist: z.literal("lognormal"), median: positive, sigma: positive }),
  z.strictObject({ dist: z.literal("lognormal"), p5: positive, p95: positive }),
]);
export const pertShape = distObject({ dist: z.literal("pert"), min: num, mode: num, max: num, lambda: positive.optional() });
export const betaShape = distObject({ dist: z.literal("beta"), alpha: positive, beta: positive, min: num.optional(), max: num.optional() });

/** A validated distribution spec (see `distSpecSchema`). */
export type DistSpec =
  | z.output<typeof fixedShape>
  | z.output<typeof uniformShape>
  | z.output<typeof triangularShape>
  | z.output<typeof normalShape>
  | z.output<typeof lognormalShape>
  | z.output<typeof pertShape>
  | z.output<typeof betaShape>;
