/** Calendar of a run: the months after the start date, recorded at each month's end. */

export interface CalendarMonth {
  /** Calendar month 1 = January … 12. */
  month: number;
  year: number;
  /** Days in this month. */
  days: number;
  /** Days from the start date to the first day of this month. */
  startDay: number;
  /** Month-end date, YYYY-MM-DD. */
  endDate: string;
  /** YYYY-MM label. */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Days from `from` to `to` (both YYYY-MM-DD, UTC). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The `count` calendar months starting at `start` (the first day of a month).
 * @example
 * buildCalendar("2025-07-01", 2)[1].endDate; // "2025-08-31"
 */
export function buildCalendar(start: string, count: number): CalendarMonth[] {
  const year0 = Number(start.slice(0, 4));
  const month0 = Number(start.slice(5, 7)) - 1;
  const out: CalendarMonth[] = [];
  let startDay = 0;
  for (let m = 0; m < count; m += 1) {
    const year = year0 + Math.floor((month0 + m) / 12);
    const month = ((month0 + m) % 12) + 1;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    out.push({ month, year, days, startDay, endDate: `${year}-${pad(month)}-${pad(days)}`, label: `${year}-${pad(month)}` });
    startDay += days;
  }
  return out;
}
