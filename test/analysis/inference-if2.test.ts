import { describe, expect, it } from "vitest";
import { if2 } from "../../src/analysis/inference-if2.js";
import { BASE, syntheticData as syntheticDataAt } from "../helpers/war-synthetic.js";

const LOSS = "attrition.russiaLossesPerMonth";

const syntheticData = () => syntheticDataAt({ [LOSS]: 30_000 });

const PRIOR = {
  ...BASE,
  attrition: {
    russiaLossesPerMonth: { dist: "uniform", min: 15_000, max: 60_000, provenance: { source: "assumption", note: "test prior" } },
  },
};

describe("if2", () => {
  const data = syntheticData();

  it("climbs from a swarm far off to the likelihood's peak (synthetic data, one parameter)", () => {
    // On these data the clean filter's log L̂ (4 seeds × 2,000 particles) is −413.3 at 26k, −410.5
    // at 30k, −408.6 at 34k and −411.1 at 38k a month: the peak is near 34k (the claims bias's
    // walk in the truth moves it off 30k). A swarm started at 52–56k must come down into 30–38k
    // (measured: 53.6k after the first pass, 30.4k after the 40th; the pass log L̂ −468.3 → −414.0).
    const start = { [LOSS]: Float64Array.from({ length: 500 }, (_, i) => 52_000 + (4000 * i) / 500) };
    const fit = if2(PRIOR, data, {
      parameters: [{ path: LOSS, rwSd: 0.05 }],
      particles: 500,
      iterations: 40,
      seed: 1,
      coolingFraction50: 0.3,
      start,
    });
    expect(fit.traces[LOSS]![0]).toBeGreaterThan(45_000);
    expect(fit.estimate[LOSS]).toBeGreaterThan(30_000);
    expect(fit.estimate[LOSS]).toBeLessThan(38_000);
    expect(fit.logLikelihoods.at(-1)!).toBeGreaterThan(fit.logLikelihoods[0]! + 5);
    expect(fit.swarm[LOSS]).toHaveLength(500);
  });

  it("is deterministic for a seed and refuses bad options", () => {
    const run = (seed = 3) => if2(PRIOR, data, { parameters: [{ path: LOSS, rwSd: 0.02 }], particles: 100, iterations: 2, seed });
    expect(run(4_294_967_295).estimate[LOSS]).toBeGreaterThan(0); // the largest seed: its passes get valid seeds too
    expect(run().estimate).toEqual(run().estimate);
    const bad = (o: object) => () =>
      if2(PRIOR, data, { parameters: [{ path: LOSS, rwSd: 0.02 }], particles: 100, iterations: 2, seed: 3, ...o });
    expect(bad({ iterations: 0 })).toThrow(/iterations/);
    expect(bad({ coolingFraction50: 0 })).toThrow(/coolingFraction50/);
    expect(bad({ parameters: [] })).toThrow(/at least one parameter/);
    expect(bad({ parameters: [{ path: LOSS, rwSd: -1 }] })).toThrow(/rwSd/);
    expect(bad({ parameters: [{ path: "no.such", rwSd: 0.1 }] })).toThrow(/no.such/);
  });
});
