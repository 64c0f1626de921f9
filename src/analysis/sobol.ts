/**
 * Variance-based (Sobol) sensitivity indices, model-agnostic: Saltelli sampling, Jansen's
 * total-order estimator, Saltelli's (or Jansen's) first-order estimator, percentile-bootstrap intervals.
 *
 * For k factors with independent uniform inputs, two N × k matrices A and B; for each factor i
 * the matrix AB_i is A with column i taken from B. With f evaluated row by row on each, and
 * V = Var(f) over the 2N rows of A and B:
 *
 *   first order  S_i  = (1/N) Σ_j (f(B)_j − f̄)(f(AB_i)_j − f(A)_j) / V   (Saltelli 2010; B and AB_i share only x_i)
 *            or  S_i  = [V − (1/2N) Σ_j (f(B)_j − f(AB_i)_j)²] / V        (Jansen 1999)
 *   total order  ST_i = (1/2N) Σ_j (f(A)_j − f(AB_i)_j)² / V              (Jansen 1999; A and AB_i differ only in x_i)
 *
 * References: Jansen (1999), Comput. Phys. Commun. 117:35–43; Saltelli et al. (2010),
 * Comput. Phys. Commun. 181:259–270, Table 2 (estimators (b) and (f)). Cost: N·(k + 2) evaluations.
 * The random source is injected; nothing here knows about the simulator.
 */
import { quantileSorted } from "./quantiles.js";
import type { Uniform } from "../engine/rng.js";

/** Which of A and B each column of a design matrix comes from. */
export type MatrixSource = "A" | "B";

/** One matrix of a Saltelli design: A, B, or AB_i. */
export interface DesignMatrix {
  /** "A", "B", or the index i of AB_i. */
  label: "A" | "B" | number;
  /** Per factor, the matrix its column comes from. */
  source: readonly MatrixSource[];
  /** Per factor, N uniforms in (0, 1) (shared with A or B, never copied). */
  columns: readonly Float64Array[];
}

/**
 * The k + 2 matrices of a Saltelli design: A, B, then AB_0 … AB_{k−1}. Column j of A is filled
 * from `uniform("A", j)` and of B from `uniform("B", j)`, so each column is its own stream.
 * @example
 * const design = saltelliDesign(3, 1000, (m, j) => createStream(1, "sobol", m, j));
 * design.length; // 5
 */
export function saltelliDesign(factors: number, n: number, uniform: (matrix: MatrixSource, factor: number) => Uniform): DesignMatrix[] {
  const fill = (matrix: MatrixSource) =>
    Array.from({ length: factors }, (_, j) => {
      const next = uniform(matrix, j);
      const column = new Float64Array(n);
      for (let r = 0; r < n; r += 1) column[r] = next();
      return column;
    });
  const A = fill("A"),
    B = fill("B");
  const out: DesignMatrix[] = [
    { label: "A", source: A.map(() => "A"), columns: A },
    { label: "B", source: B.map(() => "B"), columns: B },
  ];
  for (let i = 0; i < factors; i += 1) {
    out.push({
      label: i,
      source: A.map((_, j) => (j === i ? "B" : "A")),
      columns: A.map((column, j) => (j === i ? B[i]! : column)),
    });
  }
  return out;
}

/** Sobol indices of every factor (null where the output does not vary). */
export interface SobolIndices {
  /** Variance of the output over the rows of A and B. */
  variance: number;
  first: (number | null)[];
  total: (number | null)[];
}

/**
 * The first-order estimator: "saltelli" (default) is Saltelli et al. (2010) Table 2 (b) on
 * centred outputs, V_i = (1/N) Σ (f(B)_j − f̄)(f(AB_i)_j − f(A)_j), whose error shrinks with the
 * factor's total effect; "jansen" is Jansen (1999), V_i = V − (1/2N) Σ (f(B)_j − f(AB_i)_j)²,
 * whose error is ≈ √(2/N) for every factor and shares the error of V̂ across factors (its
 * first-order indices of unimportant factors scatter around 0 and their sum drifts).
 */
export type FirstOrderEstimator = "saltelli" | "jansen";

/**
 * Sobol indices from the outputs on A, B and each AB_i: total order by Jansen's estimator,
 * first order by `firstOrder` (see {@link FirstOrderEstimator}); `rows` picks (with repetition)
 * the rows used — all of them by default; the bootstrap passes resamples.
 * @example
 * sobolEstimates(fA, fB, [fAB0, fAB1]).total[0];
 */
export function sobolEstimates(
  fA: ArrayLike<number>,
  fB: ArrayLike<number>,
  fAB: readonly ArrayLike<number>[],
  rows?: ArrayLike<number>,
  firstOrder: FirstOrderEstimator = "saltelli",
): SobolIndices {
  const n = rows ? rows.length : fA.length;
  const row = (r: number) => (rows ? rows[r]! : r);
  let sum = 0;
  for (let r = 0; r < n; r += 1) sum += fA[row(r)]! + fB[row(r)]!;
  const mean = sum / (2 * n);
  let ss = 0;
  for (let r = 0; r < n; r += 1) ss += (fA[row(r)]! - mean) ** 2 + (fB[row(r)]! - mean) ** 2;
  const variance = ss / (2 * n - 1);
  const first: (number | null)[] = [];
  const total: (number | null)[] = [];
  for (const fi of fAB) {
    let dB = 0,
      dA = 0,
      cross = 0;
    for (let r = 0; r < n; r += 1) {
      const j = row(r);
      dB += (fB[j]! - fi[j]!) ** 2;
      dA += (fA[j]! - fi[j]!) ** 2;
      cross += (fB[j]! - mean) * (fi[j]! - fA[j]!);
    }
    const ok = variance > 0 && Number.isFinite(variance);
    if (firstOrder === "jansen") first.push(ok ? 1 - dB / (2 * n) / variance : null);
    else first.push(ok ? cross / n / variance : null);
    total.push(ok ? dA / (2 * n) / variance : null);
  }
  return { variance, first, total };
}

/** An interval [low, high], or null where the index is undefined. */
export type Interval = [number, number] | null;

/** Indices with percentile-bootstrap intervals. */
export interface SobolEstimate extends SobolIndices {
  firstInterval: Interval[];
  totalInterval: Interval[];
}

/**
 * Sobol indices with percentile-bootstrap intervals at `level` (e.g. 0.95): `resamples` times,
 * N rows drawn with replacement (the same rows for A, B and every AB_i), estimators recomputed.
 * @example
 * sobolBootstrap(fA, fB, fAB, { resamples: 200, level: 0.95, uniform: createStream(1, "bootstrap") }).totalInterval[0];
 */
export function sobolBootstrap(
  fA: ArrayLike<number>,
  fB: ArrayLike<number>,
  fAB: readonly ArrayLike<number>[],
  options: { resamples: number; level: number; uniform: Uniform; firstOrder?: FirstOrderEstimator },
): SobolEstimate {
  const point = sobolEstimates(fA, fB, fAB, undefined, options.firstOrder);
  const n = fA.length,
    k = fAB.length;
  const firsts = Array.from({ length: k }, () => new Float64Array(options.resamples));
  const totals = Array.from({ length: k }, () => new Float64Array(options.resamples));
  const rows = new Int32Array(n);
  let valid = 0;
  for (let b = 0; b < options.resamples; b += 1) {
    for (let r = 0; r < n; r += 1) rows[r] = Math.min(n - 1, Math.floor(options.uniform() * n));
    const est = sobolEstimates(fA, fB, fAB, rows, options.firstOrder);
    if (est.first.some((v) => v === null)) continue; // a constant resample: no information
    for (let i = 0; i < k; i += 1) {
      firsts[i]![valid] = est.first[i]!;
      totals[i]![valid] = est.total[i]!;
    }
    valid += 1;
  }
  const interval = (draws: Float64Array, estimate: number | null): Interval => {
    if (estimate === null || valid < 2) return null;
    const sorted = draws.slice(0, valid).sort();
    const tail = (1 - options.level) / 2;
    return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
  };
  return {
    ...point,
    firstInterval: firsts.map((d, i) => interval(d, point.first[i]!)),
    totalInterval: totals.map((d, i) => interval(d, point.total[i]!)),
  };
}

/**
 * Sobol indices of a vectorised function of k independent uniforms on (0, 1): `model` receives
 * the columns of one design matrix and returns one output per row. Map the uniforms to your
 * inputs' distributions inside `model` (e.g. x = −π + 2π·u for the Ishigami function).
 * @example
 * const est = sobolIndices((u) => u[0]!.map((v, r) => v + 2 * u[1]![r]!), 2, { n: 4096, uniform: (m, j) => createStream(1, m, j), bootstrap: createStream(1, "boot") });
 * est.total[1]; // ≈ 0.8
 */
export function sobolIndices(
  model: (columns: readonly Float64Array[]) => ArrayLike<number>,
  factors: number,
  options: {
    n: number;
    uniform: (matrix: MatrixSource, factor: number) => Uniform;
    bootstrap: Uniform;
    resamples?: number;
    level?: number;
    firstOrder?: FirstOrderEstimator;
  },
): SobolEstimate {
  const design = saltelliDesign(factors, options.n, options.uniform);
  const outputs = design.map((m) => model(m.columns));
  return sobolBootstrap(outputs[0]!, outputs[1]!, outputs.slice(2), {
    resamples: options.resamples ?? 200,
    level: options.level ?? 0.95,
    uniform: options.bootstrap,
    firstOrder: options.firstOrder,
  });
}
