import { describe, expect, it } from "vitest";
import { simulateSync } from "../../src/index.js";

describe("dynamics switches", () => {
  // A Ukraine that cannot recruit collapses within months (U < 30–60% of U0).
  const collapsing = { ukraine: { recruitmentCapacityPerMonth: 0, woundedReturnShare: 0 }, attrition: { exchangeRatio: 0.5 } };

  it("a regime held at stalemate stays in stalemate, even after a collapse", () => {
    const paths = simulateSync(
      { extends: "article", dynamics: { regime: "stalemate" }, ...collapsing },
      { runs: 64, horizonMonths: 36, step: "month", keepPaths: true },
    ).paths!;
    expect(Array.from(paths.accounting!.regime).every((r) => r === 1)).toBe(true);
    const last = (paths.months - 1) * paths.runs;
    expect(paths.series.ukraineForce[last]! / paths.initial.ukraineForce[0]!).toBeLessThan(0.3); // it did collapse
  });

  it("with switching, a collapse turns the war offensive", () => {
    const paths = simulateSync(
      { extends: "article", regimes: { initial: "stalemate" }, ...collapsing },
      { runs: 64, horizonMonths: 36, step: "month", keepPaths: true },
    ).paths!;
    const last = (paths.months - 1) * paths.runs;
    let offensiveAtEnd = 0;
    for (let i = 0; i < paths.runs; i += 1) if (paths.accounting!.regime[last + i] === 0) offensiveAtEnd += 1;
    expect(offensiveAtEnd).toBe(paths.runs);
  });
});
