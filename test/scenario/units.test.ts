import { describe, expect, it, vi } from "vitest";
import { isMathLoaded, loadUnits, parseQuantity, QuantityError, type Dimension } from "../../src/scenario/units.js";

const MONTH_DAYS = 30.4375; // mathjs: year = 365.25 days, month = year / 12

function errorOf(fn: () => unknown, errorClass: new (...args: never[]) => Error = QuantityError): QuantityError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(errorClass);
    return error as QuantityError;
  }
  throw new Error("expected a QuantityError, nothing was thrown");
}

describe("parseQuantity conversions", () => {
  const cases: [string, Dimension, number][] = [
    ["35000/month", "1/month", 35000],
    ["35000 / month", "1/month", 35000],
    ["1200/day", "1/month", 1200 * MONTH_DAYS],
    ["420000/year", "1/month", 35000],
    ["485 km^2/month", "km^2/month", 485],
    ["5820 km^2/year", "km^2/month", 485],
    ["2 hectare/month", "km^2/month", 0.02],
    ["3 km^2", "km^2", 3],
    ["5 months", "month", 5],
    ["5 month", "month", 5],
    ["1 year", "month", 12],
    ["90 days", "month", 90 / MONTH_DAYS],
    ["12%", "1", 0.12],
    [" 12 % ", "1", 0.12],
    ["2%/month", "1/month", 0.02],
    ["640000", "1", 640000],
    ["1.5e3", "1", 1500],
    ["2/year", "1/year", 2],
    ["1/month", "1/year", 12],
    ["-5/month", "1/month", -5],
  ];
  it.each(cases)("%s in %s → %d", (text, dim, expected) => {
    const value = parseQuantity(text, dim);
    expect(value).toBeCloseTo(expected, 9);
    expect(Number.isFinite(value)).toBe(true);
  });

  it("1200/day is exactly 36525 per month (mathjs month = 30.4375 days)", () => {
    expect(parseQuantity("1200/day", "1/month")).toBe(36525);
  });

  it("removes SI round-trip noise so equivalent inputs give identical numbers", () => {
    expect(parseQuantity("5820 km^2/year", "km^2/month")).toBe(485);
    expect(parseQuantity("485 km^2/month", "km^2/month")).toBe(485);
  });

  it("accepts a bare number as already canonical for any dimension", () => {
    expect(parseQuantity("485", "km^2/month")).toBe(485);
    expect(parseQuantity("640000", "1/month")).toBe(640000);
    expect(parseQuantity("7", "month")).toBe(7);
    expect(parseQuantity(".5", "km^2")).toBe(0.5);
  });
});

describe("parseQuantity errors", () => {
  it("reports a wrong dimension by name", () => {
    const e = errorOf(() => parseQuantity("5 kg", "km^2/month"));
    expect(e.message).toBe('expected a quantity in km^2/month, got "5 kg" (wrong dimension: mass)');
    expect(e.dimension).toBe("km^2/month");
    expect(e.input).toBe("5 kg");
    expect(errorOf(() => parseQuantity("5 months", "1/month")).message).toBe(
      'expected a quantity in 1/month, got "5 months" (wrong dimension: time)',
    );
    expect(errorOf(() => parseQuantity("485 km^2/month", "month")).message).toMatch(/wrong dimension: area\/time\)$/);
    expect(errorOf(() => parseQuantity("35000/month", "1")).message).toBe(
      'expected a plain number or percentage, got "35000/month" (wrong dimension: 1/time)',
    );
    expect(errorOf(() => parseQuantity("12%", "1/month")).message).toMatch(/wrong dimension: dimensionless\)$/);
    expect(errorOf(() => parseQuantity("3 km^2", "km^2/month")).message).toMatch(/wrong dimension: area\)$/);
  });

  it("rejects garbage", () => {
    expect(errorOf(() => parseQuantity("abc", "1/month")).message).toBe(
      'expected a quantity in 1/month, got "abc" (not a number with a unit)',
    );
    for (const text of ["2 per year", "35 000/month", "0x10", "NaN", "Infinity", "12%%", "12% month", "5 months 3"]) {
      expect(errorOf(() => parseQuantity(text, "1/month")).message).toMatch(/not a number with a unit\)$/);
    }
  });

  it("rejects a unit without a number", () => {
    expect(errorOf(() => parseQuantity("month", "month")).message).toMatch(/no number before the unit\)$/);
  });

  it("rejects non-finite values", () => {
    expect(errorOf(() => parseQuantity("1e999/month", "1/month")).message).toBe(
      'expected a quantity in 1/month, got "1e999/month" (not finite)',
    );
    expect(errorOf(() => parseQuantity("1e999", "1")).message).toMatch(/not finite\)$/);
    expect(errorOf(() => parseQuantity("1e999%", "1")).message).toMatch(/not finite\)$/);
  });

  it("rejects the empty string and non-strings", () => {
    expect(errorOf(() => parseQuantity("", "1")).message).toBe('expected a plain number or percentage, got "" (empty)');
    expect(errorOf(() => parseQuantity("   ", "month")).message).toMatch(/\(empty\)$/);
    expect(errorOf(() => parseQuantity(42 as unknown as string, "1")).message).toMatch(/got 42 \(not a string\)$/);
  });

  it("messages are one line", () => {
    for (const text of ["5 kg", "abc", "1e999/month", "", "x\ny"]) {
      expect(errorOf(() => parseQuantity(text, "km^2/month")).message).not.toContain("\n");
    }
  });
});

describe("lazy loading", () => {
  it("loads mathjs on the first unit string", () => {
    parseQuantity("35000/month", "1/month");
    expect(isMathLoaded()).toBe(true);
  });

  it("without a synchronous require, asks for loadUnits() and works after it", async () => {
    const original = process.getBuiltinModule;
    (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
    try {
      vi.resetModules();
      const fresh = await import("../../src/scenario/units.js");
      expect(fresh.parseQuantity("640000", "1")).toBe(640000);
      const e = errorOf(() => fresh.parseQuantity("35000/month", "1/month"), fresh.QuantityError);
      expect(e.message).toContain("await loadUnits()");
      expect(fresh.isMathLoaded()).toBe(false);
      await fresh.loadUnits();
      expect(fresh.isMathLoaded()).toBe(true);
      expect(fresh.parseQuantity("1200/day", "1/month")).toBe(36525);
      await fresh.loadUnits(); // idempotent
    } finally {
      process.getBuiltinModule = original;
    }
  });

  it("loadUnits() is harmless when mathjs is already loaded", async () => {
    await loadUnits();
    expect(parseQuantity("1 year", "month")).toBe(12);
  });
});
