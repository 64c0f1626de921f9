import { QUANTILE_KEYS } from "../analysis/quantiles.js";
import type { ProjectionJson } from "./result-schema.js";

/** Quote a CSV field per RFC 4180 when it holds a comma, quote or line break. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Tidy long CSV of a projection: one row per (month, series, statistic), CRLF line ends
 * (RFC 4180). Columns: scenario, month (month-end date), series, stat, value.
 * @example
 * toTidyCsv(projection.toJSON()).split("\r\n")[0]; // "scenario,month,series,stat,value"
 */
export function toTidyCsv(json: ProjectionJson): string {
  const rows: string[] = ["scenario,month,series,stat,value"];
  const stats = ["mean", ...QUANTILE_KEYS] as const;
  for (const [name, summary] of Object.entries(json.series)) {
    json.months.forEach((month, m) => {
      for (const stat of stats) {
        rows.push([json.scenario.name, month, name, stat, summary[stat][m]!].map(csvField).join(","));
      }
    });
  }
  return rows.join("\r\n") + "\r\n";
}
