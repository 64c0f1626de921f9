import { describe, it, expect } from "vitest";
import { buildCalendar, daysBetween } from "../../src/engine/calendar.js";

describe("daysBetween", () => {
  it("counts days between UTC dates", () => {
    expect(daysBetween("2025-07-01", "2025-07-01")).toBe(0);
    expect(daysBetween("2025-07-01", "2025-08-01")).toBe(31);
    expect(daysBetween("2025-07-01", "2026-07-01")).toBe(365);
    expect(daysBetween("2027-07-01", "2028-07-01")).toBe(366); // includes 2028-02-29
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2100-02-28", "2100-03-01")).toBe(1); // 2100 is not a leap year
    expect(daysBetween("2000-02-28", "2000-03-01")).toBe(2); // 2000 is
  });

  it("is negative when `to` precedes `from`", () => {
    expect(daysBetween("2025-08-01", "2025-07-01")).toBe(-31);
  });

  it("is not shifted by daylight-saving changes (dates are UTC)", () => {
    expect(daysBetween("2025-03-29", "2025-03-31")).toBe(2);
    expect(daysBetween("2025-10-25", "2025-10-27")).toBe(2);
  });
});

describe("buildCalendar", () => {
  it("matches its @example: the second month from 2025-07 ends 2025-08-31", () => {
    expect(buildCalendar("2025-07-01", 2)[1]!.endDate).toBe("2025-08-31");
  });

  it("gives the first month's fields", () => {
    expect(buildCalendar("2025-07-01", 1)).toEqual([
      { month: 7, year: 2025, days: 31, startDay: 0, endDate: "2025-07-31", label: "2025-07" },
    ]);
  });

  it("returns `count` months (none for 0)", () => {
    expect(buildCalendar("2025-07-01", 0)).toEqual([]);
    expect(buildCalendar("2025-07-01", 30)).toHaveLength(30);
  });

  it("has the right month lengths, leap years included (2028-02 has 29 days)", () => {
    const cal = buildCalendar("2025-01-01", 48);
    const byLabel = new Map(cal.map((m) => [m.label, m.days]));
    expect(byLabel.get("2025-02")).toBe(28);
    expect(byLabel.get("2026-02")).toBe(28);
    expect(byLabel.get("2027-02")).toBe(28);
    expect(byLabel.get("2028-02")).toBe(29);
    expect(cal.slice(0, 12).map((m) => m.days)).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(cal.slice(36, 48).map((m) => m.days)).toEqual([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(buildCalendar("2100-02-01", 1)[0]!.days).toBe(28);
    expect(buildCalendar("2000-02-01", 1)[0]!.days).toBe(29);
  });

  it("has cumulative startDay offsets that agree with daysBetween", () => {
    const start = "2025-07-01";
    const cal = buildCalendar(start, 60);
    let acc = 0;
    for (const m of cal) {
      expect(m.startDay).toBe(acc);
      expect(m.startDay).toBe(daysBetween(start, `${m.year}-${String(m.month).padStart(2, "0")}-01`));
      acc += m.days;
    }
    // five years from 2025-07 include one leap day (2028-02-29)
    expect(acc).toBe(5 * 365 + 1);
  });

  it("gives labels and month-end dates, crossing the year boundary", () => {
    const cal = buildCalendar("2025-11-01", 4);
    expect(cal.map((m) => m.label)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(cal.map((m) => m.endDate)).toEqual(["2025-11-30", "2025-12-31", "2026-01-31", "2026-02-28"]);
    expect(cal.map((m) => [m.year, m.month])).toEqual([
      [2025, 11],
      [2025, 12],
      [2026, 1],
      [2026, 2],
    ]);
    expect(cal.map((m) => m.startDay)).toEqual([0, 30, 61, 92]);
  });

  it("has each endDate one day before the next month's start", () => {
    const start = "2027-12-01";
    const cal = buildCalendar(start, 26);
    for (const m of cal) expect(daysBetween(start, m.endDate)).toBe(m.startDay + m.days - 1);
    expect(cal.find((m) => m.label === "2028-02")!.endDate).toBe("2028-02-29");
  });

  it("crosses several years with months in 1…12", () => {
    const cal = buildCalendar("2025-12-01", 37);
    expect(cal[0]!.label).toBe("2025-12");
    expect(cal[1]!.label).toBe("2026-01");
    expect(cal[36]!.label).toBe("2028-12");
    for (const m of cal) {
      expect(m.month).toBeGreaterThanOrEqual(1);
      expect(m.month).toBeLessThanOrEqual(12);
    }
  });
});
