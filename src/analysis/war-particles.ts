import { BlockRun, type RunPlan } from "../engine/block.js";
import { createStream, fillStandardNormal, type Stream } from "../engine/rng.js";
import { PATH_STATE_COLUMNS } from "../engine/path-state.js";
import { prepareRun } from "../engine/run.js";
import {
  areaChangeLogLikelihood,
  claimsBiasStep,
  claimsLogLikelihood,
  economistLogLikelihood,
  logSdOfInterval95,
  pointEstimateLogLikelihood,
  pointEstimateLogSd,
} from "../model/observation.js";
import { support } from "../scenario/distribution-math.js";
import { OptionsError } from "../util/errors.js";
import type { NoiseGuide } from "../engine/noise-guide.js";
import { particleFilter, type ParticleModel } from "./filter.js";
import { guideProposal, PROPOSAL_WIDENING, type GuideObservation } from "./guided-proposal.js";
import { withParametersFixed } from "./fixed-parameters.js";
import { liuWestMove, randomWalkMove, scaleOf, type ParameterJitter, type Scale } from "./parameter-moves.js";
import { OBSERVATION_SETTINGS, type ObservationSettings } from "../scenario/observation-settings.js";

/**
 * The war model as a state-space model for the particle filter (DESIGN §6; issue 14): N paths
 * of the engine's own loop (one BlockRun: latent regime, noise, pace, forces and stocks, every
 * path with its own parameter draws), plus the observation models' latent states — the claims
 * bias's random walk, the true losses before the window, the Economist's count ratio — weighed
 * each month against whichever sources have a value that month (model/observation.ts).
 */

/** The Economist's month-end estimate and its 95% prediction interval (people, cumulative since 2022-02-24). */
export interface EconomistMonth {
  estimate: number;
  low95: number;
  high95: number;
}

/** A dated point estimate of one side's cumulative losses since 2022-02-24, weighed in its month. */
export interface PointEstimateObservation {
  side: "russia" | "ukraine";
  /** People (the estimate, or the geometric middle of its range). */
  estimate: number;
  /** The source's range, when it gives one (read as a 95% interval: it widens the settings' spread). */
  low?: number;
  high?: number;
  /** Who made it, on which date (for notes). */
  label: string;
}

/**
 * The monthly observations the filter weighs, aligned on `months` (a source left out, or a
 * month of it null, is not weighed there). Month-end values of daily sources follow the rule of
 * docs/data.md (a row in the month's last 7 days).
 */
export interface FilterObservations {
  /** Consecutive months YYYY-MM: the filter's steps. */
  months: readonly string[];
  /** ISW occupied area at the end of the month before months[0], km² (the paths' start). */
  initialOccupiedKm2: number;
  /** ISW monthly change of the occupied area, km². */
  occupiedChangeKm2?: readonly (number | null)[];
  /** DeepState monthly change of the occupied area, km². */
  deepStateChangeKm2?: readonly (number | null)[];
  /** General Staff claims of Russian personnel losses in each month, people. */
  claimedLosses?: readonly (number | null)[];
  /** The Economist's month-end cumulative casualty estimate. */
  economist?: readonly (EconomistMonth | null)[];
  /**
   * The Economist's estimate at the end of the month before months[0]: the prior of the true
   * losses before the window (needed only with `economist`).
   */
  economistBefore?: EconomistMonth;
  /**
   * Dated point estimates of either side's cumulative losses, per month (null: none that month).
   * They need the true losses before the window: from {@link FilterObservations.economistBefore}
   * when given, else from {@link FilterObservations.claimsBefore}.
   */
  pointEstimates?: readonly (readonly PointEstimateObservation[] | null)[];
  /**
   * The General Staff's cumulative claims at the end of the month before months[0], people: with
   * point estimates and no Economist, the true losses before the window are these ÷ the path's
   * starting claims bias (and Ukraine's, those ÷ its exchange ratio).
   */
  claimsBefore?: number;
}

/**
 * Sub-steps per month of the state-space model's month step: 8, the engine's default when the
 * shipped posterior was fitted (`npm run fit`, docs/fit.md) and the league tables were run, so
 * that the filter, the fit and the posterior's states stay one model. The engine's projections
 * now default to 12 (engine/run.ts DEFAULT_SUB_STEPS, for the day-step agreement of the DPRK
 * tail); a path of `baseline` carries a state filtered at 8 on at 12.
 */
export const FILTER_SUB_STEPS = 8;

/** Options of {@link WarParticles}. */
export interface WarParticlesOptions {
  /** Paths (particles), ≥ 1. */
  particles: number;
  seed: number;
  /** Months simulated after the observed ones (a forecast's horizon; default 0). */
  extraMonths?: number;
  /** Observation parameters (default {@link OBSERVATION_SETTINGS}). */
  settings?: ObservationSettings;
  /** Parameter moves at each resampling (default none: θ stays as drawn). */
  jitter?: ParameterJitter;
  /**
   * How an observed month's noise is drawn: "guided" (default) from a proposal that has seen the
   * month's claims and area (guided-proposal.ts), its importance correction added to each path's
   * log-likelihood; "bootstrap" from the model, weighed afterwards. The same filtering
   * distribution and an unbiased likelihood either way; the guided weights are far more even
   * (ESS ≈ 80% of the particles a month against ≈ 6% on the shipped data), so ≈ 10× fewer
   * particles give the same precision of log L̂ (docs/fit-profile.md).
   */
  proposal?: "bootstrap" | "guided";
  /** The guided proposal's widening κ (default {@link PROPOSAL_WIDENING}). */
  proposalWidening?: number;
}

/** The sources a {@link FilterObservations} holds, in a fixed order. */
export type FilterSource = "isw" | "deepState" | "claims" | "economist" | "pointEstimates";

const SOURCE_FIELDS = {
  isw: "occupiedChangeKm2",
  deepState: "deepStateChangeKm2",
  claims: "claimedLosses",
  economist: "economist",
  pointEstimates: "pointEstimates",
} as const;

function checkObservations(o: FilterObservations): FilterSource[] {
  const n = o.months.length;
  if (n < 1) throw new OptionsError({ path: "observations.months", message: "expected at least one month" });
  if (!Number.isFinite(o.initialOccupiedKm2) || o.initialOccupiedKm2 < 0)
    throw new OptionsError({ path: "observations.initialOccupiedKm2", message: `expected an area ≥ 0 km², got ${o.initialOccupiedKm2}` });
  const sources: FilterSource[] = [];
  for (const [source, field] of Object.entries(SOURCE_FIELDS) as [FilterSource, (typeof SOURCE_FIELDS)[FilterSource]][]) {
    const values = o[field];
    if (values === undefined) continue;
    if (values.length !== n)
      throw new OptionsError({
        path: `observations.${field}`,
        message: `expected ${n} months (one per month of months), got ${values.length}`,
      });
    values.forEach((v, t) => {
      if (v === null) return;
      const bad =
        source === "economist"
          ? !(typeof v === "object" && "low95" in v && v.estimate > 0 && v.low95 > 0 && v.high95 > v.low95)
          : source === "pointEstimates"
            ? !(
                Array.isArray(v) &&
                v.every(
                  (p: PointEstimateObservation) =>
                    (p.side === "russia" || p.side === "ukraine") &&
                    p.estimate > 0 &&
                    Number.isFinite(p.estimate) &&
                    (p.low === undefined) === (p.high === undefined) &&
                    (p.low === undefined || (p.low > 0 && p.high! >= p.low && Number.isFinite(p.high))),
                )
              )
            : !(typeof v === "number" && Number.isFinite(v) && (source !== "claims" || v >= 0));
      if (bad)
        throw new OptionsError({
          path: `observations.${field}[${t}]`,
          message: `expected ${source === "economist" ? "an estimate with 0 < low95 < high95" : source === "pointEstimates" ? "estimates of side russia or ukraine, each > 0 (with low and high both or neither, 0 < low ≤ high)" : source === "claims" ? "a count ≥ 0" : "a finite change in km²"} for ${o.months[t]}, got ${JSON.stringify(v)}`,
        });
    });
    sources.push(source);
  }
  if (sources.includes("economist") && !o.economistBefore)
    throw new OptionsError({
      path: "observations.economistBefore",
      message:
        "expected the Economist's estimate for the month before the window (the prior of the losses before it) when economist is given",
    });
  if (sources.includes("pointEstimates") && !o.economistBefore && !(o.claimsBefore !== undefined && o.claimsBefore > 0))
    throw new OptionsError({
      path: "observations.claimsBefore",
      message:
        "expected the claims (or the Economist's estimate) at the end of the month before the window when pointEstimates is given: the true losses before the window come from them",
    });
  return sources;
}

/**
 * N particles of the war model over the observed months (and `extraMonths` after them), for
 * {@link particleFilter}: `step(t)` runs calendar month t of every path (and one step of each
 * path's claims-bias walk after the first month), `logLikelihood(t)` sums the month's sources,
 * `resample` copies paths with their latent observation states.
 *
 * Latent observation states, per particle: ln b (the claims bias, started at the path's
 * `attrition.claimsBias` draw); L₀, the true Russian-side losses before the window (lognormal
 * around the Economist's estimate before it ÷ ρ_E, with that estimate's own spread; without the
 * Economist but with point estimates, the claims before the window ÷ the path's starting bias);
 * ρ_E (uniform on its settings range). Only `economist` and `pointEstimates` use L₀, only
 * `economist` ρ_E; their draws are made regardless, so the streams stay aligned whichever sources
 * are given.
 */
export class WarParticles implements ParticleModel {
  readonly size: number;
  readonly months: number;
  /** The sources weighed, in the order isw, deepState, claims, economist. */
  readonly sources: readonly FilterSource[];
  readonly settings: ObservationSettings;
  /** The engine's time step for these paths (the run options' default: the month step). */
  readonly timeStep: "day" | "month";
  private readonly observations: FilterObservations;
  private readonly block: BlockRun;
  private readonly plan: RunPlan;
  private readonly biasStream: Stream;
  private readonly normals: Float64Array;
  /** Per particle: ln b(t). */
  readonly logBias: Float64Array;
  /** Per particle: true Russian-side losses before the window, people. */
  readonly lossesBefore: Float64Array;
  /** Per particle: ρ_E, the Economist's casualties per modelled loss. */
  readonly economistRatio: Float64Array;
  /** Per particle, at the end of the last month run: its change of the occupied area in the month, km². */
  readonly areaChange: Float64Array;
  /** Per particle, at the end of the last month run: its true Russian-side losses in the month, people. */
  readonly lossesInMonth: Float64Array;
  private readonly scratch: Float64Array;
  private stepsRun = 0;
  private readonly jitterScales: readonly Scale[];
  private readonly jitterShrink: number;
  /** Random-walk moves: σ per jittered parameter (undefined: Liu–West). */
  private jitterSd: readonly number[] | undefined;
  private readonly jitterStreams: readonly Stream[];
  /** The guided proposal's hook (undefined: the bootstrap filter), and the month it last guided (−1: none). */
  private readonly guide: NoiseGuide | undefined;
  private guidedMonth = -1;
  /** What the guide conditions on this month (set once per month by {@link WarParticles.guideMonth}; the bias per path). */
  private readonly guideObservation: GuideObservation;

  constructor(scenario: unknown, observations: FilterObservations, options: WarParticlesOptions) {
    this.sources = checkObservations(observations);
    const { particles, seed, extraMonths = 0 } = options;
    if (!Number.isInteger(particles) || particles < 1)
      throw new OptionsError({ path: "particles", message: `expected an integer ≥ 1, got ${particles}` });
    if (!Number.isInteger(extraMonths) || extraMonths < 0)
      throw new OptionsError({ path: "extraMonths", message: `expected an integer ≥ 0, got ${extraMonths}` });
    this.size = particles;
    this.months = observations.months.length + extraMonths;
    this.observations = observations;
    this.settings = options.settings ?? OBSERVATION_SETTINGS;
    const run = prepareRun(scenario, { runs: particles, horizonMonths: this.months, seed, thresholds: [] }, { subSteps: FILTER_SUB_STEPS });
    // One block of every path, its month ends kept exactly (the filter reads them each month).
    this.plan = { ...run.plan, summary: "exact", keepPaths: false };
    this.timeStep = this.plan.dayStep ? "day" : "month";
    const first = this.plan.calendar[0]!.label;
    if (first !== observations.months[0])
      throw new OptionsError({
        path: "scenario.start",
        message: `expected the scenario to start in the first observed month ${observations.months[0]}, got ${first}`,
      });
    this.block = new BlockRun(this.plan, 0, 0, particles);
    const n = particles;
    this.normals = new Float64Array(n);
    this.scratch = new Float64Array(n);
    this.logBias = new Float64Array(n);
    this.lossesBefore = new Float64Array(n);
    this.economistRatio = new Float64Array(n);
    this.areaChange = new Float64Array(n);
    this.lossesInMonth = new Float64Array(n);
    this.biasStream = createStream(seed, "filter", "claims-bias");
    const proposal = options.proposal ?? "guided";
    if (proposal !== "bootstrap" && proposal !== "guided")
      throw new OptionsError({ path: "proposal", message: `expected "bootstrap" or "guided", got ${JSON.stringify(proposal)}` });
    const widening = options.proposalWidening ?? PROPOSAL_WIDENING;
    if (!(widening >= 1 && Number.isFinite(widening)))
      throw new OptionsError({ path: "proposalWidening", message: `expected a widening κ ≥ 1, got ${widening}` });
    this.guideObservation = { logBias: 0, claimsLogSd: this.settings.claimsLogSd };
    this.guide = proposal === "guided" ? this.guideOf(widening) : undefined;
    const jitter = options.jitter;
    const liuWest = jitter !== undefined && jitter.kind !== "random-walk";
    const discount = liuWest ? (jitter.discount ?? 0.98) : 1;
    if (!(discount > 0 && discount <= 1))
      throw new OptionsError({ path: "jitter.discount", message: `expected δ in (0, 1], got ${discount}` });
    this.jitterShrink = liuWest ? (3 * discount - 1) / (2 * discount) : NaN;
    if (jitter?.kind === "random-walk") {
      if (jitter.sd.length !== jitter.parameters.length || !jitter.sd.every((x) => x >= 0 && Number.isFinite(x)))
        throw new OptionsError({
          path: "jitter.sd",
          message: `expected ${jitter.parameters.length} finite step sds ≥ 0 (one per parameter), got [${jitter.sd.join(", ")}]`,
        });
      this.jitterSd = jitter.sd;
    }
    this.jitterScales = (jitter?.parameters ?? []).map((path) => {
      const slot = this.plan.slots.find((s) => s.path === path && !s.perEvent);
      if (!slot) throw new OptionsError({ path: "jitter.parameters", message: `expected a parameter drawn per path, got ${path}` });
      const [lo, hi] = support(slot.spec);
      return scaleOf(path, lo, hi);
    });
    this.jitterStreams = this.jitterScales.map((scale) => createStream(seed, "filter", "jitter", scale.path));
    const bias = this.block.parameters()["attrition.claimsBias"];
    for (let i = 0; i < n; i += 1) this.logBias[i] = Math.log(bias ? bias[i]! : 1);
    // L₀ and ρ_E: one draw per particle each, from their own streams.
    const ratio = this.settings.economistRatio;
    const ratioStream = createStream(seed, "filter", "economist-ratio");
    for (let i = 0; i < n; i += 1) this.economistRatio[i] = ratio.min + (ratio.max - ratio.min) * ratioStream();
    fillStandardNormal(createStream(seed, "filter", "losses-before"), this.normals);
    const before = observations.economistBefore;
    if (before) {
      const logSd = logSdOfInterval95(before.low95, before.high95);
      for (let i = 0; i < n; i += 1)
        this.lossesBefore[i] = (before.estimate / this.economistRatio[i]!) * Math.exp(logSd * this.normals[i]!);
    } else if (this.lossesBeforeFollowClaims) this.lossesBeforeFromClaims();
  }

  /** Whether L₀ comes from the claims before the window (point estimates weighed, no Economist). */
  private get lossesBeforeFollowClaims(): boolean {
    return !this.observations.economistBefore && this.sources.includes("pointEstimates");
  }

  /** L₀ = the claims before the window ÷ the path's starting claims bias (point estimates without the Economist). */
  private lossesBeforeFromClaims(): void {
    const claims = this.observations.claimsBefore!;
    for (let i = 0; i < this.size; i += 1) this.lossesBefore[i] = claims / Math.exp(this.logBias[i]!);
  }

  /** Every path's true Russian-side losses since the window began (Russian and DPRK), into `out`. */
  private lossesSinceStart(out: Float64Array): Float64Array {
    const russia = this.block.monthEnd("russiaLosses"),
      dprk = this.block.monthEnd("dprkLosses");
    for (let i = 0; i < this.size; i += 1) out[i] = russia[i]! + dprk[i]!;
    return out;
  }

  step(t: number): void {
    if (t !== this.stepsRun) throw new Error(`internal: WarParticles steps run in order: expected month ${this.stepsRun}, got ${t}`);
    if (t >= this.months) throw new RangeError(`month ${t} is past the ${this.months} months planned`);
    const n = this.size;
    const area = this.block.monthEnd("occupiedKm2");
    for (let i = 0; i < n; i += 1) this.areaChange[i] = area[i]!;
    const before = this.lossesSinceStart(this.scratch);
    for (let i = 0; i < n; i += 1) this.lossesInMonth[i] = before[i]!;
    // The bias walks from month to month: its first month is the path's claimsBias draw.
    fillStandardNormal(this.biasStream, this.normals);
    if (t > 0)
      for (let i = 0; i < n; i += 1) this.logBias[i] = claimsBiasStep(this.logBias[i]!, this.settings.claimsBiasDriftSd, this.normals[i]!);
    const guided = this.guide !== undefined && this.observed(t);
    if (guided) this.guideMonth(t);
    this.block.runMonth(t, guided ? this.guide : undefined);
    this.guidedMonth = guided ? t : -1;
    const after = this.lossesSinceStart(this.scratch);
    for (let i = 0; i < n; i += 1) {
      this.areaChange[i] = area[i]! - this.areaChange[i]!;
      this.lossesInMonth[i] = after[i]! - this.lossesInMonth[i]!;
    }
    this.stepsRun = t + 1;
  }

  /**
   * Month t's observations for the guide: its claims, and its area change — ISW's and DeepState's
   * combined by their precisions when both are weighed.
   */
  private guideMonth(t: number): void {
    const o = this.observations,
      s = this.settings,
      observation = this.guideObservation;
    const isw = o.occupiedChangeKm2?.[t] ?? undefined,
      deepState = o.deepStateChangeKm2?.[t] ?? undefined;
    observation.claims = o.claimedLosses?.[t] ?? undefined;
    if (isw !== undefined && deepState !== undefined) {
      const wIsw = 1 / s.iswSdKm2 ** 2,
        wDeepState = 1 / s.deepStateSdKm2 ** 2;
      observation.areaChange = (wIsw * isw + wDeepState * deepState) / (wIsw + wDeepState);
      observation.areaSd = 1 / Math.sqrt(wIsw + wDeepState);
    } else {
      observation.areaChange = isw ?? deepState;
      observation.areaSd = isw !== undefined ? s.iswSdKm2 : s.deepStateSdKm2;
    }
  }

  /** The guide the engine asks for each path's proposal in an observed month: the month's observations with the path's claims bias (already stepped). */
  private guideOf(widening: number): NoiseGuide {
    const observation = this.guideObservation;
    return {
      logCorrection: new Float64Array(this.size),
      propose: (i, prediction, out) => {
        observation.logBias = this.logBias[i]!;
        guideProposal(prediction, observation, widening, out);
      },
    };
  }

  /** Whether month t has a value from any source weighed. */
  observed(t: number): boolean {
    if (t >= this.observations.months.length) return false;
    return this.sources.some((s) => this.observations[SOURCE_FIELDS[s]]![t] !== null);
  }

  logLikelihood(t: number, out: Float64Array): void {
    const n = this.size,
      o = this.observations,
      s = this.settings;
    out.fill(0);
    const isw = o.occupiedChangeKm2?.[t],
      deepState = o.deepStateChangeKm2?.[t],
      claims = o.claimedLosses?.[t],
      economist = o.economist?.[t];
    if (isw != null) for (let i = 0; i < n; i += 1) out[i]! += areaChangeLogLikelihood(isw, this.areaChange[i]!, s.iswSdKm2);
    if (deepState != null)
      for (let i = 0; i < n; i += 1) out[i]! += areaChangeLogLikelihood(deepState, this.areaChange[i]!, s.deepStateSdKm2);
    if (claims != null)
      for (let i = 0; i < n; i += 1) out[i]! += claimsLogLikelihood(claims, this.lossesInMonth[i]!, this.logBias[i]!, s.claimsLogSd);
    // A guided month's draws came from the proposal: each path's weight carries p(z)/q(z).
    if (this.guidedMonth === t) {
      const correction = this.guide!.logCorrection;
      for (let i = 0; i < n; i += 1) out[i]! += correction[i]!;
    }
    const points = o.pointEstimates?.[t];
    // The cumulative sources read the losses since the window began, computed once for both.
    const since = points || economist != null ? this.lossesSinceStart(this.scratch) : undefined;
    if (points) {
      // Russia's before the window is L₀; Ukraine's, L₀ ÷ the path's exchange ratio (the model's own link).
      const ukraineSince = this.block.monthEnd("ukraineLosses"),
        exchangeRatio = this.block.parameters()["attrition.exchangeRatio"]!;
      for (const p of points) {
        const logSd = pointEstimateLogSd(s.pointEstimateLogSd, p.low, p.high);
        for (let i = 0; i < n; i += 1) {
          const total =
            p.side === "russia" ? this.lossesBefore[i]! + since![i]! : this.lossesBefore[i]! / exchangeRatio[i]! + ukraineSince[i]!;
          out[i]! += pointEstimateLogLikelihood(p.estimate, total, logSd);
        }
      }
    }
    if (economist != null) {
      for (let i = 0; i < n; i += 1)
        out[i]! += economistLogLikelihood(
          economist.estimate,
          economist.low95,
          economist.high95,
          this.lossesBefore[i]! + since![i]!,
          this.economistRatio[i]!,
        );
    }
  }

  /**
   * Particle i's state at the end of the last month run, in PATH_STATE_COLUMNS order
   * (engine/path-state.ts): the engine's, with the claims bias the filter weighed (ln b of the
   * observation model, not the engine's own walk) — what a shipped posterior stores.
   */
  pathState(i: number): number[] {
    const state = this.block.pathState(i);
    state[PATH_STATE_COLUMNS.indexOf("logClaimsBias")] = this.logBias[i]!;
    return state;
  }

  resample(ancestors: Int32Array): void {
    this.block.resample(ancestors);
    for (const values of [this.logBias, this.lossesBefore, this.economistRatio, this.areaChange, this.lossesInMonth]) {
      this.scratch.set(values);
      for (let i = 0; i < this.size; i += 1) values[i] = this.scratch[ancestors[i]!]!;
    }
    this.jitterParameters();
  }

  /** The move of each jittered parameter ({@link ParameterJitter}), one after another. */
  private jitterParameters(): void {
    const z = this.normals;
    this.jitterScales.forEach((scale, k) => {
      fillStandardNormal(this.jitterStreams[k]!, z);
      const moved = this.scratch;
      if (this.jitterSd) randomWalkMove(this.block.parameters()[scale.path]!, scale, this.jitterSd[k]!, z, moved);
      else liuWestMove(this.block.parameters()[scale.path]!, scale, this.jitterShrink, z, moved);
      this.block.setParameter(scale.path, moved);
    });
  }

  /**
   * Replace the particles' draws of some parameters before the first month (an iterated
   * filter's next pass starts from the last pass's swarm); the t0 stocks and the claims bias's
   * start follow them.
   * @throws {Error} once a month has been run; {@link BlockRun.setParameter}'s errors.
   */
  setParameters(values: Readonly<Record<string, ArrayLike<number>>>): void {
    if (this.stepsRun > 0) throw new Error("internal: setParameters is for particles that have not run a month yet");
    for (const [path, v] of Object.entries(values)) this.block.setParameter(path, v);
    this.block.reinitialise();
    const bias = this.block.parameters()["attrition.claimsBias"];
    for (let i = 0; i < this.size; i += 1) this.logBias[i] = Math.log(bias ? bias[i]! : 1);
    if (this.lossesBeforeFollowClaims) this.lossesBeforeFromClaims();
  }

  /** Every path's value of an engine series at the end of the last month run (read-only). */
  monthEnd(name: Parameters<BlockRun["monthEnd"]>[0]): Readonly<Float64Array> {
    return this.block.monthEnd(name);
  }

  /** Every path's regime and ceasefire flag at the end of the last month run (read-only; BlockRun.pathStates). */
  pathStates(): ReturnType<BlockRun["pathStates"]> {
    return this.block.pathStates();
  }

  /** Every path's parameter draws by dotted path (read-only; reordered by resampling). */
  parameters(): Readonly<Record<string, Readonly<Float64Array>>> {
    return this.block.parameters();
  }

  /** Every path's true Russian-side losses since the window began, people (a new array). */
  cumulativeLosses(): Float64Array {
    return this.lossesSinceStart(new Float64Array(this.size));
  }
}

/**
 * θ ↦ log L̂(θ): the particle filter's log-likelihood estimate of `observations` under
 * `scenario` with θ's values set (the rest at their prior medians: withParametersFixed), on
 * `particles` particles drawn by `proposal` (default the guided one) — what PMMH calls, each call on its own seed. `key` names the filter's
 * resampling stream (createStream(seed, key, "resample")), so each caller keeps its own draws.
 * @example
 * const logLikelihood = warLogLikelihood(scenario, observations, 1000, "fit");
 * logLikelihood({ "attrition.russiaLossesPerMonth": 35_000 }, 7);
 */
export function warLogLikelihood(
  scenario: unknown,
  observations: FilterObservations,
  particles: number,
  key: string,
  proposal: "bootstrap" | "guided" = "guided",
): (theta: Readonly<Record<string, number>>, seed: number) => number {
  return (theta, seed) => {
    const model = new WarParticles(withParametersFixed(scenario, theta, "PMMH proposal"), observations, { particles, seed, proposal });
    return particleFilter(model, {
      steps: observations.months.length,
      observed: (t) => model.observed(t),
      uniform: createStream(seed, key, "resample"),
    }).logLikelihood;
  };
}
