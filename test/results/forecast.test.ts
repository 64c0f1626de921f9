import { describe, expect, it } from "vitest";
import { readObservationFiles, shippedObservations } from "../../src/data/observation-set.js";
import { occupiedAreaMonthly, claimedLossesMonthly } from "../../src/data/series.js";
import { forecast, Forecast } from "../../src/results/forecast.js";
import { FILTER_ESTIMATE } from "../../src/analysis/filter-estimate.js";
import { REFIT_PARAMETERS } from "../../src/analysis/forecast-refit.js";
import { forecastWindow } from "../../src/analysis/forecast-window.js";
import { filterScenario } from "../../src/analysis/filter-priors.js";
import { listParameters } from "../../src/scenario/parameter-list.js";
import { parseScenario } from "../../src/scenario/parse.js";
import { support } from "../../src/scenario/distribution-math.js";
import { SHIPPED_POSTERIOR } from "../../src/scenario/shipped-posterior.js";
import { Projection } from "../../src/results/projection.js";
import { OptionsError } from "../../src/util/errors.js";
import { shippedFilesThrough } from "../helpers/observation-files.js";

const SMALL = { runs: 500, horizonMonths: 3, seed: 3 } as const;

describe("forecast", () => {
  it("starts the month after the last observed month, from the filtered state, on the shipped data by default", async () => {
    const f = await forecast(SMALL);
    expect(f).toBeInstanceOf(Projection);
    expect([f.from, f.through, f.months[0], f.months.length, f.runs]).toEqual(["2023-01", "2025-06", "2025-07-31", 3, 500]);
    expect(f.sources.map((s) => s.source)).toEqual(["isw", "claims", "economist", "pointEstimates"]);
    expect(f.parameters.method).toBe("shipped");
    // 500 particles: 5 draws of the shipped posterior, 100 particles each; values are their medians.
    expect(f.parameters.draws).toBe(5);
    expect(Object.keys(f.parameters.values)).toEqual([...SHIPPED_POSTERIOR.parameters]);
    expect(f.filter.months).toBe(30);
    // The filter's paths run the engine's default month step, and the result says so.
    expect(f.toJSON().options.step).toBe("month");
    expect(Number.isFinite(f.filter.logLikelihood)).toBe(true);
    // Losses count from the forecast's start; the area is the filtered state's, near ISW's last value.
    expect(f.initial.russiaLosses).toBe(0);
    expect(f.series("russiaLosses").p05[0]).toBeGreaterThan(0);
    expect(Math.abs(f.initial.occupiedKm2 - 117_718.2)).toBeLessThan(1500);
    expect(f.reportedSeries).toEqual(["occupiedKm2", "claimedLosses", "casualtiesEst"]);
    const claims = f.reported("claimedLosses");
    expect(claims.p05[0]).toBeGreaterThan(claimedLossesMonthly.at(-1)!.cumulativeAtMonthEnd);
    expect(claims.p50[2]).toBeGreaterThan(claims.p50[1]!);
    // The claimedLosses series counts the same claims from the forecast's start: the reported
    // level less the last observed one, quantile by quantile.
    const last = claimedLossesMonthly.at(-1)!.cumulativeAtMonthEnd;
    const since = f.series("claimedLosses");
    expect(f.initial.claimedLosses).toBe(0);
    for (const q of ["p05", "p50", "p95"] as const)
      since[q].forEach((v, k) => expect(Math.abs(v + last - claims[q][k]!)).toBeLessThanOrEqual(1e-6 * claims[q][k]!));
  });

  it("gives the same bytes for a seed, and --through the same forecast as the files cut at that month", async () => {
    const a = await forecast({ ...SMALL, through: "2024-09" });
    expect(JSON.stringify(a.toForecastJSON())).toBe(JSON.stringify((await forecast({ ...SMALL, through: "2024-09" })).toForecastJSON()));
    expect(JSON.stringify((await forecast({ ...SMALL, seed: 4, through: "2024-09" })).toForecastJSON().reported)).not.toBe(
      JSON.stringify(a.toForecastJSON().reported),
    );
    for (const through of ["2024-01", "2024-09", "2025-03"]) {
      const cut = readObservationFiles(shippedFilesThrough(through));
      const [byOption, byFiles] = [await forecast({ ...SMALL, through }), await forecast({ ...SMALL, observations: cut })];
      // The file names differ ("shipped …" or not), in the sources and in the notes that name them.
      const strip = (f: Forecast) => ({
        ...f.toForecastJSON(),
        sources: f.sources.map(({ file: _, ...s }) => s),
        notes: f.notes.map((n) => n.replace(/^shipped /, "")),
      });
      expect(strip(byFiles)).toEqual(strip(byOption));
      expect(byFiles.through).toBe(through);
    }
  });

  it("covers the held-out ISW month ends after 2024-12 with its 90% band (at least 5 of 6; a wrong start level misses all)", async () => {
    // θ at the prior medians: the shipped estimate has seen 2025.
    const f = await forecast({ runs: 2000, seed: 11, through: "2024-12", horizonMonths: 6, parameters: {} });
    expect(f.parameters.method).toBe("given");
    const area = f.reported("occupiedKm2");
    const observed = occupiedAreaMonthly.filter((r) => r.month >= "2025-01" && r.month <= "2025-06").map((r) => r.occupiedKm2);
    const inside = observed.filter((v, m) => v >= area.p05[m]! && v <= area.p95[m]!).length;
    expect(inside).toBeGreaterThanOrEqual(5);
    // The band is a forecast's, not the prior's: its 1-month width is under 5,000 km².
    expect(area.p95[0]! - area.p05[0]!).toBeLessThan(5000);
  });

  it("pools its posterior draws, the same bytes for a seed, and splits the particles 100 or more to a draw", async () => {
    const pooled = await forecast({ runs: 1000, horizonMonths: 6, seed: 2 });
    expect(pooled.parameters.draws).toBe(10);
    // one θ (the pooled draws' medians) on the same particles: no parameter uncertainty
    const one = await forecast({ runs: 1000, horizonMonths: 6, seed: 2, parameters: pooled.parameters.values });
    expect(one.parameters.draws).toBe(1);
    // (the pooled band need not be wider: the medians' θ is not a typical draw)
    expect(pooled.reported("claimedLosses").p50).not.toEqual(one.reported("claimedLosses").p50);
    const again = await forecast({ runs: 1000, horizonMonths: 6, seed: 2 });
    expect(JSON.stringify(again.toForecastJSON())).toBe(JSON.stringify(pooled.toForecastJSON()));
    // 250 particles: 2 draws of 125; 150: 1 draw (at least 100 particles per draw)
    expect((await forecast({ runs: 250, horizonMonths: 1, seed: 2 })).parameters.draws).toBe(2);
    expect((await forecast({ runs: 150, horizonMonths: 1, seed: 2 })).parameters.draws).toBe(1);
    expect(pooled.parameters.note).toContain("10 draws");
  });

  it("uses only the sources it is given and reports only theirs", async () => {
    const { economist: _, pointEstimates: __, ...set } = shippedObservations();
    const f = await forecast({ ...SMALL, observations: { ...set, files: { isw: set.files.isw, claims: set.files.claims } } });
    expect(f.sources.map((s) => s.source)).toEqual(["isw", "claims"]);
    expect(() => f.reported("casualtiesEst")).toThrow(
      "expected a series of a source the forecast weighed (isw, claims), got casualtiesEst",
    );
    expect(f.toCSV()).toContain(",reported.claimedLosses,p50,");
  });

  it("refuses bad options with the option's name", async () => {
    for (const [options, message] of [
      [{ runs: 50 }, "runs: expected an integer from 100 to 20480, got 50"],
      [{ horizonMonths: 0 }, "horizonMonths: expected an integer from 1 to 120, got 0"],
      [{ refit: "yes" }, 'refit: expected true, false or { thetaParticles, filterParticles, finalMoves }, got "yes"'],
      [{ refit: { thetaParticles: 10 } }, "refit.thetaParticles: expected an integer from 26 to 5000, got 10"],
      [{ refit: { moves: 3 } }, "refit.moves: unknown setting (settings: thetaParticles, filterParticles, finalMoves)"],
      [{ refit: true, likelihoods: 1 }, "likelihoods: expected a function, got 1"],
      [{ drawFilter: "workers" }, 'drawFilter: expected a function, got "workers"'],
      [{ observations: [] }, "observations: expected an ObservationSet"],
      [{ particles: 10 }, "particles: unknown option"],
      [{ parameters: {}, refit: true }, "parameters: expected either parameters or refit, not both"],
      [{ parameters: { "no.such": 1 } }, "values.no.such: expected a parameter path of the scenario drawn per path"],
    ] as const) {
      const error = await forecast(options as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OptionsError);
      expect(String((error as OptionsError).message)).toContain(message);
    }
  });

  it("stops on an aborted signal", async () => {
    const error = await forecast({ ...SMALL, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
  });
});

describe("the shipped estimate (src/analysis/filter-estimate.ts, npm run fit:profile)", () => {
  it("fits the shipped window better than the prior medians, on seeds the ascent did not use", async () => {
    const { warLogLikelihood } = await import("../../src/analysis/war-particles.js");
    const { filterProblem } = await import("../../src/analysis/league-filtered.js");
    const { SHIPPED_LEAGUE_DATA } = await import("../../src/analysis/league-data.js");
    const { observations, scenario } = filterProblem(SHIPPED_LEAGUE_DATA, FILTER_ESTIMATE.from, FILTER_ESTIMATE.through, ["isw", "claims"]);
    const logLikelihood = warLogLikelihood(scenario, observations, 2000, "test-estimate");
    // sd(log L̂) at 2,000 particles is about 1 (docs/filter.md); the file says 30 log units apart.
    const [atEstimate, atMedians] = [logLikelihood(FILTER_ESTIMATE.values, 77), logLikelihood({}, 77)];
    expect(atEstimate).toBeGreaterThan(atMedians + 15);
    expect(Math.abs(atEstimate - FILTER_ESTIMATE.logLikelihood)).toBeLessThan(5);
  });

  it("notes that the shipped θ saw later data when the origin is before its window's end", async () => {
    const f = await forecast({ ...SMALL, through: "2024-06" });
    expect(f.notes.at(-1)).toBe(
      "the shipped posterior of θ saw data up to 2025-06, after this forecast's origin 2024-06: refit for a forecast that uses only data up to 2024-06",
    );
  });
});

describe("refit", () => {
  // A small tempered SMC (the defaults take minutes: 300 θ particles, 100 filter particles, 14 final moves).
  const SMALL_REFIT = { ...SMALL, through: "2024-06", refit: { thetaParticles: 26, filterParticles: 20, finalMoves: 1 } } as const;

  it("re-infers the posterior on the window and pools its draws, reporting progress", async () => {
    const progress: number[] = [];
    const f = await forecast({ ...SMALL_REFIT, onProgress: (share) => progress.push(share) });
    expect(f.parameters.method).toBe("refit");
    // 500 particles: 5 draws of the 26, 100 particles each; values are the draws' medians.
    expect(f.parameters.draws).toBe(5);
    expect(Object.keys(f.parameters.values)).toEqual([...REFIT_PARAMETERS]);
    expect(f.parameters.note).toMatch(
      /^refit by tempered SMC on 2023-01 … 2024-06 \(isw, claims, economist, pointEstimates\): 26 θ particles from the prior, 20 filter particles per likelihood, \d+ stages, 1 move at the last .* \d+ filter runs, log evidence -\d+\.\d; 5 draws/,
    );
    // Each value inside its prior's support; the filtered area near ISW's at the origin.
    const slots = listParameters(parseScenario(filterScenario(forecastWindow(shippedObservations(), { through: "2024-06" }).hindcast)));
    for (const [path, value] of Object.entries(f.parameters.values)) {
      const [lo, hi] = support(slots.find((s) => s.path === path)!.spec);
      expect(value, path).toBeGreaterThanOrEqual(lo);
      expect(value, path).toBeLessThanOrEqual(hi);
    }
    const isw = occupiedAreaMonthly.find((r) => r.month === "2024-06")!.occupiedKm2;
    expect(Math.abs(f.initial.occupiedKm2 - isw)).toBeLessThan(1500);
    // Progress never goes back, and ends at 1.
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    // The same seed, the same bytes.
    const again = await forecast(SMALL_REFIT);
    expect(JSON.stringify(again.toForecastJSON())).toBe(JSON.stringify(f.toForecastJSON()));
  });

  it("stops on its signal within one θ's filter runs, not after the whole fit", async () => {
    const started = Date.now();
    const error = await forecast({ ...SMALL, refit: true, signal: AbortSignal.timeout(200) }).catch((e: unknown) => e);
    expect((error as Error).name).toMatch(/AbortError|TimeoutError/);
    // A whole refit takes minutes; one filter run at 100 particles over 30 months about 16 ms.
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("Forecast.reportedSVG", () => {
  it("draws the reported series' bands after its observed history over the window", async () => {
    const f = await forecast({ ...SMALL, through: "2024-12" });
    const svg = f.reportedSVG("claimedLosses");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Russian losses as the General Staff would claim them (since 2022-02-24)");
    // 2022-12 … 2024-12: 25 observed month ends, one dot each, and their line.
    expect(svg.match(/<circle /g)).toHaveLength(25);
    expect(svg).toContain("<title>observed (shipped russia_personnel_losses_monthly.csv)</title>");
    expect(svg).toContain("the forecast from 2025-01-01");
    expect(f.reportedSVG()).toContain("Occupied area as ISW would report it");
    expect(() => f.reportedSVG("russiaForce" as never)).toThrow(/expected one of occupiedKm2, claimedLosses, casualtiesEst/);
  });
});
