import { describe, expect, it } from "vitest";
import {
  AREA_REGIME_THRESHOLD_KM2,
  articlePaceForecast,
  bootstrapForecast,
  fitRegimes,
  monthlySeries,
  persistenceForecast,
  regimeClimatologyForecast,
  straightLineBaseline,
  straightLineForecast,
  type BaselineSeries,
  type MonthlyValue,
  type SeriesKind,
} from "../../src/analysis/scoring.js";
import { quantileSorted } from "../../src/analysis/quantiles.js";
import { claimedLossesMonthly, economistCasualtiesMonthly, occupiedAreaMonthly } from "../../src/data/index.js";
import { createStream } from "../../src/engine/rng.js";
import { ARTICLE_PACE_KM2_PER_MONTH } from "../../src/scenario/article.js";
import { OptionsError } from "../../src/util/errors.js";

function months(first: string, count: number): string[] {
  const [y0, m0] = first.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, k) => {
    const index = y0 * 12 + (m0 - 1) + k;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

/** A series from its first month, its first value and the monthly increments after it. */
function seriesOf(kind: SeriesKind, first: string, start: number, increments: number[]): BaselineSeries {
  const values = increments.reduce((acc, x) => [...acc, acc.at(-1)! + x], [start]);
  return { kind, rows: months(first, values.length).map((month, k) => ({ month, value: values[k]! })) };
}

const sorted = (a: Float64Array) => Float64Array.from(a).sort();
const median = (a: Float64Array) => quantileSorted(sorted(a), 0.5);

function thrown(f: () => unknown): OptionsError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    return error as OptionsError;
  }
  throw new Error("expected an OptionsError");
}

// A level series 2022-11 … 2023-06: 100, 110, 105, 125, 120, 140, 135, 160.
// Increments from 2023-01 to 2023-06: −5, +20, −5, +20, −5, +25.
const LEVEL = seriesOf("level", "2022-11", 100, [10, -5, 20, -5, 20, -5, 25]);
// A running total 2022-11 … 2023-06 with monthly increments 10, 25, 20, 40, 35, 60, 50 (last 240).
// Changes of the increment from 2023-01: +15, −5, +20, −5, +25, −10.
const CUMULATIVE = seriesOf("cumulative", "2022-11", 0, [10, 25, 20, 40, 35, 60, 50]);
const ORIGIN = "2023-06";

describe("persistence (COVID-19 Forecast Hub)", () => {
  it("level: median = the last value, an exactly symmetric spread of sums of ± one-month changes", () => {
    const f = persistenceForecast(LEVEL, ORIGIN, 1, { uniform: createStream(1, "t"), samples: 1001 });
    expect(median(f)).toBe(160);
    const s = sorted(f);
    for (let i = 0; i < s.length; i += 1) expect(s[i]! + s[s.length - 1 - i]!).toBeCloseTo(320, 9);
    // h = 1: each sample is 160 ± one change (or the centre): {±5, ±20, ±25} ∪ {0}.
    const allowed = new Set([-25, -20, -5, 0, 5, 20, 25]);
    for (const v of f) expect(allowed.has(v - 160), String(v)).toBe(true);
    // Both signs occur: the changes are symmetrised.
    expect(f.some((v) => v < 160) && f.some((v) => v > 160)).toBe(true);
    // h = 2: sums of two draws from the symmetrised pool {±5, ±20, ±25} — including mixed signs
    // (+5 + 20 = 25, +5 − 5 = 0) that mirroring sums of the raw changes alone would never give.
    const two = persistenceForecast(LEVEL, ORIGIN, 2, { uniform: createStream(2, "t"), samples: 2000 });
    const pool = [-25, -20, -5, 5, 20, 25];
    const pairSums = new Set(pool.flatMap((a) => pool.map((b) => a + b)));
    for (const v of two) expect(pairSums.has(v - 160), String(v)).toBe(true);
    expect(new Set(Array.from(two, (v) => v - 160))).toEqual(pairSums);
    const h3 = persistenceForecast(LEVEL, ORIGIN, 3, { uniform: createStream(2, "t"), samples: 1000 });
    expect(median(h3)).toBeCloseTo(160, 9);
    expect(Math.max(...h3) - 160).toBeLessThanOrEqual(75); // at most 3 × 25
  });

  it("cumulative: the monthly increment persists — median value(O) + h·inc(O), symmetric about it", () => {
    for (const h of [1, 2]) {
      // |D₁ + D₂| ≤ 50 = inc(O), so the floor at 0 never binds here.
      const f = persistenceForecast(CUMULATIVE, ORIGIN, h, { uniform: createStream(3, "t", h), samples: 999 });
      const centre = 240 + h * 50;
      expect(median(f)).toBe(centre);
      const s = sorted(f);
      for (let i = 0; i < s.length; i += 1) expect(s[i]! + s[s.length - 1 - i]!).toBeCloseTo(2 * centre, 9);
    }
    // h = 1: 240 + 50 + D with D from {±15, ±5, ±20, ±25, ±10}.
    const one = persistenceForecast(CUMULATIVE, ORIGIN, 1, { uniform: createStream(4, "t"), samples: 400 });
    const allowed = new Set([-25, -20, -15, -10, -5, 5, 10, 15, 20, 25].map((d) => 290 + d));
    for (const v of one) expect(allowed.has(v), String(v)).toBe(true);
  });

  it("cumulative: the monthly increment is floored at 0, so the total never falls", () => {
    // Increments 50, 5, 45, 5: changes −45, +40, −40 around a last increment of 5.
    const falling = seriesOf("cumulative", "2022-12", 0, [50, 5, 45, 5]);
    const f = persistenceForecast(falling, "2023-04", 3, { uniform: createStream(5, "t"), samples: 500 });
    expect(Math.min(...f)).toBeGreaterThanOrEqual(105);
    expect(f.some((v) => v === 105)).toBe(true); // some paths stay at 0 a month for all 3 months
  });
});

describe("the bootstrap of monthly increments", () => {
  // Increments 1, 10, 100, 1000, 10000 from 2023-01: a sum of h of them shows in its decimal
  // digits how many times each was drawn, so the digits must add up to h.
  const DIGITS = seriesOf("level", "2022-12", 0, [1, 10, 100, 1000, 10000]);
  const digitSum = (x: number) =>
    String(Math.round(x))
      .split("")
      .reduce((s, d) => s + Number(d), 0);

  it("each sample is the last value plus a sum of exactly h observed increments, not symmetrised", () => {
    for (const h of [1, 3, 7]) {
      const f = bootstrapForecast(DIGITS, "2023-05", h, { uniform: createStream(6, "t", h), samples: 300 });
      const last = 11111;
      for (const v of f) {
        expect(v - last, String(v)).toBeGreaterThan(0);
        expect(digitSum(v - last), String(v)).toBe(h);
      }
    }
  });

  it("draws uniformly with replacement from every month since `from`, or from the trailing months", () => {
    const f = bootstrapForecast(LEVEL, ORIGIN, 1, { uniform: createStream(7, "t"), samples: 6000 });
    // Pool −5, 20, −5, 20, −5, 25: shares ½, ⅓, ⅙ (4 binomial SE: ±0.026).
    const share = (d: number) => f.filter((v) => v === 160 + d).length / f.length;
    expect(Math.abs(share(-5) - 1 / 2)).toBeLessThan(0.026);
    expect(Math.abs(share(20) - 1 / 3)).toBeLessThan(0.025);
    expect(Math.abs(share(25) - 1 / 6)).toBeLessThan(0.02);
    expect(f.some((v) => v === 170)).toBe(false); // 2022-12's +10 is before `from`
    const trailing = bootstrapForecast(LEVEL, ORIGIN, 1, { uniform: createStream(7, "t"), samples: 200, trailingMonths: 2 });
    expect(new Set(trailing)).toEqual(new Set([155, 185]));
    const early = bootstrapForecast(LEVEL, ORIGIN, 1, { uniform: createStream(7, "t"), samples: 200, from: "2022-12" });
    expect(early.some((v) => v === 170)).toBe(true);
  });

  it("cumulative series resample the monthly increments", () => {
    const f = bootstrapForecast(CUMULATIVE, ORIGIN, 1, { uniform: createStream(8, "t"), samples: 300 });
    expect(new Set(f)).toEqual(new Set([25, 20, 40, 35, 60, 50].map((x) => 240 + x)));
  });
});

describe("straight lines and the article's pace", () => {
  it("the straight line through the last k months is value(O) + straightLineForecast of their increments", () => {
    const three = straightLineBaseline(LEVEL, ORIGIN, 4, { months: 3 });
    expect(Array.from(three)).toEqual(Array.from(straightLineForecast([20, -5, 25], 4).map((v) => v + 160)));
    expect(median(three)).toBeCloseTo(160 + 4 * (40 / 3), 9);
    // 12 months asked, 6 since 2023-01 available: all 6 are used.
    const twelve = straightLineBaseline(LEVEL, ORIGIN, 2, { months: 12 });
    expect(Array.from(twelve)).toEqual(Array.from(straightLineForecast([-5, 20, -5, 20, -5, 25], 2).map((v) => v + 160)));
  });

  it("the article's 484.8 km²/month as a point, for the area only", () => {
    expect(ARTICLE_PACE_KM2_PER_MONTH).toBeCloseTo((0.8 * 603_628) / (83 * 12), 9);
    expect(Array.from(articlePaceForecast(LEVEL, ORIGIN, 4))).toEqual([160 + 4 * ARTICLE_PACE_KM2_PER_MONTH]);
    expect(thrown(() => articlePaceForecast(CUMULATIVE, ORIGIN, 1)).path).toBe("series.kind");
  });
});

describe("regime climatology", () => {
  // Increments from 2023-01: L L L H H H L L H H (L = 10/20/30, H = 200/300/400 km²).
  const REGIMES = seriesOf("level", "2022-12", 1000, [10, 20, 30, 200, 300, 400, 10, 20, 200, 300]);
  const origin = "2023-10";

  it("fits the two-state chain by counting transitions up to the origin", () => {
    const fit = fitRegimes(REGIMES, origin, { threshold: AREA_REGIME_THRESHOLD_KM2 });
    // Pairs: LL LL LH HH HH HL LL LH HH → from L: 3 stay, 2 up; from H: 3 stay, 1 down.
    expect(fit.transition).toEqual([
      [3 / 5, 2 / 5],
      [1 / 4, 3 / 4],
    ]);
    expect(fit.state).toBe(1);
    expect(Array.from(fit.increments[0])).toEqual([10, 20, 30, 10, 20]);
    expect(Array.from(fit.increments[1])).toEqual([200, 300, 400, 200, 300]);
    // The median threshold: increments sorted 10 10 20 20 30 200 200 300 300 400 → (30 + 200)/2 = 115.
    expect(fitRegimes(REGIMES, origin).threshold).toBe(115);
    // Fitted up to an earlier origin, only what was seen then counts.
    expect(fitRegimes(REGIMES, "2023-05", { threshold: 150 }).transition).toEqual([
      [2 / 3, 1 / 3],
      [0, 1],
    ]);
  });

  it("forecasts by stepping the chain and drawing from each regime's own increments", () => {
    const f = regimeClimatologyForecast(REGIMES, origin, 1, { uniform: createStream(9, "t"), samples: 4000, threshold: 150 });
    const last = 2490;
    const allowed = new Set([10, 20, 30, 200, 300, 400].map((x) => last + x));
    for (const v of f) expect(allowed.has(v)).toBe(true);
    // From H the chain stays high with probability ¾ (4 binomial SE: ±0.028).
    const high = f.filter((v) => v - last > 150).length / f.length;
    expect(Math.abs(high - 0.75)).toBeLessThan(0.028);
    // Two steps from H. A sum ≤ 60 is two low months, one of 400, 500, … 800 two high ones (a
    // mixed pair gives 210…230, 310…330 or 410…430): P(LL) = ¼·⅗ = 0.15, P(HH) = ¾·¾ = 0.5625.
    const two = regimeClimatologyForecast(REGIMES, origin, 2, { uniform: createStream(10, "t"), samples: 4000, threshold: 150 });
    const sums = Array.from(two, (v) => v - last);
    const lowLow = sums.filter((x) => x <= 60).length / sums.length;
    const highHigh = sums.filter((x) => x >= 400 && x % 100 === 0).length / sums.length;
    expect(Math.abs(lowLow - 0.15)).toBeLessThan(0.023); // 4 binomial SE
    expect(Math.abs(highHigh - 0.5625)).toBeLessThan(0.032);
  });

  it("a regime never left in the window steps by the regimes' shares; a regime never seen is never entered", () => {
    // Only the origin month is high: its row falls back to the shares (5 low, 1 high).
    const once = seriesOf("level", "2022-12", 0, [10, 20, 30, 10, 20, 500]);
    expect(fitRegimes(once, "2023-06", { threshold: 150 }).transition[1]).toEqual([5 / 6, 1 / 6]);
    const never = seriesOf("level", "2022-12", 0, [10, 20, 30, 10, 20]);
    const f = regimeClimatologyForecast(never, "2023-05", 3, { uniform: createStream(11, "t"), samples: 200, threshold: 150 });
    for (const v of f) expect(v - 90).toBeLessThanOrEqual(90);
  });
});

/** `series` with every row after `origin` replaced: NaN values, or getters that throw if read. */
function poisoned(series: BaselineSeries, origin: string, how: "nan" | "throw"): BaselineSeries {
  const rows = series.rows.map((row): MonthlyValue => {
    if (row.month <= origin) return row;
    if (how === "nan") return { month: row.month, value: Number.NaN };
    return Object.defineProperties({} as MonthlyValue, {
      month: {
        get: () => {
          throw new Error(`read the month of a row after the origin (${row.month})`);
        },
      },
      value: {
        get: () => {
          throw new Error(`read the value of a row after the origin (${row.month})`);
        },
      },
    });
  });
  return { kind: series.kind, rows };
}

describe("no baseline reads a row after its origin", () => {
  const area = monthlySeries(occupiedAreaMonthly, "occupiedKm2", "level");
  const claims = monthlySeries(claimedLossesMonthly, "cumulativeAtMonthEnd", "cumulative");
  const origin = "2024-03";
  const baselines: [string, (s: BaselineSeries) => Float64Array][] = [
    ["persistence", (s) => persistenceForecast(s, origin, 6, { uniform: createStream(12, "p"), samples: 200 })],
    ["bootstrap", (s) => bootstrapForecast(s, origin, 6, { uniform: createStream(12, "b"), samples: 200 })],
    [
      "bootstrap, trailing 12",
      (s) => bootstrapForecast(s, origin, 6, { uniform: createStream(12, "b"), samples: 200, trailingMonths: 12 }),
    ],
    ["straight line 3", (s) => straightLineBaseline(s, origin, 6, { months: 3 })],
    ["straight line 12", (s) => straightLineBaseline(s, origin, 6, { months: 12 })],
    ["regime", (s) => regimeClimatologyForecast(s, origin, 6, { uniform: createStream(12, "r"), samples: 200 })],
  ];

  for (const [name, forecast] of baselines) {
    it(`${name}: the same samples from the series cut at the origin and from one whose later rows are poisoned`, () => {
      for (const series of [area, claims]) {
        const cut = forecast({ kind: series.kind, rows: series.rows.filter((r) => r.month <= origin) });
        expect(cut.every(Number.isFinite)).toBe(true);
        expect(Array.from(forecast(poisoned(series, origin, "nan")))).toEqual(Array.from(cut));
        expect(Array.from(forecast(poisoned(series, origin, "throw")))).toEqual(Array.from(cut));
        expect(Array.from(forecast(series))).toEqual(Array.from(cut));
      }
    });
  }

  it("the article's pace too — and a poisoned row at or before the origin is caught", () => {
    expect(Array.from(articlePaceForecast(poisoned(area, origin, "throw"), origin, 3))).toEqual([
      112_050.8 + 3 * ARTICLE_PACE_KM2_PER_MONTH,
    ]);
    // The same poison one month earlier is read, and reported: the check above is not vacuous.
    expect(() => articlePaceForecast(poisoned(area, "2024-02", "throw"), origin, 3)).toThrow(
      /read the (month|value) of a row after the origin \(2024-03\)/,
    );
    expect(thrown(() => persistenceForecast(poisoned(area, "2024-02", "nan"), origin, 3, { uniform: createStream(1, "p") })).message).toBe(
      "series.rows[25].value: expected a finite number, got NaN",
    );
  });
});

describe("the shipped series", () => {
  const area = monthlySeries(occupiedAreaMonthly, "occupiedKm2", "level");
  const claims = monthlySeries(claimedLossesMonthly, "cumulativeAtMonthEnd", "cumulative");

  it("persistence of the area is centred on the area at the origin; of the claims, on the last month's pace", () => {
    expect(median(persistenceForecast(area, "2024-06", 3, { uniform: createStream(1, "p") }))).toBeCloseTo(112_683.1, 6);
    const c = persistenceForecast(claims, "2024-06", 3, { uniform: createStream(1, "p") });
    expect(median(c)).toBeCloseTo(542_700 + 3 * 35_050, 6);
  });

  it("the Economist's casualties are a running total: the bootstrap adds h of its monthly increments", () => {
    const casualties = monthlySeries(economistCasualtiesMonthly, "casualtiesEst", "cumulative");
    const f = bootstrapForecast(casualties, "2025-03", 1, { uniform: createStream(1, "b"), samples: 200 });
    const last = economistCasualtiesMonthly.find((r) => r.month === "2025-03")!.casualtiesEst;
    const increments = new Set(
      economistCasualtiesMonthly
        .filter((r) => r.month >= "2023-01" && r.month <= "2025-03")
        .map(
          (r, k, a) =>
            r.casualtiesEst -
            (k > 0 ? a[k - 1]!.casualtiesEst : economistCasualtiesMonthly.find((x) => x.month === "2022-12")!.casualtiesEst),
        ),
    );
    for (const v of f) expect(increments.has(v - last)).toBe(true);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const run = (seed: number) => Array.from(bootstrapForecast(claims, "2025-01", 3, { uniform: createStream(seed, "b"), samples: 50 }));
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
  });
});

describe("bad input throws OptionsError as `path: expected …, got …`", () => {
  const u = createStream(1, "e");
  it("series, origin, horizon and options", () => {
    expect(thrown(() => persistenceForecast(LEVEL, "2024-01", 1, { uniform: u })).message).toBe(
      'origin: expected a month of the series (from 2022-11), got "2024-01"',
    );
    expect(thrown(() => persistenceForecast(LEVEL, "2023-6", 1, { uniform: u })).message).toBe(
      'origin: expected a month YYYY-MM, got "2023-6"',
    );
    expect(thrown(() => persistenceForecast(LEVEL, ORIGIN, 0, { uniform: u })).message).toBe(
      "horizon: expected a whole number of months ≥ 1, got 0",
    );
    expect(thrown(() => bootstrapForecast(LEVEL, ORIGIN, 1.5, { uniform: u })).path).toBe("horizon");
    expect(thrown(() => bootstrapForecast(LEVEL, ORIGIN, 1, { uniform: u, samples: 0 })).message).toBe(
      "samples: expected a whole number ≥ 1, got 0",
    );
    expect(thrown(() => bootstrapForecast(LEVEL, ORIGIN, 1, {} as never)).message).toBe(
      "uniform: expected a uniform random source (createStream(seed, …)), got nothing",
    );
    expect(thrown(() => bootstrapForecast(LEVEL, ORIGIN, 1, { uniform: u, trailingMonths: 0 })).path).toBe("trailingMonths");
    expect(thrown(() => bootstrapForecast({ kind: "stock" as SeriesKind, rows: LEVEL.rows }, ORIGIN, 1, { uniform: u })).message).toBe(
      'series.kind: expected "level" or "cumulative", got "stock"',
    );
    const gap = {
      kind: "level" as const,
      rows: [
        { month: "2023-01", value: 1 },
        { month: "2023-03", value: 2 },
      ],
    };
    expect(thrown(() => bootstrapForecast(gap, "2023-03", 1, { uniform: u })).message).toBe(
      'series.rows[1].month: expected the month after 2023-01 (2023-02): a monthly series runs without gaps or repeats, got "2023-03"',
    );
    expect(thrown(() => bootstrapForecast(LEVEL, "2022-12", 1, { uniform: u })).message).toBe(
      "from: expected monthly increments from 2023-01 to the origin: at least 1, got 0",
    );
    expect(thrown(() => straightLineBaseline(LEVEL, "2023-01", 1)).message).toBe(
      "straightLineMonths: expected at least 2 months to average, got 1",
    );
    expect(thrown(() => straightLineBaseline(LEVEL, ORIGIN, 1, { months: 1 })).path).toBe("months");
    expect(thrown(() => regimeClimatologyForecast(LEVEL, ORIGIN, 1, { uniform: u, threshold: Number.NaN })).path).toBe("threshold");
  });
});
