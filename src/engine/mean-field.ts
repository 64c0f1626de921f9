/**
 * The deterministic reference (DESIGN §2, §3): the engine's laws with noise and events off and
 * every parameter at its median, written as an ODE system in continuous time (days) and
 * integrated with classic fourth-order Runge–Kutta.
 *
 * State y = [R, K, U, A, LR, LK, LU, WR, WK, WU, TR, TU, deployedK] (people, km²). With
 * S = S(calendar month of t) (piecewise constant), I = S · r(regime), λ = λR / 30.4375 per day:
 *
 *   lossesR = λ · I · (U/U0)^a · (Reff/Reff0)^b,   Reff = R + q·K         (russiaSideLossesPerDay)
 *   lossesU = (λ/ρ) · I · (Reff/Reff0)^c · (U/U0)^d                       (ukraineLossesPerDay)
 *   h = lossesR / (R + e·K)                                               (russiaSideHazardPerDay)
 *   dLR/dt = h·R        dLK/dt = e·h·K        dLU/dt = lossesU  (0 once U = 0)
 *   dWR/dt = sR·h·R − WR/δR        dWU/dt = sU·lossesU − WU/δU        dWK/dt = sK·e·h·K − WK/δK
 *   recR = clamp(h·R − WR/δR + μR·R + dTargetR/dt + (TargetR(t) − R − TR)/τR, 0, capR)   (same for U; forceRates)
 *   dTR/dt = recR − TR/trR,   dR/dt = −h·R − μR·R + WR/δR + TR/trR       (trR > 0)
 *   dR/dt = −h·R − μR·R + WR/δR + recR,   TR ≡ 0                          (trR = 0: no training delay)
 *   dU/dt = −lossesU − μU·U + WU/δU + (TU/trU or recU)
 *   arrivals = Σ_waves size/(window days) while t is in the window, 0 once deployedK ≥ pool
 *   dK/dt = −e·h·K + WK/δK + arrivals,   d(deployedK)/dt = arrivals          (dprkRates)
 *   dA/dt = α_day · S · g(x)   (offensive, or the collapse multiplier in place of g once U < share·U0)
 *   dA/dt = stalemateMean / (days in the calendar month)                  (stalemate)
 *   x = (Reff/U)/(Reff0/U0),  g(x) = min(gmax, (x^γ − θ)/(1 − θ)),  A kept within [0, T]   (areaGainOverStep per day)
 *
 * Every term is a call to the law of model/ that the engine's step calls too (its rate form where
 * the engine uses a step form), and y(0) comes from model/initial.ts as the engine's t0 stocks.
 * δ, τ, tr are in days (months × 30.4375); μ is the desertion share per day. Further DPRK waves,
 * breakthroughs and the ceasefire are events: off. The regime is held at the engine's initial
 * regime (no switching with noise off), except that a collapse seen at a month's start turns it
 * to offensive, as in the engine. `dynamics.forces = "frozen"` keeps R, K, U (and the wounded,
 * training and deployment stocks) fixed with x ≡ 1 while losses and territory still move.
 *
 * Pure TypeScript, browser-safe; mathjs is used only by the test that cross-checks this
 * right-hand side with `solveODE`.
 */
import {
  combatIntensity,
  effectiveRussianForce,
  russiaSideHazardPerDay,
  russiaSideLossesPerDay,
  ukraineLossesPerDay,
} from "../model/attrition.js";
import { DPRK_STATE_SLOTS, dprkRates, DprkState, scheduledArrivalRate } from "../model/dprk.js";
import { FORCE_STATE_SLOTS, forceRates, forceRatesOf, ForceState, targetCeilingDay } from "../model/forces.js";
import {
  occupiedAtStart,
  russiaSideHazardAtStart,
  russiaSideWoundedAtStart,
  ukraineLossesAtStart,
  ukraineWoundedAtStart,
} from "../model/initial.js";
import { initialRegime, monthRegime, OFFENSIVE, regimeIntensity } from "../model/regimes.js";
import { seasonalFactor } from "../model/seasonality.js";
import {
  areaRatePerDay,
  boundArea,
  occupiedShare,
  offensiveEffect,
  relativeForceRatio,
  stalemateChangePerMonth,
  TERRITORY_COEFFICIENT_SLOTS,
  territoryCoefficients,
  ukraineCollapsed,
} from "../model/territory.js";
import { describeValue, OptionsError, ScenarioError } from "../util/errors.js";
import { usesShippedPosterior } from "./posterior.js";
import { DAYS_PER_MONTH } from "../scenario/article.js";
import { median } from "../scenario/distribution-math.js";
import { parseScenario } from "../scenario/parse.js";
import { buildCalendar, daysBetween, type CalendarMonth } from "./calendar.js";
import { MAX_HORIZON_MONTHS } from "./options.js";
import { parameterView } from "../scenario/parameter-list.js";
import type { MedianParameterView } from "./sample.js";
import { SERIES, type SeriesName } from "./store.js";

/** Names of the state components, in the order of the state vector. */
export const MEAN_FIELD_STATE = ["R", "K", "U", "A", "LR", "LK", "LU", "WR", "WK", "WU", "TR", "TU", "deployedK"] as const;
const stateIndex = (name: (typeof MEAN_FIELD_STATE)[number]) => MEAN_FIELD_STATE.indexOf(name);
const R_ = stateIndex("R"),
  K_ = stateIndex("K"),
  U_ = stateIndex("U"),
  A_ = stateIndex("A");
const LR_ = stateIndex("LR"),
  LK_ = stateIndex("LK"),
  LU_ = stateIndex("LU");
const WR_ = stateIndex("WR"),
  WK_ = stateIndex("WK"),
  WU_ = stateIndex("WU"),
  TR_ = stateIndex("TR"),
  TU_ = stateIndex("TU"),
  DK_ = stateIndex("deployedK");

export interface MeanFieldOptions {
  /** Months to project, 1…1200 (default 120). */
  horizonMonths?: number;
  /** RK4 steps per day (default 4: a step of 1/4 day). */
  stepsPerDay?: number;
}

export interface MeanFieldResult {
  /** Month-end dates, YYYY-MM-DD (t0 excluded), as in `Projection.months`. */
  months: string[];
  /** Month-end values of every contract series, indexed like `months`. */
  series: Record<SeriesName, number[]>;
  /** Values at the start. */
  initial: Record<SeriesName, number>;
}

/** A right-hand side f(t, y) → dy/dt, t in days since the start. */
export type Derivative = (t: number, y: readonly number[]) => number[];

/** A day interval [from, to] on which the right-hand side `f` is continuous in t. */
export interface MeanFieldPiece {
  from: number;
  to: number;
  f: Derivative;
}

/** The ODE system of a scenario: everything needed to integrate it month by month. */
export interface MeanFieldSystem {
  /** The run's calendar months (month ends are where values are recorded). */
  calendar: CalendarMonth[];
  /** Every parameter drawn per path, at its median (as the engine's noise-off draws). */
  parameters: MedianParameterView;
  /** y(0). */
  initialState: number[];
  /** The regime of the first month (OFFENSIVE = 0, STALEMATE = 1). */
  initialRegime: number;
  /** The regime of a month from the previous one and the state at the month's start (collapse rule). */
  regimeAtMonthStart(previous: number, y: readonly number[]): number;
  /**
   * The smooth pieces of calendar month `monthIndex` in `regime`: day intervals cut at the month's
   * bounds, at DPRK wave window edges and where a target reaches its ceiling, each with its
   * right-hand side (S, the month's length, the scheduled arrival rate and dTarget/dt are fixed
   * within a piece). A solver restarted at each piece's
   * start never steps across a jump of the right-hand side.
   */
  pieces(monthIndex: number, regime: number): MeanFieldPiece[];
  /** Keep the state in its domain after a step: A within [0, T], stocks ≥ 0. */
  project(y: number[]): number[];
  /** The contract series of a state. */
  seriesOf(y: readonly number[]): Record<SeriesName, number>;
}

function checkOptions(options: MeanFieldOptions): Required<MeanFieldOptions> {
  const o = options ?? {};
  const horizonMonths = o.horizonMonths ?? 120;
  const stepsPerDay = o.stepsPerDay ?? 4;
  if (typeof horizonMonths !== "number" || !Number.isInteger(horizonMonths) || horizonMonths < 1 || horizonMonths > MAX_HORIZON_MONTHS) {
    throw new OptionsError({
      path: "horizonMonths",
      message: `expected an integer from 1 to ${MAX_HORIZON_MONTHS}, got ${describeValue(horizonMonths)}`,
    });
  }
  if (typeof stepsPerDay !== "number" || !Number.isInteger(stepsPerDay) || stepsPerDay < 1 || stepsPerDay > 1000) {
    throw new OptionsError({ path: "stepsPerDay", message: `expected an integer from 1 to 1000, got ${describeValue(stepsPerDay)}` });
  }
  return { horizonMonths, stepsPerDay };
}

/**
 * Build the mean-field ODE system of a scenario (see the module equations).
 * @example
 * const system = meanFieldSystem("baseline", { horizonMonths: 12 });
 * system.pieces(0, system.initialRegime)[0].f(0, system.initialState)[4]; // dLR/dt on day 0
 */
export function meanFieldSystem(scenarioInput: unknown, options: MeanFieldOptions = {}): MeanFieldSystem {
  const { horizonMonths } = checkOptions(options);
  const scenario = parseScenario(scenarioInput);
  if (usesShippedPosterior(scenario))
    throw new ScenarioError({
      path: "posterior",
      message: `expected a scenario without the shipped posterior: the mean-field reference starts from the t0 values at their medians, while "${scenario.name}" starts each path from a posterior draw's filtered state (use "article", or a scenario that extends it), got the shipped posterior ${scenario.posterior?.kind === "shipped" ? scenario.posterior.name : ""}`,
    });
  const p: MedianParameterView = parameterView(scenario, (parameter) => median(parameter.spec));
  const { territory, intensity, regimes, attrition, dprk } = p;
  const { forces, regime: regimeMode } = scenario.dynamics;
  const frozen = forces === "frozen";
  // As the engine: a collapse turns the war offensive unless the regime is held at stalemate.
  const canCollapse = !frozen && regimeMode !== "stalemate";
  const calendar = buildCalendar(scenario.start, horizonMonths);

  const total = territory.totalKm2;
  // The laws that read their own parameters get the medians as a block of one path.
  const onePath = parameterView(scenario, (parameter) => Float64Array.of(median(parameter.spec)));
  const territoryAtMedian = new Float64Array(TERRITORY_COEFFICIENT_SLOTS);
  territoryCoefficients(territoryAtMedian, onePath.territory, 0);
  const stalemateChange = stalemateChangePerMonth(onePath.territory, 0, 0);
  const russiaLossesPerDay = attrition.russiaLossesPerMonth / DAYS_PER_MONTH;
  const russia = forceRatesOf(p.russia),
    ukraine = forceRatesOf(p.ukraine);
  const dprkReturnDelayDays = dprk.returnDelayMonths * DAYS_PER_MONTH;
  const waves = scenario.dprk.waves.map((w, j) => ({
    startDay: daysBetween(scenario.start, w.arrivalStart),
    endDay: daysBetween(scenario.start, w.arrivalEnd) + 1,
    size: p.dprk.waves[j]!.size,
  }));

  // Stocks at t0, as the engine's (model/initial.ts).
  const russiaForce0 = russia.initialForce,
    ukraineForce0 = ukraine.initialForce,
    dprkForce0 = dprk.initialForce;
  const russiaEffective0 = effectiveRussianForce(russiaForce0, dprkForce0, dprk.combatValue);
  const hazard0 = russiaSideHazardAtStart(attrition.russiaLossesPerMonth, russiaForce0, dprkForce0, dprk.exposure);
  const initialState = new Array<number>(MEAN_FIELD_STATE.length).fill(0);
  initialState[R_] = russiaForce0;
  initialState[K_] = dprkForce0;
  initialState[U_] = ukraineForce0;
  initialState[A_] = occupiedAtStart(territory.initialOccupiedKm2, total);
  initialState[WR_] = russiaSideWoundedAtStart(p.russia.woundedReturnShare, hazard0, 1, russiaForce0, p.russia.returnDelayMonths);
  initialState[WK_] = russiaSideWoundedAtStart(dprk.woundedReturnShare, hazard0, dprk.exposure, dprkForce0, dprk.returnDelayMonths);
  initialState[WU_] = ukraineWoundedAtStart(
    p.ukraine.woundedReturnShare,
    ukraineLossesAtStart(attrition.russiaLossesPerMonth, attrition.exchangeRatio),
    p.ukraine.returnDelayMonths,
  );
  initialState[DK_] = dprkForce0;
  const firstRegime = initialRegime(scenario.regimes.initial, regimeMode);

  /** dTarget/dt jumps to 0 where a side's target reaches its ceiling. */
  const russiaCeilingDay = targetCeilingDay(russia.initialForce, russia.targetGrowthPerDay, russia.targetCeiling);
  const ukraineCeilingDay = targetCeilingDay(ukraine.initialForce, ukraine.targetGrowthPerDay, ukraine.targetCeiling);
  const breakpoints = [...waves.flatMap((w) => [w.startDay, w.endDay]), russiaCeilingDay, ukraineCeilingDay];
  // Scratch for the laws' rate forms (one side, or the DPRK contingent, at a time).
  const sideRates = new Float64Array(FORCE_STATE_SLOTS),
    dprkRatesOut = new Float64Array(DPRK_STATE_SLOTS);

  const derivative = (monthIndex: number, regime: number, from: number, to: number): Derivative => {
    const month = calendar[monthIndex]!;
    // Scheduled arrivals and target growth per day on this piece (constant: pieces are cut at
    // wave window edges and where a target reaches its ceiling).
    const mid = (from + to) / 2;
    let arriving = 0;
    for (const w of waves) arriving += scheduledArrivalRate(w.size, w.startDay, w.endDay, mid);
    const russiaGrowth = mid < russiaCeilingDay ? russia.targetGrowthPerDay : 0,
      ukraineGrowth = mid < ukraineCeilingDay ? ukraine.targetGrowthPerDay : 0;
    const season = seasonalFactor(month.month, intensity.seasonalAmplitude, intensity.seasonalPeakMonth);
    const monthIntensity = combatIntensity(season, regimeIntensity(regime, regimes.stalemateIntensity), 1);
    return (t, y) => {
      const russiaForce = y[R_]!,
        dprkForce = y[K_]!,
        ukraineForce = y[U_]!,
        area = y[A_]!;
      const dy = new Array<number>(MEAN_FIELD_STATE.length).fill(0);
      const russiaEffective = effectiveRussianForce(russiaForce, dprkForce, dprk.combatValue);
      const ukraineRatio = ukraineForce / ukraineForce0,
        russiaRatio = russiaEffective / russiaEffective0;
      const russiaSideLosses = russiaSideLossesPerDay(
        russiaLossesPerDay,
        monthIntensity,
        ukraineRatio,
        russiaRatio,
        attrition.russiaOnUkraineExponent,
        attrition.russiaOnOwnExponent,
      );
      const ukraineLosses =
        ukraineForce > 0
          ? ukraineLossesPerDay(
              russiaLossesPerDay,
              attrition.exchangeRatio,
              monthIntensity,
              russiaRatio,
              ukraineRatio,
              attrition.ukraineOnRussiaExponent,
              attrition.ukraineOnOwnExponent,
            )
          : 0;
      const hazard = russiaSideHazardPerDay(russiaSideLosses, russiaForce, dprkForce, dprk.exposure);
      const russiaLosses = hazard * russiaForce,
        dprkLosses = dprk.exposure * hazard * dprkForce;
      dy[LR_] = russiaLosses;
      dy[LK_] = dprkLosses;
      dy[LU_] = ukraineLosses;
      // Territory.
      const collapsed = canCollapse && ukraineCollapsed(territoryAtMedian, ukraineForce, ukraineForce0);
      const offensive = regime === OFFENSIVE;
      const effect =
        offensive && !collapsed
          ? offensiveEffect(
              territoryAtMedian,
              frozen ? 1 : relativeForceRatio(russiaEffective, ukraineForce, russiaEffective0, ukraineForce0),
            )
          : 1;
      dy[A_] = areaRatePerDay(territoryAtMedian, area, offensive, collapsed, season, effect, stalemateChange, month.days);
      if (frozen) return dy;
      // Russia and Ukraine: the same law (model/forces.ts, rate form).
      forceRates(sideRates, russia, russiaForce, y[WR_]!, y[TR_]!, russiaLosses, russiaGrowth, t);
      dy[R_] = sideRates[ForceState.Force]!;
      dy[WR_] = sideRates[ForceState.Wounded]!;
      dy[TR_] = sideRates[ForceState.InTraining]!;
      forceRates(sideRates, ukraine, ukraineForce, y[WU_]!, y[TU_]!, ukraineLosses, ukraineGrowth, t);
      dy[U_] = sideRates[ForceState.Force]!;
      dy[WU_] = sideRates[ForceState.Wounded]!;
      dy[TU_] = sideRates[ForceState.InTraining]!;
      // DPRK: scheduled waves, evenly over their window, while the pool has room.
      dprkRates(dprkRatesOut, dprk.woundedReturnShare, dprkReturnDelayDays, dprk.deployablePool, y[WK_]!, y[DK_]!, dprkLosses, arriving);
      dy[K_] = dprkRatesOut[DprkState.Force]!;
      dy[WK_] = dprkRatesOut[DprkState.Wounded]!;
      dy[DK_] = dprkRatesOut[DprkState.Deployed]!;
      return dy;
    };
  };

  const pieces = (monthIndex: number, regime: number): MeanFieldPiece[] => {
    const month = calendar[monthIndex]!;
    const from = month.startDay,
      to = month.startDay + month.days;
    const cuts = [...new Set([from, to, ...breakpoints.filter((d) => d > from && d < to)])].sort((x, y) => x - y);
    return cuts.slice(1).map((end, j) => ({ from: cuts[j]!, to: end, f: derivative(monthIndex, regime, cuts[j]!, end) }));
  };

  const regimeAtMonthStart = (previous: number, y: readonly number[]) =>
    monthRegime(previous, false, 0, 0, 0, canCollapse && ukraineCollapsed(territoryAtMedian, y[U_]!, ukraineForce0));

  const project = (y: number[]) => {
    for (let j = 0; j < y.length; j += 1) if (j !== A_ && y[j]! < 0) y[j] = 0;
    y[A_] = boundArea(y[A_]!, total);
    return y;
  };

  const seriesOf = (y: readonly number[]): Record<SeriesName, number> => ({
    occupiedKm2: y[A_]!,
    occupiedShare: occupiedShare(y[A_]!, total),
    russiaForce: y[R_]!,
    dprkForce: y[K_]!,
    ukraineForce: y[U_]!,
    russiaLosses: y[LR_]!,
    dprkLosses: y[LK_]!,
    ukraineLosses: y[LU_]!,
    // The claims model at its medians: no drift of the bias, no scatter (model/observation.ts).
    claimedLosses: (y[LR_]! + y[LK_]!) * attrition.claimsBias,
  });

  return { calendar, parameters: p, initialState, initialRegime: firstRegime, regimeAtMonthStart, pieces, project, seriesOf };
}

/**
 * The right-hand side of the mean-field system at day `t` of calendar month `monthIndex` (an
 * index into the run's calendar) in `regime` — the function {@link meanField} integrates,
 * exported so that another solver (e.g. mathjs `solveODE`) can be fed the very same equations.
 * It returns the piece's f(t, y) (see {@link MeanFieldSystem.pieces}) of the piece holding `t`.
 * @example
 * const system = meanFieldSystem("baseline", { horizonMonths: 1 });
 * const f = meanFieldDerivative(system, 0, system.initialRegime, 0); // f(t, y) → dy/dt per day
 */
export function meanFieldDerivative(system: MeanFieldSystem, monthIndex: number, regime: number, t: number): Derivative {
  const pieces = system.pieces(monthIndex, regime);
  return (pieces.find((piece) => t >= piece.from && t < piece.to) ?? pieces.at(-1)!).f;
}

/** One classic RK4 step of size dt. */
function rk4Step(f: Derivative, t: number, y: number[], dt: number): number[] {
  const k1 = f(t, y);
  const k2 = f(
    t + dt / 2,
    y.map((v, j) => v + (dt / 2) * k1[j]!),
  );
  const k3 = f(
    t + dt / 2,
    y.map((v, j) => v + (dt / 2) * k2[j]!),
  );
  const k4 = f(
    t + dt,
    y.map((v, j) => v + dt * k3[j]!),
  );
  return y.map((v, j) => v + (dt / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
}

/**
 * The deterministic mean-field projection of a scenario: the engine's laws with noise and
 * events off and every parameter at its median, integrated as an ODE with classic RK4 at a
 * step of at most 1/`stepsPerDay` day (default ¼ day), restarted at each piece boundary (month
 * ends, where S changes; DPRK wave window edges; a target reaching its ceiling). The pool cap
 * on DPRK arrivals and the collapse breakpoint depend on the state, so they are not cut at:
 * there the step error is first order (at most one step's arrivals past the pool). Values are recorded at month ends, like `Projection.months`.
 * @throws {ScenarioError | OptionsError} for bad input.
 * @example
 * const mf = meanField("baseline", { horizonMonths: 24 });
 * mf.series.occupiedShare.at(-1); // ≈ 0.21
 */
export function meanField(scenario: unknown, options: MeanFieldOptions = {}): MeanFieldResult {
  const { stepsPerDay } = checkOptions(options);
  const system = meanFieldSystem(scenario, options);
  const series = Object.fromEntries(SERIES.map((name) => [name, [] as number[]])) as Record<SeriesName, number[]>;
  let y = [...system.initialState];
  let regime = system.initialRegime;
  system.calendar.forEach((month, m) => {
    regime = system.regimeAtMonthStart(regime, y);
    for (const { from, to, f } of system.pieces(m, regime)) {
      const steps = Math.max(1, Math.ceil((to - from) * stepsPerDay - 1e-9));
      const dt = (to - from) / steps;
      for (let s = 0; s < steps; s += 1) y = system.project(rk4Step(f, from + s * dt, y, dt));
    }
    const values = system.seriesOf(y);
    for (const name of SERIES) series[name].push(values[name]);
  });
  return { months: system.calendar.map((m) => m.endDate), series, initial: system.seriesOf(system.initialState) };
}
