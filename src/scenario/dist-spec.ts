/**
 * The shapes of the seven distribution specs, without their cross-field checks (those live in
 * distributions.ts, which needs the distribution maths): the type {@link DistSpec} is inferred
 * from these, so distribution-math.ts can use it without importing the refined schema.
 * Built on first use (zod loads lazily: util/lazy.ts).
 */
import type { z } from "zod";
import { describeValue } from "../util/errors.js";
import { once, zod } from "../util/lazy.js";

function build() {
  const z = zod();
  const num = z.number({ error: (iss) => `expected a finite number, got ${describeValue(iss.input)}` });
  const positive = num.gt(0, { error: (iss) => `expected > 0, got ${describeValue(iss.input)}` });

  /** A strict object (unknown keys rejected with an `expected …, got …` message). */
  function distObject<T extends z.core.$ZodLooseShape>(shape: T) {
    const keys = Object.keys(shape).join(", ");
    return z.strictObject(shape, {
      error: (iss) =>
        iss.code === "unrecognized_keys"
          ? `expected only the keys ${keys}, got ${iss.keys.map((k) => JSON.stringify(k)).join(", ")}`
          : undefined,
    });
  }

  return {
    num,
    positive,
    distObject,
    fixedShape: distObject({ dist: z.literal("fixed"), value: num }),
    uniformShape: distObject({ dist: z.literal("uniform"), min: num, max: num }),
    triangularShape: distObject({ dist: z.literal("triangular"), min: num, mode: num, max: num }),
    normalShape: distObject({ dist: z.literal("normal"), mean: num, sd: positive, min: num.optional(), max: num.optional() }),
    /** A lognormal as parsed: one of its three parametrisations. */
    lognormalShape: z.union([
      z.strictObject({ dist: z.literal("lognormal"), mu: num, sigma: positive }),
      z.strictObject({ dist: z.literal("lognormal"), median: positive, sigma: positive }),
      z.strictObject({ dist: z.literal("lognormal"), p5: positive, p95: positive }),
    ]),
    pertShape: distObject({ dist: z.literal("pert"), min: num, mode: num, max: num, lambda: positive.optional() }),
    betaShape: distObject({ dist: z.literal("beta"), alpha: positive, beta: positive, min: num.optional(), max: num.optional() }),
  };
}

/** The shapes, built with zod on the first call. */
export const distShapes = once(build);
type Shapes = ReturnType<typeof build>;

/** A validated distribution spec (see `distSpecSchema`). */
export type DistSpec =
  | z.output<Shapes["fixedShape"]>
  | z.output<Shapes["uniformShape"]>
  | z.output<Shapes["triangularShape"]>
  | z.output<Shapes["normalShape"]>
  | z.output<Shapes["lognormalShape"]>
  | z.output<Shapes["pertShape"]>
  | z.output<Shapes["betaShape"]>;
