/**
 * Territory (F11, F12, F17). In the offensive regime:
 *
 *   dA/day = α · I · εA · g(x) · B(t)
 *   x = (Reff/U) / (Reff0/U0),   g(x) = min(gmax, (x^γ − θ)/(1 − θ))
 *
 * α = 0.8·T/(83·365.25) km²/day is the article's straight-line pace; g(1) = 1; below x^γ = θ
 * Ukraine regains ground; gmax caps the runaway as U → 0. Once Ukraine has collapsed (U below
 * a share of U0) the collapse multiplier replaces g(x)·B — the collapse is counted once. In
 * stalemate the month's net change is an additive draw μS + σS·z (possibly negative; fitted to
 * 2023 in data/occupied_area_isw_monthly.csv), spread evenly over the month. A stays in [0, T].
 *
 * The law reads its own parameters ({@link territoryCoefficients}, {@link stalemateChangePerMonth}),
 * so a parameter added to it touches the schema, the baseline, this file and its test — not
 * the engine loop nor the mean field, which both call {@link areaAfterStep} / {@link areaRatePerDay}.
 */
import type { ParameterView } from "../scenario/parameter-list.js";
import type { Scenario } from "../scenario/schema.js";
import { DAYS_PER_MONTH } from "../scenario/article.js";
import { isCollapsed } from "./events.js";

/** The territory parameters: one value per path (the engine), or one path (the mean field). */
export type TerritoryParameters<V> = ParameterView<Scenario["territory"], V>;

/** Slots of one path's territory coefficients (fixed for the run). */
const enum Coefficient {
  Total = 0,
  PacePerDay = 1,
  ForceRatioExponent = 2,
  RegainThreshold = 3,
  MaxGain = 4,
  CollapseShare = 5,
  CollapseMultiplier = 6,
}
export const TERRITORY_COEFFICIENT_SLOTS = 7;

/**
 * Fill `out` (TERRITORY_COEFFICIENT_SLOTS numbers) with path `path`'s territory coefficients:
 * T, the pace α per day, γ, θ, gmax and the collapse breakpoint and multiplier.
 * @example
 * // one path: T = 603,628 km², α = 485 km²/month, γ = 1.5, θ = 0.5, gmax = 3, collapse below 40% of U0 at × 4
 * const territory = {
 *   totalKm2: [603_628], initialOccupiedKm2: [120_725.6], offensivePaceKm2PerMonth: [485], offensiveNoiseSd: [0.3], offensiveNoiseAutocorrelation: [0],
 *   forceRatioExponent: [1.5], regainThreshold: [0.5], maxGainMultiple: [3], stalemateMeanKm2PerMonth: [40.6], stalemateSdKm2PerMonth: [136],
 *   breakthrough: { probabilityPerMonth: [0.02], forceRatioExponent: [2], multiplier: [2] }, collapse: { ukraineShareOfInitial: [0.4], multiplier: [4] },
 * };
 * const c = new Float64Array(TERRITORY_COEFFICIENT_SLOTS);
 * territoryCoefficients(c, territory, 0); // c is ready for areaAfterStep, offensiveEffectFromLog, …
 */
export function territoryCoefficients(out: Float64Array, territory: TerritoryParameters<ArrayLike<number>>, path: number): void {
  out[Coefficient.Total] = territory.totalKm2[path]!;
  out[Coefficient.PacePerDay] = territory.offensivePaceKm2PerMonth[path]! / DAYS_PER_MONTH;
  out[Coefficient.ForceRatioExponent] = territory.forceRatioExponent[path]!;
  out[Coefficient.RegainThreshold] = territory.regainThreshold[path]!;
  out[Coefficient.MaxGain] = territory.maxGainMultiple[path]!;
  out[Coefficient.CollapseShare] = territory.collapse.ukraineShareOfInitial[path]!;
  out[Coefficient.CollapseMultiplier] = territory.collapse.multiplier[path]!;
}

/**
 * g(x) from ln x with the path's γ, θ, gmax ({@link forceRatioEffectFromLog}; the engine's form).
 * @example
 * // c from the example of territoryCoefficients
 * offensiveEffectFromLog(c, 0); // 1 (parity)
 */
export function offensiveEffectFromLog(coefficients: Float64Array, logForceRatio: number): number {
  return forceRatioEffectFromLog(
    logForceRatio,
    coefficients[Coefficient.ForceRatioExponent]!,
    coefficients[Coefficient.RegainThreshold]!,
    coefficients[Coefficient.MaxGain]!,
  );
}

/**
 * g(x) with the path's γ, θ, gmax ({@link forceRatioEffect}; the mean field's form).
 * @example
 * offensiveEffect(c, 1); // 1 (parity)
 * offensiveEffect(c, 1.2); // ≈ 1.629 ((1.2^1.5 − 0.5)/0.5)
 */
export function offensiveEffect(coefficients: Float64Array, forceRatio: number): number {
  return forceRatioEffect(
    forceRatio,
    coefficients[Coefficient.ForceRatioExponent]!,
    coefficients[Coefficient.RegainThreshold]!,
    coefficients[Coefficient.MaxGain]!,
  );
}

/**
 * Whether Ukraine has collapsed: U below the path's share of U0 ({@link isCollapsed}).
 * @example
 * ukraineCollapsed(c, 150_000, 400_000); // true (below 40%)
 */
export function ukraineCollapsed(coefficients: Float64Array, ukraineForce: number, ukraineForce0: number): boolean {
  return isCollapsed(ukraineForce, ukraineForce0, coefficients[Coefficient.CollapseShare]!);
}

/**
 * The force-ratio effect g(x). Finite for every x ≥ 0 and exponent the schema allows; a
 * defender at zero (x = ∞) gives gmax.
 * @example
 * forceRatioEffect(1, 1.5, 0.5, 3); // 1
 */
export function forceRatioEffect(forceRatio: number, exponent: number, threshold: number, maxGain: number): number {
  return forceRatioEffectFromLog(Math.log(forceRatio), exponent, threshold, maxGain);
}

/**
 * g(x) from ln x (the engine's form, sharing the logarithms of the attrition laws).
 * @example
 * forceRatioEffectFromLog(0, 1.5, 0.5, 3); // 1
 */
export function forceRatioEffectFromLog(logForceRatio: number, exponent: number, threshold: number, maxGain: number): number {
  if (!(logForceRatio < Infinity)) return maxGain;
  const g = (Math.exp(exponent === 0 ? 0 : exponent * logForceRatio) - threshold) / (1 - threshold);
  return g < maxGain ? g : maxGain;
}

/**
 * x: the force ratio relative to t0; Infinity when Ukraine's force is zero.
 * @example
 * relativeForceRatio(660_000, 400_000, 640_000, 400_000); // 1.03125
 */
export function relativeForceRatio(russiaEffective: number, ukraine: number, russiaEffective0: number, ukraine0: number): number {
  if (ukraine <= 0) return Infinity;
  return russiaEffective / ukraine / (russiaEffective0 / ukraine0);
}

/**
 * ln x from the log-ratios ln(Reff/Reff0) and ln(U/U0): their difference, or +∞ once Ukraine's
 * force is zero (then g = gmax), never NaN.
 * @example
 * logForceRatio(Math.log(1.1), Math.log(0.9), 360_000); // ln(1.1/0.9) ≈ 0.2007
 * logForceRatio(-Infinity, -Infinity, 0); // Infinity
 */
export function logForceRatio(logRussiaRatio: number, logUkraineRatio: number, ukraineForce: number): number {
  return ukraineForce > 0 ? logRussiaRatio - logUkraineRatio : Infinity;
}

/**
 * The month's net change in stalemate for path `path`, μS + σS·z (km² per month; may be
 * negative; z = 0 gives the mean, as with noise off).
 * @example
 * stalemateChangePerMonth({ stalemateMeanKm2PerMonth: [40.6], stalemateSdKm2PerMonth: [136] }, 0, -0.5); // -27.4
 */
export function stalemateChangePerMonth(
  territory: Pick<TerritoryParameters<ArrayLike<number>>, "stalemateMeanKm2PerMonth" | "stalemateSdKm2PerMonth">,
  path: number,
  z: number,
): number {
  return territory.stalemateMeanKm2PerMonth[path]! + territory.stalemateSdKm2PerMonth[path]! * z;
}

/**
 * Area gained over a step of `days` (km²; negative when Ukraine regains): the offensive law
 * when the regime is offensive or Ukraine has collapsed — the collapse multiplier then
 * replacing both g(x) and the breakthrough, so a collapse is counted once — else the step's
 * share of the month's stalemate change.
 * @param intensity S · ε (the offensive's intensity, without the regime factor)
 * @param effect g(x) ({@link offensiveEffectFromLog})
 * @param breakthrough B: the breakthrough multiplier this month, or 1
 * @param stalemateChange the month's stalemate change (km²/month, {@link stalemateChangePerMonth})
 * @example
 * // c from the example of territoryCoefficients
 * areaGainOverStep(c, true, false, 1, 1, 1, 1, 40, 30.4375, 31); // 485: the pace of a month
 * areaGainOverStep(c, false, false, 1, 1, 1, 1, 40, 1, 31); // 40/31 (a stalemate day)
 */
export function areaGainOverStep(
  coefficients: Float64Array,
  offensive: boolean,
  collapsed: boolean,
  intensity: number,
  territoryNoise: number,
  effect: number,
  breakthrough: number,
  stalemateChange: number,
  days: number,
  daysInMonth: number,
): number {
  return offensive || collapsed
    ? offensiveGain(
        coefficients[Coefficient.PacePerDay]!,
        intensity,
        territoryNoise,
        collapsed ? coefficients[Coefficient.CollapseMultiplier]! : effect,
        collapsed ? 1 : breakthrough,
        days,
      )
    : (stalemateChange * days) / daysInMonth;
}

/**
 * The occupied area after a step (the engine's form): A + {@link areaGainOverStep}, kept in [0, T].
 * Written out flat — the same operations in the same order as areaGainOverStep and
 * offensiveGain, so the same bits (tested) — because it runs every step of every path and a
 * call chain three deep would outgrow what the JIT inlines there.
 * @example
 * areaAfterStep(c, 603_000, true, true, 1, 1, 1, 1, 0, 30.4375, 31); // 603628: T (a collapse, × 4, at the edge)
 */
export function areaAfterStep(
  coefficients: Float64Array,
  area: number,
  offensive: boolean,
  collapsed: boolean,
  intensity: number,
  territoryNoise: number,
  effect: number,
  breakthrough: number,
  stalemateChange: number,
  days: number,
  daysInMonth: number,
): number {
  const gain =
    offensive || collapsed
      ? coefficients[Coefficient.PacePerDay]! *
        intensity *
        territoryNoise *
        (collapsed ? coefficients[Coefficient.CollapseMultiplier]! : effect) *
        (collapsed ? 1 : breakthrough) *
        days
      : (stalemateChange * days) / daysInMonth;
  return boundArea(area + gain, coefficients[Coefficient.Total]!);
}

/**
 * dA/dt (km²/day; the mean field's form): {@link areaGainOverStep} over one day without noise
 * or breakthroughs, 0 where it would leave [0, T] ({@link boundedAreaRate}).
 * @example
 * areaRatePerDay(c, 120_000, true, false, 1, 1, 40, 31); // ≈ 15.93: α, the pace per day (485 / 30.4375)
 */
export function areaRatePerDay(
  coefficients: Float64Array,
  area: number,
  offensive: boolean,
  collapsed: boolean,
  intensity: number,
  effect: number,
  stalemateChange: number,
  daysInMonth: number,
): number {
  return boundedAreaRate(
    area,
    coefficients[Coefficient.Total]!,
    areaGainOverStep(coefficients, offensive, collapsed, intensity, 1, effect, 1, stalemateChange, 1, daysInMonth),
  );
}

/**
 * The rate of change of A kept inside [0, T] (the mean field's form of {@link boundArea}): 0
 * when a gain would leave the territory, the gain otherwise (km²/day).
 * @example
 * boundedAreaRate(603_628, 603_628, 15); // 0
 * boundedAreaRate(120_000, 603_628, 15); // 15
 */
export function boundedAreaRate(area: number, total: number, gainPerDay: number): number {
  return (area >= total && gainPerDay > 0) || (area <= 0 && gainPerDay < 0) ? 0 : gainPerDay;
}

/**
 * Area gained over a step in the offensive regime (km²; negative when Ukraine regains).
 * @param pacePerDay α in km²/day
 * @example
 * offensiveGain(485 / 30.4375, 1, 1, 1, 1, 30.4375); // 485
 */
export function offensiveGain(
  pacePerDay: number,
  intensity: number,
  territoryNoise: number,
  effect: number,
  breakthrough: number,
  days: number,
): number {
  return pacePerDay * intensity * territoryNoise * effect * breakthrough * days;
}

/**
 * Keep the occupied area in [0, T] — the territory is bounded, this is not a correction.
 * @example
 * boundArea(700_000, 603_628); // 603628
 */
export function boundArea(area: number, total: number): number {
  return area < 0 ? 0 : area > total ? total : area;
}

/**
 * The occupied share of Ukraine, A/T.
 * @example
 * occupiedShare(120_725.6, 603_628); // 0.2
 */
export function occupiedShare(area: number, total: number): number {
  return area / total;
}
