import { describe, expect, it } from "vitest";
import { createStream } from "../../src/engine/rng.js";
import { saltelliDesign, sobolBootstrap, sobolEstimates, sobolIndices, type FirstOrderEstimator } from "../../src/analysis/sobol.js";

/** Ishigami function on uniforms: x_i = −π + 2π·u_i; a = 7, b = 0.1. */
const A = 7,
  B = 0.1;
function ishigami(u: readonly Float64Array[]): Float64Array {
  const n = u[0]!.length;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r += 1) {
    const [x1, x2, x3] = [0, 1, 2].map((j) => -Math.PI + 2 * Math.PI * u[j]![r]!) as [number, number, number];
    out[r] = Math.sin(x1) + A * Math.sin(x2) ** 2 + B * x3 ** 4 * Math.sin(x1);
  }
  return out;
}

/** Analytical indices (Ishigami & Homma 1990; e.g. Saltelli et al. 2010, §5). */
const FIRST = [0.3139, 0.4424, 0];
const TOTAL = [0.5576, 0.4424, 0.2437];
/** Stated tolerance: absolute, per index, at N = 50,000 (the largest error over seeds 1–10 was 0.018). */
const TOLERANCE = 0.03;

describe("Sobol indices, model-agnostic (Saltelli design, Jansen total order)", () => {
  for (const firstOrder of ["saltelli", "jansen"] as FirstOrderEstimator[]) {
    it(`reproduce the Ishigami function's analytical indices within ${TOLERANCE} (first order: ${firstOrder})`, () => {
      const est = sobolIndices(ishigami, 3, {
        n: 50_000,
        firstOrder,
        resamples: 30,
        uniform: (matrix, j) => createStream(1, "ishigami", matrix, j),
        bootstrap: createStream(1, "ishigami-bootstrap"),
      });
      for (let i = 0; i < 3; i += 1) {
        expect(Math.abs(est.first[i]! - FIRST[i]!)).toBeLessThan(TOLERANCE);
        expect(Math.abs(est.total[i]! - TOTAL[i]!)).toBeLessThan(TOLERANCE);
        const [tl, th] = est.totalInterval[i]!;
        expect(th - tl).toBeLessThan(0.1);
      }
      expect(est.variance).toBeCloseTo(A ** 2 / 8 + (B * Math.PI ** 4) / 5 + (B ** 2 * Math.PI ** 8) / 18 + 0.5, 0); // ≈ 13.84
    });
  }

  it("95% bootstrap intervals hold the analytical values about 95% of the time (20 seeds × 6 indices, N = 4,000)", () => {
    let covered = 0,
      total = 0;
    for (let seed = 1; seed <= 20; seed += 1) {
      const est = sobolIndices(ishigami, 3, {
        n: 4000,
        resamples: 100,
        uniform: (m, j) => createStream(seed, "coverage", m, j),
        bootstrap: createStream(seed, "coverage-bootstrap"),
      });
      for (let i = 0; i < 3; i += 1) {
        for (const [interval, truth] of [
          [est.firstInterval[i]!, FIRST[i]!],
          [est.totalInterval[i]!, TOTAL[i]!],
        ] as const) {
          total += 1;
          if (interval[0] <= truth && truth <= interval[1]) covered += 1;
        }
      }
    }
    expect(covered / total).toBeGreaterThan(0.85);
  });

  it("an additive function: f = u0 + 2·u1 (+ 0·u2) gives S = ST = (0.2, 0.8, 0)", () => {
    const est = sobolIndices((u) => u[0]!.map((v, r) => v + 2 * u[1]![r]!), 3, {
      n: 20_000,
      uniform: (m, j) => createStream(2, "additive", m, j),
      bootstrap: createStream(2, "boot"),
    });
    [0.2, 0.8, 0].forEach((s, i) => {
      expect(est.first[i]!).toBeCloseTo(s, 1);
      expect(est.total[i]!).toBeCloseTo(s, 1);
    });
    expect(est.total[2]).toBe(0); // A and AB_2 give identical outputs
  });

  it("the design: A, B, then AB_i = A with column i from B (shared, not copied)", () => {
    const design = saltelliDesign(3, 8, (m, j) => createStream(1, "design", m, j));
    expect(design.map((d) => d.label)).toEqual(["A", "B", 0, 1, 2]);
    const [a, b, ab1] = [design[0]!, design[1]!, design[3]!];
    expect(ab1.source).toEqual(["A", "B", "A"]);
    expect(ab1.columns[0]).toBe(a.columns[0]);
    expect(ab1.columns[1]).toBe(b.columns[1]);
    for (const d of design) for (const c of d.columns) for (const u of c) expect(u > 0 && u < 1).toBe(true);
  });

  it("a constant output has no indices (null, never NaN), and its intervals are null", () => {
    const ones = new Float64Array(50).fill(1);
    expect(sobolEstimates(ones, ones, [ones]).first).toEqual([null]);
    const est = sobolBootstrap(ones, ones, [ones, ones], { resamples: 20, level: 0.95, uniform: createStream(1, "b") });
    expect(est.total).toEqual([null, null]);
    expect(est.totalInterval).toEqual([null, null]);
  });

  it("is deterministic: the same streams give the same indices and intervals", () => {
    const run = () =>
      sobolIndices(ishigami, 3, { n: 2000, uniform: (m, j) => createStream(9, m, j), bootstrap: createStream(9, "b"), resamples: 50 });
    expect(run()).toEqual(run());
  });
});
