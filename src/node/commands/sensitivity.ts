/**
 * `attrition-sim sensitivity <preset | file> --target T [--method tornado|sobol]`: which
 * assumptions drive one target. Formats: a plain-text table (default), the
 * `attrition-sim/sensitivity@1` JSON, tidy CSV, or an SVG bar chart.
 */
import { sensitivity, type SensitivityOptions } from "../../results/sensitivity.js";
import { resolveSensitivityOptions } from "../../analysis/sensitivity-options.js";
import { MAX_HORIZON_MONTHS, MAX_RUNS } from "../../engine/options.js";
import { formatIssue, OptionsError } from "../../util/errors.js";
import { sensitivityToCsv } from "../../output/sensitivity-csv.js";
import {
  describeRun,
  describeTarget,
  formatIndex,
  formatInput,
  formatTargetShift,
  formatTargetValue,
} from "../../output/sensitivity-format.js";
import type { SensitivityResult } from "../../output/sensitivity-json.js";
import { sensitivityToSvg } from "../../output/sensitivity-svg.js";
import { BadInput, choiceFlag, expectPositionals, integerFlag, outputFlags, parseFlags, type CliIO } from "../args.js";
import { checkWritable, loadScenario, writeResult } from "../io.js";
import { alignColumns } from "../format-table.js";
import { formatPercentUnchecked } from "../../util/format.js";

/** The result as a plain-text table: what was run, the target across paths, one row per factor. */
function formatSensitivityTable(result: SensitivityResult): string {
  const t = result.target;
  const out = result.output;
  const lines = [
    `Sensitivity of ${t.text}: ${describeTarget(t)}`,
    describeRun(result),
    `Across the paths: median ${formatTargetValue(t, out.p50)} [5th–95th percentile ${formatTargetValue(t, out.p05)}–${formatTargetValue(t, out.p95)}]${t.kind === "monthsTo" ? `; ${formatPercentUnchecked(out.censoredShare)} of paths never get there within the horizon` : ""}`,
    "",
  ];
  if (result.method === "tornado") {
    const share = Math.round(result.tornado.groupShare * 100);
    const rows = [["Parameter", "Prior", `Draws: bottom → top ${share}%`, "Median: bottom → top", "Shift [95% interval]", "Spearman"]];
    for (const r of result.tornado.parameters) {
      rows.push([
        r.parameter,
        r.distribution,
        `${formatInput(r.lowInput)} → ${formatInput(r.highInput)}`,
        `${formatTargetValue(t, r.low)} → ${formatTargetValue(t, r.high)}`,
        `${formatTargetShift(t, r.shift)} [${formatTargetShift(t, r.shiftInterval[0], false)}, ${formatTargetShift(t, r.shiftInterval[1], false)}]`,
        formatIndex(r.spearman),
      ]);
    }
    lines.push(...alignColumns(rows, 2).map((l) => l.trimEnd()), "");
    lines.push(
      `Shift: the target's median among the paths in the top ${share}% of a parameter's draws minus that in the bottom ${share}%. Sorted by |shift|.`,
    );
    if (result.tornado.constant.length) lines.push(`Not varying (fixed): ${result.tornado.constant.join(", ")}.`);
  } else {
    const rows = [["Factor", "Prior", "First order [95%]", "Total order [95%]"]];
    const iv = (v: [number, number] | null) => (v ? ` [${formatIndex(v[0])}, ${formatIndex(v[1])}]` : "");
    for (const f of result.sobol.factors) {
      rows.push([
        f.factor,
        f.kind === "noise" ? "(the path's own chance)" : f.distribution,
        `${formatIndex(f.first)}${iv(f.firstInterval)}`,
        `${formatIndex(f.total)}${iv(f.totalInterval)}`,
      ]);
    }
    lines.push(...alignColumns(rows, 2).map((l) => l.trimEnd()), "");
    const sum = result.sobol.sumFirst;
    lines.push(
      `Shares of the target's variance (${formatInput(result.sobol.variance)} ${t.unit}²): first order = the factor alone, total = with its interactions. Sorted by total.`,
    );
    if (sum !== null)
      lines.push(
        `Sum of first-order indices ${formatIndex(sum)}: about ${formatIndex(Math.max(0, 1 - sum))} of the variance comes from interactions.`,
      );
    lines.push(`noise = ${result.sobol.factors.find((f) => f.kind === "noise")?.distribution}.`);
  }
  return lines.join("\n") + "\n";
}

/** Name library option problems after the flags the user typed. */
const FLAG_OF_OPTION: Record<string, string> = {
  target: "--target",
  method: "--method",
  runs: "--runs",
  seed: "--seed",
  horizonMonths: "--months",
  step: "--step",
  resamples: "--resamples",
};

function optionLines(error: OptionsError): string[] {
  return error.issues.map((issue) => (FLAG_OF_OPTION[issue.path] ? `${FLAG_OF_OPTION[issue.path]}: ${issue.message}` : formatIssue(issue)));
}

/**
 * The `sensitivity` command: `sensitivity <preset | file> --target T [--method tornado|sobol]
 * [--runs N --seed S --months M --step day|month --resamples B --format table|json|csv|svg --out FILE --force]`.
 */
export async function sensitivityCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags(
    "sensitivity",
    args,
    ["target", "method", "runs", "seed", "months", "step", "resamples", "format", "out", "force"],
    [],
    ["force"],
  );
  const target = flags.target?.[0];
  if (target === undefined)
    throw new BadInput(
      "--target: expected a target such as occupiedShare@2030-12, dprkLosses@2026-12 or monthsTo:occupiedShare>=0.25, got nothing",
    );
  const options: SensitivityOptions = {
    target,
    method: choiceFlag("method", flags.method?.[0], ["tornado", "sobol"] as const),
    runs: integerFlag("runs", flags.runs?.[0], 1, MAX_RUNS),
    seed: integerFlag("seed", flags.seed?.[0], 0, 2 ** 32 - 1),
    horizonMonths: integerFlag("months", flags.months?.[0], 1, MAX_HORIZON_MONTHS),
    step: choiceFlag("step", flags.step?.[0], ["day", "month"] as const),
    resamples: integerFlag("resamples", flags.resamples?.[0], 10, 100_000),
  };
  for (const key of Object.keys(options) as (keyof SensitivityOptions)[]) if (options[key] === undefined) delete options[key];
  const format = choiceFlag("format", flags.format?.[0], ["table", "json", "csv", "svg"] as const) ?? "table";
  const output = outputFlags(flags);
  expectPositionals("sensitivity", positionals, ["<preset | scenario.json>"]);
  const scenario = loadScenario(positionals[0]!);
  try {
    resolveSensitivityOptions(options, scenario.start); // every check before any work
  } catch (error) {
    if (error instanceof OptionsError) throw new BadInput(...optionLines(error));
    throw error;
  }
  if (output.out !== undefined) checkWritable(output.out, output.force);

  await writeResult(io, output, async (signal, onProgress) => {
    const result = await sensitivity(scenario, { ...options, signal, onProgress });
    return format === "json"
      ? `${JSON.stringify(result, null, 2)}\n`
      : format === "csv"
        ? sensitivityToCsv(result)
        : format === "svg"
          ? sensitivityToSvg(result)
          : formatSensitivityTable(result);
  });
  return 0;
}
