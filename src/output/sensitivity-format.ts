/**
 * Words and numbers for a sensitivity result: the target in plain words, its values and shifts
 * in the target's unit, parameter draws, indices. Shared by the CLI table, the SVG and the docs.
 */
import type { SensitivityResult, SensitivityTargetJson } from "./sensitivity-json.js";
import {
  formatGroupedNumber,
  formatPercentUnchecked,
  formatSignedFixed,
  formatThousandsSigned,
  signNumberText,
  withTypographicMinus,
} from "../util/format.js";
import { SERIES_DISPLAY } from "./fan-chart-data.js";

/** Thousands separators for big numbers, 3–4 significant digits for small ones. */
export function formatInput(value: number): string {
  return formatGroupedNumber(value, 3);
}

/**
 * A value of the target in its unit: `23.6%`, `38k`, `114 months` (and `> 120 months` for the
 * censored value of a monthsTo target).
 * @example
 * formatTargetValue({ kind: "value", series: "occupiedShare", … }, 0.2361); // "23.6%"
 */
export function formatTargetValue(target: SensitivityTargetJson, value: number): string {
  if (target.kind === "monthsTo") {
    if (target.censoredAs !== null && value >= target.censoredAs) return `> ${target.censoredAs - 1} months`;
    return `${Number(value.toFixed(1))} months`;
  }
  if (target.series === "occupiedShare") return formatPercentUnchecked(value);
  if (target.series === "occupiedKm2") return `${Math.round(value).toLocaleString("en-US")} km²`;
  return formatThousandsSigned(value);
}

/**
 * A difference of two target values: `−4.0 pp`, `+1.2k`, `+8.5 months` (`unit: false` leaves
 * the unit off: `−4.0`). A difference that rounds to zero has no sign.
 * @example
 * formatTargetShift({ kind: "value", series: "occupiedShare", … }, -0.04); // "−4.0 pp"
 */
export function formatTargetShift(target: SensitivityTargetJson, shift: number, unit = true): string {
  if (target.kind === "monthsTo") return `${formatSignedFixed(shift, 1)}${unit ? " months" : ""}`;
  if (target.series === "occupiedShare") return `${formatSignedFixed(shift * 100, 1)}${unit ? " pp" : ""}`;
  if (target.series === "occupiedKm2") return `${signNumberText(String(Math.round(shift)))}${unit ? " km²" : ""}`;
  return formatThousandsSigned(shift, true);
}

/** An index with two decimals (`0.27`, `−0.01`), or `–` when undefined. */
export function formatIndex(value: number | null): string {
  return value === null ? "–" : withTypographicMinus(value.toFixed(2)).replace(/^−0\.00$/, "0.00");
}

/** The target in words: "occupied share of Ukraine at the end of 2030-12". */
export function describeTarget(target: SensitivityTargetJson): string {
  const label = SERIES_DISPLAY[target.series].label;
  const lower = /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label; // "DPRK …" stays
  if (target.kind === "value") return `${lower} at the end of ${target.month}`;
  const share =
    target.series === "occupiedShare" && target.threshold !== null
      ? `${Number((target.threshold * 100).toPrecision(4))}%`
      : String(target.threshold);
  const op = { ">=": "≥", "<=": "≤", ">": ">", "<": "<" }[target.operator!];
  return `months until the ${lower} first is ${op} ${share} (paths that never get there within ${target.censoredAs! - 1} months count as ${target.censoredAs})`;
}

/** About the run, in two parts: [scenario, method and paths; seed, horizon, step and intervals]. */
export function describeRunParts(result: SensitivityResult): [string, string] {
  const o = result.options;
  const paths =
    result.method === "sobol"
      ? `Sobol indices, ${o.runs.toLocaleString("en-US")} paths per matrix × ${result.sobol.matrices} matrices = ${o.totalPaths.toLocaleString("en-US")} paths`
      : `tornado, ${o.runs.toLocaleString("en-US")} paths`;
  return [
    `Scenario ${result.scenario.name}: ${paths}`,
    `seed ${o.seed}, ${o.horizonMonths} months from ${o.start}, ${o.step} step, ${Math.round(o.level * 100)}% bootstrap intervals (${o.resamples} resamples)`,
  ];
}

/** One line about the run: scenario, method, paths, seed, horizon, step, intervals. */
export function describeRun(result: SensitivityResult): string {
  return describeRunParts(result).join(", ");
}
