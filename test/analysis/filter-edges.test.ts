import { describe, expect, it } from "vitest";
import { particleFilter, particleFilterSteps, type ParticleFilterStep, type ParticleModel } from "../../src/analysis/filter.js";
import { effectiveSampleSize, systematicResample } from "../../src/analysis/resample.js";
import { runSteps, runStepsAsync } from "../../src/analysis/steps.js";
import { createStream } from "../../src/engine/rng.js";
import { OptionsError } from "../../src/util/errors.js";
import { normalQuantile } from "../../src/util/special-functions.js";
import { LinearGaussianParticles, simulateData } from "../helpers/linear-gaussian.js";

/**
 * A model without dynamics whose particles carry their original index (`origin`), so a test sees
 * which survive; its log-likelihood is a given function of (t, origin). It records its calls.
 */
function scripted(size: number, logLikelihood: (t: number, origin: number) => number) {
  const origin = Float64Array.from({ length: size }, (_, i) => i);
  const scratch = new Float64Array(size);
  const calls = { step: [] as number[], logLikelihood: [] as number[], resample: [] as Int32Array[] };
  const model: ParticleModel & { origin: Float64Array; calls: typeof calls } = {
    size,
    origin,
    calls,
    step: (t) => void calls.step.push(t),
    logLikelihood: (t, out) => {
      calls.logLikelihood.push(t);
      for (let i = 0; i < size; i += 1) out[i] = logLikelihood(t, origin[i]!);
    },
    resample: (ancestors) => {
      calls.resample.push(ancestors.slice());
      for (let i = 0; i < size; i += 1) scratch[i] = origin[ancestors[i]!]!;
      origin.set(scratch);
    },
  };
  return model;
}

/** A uniform source that counts its draws. */
function countingUniform(seed = 1) {
  const stream = createStream(seed, "filter-test");
  const counter = { draws: 0, uniform: () => (counter.draws++, stream()) };
  return counter;
}

const logSumExp = (a: Float64Array) => {
  const m = Math.max(...a);
  return m + Math.log(a.reduce((s, x) => s + Math.exp(x - m), 0));
};

describe("particleFilter", () => {
  it("matches its @example: one step of a quantile grid, log L̂ = −1.3055099 ≈ log N(0.5; 0.1, 2) = −1.3055121", () => {
    const x = new Float64Array(1000).map((_, i) => normalQuantile((i + 0.5) / 1000));
    const model: ParticleModel = {
      size: 1000,
      step: () => x.forEach((v, i) => (x[i] = v + 0.1)),
      logLikelihood: (t, out) => x.forEach((v, i) => (out[i] = -0.5 * Math.log(2 * Math.PI) - 0.5 * (0.5 - v) ** 2)),
      resample: (ancestors) => x.set(Array.from(ancestors, (a) => x[a]!)),
    };
    const result = particleFilter(model, { steps: 1, uniform: createStream(1, "example") });
    const exact = -0.5 * Math.log(2 * Math.PI * 2) - 0.4 ** 2 / 4;
    expect(exact).toBeCloseTo(-1.3055, 4);
    expect(result.logLikelihood).toBeCloseTo(-1.3055099237989412, 12);
    expect(Math.abs(result.logLikelihood - exact)).toBeLessThan(1e-5);
  });

  it("sums the steps' terms, 0 at unobserved steps, whose ESS is the carried weights'", () => {
    const observed = (t: number) => t % 3 !== 1;
    const model = scripted(64, (t, o) => -0.5 * ((o - 20 - t) / 8) ** 2);
    const records: ParticleFilterStep[] = [];
    const result = particleFilter(model, {
      steps: 9,
      observed,
      essThreshold: 0.3,
      uniform: createStream(1, "sums"),
      onStep: (s) => records.push({ ...s, logWeights: s.logWeights.slice() }),
    });
    expect(result.logLikelihood).toBe(result.logLikelihoodByStep.reduce((s, x) => s + x, 0));
    expect(model.calls.logLikelihood).toEqual([0, 2, 3, 5, 6, 8]);
    for (let t = 0; t < 9; t += 1) {
      const r = records[t]!;
      expect(r.t).toBe(t);
      expect(r.observed).toBe(observed(t));
      expect(r.logLikelihood).toBe(result.logLikelihoodByStep[t]);
      expect(r.ess).toBe(result.ess[t]);
      // Normalised weights, and the ESS is that of the weights handed to onStep.
      expect(Math.abs(logSumExp(r.logWeights))).toBeLessThan(1e-12);
      expect(r.ess).toBeCloseTo(effectiveSampleSize(r.logWeights), 9);
      if (!observed(t)) {
        expect(result.logLikelihoodByStep[t]).toBe(0);
        expect(r.resample).toBe(false);
        expect(result.ess[t]).toBe(t === 0 ? 64 : records[t - 1]!.resample ? 64 : result.ess[t - 1]);
      }
    }
    expect(Math.abs(logSumExp(result.logWeights))).toBeLessThan(1e-12);
  });

  it("draws exactly one uniform per step, and resamples at step t with the (t + 1)-th", () => {
    for (const essThreshold of [1, 0.5, 0.01]) {
      const counter = countingUniform();
      particleFilter(
        scripted(16, (t, o) => -((o - t) ** 2) / 10),
        { steps: 12, essThreshold, observed: (t) => t > 4, uniform: counter.uniform },
      );
      expect(counter.draws).toBe(12);
    }
    // Only step 7 observed: its ancestors are systematicResample(weights, 8th uniform).
    const us = Array.from({ length: 10 }, (_, k) => (k + 0.5) / 10);
    let k = 0,
      weights = new Float64Array(0);
    const model = scripted(20, (t, o) => -Math.abs(o - 7) / 3);
    particleFilter(model, {
      steps: 10,
      observed: (t) => t === 7,
      uniform: () => us[k++]!,
      onStep: (s) => {
        if (s.t === 7) weights = s.logWeights.map(Math.exp);
      },
    });
    expect(model.calls.resample).toHaveLength(1);
    expect(Array.from(model.calls.resample[0]!)).toEqual(Array.from(systematicResample(weights, us[7]!, new Int32Array(20))));
  });

  it("resamples at every observed step at essThreshold 1, even with equal weights (ESS = N)", () => {
    const model = scripted(10, () => -2);
    const result = particleFilter(model, { steps: 6, observed: (t) => t !== 2, uniform: createStream(1, "equal") });
    expect(Array.from(result.resampledAt)).toEqual([0, 1, 3, 4, 5]);
    expect(model.calls.resample).toHaveLength(5);
    expect(Array.from(result.ess)).toEqual([10, 10, 10, 10, 10, 10]);
    for (const ancestors of model.calls.resample) expect(Array.from(ancestors)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result.logLikelihood).toBe(-10);
  });

  it("at essThreshold < 1 resamples exactly at the steps whose ESS fell below essThreshold·N (counting resample calls)", () => {
    const data = simulateData({ phi: 0.9, sigma: 1, tau: 1 }, 40, 3);
    for (const essThreshold of [0.2, 0.5, 0.8]) {
      const model = new LinearGaussianParticles(500, { phi: 0.9, sigma: 1, tau: 1 }, data, 3);
      const flagged: number[] = [];
      const result = particleFilter(model, {
        steps: 40,
        essThreshold,
        uniform: createStream(3, "threshold"),
        onStep: (s) => {
          expect(s.resample).toBe(s.ess < essThreshold * 500);
          if (s.resample) flagged.push(s.t);
        },
      });
      const below = Array.from(result.ess.keys()).filter((t) => result.ess[t]! < essThreshold * 500);
      expect(Array.from(result.resampledAt)).toEqual(below);
      expect(flagged).toEqual(below);
      expect(model.calls.resample).toBe(below.length);
      expect(below.length).toBeGreaterThan(0);
      expect(below.length).toBeLessThan(40);
    }
  });
});

describe("particleFilter: impossible particles and bugs", () => {
  it("gives impossible particles (−Infinity) weight 0: they are never resampled and log L̂ stays finite", () => {
    // Odd origins impossible at step 2; carried weights at essThreshold 0.01 keep −Infinity, not NaN.
    for (const essThreshold of [1, 0.01]) {
      const model = scripted(50, (t, o) => (t === 2 && o % 2 === 1 ? -Infinity : -0.1 * o));
      const result = particleFilter(model, { steps: 5, essThreshold, uniform: createStream(2, "impossible") });
      expect(Number.isFinite(result.logLikelihood)).toBe(true);
      expect(result.failedAt).toBeNull();
      expect(result.ess[2]).toBeLessThan(26);
      if (essThreshold === 1) {
        for (let i = 0; i < 50; i += 1) expect(model.origin[i]! % 2).toBe(0);
      } else {
        for (let i = 1; i < 50; i += 2) expect(result.logWeights[i]).toBe(-Infinity);
        expect(result.logWeights.some(Number.isNaN)).toBe(false);
        expect(Math.abs(logSumExp(result.logWeights))).toBeLessThan(1e-12);
      }
    }
  });

  it("stops at a filtering failure (every particle impossible) with log L̂ = −Infinity and the step, not NaN", () => {
    const model = scripted(8, (t) => (t === 3 ? -Infinity : -1));
    const result = particleFilter(model, { steps: 6, uniform: createStream(1, "failure") });
    expect(result.logLikelihood).toBe(-Infinity);
    expect(result.failedAt).toBe(3);
    expect(Array.from(result.logLikelihoodByStep)).toEqual([-1, -1, -1, -Infinity, NaN, NaN]);
    expect(Array.from(result.ess)).toEqual([8, 8, 8, 0, NaN, NaN]);
    expect(model.calls.step).toEqual([0, 1, 2, 3]);
    expect(Array.from(result.resampledAt)).toEqual([0, 1, 2]);
    expect(Array.from(result.logWeights)).toEqual(new Array(8).fill(-Infinity));
  });

  it("throws a clear error on NaN or +Infinity, and on an entry the model left unwritten", () => {
    const nan = scripted(10, (t, o) => (t === 2 && o === 7 ? NaN : 0));
    expect(() => particleFilter(nan, { steps: 4, uniform: createStream(1, "nan") })).toThrow(
      "particleFilter: model.logLikelihood(2) gave NaN for particle 7 (expected a finite log-likelihood, or -Infinity for an impossible particle): a bug in the model",
    );
    const inf = scripted(10, (t, o) => (o === 3 ? Infinity : 0));
    expect(() => particleFilter(inf, { steps: 4, uniform: createStream(1, "inf") })).toThrow(/gave Infinity for particle 3/);
    const lazy: ParticleModel = { size: 5, step: () => {}, logLikelihood: (t, out) => out.fill(0, 0, 4), resample: () => {} };
    expect(() => particleFilter(lazy, { steps: 1, uniform: createStream(1, "lazy") })).toThrow(/gave NaN for particle 4/);
  });
});

describe("particleFilter: determinism, steps and cancellation", () => {
  const data = simulateData({ phi: 0.9, sigma: 1, tau: 1 }, 30, 5);
  const run = (seed: number, resampleSeed = seed) =>
    particleFilter(new LinearGaussianParticles(300, { phi: 0.9, sigma: 1, tau: 1 }, data, seed), {
      steps: 30,
      uniform: createStream(resampleSeed, "determinism"),
    });

  it("gives the same bits for the same seed, and other numbers for another resampling stream", () => {
    const a = run(7),
      b = run(7);
    expect(Object.is(a.logLikelihood, b.logLikelihood)).toBe(true);
    expect(Array.from(a.logLikelihoodByStep)).toEqual(Array.from(b.logLikelihoodByStep));
    expect(Array.from(a.ess)).toEqual(Array.from(b.ess));
    expect(Array.from(a.logWeights)).toEqual(Array.from(b.logWeights));
    expect(run(7, 8).logLikelihood).not.toBe(a.logLikelihood);
  });

  it("as steps (sync or async) gives the same bits; an aborted signal stops it with an AbortError", async () => {
    const reference = run(9).logLikelihood;
    const model = () => new LinearGaussianParticles(300, { phi: 0.9, sigma: 1, tau: 1 }, data, 9);
    const options = { steps: 30, uniform: createStream(9, "determinism") };
    expect(Object.is(runSteps(particleFilterSteps(model(), options)).logLikelihood, reference)).toBe(true);
    const again = { steps: 30, uniform: createStream(9, "determinism") };
    expect(
      Object.is((await runStepsAsync(particleFilterSteps(model(), again), new AbortController().signal)).logLikelihood, reference),
    ).toBe(true);
    const controller = new AbortController();
    controller.abort();
    await expect(runStepsAsync(particleFilterSteps(model(), options), controller.signal)).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("particleFilter: options", () => {
  const model = () => scripted(4, () => 0);
  const uniform = createStream(1, "options");
  const cases: Array<[string, () => unknown, string, RegExp]> = [
    ["steps 0", () => particleFilter(model(), { steps: 0, uniform }), "steps", /expected an integer ≥ 1, got 0/],
    ["steps 2.5", () => particleFilter(model(), { steps: 2.5, uniform }), "steps", /got 2\.5/],
    ["steps missing", () => particleFilter(model(), { uniform } as never), "steps", /got nothing/],
    ["essThreshold 0", () => particleFilter(model(), { steps: 1, uniform, essThreshold: 0 }), "essThreshold", /in \(0, 1\], got 0/],
    ["essThreshold 1.5", () => particleFilter(model(), { steps: 1, uniform, essThreshold: 1.5 }), "essThreshold", /got 1\.5/],
    ["essThreshold NaN", () => particleFilter(model(), { steps: 1, uniform, essThreshold: NaN }), "essThreshold", /got NaN/],
    ["size 0", () => particleFilter({ ...model(), size: 0 }, { steps: 1, uniform }), "model.size", /particles ≥ 1, got 0/],
    ["size 2.5", () => particleFilter({ ...model(), size: 2.5 }, { steps: 1, uniform }), "model.size", /got 2\.5/],
    [
      "no resample",
      () => particleFilter({ ...model(), resample: undefined } as never, { steps: 1, uniform }),
      "model.resample",
      /function/,
    ],
    ["no uniform", () => particleFilter(model(), { steps: 1 } as never), "uniform", /expected a uniform random source/],
    ["observed not a function", () => particleFilter(model(), { steps: 1, uniform, observed: true } as never), "observed", /function/],
    ["no options", () => particleFilter(model(), undefined as never), "", /expected an options object/],
  ];
  for (const [name, call, path, message] of cases) {
    it(`rejects ${name} with an OptionsError at "${path}", before running`, () => {
      expect(call).toThrow(OptionsError);
      expect(call).toThrow(message);
      try {
        call();
      } catch (error) {
        expect((error as OptionsError).path).toBe(path);
      }
    });
  }

  it("checks options when the steps are created, not at the first step", () => {
    expect(() => particleFilterSteps(model(), { steps: -1, uniform })).toThrow(OptionsError);
  });
});
