import { describe, expect, it } from "vitest";
import { BlockRun } from "../../src/engine/block.js";
import { prepareRun } from "../../src/engine/run.js";
import { SERIES } from "../../src/engine/store.js";

const PATHS = 8;
const MONTHS = 18;
const SPLIT = 7;

/** Paths that differ only by their parameters (noise and events off: no draw matters). */
function deterministicPlan() {
  const uniforms = (k: number) => Array.from({ length: PATHS }, (_, i) => (i + 0.5 + k) / (PATHS + 1 + k));
  const scenario = {
    extends: "baseline",
    dynamics: { forces: "free", regime: "offensive", noise: "off", events: "off" },
  };
  return prepareRun(scenario, {
    runs: PATHS,
    horizonMonths: MONTHS,
    seed: 5,
    parameterUniforms: {
      "attrition.russiaLossesPerMonth": uniforms(0),
      "territory.offensivePaceKm2PerMonth": uniforms(1).reverse(),
      "ukraine.returnDelayMonths": uniforms(2),
      "russia.returnDelayMonths": uniforms(3).reverse(),
      "dprk.returnDelayMonths": uniforms(4),
    },
  }).plan;
}

describe("BlockRun.resample", () => {
  it("makes path i a copy of its ancestor: with no draw in play, its months from then on are the ancestor's, bit for bit", () => {
    const plan = deterministicPlan();
    const ancestors = Int32Array.of(3, 3, 0, 7, 1, 1, 6, 2);
    const resampled = new BlockRun(plan, 0, 0, PATHS);
    const reference = new BlockRun(plan, 0, 0, PATHS);
    for (let m = 0; m < MONTHS; m += 1) {
      if (m === SPLIT) resampled.resample(ancestors);
      resampled.runMonth(m);
      reference.runMonth(m);
    }
    // The paths really differ (else the test would prove nothing).
    expect(new Set(reference.monthEnd("occupiedKm2")).size).toBe(PATHS);
    for (const name of SERIES) {
      const got = resampled.monthEnd(name),
        want = reference.monthEnd(name);
      for (let i = 0; i < PATHS; i += 1) expect(Object.is(got[i], want[ancestors[i]!]), `${name}[${i}]`).toBe(true);
    }
    const params = resampled.parameters(),
      reference0 = reference.parameters();
    for (const [path, values] of Object.entries(params))
      for (let i = 0; i < PATHS; i += 1) expect(values[i], path).toBe(reference0[path]![ancestors[i]!]);
  });

  it("skips arrays every path shares, and permutes them again once setParameter makes them differ", () => {
    const plan = deterministicPlan();
    const block = new BlockRun(plan, 0, 0, PATHS);
    const PACE = "territory.offensivePaceKm2PerMonth";
    block.setParameter(PACE, new Float64Array(PATHS).fill(400)); // the same for every path
    block.runMonth(0);
    block.resample(Int32Array.of(1, 1, 2, 3, 4, 5, 6, 7));
    expect(Array.from(block.parameters()[PACE]!)).toEqual(new Array(PATHS).fill(400));
    const varying = Float64Array.from({ length: PATHS }, (_, i) => 300 + i);
    block.setParameter(PACE, varying);
    const ancestors = Int32Array.of(7, 7, 0, 1, 2, 3, 4, 5);
    block.runMonth(1);
    block.resample(ancestors);
    expect(Array.from(block.parameters()[PACE]!)).toEqual(Array.from(ancestors, (a) => 300 + a));
  });

  it("the identity changes nothing, and a resampled block refuses to give a result", () => {
    const plan = deterministicPlan();
    const a = new BlockRun(plan, 0, 0, PATHS),
      b = new BlockRun(plan, 0, 0, PATHS);
    for (let m = 0; m < MONTHS; m += 1) {
      if (m === SPLIT) a.resample(Int32Array.from({ length: PATHS }, (_, i) => i));
      a.runMonth(m);
      b.runMonth(m);
    }
    for (const name of SERIES) expect(Array.from(a.monthEnd(name))).toEqual(Array.from(b.monthEnd(name)));
    expect(() => a.finish()).toThrow(/resampled block has no result/);
    expect(() => b.finish()).not.toThrow();
  });

  it("refuses ancestors of the wrong length or outside the block", () => {
    const run = new BlockRun(deterministicPlan(), 0, 0, PATHS);
    expect(() => run.resample(new Int32Array(PATHS - 1))).toThrow(/expected 8 ancestors/);
    expect(() => run.resample(Int32Array.of(0, 1, 2, 3, 4, 5, 6, 8))).toThrow(/ancestor 8 of path 7 is not a path of the block/);
    expect(() => run.resample(Int32Array.of(0, 1, 2, 3, 4, 5, 6, -1))).toThrow(/ancestor -1 of path 7/);
  });
});

describe("BlockRun.monthEnd", () => {
  it("is the start before the first month (area as initialised, losses 0), then each month's end", () => {
    const run = new BlockRun(deterministicPlan(), 0, 0, PATHS);
    const initial = run.finish().initial;
    SERIES.forEach((name, s) => expect(Array.from(run.monthEnd(name)), name).toEqual(Array.from(initial[s]!)));
    expect(run.monthEnd("occupiedKm2")[0]).toBeGreaterThan(100_000);
    run.runMonth(0);
    expect(run.monthEnd("russiaLosses")[0]).toBeGreaterThan(0);
  });
});

describe("BlockRun.setParameter", () => {
  /** Paths that differ in parameters that set no stock at t0 (force-ratio effect on territory, recruitment adjustment). */
  function coefficientOnlyPlan() {
    const uniforms = (k: number) => Array.from({ length: PATHS }, (_, i) => (i + 0.5 + k) / (PATHS + 1 + k));
    return prepareRun(
      { extends: "baseline", dynamics: { forces: "free", regime: "offensive", noise: "off", events: "off" } },
      {
        runs: PATHS,
        horizonMonths: MONTHS,
        seed: 5,
        parameterUniforms: {
          "territory.forceRatioExponent": uniforms(0),
          "territory.maxGainMultiple": uniforms(1).reverse(),
          "russia.adjustmentMonths": uniforms(2),
        },
      },
    ).plan;
  }

  it("writes through to the law's view: path 0 given path 1's values steps as path 1", () => {
    const plan = coefficientOnlyPlan();
    const a = new BlockRun(plan, 0, 0, PATHS),
      b = new BlockRun(plan, 0, 0, PATHS);
    for (const [path, values] of Object.entries(b.parameters())) {
      const next = Float64Array.from(values);
      next[0] = values[1]!;
      a.setParameter(path, next);
    }
    for (let m = 0; m < MONTHS; m += 1) {
      a.runMonth(m);
      b.runMonth(m);
    }
    expect(b.monthEnd("occupiedKm2")[0]).not.toBe(b.monthEnd("occupiedKm2")[1]);
    for (const name of SERIES) expect(Object.is(a.monthEnd(name)[0], b.monthEnd(name)[1]), name).toBe(true);
  });

  it("recomputes the step coefficients: a coefficient-only parameter set mid-run changes what follows", () => {
    // The day step has one coefficient table (dt = 1) for the whole run, so a stale one would show.
    const plan = { ...coefficientOnlyPlan(), dayStep: true };
    const a = new BlockRun(plan, 0, 0, PATHS),
      b = new BlockRun(plan, 0, 0, PATHS);
    for (let m = 0; m < MONTHS; m += 1) {
      if (m === SPLIT) a.setParameter("russia.returnDelayMonths", new Float64Array(PATHS).fill(0.25));
      a.runMonth(m);
      b.runMonth(m);
    }
    for (let i = 0; i < PATHS; i += 1) expect(a.monthEnd("russiaForce")[i]).not.toBe(b.monthEnd("russiaForce")[i]);
  });

  it("refuses an unknown parameter or the wrong length", () => {
    const run = new BlockRun(deterministicPlan(), 0, 0, PATHS);
    expect(() => run.setParameter("territory.noSuchThing", new Float64Array(PATHS))).toThrow(/no parameter territory.noSuchThing/);
    expect(() => run.setParameter("attrition.russiaLossesPerMonth", new Float64Array(3))).toThrow(/expected 8 values/);
  });
});

describe("BlockRun.reinitialise", () => {
  it("after setParameter, the block runs as one built with those draws from the start (t0 stocks included)", () => {
    const plan = deterministicPlan();
    const a = new BlockRun(plan, 0, 0, PATHS),
      b = new BlockRun(plan, 0, 0, PATHS);
    // Path 0 takes path 1's draws of parameters that set t0 stocks (the loss level sets the wounded at t0).
    for (const [path, values] of Object.entries(b.parameters())) {
      const next = Float64Array.from(values);
      next[0] = values[1]!;
      a.setParameter(path, next);
    }
    a.reinitialise();
    for (let m = 0; m < MONTHS; m += 1) {
      a.runMonth(m);
      b.runMonth(m);
    }
    for (const name of SERIES) expect(Object.is(a.monthEnd(name)[0], b.monthEnd(name)[1]), name).toBe(true);
    expect(() => a.reinitialise()).toThrow(/not run a month yet/);
  });
});
