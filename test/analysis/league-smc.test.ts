import { describe, expect, it } from "vitest";
import { SHIPPED_LEAGUE_DATA } from "../../src/analysis/league-data.js";
import { baselineForecasters } from "../../src/analysis/league-forecasters.js";
import { inThreadLikelihoods, smcForecaster, type SmcForecasterOptions } from "../../src/analysis/league-smc.js";
import { runLeague } from "../../src/analysis/league.js";
import type { SmcResult } from "../../src/analysis/inference-smc.js";

const SMALL: SmcForecasterOptions = {
  parameters: ["intensity.noiseSd", "territory.offensivePaceKm2PerMonth"],
  thetaParticles: 24,
  filterParticles: 30,
  firstMoves: 2,
  updateMoves: 1,
  draws: 4,
  particlesPerDraw: 10,
};
const ask = (forecaster: ReturnType<typeof smcForecaster>, origin: string) =>
  forecaster.forecast({ origin, horizons: [1, 3], series: ["occupiedKm2", "claimedLosses"], data: SHIPPED_LEAGUE_DATA, seed: 5 });
const flat = (f: Awaited<ReturnType<typeof ask>>) => Object.values(f.samples).flatMap((s) => s!.map((a) => Array.from(a)));

describe("smcForecaster", () => {
  it("fits at the first origin, carries the fit to the next month, and pools draws × particles", async () => {
    const calls: number[] = [];
    const counting: SmcForecasterOptions["likelihoods"] = (origin, from, particles) => {
      const inner = inThreadLikelihoods(SHIPPED_LEAGUE_DATA)(origin, from, particles);
      return (batch) => (calls.push(batch.length), inner(batch));
    };
    const forecaster = smcForecaster({ ...SMALL, likelihoods: counting });
    const first = await ask(forecaster, "2023-07");
    expect(first.diagnostics!.fit).toBe("tempered");
    expect(first.samples.occupiedKm2![1]).toHaveLength(40);
    const firstCalls = calls.length;
    const second = await ask(forecaster, "2023-08");
    expect(second.diagnostics!.fit).toBe("update");
    // the update: one batch re-evaluating every θ on the longer window, then one move
    expect(calls.slice(firstCalls)).toEqual([24, 24]);
    // a month not following the last one starts afresh
    expect((await ask(forecaster, "2023-11")).diagnostics!.fit).toBe("tempered");
    // as does a revised past: the claims of 2023-10 changed
    const revised = {
      ...SHIPPED_LEAGUE_DATA,
      claimedLosses: SHIPPED_LEAGUE_DATA.claimedLosses.map((r) =>
        r.month === "2023-10"
          ? { ...r, monthlyIncrement: r.monthlyIncrement + 500, cumulativeAtMonthEnd: r.cumulativeAtMonthEnd + 500 }
          : r,
      ),
    };
    const answer = await forecaster.forecast({ origin: "2023-12", horizons: [1], series: ["occupiedKm2"], data: revised, seed: 5 });
    expect(answer.diagnostics!.fit).toBe("tempered");
    // the forecast starts from the observed level at the origin (ISW, km²), not from the article's
    const level = SHIPPED_LEAGUE_DATA.occupiedArea.find((r) => r.month === "2023-08")!.occupiedKm2;
    const sorted = Float64Array.from(second.samples.occupiedKm2![0]!).sort();
    expect(Math.abs(sorted[20]! - level)).toBeLessThan(2000);
  });

  it("gives the same bytes from its cache, in this thread or through another evaluator of the same likelihoods", async () => {
    const store = new Map<string, SmcResult>();
    const cache = { get: (k: string) => store.get(k), set: (k: string, v: SmcResult) => void store.set(k, v) };
    const fresh = smcForecaster({ ...SMALL, cache });
    const a = [flat(await ask(fresh, "2023-07")), flat(await ask(fresh, "2023-08"))];
    expect(store.size).toBe(2);
    let evaluated = 0;
    const never: SmcForecasterOptions["likelihoods"] = () => (batch) => ((evaluated += batch.length), batch.map(() => 0));
    const fromCache = smcForecaster({ ...SMALL, cache, likelihoods: never });
    expect([flat(await ask(fromCache, "2023-07")), flat(await ask(fromCache, "2023-08"))]).toEqual(a);
    expect(evaluated).toBe(0);
    // Asynchronous answers (as a worker pool gives) change nothing.
    const later: SmcForecasterOptions["likelihoods"] = (origin, from, particles) => {
      const inner = inThreadLikelihoods(SHIPPED_LEAGUE_DATA)(origin, from, particles);
      return async (batch) => (await new Promise((r) => setTimeout(r, 1)), inner(batch));
    };
    const pooled = smcForecaster({ ...SMALL, likelihoods: later });
    expect([flat(await ask(pooled, "2023-07")), flat(await ask(pooled, "2023-08"))]).toEqual(a);
  });

  it("in a league, carries each origin's fit to the next (runLeague hands each origin its own cut of the data)", async () => {
    const league = await runLeague(SHIPPED_LEAGUE_DATA, [smcForecaster(SMALL), ...baselineForecasters().slice(0, 1)], {
      origins: ["2023-07", "2023-08", "2023-09"],
      horizons: [1],
      series: ["occupiedKm2"],
    });
    const fits = league.diagnostics.filter((d) => d.forecaster === "model (particle filter, SMC posterior)").map((d) => d.values.fit);
    expect(fits).toEqual(["tempered", "update", "update"]);
  });

  it("refuses bad settings and a parameter the filter's scenario lacks, naming them", async () => {
    expect(() => smcForecaster({ ...SMALL, thetaParticles: 0 })).toThrow(/thetaParticles/);
    expect(() => smcForecaster({ ...SMALL, draws: 25 })).toThrow(/draws/);
    expect(() => smcForecaster({ ...SMALL, updateMoves: 1.5 })).toThrow(/updateMoves/);
    await expect(ask(smcForecaster({ ...SMALL, parameters: ["territory.nonsense"] }), "2023-07")).rejects.toThrow(/territory.nonsense/);
  });
});
