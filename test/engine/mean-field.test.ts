import * as math from "mathjs";
import { describe, expect, it } from "vitest";
import { meanField, meanFieldDerivative, meanFieldSystem, MEAN_FIELD_STATE } from "../../src/engine/mean-field.js";
import { simulateSync } from "../../src/results/simulate.js";
import type { SeriesName } from "../../src/engine/store.js";
import { median } from "../../src/scenario/distributions.js";
import { parseScenario } from "../../src/scenario/parse.js";

// mathjs 15 exports solveODE at run time but its type declarations omit it.
type SolveOde = (
  f: (t: number, y: number[]) => number[],
  tspan: [number, number],
  y0: number[],
  options: { method: "RK45" | "RK23"; tol: number },
) => { t: number[]; y: number[][] };
const { solveODE } = math as unknown as { solveODE: SolveOde };

const HORIZON = 24;
const quiet = { extends: "article", dynamics: { noise: "off", events: "off" } } as const;
const relGap = (a: number, b: number) => Math.abs(a / b - 1);

describe("meanField (deterministic RK4 reference)", () => {
  const mf = meanField("article", { horizonMonths: HORIZON });

  it("records month ends like a Projection, with finite values", () => {
    expect(mf.months).toHaveLength(HORIZON);
    expect(mf.months[0]).toBe("2025-07-31");
    expect(mf.months.at(-1)).toBe("2027-06-30");
    for (const values of Object.values(mf.series)) for (const v of values) expect(Number.isFinite(v)).toBe(true);
    expect(mf.initial.russiaForce).toBe(640_000);
  });

  it("agrees with mathjs solveODE (RK45, tol 1e-6) on the same right-hand side within 1e-4 relative, 24 months", () => {
    // The right-hand side is piecewise smooth: S changes at month ends, scheduled DPRK arrivals at
    // wave window edges, dTarget/dt where a target reaches its ceiling. solveODE is restarted at
    // each piece, as meanField's RK4 is. Tolerance: 1e-4 relative on month-end R, U, A, LR
    // (observed ≈ 1e-9 with tol 1e-6).
    const TOLERANCE = 1e-4;
    const system = meanFieldSystem("article", { horizonMonths: HORIZON });
    let y = [...system.initialState];
    let regime = system.initialRegime;
    let worst = 0;
    system.calendar.forEach((month, m) => {
      regime = system.regimeAtMonthStart(regime, y);
      for (const piece of system.pieces(m, regime)) {
        const f = meanFieldDerivative(system, m, regime, piece.from);
        const solution = solveODE(f, [piece.from, piece.to], y, { method: "RK45", tol: 1e-6 });
        expect(solution.t.at(-1)).toBeCloseTo(piece.to, 9);
        y = system.project([...solution.y.at(-1)!]);
      }
      const s = system.seriesOf(y);
      for (const name of ["russiaForce", "ukraineForce", "occupiedKm2", "russiaLosses"] as const) {
        const gap = relGap(mf.series[name][m]!, s[name]);
        worst = Math.max(worst, gap);
        expect(gap, `${name} at ${month.endDate}`).toBeLessThanOrEqual(TOLERANCE);
      }
    });
    expect(worst).toBeLessThanOrEqual(TOLERANCE);
  });

  it("RK4 at ¼ day has converged: halving the step four times changes month ends by < 1e-8 relative", () => {
    const fine = meanField("article", { horizonMonths: HORIZON, stepsPerDay: 16 });
    for (const [name, values] of Object.entries(fine.series) as [SeriesName, number[]][]) {
      values.forEach((v, m) => expect(relGap(mf.series[name][m]!, v), `${name} month ${m}`).toBeLessThan(1e-8));
    }
  });

  it("matches the engine with noise and events off (day step) within 0.5% for forces, losses and area", () => {
    // The engine is an exponential-Euler discretisation at one day; the largest gap observed on
    // the baseline over 24 months is ≈ 2.1e-4 (ukraineLosses), well inside 0.5%.
    const TOLERANCE = 0.005;
    const reference = meanField(quiet, { horizonMonths: HORIZON });
    const engine = simulateSync(quiet, { runs: 4, horizonMonths: HORIZON, step: "day" });
    expect(engine.months).toEqual(reference.months);
    const names: SeriesName[] = ["russiaForce", "dprkForce", "ukraineForce", "russiaLosses", "dprkLosses", "ukraineLosses", "occupiedKm2"];
    let worst = 0;
    for (const name of names) {
      const p50 = engine.series(name).p50;
      p50.forEach((v, m) => {
        const gap = relGap(v, reference.series[name][m]!);
        worst = Math.max(worst, gap);
        expect(gap, `${name} at ${reference.months[m]}`).toBeLessThanOrEqual(TOLERANCE);
      });
    }
  });

  it("frozen forces: R, K, U stay at t0 while losses and territory move", () => {
    const scenario = {
      extends: "article",
      dynamics: { forces: "frozen", regime: "offensive", noise: "off", events: "off" },
      territory: { initialOccupiedKm2: 120725.6 },
    } as const;
    const frozen = meanField(scenario, { horizonMonths: HORIZON });
    const system = meanFieldSystem(scenario, { horizonMonths: 1 });
    const [R0, K0, U0] = [0, 1, 2].map((j) => system.initialState[j]!);
    expect(MEAN_FIELD_STATE.slice(0, 3)).toEqual(["R", "K", "U"]);
    for (let m = 0; m < HORIZON; m += 1) {
      expect(frozen.series.russiaForce[m]).toBe(R0);
      expect(frozen.series.dprkForce[m]).toBe(K0);
      expect(frozen.series.ukraineForce[m]).toBe(U0);
    }
    expect(frozen.series.russiaLosses[0]).toBeGreaterThan(0);
    expect(frozen.series.ukraineLosses.at(-1)).toBeGreaterThan(frozen.series.ukraineLosses[0]!);
    // x ≡ 1, so a year advances at the offensive pace (seasonality averages out to within 1%).
    const pace = median(parseScenario(scenario).territory.offensivePaceKm2PerMonth.spec);
    const yearGain = frozen.series.occupiedKm2[11]! - 120725.6;
    expect(relGap(yearGain, 12 * pace)).toBeLessThan(0.01);
  });

  it("rejects bad options with an OptionsError", () => {
    expect(() => meanField("article", { horizonMonths: 0 })).toThrow(/horizonMonths: expected an integer/);
    expect(() => meanField("article", { stepsPerDay: 0.5 })).toThrow(/stepsPerDay/);
  });
});
