import { describe, expect, it } from "vitest";
import { runAbcSmc, robustScales, weightedQuantile } from "../../src/analysis/abc.js";
import { applyPosterior, calibrate, calibrateAsync } from "../../src/analysis/calibrate.js";
import { DEFAULT_CALIBRATED_PARAMETERS, hindcastScenario, observationsFromSeries } from "../../src/analysis/observations.js";
import { summarizeFit } from "../../src/analysis/posterior-summary.js";
import { predictiveCheck } from "../../src/analysis/predictive.js";
import { summaryPlan } from "../../src/analysis/summaries.js";
import { claimedLossesMonthly, occupiedAreaMonthly } from "../../src/data/index.js";
import { OptionsError, parseScenario, simulate, simulateSync } from "../../src/index.js";

const series = { occupiedArea: occupiedAreaMonthly, claimedLosses: claimedLossesMonthly };
const observe = (from: string, to: string) => observationsFromSeries(series, { from, to });

function optionsError(f: () => unknown): OptionsError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    return error as OptionsError;
  }
  throw new Error("expected an OptionsError");
}

describe("observations from the shipped series", () => {
  it("takes the window's monthly changes and claims, and the level before it", () => {
    const obs = observe("2023-01", "2025-06");
    expect(obs.months).toHaveLength(30);
    expect(obs.initialOccupiedKm2).toBeCloseTo(111_251.9, 1); // 2022-12-31: 111,251.8 (rounding of the change)
    expect(obs.occupiedChangeKm2[0]).toBe(380.7);
    expect(obs.claimedLosses.at(-1)).toBe(32_680);
  });

  it("refuses malformed or out-of-range windows", () => {
    expect(optionsError(() => observe("2023-1", "2025-06")).message).toMatch(/^from: expected a month YYYY-MM/);
    expect(optionsError(() => observe("2023-06", "2023-01")).message).toMatch(/^to: expected a month YYYY-MM not before 2023-06/);
    expect(optionsError(() => observe("2019-01", "2020-01")).message).toMatch(
      /^from: expected a month of the occupied-area series \(2022-02…2025-06\)/,
    );
  });

  it("the hindcast starts at the first observed month, stalemate, forces growing from the back-extrapolated F6", () => {
    const s = parseScenario(hindcastScenario(observe("2023-01", "2025-06")));
    expect(s.start).toBe("2023-01-01");
    expect(s.regimes.initial).toBe("stalemate");
    expect(s.dynamics.forces).toBe("free");
    expect(s.russia.initialForce.spec).toEqual({ dist: "fixed", value: Math.round(640_000 - (40_000 / 7) * 30) });
    expect(s.ceasefire.hazardPerMonth.spec).toEqual({ dist: "fixed", value: 0 });
  });
});

describe("summary statistics", () => {
  it("are finite for the observed window and for short windows", () => {
    for (const [from, to] of [
      ["2023-01", "2025-06"],
      ["2023-01", "2023-07"],
      ["2024-10", "2025-01"],
    ] as const) {
      const plan = summaryPlan(observe(from, to));
      expect(plan.labels.length, `${from}…${to}`).toBe(plan.observed.length);
      expect([...plan.observed].every(Number.isFinite), `${from}…${to}`).toBe(true);
    }
  });
});

describe("ABC-SMC (replenishment, MCMC moves)", () => {
  it("concentrates on the value that reproduces a noiseless observation, deterministically", () => {
    const problem = {
      dimension: 2,
      circular: [false, false],
      observed: Float64Array.of(0.3, 0.7),
      extras: 0,
      simulate: (u: Float64Array, n: number) => ({ summaries: u.slice(0, n * 2), extras: new Float64Array(0) }),
    };
    const settings = { particles: 300, generations: 8, seed: 3, quantile: 0.5, minAcceptance: 0.01, maxMoves: 5 };
    const a = runAbcSmc(problem, settings);
    const b = runAbcSmc(problem, settings);
    expect(Array.from(a.population.uniforms)).toEqual(Array.from(b.population.uniforms));
    const mean = (c: number) => a.population.uniforms.filter((_, i) => i % 2 === c).reduce((s, v) => s + v, 0) / 300;
    expect(mean(0)).toBeCloseTo(0.3, 1);
    expect(mean(1)).toBeCloseTo(0.7, 1);
    expect(a.history.at(-1)!.epsilon).toBeLessThan(a.history[1]!.epsilon);
  });

  it("wraps a circular coordinate: a target at 0 ≡ 1 gathers particles on both sides of the seam", () => {
    const problem = {
      dimension: 1,
      circular: [true],
      observed: Float64Array.of(0),
      extras: 0,
      simulate: (u: Float64Array, n: number) => ({
        summaries: Float64Array.from({ length: n }, (_, i) => Math.abs(u[i]! - Math.round(u[i]!))),
        extras: new Float64Array(0),
      }),
    };
    const r = runAbcSmc(problem, { particles: 200, generations: 4, seed: 1, quantile: 0.5, minAcceptance: 0.01, maxMoves: 5 });
    const u = Array.from(r.population.uniforms);
    expect(u.every((x) => x > 0.9 || x < 0.1)).toBe(true);
    expect(u.filter((x) => x < 0.5).length).toBeGreaterThan(40);
    expect(u.filter((x) => x > 0.5).length).toBeGreaterThan(40);
  });

  it("helpers: weighted quantile, robust scales", () => {
    expect(weightedQuantile(Float64Array.of(3, 1, 2), Float64Array.of(1, 1, 1), 0.5)).toBe(2);
    expect(weightedQuantile(Float64Array.of(3, 1, 2), Float64Array.of(0, 0, 1), 0.5)).toBe(2);
    expect(robustScales(Float64Array.of(1, 2, 3, 4, 100), 5, 1)[0]).toBeCloseTo(1.4826, 4);
    expect(robustScales(Float64Array.of(5, 5, 5), 3, 1)[0]).toBe(1);
  });

  it("summarizeFit: width ratio and a plain sentence", () => {
    const fit = summarizeFit(
      ["a", "b"],
      [
        { dist: "uniform", min: 0, max: 1 },
        { dist: "uniform", min: 0, max: 10 },
      ],
      [false, false],
      Float64Array.of(0.4, 0.05, 0.6, 0.95),
      Float64Array.of(0.5, 0.5),
      2,
    );
    expect(fit.parameters[0]!.widthRatio).toBeCloseTo(0.2 / 0.9, 10);
    expect(fit.parameters[0]!.verdict).toBe("informed");
    expect(fit.parameters[1]!.verdict).toBe("prior");
    expect(fit.summary).toMatch(/^The data inform a \(0\.22\); and leave b \(1\.00\) close to their priors — those stay assumptions\./);
  });
});

describe("calibrate", () => {
  const obs = observe("2024-07", "2025-06");
  const scenario = hindcastScenario(obs);
  const small = { particles: 60, generations: 2, maxMoves: 2, seed: 5, predictiveRuns: 0 } as const;

  it("names every bad option", () => {
    const e = optionsError(() =>
      calibrate(scenario, obs, {
        parameters: ["regimes.nope", "territory.stalemateMeanKm2PerMonth", "regimes.stalemateIntensity", "regimes.stalemateIntensity"],
        particles: 5,
        quantile: 1,
      }),
    );
    expect(e.issues.map((i) => i.path)).toEqual(["particles", "quantile", "parameters.0", "parameters.3"]);
    expect(e.message).toMatch(/parameters\.0: expected a parameter path of the scenario .*got "regimes\.nope"/);
    const fixedPrior = {
      ...(scenario as Record<string, unknown>),
      territory: { ...((scenario as Record<string, unknown>).territory as object), stalemateMeanKm2PerMonth: 40 },
    };
    const fixed = optionsError(() => calibrate(fixedPrior, obs, { parameters: ["territory.stalemateMeanKm2PerMonth"] }));
    expect(fixed.message).toBe(
      "parameters.0: expected a parameter with a prior distribution (a fixed value cannot be calibrated), got territory.stalemateMeanKm2PerMonth fixed at 40",
    );
  });

  it("refuses observations that do not start at the scenario's start", () => {
    const e = optionsError(() => calibrate("article", obs, { parameters: ["regimes.stalemateIntensity"] }));
    expect(e.message).toMatch(/^observations\.months\.0: expected the scenario's start month \(2025-07\)/);
    const gappy = { ...obs, months: [...obs.months.slice(0, 3), "2024-12", ...obs.months.slice(4)] };
    expect(optionsError(() => calibrate(scenario, gappy, { parameters: ["regimes.stalemateIntensity"] })).message).toBe(
      'observations.months.3: expected consecutive months (2024-10 after 2024-09), got "2024-12"',
    );
    const sparse = { ...obs, claimedLosses: obs.claimedLosses.map((c, m) => (m < 9 ? null : c)) };
    expect(optionsError(() => calibrate(scenario, sparse, { parameters: ["regimes.stalemateIntensity"] })).message).toBe(
      "observations: expected at least 4 months with both series observed, got 3",
    );
  });

  it("is deterministic and returns a joint posterior that simulate accepts, with forecasts continuing the accepted paths", () => {
    const parameters = ["regimes.stalemateIntensity", "attrition.russiaLossesPerMonth", "territory.offensivePaceKm2PerMonth"];
    const a = calibrate(scenario, obs, { ...small, parameters, forecastMonths: 3 });
    const b = calibrate(scenario, obs, { ...small, parameters, forecastMonths: 3 });
    expect(a.posterior).toEqual(b.posterior);
    expect(a.posterior.kind).toBe("posterior");
    expect(a.posterior.parameters).toEqual(parameters);
    expect(a.posterior.draws).toHaveLength(60);
    expect(a.forecast!.months).toEqual(["2025-07", "2025-08", "2025-09"]);
    expect(a.forecast!.claimedLosses[2]!.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
    const d = a.diagnostics;
    expect(d.generations).toHaveLength(3);
    expect(d.acceptanceRate).toBeGreaterThan(0);
    expect(d.ess).toBeGreaterThan(1);
    expect(d.parameters.map((p) => p.path)).toEqual(parameters);
    expect(d.summary).toMatch(/close to their priors|inform/);
    // simulate takes one whole row per path: the kept parameters are rows of the posterior.
    const run = simulateSync(a.scenario, { runs: 50, horizonMonths: 2, step: "month", keepPaths: true });
    const rows = new Set(a.posterior.draws.map((r) => r.join(",")));
    for (let i = 0; i < 50; i += 1) {
      expect(rows.has(parameters.map((p) => run.paths!.parameters![p]![i]).join(","))).toBe(true);
    }
  });

  it("calibrateAsync runs the same steps: the same posterior and forecast; an aborted signal stops it with an AbortError", async () => {
    const parameters = ["regimes.stalemateIntensity", "attrition.russiaLossesPerMonth", "attrition.claimsBias"];
    const options = { ...small, parameters, forecastMonths: 2 };
    const sync = calibrate(scenario, obs, options);
    const async = await calibrateAsync(scenario, obs, options);
    expect(async.posterior).toEqual(sync.posterior);
    expect(async.forecast).toEqual(sync.forecast);
    expect(async.diagnostics.generations).toEqual(sync.diagnostics.generations);
    // The true losses behind the claims: claimed = true × the draw's claimsBias.
    const bias = sync.posterior.draws.map((row) => row[2]!);
    sync.forecast!.trueLosses.forEach((month, k) =>
      month.forEach((v, i) => {
        expect(v).toBeGreaterThan(0);
        expect(sync.forecast!.claimedLosses[k]![i]!).toBeCloseTo(v * bias[i]!, 6);
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    await expect(
      calibrateAsync(scenario, obs, { ...options, particles: 400, generations: 20, signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
    await expect(calibrateAsync(scenario, obs, { ...options, particles: 5 })).rejects.toBeInstanceOf(OptionsError);
  });

  it("applyPosterior attaches the draws to another scenario with calibration provenance", () => {
    const fit = calibrate(scenario, obs, { ...small, parameters: ["regimes.stalemateIntensity", "territory.stalemateMeanKm2PerMonth"] });
    const s = parseScenario(applyPosterior("article", fit.posterior));
    expect(s.posterior?.kind === "posterior" && s.posterior.draws).toHaveLength(60);
    expect(s.territory.stalemateMeanKm2PerMonth.provenance.source).toBe("calibration");
    expect(s.territory.stalemateMeanKm2PerMonth.spec.dist).toBe("uniform");
    expect(simulateSync(s, { runs: 20, horizonMonths: 3, step: "month" }).months).toHaveLength(3);
  });

  it("a calibrated scenario from the shipped data runs through simulate, and its 2025-H1 posterior predictive band holds the observed months", async () => {
    const full = observe("2023-01", "2025-06");
    const fit = calibrate(hindcastScenario(full), full, {
      parameters: DEFAULT_CALIBRATED_PARAMETERS,
      particles: 300,
      generations: 4,
      maxMoves: 6,
      seed: 1,
      predictiveRuns: 0,
    });
    const projection = await simulate(fit.scenario, {
      runs: 2000,
      seed: 11,
      horizonMonths: full.months.length,
      step: "month",
      keepPaths: true,
    });
    const check = predictiveCheck(projection, full);
    for (let m = full.months.indexOf("2025-01"); m < full.months.length; m += 1) {
      for (const key of ["occupiedChangeKm2", "claimedLosses"] as const) {
        const band = check[key];
        const observed = band.observed[m]!;
        expect(observed, `${key} ${full.months[m]}: ${observed} in [${band.p05[m]}, ${band.p95[m]}]`).toBeGreaterThanOrEqual(band.p05[m]!);
        expect(observed, `${key} ${full.months[m]}: ${observed} in [${band.p05[m]}, ${band.p95[m]}]`).toBeLessThanOrEqual(band.p95[m]!);
      }
    }
    // Over the whole window the 90% band holds most months (residual check, docs/calibration-abc.md).
    expect(check.occupiedChangeKm2.coverage90).toBeGreaterThanOrEqual(0.8);
    expect(check.claimedLosses.coverage90).toBeGreaterThanOrEqual(0.8);
  });
});
