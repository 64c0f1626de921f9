import {
  combatIntensity,
  effectiveRussianForce,
  logRelativeStrength,
  perCapitaHazard,
  russiaSideHazardPerDay,
  russiaSideLossesFromLogs,
  ukraineLossesFromLogs,
} from "../model/attrition.js";
import {
  DPRK_COEFFICIENT_SLOTS,
  DPRK_STATE_SLOTS,
  DprkState,
  dprkStateAtStart,
  dprkStep,
  dprkStepCoefficients,
  furtherWaveCount,
  pendingAfterNewWaves,
  WAVE_SLOTS,
} from "../model/dprk.js";
import { breakthroughProbabilityFromLog, ceasefireHazard } from "../model/events.js";
import { claimsBiasStep, claimsDraw } from "../model/observation.js";
import {
  FORCE_COEFFICIENT_SLOTS,
  FORCE_STATE_SLOTS,
  ForceState,
  forceStateAtStart,
  forceStep,
  forceStepCoefficients,
  STEP_INPUT_SLOTS,
  StepInput,
} from "../model/forces.js";
import {
  occupiedAtStart,
  russiaInflowAtStart,
  russiaSideHazardAtStart,
  russiaSideWoundedAtStart,
  ukraineInflowAtStart,
  ukraineLossesAtStart,
  ukraineWoundedAtStart,
} from "../model/initial.js";
import { logIntensityNoise, logTerritoryNoise, meanOneMultiplier } from "../model/noise.js";
import { initialRegime, monthRegime, OFFENSIVE, regimeIntensity, stalemateMonthsAfter } from "../model/regimes.js";
import { seasonalFactor } from "../model/seasonality.js";
import {
  areaAfterStep,
  areaGainOverStep,
  logForceRatio,
  occupiedShare,
  offensiveEffectFromLog,
  stalemateChangePerMonth,
  TERRITORY_COEFFICIENT_SLOTS,
  territoryCoefficients,
  ukraineCollapsed,
} from "../model/territory.js";
import { DAYS_PER_MONTH } from "../scenario/article.js";
import { OBSERVATION_SETTINGS } from "../scenario/observation-settings.js";
import { quantile } from "../scenario/distribution-math.js";
import type { Scenario } from "../scenario/schema.js";
import { normalQuantile } from "../util/special-functions.js";
import { daysBetween, type CalendarMonth } from "./calendar.js";
import { type JointDraws, type ParameterSlot } from "./parameters.js";
import { PATH_STATE_COLUMNS, stateMedians, type PathStates } from "./path-state.js";
import { sampleBlock, type BlockParameterView } from "./sample.js";
import { BlockRecorder, type BlockResult, type SummaryMode } from "./block-result.js";
import {
  MONTH_PREDICTION_SLOTS,
  MonthPrediction,
  Proposal,
  PROPOSAL_SLOTS,
  proposalLogCorrection,
  type NoiseGuide,
} from "./noise-guide.js";
import { createStream, fillUniform, type Uniform } from "./rng.js";
import { ACCOUNTING, SERIES, type AccountingName, type SeriesName } from "./store.js";

/** Everything a block needs; plain data, so it can be sent to a worker as it is. */
export interface RunPlan {
  scenario: Scenario;
  slots: readonly ParameterSlot[];
  calendar: readonly CalendarMonth[];
  /** One step per day (the reference), or the month step: {@link RunPlan.subSteps} equal steps per calendar month. */
  dayStep: boolean;
  /** Month step only: equal sub-steps per calendar month (8 by default, DEFAULT_SUB_STEPS in run.ts). */
  subSteps: number;
  seed: number;
  thresholds: readonly number[];
  summary: SummaryMode;
  keepPaths: boolean;
  /** Per-path uniforms replacing the keyed parameter draws (indexed by global path). */
  uniforms?: Readonly<Record<string, ArrayLike<number>>>;
  /**
   * The scenario's joint posterior, resolved (a shipped one loaded: engine/posterior.ts): each
   * path takes one row of its parameters and, when it has one, of its state at its last month.
   */
  posterior?: JointDraws;
  /**
   * Days between re-evaluations of the force-ratio powers ((U/U0)^a, …, x^γ), which change by
   * well under 1% a month: every round(refreshDays / dt) steps, at least every step; 0 = once at
   * each month start. The day step uses 1 (every day: the reference); the month step 7 (every
   * third of its 12 sub-steps; run.ts MONTH_STEP_REFRESH_DAYS).
   */
  refreshDays: number;
}

/** The monthly random streams, one number per path per month each, in this order. */
const PURPOSES = [
  "intensity-noise",
  "territory-noise",
  "regime",
  "stalemate-change",
  "breakthrough",
  "ceasefire",
  "claims-bias",
  "claims-scatter",
] as const;

/** The accounting series that are cumulative flows: where each is kept (side, slot of its state). */
const FLOWS = [
  ["russiaJoined", "russia", ForceState.JoinedSoFar],
  ["russiaReturned", "russia", ForceState.ReturnedSoFar],
  ["russiaDeserted", "russia", ForceState.DesertedSoFar],
  ["ukraineJoined", "ukraine", ForceState.JoinedSoFar],
  ["ukraineReturned", "ukraine", ForceState.ReturnedSoFar],
  ["ukraineDeserted", "ukraine", ForceState.DesertedSoFar],
  ["dprkArrived", "dprk", DprkState.ArrivedSoFar],
  ["dprkReturned", "dprk", DprkState.ReturnedSoFar],
  ["dprkBeyondPool", "dprk", DprkState.BeyondPoolSoFar],
] as const;
type FlowName = (typeof FLOWS)[number][0];

/** How a month is stepped through (the same for every path of the block). */
interface MonthSteps {
  month: CalendarMonth;
  /** Steps in the month: its days, or the plan's sub-steps. */
  count: number;
  /** Days per step. */
  dt: number;
  /** Steps between re-evaluations of the force-ratio powers. */
  refreshEvery: number;
  /** Every path's step coefficients for steps of dt days. */
  coefficients: StepCoefficientTables;
  frozen: boolean;
  canCollapse: boolean;
}

/**
 * Slots of the per-path month values runMonth hands to fightMonth, in a Float64Array rather than
 * as arguments: V8 boxes every floating-point argument of a call it does not inline (≈ 115 MB of
 * short-lived numbers per W1, allocation sampling).
 */
const enum MonthInput {
  IntensityNoise = 0,
  AreaNoise = 1,
  Breakthrough = 2,
  StalemateChange = 3,
  LogUkraineAtStart = 4,
  LogRussiaAtStart = 5,
}
const MONTH_INPUT_SLOTS = 6;

/** Every path's step coefficients for one step length: `slots` numbers per path, path after path. */
interface StepCoefficientTables {
  russia: Float64Array;
  ukraine: Float64Array;
  dprk: Float64Array;
}

/** Copy `slots` numbers of `table` from `at` into `out` (one path's coefficients, no allocation). */
function copySlots(out: Float64Array, table: Float64Array, at: number, slots: number): void {
  for (let k = 0; k < slots; k += 1) out[k] = table[at + k]!;
}

/** Slot `slot` of every path of a block's stocks (`slots` per path) into `out`. */
function gather(out: Float64Array, stocks: Float64Array, slots: number, slot: number): void {
  for (let i = 0; i < out.length; i += 1) out[i] = stocks[i * slots + slot]!;
}

/**
 * One block of paths, simulated month by month (`runMonth`), then `finish()` hands over its
 * results. Random streams are keyed by (seed, block, purpose), and every stream gives exactly
 * one number per path per month (two for DPRK waves) whether used or not — so a block's
 * numbers never depend on who runs it, and scenarios compared on one seed share their draws.
 *
 * The engine draws; the laws of model/ do the rest: each month, per path, the noise, the regime
 * and the events, then per step the attrition law, territory, and one step of each side's
 * forces (model/forces.ts for Russia and Ukraine alike, model/dprk.ts for the DPRK contingent).
 */
export class BlockRun {
  readonly count: number;
  private readonly plan: RunPlan;
  private readonly p: BlockParameterView;
  /** The same draws as {@link BlockRun.p}, by dotted path (the arrays the view shares). */
  private readonly byPath: Readonly<Record<string, Float64Array>>;
  /** The posterior row each path took (sampleBlock), read again for its state; none without a posterior or at the medians. */
  private readonly posteriorRows: Int32Array | undefined;
  /** Set by {@link BlockRun.resample}: the recorded months no longer follow the paths. */
  private resampled = false;
  /** Months run so far (reinitialise is only for a block that has run none). */
  private monthsRun = 0;
  /**
   * Whether the paths continue a posterior's state (PathStates) rather than start at t0: their
   * first month then walks the noises, the regime and the claims bias on from that state, as
   * every later month does, instead of drawing them afresh.
   */
  private readonly continued: boolean;
  /** resample's copy of one state array (allocated on first use). */
  private resampleScratch: Float64Array | undefined;
  /**
   * The per-path arrays resample may skip because every path holds the same values (a filter's
   * shared θ: most parameter draws and the step coefficients derived from them), so a permutation
   * leaves them as they are. Found on the first resample; forgotten when a parameter is set.
   */
  private uniformArrays: WeakSet<Float64Array> | undefined;
  private readonly recorder: BlockRecorder;
  private readonly streams: Uniform[];
  private readonly draws: Float64Array[];
  private readonly waveDraws: Float64Array;
  private readonly scheduledWaves: { size: Float64Array; startDay: number; endDay: number }[];
  // Per-path state: each side's stocks, the slots of its law's state path after path (path i
  // from i · FORCE_STATE_SLOTS, or i · DPRK_STATE_SLOTS), which the laws update in place.
  private readonly russia: Float64Array;
  private readonly ukraine: Float64Array;
  private readonly dprk: Float64Array;
  private readonly occupied: Float64Array;
  private readonly logNoise: Float64Array;
  /** Per path: log εA of the last month (the territory noise's AR(1) state). */
  private readonly logAreaNoise: Float64Array;
  private readonly stalemateMonths: Float64Array;
  /** Per path: ln b, the General Staff claims' bias this month (a random walk: model/observation.ts). */
  private readonly logClaimsBias: Float64Array;
  private readonly russiaEffective0: Float64Array;
  private readonly regime: Uint8Array;
  private readonly ceased: Uint8Array;
  // One path's step coefficients while its month is simulated (no allocation per path).
  private readonly russiaCoefficients = new Float64Array(FORCE_COEFFICIENT_SLOTS);
  private readonly ukraineCoefficients = new Float64Array(FORCE_COEFFICIENT_SLOTS);
  private readonly dprkCoefficients = new Float64Array(DPRK_COEFFICIENT_SLOTS);
  private readonly territoryCoefficients = new Float64Array(TERRITORY_COEFFICIENT_SLOTS);
  /** One path's month values for fightMonth (MonthInput slots). */
  private readonly monthInputs = new Float64Array(MONTH_INPUT_SLOTS);
  /** A guided month: one path's predictions for the guide, and its proposal (engine/noise-guide.ts). */
  private readonly prediction = new Float64Array(MONTH_PREDICTION_SLOTS);
  private readonly proposal = new Float64Array(PROPOSAL_SLOTS);
  /** The current step's inputs to the step laws (hazard, first day, length; model/forces.ts StepInput). */
  private readonly stepInput = new Float64Array(STEP_INPUT_SLOTS);
  /**
   * The step coefficients of every path, by step length (days): per-path constants (their
   * delay shares are exponentials), computed once per path and step length instead of every
   * month — one table for the day step, one per month length (28…31 days) for the month step.
   */
  private readonly coefficientTables = new Map<number, StepCoefficientTables>();
  /** The month's active scheduled waves for one path: (size, start day, end day) each. */
  private readonly activeWaves: Float64Array;
  /** The month-end values the recorder reads, by series name. */
  private readonly series: Record<SeriesName, Float64Array>;
  /** keepPaths: the cumulative flows the recorder reads, by name (gathered from the stocks each month). */
  private readonly flows: Record<FlowName, Float64Array> | undefined;

  /** `reuse`: sketch-slot arrays of an earlier block of the same size, to write into (optional). */
  constructor(plan: RunPlan, block: number, firstPath: number, count: number, reuse?: readonly Uint16Array[]) {
    this.plan = plan;
    this.count = count;
    const { scenario, seed } = plan;
    const noiseOn = scenario.dynamics.noise === "on";
    const {
      view: p,
      byPath,
      posteriorRows: rows,
    } = sampleBlock(
      scenario,
      plan.slots,
      { seed, atMedian: !noiseOn, uniforms: plan.uniforms, posterior: plan.posterior },
      block,
      firstPath,
      count,
    );
    this.p = p;
    this.byPath = byPath;
    this.posteriorRows = rows;
    this.continued = plan.posterior?.state !== undefined;
    this.recorder = new BlockRecorder(
      block,
      firstPath,
      count,
      plan.calendar.length,
      plan.thresholds,
      plan.summary,
      plan.keepPaths,
      plan.keepPaths ? byPath : undefined,
      reuse,
    );
    this.streams = [...PURPOSES, "dprk-further-waves"].map((purpose) => createStream(seed, "block", block, purpose));
    this.draws = PURPOSES.map(() => new Float64Array(count));
    this.waveDraws = new Float64Array(2 * count);
    this.scheduledWaves = scenario.dprk.waves.map((w, j) => ({
      size: p.dprk.waves[j]!.size,
      startDay: daysBetween(scenario.start, w.arrivalStart),
      endDay: daysBetween(scenario.start, w.arrivalEnd) + 1,
    }));
    this.activeWaves = new Float64Array(WAVE_SLOTS * this.scheduledWaves.length);
    this.russia = new Float64Array(count * FORCE_STATE_SLOTS);
    this.ukraine = new Float64Array(count * FORCE_STATE_SLOTS);
    this.dprk = new Float64Array(count * DPRK_STATE_SLOTS);
    this.occupied = new Float64Array(count);
    this.logNoise = new Float64Array(count);
    this.logAreaNoise = new Float64Array(count);
    this.stalemateMonths = new Float64Array(count);
    this.logClaimsBias = new Float64Array(count);
    this.russiaEffective0 = new Float64Array(count);
    this.regime = new Uint8Array(count);
    this.ceased = new Uint8Array(count);
    this.series = Object.fromEntries(SERIES.map((name, s) => [name, this.recorder.month[s]!])) as Record<SeriesName, Float64Array>;
    this.flows = plan.keepPaths
      ? (Object.fromEntries(FLOWS.map(([name]) => [name, new Float64Array(count)])) as Record<FlowName, Float64Array>)
      : undefined;
    this.initialise();
  }

  /** The coefficient tables for steps of `dt` days (computed on first use). */
  private coefficientsFor(dt: number): StepCoefficientTables {
    const cached = this.coefficientTables.get(dt);
    if (cached) return cached;
    const { russia, ukraine, dprk } = this.p;
    const n = this.count;
    const tables: StepCoefficientTables = {
      russia: new Float64Array(n * FORCE_COEFFICIENT_SLOTS),
      ukraine: new Float64Array(n * FORCE_COEFFICIENT_SLOTS),
      dprk: new Float64Array(n * DPRK_COEFFICIENT_SLOTS),
    };
    for (let i = 0; i < n; i += 1) {
      forceStepCoefficients(this.russiaCoefficients, russia, i, dt);
      tables.russia.set(this.russiaCoefficients, i * FORCE_COEFFICIENT_SLOTS);
      forceStepCoefficients(this.ukraineCoefficients, ukraine, i, dt);
      tables.ukraine.set(this.ukraineCoefficients, i * FORCE_COEFFICIENT_SLOTS);
      dprkStepCoefficients(this.dprkCoefficients, dprk, i, dt);
      tables.dprk.set(this.dprkCoefficients, i * DPRK_COEFFICIENT_SLOTS);
    }
    this.coefficientTables.set(dt, tables);
    return tables;
  }

  /** Stocks at t0 (model/initial.ts), path by path. */
  private initialise(): void {
    const { p, plan } = this;
    const { territory, attrition, russia, ukraine, dprk } = p;
    const firstRegime = initialRegime(plan.scenario.regimes.initial, plan.scenario.dynamics.regime);
    const start = Object.fromEntries(SERIES.map((name, s) => [name, this.recorder.initial[s]!])) as Record<SeriesName, Float64Array>;
    for (let i = 0; i < this.count; i += 1) {
      const russiaForce0 = russia.initialForce[i]!,
        ukraineForce0 = ukraine.initialForce[i]!,
        dprkForce0 = dprk.initialForce[i]!;
      const exposure = dprk.exposure[i]!,
        russiaLossesPerMonth = attrition.russiaLossesPerMonth[i]!;
      const hazard0 = russiaSideHazardAtStart(russiaLossesPerMonth, russiaForce0, dprkForce0, exposure);
      const ukraineLosses0 = ukraineLossesAtStart(russiaLossesPerMonth, attrition.exchangeRatio[i]!);
      const forceAt = i * FORCE_STATE_SLOTS;
      forceStateAtStart(
        this.russia,
        forceAt,
        russiaForce0,
        russiaSideWoundedAtStart(russia.woundedReturnShare[i]!, hazard0, 1, russiaForce0, russia.returnDelayMonths[i]!),
        russiaInflowAtStart(hazard0, russiaForce0),
      );
      forceStateAtStart(
        this.ukraine,
        forceAt,
        ukraineForce0,
        ukraineWoundedAtStart(ukraine.woundedReturnShare[i]!, ukraineLosses0, ukraine.returnDelayMonths[i]!),
        ukraineInflowAtStart(ukraineLosses0),
      );
      dprkStateAtStart(
        this.dprk,
        i * DPRK_STATE_SLOTS,
        dprkForce0,
        russiaSideWoundedAtStart(dprk.woundedReturnShare[i]!, hazard0, exposure, dprkForce0, dprk.returnDelayMonths[i]!),
      );
      const area = occupiedAtStart(territory.initialOccupiedKm2[i]!, territory.totalKm2[i]!);
      this.occupied[i] = area;
      this.russiaEffective0[i] = effectiveRussianForce(russiaForce0, dprkForce0, dprk.combatValue[i]!);
      this.logClaimsBias[i] = Math.log(attrition.claimsBias[i]!);
      this.regime[i] = firstRegime;
      start.occupiedKm2[i] = area;
      start.occupiedShare[i] = occupiedShare(area, territory.totalKm2[i]!);
      start.russiaForce[i] = russiaForce0;
      start.dprkForce[i] = dprkForce0;
      start.ukraineForce[i] = ukraineForce0;
    }
    if (plan.posterior?.state) this.startFromStates(plan.posterior.state, this.posteriorRows, start);
    this.recorder.initialiseEvents(start.occupiedShare);
    // Before the first month, the month ends are the start (monthEnd's contract; every month overwrites them).
    for (const name of SERIES) this.series[name].set(start[name]);
  }

  /**
   * Replace the t0 stocks by each path's row of a posterior's state (engine/path-state.ts): the
   * row its parameters came from (`rows`, drawn once by sampleBlock), or the column medians when
   * every parameter is at its median (no rows). The DPRK contingent keeps its t0 stocks; a regime held by `dynamics.regime`
   * stays held. `start` is the recorder's initial values (area, share, forces), rewritten.
   */
  private startFromStates(states: PathStates, chosen: Int32Array | undefined, start: Record<SeriesName, Float64Array>): void {
    const column = Object.fromEntries(PATH_STATE_COLUMNS.map((name) => [name, states.columns.indexOf(name)])) as Record<
      (typeof PATH_STATE_COLUMNS)[number],
      number
    >;
    for (const name of PATH_STATE_COLUMNS) if (column[name] < 0) throw new Error(`internal: the posterior's state has no column ${name}`);
    const medians = chosen ? undefined : stateMedians(states);
    const { territory } = this.p;
    const regimeMode = this.plan.scenario.dynamics.regime;
    for (let i = 0; i < this.count; i += 1) {
      const row = medians ?? states.rows[chosen![i]!]!;
      const at = i * FORCE_STATE_SLOTS;
      this.russia[at + ForceState.Force] = row[column["russia.force"]]!;
      this.russia[at + ForceState.Wounded] = row[column["russia.wounded"]]!;
      this.russia[at + ForceState.InTraining] = row[column["russia.inTraining"]]!;
      this.russia[at + ForceState.InflowPerDay] = row[column["russia.inflowPerDay"]]!;
      this.ukraine[at + ForceState.Force] = row[column["ukraine.force"]]!;
      this.ukraine[at + ForceState.Wounded] = row[column["ukraine.wounded"]]!;
      this.ukraine[at + ForceState.InTraining] = row[column["ukraine.inTraining"]]!;
      this.ukraine[at + ForceState.InflowPerDay] = row[column["ukraine.inflowPerDay"]]!;
      const area = Math.min(row[column.occupiedKm2]!, territory.totalKm2[i]!);
      this.occupied[i] = area;
      this.logNoise[i] = row[column.logIntensityNoise]!;
      this.logAreaNoise[i] = row[column.logAreaNoise]!;
      this.stalemateMonths[i] = row[column.stalemateMonths]!;
      this.logClaimsBias[i] = row[column.logClaimsBias]!;
      this.russiaEffective0[i] = row[column.russiaEffectiveForce0]!;
      if (regimeMode === "switching") this.regime[i] = row[column.regime]!;
      start.occupiedKm2[i] = area;
      start.occupiedShare[i] = occupiedShare(area, territory.totalKm2[i]!);
      start.russiaForce[i] = this.russia[at + ForceState.Force]!;
      start.ukraineForce[i] = this.ukraine[at + ForceState.Force]!;
    }
  }

  /**
   * One path's state in {@link PATH_STATE_COLUMNS} order, at the end of the last month run (what
   * a shipped posterior stores for the path it keeps: analysis/posterior-state.ts).
   */
  pathState(i: number): number[] {
    if (!(Number.isInteger(i) && i >= 0 && i < this.count))
      throw new RangeError(`path ${i} is not a path of the block (0…${this.count - 1})`);
    const at = i * FORCE_STATE_SLOTS;
    const values: Record<(typeof PATH_STATE_COLUMNS)[number], number> = {
      "russia.force": this.russia[at + ForceState.Force]!,
      "russia.wounded": this.russia[at + ForceState.Wounded]!,
      "russia.inTraining": this.russia[at + ForceState.InTraining]!,
      "russia.inflowPerDay": this.russia[at + ForceState.InflowPerDay]!,
      "ukraine.force": this.ukraine[at + ForceState.Force]!,
      "ukraine.wounded": this.ukraine[at + ForceState.Wounded]!,
      "ukraine.inTraining": this.ukraine[at + ForceState.InTraining]!,
      "ukraine.inflowPerDay": this.ukraine[at + ForceState.InflowPerDay]!,
      occupiedKm2: this.occupied[i]!,
      logIntensityNoise: this.logNoise[i]!,
      logAreaNoise: this.logAreaNoise[i]!,
      stalemateMonths: this.stalemateMonths[i]!,
      logClaimsBias: this.logClaimsBias[i]!,
      russiaEffectiveForce0: this.russiaEffective0[i]!,
      regime: this.regime[i]!,
    };
    return PATH_STATE_COLUMNS.map((name) => values[name]);
  }

  /**
   * Simulate calendar month `m` for every path of the block and record its end. With a `guide`
   * (a particle filter's guided proposal), the month's intensity and territory normals are drawn
   * from the guide's proposals on the same uniforms, and each path's importance-weight correction
   * is written to `guide.logCorrection` (engine/noise-guide.ts).
   */
  runMonth(m: number, guide?: NoiseGuide): void {
    const { p, plan, count: n } = this;
    const month = plan.calendar[m]!;
    const { forces, regime: regimeMode, noise, events } = plan.scenario.dynamics;
    const frozen = forces === "frozen",
      noiseOn = noise === "on",
      eventsOn = events === "on";
    const switching = regimeMode === "switching" && noiseOn && (m > 0 || this.continued);
    // The first month of a run from t0 draws the noises afresh and keeps the claims bias's start.
    const first = m === 0 && !this.continued;
    const canCollapse = !frozen && regimeMode !== "stalemate";
    const steps = plan.dayStep ? month.days : plan.subSteps;
    const dt = plan.dayStep ? 1 : month.days / steps;
    const monthSteps: MonthSteps = {
      month,
      count: steps,
      dt,
      refreshEvery: plan.refreshDays > 0 ? Math.max(1, Math.round(plan.refreshDays / dt)) : steps,
      coefficients: this.coefficientsFor(dt),
      frozen,
      canCollapse,
    };
    // Bulk draws: one number per path per stream per month, in path order.
    for (let j = 0; j < this.draws.length; j += 1) fillUniform(this.streams[j]!, this.draws[j]!);
    fillUniform(this.streams[PURPOSES.length]!, this.waveDraws);
    const [uNoise, uTerritory, uRegime, uStalemate, uBreakthrough, uCeasefire, uClaimsBias, uClaimsScatter] = this.draws as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    // The claims' observation model (scenario/observation-settings.ts), at its medians with noise off.
    const claimsBiasDriftSd = noiseOn ? OBSERVATION_SETTINGS.claimsBiasDriftSd : 0,
      claimsLogSd = noiseOn ? OBSERVATION_SETTINGS.claimsLogSd : 0;
    const waveDraws = this.waveDraws;
    // Scheduled waves arriving during this month: their windows now, their per-path sizes below.
    const active = this.scheduledWaves.filter((w) => w.startDay < month.startDay + month.days && w.endDay > month.startDay);
    const activeWaves = this.activeWaves;
    active.forEach((w, j) => {
      activeWaves[WAVE_SLOTS * j + 1] = w.startDay;
      activeWaves[WAVE_SLOTS * j + 2] = w.endDay;
    });
    const {
      occupied,
      logNoise,
      logAreaNoise,
      stalemateMonths,
      logClaimsBias,
      russiaEffective0,
      regime,
      ceased,
      series,
      territoryCoefficients: territoryAtPath,
    } = this;
    const { territory, intensity, regimes, ukraine, dprk, ceasefire } = p;
    const waveSizeSpec = plan.scenario.dprk.furtherWaves.size.spec;

    for (let i = 0; i < n; i += 1) {
      const ukraineForce0 = ukraine.initialForce[i]!,
        total = territory.totalKm2[i]!,
        combatValue = dprk.combatValue[i]!;
      const ukraineForceAtStart = this.ukraine[i * FORCE_STATE_SLOTS + ForceState.Force]!;
      territoryCoefficients(territoryAtPath, territory, i);
      // The regime. A collapse turns the war offensive — unless the regime is held at stalemate (a what-if).
      const collapsedAtStart = canCollapse && ukraineCollapsed(territoryAtPath, ukraineForceAtStart, ukraineForce0);
      regime[i] = monthRegime(
        regime[i]!,
        switching,
        uRegime[i]!,
        regimes.offensiveToStalematePerMonth[i]!,
        regimes.stalemateToOffensivePerMonth[i]!,
        collapsedAtStart,
      );
      stalemateMonths[i] = stalemateMonthsAfter(stalemateMonths[i]!, regime[i]!);
      const offensive = regime[i] === OFFENSIVE;
      // Layer 3: events — first the ceasefire, which ends the fighting for good.
      if (
        eventsOn &&
        !ceased[i] &&
        uCeasefire[i]! < ceasefireHazard(ceasefire.hazardPerMonth[i]!, ceasefire.hazardPerStalemateMonth[i]!, stalemateMonths[i]!)
      )
        ceased[i] = 1;
      // ln(U/U0) and ln(Reff/Reff0) at the month start, for a path still fighting: for the
      // breakthrough (no Math.pow) and as the first step's force-ratio logarithms (fightMonth).
      let logUkraine = 0,
        logRussia = 0;
      if (!ceased[i]) {
        logUkraine = logRelativeStrength(ukraineForceAtStart, ukraineForce0);
        logRussia = logRelativeStrength(
          effectiveRussianForce(
            this.russia[i * FORCE_STATE_SLOTS + ForceState.Force]!,
            this.dprk[i * DPRK_STATE_SLOTS + DprkState.Force]!,
            combatValue,
          ),
          russiaEffective0[i]!,
        );
      }
      let breakthrough = 1;
      if (eventsOn) {
        if (offensive && !ceased[i]) {
          const logRatio = frozen ? 0 : logForceRatio(logRussia, logUkraine, ukraineForceAtStart);
          if (
            uBreakthrough[i]! <
            breakthroughProbabilityFromLog(
              territory.breakthrough.probabilityPerMonth[i]!,
              logRatio,
              territory.breakthrough.forceRatioExponent[i]!,
            )
          ) {
            breakthrough = territory.breakthrough.multiplier[i]!;
          }
        }
        const newWaves = furtherWaveCount(dprk.furtherWaves.ratePerYear[i]!, waveDraws[2 * i]!);
        // Sizes are drawn per wave (at the median with noise off); waves starting in the same
        // month share one size draw, which keeps the stream aligned (two uniforms a month).
        if (newWaves > 0) {
          const pending = i * DPRK_STATE_SLOTS + DprkState.Pending;
          this.dprk[pending] = pendingAfterNewWaves(
            this.dprk[pending]!,
            newWaves,
            quantile(waveSizeSpec, noiseOn ? waveDraws[2 * i + 1]! : 0.5),
          );
        }
      }
      // Layer 2: the month's noise (mean-one lognormal AR(1)s) and the stalemate change. Drawn
      // after the regime and the events, which do not read them, so that a filter's guide sees
      // those first (engine/noise-guide.ts); without a guide the normals are the streams' own.
      const intensitySd = noiseOn ? intensity.noiseSd[i]! : 0;
      const areaSd = noiseOn ? territory.offensiveNoiseSd[i]! : 0;
      let zIntensity = normalQuantile(uNoise[i]!),
        zArea = normalQuantile(uTerritory[i]!),
        // The stalemate change matters to stalemate months only, the breakthrough to offensive ones
        // (areaGainOverStep), so each is evaluated only there; their uniforms are drawn regardless.
        zStalemate = offensive || !noiseOn ? 0 : normalQuantile(uStalemate[i]!);
      if (guide) {
        guide.logCorrection[i] = 0;
        if (noiseOn && !ceased[i]) {
          // The territory's second normal: the offensive noise's, or (in stalemate) the stalemate change's.
          const gainsOffensively = offensive || collapsedAtStart;
          const q = this.guidedProposal(i, m, month, gainsOffensively, collapsedAtStart, breakthrough, logUkraine, logRussia, guide);
          const u2 = gainsOffensively ? zArea : zStalemate;
          const z1 = q[Proposal.Mean1]! + q[Proposal.Scale11]! * zIntensity,
            z2 = q[Proposal.Mean2]! + q[Proposal.Scale21]! * zIntensity + q[Proposal.Scale22]! * u2;
          guide.logCorrection[i] = proposalLogCorrection(zIntensity, u2, z1, z2, q[Proposal.Scale11]!, q[Proposal.Scale22]!);
          zIntensity = z1;
          if (gainsOffensively) zArea = z2;
          else zStalemate = z2;
        }
      }
      logNoise[i] = logIntensityNoise(first, logNoise[i]!, intensity.noiseAutocorrelation[i]!, intensitySd, zIntensity);
      const intensityNoise = meanOneMultiplier(logNoise[i]!, intensitySd);
      logAreaNoise[i] = logTerritoryNoise(first, logAreaNoise[i]!, territory.offensiveNoiseAutocorrelation[i]!, areaSd, zArea);
      const areaNoise = meanOneMultiplier(logAreaNoise[i]!, areaSd);
      const stalemateChange = offensive ? 0 : stalemateChangePerMonth(territory, i, zStalemate);
      if (!ceased[i]) {
        const inputs = this.monthInputs;
        inputs[MonthInput.IntensityNoise] = intensityNoise;
        inputs[MonthInput.AreaNoise] = areaNoise;
        inputs[MonthInput.Breakthrough] = breakthrough;
        inputs[MonthInput.StalemateChange] = stalemateChange;
        inputs[MonthInput.LogUkraineAtStart] = logUkraine;
        inputs[MonthInput.LogRussiaAtStart] = logRussia;
        this.fightMonth(i, monthSteps, active);
      }
      const area = occupied[i]!;
      series.occupiedKm2[i] = area;
      series.occupiedShare[i] = occupiedShare(area, total);
      const forceAt = i * FORCE_STATE_SLOTS,
        dprkAt = i * DPRK_STATE_SLOTS;
      series.russiaForce[i] = this.russia[forceAt + ForceState.Force]!;
      series.dprkForce[i] = this.dprk[dprkAt + DprkState.Force]!;
      series.ukraineForce[i] = this.ukraine[forceAt + ForceState.Force]!;
      const lossesBefore = series.russiaLosses[i]! + series.dprkLosses[i]!;
      series.russiaLosses[i] = this.russia[forceAt + ForceState.LossesSoFar]!;
      series.dprkLosses[i] = this.dprk[dprkAt + DprkState.LossesSoFar]!;
      series.ukraineLosses[i] = this.ukraine[forceAt + ForceState.LossesSoFar]!;
      // What the General Staff would claim for the month: the true Russian-side losses × the
      // bias, which walks from the path's claimsBias draw after the first month, × the scatter.
      // A path in ceasefire loses nobody from then on, so it claims nothing more and its bias is
      // never read again: its two uniforms are drawn (stream alignment) but not transformed.
      if (!ceased[i]) {
        if (!first) logClaimsBias[i] = claimsBiasStep(logClaimsBias[i]!, claimsBiasDriftSd, normalQuantile(uClaimsBias[i]!));
        series.claimedLosses[i] =
          series.claimedLosses[i]! +
          claimsDraw(
            series.russiaLosses[i]! + series.dprkLosses[i]! - lossesBefore,
            logClaimsBias[i]!,
            claimsLogSd,
            normalQuantile(uClaimsScatter[i]!),
          );
      }
    }
    this.recorder.recordMonth(m, this.accountingOfMonth(), this.regime, this.ceased);
    this.monthsRun += 1;
  }

  /**
   * Path i's proposal for the month's normals from `guide`, given what the path would lose and
   * gain with them at zero (engine/noise-guide.ts MonthPrediction): the same laws as the month's
   * steps, at the month-start force ratios, over the whole month.
   */
  private guidedProposal(
    i: number,
    m: number,
    month: CalendarMonth,
    gainsOffensively: boolean,
    collapsed: boolean,
    breakthrough: number,
    logUkraine: number,
    logRussia: number,
    guide: NoiseGuide,
  ): Float64Array {
    const { intensity, regimes, attrition, territory } = this.p;
    const frozen = this.plan.scenario.dynamics.forces === "frozen";
    const first = m === 0 && !this.continued,
      intensitySd = intensity.noiseSd[i]!,
      areaSd = territory.offensiveNoiseSd[i]!;
    const phi = intensity.noiseAutocorrelation[i]!,
      areaPhi = territory.offensiveNoiseAutocorrelation[i]!;
    // The noise laws are linear in z: their value at 0 and their step per unit of z.
    const logNoiseAtZero = logIntensityNoise(first, this.logNoise[i]!, phi, intensitySd, 0);
    const noiseSlope = logIntensityNoise(first, this.logNoise[i]!, phi, intensitySd, 1) - logNoiseAtZero;
    const noiseAtZero = meanOneMultiplier(logNoiseAtZero, intensitySd);
    const season = seasonalFactor(month.month, intensity.seasonalAmplitude[i]!, intensity.seasonalPeakMonth[i]!);
    const lossesPerDay = russiaSideLossesFromLogs(
      attrition.russiaLossesPerMonth[i]! / DAYS_PER_MONTH,
      combatIntensity(season, regimeIntensity(this.regime[i]!, regimes.stalemateIntensity[i]!), noiseAtZero),
      logUkraine,
      logRussia,
      attrition.russiaOnUkraineExponent[i]!,
      attrition.russiaOnOwnExponent[i]!,
    );
    const prediction = this.prediction;
    prediction[MonthPrediction.Fighting] = 1;
    prediction[MonthPrediction.Offensive] = gainsOffensively ? 1 : 0;
    prediction[MonthPrediction.LogLossesAtZero] = Math.log(lossesPerDay * month.days);
    prediction[MonthPrediction.LossesSlope] = noiseSlope;
    if (gainsOffensively) {
      const logAreaAtZero = logTerritoryNoise(first, this.logAreaNoise[i]!, areaPhi, areaSd, 0);
      const effect = offensiveEffectFromLog(
        this.territoryCoefficients,
        frozen ? 0 : logForceRatio(logRussia, logUkraine, this.ukraine[i * FORCE_STATE_SLOTS + ForceState.Force]!),
      );
      const gain = areaGainOverStep(
        this.territoryCoefficients,
        true,
        collapsed,
        combatIntensity(season, 1, noiseAtZero),
        meanOneMultiplier(logAreaAtZero, areaSd),
        effect,
        breakthrough,
        0,
        month.days,
        month.days,
      );
      prediction[MonthPrediction.GainAtZero] = gain > 0 ? Math.log(gain) : NaN;
      prediction[MonthPrediction.GainSlopeIntensity] = noiseSlope;
      prediction[MonthPrediction.GainSlopeArea] = logTerritoryNoise(first, this.logAreaNoise[i]!, areaPhi, areaSd, 1) - logAreaAtZero;
    } else {
      const changeAtZero = stalemateChangePerMonth(territory, i, 0);
      prediction[MonthPrediction.GainAtZero] = changeAtZero;
      prediction[MonthPrediction.GainSlopeIntensity] = 0;
      prediction[MonthPrediction.GainSlopeArea] = stalemateChangePerMonth(territory, i, 1) - changeAtZero;
    }
    const proposal = this.proposal;
    guide.propose(i, prediction, proposal);
    return proposal;
  }

  /**
   * The steps of month `steps.month` for path `i` (not in ceasefire; its month values in
   * `monthInputs`): per step the attrition law, territory, then one step of each side's forces. Its own function, so that the JIT inlines the
   * laws of the steps within its budget rather than spending it on the month's laws.
   */
  private fightMonth(i: number, steps: MonthSteps, active: readonly { size: Float64Array }[]): void {
    const { month, count: stepCount, dt, refreshEvery, frozen, canCollapse, coefficients } = steps;
    const inputs = this.monthInputs;
    const intensityNoise = inputs[MonthInput.IntensityNoise]!,
      areaNoise = inputs[MonthInput.AreaNoise]!,
      breakthrough = inputs[MonthInput.Breakthrough]!,
      stalemateChange = inputs[MonthInput.StalemateChange]!,
      logUkraineAtStart = inputs[MonthInput.LogUkraineAtStart]!,
      logRussiaAtStart = inputs[MonthInput.LogRussiaAtStart]!;
    const { intensity, regimes, attrition, ukraine, dprk } = this.p;
    const {
      russiaCoefficients,
      ukraineCoefficients,
      dprkCoefficients,
      territoryCoefficients: territoryAtPath,
      activeWaves,
      occupied,
      regime,
    } = this;
    const ukraineForce0 = ukraine.initialForce[i]!,
      combatValue = dprk.combatValue[i]!;
    const season = seasonalFactor(month.month, intensity.seasonalAmplitude[i]!, intensity.seasonalPeakMonth[i]!);
    const monthIntensity = combatIntensity(season, regimeIntensity(regime[i]!, regimes.stalemateIntensity[i]!), intensityNoise);
    const offensiveIntensity = combatIntensity(season, 1, intensityNoise);
    const russiaLossesPerDay = attrition.russiaLossesPerMonth[i]! / DAYS_PER_MONTH;
    const exchangeRatio = attrition.exchangeRatio[i]!,
      exposure = dprk.exposure[i]!;
    const russiaOnUkraine = attrition.russiaOnUkraineExponent[i]!,
      russiaOnOwn = attrition.russiaOnOwnExponent[i]!;
    const ukraineOnRussia = attrition.ukraineOnRussiaExponent[i]!,
      ukraineOnOwn = attrition.ukraineOnOwnExponent[i]!;
    const russiaEffectiveAtStart = this.russiaEffective0[i]!;
    const offensive = regime[i] === OFFENSIVE;
    // Coefficients fixed for the month (rates per day, shares leaving each delay per step), from
    // the path's tables; the territory's were set for this path by runMonth.
    copySlots(russiaCoefficients, coefficients.russia, i * FORCE_COEFFICIENT_SLOTS, FORCE_COEFFICIENT_SLOTS);
    copySlots(ukraineCoefficients, coefficients.ukraine, i * FORCE_COEFFICIENT_SLOTS, FORCE_COEFFICIENT_SLOTS);
    copySlots(dprkCoefficients, coefficients.dprk, i * DPRK_COEFFICIENT_SLOTS, DPRK_COEFFICIENT_SLOTS);
    for (let j = 0; j < active.length; j += 1) activeWaves[WAVE_SLOTS * j] = active[j]!.size[i]!;
    const forceAt = i * FORCE_STATE_SLOTS,
      dprkAt = i * DPRK_STATE_SLOTS;
    const stepInput = this.stepInput;
    stepInput[StepInput.Days] = dt;
    const russiaStocks = this.russia,
      ukraineStocks = this.ukraine,
      dprkStocks = this.dprk;
    let area = occupied[i]!;
    let russiaSideLossesPerDay = 0,
      ukraineLossesPerDay = 0,
      effect = 1;
    // A counter rather than s % refreshEvery: an integer division per step costs ≈ 3% of a day-step run.
    for (let s = 0, refreshAt = 0; s < stepCount; s += 1) {
      const from = month.startDay + s * dt;
      const russiaForce = russiaStocks[forceAt + ForceState.Force]!,
        dprkForce = dprkStocks[dprkAt + DprkState.Force]!,
        ukraineForce = ukraineStocks[forceAt + ForceState.Force]!;
      if (s === refreshAt) {
        refreshAt += refreshEvery;
        // The force-ratio powers: the only transcendental terms, and slow-moving (the first
        // step's logarithms are the month start's, taken by runMonth).
        const logUkraine = s === 0 ? logUkraineAtStart : logRelativeStrength(ukraineForce, ukraineForce0);
        const logRussia =
          s === 0
            ? logRussiaAtStart
            : logRelativeStrength(effectiveRussianForce(russiaForce, dprkForce, combatValue), russiaEffectiveAtStart);
        russiaSideLossesPerDay = russiaSideLossesFromLogs(
          russiaLossesPerDay,
          monthIntensity,
          logUkraine,
          logRussia,
          russiaOnUkraine,
          russiaOnOwn,
        );
        ukraineLossesPerDay = ukraineLossesFromLogs(
          russiaLossesPerDay,
          exchangeRatio,
          monthIntensity,
          logRussia,
          logUkraine,
          ukraineOnRussia,
          ukraineOnOwn,
        );
        effect = offensive ? offensiveEffectFromLog(territoryAtPath, frozen ? 0 : logForceRatio(logRussia, logUkraine, ukraineForce)) : 1;
      }
      const russiaSideHazard = russiaSideHazardPerDay(russiaSideLossesPerDay, russiaForce, dprkForce, exposure);
      const ukraineHazard = perCapitaHazard(ukraineLossesPerDay, ukraineForce);
      // Each side's step: losses by the exact integral, then (forces free) returns and recruits.
      stepInput[StepInput.HazardPerDay] = russiaSideHazard;
      stepInput[StepInput.FromDay] = from;
      forceStep(russiaStocks, forceAt, russiaCoefficients, stepInput, frozen);
      dprkStep(dprkStocks, dprkAt, dprkCoefficients, activeWaves, active.length, stepInput, frozen);
      stepInput[StepInput.HazardPerDay] = ukraineHazard;
      forceStep(ukraineStocks, forceAt, ukraineCoefficients, stepInput, frozen);
      // Territory, from the forces at the start of the step (held in locals). Written after the
      // forces' steps: the JIT then inlines the small laws here before it weighs the big ones.
      const collapsed = canCollapse && ukraineCollapsed(territoryAtPath, ukraineForce, ukraineForce0);
      area = areaAfterStep(
        territoryAtPath,
        area,
        offensive,
        collapsed,
        offensiveIntensity,
        areaNoise,
        effect,
        breakthrough,
        stalemateChange,
        dt,
        month.days,
      );
    }
    occupied[i] = area;
  }

  /** keepPaths: the month's accounting arrays, in ACCOUNTING order (none otherwise: the recorder keeps none). */
  private accountingOfMonth(): ArrayLike<number>[] {
    const flows = this.flows;
    if (!flows) return [];
    for (const [name, side, slot] of FLOWS) {
      if (side === "dprk") gather(flows[name], this.dprk, DPRK_STATE_SLOTS, slot);
      else gather(flows[name], this[side], FORCE_STATE_SLOTS, slot);
    }
    const accounting: Record<AccountingName, ArrayLike<number>> = { ...flows, regime: this.regime, ceasefire: this.ceased };
    return ACCOUNTING.map((name) => accounting[name]);
  }

  /**
   * Every path's value of series `name` at the end of the last month run (its start before the
   * first month): read-only, overwritten by the next month.
   */
  monthEnd(name: SeriesName): Readonly<Float64Array> {
    return this.series[name];
  }

  /** Every path's regime (0 offensive, 1 stalemate) and whether its ceasefire has begun (1), at the end of the last month run (read-only). */
  pathStates(): { regime: Readonly<Uint8Array>; ceased: Readonly<Uint8Array> } {
    return { regime: this.regime, ceased: this.ceased };
  }

  /** Every path's parameter draws, by dotted path (read-only; resample reorders them). */
  parameters(): Readonly<Record<string, Readonly<Float64Array>>> {
    return this.byPath;
  }

  /**
   * Set the stocks at t0 again from the current parameter draws — after {@link BlockRun.setParameter}
   * has replaced draws that the start depends on (initial forces, loss level, return delays…),
   * as an iterated filter does before each pass. Only before the first month.
   * @throws {Error} once a month has been run.
   */
  reinitialise(): void {
    if (this.monthsRun > 0) throw new Error("internal: reinitialise is for a block that has not run a month yet");
    this.coefficientTables.clear();
    this.uniformArrays = undefined;
    this.initialise();
  }

  /**
   * Overwrite every path's draw of parameter `path` (a filter's parameter moves: analysis/
   * war-particles.ts). The step coefficients derived from the parameters are recomputed at the
   * next month; the start stocks, set from the draws at t0, are state and stay as they are.
   * @throws {RangeError} for a path the block does not draw, or `values` of the wrong length.
   */
  setParameter(path: string, values: ArrayLike<number>): void {
    const target = this.byPath[path];
    if (!target) throw new RangeError(`no parameter ${path} is drawn per path in this block`);
    if (values.length !== this.count) throw new RangeError(`expected ${this.count} values of ${path}, got ${values.length}`);
    for (let i = 0; i < this.count; i += 1) target[i] = values[i]!;
    this.coefficientTables.clear();
    this.uniformArrays = undefined;
  }

  /**
   * Particle-filter resampling (analysis/filter.ts): path i becomes a copy of path
   * `ancestors[i]` — its stocks, area, noise, claims bias, regime, ceasefire, month ends and every parameter
   * draw — so the next month steps the copies on their own draws. The months recorded before
   * no longer follow the paths, so a resampled block has no result ({@link BlockRun.finish}
   * refuses); a filter reads {@link BlockRun.monthEnd} instead.
   * @throws {RangeError} when `ancestors` is not `count` indices of paths of the block.
   */
  resample(ancestors: Int32Array): void {
    const n = this.count;
    if (ancestors.length !== n) throw new RangeError(`expected ${n} ancestors (one per path), got ${ancestors.length}`);
    for (let i = 0; i < n; i += 1) {
      const a = ancestors[i]!;
      if (!(a >= 0 && a < n)) throw new RangeError(`ancestor ${a} of path ${i} is not a path of the block (0…${n - 1})`);
    }
    const scratch = (this.resampleScratch ??= new Float64Array(n * Math.max(FORCE_STATE_SLOTS, DPRK_STATE_SLOTS, FORCE_COEFFICIENT_SLOTS)));
    const permute = (values: Float64Array | Uint8Array, slots: number): void => {
      const copy = scratch.subarray(0, values.length);
      copy.set(values);
      for (let i = 0; i < n; i += 1) {
        const from = ancestors[i]! * slots,
          to = i * slots;
        for (let k = 0; k < slots; k += 1) values[to + k] = copy[from + k]!;
      }
    };
    permute(this.russia, FORCE_STATE_SLOTS);
    permute(this.ukraine, FORCE_STATE_SLOTS);
    permute(this.dprk, DPRK_STATE_SLOTS);
    for (const values of [
      this.occupied,
      this.logNoise,
      this.logAreaNoise,
      this.stalemateMonths,
      this.logClaimsBias,
      this.russiaEffective0,
      this.regime,
      this.ceased,
    ])
      permute(values, 1);
    for (const values of Object.values(this.series)) permute(values, 1);
    // Parameters and step coefficients change only by setParameter, which forgets what is uniform.
    const uniform = (this.uniformArrays ??= new WeakSet());
    const permuteUnlessUniform = (values: Float64Array, slots: number): void => {
      if (uniform.has(values)) return;
      if (samePerPath(values, slots)) uniform.add(values);
      else permute(values, slots);
    };
    for (const values of Object.values(this.byPath)) permuteUnlessUniform(values, 1);
    for (const tables of this.coefficientTables.values()) {
      permuteUnlessUniform(tables.russia, FORCE_COEFFICIENT_SLOTS);
      permuteUnlessUniform(tables.ukraine, FORCE_COEFFICIENT_SLOTS);
      permuteUnlessUniform(tables.dprk, DPRK_COEFFICIENT_SLOTS);
    }
    this.resampled = true;
  }

  /** The block's results (typed arrays, transferable to another thread). */
  finish(): BlockResult {
    if (this.resampled) throw new Error("internal: a resampled block has no result (its recorded months do not follow its paths)");
    return this.recorder.finish();
  }
}

/** Whether every path's `slots` values (path after path) are the same bits as the first path's. */
function samePerPath(values: Float64Array, slots: number): boolean {
  for (let at = slots; at < values.length; at += slots)
    for (let k = 0; k < slots; k += 1) if (!Object.is(values[at + k], values[k])) return false;
  return true;
}

/** Run one block of the plan, month by month (the single loop every runner uses). */
export function runBlock(plan: RunPlan, block: number, first: number, count: number, reuse?: readonly Uint16Array[]): BlockResult {
  const blockRun = new BlockRun(plan, block, first, count, reuse);
  for (let m = 0; m < plan.calendar.length; m += 1) blockRun.runMonth(m);
  return blockRun.finish();
}
