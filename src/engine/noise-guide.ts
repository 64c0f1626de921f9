/**
 * A hook for a particle filter's guided proposal (analysis/guided-proposal.ts): for one month,
 * the engine tells the guide what each path would lose and gain with its noise draws at zero,
 * and how those move with the draws; the guide answers with a Gaussian proposal for the draws
 * (given that month's observations), and the engine draws from it on its own uniforms and adds
 * the importance-weight correction log p(z) − log q(z) per path. Without a guide the engine
 * draws from the model itself (the bootstrap filter) and nothing here is computed.
 *
 * The draws guided are two standard normals per path: z₁, the intensity noise's, and z₂, the
 * territory's — the territory noise's in an offensive month, the stalemate change's in a
 * stalemate month (the other one is then drawn from the model, unguided).
 */

/** Slots of one path's month, written by the engine before {@link NoiseGuide.propose}. */
export const enum MonthPrediction {
  /** 1 when the path fights this month (not in ceasefire), else 0: nothing moves, a guide proposes the model's own draws. */
  Fighting = 0,
  /** 1 when the month's territory follows the offensive law (offensive regime or a collapse), 0 in stalemate. */
  Offensive = 1,
  /** ln of the month's Russian-side losses (people) at z₁ = 0, from the month-start rates. */
  LogLossesAtZero = 2,
  /** d ln(losses) / dz₁: the intensity noise's step on the log scale. */
  LossesSlope = 3,
  /**
   * Offensive: ln of the month's area gain (km²) at z₁ = z₂ = 0, NaN when that gain is not
   * positive. Stalemate: the month's change at z₂ = 0 (km², μS).
   */
  GainAtZero = 4,
  /** Offensive: d ln(gain) / dz₁ (the same intensity noise drives the offensive). Stalemate: 0. */
  GainSlopeIntensity = 5,
  /** Offensive: d ln(gain) / dz₂ (the territory noise's step). Stalemate: d change / dz₂ (σS, km²). */
  GainSlopeArea = 6,
}
export const MONTH_PREDICTION_SLOTS = 7;

/**
 * Slots of a proposal, written by the guide: z₁ = m₁ + c₁₁·u₁, z₂ = m₂ + c₂₁·u₁ + c₂₂·u₂ with
 * u₁, u₂ the engine's standard normal draws (a lower-triangular factor of the proposal's
 * covariance). The model's own draw is (0, 1, 0, 0, 1).
 */
export const enum Proposal {
  Mean1 = 0,
  Scale11 = 1,
  Mean2 = 2,
  Scale21 = 3,
  Scale22 = 4,
}
export const PROPOSAL_SLOTS = 5;

/** What a block's month asks of a guide; implemented by the filter's model (analysis/). */
export interface NoiseGuide {
  /**
   * Write path `path`'s proposal into `out` (PROPOSAL_SLOTS numbers; c₁₁, c₂₂ > 0) from its
   * month `prediction` (MONTH_PREDICTION_SLOTS numbers). Both are the engine's buffers.
   */
  propose(path: number, prediction: Float64Array, out: Float64Array): void;
  /** Per path: log p(z) − log q(z) of the month's guided draws, written by the engine (0 for the model's own draws). */
  readonly logCorrection: Float64Array;
}

/**
 * The importance-weight correction of a proposal applied to standard normal draws u₁, u₂, and
 * the proposed z: log N(z; 0, I) − log N(z; m, LLᵀ) = (u₁² + u₂²)/2 − (z₁² + z₂²)/2 + ln(c₁₁·c₂₂).
 * @example
 * proposalLogCorrection(0.3, -1, 0.3, -1, 1, 1); // 0: the model's own draws
 * proposalLogCorrection(0, 0, 1, 0, 0.5, 1); // ≈ -1.1931 (−½ + ln ½)
 */
export function proposalLogCorrection(u1: number, u2: number, z1: number, z2: number, scale11: number, scale22: number): number {
  // (u − z)(u + z) rather than u² − z²: exactly 0 for the model's own draws, and no cancellation.
  return 0.5 * ((u1 - z1) * (u1 + z1) + (u2 - z2) * (u2 + z2)) + Math.log(scale11 * scale22);
}
