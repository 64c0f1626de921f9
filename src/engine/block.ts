import { lossOverStep, perCapitaHazard, russiaSideHazardPerDay, russiaSideLossesFromLogs, ukraineLossesFromLogs } from "../model/attrition.js";
import { capToPool, furtherWaveCount, scheduledArrivals } from "../model/dprk.js";
import { breakthroughProbability, ceasefireHazard, isCollapsed } from "../model/events.js";
import { delayShare, recruitsOverStep, targetStrength } from "../model/forces.js";
import { nextRegime, OFFENSIVE, regimeIntensity, STALEMATE } from "../model/regimes.js";
import { seasonalFactor } from "../model/seasonality.js";
import { boundArea, forceRatioEffectFromLog, offensiveGain, relativeForceRatio } from "../model/territory.js";
import { DAYS_PER_MONTH } from "../scenario/article.js";
import { quantile } from "../scenario/distribution-math.js";
import type { Scenario } from "../scenario/schema.js";
import { normalQuantile } from "../util/special-functions.js";
import { daysBetween, type CalendarMonth } from "./calendar.js";
import type { ParameterSlot } from "./parameters.js";
import { sampleBlock, type BlockParameterView } from "./sample.js";
import { BlockRecorder, type BlockResult, type SummaryMode } from "./block-result.js";
import { createStream, fillUniform, type Uniform } from "./rng.js";

/** Everything a block needs; plain data, so it can be sent to a worker as it is. */
export interface RunPlan {
  scenario: Scenario;
  slots: readonly ParameterSlot[];
  calendar: readonly CalendarMonth[];
  /** One step per day, or one per calendar month. */
  dayStep: boolean;
  seed: number;
  thresholds: readonly number[];
  summary: SummaryMode;
  keepPaths: boolean;
  /** Per-path uniforms replacing the keyed parameter draws (indexed by global path). */
  uniforms?: Readonly<Record<string, ArrayLike<number>>>;
  /**
   * Day step only: days between re-evaluations of the force-ratio powers ((U/U0)^a, …, x^γ),
   * which change by well under 1% a month; 0 = once at each month start, 7 = weekly (the
   * default, measured against the daily reference in test/engine/refresh.test.ts), 1 = every
   * day (the reference).
   */
  refreshDays: number;
}

type Side = {
  f0: Float64Array; growth: Float64Array; ceiling?: Float64Array; capacity: Float64Array; tau: Float64Array;
  training: Float64Array; wShare: Float64Array; wDelay: Float64Array; desertion: Float64Array;
};

function side(force: BlockParameterView["russia"]): Side {
  return {
    f0: force.initialForce, growth: force.targetGrowthPerMonth, ceiling: force.targetCeiling,
    capacity: force.recruitmentCapacityPerMonth, tau: force.adjustmentMonths, training: force.trainingMonths,
    wShare: force.woundedReturnShare, wDelay: force.returnDelayMonths, desertion: force.desertionPerMonth,
  };
}

/**
 * One block of paths, simulated month by month (`runMonth`), then `finish()` hands over its
 * results. Random streams are keyed by (seed, block, purpose), and every stream gives exactly
 * one number per path per month (two for DPRK waves) whether used or not — so a block's
 * numbers never depend on who runs it, and scenarios compared on one seed share their draws.
 */
export class BlockRun {
  readonly count: number;
  private readonly plan: RunPlan;
  private readonly p: BlockParameterView;
  private readonly recorder: BlockRecorder;
  private readonly streams: Uniform[];
  private readonly draws: Float64Array[];
  private readonly waveDraws: Float64Array;
  private readonly waves: { size: Float64Array; startDay: number; endDay: number }[];
  // State, structure of arrays.
  private readonly R: Float64Array; private readonly K: Float64Array; private readonly U: Float64Array; private readonly A: Float64Array;
  private readonly LR: Float64Array; private readonly LK: Float64Array; private readonly LU: Float64Array;
  private readonly WR: Float64Array; private readonly WK: Float64Array; private readonly WU: Float64Array;
  private readonly TR: Float64Array; private readonly TU: Float64Array; private readonly PK: Float64Array; private readonly deployed: Float64Array;
  private readonly inflowR: Float64Array; private readonly inflowU: Float64Array;
  private readonly logEps: Float64Array; private readonly stalRun: Float64Array; private readonly reff0: Float64Array;
  private readonly regime: Uint8Array; private readonly ceased: Uint8Array;
  /** Cumulative flows for the per-path accounting (keepPaths). */
  private readonly flows: Float64Array[];

  constructor(plan: RunPlan, block: number, firstPath: number, count: number) {
    this.plan = plan;
    this.count = count;
    const { scenario, seed } = plan;
    const noiseOn = scenario.dynamics.noise === "on";
    const { view: p, byPath } = sampleBlock(scenario, plan.slots, { seed, atMedian: !noiseOn, uniforms: plan.uniforms, posterior: scenario.posterior }, block, firstPath, count);
    this.p = p;
    this.recorder = new BlockRecorder(block, firstPath, count, plan.calendar.length, plan.thresholds, plan.summary, plan.keepPaths, plan.keepPaths ? byPath : undefined);
    const purposes = ["intensity-noise", "territory-noise", "regime", "stalemate-change", "breakthrough", "ceasefire"];
    this.streams = [...purposes, "dprk-further-waves"].map((purpose) => createStream(seed, "block", block, purpose));
    this.draws = purposes.map(() => new Float64Array(count));
    this.waveDraws = new Float64Array(2 * count);
    this.waves = scenario.dprk.waves.map((w, j) => ({
      size: p.dprk.waves[j]!.size,
      startDay: daysBetween(scenario.start, w.arrivalStart),
      endDay: daysBetween(scenario.start, w.arrivalEnd) + 1,
    }));
    const f = () => new Float64Array(count);
    this.R = f(); this.K = f(); this.U = f(); this.A = f(); this.LR = f(); this.LK = f(); this.LU = f();
    this.WR = f(); this.WK = f(); this.WU = f(); this.TR = f(); this.TU = f(); this.PK = f(); this.deployed = f();
    this.inflowR = f(); this.inflowU = f(); this.logEps = f(); this.stalRun = f(); this.reff0 = f();
    this.regime = new Uint8Array(count); this.ceased = new Uint8Array(count);
    this.flows = Array.from({ length: 9 }, f);
    this.initialise();
  }

  private initialise(): void {
    const { p, plan } = this;
    const ru = side(p.russia), ua = side(p.ukraine);
    const regimeMode = plan.scenario.dynamics.regime;
    const initialRegime = plan.scenario.regimes.initial === "stalemate" || regimeMode === "stalemate" ? STALEMATE : OFFENSIVE;
    const T = p.territory.totalKm2, A0 = p.territory.initialOccupiedKm2, K0 = p.dprk.initialForce, q = p.dprk.combatValue;
    const lambdaR = p.attrition.russiaLossesPerMonth, rho = p.attrition.exchangeRatio, expo = p.dprk.exposure;
    const kShare = p.dprk.woundedReturnShare, kDelay = p.dprk.returnDelayMonths;
    const start = this.recorder.initial;
    for (let i = 0; i < this.count; i += 1) {
      const r = ru.f0[i]!, u = ua.f0[i]!, k = K0[i]!, a = Math.min(A0[i]!, T[i]!);
      this.R[i] = r; this.U[i] = u; this.K[i] = k; this.A[i] = a;
      this.deployed[i] = k;
      this.reff0[i] = r + q[i]! * k;
      this.regime[i] = regimeMode === "offensive" ? OFFENSIVE : initialRegime;
      // Wounded already in recovery at t0: the steady state of the t0 loss rate
      // (share · monthly loss · delay in months), so that returns do not start from zero.
      const lossPerMonth = lambdaR[i]!;
      const hazard0 = russiaSideHazardPerDay(lossPerMonth, r, k, expo[i]!); // per month here
      this.WR[i] = ru.wShare[i]! * hazard0 * r * ru.wDelay[i]!;
      this.WK[i] = kShare[i]! * hazard0 * expo[i]! * k * kDelay[i]!;
      this.WU[i] = ua.wShare[i]! * (lossPerMonth / rho[i]!) * ua.wDelay[i]!;
      // Both armies start replacing their losses (the t0 rates); the DPRK contingent does not.
      this.inflowR[i] = (hazard0 * r) / DAYS_PER_MONTH;
      this.inflowU[i] = lossPerMonth / rho[i]! / DAYS_PER_MONTH;
      start[0]![i] = a; start[1]![i] = a / T[i]!; start[2]![i] = r; start[3]![i] = k; start[4]![i] = u;
    }
    this.recorder.initialiseEvents(start[1]!);
  }

  /** Simulate calendar month `m` for every path of the block and record its end. */
  runMonth(m: number): void {
    const { p, plan, count: n } = this;
    const month = plan.calendar[m]!;
    const { forces, regime: regimeMode, noise, events } = plan.scenario.dynamics;
    const frozen = forces === "frozen", noiseOn = noise === "on", eventsOn = events === "on";
    const switching = regimeMode === "switching" && noiseOn;
    const canCollapse = !frozen && regimeMode !== "stalemate";
    const steps = plan.dayStep ? month.days : 1;
    const dt = plan.dayStep ? 1 : month.days;
    const refreshEvery = plan.dayStep && plan.refreshDays > 0 ? plan.refreshDays : steps;
    // Bulk draws: one number per path per stream per month, in path order.
    for (let j = 0; j < this.draws.length; j += 1) fillUniform(this.streams[j]!, this.draws[j]!);
    fillUniform(this.streams[6]!, this.waveDraws);
    const [uNoise, uTerr, uReg, uStal, uBreak, uCease] = this.draws as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    const active = this.waves.filter((w) => w.startDay < month.startDay + month.days && w.endDay > month.startDay);
    const { R, K, U, A, LR, LK, LU, WR, WK, WU, TR, TU, PK, deployed, inflowR, inflowU, logEps, stalRun, reff0, regime, ceased } = this;
    const [joinR, retR, desR, joinU, retU, desU, arrK, retK, beyondPool] = this.flows as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    const ru = side(p.russia), ua = side(p.ukraine);
    const T = p.territory.totalKm2, pace = p.territory.offensivePaceKm2PerMonth, paceSd = p.territory.offensiveNoiseSd;
    const gamma = p.territory.forceRatioExponent, theta = p.territory.regainThreshold, gmax = p.territory.maxGainMultiple;
    const stalMean = p.territory.stalemateMeanKm2PerMonth, stalSd = p.territory.stalemateSdKm2PerMonth;
    const btP = p.territory.breakthrough.probabilityPerMonth, btK = p.territory.breakthrough.forceRatioExponent, btM = p.territory.breakthrough.multiplier;
    const colShare = p.territory.collapse.ukraineShareOfInitial, colM = p.territory.collapse.multiplier;
    const seasAmp = p.intensity.seasonalAmplitude, seasPeak = p.intensity.seasonalPeakMonth;
    const epsSd = p.intensity.noiseSd, epsPhi = p.intensity.noiseAutocorrelation;
    const pOS = p.regimes.offensiveToStalematePerMonth, pSO = p.regimes.stalemateToOffensivePerMonth, rStal = p.regimes.stalemateIntensity;
    const lambdaR = p.attrition.russiaLossesPerMonth, rho = p.attrition.exchangeRatio;
    const expA = p.attrition.russiaOnUkraineExponent, expB = p.attrition.russiaOnOwnExponent;
    const expC = p.attrition.ukraineOnRussiaExponent, expD = p.attrition.ukraineOnOwnExponent;
    const q = p.dprk.combatValue, expo = p.dprk.exposure, kShare = p.dprk.woundedReturnShare, kDelay = p.dprk.returnDelayMonths;
    const pool = p.dprk.deployablePool, waveRate = p.dprk.furtherWaves.ratePerYear, waveSpread = p.dprk.furtherWaves.spreadMonths;
    const cfBase = p.ceasefire.hazardPerMonth, cfStal = p.ceasefire.hazardPerStalemateMonth;
    const waveSizeSpec = plan.scenario.dprk.furtherWaves.size.spec;
    const values = this.recorder.month;

    for (let i = 0; i < n; i += 1) {
      const f0R = ru.f0[i]!, f0U = ua.f0[i]!, total = T[i]!;
      let r = R[i]!, k = K[i]!, u = U[i]!, a = A[i]!;
      // Layer 2: monthly noise (mean-one lognormal AR(1)) and the regime.
      const sdE = noiseOn ? epsSd[i]! : 0, phi = epsPhi[i]!;
      const zE = normalQuantile(uNoise[i]!);
      logEps[i] = m === 0 ? sdE * zE : phi * logEps[i]! + Math.sqrt(1 - phi * phi) * sdE * zE;
      const eps = Math.exp(logEps[i]! - (sdE * sdE) / 2);
      const sdA = noiseOn ? paceSd[i]! : 0;
      const epsA = Math.exp(sdA * normalQuantile(uTerr[i]!) - (sdA * sdA) / 2);
      // A collapse turns the war offensive — unless the regime is held at stalemate (a what-if).
      const collapsedAtStart = canCollapse && isCollapsed(u, f0U, colShare[i]!);
      if (m > 0 && switching) regime[i] = nextRegime(regime[i]!, uReg[i]!, pOS[i]!, pSO[i]!);
      if (collapsedAtStart) regime[i] = OFFENSIVE;
      stalRun[i] = regime[i] === STALEMATE ? stalRun[i]! + 1 : 0;
      const stalDraw = stalMean[i]! + (noiseOn ? stalSd[i]! * normalQuantile(uStal[i]!) : 0);
      // Layer 3: events.
      const r0eff = reff0[i]!, qi = q[i]!;
      let breakthrough = 1;
      if (eventsOn) {
        const x0 = frozen ? 1 : relativeForceRatio(r + qi * k, u, r0eff, f0U);
        if (!ceased[i] && uCease[i]! < ceasefireHazard(cfBase[i]!, cfStal[i]!, stalRun[i]!)) ceased[i] = 1;
        if (uBreak[i]! < breakthroughProbability(btP[i]!, x0, btK[i]!)) breakthrough = btM[i]!;
        const waves = furtherWaveCount(waveRate[i]!, this.waveDraws[2 * i]!);
        // Sizes are drawn per wave (at the median with noise off); waves starting in the same
        // month share one size draw, which keeps the stream aligned (two uniforms a month).
        if (waves > 0) PK[i] = PK[i]! + waves * quantile(waveSizeSpec, noiseOn ? this.waveDraws[2 * i + 1]! : 0.5);
      }
      if (!ceased[i]) {
        const season = seasonalFactor(month.month, seasAmp[i]!, seasPeak[i]!);
        const intensity = season * regimeIntensity(regime[i]!, rStal[i]!) * eps;
        const offensiveIntensity = season * eps;
        const lambdaDay = lambdaR[i]! / DAYS_PER_MONTH, paceDay = pace[i]! / DAYS_PER_MONTH;
        const desRDay = ru.desertion[i]! / DAYS_PER_MONTH, desUDay = ua.desertion[i]! / DAYS_PER_MONTH;
        const growthR = ru.growth[i]! / DAYS_PER_MONTH, growthU = ua.growth[i]! / DAYS_PER_MONTH;
        const ceilR = ru.ceiling ? ru.ceiling[i]! : Infinity, ceilU = ua.ceiling ? ua.ceiling[i]! : Infinity;
        const capR = ru.capacity[i]! / DAYS_PER_MONTH, capU = ua.capacity[i]! / DAYS_PER_MONTH;
        // Shares leaving each first-order delay per step: fixed for the month, computed once.
        const closeR = delayShare(ru.tau[i]! * DAYS_PER_MONTH, dt), closeU = delayShare(ua.tau[i]! * DAYS_PER_MONTH, dt);
        const trainedR = delayShare(ru.training[i]! * DAYS_PER_MONTH, dt), trainedU = delayShare(ua.training[i]! * DAYS_PER_MONTH, dt);
        const healedR = delayShare(ru.wDelay[i]! * DAYS_PER_MONTH, dt), healedU = delayShare(ua.wDelay[i]! * DAYS_PER_MONTH, dt);
        const healedK = delayShare(kDelay[i]! * DAYS_PER_MONTH, dt), arrivedK = delayShare(waveSpread[i]! * DAYS_PER_MONTH, dt);
        const e = expo[i]!, exchange = rho[i]!, a1 = expA[i]!, b1 = expB[i]!, c1 = expC[i]!, d1 = expD[i]!;
        const collapseAt = colShare[i]! * f0U, collapseGain = colM[i]!, g1 = gamma[i]!, th1 = theta[i]!, gm1 = gmax[i]!;
        const returnShareR = ru.wShare[i]!, returnShareU = ua.wShare[i]!, returnShareK = kShare[i]!, poolK = pool[i]!;
        const offensive = regime[i] === OFFENSIVE;
        // Per-path state in locals for the month's steps (written back below).
        let wr = WR[i]!, wk = WK[i]!, wu = WU[i]!, tr = TR[i]!, tu = TU[i]!, pk = PK[i]!, dep = deployed[i]!;
        let lr = LR[i]!, lk = LK[i]!, lu = LU[i]!, inR0 = inflowR[i]!, inU0 = inflowU[i]!;
        let jR = joinR[i]!, bR = retR[i]!, dR = desR[i]!, jU = joinU[i]!, bU = retU[i]!, dU = desU[i]!, aK = arrK[i]!, bK = retK[i]!, over = beyondPool[i]!;
        let lossRate = 0, lossRateU = 0, effect = 1;
        for (let s = 0; s < steps; s += 1) {
          const from = month.startDay + s * dt, to = from + dt;
          if (s % refreshEvery === 0) {
            // The force-ratio powers: the only transcendental terms, and slow-moving.
            const logU = Math.log(u / f0U), logR = Math.log((r + qi * k) / r0eff);
            lossRate = russiaSideLossesFromLogs(lambdaDay, intensity, logU, logR, a1, b1);
            lossRateU = ukraineLossesFromLogs(lambdaDay, exchange, intensity, logR, logU, c1, d1);
            // ln x = ln(Reff/Reff0) − ln(U/U0); a defender at zero gives +∞ (g = gmax).
            effect = offensive ? forceRatioEffectFromLog(frozen ? 0 : u > 0 ? logR - logU : Infinity, g1, th1, gm1) : 1;
          }
          const h = russiaSideHazardPerDay(lossRate, r, k, e);
          // Territory, from the forces at the start of the step. A collapse is counted once:
          // its multiplier replaces both g(x) and the breakthrough.
          const collapsed = canCollapse && u < collapseAt; // isCollapsed, with the threshold hoisted
          const gain = offensive || collapsed
            ? offensiveGain(paceDay, offensiveIntensity, epsA, collapsed ? collapseGain : effect, collapsed ? 1 : breakthrough, dt)
            : (stalDraw * dt) / month.days;
          a = boundArea(a + gain, total);
          // DPRK inflows of this step are known before the fighting: returns from the wounded
          // stock, scheduled arrivals, the pending further waves — all capped by the pool.
          let backK = 0, allowed = 0;
          if (!frozen) {
            backK = wk * healedK;
            let arriving = pk * arrivedK;
            pk = pk - arriving;
            for (let w = 0; w < active.length; w += 1) {
              const wave = active[w]!;
              arriving += scheduledArrivals(wave.size[i]!, wave.startDay, wave.endDay, from, to);
            }
            allowed = capToPool(arriving, dep, poolK);
            over = over + (arriving - allowed);
            dep = dep + allowed;
          }
          // Losses: a step never takes more than the stock (see lossOverStep). For Russia and
          // Ukraine the previous step's inflow stands in for this step's (recruits depend on
          // the losses); frozen forces are replenished exactly (inflow = h·S).
          const hR = h + desRDay;
          const outR = lossOverStep(r, frozen ? hR * r : inR0, hR, dt);
          // Split the outflow between losses and desertion so that the two add up to it and the
          // force is reduced by the outflow itself: it never goes below zero, even by a rounding.
          const lossR = hR > 0 ? outR * (h / hR) : 0, desertedR = outR - lossR;
          const lossK = lossOverStep(k, frozen ? e * h * k : (backK + allowed) / dt, e * h, dt);
          const hU0 = perCapitaHazard(lossRateU, u), hU = hU0 + desUDay;
          const outU = lossOverStep(u, frozen ? hU * u : inU0, hU, dt);
          const lossU = hU > 0 ? outU * (hU0 / hU) : 0, desertedU = outU - lossU;
          lr = lr + lossR; lk = lk + lossK; lu = lu + lossU;
          if (frozen) continue;
          // Russia: wounded return, desertion, recruitment towards the target.
          const backR = wr * healedR;
          wr = wr - backR + returnShareR * lossR;
          const tgtR = targetStrength(f0R, growthR, ceilR, from);
          const recR = recruitsOverStep(lossR - backR + desertedR, targetStrength(f0R, growthR, ceilR, to) - tgtR, tgtR - r - tr, closeR, capR, dt);
          tr = tr + recR;
          const inR = tr * trainedR;
          tr = tr - inR;
          r = r - outR + backR + inR;
          inR0 = (backR + inR) / dt;
          jR = jR + inR; bR = bR + backR; dR = dR + desertedR;
          // Ukraine: the same law; its target is its initial strength unless a growth is given.
          const backU = wu * healedU;
          wu = wu - backU + returnShareU * lossU;
          const tgtU = targetStrength(f0U, growthU, ceilU, from);
          const recU = recruitsOverStep(lossU - backU + desertedU, targetStrength(f0U, growthU, ceilU, to) - tgtU, tgtU - u - tu, closeU, capU, dt);
          tu = tu + recU;
          const inU = tu * trainedU;
          tu = tu - inU;
          u = u - outU + backU + inU;
          inU0 = (backU + inU) / dt;
          jU = jU + inU; bU = bU + backU; dU = dU + desertedU;
          // DPRK: the step's inflows were settled before the fighting (above).
          wk = wk - backK + returnShareK * lossK;
          k = k - lossK + backK + allowed;
          aK = aK + allowed; bK = bK + backK;
        }
        WR[i] = wr; WK[i] = wk; WU[i] = wu; TR[i] = tr; TU[i] = tu; PK[i] = pk; deployed[i] = dep;
        LR[i] = lr; LK[i] = lk; LU[i] = lu; inflowR[i] = inR0; inflowU[i] = inU0;
        joinR[i] = jR; retR[i] = bR; desR[i] = dR; joinU[i] = jU; retU[i] = bU; desU[i] = dU; arrK[i] = aK; retK[i] = bK; beyondPool[i] = over;
      }
      R[i] = r; K[i] = k; U[i] = u; A[i] = a;
      values[0]![i] = a; values[1]![i] = a / total; values[2]![i] = r; values[3]![i] = k; values[4]![i] = u;
      values[5]![i] = LR[i]!; values[6]![i] = LK[i]!; values[7]![i] = LU[i]!;
    }
    this.recorder.recordMonth(m, [...this.flows, regime, ceased]);
  }

  /** The block's results (typed arrays, transferable to another thread). */
  finish(): BlockResult {
    return this.recorder.finish();
  }
}

/** Run one block of the plan, month by month (the single loop every runner uses). */
export function runBlock(plan: RunPlan, block: number, first: number, count: number): BlockResult {
  const blockRun = new BlockRun(plan, block, first, count);
  for (let m = 0; m < plan.calendar.length; m += 1) blockRun.runMonth(m);
  return blockRun.finish();
}
