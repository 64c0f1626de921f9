import { lossOverStep, russiaSideHazardPerDay, russiaSideLossesPerDay, ukraineLossesPerDay } from "../model/attrition.js";
import { capToPool, furtherWaveCount, scheduledArrivals } from "../model/dprk.js";
import { breakthroughProbability, ceasefireHazard, isCollapsed } from "../model/events.js";
import { delayShare, recruitsOverStep, targetStrength } from "../model/inflows.js";
import { nextRegime, OFFENSIVE, regimeIntensity, STALEMATE } from "../model/regimes.js";
import { seasonalFactor } from "../model/seasonality.js";
import { boundArea, forceRatioEffect, offensiveGain, relativeForceRatio } from "../model/territory.js";
import { DAYS_PER_MONTH } from "../scenario/article.js";
import { normalQuantile, quantile } from "../scenario/distributions.js";
import type { Scenario } from "../scenario/schema.js";
import type { CalendarMonth } from "./calendar.js";
import { daysBetween } from "./calendar.js";
import { sampleBlockParameters, type ParameterSlot } from "./parameters.js";
import { createStream } from "./rng.js";
import type { RunStore } from "./store.js";

/** Everything a block needs that does not change between blocks. */
export interface RunPlan {
  scenario: Scenario;
  slots: readonly ParameterSlot[];
  calendar: readonly CalendarMonth[];
  /** Days per step: 1 (day step) or 0 meaning one step per calendar month. */
  dayStep: boolean;
  seed: number;
  store: RunStore;
  /** Per-path uniforms replacing the keyed parameter draws (indexed by global path). */
  uniforms?: Readonly<Record<string, ArrayLike<number>>>;
}

/** Parameters drawn per event rather than per path. */
export const PER_EVENT_PARAMETERS = new Set(["dprk.furtherWaves.size"]);

/**
 * Simulate one block of paths, month by month; yields after each month so a caller can
 * report progress, give the event loop a turn, or stop. Paths `firstPath … firstPath+count−1`.
 * Random streams are keyed by (seed, block, purpose), so the block's numbers never depend on
 * who runs it or on the other blocks.
 */
export function* runBlock(plan: RunPlan, block: number, firstPath: number, count: number): Generator<number, void, void> {
  const { scenario, calendar, seed, store } = plan;
  const { forces, regime: regimeMode, noise, events } = scenario.dynamics;
  const frozen = forces === "frozen";
  const noiseOn = noise === "on";
  const eventsOn = events === "on";
  const switching = regimeMode === "switching" && noiseOn;
  const p = sampleBlockParameters(
    { slots: plan.slots.filter((s) => !PER_EVENT_PARAMETERS.has(s.path)), seed, atMedian: !noiseOn, uniforms: plan.uniforms, posterior: scenario.posterior },
    block, firstPath, count,
  );
  if (store.parameters) {
    for (const [path, values] of Object.entries(p)) store.parameters[path]?.set(values, firstPath);
  }
  const stream = (purpose: string) => createStream(seed, "block", block, purpose);
  const noiseStream = stream("intensity-noise");
  const territoryStream = stream("territory-noise");
  const regimeStream = stream("regime");
  const stalemateStream = stream("stalemate-change");
  const breakthroughStream = stream("breakthrough");
  const ceasefireStream = stream("ceasefire");
  const waveStream = stream("dprk-further-waves");
  const waveSizeSpec = scenario.dprk.furtherWaves.size.spec;

  const start = scenario.start;
  const waves = scenario.dprk.waves.map((w, j) => ({
    size: p[`dprk.waves.${j}.size`]!,
    startDay: daysBetween(start, w.arrivalStart),
    endDay: daysBetween(start, w.arrivalEnd) + 1,
  }));

  // Parameters, one value per path.
  const T = p["territory.totalKm2"]!, A0 = p["territory.initialOccupiedKm2"]!;
  const pace = p["territory.offensivePaceKm2PerMonth"]!, paceSd = p["territory.offensiveNoiseSd"]!;
  const gamma = p["territory.forceRatioExponent"]!, theta = p["territory.regainThreshold"]!, gmax = p["territory.maxGainMultiple"]!;
  const stalMean = p["territory.stalemateMeanKm2PerMonth"]!, stalSd = p["territory.stalemateSdKm2PerMonth"]!;
  const btP = p["territory.breakthrough.probabilityPerMonth"]!, btK = p["territory.breakthrough.forceRatioExponent"]!, btM = p["territory.breakthrough.multiplier"]!;
  const colShare = p["territory.collapse.ukraineShareOfInitial"]!, colM = p["territory.collapse.multiplier"]!;
  const seasAmp = p["intensity.seasonalAmplitude"]!, seasPeak = p["intensity.seasonalPeakMonth"]!;
  const epsSd = p["intensity.noiseSd"]!, epsPhi = p["intensity.noiseAutocorrelation"]!;
  const pOS = p["regimes.offensiveToStalematePerMonth"]!, pSO = p["regimes.stalemateToOffensivePerMonth"]!, rStal = p["regimes.stalemateIntensity"]!;
  const lambdaR = p["attrition.russiaLossesPerMonth"]!, rho = p["attrition.exchangeRatio"]!;
  const expA = p["attrition.russiaOnUkraineExponent"]!, expB = p["attrition.russiaOnOwnExponent"]!;
  const expC = p["attrition.ukraineOnRussiaExponent"]!, expD = p["attrition.ukraineOnOwnExponent"]!;
  const side = (name: "russia" | "ukraine") => ({
    f0: p[`${name}.initialForce`]!, growth: p[`${name}.targetGrowthPerMonth`]!,
    ceiling: p[`${name}.targetCeiling`], capacity: p[`${name}.recruitmentCapacityPerMonth`]!,
    tau: p[`${name}.adjustmentMonths`]!, training: p[`${name}.trainingMonths`]!,
    wShare: p[`${name}.woundedReturnShare`]!, wDelay: p[`${name}.returnDelayMonths`]!, desertion: p[`${name}.desertionPerMonth`]!,
  });
  const ru = side("russia"), ua = side("ukraine");
  const K0 = p["dprk.initialForce"]!, q = p["dprk.combatValue"]!, expo = p["dprk.exposure"]!;
  const kShare = p["dprk.woundedReturnShare"]!, kDelay = p["dprk.returnDelayMonths"]!, pool = p["dprk.deployablePool"]!;
  const waveRate = p["dprk.furtherWaves.ratePerYear"]!, waveSpread = p["dprk.furtherWaves.spreadMonths"]!;
  const cfBase = p["ceasefire.hazardPerMonth"]!, cfStal = p["ceasefire.hazardPerStalemateMonth"]!;

  // State, structure of arrays.
  const n = count;
  const R = new Float64Array(n), K = new Float64Array(n), U = new Float64Array(n), A = new Float64Array(n);
  const LR = new Float64Array(n), LK = new Float64Array(n), LU = new Float64Array(n);
  const WR = new Float64Array(n), WK = new Float64Array(n), WU = new Float64Array(n);
  const TR = new Float64Array(n), TU = new Float64Array(n), PK = new Float64Array(n), deployed = new Float64Array(n);
  const joinR = new Float64Array(n), retR = new Float64Array(n), desR = new Float64Array(n);
  const joinU = new Float64Array(n), retU = new Float64Array(n), desU = new Float64Array(n);
  const arrK = new Float64Array(n), retK = new Float64Array(n), beyondPool = new Float64Array(n);
  const logEps = new Float64Array(n), stalRun = new Float64Array(n);
  const regime = new Uint8Array(n), ceased = new Uint8Array(n);
  const reff0 = new Float64Array(n);
  // Inflow per day into each army over the last step (recruits and returns).
  const inflowR = new Float64Array(n), inflowU = new Float64Array(n);
  const initialRegime = scenario.regimes.initial === "stalemate" || regimeMode === "stalemate" ? STALEMATE : OFFENSIVE;

  const runs = store.runs;
  for (let i = 0; i < n; i += 1) {
    R[i] = ru.f0[i]!; U[i] = ua.f0[i]!; K[i] = K0[i]!; A[i] = Math.min(A0[i]!, T[i]!);
    deployed[i] = K0[i]!;
    reff0[i] = R[i]! + q[i]! * K[i]!;
    regime[i] = regimeMode === "offensive" ? OFFENSIVE : initialRegime;
    // Wounded already in recovery at t0: the steady state of the t0 loss rate (share · rate · delay),
    // so that returns do not start from zero.
    const lossPerMonth = lambdaR[i]!;
    const hazard0 = russiaSideHazardPerDay(lossPerMonth, R[i]!, K[i]!, expo[i]!); // per month here
    WR[i] = ru.wShare[i]! * hazard0 * R[i]! * ru.wDelay[i]!;
    WK[i] = kShare[i]! * hazard0 * expo[i]! * K[i]! * kDelay[i]!;
    WU[i] = ua.wShare[i]! * (lossPerMonth / rho[i]!) * ua.wDelay[i]!;
    // Both armies start replacing their losses (the t0 rates); the DPRK contingent does not.
    inflowR[i] = (hazard0 * R[i]!) / DAYS_PER_MONTH;
    inflowU[i] = lossPerMonth / rho[i]! / DAYS_PER_MONTH;
    const g = firstPath + i;
    store.initial.occupiedKm2[g] = A[i]!; store.initial.occupiedShare[g] = A[i]! / T[i]!;
    store.initial.russiaForce[g] = R[i]!; store.initial.dprkForce[g] = K[i]!; store.initial.ukraineForce[g] = U[i]!;
    for (let t = 0; t < store.thresholds.length; t += 1) {
      if (A[i]! / T[i]! >= store.thresholds[t]!) store.firstMonth[t * runs + g] = 0;
    }
  }

  const nThresholds = store.thresholds.length;
  for (let m = 0; m < calendar.length; m += 1) {
    const month = calendar[m]!;
    const steps = plan.dayStep ? month.days : 1;
    const dt = plan.dayStep ? 1 : month.days;
    for (let i = 0; i < n; i += 1) {
      // Monthly draws: exactly one uniform per stream per path per month (two for waves), used or
      // not, so streams stay aligned across scenarios (common random numbers).
      const uNoise = noiseStream(), uTerr = territoryStream(), uReg = regimeStream(), uStal = stalemateStream();
      const uBreak = breakthroughStream(), uCease = ceasefireStream(), uWaveCount = waveStream(), uWaveSize = waveStream();
      const f0R = ru.f0[i]!, f0U = ua.f0[i]!;
      let r = R[i]!, k = K[i]!, u = U[i]!, a = A[i]!;
      const total = T[i]!;
      // Layer 2: monthly noise and regime.
      const sdE = noiseOn ? epsSd[i]! : 0;
      const phi = epsPhi[i]!;
      const zE = normalQuantile(uNoise);
      logEps[i] = m === 0 ? sdE * zE : phi * logEps[i]! + Math.sqrt(1 - phi * phi) * sdE * zE;
      const eps = Math.exp(logEps[i]! - (sdE * sdE) / 2);
      const sdA = noiseOn ? paceSd[i]! : 0;
      const epsA = Math.exp(sdA * normalQuantile(uTerr) - (sdA * sdA) / 2);
      const collapsedAtStart = !frozen && isCollapsed(u, f0U, colShare[i]!);
      if (m > 0 && switching) regime[i] = nextRegime(regime[i]!, uReg, pOS[i]!, pSO[i]!);
      if (collapsedAtStart) regime[i] = OFFENSIVE;
      stalRun[i] = regime[i] === STALEMATE ? stalRun[i]! + 1 : 0;
      const stalDraw = stalMean[i]! + (noiseOn ? stalSd[i]! * normalQuantile(uStal) : 0);
      // Layer 3: events.
      const reff = r + q[i]! * k;
      const x0 = frozen ? 1 : relativeForceRatio(reff, u, reff0[i]!, f0U);
      let breakthrough = 1;
      if (eventsOn) {
        if (!ceased[i] && uCease < ceasefireHazard(cfBase[i]!, cfStal[i]!, stalRun[i]!)) ceased[i] = 1;
        if (uBreak < breakthroughProbability(btP[i]!, x0, btK[i]!)) breakthrough = btM[i]!;
        const waves = furtherWaveCount(waveRate[i]!, uWaveCount);
        if (waves > 0) PK[i] = PK[i]! + waves * quantile(waveSizeSpec, uWaveSize);
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
        const tauR = ru.tau[i]! * DAYS_PER_MONTH, tauU = ua.tau[i]! * DAYS_PER_MONTH;
        // Shares leaving each first-order delay per step: fixed for the month, computed once.
        const trainedR = delayShare(ru.training[i]! * DAYS_PER_MONTH, dt), trainedU = delayShare(ua.training[i]! * DAYS_PER_MONTH, dt);
        const healedR = delayShare(ru.wDelay[i]! * DAYS_PER_MONTH, dt), healedU = delayShare(ua.wDelay[i]! * DAYS_PER_MONTH, dt);
        const healedK = delayShare(kDelay[i]! * DAYS_PER_MONTH, dt), arrivedK = delayShare(waveSpread[i]! * DAYS_PER_MONTH, dt);
        const e = expo[i]!, qi = q[i]!, r0eff = reff0[i]!, exchange = rho[i]!;
        const a1 = expA[i]!, b1 = expB[i]!, c1 = expC[i]!, d1 = expD[i]!;
        const collapseAt = colShare[i]! * f0U, collapseGain = colM[i]!, g1 = gamma[i]!, th1 = theta[i]!, gm1 = gmax[i]!;
        const returnShareR = ru.wShare[i]!, returnShareU = ua.wShare[i]!, returnShareK = kShare[i]!, poolK = pool[i]!;
        const offensive = regime[i] === OFFENSIVE;
        for (let s = 0; s < steps; s += 1) {
          const from = month.startDay + s * dt, to = from + dt;
          const reffNow = r + qi * k;
          const uRatio = u / f0U, rRatio = reffNow / r0eff;
          const lossRate = russiaSideLossesPerDay(lambdaDay, intensity, uRatio, rRatio, a1, b1);
          const lossRateU = ukraineLossesPerDay(lambdaDay, exchange, intensity, rRatio, uRatio, c1, d1);
          const h = russiaSideHazardPerDay(lossRate, r, k, e);
          // Territory, from the forces at the start of the step.
          const collapsed = !frozen && u < collapseAt; // isCollapsed, with the threshold hoisted
          let gain: number;
          if (offensive || collapsed) {
            const x = frozen ? 1 : relativeForceRatio(reffNow, u, r0eff, f0U);
            const effect = collapsed ? collapseGain : forceRatioEffect(x, g1, th1, gm1);
            gain = offensiveGain(paceDay, offensiveIntensity, epsA, effect, breakthrough, dt);
          } else {
            gain = (stalDraw * dt) / month.days;
          }
          a = boundArea(a + gain, total);
          // Losses: a step never takes more than the stock (see lossOverStep).
          // DPRK inflows of this step are known before the fighting: returns from the wounded
          // stock, scheduled arrivals, the pending further waves — all capped by the pool.
          let backK = 0, allowed = 0;
          if (!frozen) {
            backK = WK[i]! * healedK;
            let arriving = 0;
            for (const wave of waves) arriving += scheduledArrivals(wave.size[i]!, wave.startDay, wave.endDay, from, to);
            const fromPending = PK[i]! * arrivedK;
            PK[i] = PK[i]! - fromPending;
            arriving += fromPending;
            allowed = capToPool(arriving, deployed[i]!, poolK);
            beyondPool[i] = beyondPool[i]! + (arriving - allowed);
            deployed[i] = deployed[i]! + allowed;
          }
          // For Russia and Ukraine the inflow of the previous step stands in for this step's
          // (recruits depend on the losses); frozen forces are replenished exactly (inflow = h·S).
          const outR = lossOverStep(r, frozen ? (h + desRDay) * r : inflowR[i]!, h + desRDay, dt);
          const lossR = h + desRDay > 0 ? (outR * h) / (h + desRDay) : 0;
          const desertedR = h + desRDay > 0 ? (outR * desRDay) / (h + desRDay) : 0;
          const lossK = lossOverStep(k, frozen ? e * h * k : (backK + allowed) / dt, e * h, dt);
          const hU = u > 0 ? lossRateU / u : 0;
          const outU = lossOverStep(u, frozen ? (hU + desUDay) * u : inflowU[i]!, hU + desUDay, dt);
          const lossU = hU + desUDay > 0 ? (outU * hU) / (hU + desUDay) : 0;
          const desertedU = hU + desUDay > 0 ? (outU * desUDay) / (hU + desUDay) : 0;
          LR[i] = LR[i]! + lossR; LK[i] = LK[i]! + lossK; LU[i] = LU[i]! + lossU;
          if (frozen) continue;
          // Russia: wounded return, desertion, recruitment towards the target.
          const backR = WR[i]! * healedR;
          WR[i] = WR[i]! - backR + returnShareR * lossR;
          const tgtR = targetStrength(f0R, growthR, ceilR, from);
          const needR = lossR - backR + desertedR;
          const recR = recruitsOverStep(needR, targetStrength(f0R, growthR, ceilR, to) - tgtR, tgtR - r - TR[i]!, tauR, capR, dt);
          TR[i] = TR[i]! + recR;
          const inR = TR[i]! * trainedR;
          TR[i] = TR[i]! - inR;
          r = r - lossR - desertedR + backR + inR;
          inflowR[i] = (backR + inR) / dt;
          joinR[i] = joinR[i]! + inR; retR[i] = retR[i]! + backR; desR[i] = desR[i]! + desertedR;
          // Ukraine: the same law, target = its initial strength unless a growth is given.
          const backU = WU[i]! * healedU;
          WU[i] = WU[i]! - backU + returnShareU * lossU;
          const tgtU = targetStrength(f0U, growthU, ceilU, from);
          const recU = recruitsOverStep(lossU - backU + desertedU, targetStrength(f0U, growthU, ceilU, to) - tgtU, tgtU - u - TU[i]!, tauU, capU, dt);
          TU[i] = TU[i]! + recU;
          const inU = TU[i]! * trainedU;
          TU[i] = TU[i]! - inU;
          u = u - lossU - desertedU + backU + inU;
          inflowU[i] = (backU + inU) / dt;
          joinU[i] = joinU[i]! + inU; retU[i] = retU[i]! + backU; desU[i] = desU[i]! + desertedU;
          // DPRK: the step's inflows were settled before the fighting (see above).
          WK[i] = WK[i]! - backK + returnShareK * lossK;
          k = k - lossK + backK + allowed;
          arrK[i] = arrK[i]! + allowed; retK[i] = retK[i]! + backK;
        }
      }
      R[i] = r; K[i] = k; U[i] = u; A[i] = a;
      // Record the month's end.
      const g = firstPath + i, at = m * runs + g;
      const share = a / total;
      const sr = store.series;
      sr.occupiedKm2[at] = a; sr.occupiedShare[at] = share;
      sr.russiaForce[at] = r; sr.dprkForce[at] = k; sr.ukraineForce[at] = u;
      sr.russiaLosses[at] = LR[i]!; sr.dprkLosses[at] = LK[i]!; sr.ukraineLosses[at] = LU[i]!;
      for (let t = 0; t < nThresholds; t += 1) {
        const slot = t * runs + g;
        if (store.firstMonth[slot] === Infinity && share >= store.thresholds[t]!) store.firstMonth[slot] = m + 1;
      }
      const acc = store.accounting;
      if (acc) {
        acc.russiaJoined[at] = joinR[i]!; acc.russiaReturned[at] = retR[i]!; acc.russiaDeserted[at] = desR[i]!;
        acc.ukraineJoined[at] = joinU[i]!; acc.ukraineReturned[at] = retU[i]!; acc.ukraineDeserted[at] = desU[i]!;
        acc.dprkArrived[at] = arrK[i]!; acc.dprkReturned[at] = retK[i]!; acc.dprkBeyondPool[at] = beyondPool[i]!;
        acc.regime[at] = regime[i]!; acc.ceasefire[at] = ceased[i]!;
      }
    }
    yield m;
  }
}
