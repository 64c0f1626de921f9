import type { ParticleModel } from "../../src/analysis/filter.js";
import { createStream, fillStandardNormal } from "../../src/engine/rng.js";

/**
 * The 1-D linear-Gaussian state-space model, the particle filter's reference (its likelihood and
 * filtering distribution are exact by the Kalman filter):
 *   x_{−1} ~ N(0, σ²/(1 − φ²)) (stationary),  x_t = φ·x_{t−1} + σ·ε_t,  y_t = x_t + τ·η_t.
 */
export interface LinearGaussian {
  phi: number;
  sigma: number;
  tau: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** The stationary variance σ²/(1 − φ²) of x. */
export function stationaryVariance(p: LinearGaussian): number {
  return p.sigma ** 2 / (1 - p.phi ** 2);
}

/** y_0 … y_{steps−1} simulated from the model with its own streams. */
export function simulateData(p: LinearGaussian, steps: number, seed: number): Float64Array {
  const z = fillStandardNormal(createStream(seed, "lg-data", "state"), new Float64Array(steps + 1));
  const e = fillStandardNormal(createStream(seed, "lg-data", "observation"), new Float64Array(steps));
  let x = Math.sqrt(stationaryVariance(p)) * z[0]!;
  const y = new Float64Array(steps);
  for (let t = 0; t < steps; t += 1) {
    x = p.phi * x + p.sigma * z[t + 1]!;
    y[t] = x + p.tau * e[t]!;
  }
  return y;
}

/** The Kalman filter's exact log-likelihood and filtering mean and variance after the last step; unobserved steps only predict. */
export function kalman(p: LinearGaussian, y: Float64Array, observed: (t: number) => boolean = () => true) {
  let mean = 0,
    variance = stationaryVariance(p),
    logLikelihood = 0;
  for (let t = 0; t < y.length; t += 1) {
    mean = p.phi * mean;
    variance = p.phi ** 2 * variance + p.sigma ** 2;
    if (!observed(t)) continue;
    const s = variance + p.tau ** 2;
    logLikelihood += -0.5 * (LOG_2PI + Math.log(s) + (y[t]! - mean) ** 2 / s);
    const gain = variance / s;
    mean += gain * (y[t]! - mean);
    variance *= 1 - gain;
  }
  return { logLikelihood, mean, variance };
}

/** The model as a ParticleModel over one Float64Array, drawing from streams keyed by `seed`; it counts its calls. */
export class LinearGaussianParticles implements ParticleModel {
  readonly x: Float64Array;
  private readonly scratch: Float64Array;
  private readonly noise;
  readonly calls = { step: 0, logLikelihood: 0, resample: 0 };

  constructor(
    readonly size: number,
    private readonly p: LinearGaussian,
    private readonly y: Float64Array,
    seed: number,
  ) {
    this.x = fillStandardNormal(createStream(seed, "lg-filter", "initial"), new Float64Array(size));
    const sd = Math.sqrt(stationaryVariance(p));
    for (let i = 0; i < size; i += 1) this.x[i]! *= sd;
    this.scratch = new Float64Array(size);
    this.noise = createStream(seed, "lg-filter", "noise");
  }

  step(): void {
    this.calls.step += 1;
    const z = fillStandardNormal(this.noise, this.scratch);
    for (let i = 0; i < this.size; i += 1) this.x[i] = this.p.phi * this.x[i]! + this.p.sigma * z[i]!;
  }

  logLikelihood(t: number, out: Float64Array): void {
    this.calls.logLikelihood += 1;
    const tau = this.p.tau,
      yt = this.y[t]!;
    const constant = -0.5 * LOG_2PI - Math.log(tau);
    for (let i = 0; i < this.size; i += 1) out[i] = constant - (0.5 * (yt - this.x[i]!) ** 2) / tau ** 2;
  }

  resample(ancestors: Int32Array): void {
    this.calls.resample += 1;
    for (let i = 0; i < this.size; i += 1) this.scratch[i] = this.x[ancestors[i]!]!;
    this.x.set(this.scratch);
  }
}

/** Weighted mean and variance of `x` under normalised log-weights. */
export function weightedMoments(x: Float64Array, logWeights: Float64Array): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < x.length; i += 1) mean += Math.exp(logWeights[i]!) * x[i]!;
  let variance = 0;
  for (let i = 0; i < x.length; i += 1) variance += Math.exp(logWeights[i]!) * (x[i]! - mean) ** 2;
  return { mean, variance };
}
