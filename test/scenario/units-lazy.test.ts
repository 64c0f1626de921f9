import { expect, it, vi } from "vitest";

// Own file and a fresh module instance: nothing else here has loaded mathjs through units.ts.
it("plain numbers and percentages do not load mathjs", async () => {
  vi.resetModules();
  const units = await import("../../src/scenario/units.js");
  expect(units.isMathLoaded()).toBe(false);
  expect(units.parseQuantity("640000", "1")).toBe(640000);
  expect(units.parseQuantity("485", "km^2/month")).toBe(485);
  expect(units.parseQuantity("12%", "1")).toBe(0.12);
  expect(() => units.parseQuantity("", "1")).toThrow(units.QuantityError);
  expect(() => units.parseQuantity("12%", "month")).toThrow(units.QuantityError);
  expect(units.isMathLoaded()).toBe(false);
  // …and a unit string does.
  expect(units.parseQuantity("35000/month", "1/month")).toBe(35000);
  expect(units.isMathLoaded()).toBe(true);
});
