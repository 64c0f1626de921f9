import { describe, expect, it } from "vitest";
import { escapeXml, niceTicks, px, tickLabels, timeTicks, yearAt } from "../../src/output/svg-primitives.js";

describe("SVG primitives", () => {
  it("escapes every text and drops characters XML forbids", () => {
    expect(escapeXml(`<a & "b" 'c'>\u0001\uD800`)).toBe("&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;");
  });

  it("picks round tick values", () => {
    expect(niceTicks(19.6, 36.6, 6)).toEqual([15, 20, 25, 30, 35, 40]);
    expect(niceTicks(0, 0, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(-27, 0, 6)).toEqual([-30, -25, -20, -15, -10, -5, 0]);
  });

  it("treats a span too narrow for its magnitude as one value (it used to loop until out of memory)", () => {
    // A single run's Ukrainian force, in thousands: constant up to the last bits.
    expect(niceTicks(334.23447848266544, 334.23447848266555, 6)).toEqual(niceTicks(334.2344784826655, 334.2344784826655, 6));
    expect(niceTicks(334.2344784826655, 334.2344784826655, 6)).toEqual([300, 320, 340, 360, 380]);
    expect(niceTicks(1e20, 1e20 + 2e4, 6)).toEqual(niceTicks(1e20 + 1e4, 1e20 + 1e4, 6));
    // Spans of rounding noise whose tick indices are still safe integers: the ticks, printed to 12
    // digits, would all coincide (a zero-height axis, Infinity in the chart) — one value instead.
    for (const target of [3, 4, 5, 6])
      expect(new Set(niceTicks(334.2344784826655, 334.23447848266567, target)).size, `target ${target}`).toBeGreaterThan(2);
  });

  it("labels ticks with the fewest decimals that tell them apart, and a typographic minus", () => {
    expect(tickLabels([-0.5, 0, 0.5], "%")).toEqual(["−0.5%", "0.0%", "0.5%"]);
    expect(tickLabels([-30, -0, 30], "")).toEqual(["−30", "0", "30"]);
  });

  it("writes coordinates with at most two decimals, never -0", () => {
    expect([px(1.005), px(-0.001), px(12.3456)]).toEqual(["1", "0", "12.35"]);
  });

  it("places dates on a fractional-year time axis with yearly or monthly ticks", () => {
    expect(yearAt("2025-12-31", true)).toBe(2026);
    expect(yearAt("2025-07-01", false)).toBeCloseTo(2025 + 181 / 365, 12);
    expect(timeTicks(2025.5, 2035.5, 12).map((t) => t.label)).toEqual([
      "2026",
      "2027",
      "2028",
      "2029",
      "2030",
      "2031",
      "2032",
      "2033",
      "2034",
      "2035",
    ]);
    expect(timeTicks(yearAt("2025-07-01", false), 2026, 12).map((t) => t.label)).toEqual([
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
    ]);
  });
});
