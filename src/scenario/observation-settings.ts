import type { Provenance } from "./provenance.js";

/**
 * The observation models' parameters (model/observation.ts), each with its provenance. All are
 * assumptions for now — no source states its own measurement error — with wide ranges; the
 * inference of issue 14 is to fit the ones the data can inform.
 */
export interface ObservationSettings {
  /** sd of ISW's monthly change about the true change, km². */
  iswSdKm2: number;
  /** sd of DeepState's monthly change about the true change, km². */
  deepStateSdKm2: number;
  /** sd of log monthly claims about ln(true losses × bias). */
  claimsLogSd: number;
  /** sd of the monthly step of the log claims bias (its random walk). */
  claimsBiasDriftSd: number;
  /** ρ_E, the Economist's casualties per modelled loss: uniform on [min, max]. */
  economistRatio: { min: number; max: number };
  /** s_P, sd of log point estimates (UK MoD, US officials, …) about ln(true cumulative losses). */
  pointEstimateLogSd: number;
}

/** Where each default of {@link OBSERVATION_SETTINGS} comes from, with the range a fit should search. */
export const OBSERVATION_PROVENANCE: Record<keyof ObservationSettings, Provenance & { range: readonly [number, number] }> = {
  iswSdKm2: {
    source: "assumption",
    note: "ISW's map polygons are drawn daily, so a monthly change should be good to a few tens of km²; 30 km² (range 10–150)",
    range: [10, 150],
  },
  deepStateSdKm2: {
    source: "assumption",
    note: "DeepState's polygons measured from archived snapshots (≈ 80 days missing): a little noisier than ISW's; 40 km² (range 10–200)",
    range: [10, 200],
  },
  claimsLogSd: {
    source: "assumption",
    note: "the month-to-month scatter of the claims is mostly the model's own intensity noise (σ ≈ 0.17, docs/calibration.md); what is left to the claims' reporting, 5% (range 1–20%)",
    range: [0.01, 0.2],
  },
  claimsBiasDriftSd: {
    source: "assumption",
    note: "the bias is slow: 2% a month is ±11% over 30 months (range 0–8% a month)",
    range: [0, 0.08],
  },
  economistRatio: {
    source: "assumption",
    note: "the Economist counts killed and wounded, the model also the captured and missing (a few per cent): 0.85–1.0 (issue 14)",
    range: [0.85, 1],
  },
  pointEstimateLogSd: {
    source: "assumption",
    note: "estimates of the same months by different governments differ by a factor up to ≈ 1.8 (2023-02: UK MoD 121k, the Pentagon leak 190–223k, CSIS 200–250k Russian casualties; data/loss_estimates_point_claims.csv), and they count casualties, not always captured and missing: 30% (range 15–60%)",
    range: [0.15, 0.6],
  },
};

/** The observation parameters' defaults (see {@link OBSERVATION_PROVENANCE}). */
export const OBSERVATION_SETTINGS: ObservationSettings = {
  iswSdKm2: 30,
  deepStateSdKm2: 40,
  claimsLogSd: 0.05,
  claimsBiasDriftSd: 0.02,
  economistRatio: { min: 0.85, max: 1 },
  pointEstimateLogSd: 0.3,
};
