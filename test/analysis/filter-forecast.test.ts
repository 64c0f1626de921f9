import { describe, expect, it } from "vitest";
import { filterAndForecast } from "../../src/analysis/filter-forecast.js";
import { OBSERVATION_SETTINGS } from "../../src/scenario/observation-settings.js";
import { filteredModelForecaster, filterObservationsOf } from "../../src/analysis/league-filtered.js";
import { dataUpTo, SHIPPED_LEAGUE_DATA } from "../../src/analysis/league-data.js";
import { hindcastScenario, observationsFromSeries } from "../../src/analysis/observations.js";

const ORIGIN = "2024-06";
const cut = dataUpTo(SHIPPED_LEAGUE_DATA, ORIGIN);
const observations = filterObservationsOf(cut, "2023-01", ORIGIN, ["isw", "claims"]);
const scenario = hindcastScenario(
  observationsFromSeries({ occupiedArea: cut.occupiedArea, claimedLosses: cut.claimedLosses }, { from: "2023-01", to: ORIGIN }),
);

describe("filterObservationsOf", () => {
  it("lines the sources up on the window's months, each only if asked for", () => {
    expect(observations.months[0]).toBe("2023-01");
    expect(observations.months.at(-1)).toBe(ORIGIN);
    expect(observations.occupiedChangeKm2).toHaveLength(18);
    expect(observations.claimedLosses![17]).toBe(cut.claimedLosses.find((r) => r.month === ORIGIN)!.monthlyIncrement);
    expect(observations.economist).toBeUndefined();
    const withEconomist = filterObservationsOf(cut, "2023-01", ORIGIN, ["economist"]);
    expect(withEconomist.occupiedChangeKm2).toBeUndefined();
    expect(withEconomist.economist![0]!.estimate).toBe(cut.economistCasualties.find((r) => r.month === "2023-01")!.casualtiesEst);
    expect(withEconomist.economistBefore!.estimate).toBe(cut.economistCasualties.find((r) => r.month === "2022-12")!.casualtiesEst);
  });

  it("refuses Economist rows without their interval (the observation's spread)", () => {
    const bare = { ...cut, economistCasualties: cut.economistCasualties.map((r) => ({ month: r.month, casualtiesEst: r.casualtiesEst })) };
    expect(() => filterObservationsOf(bare, "2023-01", ORIGIN, ["economist"])).toThrow(/casualtiesPiLow and casualtiesPiHigh/);
  });
});

describe("filterAndForecast", () => {
  const run = () => filterAndForecast(scenario, observations, { particles: 400, seed: 2 }, 6);

  it("gives every particle's reported changes for each forecast month, the same for a seed", () => {
    const a = run(),
      b = run();
    expect(a.paths.occupiedChangeKm2).toHaveLength(6);
    expect(a.paths.claimedLosses[5]).toHaveLength(400);
    expect(Number.isFinite(a.filter.logLikelihood)).toBe(true);
    expect(a.filter.resampledAt).toHaveLength(18);
    expect(Array.from(a.paths.claimedLosses[2]!)).toEqual(Array.from(b.paths.claimedLosses[2]!));
    expect(a.filter.logLikelihood).toBe(b.filter.logLikelihood);
  });

  it("reports the last forecast month through the observation models: area = the model's change + ISW noise, Economist = ρ_E · ΔL", () => {
    const { model, paths } = run();
    const k = 5;
    let sumSq = 0;
    for (let i = 0; i < model.size; i += 1) {
      sumSq += (paths.occupiedChangeKm2[k]![i]! - model.areaChange[i]!) ** 2;
      expect(paths.casualtiesIncrement[k]![i]).toBeCloseTo(model.economistRatio[i]! * model.lossesInMonth[i]!, 6);
      const ratio = paths.claimedLosses[k]![i]! / (model.lossesInMonth[i]! * Math.exp(model.logBias[i]!));
      expect(Math.abs(Math.log(ratio))).toBeLessThan(5 * OBSERVATION_SETTINGS.claimsLogSd);
    }
    // The ISW noise's sd, estimated from 400 draws (relative se ≈ 3.5%).
    expect(Math.sqrt(sumSq / model.size) / OBSERVATION_SETTINGS.iswSdKm2).toBeGreaterThan(0.85);
    expect(Math.sqrt(sumSq / model.size) / OBSERVATION_SETTINGS.iswSdKm2).toBeLessThan(1.15);
  });
});

describe("filteredModelForecaster", () => {
  it("forecasts every series at every horizon from the observed value at the origin", async () => {
    const forecaster = filteredModelForecaster({ particles: 300 });
    const forecast = await forecaster.forecast({
      origin: ORIGIN,
      horizons: [1, 3],
      series: ["occupiedKm2", "claimedLosses"],
      data: SHIPPED_LEAGUE_DATA,
      seed: 4,
    });
    const area = forecast.samples.occupiedKm2!;
    expect(area).toHaveLength(2);
    expect(area[0]).toHaveLength(300);
    const last = cut.occupiedArea.at(-1)!.occupiedKm2;
    const median = (xs: ArrayLike<number>) => Float64Array.from(xs).sort()[xs.length >> 1]!;
    // A month of fighting moves the area by hundreds of km², not tens of thousands.
    expect(Math.abs(median(area[0]!) - last)).toBeLessThan(3000);
    expect(median(forecast.samples.claimedLosses![1]!)).toBeGreaterThan(cut.claimedLosses.at(-1)!.cumulativeAtMonthEnd);
    expect(forecast.diagnostics!.monthsFiltered).toBe(18);
  });
});

describe("filteredModelForecaster with a per-origin profile fit", () => {
  it("keeps each origin's estimate in the cache it is given; a second run hits every key and gives the same samples", async () => {
    const store = new Map<string, Record<string, number>>();
    const gets: boolean[] = [];
    const cache = {
      get: (key: string) => {
        gets.push(store.has(key));
        return store.get(key);
      },
      set: (key: string, estimate: Record<string, number>) => void store.set(key, estimate),
    };
    const profile = { parameters: ["attrition.russiaLossesPerMonth", "territory.offensiveNoiseSd"], particles: 100, seeds: 1, sweeps: 1 };
    const run = async () => {
      const forecaster = filteredModelForecaster({ particles: 200, parameters: { profile, cache } });
      const out = [];
      for (const origin of ["2024-03", "2024-04"])
        out.push(await forecaster.forecast({ origin, horizons: [1], series: ["occupiedKm2"], data: SHIPPED_LEAGUE_DATA, seed: 5 }));
      return out.map((f) => Array.from(f.samples.occupiedKm2![0]!));
    };
    const first = await run();
    expect(gets).toEqual([false, false]);
    expect(store.size).toBe(2);
    expect(await run()).toEqual(first);
    expect(gets).toEqual([false, false, true, true]);
  });
});

describe("filterScenario", () => {
  it("is the hindcast with the filter's priors (the persistence of the pace), the ABC's priors untouched", async () => {
    const { filterScenario, FILTER_PRIORS } = await import("../../src/analysis/filter-priors.js");
    const o = observationsFromSeries({ occupiedArea: cut.occupiedArea, claimedLosses: cut.claimedLosses }, { from: "2023-01", to: ORIGIN });
    const s = filterScenario(o) as unknown as { territory: Record<string, unknown> };
    expect(s.territory.offensiveNoiseAutocorrelation).toEqual(FILTER_PRIORS["territory.offensiveNoiseAutocorrelation"]);
    const h = hindcastScenario(o) as unknown as { territory: Record<string, { value?: number }> };
    expect(h.territory.offensiveNoiseAutocorrelation!.value).toBe(0);
    expect(s.territory.offensivePaceKm2PerMonth).toEqual(h.territory.offensivePaceKm2PerMonth);
  });
});

describe("pmmhForecaster", () => {
  it("pools draws × particles into each forecast, warm-starting each origin's chain from the last", async () => {
    const { pmmhForecaster } = await import("../../src/analysis/league-pmmh.js");
    const small = {
      parameters: ["territory.offensiveNoiseAutocorrelation", "attrition.russiaLossesPerMonth"],
      particles: 200,
      firstBurnIn: 10,
      burnIn: 5,
      iterations: 20,
      draws: 4,
      particlesPerDraw: 25,
    };
    const forecaster = pmmhForecaster(small);
    const ask = (origin: string) =>
      forecaster.forecast({ origin, horizons: [1, 3], series: ["occupiedKm2"], data: SHIPPED_LEAGUE_DATA, seed: 9 });
    const first = await ask("2024-03");
    expect(first.samples.occupiedKm2![1]).toHaveLength(100);
    const second = await ask("2024-04");
    expect(second.samples.occupiedKm2![0]).toHaveLength(100);
    // A fresh forecaster at the second origin starts cold: other numbers than the warm one's.
    const cold = await pmmhForecaster(small).forecast({
      origin: "2024-04",
      horizons: [1, 3],
      series: ["occupiedKm2"],
      data: SHIPPED_LEAGUE_DATA,
      seed: 9,
    });
    expect(Array.from(cold.samples.occupiedKm2![0]!)).not.toEqual(Array.from(second.samples.occupiedKm2![0]!));
    const last =
      cut.occupiedArea.find((r) => r.month === "2024-04") ?? SHIPPED_LEAGUE_DATA.occupiedArea.find((r) => r.month === "2024-04")!;
    const median = Float64Array.from(second.samples.occupiedKm2![0]!).sort()[50]!;
    expect(Math.abs(median - last.occupiedKm2)).toBeLessThan(3000);
  });
});
