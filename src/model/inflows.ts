/**
 * Force generation as stock management (system dynamics): each side recruits to replace its
 * losses, follow its target's growth and close the gap to the target, within its capacity.
 *
 *   recruits/day = clamp(losses − returns + desertion + dTarget/dt + (target − force − inTraining)/τ, 0, capacity)
 *
 * For a step of dt days the gap term closes the gap exactly as a first-order process would,
 * gap · (1 − e^(−dt/τ)), so a month step cannot overshoot the target. Russia's target grows at
 * F7's pace up to a ceiling; Ukraine's is its initial strength. Units: people, days.
 */

/**
 * The target strength after `days`: initial + growth · days, capped at the ceiling.
 * @example
 * targetStrength(600_000, 190, 700_000, 30); // 605700
 */
export function targetStrength(initialForce: number, growthPerDay: number, ceiling: number, days: number): number {
  return Math.min(ceiling, initialForce + growthPerDay * days);
}

/**
 * People recruited over a step of `days` (see the module equation).
 * @param replacementNeed losses − returns + desertion over the step (people)
 * @param targetGrowth growth of the target over the step (people)
 * @param gap target − (force + in training) at the start of the step (people)
 * @param gapShare the share of the gap closed over the step, 1 − e^(−dt/τ) ({@link delayShare} of τ)
 * @param capacityPerDay most recruits per day
 * @example
 * recruitsOverStep(30_000, 5_700, 0, delayShare(91.3125, 30.4375), 1_300, 30.4375); // 35700 (under the 39,569 capacity)
 */
export function recruitsOverStep(
  replacementNeed: number, targetGrowth: number, gap: number, gapShare: number, capacityPerDay: number, days: number,
): number {
  const desired = replacementNeed + targetGrowth + gap * gapShare;
  const capacity = capacityPerDay * days;
  return desired <= 0 ? 0 : desired >= capacity ? capacity : desired;
}

/**
 * The share of a first-order delay's stock that leaves over a step: 1 − e^(−dt/delay)
 * (1 for a zero delay). Constant for a path within a month, so the engine computes it once.
 * @example
 * delayShare(91.3125, 30.4375); // ≈ 0.2835
 */
export function delayShare(delayDays: number, days: number): number {
  return delayDays > 0 ? -Math.expm1(-days / delayDays) : 1;
}

/**
 * Outflow of a first-order delay over a step: stock · (1 − e^(−dt/delay)). Used for wounded
 * returning to duty, recruits finishing training and DPRK waves arriving; a zero delay
 * releases the whole stock.
 * @example
 * delayedOutflow(9_000, 91.3, 30.4375); // ≈ 2,551.5
 */
export function delayedOutflow(stock: number, delayDays: number, days: number): number {
  return delayDays > 0 ? -stock * Math.expm1(-days / delayDays) : stock;
}
