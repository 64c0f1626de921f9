import { describe, it, expect } from "vitest";
import {
  initialRegime,
  monthRegime,
  nextRegime,
  OFFENSIVE,
  regimeIntensity,
  STALEMATE,
  stalemateMonthsAfter,
} from "../../src/model/regimes.js";

describe("regime constants", () => {
  it("are distinct", () => {
    expect(OFFENSIVE).not.toBe(STALEMATE);
  });
});

describe("nextRegime", () => {
  it("matches its @example: offensive → stalemate when u < 0.06", () => {
    expect(nextRegime(OFFENSIVE, 0.01, 0.06, 0.1)).toBe(STALEMATE);
  });

  it("leaves the offensive with probability offensiveToStalemate (u < p switches, u ≥ p stays)", () => {
    expect(nextRegime(OFFENSIVE, 0.0599, 0.06, 0.1)).toBe(STALEMATE);
    expect(nextRegime(OFFENSIVE, 0.06, 0.06, 0.1)).toBe(OFFENSIVE);
    expect(nextRegime(OFFENSIVE, 0.09, 0.06, 0.1)).toBe(OFFENSIVE); // uses its own probability, not stalemateToOffensive
    expect(nextRegime(OFFENSIVE, 0.5, 0.06, 0.1)).toBe(OFFENSIVE);
  });

  it("leaves the stalemate with probability stalemateToOffensive", () => {
    expect(nextRegime(STALEMATE, 0.01, 0.06, 0.1)).toBe(OFFENSIVE);
    expect(nextRegime(STALEMATE, 0.08, 0.06, 0.1)).toBe(OFFENSIVE); // uses its own probability
    expect(nextRegime(STALEMATE, 0.1, 0.06, 0.1)).toBe(STALEMATE);
    expect(nextRegime(STALEMATE, 0.9, 0.06, 0.1)).toBe(STALEMATE);
  });

  it("never switches with probability 0 and always switches with probability 1", () => {
    for (const u of [0, 0.3, 0.999999]) {
      expect(nextRegime(OFFENSIVE, u, 0, 0)).toBe(OFFENSIVE);
      expect(nextRegime(STALEMATE, u, 0, 0)).toBe(STALEMATE);
      expect(nextRegime(OFFENSIVE, u, 1, 1)).toBe(STALEMATE);
      expect(nextRegime(STALEMATE, u, 1, 1)).toBe(OFFENSIVE);
    }
  });

  it("switches at the stated rate over a uniform grid of u", () => {
    const n = 100_000;
    let fromOff = 0,
      fromStale = 0;
    for (let i = 0; i < n; i += 1) {
      const u = (i + 0.5) / n;
      if (nextRegime(OFFENSIVE, u, 0.06, 0.1) === STALEMATE) fromOff += 1;
      if (nextRegime(STALEMATE, u, 0.06, 0.1) === OFFENSIVE) fromStale += 1;
    }
    expect(fromOff / n).toBeCloseTo(0.06, 4);
    expect(fromStale / n).toBeCloseTo(0.1, 4);
  });
});

describe("regimeIntensity", () => {
  it("matches its @example: the stalemate runs at 0.6", () => {
    expect(regimeIntensity(STALEMATE, 0.6)).toBe(0.6);
  });

  it("is 1 in the offensive whatever the stalemate intensity", () => {
    for (const r of [0, 0.3, 0.6, 1]) expect(regimeIntensity(OFFENSIVE, r)).toBe(1);
    expect(regimeIntensity(STALEMATE, 0.25)).toBe(0.25);
  });
});

describe("initialRegime", () => {
  it("matches its @example: the scenario's regime unless the regime is held", () => {
    expect(initialRegime("stalemate", "switching")).toBe(STALEMATE);
    expect(initialRegime("stalemate", "offensive")).toBe(OFFENSIVE);
    expect(initialRegime("offensive", "switching")).toBe(OFFENSIVE);
    expect(initialRegime("offensive", "stalemate")).toBe(STALEMATE);
  });
});

describe("monthRegime", () => {
  it("matches its @example: a collapse turns the war offensive whatever the draw", () => {
    expect(monthRegime(STALEMATE, true, 0.9, 0.06, 0.1, false)).toBe(STALEMATE);
    expect(monthRegime(STALEMATE, true, 0.9, 0.06, 0.1, true)).toBe(OFFENSIVE);
  });

  it("switches as nextRegime only when switching, else keeps the previous regime", () => {
    expect(monthRegime(OFFENSIVE, true, 0.01, 0.06, 0.1, false)).toBe(nextRegime(OFFENSIVE, 0.01, 0.06, 0.1));
    expect(monthRegime(OFFENSIVE, false, 0.01, 0.06, 0.1, false)).toBe(OFFENSIVE);
    expect(monthRegime(STALEMATE, false, 0.01, 0.06, 0.1, false)).toBe(STALEMATE);
  });
});

describe("stalemateMonthsAfter", () => {
  it("matches its @example: counts consecutive stalemate months, 0 in the offensive", () => {
    expect(stalemateMonthsAfter(3, STALEMATE)).toBe(4);
    expect(stalemateMonthsAfter(3, OFFENSIVE)).toBe(0);
  });
});
