import seedrandom from "seedrandom";
import { describe, it, expect } from "vitest";
import { createStream, fillStandardNormal, fillUniform, validateSeed } from "../../src/engine/rng.js";
import { OptionsError } from "../../src/util/errors.js";
import { normalQuantile } from "../../src/util/special-functions.js";

const draw = (stream: () => number, n: number) => Array.from({ length: n }, () => stream());

describe("createStream", () => {
  it("gives the same sequence for the same (seed, key)", () => {
    const a = draw(createStream(1, "block", 3, "param", "russia.initialForce"), 1000);
    const b = draw(createStream(1, "block", 3, "param", "russia.initialForce"), 1000);
    expect(a).toEqual(b);
  });

  it("is pinned: the key string and generator never change silently", () => {
    // Regression values for xor4096("attrition-sim|1|block|3|param|russia.initialForce").
    const u = createStream(1, "block", 3, "param", "russia.initialForce");
    expect(draw(u, 3)).toEqual([0.38623281044419855, 0.04418566881213337, 0.07825064391363412]);
  });

  it("is seedrandom's xor4096 bit for bit (its step, rewritten over an Int32Array), singly and in bulk", () => {
    for (const key of ["block|0|regime", "block|77|param|russia.initialForce", "sensitivity|A|x"]) {
      const reference = seedrandom.xor4096(`attrition-sim|4242|${key}`);
      const expected = Array.from({ length: 5000 }, () => ((reference.int32() >>> 0) + 0.5) / 4294967296);
      const single = createStream(4242, ...key.split("|"));
      const bulk = createStream(4242, ...key.split("|"));
      const got = [...draw(single, 2000), ...bulk.fill(new Float64Array(2000)).slice(0, 2000)];
      expect(got.slice(0, 2000)).toEqual(expected.slice(0, 2000));
      expect(got.slice(2000)).toEqual(expected.slice(0, 2000));
      // Mixed: calls and fills continue one sequence.
      const mixed = createStream(4242, ...key.split("|"));
      const seq = [...draw(mixed, 7), ...fillUniform(mixed, new Float64Array(1000)), ...draw(mixed, 3993)];
      expect(seq).toEqual(expected);
    }
  });

  it("does not depend on other streams created or drawn in between", () => {
    const a = createStream(7, "block", 0);
    const first = draw(a, 5);
    const other = createStream(7, "block", 1);
    draw(other, 100);
    const rest = draw(a, 5);
    const fresh = draw(createStream(7, "block", 0), 10);
    expect([...first, ...rest]).toEqual(fresh);
  });

  it("gives different sequences for a different key or seed", () => {
    const base = draw(createStream(1, "block", 3), 100);
    for (const other of [
      createStream(1, "block", 4),
      createStream(1, "noise", 3),
      createStream(2, "block", 3),
      createStream(1, "block", 3, "x"),
    ]) {
      const seq = draw(other, 100);
      expect(seq).not.toEqual(base);
      // not merely shifted or partially equal: no common value at the same index
      expect(seq.filter((v, i) => v === base[i]).length).toBe(0);
    }
  });

  it("returns values strictly inside (0, 1), uniformly spread", () => {
    const n = 200_000;
    const u = fillUniform(createStream(3, "uniformity"), new Float64Array(n));
    let min = 1;
    let max = 0;
    let sum = 0;
    const bins = new Array<number>(10).fill(0);
    for (const v of u) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
      bins[Math.floor(v * 10)]!++;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    // mean of U(0,1): 0.5 ± 4 standard errors (sd 1/√12)
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    // every decile holds 10% ± 4 standard errors (√(0.1·0.9/n) ≈ 0.00067)
    for (const count of bins) expect(Math.abs(count / n - 0.1)).toBeLessThan(4 * Math.sqrt(0.09 / n));
  });

  it("accepts seeds 0 and 2^32 − 1", () => {
    expect(() => createStream(0, "a")).not.toThrow();
    expect(() => createStream(4294967295, "a")).not.toThrow();
    expect(draw(createStream(0, "a"), 5)).not.toEqual(draw(createStream(4294967295, "a"), 5));
  });

  it.each([-1, 1.5, 2 ** 32, NaN, Infinity, "1", null, undefined])('rejects seed %s with OptionsError at path "seed"', (seed) => {
    let error: unknown;
    try {
      createStream(seed as number, "a");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionsError);
    const optionsError = error as OptionsError;
    expect(optionsError.path).toBe("seed");
    expect(optionsError.message).toMatch(/^seed: expected an integer from 0 to 4294967295, got /);
  });

  it("names the bad value in the message", () => {
    expect(() => validateSeed(1.5)).toThrow("seed: expected an integer from 0 to 4294967295, got 1.5");
    expect(() => validateSeed("1")).toThrow('seed: expected an integer from 0 to 4294967295, got "1"');
  });
});

describe("fillUniform / fillStandardNormal", () => {
  it("fillUniform fills in order, continuing the stream", () => {
    const out = fillUniform(createStream(5, "fill"), new Float64Array(64));
    expect(Array.from(out)).toEqual(draw(createStream(5, "fill"), 64));
  });

  it("fillStandardNormal uses exactly one uniform per normal: z_i = Φ⁻¹(u_i)", () => {
    const z = fillStandardNormal(createStream(5, "noise"), new Float64Array(256));
    const u = draw(createStream(5, "noise"), 256);
    expect(Array.from(z)).toEqual(u.map(normalQuantile));
    // after n normals the stream is exactly n uniforms further on
    const stream = createStream(5, "noise");
    fillStandardNormal(stream, new Float64Array(10));
    expect(stream()).toBe(u[10]);
  });

  it("fillStandardNormal has mean 0 and variance 1 (mean within 4 SE, variance within 3%)", () => {
    const n = 100_000;
    const z = fillStandardNormal(createStream(11, "noise"), new Float64Array(n));
    let sum = 0;
    let sumSq = 0;
    expect(z.every(Number.isFinite)).toBe(true);
    for (const v of z) {
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });
});
