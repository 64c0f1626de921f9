import { describe, expect, it } from "vitest";
import { liuWestMove, randomWalkMove, scaleOf } from "../../src/analysis/parameter-moves.js";

describe("scaleOf", () => {
  it("matches its @example and maps back what it maps forward (logit, log, identity)", () => {
    expect(scaleOf("p", 0, 1).forward(0.5)).toBe(0);
    for (const [lo, hi, x] of [
      [0, 1, 0.3],
      [150, 900, 485],
      [2, Infinity, 7],
      [-Infinity, Infinity, -3],
    ] as const) {
      const s = scaleOf("x", lo, hi);
      expect(s.back(s.forward(x))).toBeCloseTo(x, 9);
    }
  });
});

describe("randomWalkMove and liuWestMove", () => {
  it("match their @examples: no step with σ = 0, nothing moves with a = 1 and z = 0", () => {
    const out = new Float64Array(2);
    randomWalkMove(Float64Array.of(0.5), scaleOf("p", 0, 1), 0, Float64Array.of(1), out);
    expect(out[0]).toBeCloseTo(0.5, 12);
    liuWestMove(Float64Array.of(0.4, 0.6), scaleOf("p", 0, 1), 1, Float64Array.of(0, 0), out);
    expect(out[0]).toBeCloseTo(0.4, 12);
    expect(out[1]).toBeCloseTo(0.6, 12);
  });

  it("Liu–West with a < 1 and z = 0 shrinks every particle toward the mean on the unbounded scale", () => {
    const s = scaleOf("p", 0, 1);
    const values = Float64Array.of(0.2, 0.5, 0.8);
    const out = new Float64Array(3);
    liuWestMove(values, s, 0.5, new Float64Array(3), out);
    expect(s.forward(out[0]!)).toBeCloseTo(0.5 * s.forward(0.2), 12); // the mean is 0 on the logit scale here
    expect(out[1]).toBeCloseTo(0.5, 12);
  });
});
