import { MonthPrediction, Proposal } from "../engine/noise-guide.js";

/**
 * The guided proposal of the war model's particle filter (war-particles.ts, `proposal:
 * "guided"`): instead of drawing a month's two noise normals z = (z₁, z₂) from the model, N(0, I),
 * and weighing the paths afterwards (the bootstrap filter), draw them from an approximation of
 * their distribution given the month's observations, and multiply each path's weight by
 * p(z)/q(z) (engine/noise-guide.ts). Any proposal with that correction leaves the likelihood
 * estimate unbiased and the filtered distribution exact (Doucet & Johansen 2009, §4; Pitt &
 * Shephard 1999, JASA 94:590, for the idea of adapting to the next observation); a proposal close
 * to the true conditional keeps the weights even, so fewer particles give the same precision.
 *
 * The approximation linearises what each source sees in z around z = 0, from the engine's
 * month-start prediction (MonthPrediction), and is then exact Gaussian conditioning:
 *
 *   claims       ln C − ln b − ln ΔL₀ ≈ a·z₁ + e,            e ~ N(0, s_C²)
 *   area, offensive   ln ΔA_obs − ln ΔA₀ ≈ a·z₁ + a_A·z₂ + e,  e ~ N(0, (σ_obs/ΔA_obs)²)   (when ΔA_obs > 2σ_obs and ΔA₀ > 0)
 *   area, stalemate   ΔA_obs − μS ≈ σS·z₂ + e,                 e ~ N(0, σ_obs²)              (exact but for the bounds)
 *
 * With H the rows (a, 0), (a, a_A) or (0, σS) of the sources observed and R their variances, the
 * proposal is N(m, κ²·P⁻¹), P = I + HᵀR⁻¹H, m = P⁻¹HᵀR⁻¹r: the conditional of z under the
 * linearisation, its covariance optionally widened by κ (a defence where the linearisation is off:
 * sub-steps, forces reacting within the month; measured not to be needed here, κ = 1).
 */

/** What one path's month proposal conditions on (a source left undefined is not used). */
export interface GuideObservation {
  /** The month's General Staff claims (people), with the path's ln b(t) and the claims' log-sd s_C. */
  claims?: number;
  logBias: number;
  claimsLogSd: number;
  /** The month's observed change of the occupied area (km²) and its measurement sd (km²). */
  areaChange?: number;
  areaSd?: number;
}

/**
 * κ, the widening of the proposal's covariance (≥ 1). Measured on the shipped 2023-01 … 2025-06
 * area and claims at the shipped estimate, 8 seeds each (the commit that added this file gives the
 * runs): sd(log L̂) at 500 particles 0.62, 0.70, 1.45, 1.69 for κ = 1,
 * 1.25, 1.5, 2 (the bootstrap filter: 3.76), at 200 particles 0.84 (κ = 1) and 1.55 (κ = 1.25). The
 * linearisation is close enough that widening only loses precision, so κ = 1.
 */
export const PROPOSAL_WIDENING = 1;

/**
 * An offensive month's area change is taken in log only when it exceeds this many measurement
 * sds: below that its log is dominated by the measurement noise (or undefined), so the proposal
 * conditions on the claims alone.
 */
const LOG_AREA_MIN_SDS = 2;

/** The largest |mean| of a proposed normal: a path whose prediction is far off gets at most 6 sd of its prior (its weight then is tiny). */
const MAX_MEAN = 6;

/**
 * Write the proposal for one path's month into `out` (engine/noise-guide.ts Proposal slots) from
 * the engine's `prediction` and the month's observations; the model's own draw (0, 1, 0, 0, 1)
 * when nothing observed informs it.
 * @example
 * // claims of 30,000 against 25,000 predicted at z₁ = 0 (bias 1), an intensity step of 0.2, s_C = 0.05:
 * const prediction = Float64Array.of(1, 0, Math.log(25_000), 0.2, 40, 0, 200);
 * const out = new Float64Array(5);
 * guideProposal(prediction, { claims: 30_000, logBias: 0, claimsLogSd: 0.05 }, 1, out);
 * out[0]; // ≈ 0.858: z₁'s conditional mean, ln(1.2)·0.2 / (0.05² + 0.2²)
 * out[1]; // ≈ 0.243: its sd, √(0.05² / (0.05² + 0.2²))
 */
export function guideProposal(prediction: Float64Array, observation: GuideObservation, widening: number, out: Float64Array): void {
  // P = I + Σ h hᵀ / v and b = Σ h r / v, accumulated over the sources observed.
  let p11 = 1,
    p12 = 0,
    p22 = 1,
    b1 = 0,
    b2 = 0;
  const add = (h1: number, h2: number, r: number, v: number) => {
    if (!(v > 0) || !Number.isFinite(r)) return;
    p11 += (h1 * h1) / v;
    p12 += (h1 * h2) / v;
    p22 += (h2 * h2) / v;
    b1 += (h1 * r) / v;
    b2 += (h2 * r) / v;
  };
  if (prediction[MonthPrediction.Fighting] === 1) {
    const { claims, areaChange, areaSd } = observation;
    if (claims !== undefined && claims > 0)
      add(
        prediction[MonthPrediction.LossesSlope]!,
        0,
        Math.log(claims) - observation.logBias - prediction[MonthPrediction.LogLossesAtZero]!,
        observation.claimsLogSd * observation.claimsLogSd,
      );
    if (areaChange !== undefined && areaSd !== undefined && areaSd > 0) {
      const gainAtZero = prediction[MonthPrediction.GainAtZero]!;
      if (prediction[MonthPrediction.Offensive] === 1) {
        if (areaChange > LOG_AREA_MIN_SDS * areaSd && Number.isFinite(gainAtZero))
          add(
            prediction[MonthPrediction.GainSlopeIntensity]!,
            prediction[MonthPrediction.GainSlopeArea]!,
            Math.log(areaChange) - gainAtZero,
            (areaSd / areaChange) ** 2,
          );
      } else add(0, prediction[MonthPrediction.GainSlopeArea]!, areaChange - gainAtZero, areaSd * areaSd);
    }
  }
  const det = p11 * p22 - p12 * p12;
  const s11 = p22 / det,
    s12 = (0 - p12) / det, // 0 − p₁₂ rather than −p₁₂: +0, not −0, when the normals are independent
    s22 = p11 / det;
  const clampMean = (x: number) => (x > MAX_MEAN ? MAX_MEAN : x < -MAX_MEAN ? -MAX_MEAN : x);
  out[Proposal.Mean1] = clampMean(s11 * b1 + s12 * b2);
  out[Proposal.Mean2] = clampMean(s12 * b1 + s22 * b2);
  // The lower-triangular factor of κ²·P⁻¹.
  const c11 = widening * Math.sqrt(s11);
  const c21 = (widening * widening * s12) / c11;
  out[Proposal.Scale11] = c11;
  out[Proposal.Scale21] = c21;
  // c₂₂² = κ²·(s₂₂ − s₁₂²/s₁₁) = κ²/p₂₂ (the Schur complement of P⁻¹), > 0 since p₂₂ ≥ 1.
  out[Proposal.Scale22] = widening / Math.sqrt(p22);
}
