import { describe, expect, it } from "vitest";
import {
  formatGroupedNumber,
  formatMedianBand,
  formatMonths,
  formatPercent,
  formatPercentagePoints,
  formatPercentUnchecked,
  formatPointsChange,
  formatShareChange,
  formatSignedFixed,
  formatSignedMonths,
  formatThousands,
  formatThousandsChange,
  formatThousandsSigned,
  formatThresholdPercent,
  roundSignificant6,
  roundSignificant6Nullable,
  roundSignificant6OrNull,
  signNumberText,
  signPrefix,
  withTypographicMinus,
} from "../../src/util/format.js";

const MINUS = "\u2212";

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

describe("signs", () => {
  it("signPrefix follows the unrounded value; zero and NaN have none", () => {
    expect([1e-300, -1e-300, 0, -0, NaN, Infinity, -Infinity].map(signPrefix)).toEqual(["+", MINUS, "", "", "", "+", MINUS]);
  });

  it("withTypographicMinus replaces only a leading hyphen-minus", () => {
    expect(withTypographicMinus("-0.25")).toBe(`${MINUS}0.25`);
    expect(withTypographicMinus("1-2")).toBe("1-2");
    expect(withTypographicMinus("3%")).toBe("3%");
  });

  it("signNumberText and formatSignedFixed: the rounded text decides, a zero has no sign", () => {
    expect(signNumberText("8.5")).toBe("+8.5");
    expect(signNumberText("-4.0")).toBe(`${MINUS}4.0`);
    expect(signNumberText("-0.0")).toBe("0.0");
    expect(signNumberText("0")).toBe("0");
    expect(signNumberText("NaN")).toBe("+NaN");
    expect(formatSignedFixed(8.46, 1)).toBe("+8.5");
    expect(formatSignedFixed(-0.04, 1)).toBe("0.0");
    expect(formatSignedFixed(-0, 1)).toBe("0.0");
    expect(formatSignedFixed(-0.05, 1)).toBe(`${MINUS}0.1`);
    expect(formatSignedFixed(-Infinity, 1)).toBe(`${MINUS}Infinity`);
  });
});

describe("percent and percentage points", () => {
  it("formatPercent: one decimal, an en dash when not finite", () => {
    expect(formatPercent(0.1953)).toBe("19.5%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(-0.001)).toBe("-0.1%");
    expect(formatPercent(-0)).toBe("0.0%");
    for (const v of [NaN, Infinity, -Infinity]) expect(formatPercent(v)).toBe("–");
  });

  it("formatPercentUnchecked writes non-finite shares as JavaScript does", () => {
    expect(formatPercentUnchecked(0.2361)).toBe("23.6%");
    expect(formatPercentUnchecked(NaN)).toBe("NaN%");
    expect(formatPercentUnchecked(-Infinity)).toBe("-Infinity%");
  });

  it("formatThresholdPercent drops a trailing .0", () => {
    expect(formatThresholdPercent(0.25)).toBe("25%");
    expect(formatThresholdPercent(0.125)).toBe("12.5%");
    expect(formatThresholdPercent(NaN)).toBe("–");
  });

  it("formatPercentagePoints: signed by the unrounded value, so a tiny change can read −0.00", () => {
    expect(formatPercentagePoints(-0.0035, 2)).toBe(`${MINUS}0.35`);
    expect(formatPercentagePoints(0.012, 1)).toBe("+1.2");
    expect(formatPercentagePoints(-0.000001, 2)).toBe(`${MINUS}0.00`);
    expect(formatPercentagePoints(0, 2)).toBe("0.00");
    expect(formatPercentagePoints(NaN, 2)).toBe("NaN");
  });

  it("formatPointsChange: change ± standard error in points", () => {
    expect(formatPointsChange(-0.012, 0.003)).toBe(`${MINUS}1.2 ± 0.3`);
    expect(formatPointsChange(0, 0)).toBe("0.0 ± 0.0");
    expect(formatPointsChange(NaN, NaN)).toBe("NaN ± NaN");
  });

  it("formatShareChange: a change that rounds to zero has no sign; an en dash when not finite", () => {
    expect(formatShareChange(-0.0035)).toBe(`${MINUS}0.35 pp`);
    expect(formatShareChange(0.0035)).toBe("+0.35 pp");
    expect(formatShareChange(-0.00001)).toBe("0.00 pp");
    expect(formatShareChange(-0)).toBe("0.00 pp");
    for (const v of [NaN, Infinity, -Infinity]) expect(formatShareChange(v)).toBe("–");
  });
});

describe("people in thousands", () => {
  it("formatThousands: k with one decimal below 10k, 0 below 50 people, hyphen-minus, en dash when not finite", () => {
    expect(formatThousands(712_345)).toBe("712k");
    expect(formatThousands(8_460)).toBe("8.5k");
    expect(formatThousands(9_999)).toBe("10.0k");
    expect(formatThousands(10_000)).toBe("10k");
    expect(formatThousands(49.9)).toBe("0");
    expect(formatThousands(-49.9)).toBe("0");
    expect(formatThousands(50)).toBe("0.1k");
    expect(formatThousands(-8_460)).toBe("-8.5k");
    expect(formatThousands(-12_500)).toBe("-12k"); // Math.round rounds the half up
    for (const v of [NaN, Infinity, -Infinity]) expect(formatThousands(v)).toBe("–");
  });

  it("formatThousandsSigned: the sign before the rounded size, U+2212, + only when asked; no check for NaN", () => {
    expect(formatThousandsSigned(-12_500)).toBe(`${MINUS}13k`);
    expect(formatThousandsSigned(12_500)).toBe("13k");
    expect(formatThousandsSigned(12_500, true)).toBe("+13k");
    expect(formatThousandsSigned(1_234, true)).toBe("+1.2k");
    expect(formatThousandsSigned(-30, true)).toBe("0");
    expect(formatThousandsSigned(NaN)).toBe("NaNk");
  });

  it("formatThousandsChange: signed, 0 below 50 people, en dash when not finite", () => {
    expect(formatThousandsChange(1_234)).toBe("+1.2k");
    expect(formatThousandsChange(-12_500)).toBe(`${MINUS}13k`);
    expect(formatThousandsChange(-30)).toBe("0");
    expect(formatThousandsChange(0)).toBe("0");
    for (const v of [NaN, Infinity, -Infinity]) expect(formatThousandsChange(v)).toBe("–");
  });
});

describe("other numbers", () => {
  it("formatGroupedNumber: separators from 1000, significant digits below, non-finite as is", () => {
    expect(formatGroupedNumber(37_012.4, 3)).toBe("37,012");
    expect(formatGroupedNumber(-1000, 3)).toBe("-1,000");
    expect(formatGroupedNumber(999.96, 3)).toBe("1000");
    expect(formatGroupedNumber(0.123456, 3)).toBe("0.123");
    expect(formatGroupedNumber(0.123456, 4)).toBe("0.1235");
    expect(formatGroupedNumber(-0, 3)).toBe("0");
    expect(formatGroupedNumber(NaN, 3)).toBe("NaN");
    expect(formatGroupedNumber(-Infinity, 4)).toBe("-Infinity");
  });

  it("formatMedianBand: median [p05–p95] of one month", () => {
    expect(formatMedianBand({ p05: [0.19], p50: [0.2], p95: [0.21] }, 0, formatPercent)).toBe("20.0% [19.0%–21.0%]");
    expect(formatMedianBand({ p05: [1, NaN], p50: [2, NaN], p95: [3, NaN] }, 1, formatThousands)).toBe("– [–––]"); // en dashes: each value, and the band's own
  });
});

describe("months", () => {
  it("formatMonths: whole months as they are, others with one decimal, null as not within horizon", () => {
    expect(formatMonths(14)).toBe("14");
    expect(formatMonths(14.25)).toBe("14.3");
    expect(formatMonths(-0)).toBe("0");
    expect(formatMonths(null)).toBe("not within horizon");
    expect(formatMonths(NaN)).toBe("NaN");
  });

  it("formatSignedMonths: the sign of the unrounded shift, null as an en dash", () => {
    expect(formatSignedMonths(3)).toBe("+3");
    expect(formatSignedMonths(-1.5)).toBe(`${MINUS}1.5`);
    expect(formatSignedMonths(-0.01)).toBe(`${MINUS}0.0`);
    expect(formatSignedMonths(0)).toBe("0");
    expect(formatSignedMonths(null)).toBe("–");
  });
});
