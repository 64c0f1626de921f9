/**
 * Moves of a filter's static parameters (war-particles.ts): each parameter is moved on an
 * unbounded scale u (the logit of its place in the prior's support, or its log above a lower
 * bound), one parameter at a time, so that the particles do not collapse onto a few initial draws.
 */

/**
 * Moves of the static parameters at each resampling, so that the filter does not collapse onto
 * a few of its initial draws. Both work on each parameter's unbounded scale u (the logit of its
 * place in the prior's support, or its log above a lower bound), one parameter at a time:
 *
 * - `"liu-west"` (Liu & West 2001, "Combined parameter and state estimation in simulation-based
 *   filtering", in Doucet, de Freitas & Gordon (eds.), Sequential Monte Carlo Methods in
 *   Practice): u ← a·u + (1 − a)·ū + √(1 − a²)·s·z with ū, s² the particles' mean and
 *   variance and a = (3δ − 1)/(2δ), which keeps the swarm's mean and variance; a diagonal
 *   kernel (correlations are not kept), an approximation to the posterior.
 * - `"random-walk"`: u ← u + σ·z, σ per parameter — the perturbations of iterated filtering
 *   (IF2: Ionides, Nguyen, Atchadé, Stoev & King 2015, PNAS 112:719; pomp's `mif2` `rw.sd`),
 *   whose driver (inference-if2.ts) cools σ from pass to pass.
 */
export type ParameterJitter =
  | {
      kind?: "liu-west";
      /** Dotted paths of parameters drawn per path (e.g. DEFAULT_CALIBRATED_PARAMETERS). */
      parameters: readonly string[];
      /** δ in (0, 1]: 1 = no move; Liu & West suggest 0.95–0.99 (default 0.98). */
      discount?: number;
    }
  | {
      kind: "random-walk";
      parameters: readonly string[];
      /** σ of each parameter's step on its unbounded scale, in the order of `parameters` (≥ 0). */
      sd: readonly number[];
    };

/** A parameter's map to an unbounded scale and back, from its prior's support. */
export interface Scale {
  path: string;
  forward: (x: number) => number;
  back: (u: number) => number;
}

/** Keeps a share off 0 and 1 so that its logit is finite (draws at a bound's exact value are rare, not impossible). */
const EDGE = 1e-12;

/**
 * The unbounded scale of a parameter with support [lo, hi]: the logit of its share of the range
 * if both ends are finite, the log above lo if only lo is, else the value itself.
 * @example
 * scaleOf("p", 0, 1).forward(0.5); // 0
 */
export function scaleOf(path: string, lo: number, hi: number): Scale {
  if (Number.isFinite(lo) && Number.isFinite(hi) && hi > lo) {
    const width = hi - lo;
    return {
      path,
      forward: (x) => {
        const share = Math.min(1 - EDGE, Math.max(EDGE, (x - lo) / width));
        return Math.log(share / (1 - share));
      },
      back: (u) => lo + width / (1 + Math.exp(-u)),
    };
  }
  if (Number.isFinite(lo)) return { path, forward: (x) => Math.log(Math.max(EDGE, x - lo)), back: (u) => lo + Math.exp(u) };
  return { path, forward: (x) => x, back: (u) => u };
}

/**
 * IF2's move: u ← u + σ·z for each particle, into `out`.
 * @example
 * const out = new Float64Array(1); randomWalkMove(Float64Array.of(0.5), scaleOf("p", 0, 1), 0, Float64Array.of(1), out); // out[0] ≈ 0.5
 */
export function randomWalkMove(values: ArrayLike<number>, scale: Scale, sd: number, z: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < values.length; i += 1) out[i] = scale.back(scale.forward(values[i]!) + sd * z[i]!);
}

/**
 * Liu–West's move with shrink a: u ← a·u + (1 − a)·ū + √(1 − a²)·s·z (ū, s² the particles' mean and variance on u), into `out`.
 * @example
 * const out = new Float64Array(2); liuWestMove(Float64Array.of(0.4, 0.6), scaleOf("p", 0, 1), 1, Float64Array.of(0, 0), out); // out ≈ [0.4, 0.6]
 */
export function liuWestMove(values: ArrayLike<number>, scale: Scale, shrink: number, z: ArrayLike<number>, out: Float64Array): void {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i += 1) mean += out[i] = scale.forward(values[i]!);
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i += 1) variance += (out[i]! - mean) ** 2;
  variance = n > 1 ? variance / (n - 1) : 0;
  const spread = Math.sqrt((1 - shrink * shrink) * variance);
  for (let i = 0; i < n; i += 1) out[i] = scale.back(shrink * out[i]! + (1 - shrink) * mean + spread * z[i]!);
}
