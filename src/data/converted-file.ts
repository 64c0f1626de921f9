/**
 * What a converter of an upstream file returns (`attrition-sim data convert`): the text of a CSV
 * in a shipped layout, and notes on whatever the conversion left out or could not fill in, so that
 * nothing a user gave disappears without a word. Browser-safe.
 */

/** A converted file: CSV text in a shipped layout, with notes on what it left out. */
export interface ConvertedFile {
  /** The CSV text: the shipped file's header and line ends (CRLF), one row per day, oldest first. */
  csv: string;
  /** Rows written (the header not counted). */
  rows: number;
  /** First and last date written, YYYY-MM-DD. */
  firstDate: string;
  lastDate: string;
  /** One line per thing left out or left empty (missing days, days not yet estimated, …); empty when nothing was. */
  notes: string[];
}

/** CSV text with CRLF line ends, as the shipped files have (RFC 4180); the fields need no quoting. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((fields) => `${fields.join(",")}\r\n`).join("");
}

/** The day after YYYY-MM-DD. */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A few items of a list, then how many more. */
export function someOf(items: readonly string[], shown = 3): string {
  return items.length <= shown ? items.join(", ") : `${items.slice(0, shown).join(", ")} and ${items.length - shown} more`;
}

/** The calendar days missing between consecutive dates (increasing YYYY-MM-DD). */
export function missingDays(dates: readonly string[]): string[] {
  const missing: string[] = [];
  for (let k = 1; k < dates.length; k += 1) {
    for (let day = nextDay(dates[k - 1]!); day < dates[k]!; day = nextDay(day)) missing.push(day);
  }
  return missing;
}
