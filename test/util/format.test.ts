import { describe, expect, it } from "vitest";
import { roundSignificant6, roundSignificant6Nullable, roundSignificant6OrNull } from "../../src/util/format.js";

describe("6-significant-digit rounding (the JSON results)", () => {
  it("rounds to 6 significant digits at every magnitude", () => {
    expect(roundSignificant6(0.123456789)).toBe(0.123457);
    expect(roundSignificant6(712345.6)).toBe(712346);
    expect(roundSignificant6(-712345.4)).toBe(-712345);
    expect(roundSignificant6(1.23456789e-9)).toBe(1.23457e-9);
    expect(roundSignificant6(9.999995)).toBe(10);
    expect(roundSignificant6(5e-324)).toBe(5e-324);
  });

  it("keeps NaN and ±Infinity, and writes −0 as 0", () => {
    expect(roundSignificant6(NaN)).toBeNaN();
    expect(roundSignificant6(Infinity)).toBe(Infinity);
    expect(roundSignificant6(-Infinity)).toBe(-Infinity);
    expect(Object.is(roundSignificant6(-0), 0)).toBe(true);
    expect(Object.is(roundSignificant6(-1e-30 * 1e-300), 0)).toBe(true); // underflows to −0
  });

  it("OrNull: null, NaN and ±Infinity become null (a standard error that cannot be estimated)", () => {
    expect(roundSignificant6OrNull(0.0123456789)).toBe(0.0123457);
    for (const v of [null, NaN, Infinity, -Infinity]) expect(roundSignificant6OrNull(v)).toBeNull();
    expect(Object.is(roundSignificant6OrNull(-0), 0)).toBe(true);
  });

  it("Nullable: null passes, NaN and ±Infinity stay what they are", () => {
    expect(roundSignificant6Nullable(null)).toBeNull();
    expect(roundSignificant6Nullable(14.0000001)).toBe(14);
    expect(roundSignificant6Nullable(NaN)).toBeNaN();
    expect(roundSignificant6Nullable(Infinity)).toBe(Infinity);
  });
});
