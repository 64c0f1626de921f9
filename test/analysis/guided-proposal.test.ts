import { describe, expect, it } from "vitest";
import { guideProposal, type GuideObservation } from "../../src/analysis/guided-proposal.js";
import { MONTH_PREDICTION_SLOTS, MonthPrediction, Proposal, PROPOSAL_SLOTS, proposalLogCorrection } from "../../src/engine/noise-guide.js";
import { normalLogDensity } from "../../src/model/observation.js";

/** A month's prediction (slots in MonthPrediction's order), fighting unless told. */
function prediction(values: {
  Offensive?: number;
  LogLossesAtZero?: number;
  LossesSlope?: number;
  GainAtZero?: number;
  GainSlopeIntensity?: number;
  GainSlopeArea?: number;
}): Float64Array {
  const p = new Float64Array(MONTH_PREDICTION_SLOTS);
  p[MonthPrediction.Fighting] = 1;
  p[MonthPrediction.Offensive] = values.Offensive ?? 0;
  p[MonthPrediction.LogLossesAtZero] = values.LogLossesAtZero ?? 0;
  p[MonthPrediction.LossesSlope] = values.LossesSlope ?? 0;
  p[MonthPrediction.GainAtZero] = values.GainAtZero ?? 0;
  p[MonthPrediction.GainSlopeIntensity] = values.GainSlopeIntensity ?? 0;
  p[MonthPrediction.GainSlopeArea] = values.GainSlopeArea ?? 0;
  return p;
}

const propose = (p: Float64Array, o: GuideObservation, widening = 1) => {
  const out = new Float64Array(PROPOSAL_SLOTS);
  guideProposal(p, o, widening, out);
  return out;
};

/** z from the proposal on standard normals u, and the weight correction the engine adds. */
function draw(q: Float64Array, u1: number, u2: number) {
  const z1 = q[Proposal.Mean1]! + q[Proposal.Scale11]! * u1,
    z2 = q[Proposal.Mean2]! + q[Proposal.Scale21]! * u1 + q[Proposal.Scale22]! * u2;
  return { z1, z2, correction: proposalLogCorrection(u1, u2, z1, z2, q[Proposal.Scale11]!, q[Proposal.Scale22]!) };
}

const U = [
  [0, 0],
  [1.3, -0.4],
  [-2.1, 0.7],
  [0.2, 2.5],
  [-0.9, -1.8],
];

describe("guideProposal: the month's conditional of the noise normals under the linearisation", () => {
  it("is the model's own draw, N(0, I), when nothing observed informs it, or the path is in ceasefire", () => {
    const own = [0, 1, 0, 0, 1];
    expect([...propose(prediction({ LogLossesAtZero: 10, LossesSlope: 0.2 }), { logBias: 0, claimsLogSd: 0.05 })]).toEqual(own);
    const ceased = prediction({ LogLossesAtZero: 10, LossesSlope: 0.2 });
    ceased[MonthPrediction.Fighting] = 0;
    expect([...propose(ceased, { claims: 30_000, logBias: 0, claimsLogSd: 0.05, areaChange: 300, areaSd: 30 })]).toEqual(own);
  });

  it("matches its documented example (claims only)", () => {
    const q = propose(Float64Array.of(1, 0, Math.log(25_000), 0.2, 40, 0, 200), { claims: 30_000, logBias: 0, claimsLogSd: 0.05 });
    expect(q[Proposal.Mean1]).toBeCloseTo((Math.log(1.2) * 0.2) / (0.05 ** 2 + 0.2 ** 2), 12);
    expect(q[Proposal.Scale11]).toBeCloseTo(Math.sqrt(0.05 ** 2 / (0.05 ** 2 + 0.2 ** 2)), 12);
  });

  // For a model that is exactly the linearisation, the proposal (κ = 1) is the exact conditional:
  // then log g(y | z) + log p(z) − log q(z) is the same for every z — the weights are even.
  it("is the exact conditional of a linear-Gaussian month: even weights for every draw (stalemate: area only)", () => {
    const p = prediction({ Offensive: 0, LogLossesAtZero: Math.log(20_000), LossesSlope: 0.15, GainAtZero: 40, GainSlopeArea: 200 });
    const o = { claims: 23_000, logBias: 0.05, claimsLogSd: 0.05, areaChange: 130, areaSd: 30 };
    const q = propose(p, o);
    expect(q[Proposal.Scale21]).toBe(0); // stalemate: the claims see z₁, the area z₂ only
    const logWeight = (u1: number, u2: number) => {
      const { z1, z2, correction } = draw(q, u1, u2);
      const claims = normalLogDensity(Math.log(o.claims), o.logBias + Math.log(20_000) + 0.15 * z1, o.claimsLogSd);
      const area = normalLogDensity(o.areaChange, 40 + 200 * z2, o.areaSd);
      return claims + area + correction;
    };
    for (const [u1, u2] of U) expect(logWeight(u1!, u2!)).toBeCloseTo(logWeight(0, 0), 9);
  });

  it("is the exact conditional of a log-linear offensive month, both sources seeing z₁", () => {
    const p = prediction({
      Offensive: 1,
      LogLossesAtZero: Math.log(30_000),
      LossesSlope: 0.2,
      GainAtZero: Math.log(400),
      GainSlopeIntensity: 0.2,
      GainSlopeArea: 0.5,
    });
    const o = { claims: 36_000, logBias: 0, claimsLogSd: 0.05, areaChange: 520, areaSd: 30 };
    const q = propose(p, o);
    expect(q[Proposal.Scale21]).not.toBe(0); // the area sees both normals, so they are correlated given it
    // The area's noise in log form, as the proposal linearises it: sd σ_obs / ΔA_obs.
    const logWeight = (u1: number, u2: number) => {
      const { z1, z2, correction } = draw(q, u1, u2);
      const claims = normalLogDensity(Math.log(o.claims), Math.log(30_000) + 0.2 * z1, o.claimsLogSd);
      const area = normalLogDensity(Math.log(o.areaChange), Math.log(400) + 0.2 * z1 + 0.5 * z2, o.areaSd / o.areaChange);
      return claims + area + correction;
    };
    for (const [u1, u2] of U) expect(logWeight(u1!, u2!)).toBeCloseTo(logWeight(0, 0), 9);
    // Widened (κ = 1.5): the same mean, a wider spread, so the weights are no longer even.
    const wide = propose(p, o, 1.5);
    expect(wide[Proposal.Mean1]).toBe(q[Proposal.Mean1]);
    expect(wide[Proposal.Scale11]).toBeCloseTo(1.5 * q[Proposal.Scale11]!, 12);
    expect(wide[Proposal.Scale22]).toBeCloseTo(1.5 * q[Proposal.Scale22]!, 12);
  });

  it("leaves out an offensive area change it cannot take the log of (too small, or no gain predicted)", () => {
    const base = { Offensive: 1, LogLossesAtZero: Math.log(30_000), LossesSlope: 0.2, GainSlopeIntensity: 0.2, GainSlopeArea: 0.5 };
    const claimsOnly = propose(prediction({ ...base, GainAtZero: Math.log(400) }), { claims: 36_000, logBias: 0, claimsLogSd: 0.05 });
    for (const [gain, change] of [
      [Math.log(400), 50], // under 2 sd of the measurement
      [Math.log(400), -200], // a loss of ground
      [NaN, 500], // the path predicts no gain
    ])
      expect([
        ...propose(prediction({ ...base, GainAtZero: gain }), {
          claims: 36_000,
          logBias: 0,
          claimsLogSd: 0.05,
          areaChange: change,
          areaSd: 30,
        }),
      ]).toEqual([...claimsOnly]);
  });

  it("keeps a far-off prediction's proposal within 6 prior sd", () => {
    const q = propose(prediction({ LogLossesAtZero: Math.log(1_000), LossesSlope: 0.01 }), {
      claims: 40_000,
      logBias: 0,
      claimsLogSd: 0.05,
    });
    expect(q[Proposal.Mean1]).toBe(6);
  });

  it("proposalLogCorrection: log N(z; 0, I) − log N(z; m, LLᵀ)", () => {
    expect(proposalLogCorrection(0.3, -1, 0.3, -1, 1, 1)).toBe(0);
    expect(proposalLogCorrection(0, 0, 1, 0, 0.5, 1)).toBeCloseTo(-0.5 + Math.log(0.5), 14);
  });
});
