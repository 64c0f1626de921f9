import { describe, expect, it } from "vitest";
import {
  biasSample,
  chiSquareSurvival,
  chiSquareUniformity,
  pitHistogram,
  pitSample,
  regularizedGammaP,
  regularizedGammaQ,
} from "../../src/analysis/scoring.js";
import { createStream, fillStandardNormal, type Uniform } from "../../src/engine/rng.js";
import { OptionsError } from "../../src/util/errors.js";
import { erfc, normalQuantile } from "../../src/util/special-functions.js";

function thrown(f: () => unknown): OptionsError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    return error as OptionsError;
  }
  throw new Error("expected an OptionsError");
}

/** Q(a, x) for whole a by the Poisson identity Q(a, x) = Σ_{k<a} e^(−x) x^k / k! (an independent route). */
function poissonUpperGamma(a: number, x: number): number {
  let term = Math.exp(-x);
  let sum = term;
  for (let k = 1; k < a; k += 1) {
    term *= x / k;
    sum += term;
  }
  return sum;
}

describe("regularised incomplete gamma and the chi-square tail", () => {
  it("meets closed forms: P(1, x) = 1 − e^(−x), P(½, x) = erf(√x), χ²₂ tail = e^(−x/2)", () => {
    for (const x of [1e-6, 0.1, 0.7, 1, 2.5, 10, 40]) {
      expect(regularizedGammaP(1, x)).toBeCloseTo(-Math.expm1(-x), 13);
      expect(regularizedGammaP(0.5, x)).toBeCloseTo(1 - erfc(Math.sqrt(x)), 7); // erfc is good to ~1e-7
      expect(chiSquareSurvival(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 12);
      expect(regularizedGammaP(3.7, x) + regularizedGammaQ(3.7, x)).toBeCloseTo(1, 14);
    }
  });

  it("meets the Poisson identity for whole a, both sides of x = a + 1, tails kept relative", () => {
    for (const a of [2, 5, 10, 50]) {
      for (const x of [0.5, a / 2, a, a + 1, 2 * a, 3 * a + 10]) {
        const exact = poissonUpperGamma(a, x);
        expect(Math.abs(regularizedGammaQ(a, x) - exact) / exact, `a=${a} x=${x}`).toBeLessThan(1e-10);
      }
    }
  });

  it("gives the tabled chi-square critical values", () => {
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(16.918978, 9)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(21.665994, 9)).toBeCloseTo(0.01, 7);
    expect(chiSquareSurvival(0, 9)).toBe(1);
    expect(regularizedGammaP(2, 0)).toBe(0);
  });

  it("rejects bad arguments", () => {
    expect(thrown(() => regularizedGammaP(0, 1)).message).toBe("a: expected a finite shape a > 0, got 0");
    expect(thrown(() => regularizedGammaQ(1, -1)).message).toBe("x: expected x ≥ 0, got -1");
    expect(thrown(() => chiSquareSurvival(1, Number.NaN)).path).toBe("degreesOfFreedom");
  });
});

describe("PIT values", () => {
  it("hand cases: the empirical CDF at y, randomised over ties", () => {
    const never: Uniform = () => 0.5;
    expect(pitSample(Float64Array.of(1, 2, 3, 4), 2.5, never)).toBe(0.5); // 2 of 4 below
    expect(pitSample(Float64Array.of(1, 2, 3, 4), 0, never)).toBe(0);
    expect(pitSample(Float64Array.of(1, 2, 3, 4), 9, never)).toBe(1);
    // Ties: F(2⁻) = 1/4, F(2) = 3/4; u = 1/4 + v · 2/4.
    expect(pitSample(Float64Array.of(1, 2, 2, 3), 2, () => 0.5)).toBe(0.5);
    expect(pitSample(Float64Array.of(1, 2, 2, 3), 2, () => 0.1)).toBeCloseTo(0.3, 14);
    expect(pitSample(Float64Array.of(1, 2, 2, 3), 2, () => 0.9)).toBeCloseTo(0.7, 14);
    expect(pitSample([5, 5, 5], 5, () => 0.25)).toBe(0.25); // a point forecast that hits: u = v
  });

  it("reads exactly one uniform per call, tie or not", () => {
    let calls = 0;
    const counting: Uniform = () => {
      calls += 1;
      return 0.5;
    };
    pitSample([1, 2, 3], 2.5, counting);
    pitSample([1, 2, 2], 2, counting);
    expect(calls).toBe(2);
  });

  it("the same seed gives the same PIT values", () => {
    const run = () => {
      const u = createStream(9, "test", "pit");
      return [0, 1, 2].map(() => pitSample([1, 1, 1, 2], 1, u));
    };
    expect(run()).toEqual(run());
  });

  it("histogram bins and uniformity check by hand", () => {
    expect(pitHistogram([0.05, 0.15, 0.55, 1], 2)).toEqual({ edges: [0, 0.5, 1], counts: [2, 2] });
    expect(pitHistogram([0, 0.1, 0.2, 0.999], 10).counts).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 1]);
    // [12, 8] → E = 10: X² = (4 + 4)/10 = 0.8 on 1 degree of freedom, p = erfc(√0.4) ≈ 0.371.
    const t = chiSquareUniformity([12, 8]);
    expect(t.statistic).toBeCloseTo(0.8, 14);
    expect(t.degreesOfFreedom).toBe(1);
    expect(t.pValue).toBeCloseTo(erfc(Math.sqrt(0.4)), 7);
    expect(chiSquareUniformity([10, 10, 10, 10])).toEqual({ statistic: 0, degreesOfFreedom: 3, pValue: 1 });
  });

  // 1,000 forecasts of 199 draws each; the observation drawn from the same N(0, 1), or not.
  // With 199 draws the PIT values k/199 (k = 0 … 199) fall exactly 20 ranks to each of 10 bins,
  // so a calibrated forecast's histogram is flat in expectation, not just nearly so.
  function pitOfNormalForecasts(seed: number, shift: number, scale: number, round: boolean, tieUniform?: Uniform): number[] {
    const stream = createStream(seed, "test", "pit-uniformity");
    const draws = new Float64Array(199);
    const pits: number[] = [];
    for (let t = 0; t < 1000; t += 1) {
      fillStandardNormal(stream, draws);
      let y = shift + scale * normalQuantile(stream());
      if (round) {
        for (let i = 0; i < draws.length; i += 1) draws[i] = Math.round(draws[i]!);
        y = Math.round(y);
      }
      pits.push(pitSample(draws, y, tieUniform ?? stream));
    }
    return pits;
  }

  // Under uniformity the p-value is itself uniform: each fixed seed passes p > 0.01 with
  // probability 0.99 (seeds 1–3 give 0.79, 0.58, 0.34), a wrong PIT fails by orders of magnitude.
  it("PIT of observations drawn from the forecast itself is uniform (chi-square p > 0.01, seeds 1–3)", () => {
    for (const seed of [1, 2, 3]) {
      const test = chiSquareUniformity(pitHistogram(pitOfNormalForecasts(seed, 0, 1, false)).counts);
      expect(test.pValue, `seed ${seed}: X² = ${test.statistic}`).toBeGreaterThan(0.01);
    }
  });

  it("PIT of a biased or overconfident forecast is not (p < 1e-6)", () => {
    expect(chiSquareUniformity(pitHistogram(pitOfNormalForecasts(1, 0.5, 1, false)).counts).pValue).toBeLessThan(1e-6); // observations ½σ higher
    expect(chiSquareUniformity(pitHistogram(pitOfNormalForecasts(1, 0, 1.5, false)).counts).pValue).toBeLessThan(1e-6); // forecast too narrow
  });

  it("with heavily tied (integer) samples only the randomised PIT is uniform", () => {
    const randomised = chiSquareUniformity(pitHistogram(pitOfNormalForecasts(4, 0, 1, true)).counts);
    expect(randomised.pValue).toBeGreaterThan(0.01);
    // v ≡ 1 − 2⁻³³ is the plain F(y): it piles the values at the CDF's jumps.
    const plain = chiSquareUniformity(pitHistogram(pitOfNormalForecasts(4, 0, 1, true, () => 1 - 2 ** -33)).counts);
    expect(plain.pValue).toBeLessThan(1e-6);
  });

  it("rejects bad input", () => {
    expect(thrown(() => pitSample([1], 1, undefined as unknown as Uniform)).message).toBe(
      "uniform: expected a uniform random source (createStream(seed, …)), got nothing",
    );
    expect(thrown(() => pitSample([1], 1, () => 2)).message).toBe(
      "uniform: expected a uniform random source returning numbers in [0, 1], got 2",
    );
    expect(thrown(() => pitSample([], 1, () => 0.5)).path).toBe("samples");
    expect(thrown(() => pitHistogram([0.5, 1.2])).message).toBe("pitValues[1]: expected a PIT value in [0, 1], got 1.2");
    expect(thrown(() => pitHistogram([0.5], 0)).message).toBe("bins: expected a whole number of bins ≥ 1, got 0");
    expect(thrown(() => chiSquareUniformity([5])).message).toBe("counts: expected at least 2 bins, got 1");
    expect(thrown(() => chiSquareUniformity([0, 0])).message).toBe("counts: expected a positive total count, got 0");
    expect(thrown(() => chiSquareUniformity([3, -1])).path).toBe("counts[1]");
  });
});

describe("bias (scoringutils, continuous: 1 − 2·F(y))", () => {
  it("hand cases", () => {
    expect(biasSample(Float64Array.of(1, 2, 3, 4), 2.5)).toBe(0); // F = 2/4
    expect(biasSample(Float64Array.of(1, 2, 3, 4), 0)).toBe(1); // every sample above y: too high
    expect(biasSample(Float64Array.of(1, 2, 3, 4), 5)).toBe(-1); // too low
    expect(biasSample(Float64Array.of(1, 2, 3, 4), 1)).toBe(0.5); // F counts x ≤ y: 1/4
  });

  it("averages about 0 for a calibrated forecast and about 1 − 2Φ(−δ) for one shifted up by δ", () => {
    const stream = createStream(6, "test", "bias");
    const draws = new Float64Array(500);
    let calibrated = 0,
      high = 0;
    for (let t = 0; t < 1000; t += 1) {
      fillStandardNormal(stream, draws);
      const y = normalQuantile(stream());
      calibrated += biasSample(draws, y) / 1000;
      high +=
        biasSample(
          draws.map((x) => x + 1),
          y,
        ) / 1000;
    }
    expect(Math.abs(calibrated)).toBeLessThan(0.05); // sd of the mean: √(1/3)/√1000 ≈ 0.018
    // E[1 − 2Φ(Y − 1)], Y ~ N(0, 1) = 1 − 2Φ(−1/√2) ≈ 0.5205
    expect(Math.abs(high - 0.5205)).toBeLessThan(0.05);
  });
});
