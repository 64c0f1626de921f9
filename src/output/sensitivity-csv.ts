import { csvField } from "./csv.js";
import type { SensitivityResult } from "./sensitivity-json.js";

/**
 * Tidy long CSV of a sensitivity result (RFC 4180, CRLF): scenario, target, method, factor,
 * stat, value — one row per statistic; an index that cannot be estimated is an empty field.
 * Tornado stats: lowInput, highInput, low, high, shift, shiftLow, shiftHigh, spearman.
 * Sobol stats: first, firstLow, firstHigh, total, totalLow, totalHigh.
 * @example
 * sensitivityToCsv(result).split("\r\n")[0]; // "scenario,target,method,factor,stat,value"
 */
export function sensitivityToCsv(result: SensitivityResult): string {
  const rows: string[] = ["scenario,target,method,factor,stat,value"];
  const push = (factor: string, stat: string, value: number | null) =>
    rows.push([result.scenario.name, result.target.text, result.method, factor, stat, value === null ? "" : value].map(csvField).join(","));
  if (result.method === "tornado") {
    for (const r of result.tornado.parameters) {
      push(r.parameter, "lowInput", r.lowInput);
      push(r.parameter, "highInput", r.highInput);
      push(r.parameter, "low", r.low);
      push(r.parameter, "high", r.high);
      push(r.parameter, "shift", r.shift);
      push(r.parameter, "shiftLow", r.shiftInterval[0]);
      push(r.parameter, "shiftHigh", r.shiftInterval[1]);
      push(r.parameter, "spearman", r.spearman);
    }
  } else {
    for (const f of result.sobol.factors) {
      push(f.factor, "first", f.first);
      push(f.factor, "firstLow", f.firstInterval?.[0] ?? null);
      push(f.factor, "firstHigh", f.firstInterval?.[1] ?? null);
      push(f.factor, "total", f.total);
      push(f.factor, "totalLow", f.totalInterval?.[0] ?? null);
      push(f.factor, "totalHigh", f.totalInterval?.[1] ?? null);
    }
  }
  return rows.join("\r\n") + "\r\n";
}
