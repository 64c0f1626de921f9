import { describe, expect, it } from "vitest";
import { AS241_COEFFICIENTS, betaQuantile, normalQuantile, regularizedBeta } from "../../src/util/special-functions.js";

// AS 241 (PPND16) with its rational functions evaluated by a Horner loop over the coefficients —
// the form the library used before it wrote the loop out; the two must give the same bits.
const { A, B, C, D, E, F } = AS241_COEFFICIENTS;

function ratioLoop(num: readonly number[], den: readonly number[], r: number): number {
  let n = num[7]!,
    d = den[7]!;
  for (let i = 6; i >= 0; i--) {
    n = n * r + num[i]!;
    d = d * r + den[i]!;
  }
  return n / d;
}
function referenceQuantile(p: number): number {
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * ratioLoop(A, B, 0.180625 - q * q);
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const z = r <= 5 ? ratioLoop(C, D, r - 1.6) : ratioLoop(E, F, r - 5);
  return q < 0 ? -z : z;
}

describe("normalQuantile", () => {
  it("gives the same bits as AS 241 evaluated by a Horner loop, in every region (central, tail, far tail)", () => {
    const ps = [0, 1, 1e-300, 1e-30, 1e-12, 0.075, 0.0749, 0.925, 0.9251, 1 - 1e-12];
    for (let i = 0; i < 200_000; i += 1) ps.push((i + 0.5) / 200_000, Math.exp(-i / 2_000));
    for (const p of ps) expect(Object.is(normalQuantile(p), referenceQuantile(p)), `p = ${p}`).toBe(true);
  });
});

describe("betaQuantile", () => {
  it("gives the same bits whatever shape was inverted before (its ln B(a, b) cache keeps one shape)", () => {
    const shapes: [number, number][] = [
      [2, 5],
      [5, 2],
      [0.7, 0.7],
      [2, 5.000000000000001],
      [40, 3],
    ];
    const ps = Array.from({ length: 50 }, (_, i) => (i + 0.5) / 50);
    // One shape after another (the cache hits), then interleaved (it misses every time).
    const grouped = shapes.map(([a, b]) => ps.map((p) => betaQuantile(p, a, b)));
    ps.forEach((p, i) =>
      shapes.forEach(([a, b], k) => expect(Object.is(betaQuantile(p, a, b), grouped[k]![i]), `p ${p}, shape ${a}, ${b}`).toBe(true)),
    );
    // And each is the quantile: I_x(a, b) = p to 1e-12.
    shapes.forEach(([a, b], k) => ps.forEach((p, i) => expect(regularizedBeta(grouped[k]![i]!, a, b)).toBeCloseTo(p, 12)));
  });
});
