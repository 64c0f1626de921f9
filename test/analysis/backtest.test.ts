import { describe, expect, it } from "vitest";
import { runBacktest } from "../../src/analysis/backtest.js";
import { straightLineForecast } from "../../src/analysis/baselines.js";
import { crpsSample } from "../../src/analysis/scoring-crps.js";
import { inCentralInterval } from "../../src/analysis/scoring-intervals.js";
import { studentTQuantile, studentTSample } from "../../src/analysis/student-t.js";
import { claimedLossesMonthly, occupiedAreaMonthly } from "../../src/data/index.js";

describe("scores", () => {
  it("CRPS of a sample: its @examples, a point forecast's absolute error, and the normal's closed form", () => {
    expect(crpsSample(Float64Array.of(1, 2, 3), 2)).toBeCloseTo(2 / 9, 14);
    expect(crpsSample(Float64Array.of(5), 2)).toBe(3);
    // CRPS(N(0, 1), y = 0) = 2φ(0) − 1/√π ≈ 0.23370 (Gneiting & Raftery 2007).
    const normal = studentTSample(0, 1, 1e9, 20_000);
    expect(crpsSample(normal, 0)).toBeCloseTo(2 / Math.sqrt(2 * Math.PI) - 1 / Math.sqrt(Math.PI), 3);
    // Shifting both forecast and observation changes nothing; a worse centre scores worse.
    expect(
      crpsSample(
        normal.map((v) => v + 100),
        100,
      ),
    ).toBeCloseTo(crpsSample(normal, 0), 9);
    expect(crpsSample(normal, 2)).toBeGreaterThan(crpsSample(normal, 0));
  });

  it("central intervals and Student-t quantiles", () => {
    const u = Float64Array.from({ length: 101 }, (_, i) => i);
    expect(inCentralInterval(u, 50, 0.5)).toBe(true);
    expect(inCentralInterval(u, 80, 0.5)).toBe(false);
    expect(inCentralInterval(u, 96, 0.9)).toBe(false);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302653, 5);
    expect(studentTQuantile(0.95, 11)).toBeCloseTo(1.795885, 5);
    expect(studentTQuantile(0.025, 2)).toBeCloseTo(-4.302653, 5);
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });

  it("the straight line: h·x̄ with a Student-t interval of scale s·√(h + h²/k)", () => {
    const f = straightLineForecast([400, 500, 450], 6); // x̄ = 450, s = 50, k = 3
    const sorted = Float64Array.from(f).sort();
    expect((sorted[499]! + sorted[500]!) / 2).toBeCloseTo(2700, 6);
    const scale = 50 * Math.sqrt(6 + 36 / 3);
    // The 95th percentile of the 1000 evenly spaced quantiles sits between t(0.9495) and t(0.9505).
    expect(sorted[949]!).toBeGreaterThan(2700 + scale * studentTQuantile(0.949, 2));
    expect(sorted[949]!).toBeLessThan(2700 + scale * studentTQuantile(0.951, 2));
  });
});

describe("rolling-origin backtest (CI-sized: two origins, tiny calibration)", () => {
  const result = runBacktest(
    { occupiedArea: occupiedAreaMonthly, claimedLosses: claimedLossesMonthly },
    { origins: ["2024-03", "2025-01"], horizons: [3, 6], calibration: { particles: 60, generations: 1, maxMoves: 2, seed: 2 } },
  );

  it("scores every method, series and horizon that has data, against the right observations", () => {
    expect(result.methods).toEqual(["model", "straight line (3 months)", "straight line (12 months)"]);
    // 2024-03: horizons 3 and 6; 2025-01: 3 only (2025-07 has no data) → 3 × 2 series × 3 methods.
    expect(result.scores).toHaveLength(18);
    const area = result.scores.find(
      (s) => s.origin === "2024-03" && s.horizon === 3 && s.series === "occupiedKm2" && s.method === "model",
    )!;
    expect(area.observed).toBe(112_683.1); // 2024-06
    const claims = result.scores.find(
      (s) => s.origin === "2024-03" && s.horizon === 6 && s.series === "claimedLosses" && s.method === "model",
    )!;
    expect(claims.observed).toBe(26_550 + 38_930 + 35_050 + 35_420 + 36_830 + 38_110); // 2024-04…09
    for (const s of result.scores) {
      expect(Number.isFinite(s.crps) && s.crps >= 0, `${s.method} ${s.origin} ${s.series}`).toBe(true);
      expect(s.p05 <= s.p25 && s.p25 <= s.p50 && s.p50 <= s.p75 && s.p75 <= s.p95).toBe(true);
      expect(s.in50 ? s.in90 : true).toBe(true);
    }
  });

  it("the straight line through the last three months is what it says", () => {
    const line = result.scores.find(
      (s) => s.origin === "2024-03" && s.horizon === 3 && s.series === "occupiedKm2" && s.method === "straight line (3 months)",
    )!;
    const rate = (71.9 + 153.7 + 86.4) / 3; // 2024-01…03
    expect(line.p50).toBeCloseTo(112_050.8 + 3 * rate, 3);
  });

  it("summarises each (series, horizon, method) with CRPS and coverage in [0, 1], and records the calibrations", () => {
    expect(result.summary).toHaveLength(2 * 2 * 3);
    for (const row of result.summary) {
      expect(row.coverage50).toBeGreaterThanOrEqual(0);
      expect(row.coverage90).toBeLessThanOrEqual(1);
      expect(row.coverage50).toBeLessThanOrEqual(row.coverage90);
    }
    expect(result.calibrations.map((c) => [c.origin, c.months])).toEqual([
      ["2024-03", 15],
      ["2025-01", 25],
    ]);
  });
});
