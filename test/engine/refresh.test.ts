import { describe, expect, it } from "vitest";
import { MONTH_STEP_REFRESH_DAYS } from "../../src/engine/run.js";
import { simulateSync } from "../../src/results/simulate.js";

// The day step is the reference the month step is measured against (month-step.test.ts), so it
// must not take the month step's shortcut: its force-ratio powers are re-evaluated every day.
describe("force-ratio refresh", () => {
  const options = { runs: 300, horizonMonths: 24, seed: 5 } as const;

  it("the day step re-evaluates the powers every day: the same bytes as refreshDays 1, not as a weekly refresh", () => {
    const dayStep = simulateSync("baseline", { ...options, step: "day" }).toJSON();
    expect(simulateSync("baseline", { ...options, step: "day" }, { refreshDays: 1 }).toJSON()).toEqual(dayStep);
    expect(simulateSync("baseline", { ...options, step: "day" }, { refreshDays: MONTH_STEP_REFRESH_DAYS }).toJSON()).not.toEqual(dayStep);
  });

  it("the month step re-evaluates them about weekly: the same bytes as refreshDays 7, not as every sub-step", () => {
    expect(MONTH_STEP_REFRESH_DAYS).toBe(7);
    const monthStep = simulateSync("baseline", options).toJSON();
    expect(simulateSync("baseline", options, { refreshDays: MONTH_STEP_REFRESH_DAYS }).toJSON()).toEqual(monthStep);
    expect(simulateSync("baseline", options, { refreshDays: 1 }).toJSON()).not.toEqual(monthStep);
  });
});
