import { describe, expect, it } from "vitest";
import { dieboldMariano } from "../../src/analysis/diebold-mariano.js";
import { dataUpTo, SHIPPED_LEAGUE_DATA, type LeagueData, type LeagueSeries } from "../../src/analysis/league-data.js";
import {
  baselineForecasters,
  calibratedHindcastForecaster,
  type Forecast,
  type ForecastRequest,
  type Forecaster,
} from "../../src/analysis/league-forecasters.js";
import { summarizeLeague, type LeagueScore } from "../../src/analysis/league-summary.js";
import { defaultLeagueOrigins, runLeague } from "../../src/analysis/league.js";
import { addMonths } from "../../src/analysis/observations.js";
import { OptionsError } from "../../src/util/errors.js";

// CI-sized: three origins, a tiny calibration. Checks the machinery, not the numbers.
const TINY = { particles: 40, generations: 1, maxMoves: 2, seed: 3 } as const;
const model = () => calibratedHindcastForecaster({ calibration: TINY });
const data = SHIPPED_LEAGUE_DATA;

/**
 * The data with every row after `origin` poisoned: its month can be read (to cut), any other
 * field throws. A forecaster that reads a later row fails.
 */
function poisonAfter(source: LeagueData, origin: string): LeagueData {
  const poison = <R extends { month: string }>(rows: readonly R[]): R[] =>
    rows.map((row) => {
      if (row.month <= origin) return row;
      const trap = { month: row.month } as Record<string, unknown>;
      for (const key of Object.keys(row))
        if (key !== "month")
          Object.defineProperty(trap, key, {
            get() {
              throw new Error(`read ${key} of ${row.month}, after the origin ${origin}`);
            },
            enumerable: true,
          });
      return trap as R;
    });
  return {
    occupiedArea: poison(source.occupiedArea),
    claimedLosses: poison(source.claimedLosses),
    economistCasualties: poison(source.economistCasualties),
  };
}

const request = (origin: string, series: readonly LeagueSeries[], d: LeagueData): ForecastRequest => ({
  origin,
  horizons: [1, 3, 6],
  series,
  data: d,
  seed: 11,
});
const plain = (f: Forecast) => Object.fromEntries(Object.entries(f.samples).map(([s, list]) => [s, list!.map((x) => Array.from(x))]));

describe("league: no forecast can read a row after its origin", () => {
  const origin = "2024-05";
  const poisoned = poisonAfter(data, origin);

  it("the poison works: reading a later value throws", () => {
    expect(() => poisoned.occupiedArea.find((r) => r.month === "2024-06")!.occupiedKm2).toThrow(/after the origin 2024-05/);
    expect(() => poisoned.economistCasualties.at(-1)!.casualtiesEst).toThrow(/read casualtiesEst of 2025-06/);
  });

  it("a forecaster that reads later rows is caught by it", () => {
    const leaky = { forecast: ({ data: d }: ForecastRequest) => ({ samples: { occupiedKm2: [[d.occupiedArea.at(-1)!.occupiedKm2]] } }) };
    expect(() => leaky.forecast(request(origin, ["occupiedKm2"], poisoned))).toThrow(/after the origin/);
  });

  it("every built-in forecaster gives the same samples from poisoned data as from data cut at the origin", async () => {
    for (const f of [model(), ...baselineForecasters({ samples: 200 })]) {
      const fromPoisoned = await f.forecast(request(origin, f.series, poisoned));
      const fromCut = await f.forecast(request(origin, f.series, dataUpTo(data, origin)));
      expect(plain(fromPoisoned), f.name).toEqual(plain(fromCut));
      expect(Object.keys(fromPoisoned.samples).sort(), f.name).toEqual([...f.series].sort());
    }
  });

  it("runLeague hands each forecaster the rows up to its origin only", async () => {
    const seen: string[] = [];
    const spy: Forecaster = {
      name: "spy",
      role: "candidate",
      description: "records what it is shown",
      series: ["occupiedKm2", "claimedLosses", "casualtiesEst"],
      forecast({ origin: o, horizons, series, data: d }) {
        for (const rows of [d.occupiedArea, d.claimedLosses, d.economistCasualties]) {
          expect(rows.at(-1)!.month).toBe(o);
          expect(rows.every((r) => r.month <= o)).toBe(true);
        }
        expect(d.occupiedArea.find((r) => r.month === addMonths(o, 1))).toBeUndefined();
        seen.push(o);
        return { samples: Object.fromEntries(series.map((s) => [s, horizons.map(() => [0, 1e6])])) };
      },
    };
    const league = await runLeague(data, [spy], { origins: ["2024-11", "2024-12", "2025-05"] });
    expect(seen).toEqual(["2024-11", "2024-12", "2025-05"]);
    // 2025-05 leaves one month: only h = 1 is scored there.
    expect(league.scores.filter((s) => s.origin === "2025-05").map((s) => s.horizon)).toEqual([1, 1, 1]);
  });
});

describe("league: the machinery on a reduced run", async () => {
  const origins = ["2024-09", "2024-10", "2024-11"];
  const forecasters = [model(), ...baselineForecasters({ samples: 300 })];
  const league = await runLeague(data, forecasters, { origins, horizons: [1, 3, 6], seed: 5 });

  it("scores every forecaster, series and horizon that has data, against the right observation", () => {
    // 2024-09 and -10: h = 1, 3, 6 (to 2025-04); 2024-11: 1, 3, 6 (2025-05) → 9 cells × 3 series; article pace: area only.
    expect(league.scores).toHaveLength(9 * 3 * 7 + 9);
    const area = league.scores.find(
      (s) => s.forecaster === "persistence" && s.series === "occupiedKm2" && s.origin === "2024-10" && s.horizon === 3,
    )!;
    expect(area.target).toBe("2025-01");
    expect(area.observed).toBe(data.occupiedArea.find((r) => r.month === "2025-01")!.occupiedKm2);
    const claims = league.scores.find(
      (s) => s.forecaster.startsWith("model") && s.series === "claimedLosses" && s.origin === "2024-09" && s.horizon === 6,
    )!;
    expect(claims.observed).toBe(data.claimedLosses.find((r) => r.month === "2025-03")!.cumulativeAtMonthEnd);
    const economist = league.scores.find((s) => s.series === "casualtiesEst" && s.origin === "2024-11" && s.horizon === 1)!;
    expect(economist.observed).toBe(data.economistCasualties.find((r) => r.month === "2024-12")!.casualtiesEst);
    for (const s of league.scores) {
      expect(s.wis).toBeCloseTo(s.dispersion + s.overprediction + s.underprediction, 6);
      expect(s.p05 <= s.p50 && s.p50 <= s.p95).toBe(true);
      expect(s.pit >= 0 && s.pit <= 1 && Math.abs(s.bias) <= 1).toBe(true);
      expect(s.in50 ? s.in90 : true).toBe(true);
    }
    expect(
      league.scores
        .filter((s) => s.forecaster === "article pace")
        .every((s) => s.series === "occupiedKm2" && Math.abs(s.wis - s.crps) < 1e-9),
    ).toBe(true);
  });

  it("summarises each forecaster × series × horizon, relates it to the best baseline and tests the model against it", () => {
    expect(league.summary).toHaveLength(3 * 3 * 7 + 3);
    for (const c of league.comparisons) {
      const rows = league.summary.filter((r) => r.series === c.series && r.horizon === c.horizon && r.role === "baseline");
      const best = rows.reduce((a, b) => (b.meanWis < a.meanWis ? b : a));
      expect(c.bestBaseline).toBe(best.forecaster);
      expect(best.relativeWis).toBe(1);
      expect(c.relativeWis).toBeCloseTo(c.candidateWis / best.meanWis, 12);
      expect(c.test.lag).toBe(c.horizon - 1);
      expect(c.n).toBe(3);
      const pit = league.summary.find((r) => r.forecaster === c.candidate && r.series === c.series && r.horizon === c.horizon)!.pit;
      expect(pit.counts.reduce((a, b) => a + b, 0)).toBe(3);
    }
    expect(league.comparisons.map((c) => `${c.series}@${c.horizon}`)).toHaveLength(9);
    expect(league.diagnostics.map((d) => [d.origin, d.values.monthsFitted])).toEqual([
      ["2024-09", 21],
      ["2024-10", 22],
      ["2024-11", 23],
    ]);
  });

  it("is deterministic in its seed", async () => {
    const again = await runLeague(data, baselineForecasters({ samples: 300 }), { origins, horizons: [1, 3, 6], seed: 5 });
    const mine = league.scores.filter((s) => !s.forecaster.startsWith("model"));
    expect(again.scores).toEqual(mine);
  });
});

describe("league: options, custom forecasters, cancellation", () => {
  it("defaults to every origin from 2023-07 to the last that leaves an observed month", () => {
    const origins = defaultLeagueOrigins(data);
    expect(origins[0]).toBe("2023-07");
    expect(origins.at(-1)).toBe("2025-05");
    expect(origins).toHaveLength(23);
  });

  it("names bad options before any forecast", async () => {
    const error = await runLeague(data, [model()], { origins: ["2024-13", "2025-06", "2023-02"], horizons: [3, 1], pitBins: 1 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as OptionsError).issues.map((i) => i.path)).toEqual(["horizons.1", "pitBins", "origins.0", "origins.1", "origins.2"]);
    expect((error as OptionsError).message).toMatch(
      /origins\.1: expected an origin with an observed month 3 month\(s\) later \(the data end in 2025-06\), got 2025-06/,
    );
    const early = await runLeague(data, [model()], { origins: ["2023-02"] }).catch((e) => e);
    expect(early.message).toBe("origins.0: expected an origin from 2023-04 on (the forecasters need the months before it), got 2023-02");
  });

  it("scores any forecast function: a copy of persistence ties with it (relative WIS 1, no test)", async () => {
    const [persistence] = baselineForecasters({ samples: 200 });
    // Each forecaster gets its own seed from its name: pin it, so both draw the same samples.
    const pinned = (name: string, role: "candidate" | "baseline"): Forecaster => ({
      ...persistence!,
      name,
      role,
      forecast: (r) => persistence!.forecast({ ...r, seed: 99 }),
    });
    const league = await runLeague(data, [pinned("my forecast", "candidate"), pinned("persistence", "baseline")], {
      origins: ["2024-01", "2024-02", "2024-03", "2024-04"],
      horizons: [1],
      series: ["claimedLosses"],
    });
    const c = league.comparisons[0]!;
    expect([c.bestBaseline, c.relativeWis, c.wins, c.test.pValue]).toEqual(["persistence", 1, 0, null]);
  });

  it("stops on its signal with an AbortError", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runLeague(data, baselineForecasters(), { origins: ["2024-01"], signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
    const later = new AbortController();
    const run = runLeague(data, [calibratedHindcastForecaster({ calibration: { particles: 300, generations: 8 } })], {
      origins: ["2024-01", "2024-02"],
      signal: later.signal,
    });
    setTimeout(() => later.abort(), 20);
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("league summary on hand-made scores", () => {
  const row = (forecaster: string, origin: string, wis: number): LeagueScore => ({
    forecaster,
    series: "occupiedKm2",
    origin,
    horizon: 2,
    target: addMonths(origin, 2),
    observed: 0,
    wis,
    dispersion: wis,
    overprediction: 0,
    underprediction: 0,
    crps: wis,
    in50: true,
    in90: true,
    pit: 0.5,
    bias: 0,
    p05: 0,
    p50: 0,
    p95: 0,
  });
  const months = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"];
  const stub = (name: string, role: "candidate" | "baseline"): Forecaster => ({
    name,
    role,
    description: "",
    series: ["occupiedKm2"],
    forecast: () => ({ samples: {} }),
  });
  const a = [2, 5, 4, 8, 7, 10],
    b = [1, 2, 2, 3, 3, 4],
    c = [3, 3, 3, 3, 3, 9];
  const scores = [
    ...months.map((m, k) => row("m", m, a[k]!)),
    ...months.map((m, k) => row("b1", m, b[k]!)),
    ...months.map((m, k) => row("b2", m, c[k]!)),
  ];
  const { summary, comparisons } = summarizeLeague(scores, [stub("m", "candidate"), stub("b1", "baseline"), stub("b2", "baseline")], {
    series: ["occupiedKm2"],
    horizons: [2],
    pitBins: 5,
  });

  it("the best baseline is the lowest mean WIS; relative WIS and the Diebold–Mariano test follow", () => {
    expect(summary.map((r) => [r.forecaster, r.meanWis, r.relativeWis])).toEqual([
      ["m", 6, 6 / 2.5],
      ["b1", 2.5, 1],
      ["b2", 4, 4 / 2.5],
    ]);
    const cmp = comparisons[0]!;
    expect([cmp.bestBaseline, cmp.n, cmp.wins, cmp.relativeWis]).toEqual(["b1", 6, 0, 2.4]);
    expect(cmp.test).toEqual(dieboldMariano(a, b, 2)); // d = (1, 3, 2, 5, 4, 6): DM* ≈ 3.57, p ≈ 0.016 (worked in diebold-mariano.test.ts)
    expect(cmp.test.pValue).toBeCloseTo(0.016086, 5);
    expect(summary[0]!.pit.counts).toEqual([0, 0, 6, 0, 0]);
  });
});
