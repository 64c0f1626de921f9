import { readFileSync } from "node:fs";

/** A shipped data file's text (CRLF lines, as in data/). */
export const shippedText = (name: string): string => readFileSync(new URL(`../../data/${name}`, import.meta.url), "utf8");

/**
 * A shipped file cut after `through` (YYYY-MM): its header and the rows whose first field (a
 * month or a date) is not later — what a user's folder held at that time.
 */
export function truncatedText(name: string, through: string): string {
  const lines = shippedText(name)
    .split("\r\n")
    .filter((l) => l !== "");
  return [lines[0]!, ...lines.slice(1).filter((l) => l.slice(0, 7) <= through)].join("\r\n") + "\r\n";
}

/** The shipped files a forecast reads by default (ISW monthly, claims monthly, the Economist, the point estimates), cut after `through`. */
export function shippedFilesThrough(through: string, names: readonly string[] = DEFAULT_FILES): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, truncatedText(n, through)]));
}

export const DEFAULT_FILES = [
  "occupied_area_isw_monthly.csv",
  "russia_personnel_losses_monthly.csv",
  "economist_russian_losses_meta_estimate_daily.csv",
  "loss_estimates_point_claims.csv",
] as const;
