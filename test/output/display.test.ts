import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { compareSync } from "../../src/results/comparison.js";
import { simulateSync } from "../../src/results/simulate.js";

const DISPLAY = Symbol.for("Jupyter.display");

describe("Jupyter display", () => {
  const projection = simulateSync("baseline", { runs: 100, seed: 1, horizonMonths: 30 });

  it("gives a projection's MIME bundle: text/plain, text/html with a table and the chart, image/svg+xml", () => {
    const bundle = (projection as unknown as Record<symbol, () => Record<string, string>>)[DISPLAY]!();
    expect(Object.keys(bundle).sort()).toEqual(["image/svg+xml", "text/html", "text/plain"]);
    expect(bundle["text/plain"]).toBe(String(projection));
    expect(bundle["image/svg+xml"]).toBe(projection.toSVG("occupiedShare"));
    const html = bundle["text/html"]!;
    expect(html).toMatch(/^<div class="attrition-sim-projection"/);
    expect(html).toContain("<strong>Scenario baseline</strong>: 100 runs, seed 1, 30 months from 2025-07-01, month step.");
    expect(html).toMatch(/<table[^>]*><thead><tr><th[^>]*>Month<\/th>/);
    expect(html).toMatch(/<td[^>]*>2025-12<\/td><td[^>]*>\d+\.\d% \[\d+\.\d%–\d+\.\d%\]<\/td>/);
    expect(html).toMatch(/<td[^>]*>2027-12<\/td>/); // the final month
    expect(html).toContain("Months until the occupied share first reaches ≥ 25%:");
    expect(html).toContain("<svg ");
    expect(html).toContain("not a prediction");
  });

  it("gives a comparison's bundle with the difference table, the event shifts and both charts", () => {
    const c = compareSync("baseline", "no-pledge", { runs: 60, seed: 1, horizonMonths: 18 });
    const bundle = (c as unknown as Record<symbol, () => Record<string, string>>)[DISPLAY]!();
    expect(bundle["text/plain"]).toBe(String(c));
    expect(bundle["image/svg+xml"]).toBe(c.toSVG("occupiedShare"));
    const html = bundle["text/html"]!;
    expect(html).toContain("<strong>no-pledge minus baseline</strong>, path by path: 60 paired runs");
    expect(html).toMatch(/<td[^>]*>−\d+k \[−\d+k to −\d+(\.\d)?k\]<\/td>/); // DPRK in theatre, fewer without the wave
    expect(html).toContain("Paired shift (median [90% band])");
    expect(html.match(/<svg /g)).toHaveLength(2);
  });

  it("has a short util.inspect form that never prints the samples", () => {
    const text = inspect(projection);
    expect(text).toMatch(/^Projection\(baseline, 100 runs, 30 months from 2025-07-01, seed 1; occupied at 2027-12-31: /);
    expect(text.length).toBeLessThan(200);
    expect(text).not.toMatch(/Float(32|64)Array/);
    expect(inspect({ projection }, { depth: 5 })).not.toMatch(/Float(32|64)Array/);
  });
});
