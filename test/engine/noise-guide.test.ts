import { describe, expect, it } from "vitest";
import { BlockRun } from "../../src/engine/block.js";
import { MonthPrediction, Proposal, type NoiseGuide } from "../../src/engine/noise-guide.js";
import { prepareRun } from "../../src/engine/run.js";
import { SERIES } from "../../src/engine/store.js";

const N = 400;
const scenario = { extends: "article", dynamics: { forces: "free", regime: "switching", noise: "on", events: "on" } };
const block = () => {
  const run = prepareRun(scenario, { runs: N, horizonMonths: 6, seed: 3, thresholds: [] });
  return new BlockRun({ ...run.plan, summary: "exact", keepPaths: false }, 0, 0, N);
};

/** A guide that proposes z₁ = shift + u₁ and the model's own z₂, recording what the engine predicted. */
function shiftingGuide(shift: number): NoiseGuide & { predictions: Float64Array[] } {
  const predictions: Float64Array[] = [];
  return {
    logCorrection: new Float64Array(N),
    predictions,
    propose(_path, prediction, out) {
      predictions.push(prediction.slice());
      out[Proposal.Mean1] = shift;
      out[Proposal.Scale11] = 1;
      out[Proposal.Mean2] = 0;
      out[Proposal.Scale21] = 0;
      out[Proposal.Scale22] = 1;
    },
  };
}

describe("BlockRun.runMonth with a noise guide (engine/noise-guide.ts)", () => {
  it("the model's own proposal gives the same bits as no guide, and no correction", () => {
    const plain = block(),
      guided = block();
    const guide = shiftingGuide(0);
    for (let m = 0; m < 6; m += 1) {
      plain.runMonth(m);
      guided.runMonth(m, guide);
      expect([...guide.logCorrection].every((c) => c === 0)).toBe(true);
      for (const name of SERIES) expect(guided.monthEnd(name), `${name}, month ${m}`).toEqual(plain.monthEnd(name));
    }
    // Every path fought (no ceasefire in 6 months at seed 3, or the engine skipped it) and was predicted.
    expect(guide.predictions.length).toBeGreaterThan(5 * N);
    for (const p of guide.predictions) {
      expect(p[MonthPrediction.Fighting]).toBe(1);
      expect(Number.isFinite(p[MonthPrediction.LogLossesAtZero])).toBe(true);
      expect(p[MonthPrediction.LossesSlope]).toBeGreaterThan(0);
    }
  });

  it("a shifted proposal moves the draws and writes the importance correction −u₁ − ½", () => {
    const plain = block(),
      guided = block();
    const guide = shiftingGuide(1);
    plain.runMonth(0);
    guided.runMonth(0, guide);
    const losses = guided.monthEnd("russiaLosses"),
      reference = plain.monthEnd("russiaLosses");
    // z₁ + 1 raises the month's intensity (e^(σ·1) in the first month), so every path still
    // fighting loses more (a path whose ceasefire began in the month loses nothing either way).
    const { ceased } = guided.pathStates();
    for (let i = 0; i < N; i += 1) if (!ceased[i]) expect(losses[i]).toBeGreaterThan(reference[i]!);
    expect(ceased.reduce((a, c) => a + c, 0)).toBeLessThan(N / 10);
    // The correction is −u₁ − ½ with u₁ ~ N(0, 1): mean −½ within 4 standard errors (1/√N).
    const mean = guide.logCorrection.reduce((a, b) => a + b, 0) / N;
    expect(Math.abs(mean + 0.5)).toBeLessThan(4 / Math.sqrt(N));
  });

  it("predicts a month's losses at z = 0 close to what the path then loses with z₁ = 0", () => {
    // A guide proposing z₁ = 0 exactly (scale → tiny): the path's month losses should be the
    // prediction but for the sub-steps' force changes (well under 2% in a month).
    const guided = block();
    const predicted = new Float64Array(N).fill(NaN);
    const guide: NoiseGuide = {
      logCorrection: new Float64Array(N),
      propose(path, prediction, out) {
        predicted[path] = Math.exp(prediction[MonthPrediction.LogLossesAtZero]!);
        out.set([0, 1e-9, 0, 0, 1]);
      },
    };
    guided.runMonth(0);
    const before = Float64Array.from(guided.monthEnd("russiaLosses"), (v, i) => v + guided.monthEnd("dprkLosses")[i]!);
    guided.runMonth(1, guide);
    let checked = 0;
    for (let i = 0; i < N; i += 1) {
      if (guided.pathStates().ceased[i]) continue; // no losses, no guide
      const lost = guided.monthEnd("russiaLosses")[i]! + guided.monthEnd("dprkLosses")[i]! - before[i]!;
      expect(Math.abs(lost / predicted[i]! - 1), `path ${i}`).toBeLessThan(0.02);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(N * 0.9);
  });
});
