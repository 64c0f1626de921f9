import { describe, expect, it, vi } from "vitest";
import { meanField, parseScenario, simulateSync, ScenarioError } from "../../src/index.js";
import { toScenarioInput } from "../../src/scenario/parse.js";
import { SHIPPED_POSTERIOR } from "../../src/scenario/shipped-posterior.js";
import { SHIPPED_POSTERIOR_INFO } from "../../src/scenario/shipped-posterior-info.js";

// `baseline` runs on the shipped posterior (issue 14, item 7): each path takes one row — the
// fitted parameters and the filtered state at 2025-06 — and an override of a fitted parameter
// sets it in every path while each path keeps its row's state and other parameters.
const column = (name: string) => SHIPPED_POSTERIOR.state.columns.indexOf(name as never);
const OPTIONS = { runs: 1500, seed: 3, horizonMonths: 3, step: "month", keepPaths: true } as const;

describe("the baseline preset starts each path from a posterior row", () => {
  const store = simulateSync("baseline", OPTIONS).paths!;
  const paceColumn = SHIPPED_POSTERIOR.parameters.indexOf("territory.offensivePaceKm2PerMonth");
  const lossColumn = SHIPPED_POSTERIOR.parameters.indexOf("attrition.russiaLossesPerMonth");

  it("a path's parameters and its start are the same row's (the joint draw), for every path", () => {
    const byArea = new Map<number, number[]>();
    SHIPPED_POSTERIOR.state.rows.forEach((row, r) =>
      byArea.set(row[column("occupiedKm2")]!, [...(byArea.get(row[column("occupiedKm2")]!) ?? []), r]),
    );
    for (let i = 0; i < OPTIONS.runs; i += 1) {
      const rows = byArea.get(store.initial.occupiedKm2[i]!) ?? [];
      const row = rows.find(
        (r) =>
          SHIPPED_POSTERIOR.draws[r]![paceColumn] === store.parameters!["territory.offensivePaceKm2PerMonth"]![i] &&
          SHIPPED_POSTERIOR.draws[r]![lossColumn] === store.parameters!["attrition.russiaLossesPerMonth"]![i] &&
          SHIPPED_POSTERIOR.state.rows[r]![column("russia.force")] === store.initial.russiaForce[i],
      );
      expect(row, `path ${i}`).toBeDefined();
    }
    // 1,500 paths over 1,000 rows, a multinomial (not a fixed cycle): ≈ 1,000·(1 − e^−1.5) ≈ 777
    // distinct rows are expected, sd ≈ 10 (the pace tells the rows apart).
    const distinct = new Set(store.parameters!["territory.offensivePaceKm2PerMonth"]).size;
    expect(distinct).toBeGreaterThan(740);
    expect(distinct).toBeLessThan(815);
  });

  it("the article preset starts every path from the article's t0 instead", () => {
    const article = simulateSync("article", OPTIONS).paths!;
    expect(new Set(article.initial.occupiedKm2)).toEqual(new Set([117_718.2]));
  });

  it("the first month walks the regime on from the state (a certain switch happens in month one)", () => {
    const certain = { extends: "baseline", regimes: { offensiveToStalematePerMonth: 1, stalemateToOffensivePerMonth: 0 } };
    const p = simulateSync(certain, { ...OPTIONS, keepPaths: false }).probabilities();
    expect(p.offensive[0]).toBe(0);
    // From t0 the first month keeps the initial regime (offensive in article), as v1 does.
    const fromT0 = simulateSync(
      { extends: "article", regimes: { offensiveToStalematePerMonth: 1, stalemateToOffensivePerMonth: 0 } },
      {
        ...OPTIONS,
        keepPaths: false,
      },
    ).probabilities();
    // (paths whose ceasefire began in month one count as neither)
    expect(fromT0.offensive[0]).toBeCloseTo(1 - fromT0.ceasefireBegun[0]!, 12);
    expect(fromT0.offensive[0]).toBeGreaterThan(0.95);
  });

  it("with noise off every path starts at the state's column medians", () => {
    const quiet = simulateSync({ extends: "baseline", dynamics: { noise: "off" } }, { ...OPTIONS, runs: 4 }).paths!;
    const sorted = SHIPPED_POSTERIOR.state.rows.map((row) => row[column("occupiedKm2")]!).sort((a, b) => a - b);
    expect(new Set(quiet.initial.occupiedKm2)).toEqual(new Set([(sorted[499]! + sorted[500]!) / 2]));
  });
});

describe("overrides of the baseline", () => {
  const base = simulateSync("baseline", OPTIONS).paths!;

  it("a fitted parameter set in a file is set in every path; the state and the other draws stay each path's", () => {
    const s = parseScenario({ extends: "baseline", territory: { offensivePaceKm2PerMonth: 300 } });
    expect(s.posterior).toMatchObject({ kind: "shipped", overridden: ["territory.offensivePaceKm2PerMonth"] });
    const over = simulateSync(s, OPTIONS).paths!;
    expect(new Set(over.parameters!["territory.offensivePaceKm2PerMonth"])).toEqual(new Set([300]));
    expect(over.initial.occupiedKm2).toEqual(base.initial.occupiedKm2);
    expect(over.parameters!["attrition.russiaLossesPerMonth"]).toEqual(base.parameters!["attrition.russiaLossesPerMonth"]);
    // The presets on baseline keep the states too.
    expect(simulateSync("no-dprk", OPTIONS).paths!.initial.occupiedKm2).toEqual(base.initial.occupiedKm2);
  });

  it("a parameter set to the value it already has is no override (a parsed scenario written back parses the same)", () => {
    const again = parseScenario({ ...toScenarioInput(parseScenario("baseline")), extends: "baseline" });
    expect(again.posterior).toMatchObject({ kind: "shipped", overridden: [] });
    // … but v1's independent months (0) differ from the fitted median, so they are an override.
    const v1 = parseScenario({ extends: "baseline", territory: { offensiveNoiseAutocorrelation: 0 } });
    expect(v1.posterior).toMatchObject({ overridden: ["territory.offensiveNoiseAutocorrelation"] });
    expect(parseScenario({ extends: "no-pledge", intensity: { noiseSd: 0.3 } }).posterior).toMatchObject({
      overridden: ["intensity.noiseSd"],
    });
  });

  it("a t0 value the states replace, or another start, is refused with the path", () => {
    for (const [override, path] of [
      [{ territory: { initialOccupiedKm2: 100_000 } }, "territory.initialOccupiedKm2"],
      [{ attrition: { claimsBias: 1.2 } }, "attrition.claimsBias"],
      [{ regimes: { initial: "stalemate" } }, "regimes.initial"],
      [{ start: "2026-01-01" }, "start"],
    ] as const) {
      const error = (() => {
        try {
          parseScenario({ extends: "dprk-waves", ...override });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).message).toMatch(
        new RegExp(`^${path.replace(".", "\\.")}: expected .*(filtered state|extend "article")`),
      );
    }
  });

  it("a posterior given in the file replaces the shipped one whole (its rows, no states)", () => {
    const joint = { kind: "posterior", parameters: ["attrition.exchangeRatio"], draws: [[2.1], [2.6]] };
    const s = parseScenario({ extends: "baseline", posterior: joint });
    expect(s.posterior).toEqual(joint);
    const paths = simulateSync(s, { ...OPTIONS, runs: 50 }).paths!;
    // no state: every path starts from the article's t0 area
    expect(new Set(paths.initial.occupiedKm2)).toEqual(new Set([117_718.2]));
    expect(new Set(paths.parameters!["attrition.exchangeRatio"])).toEqual(new Set([2.1, 2.6]));
  });

  it("the mean-field reference refuses a scenario on the shipped posterior, and names what to use", () => {
    expect(() => meanField("no-dprk", { horizonMonths: 2 })).toThrow(
      /^posterior: expected a scenario without the shipped posterior: .*use "article"/,
    );
    expect(() => meanField("article", { horizonMonths: 2 })).not.toThrow();
  });

  it("a reference to another version's posterior is refused", () => {
    const input = {
      ...toScenarioInput(parseScenario("baseline")),
      posterior: { kind: "shipped", name: "2025-06", sha256: "0".repeat(64) },
    };
    expect(() => parseScenario(input)).toThrow(
      /^posterior: expected the shipped posterior of this version \(name "2025-06", sha256 [0-9a-f]{64}\)/,
    );
    expect(SHIPPED_POSTERIOR_INFO.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("a synchronous run before the posterior is loaded", () => {
  it("is refused with a ScenarioError that says what to call; an async run loads it itself", async () => {
    vi.resetModules();
    const fresh = await import("../../src/index.js");
    expect(() => fresh.simulateSync("baseline", { runs: 10, horizonMonths: 1 })).toThrow(
      /^posterior: expected the shipped posterior 2025-06 to be loaded before a synchronous run of "baseline": call `await loadShippedPosterior\(\)`/,
    );
    expect(() => fresh.simulateSync("article", { runs: 10, horizonMonths: 1 })).not.toThrow();
    expect((await fresh.simulate("no-pledge", { runs: 10, horizonMonths: 1 })).runs).toBe(10);
    expect(fresh.simulateSync("baseline", { runs: 10, horizonMonths: 1 }).runs).toBe(10);
    vi.resetModules();
  });
});
