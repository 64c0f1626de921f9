import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareSync } from "../../src/results/comparison.js";
import { simulateSync } from "../../src/results/simulate.js";
import { SERIES } from "../../src/engine/store.js";
import { OptionsError } from "../../src/util/errors.js";
import { fanChartSvg } from "../../src/output/fan-chart-svg.js";
import { PALETTE } from "../../src/output/svg-primitives.js";
import { countColor, decodePng, findChromium, luminanceVariance, renderSvgToPng } from "../helpers/chromium.js";

/**
 * A small XML well-formedness check (no DOM here): tags nest and close, attributes are quoted,
 * every `&` starts a known entity, no raw `<` in text. Returns the element names in order.
 */
function checkXml(text: string): string[] {
  const names: string[] = [];
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < text.length) {
    token.lastIndex = at;
    match = token.exec(text);
    if (!match) throw new Error(`not well-formed XML at ${at}: ${JSON.stringify(text.slice(at, at + 60))}`);
    const [whole, close, name, , selfClose, chars] = match;
    if (chars !== undefined) {
      for (const amp of chars.matchAll(/&[^;\s]*;?/g))
        if (!/^&(amp|lt|gt|quot|#39|#\d+);$/.test(amp[0])) throw new Error(`bad entity ${amp[0]}`);
    } else if (close) {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else {
      names.push(name!);
      if (!selfClose) stack.push(name!);
      for (const amp of whole.matchAll(/&[^;\s"]*;?/g))
        if (!/^&(amp|lt|gt|quot|#39|#\d+);$/.test(amp[0])) throw new Error(`bad entity in attribute: ${amp[0]}`);
    }
    at = token.lastIndex;
  }
  if (stack.length) throw new Error(`unclosed <${stack.join(">, <")}>`);
  return names;
}

describe("fan chart SVG", () => {
  const projection = simulateSync("baseline", { runs: 200, seed: 1, horizonMonths: 120, step: "month" });
  const svg = projection.toSVG();

  it("is a standalone, well-formed SVG document with a title and description for assistive technology", () => {
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="800" height="450" viewBox="0 0 800 450" role="img" aria-labelledby="(attrition-sim-[0-9a-f]{8})-title \1-desc"/,
    );
    const names = checkXml(svg);
    expect(names.slice(0, 3)).toEqual(["svg", "title", "desc"]);
    expect(svg).toContain("<title id=");
    expect(svg).toMatch(
      /<desc [^>]*>Median, 50% and 90% bands of 200 runs, seed 1\. baseline: median \d+\.\d% at 2025-07-31, \d+\.\d% at 2035-06-30; 90% band at the end \d+\.\d% to \d+\.\d%\.<\/desc>/,
    );
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("has a title, a dated x axis in years, a %-labelled y axis, the two bands, the median and a legend", () => {
    expect(svg).toContain(">Occupied share of Ukraine — baseline</text>");
    for (let year = 2026; year <= 2035; year += 1) expect(svg).toContain(`>${year}</text>`);
    expect(svg).toContain("Share of Ukraine&#39;s area, Crimea included (%)");
    expect(svg).toMatch(/>\d+%<\/text>/);
    expect(svg.match(/fill-opacity="0\.16" stroke="none"/g)).toHaveLength(1);
    expect(svg.match(/fill-opacity="0\.35" stroke="none"/g)).toHaveLength(1);
    expect(svg).toMatch(/<path d="M[\d.,L]+" fill="none" stroke="#1f5fa8" stroke-width="2\.25"/);
    for (const label of ["Median (baseline)", "50% of paths (25th–75th pct.)", "90% of paths (5th–95th pct.)"])
      expect(svg).toContain(`>${label}</text>`);
  });

  it("is deterministic: the same run gives the same bytes", () => {
    const again = simulateSync("baseline", { runs: 200, seed: 1, horizonMonths: 120, step: "month" }).toSVG();
    expect(again).toBe(svg);
    expect(projection.toSVG("occupiedShare")).toBe(svg);
    expect(projection.toSVG("russiaForce")).not.toBe(svg);
  });

  it("labels every series with its unit", () => {
    for (const name of SERIES) {
      const chart = projection.toSVG(name);
      checkXml(chart);
      expect(chart, name).toMatch(name === "occupiedShare" ? /\(%\)/ : /\((thousands|thousand km²)\)/);
    }
  });

  it("overlays several scenarios for a comparison, each in its own colour", () => {
    const c = compareSync("baseline", "no-pledge", { runs: 100, seed: 1, horizonMonths: 24 });
    const chart = c.toSVG("dprkForce");
    checkXml(chart);
    expect(chart).toContain(">DPRK troops in theatre — baseline vs no-pledge</text>");
    expect(chart).toMatch(new RegExp(`stroke="${PALETTE[0]}" stroke-width="2\\.25"`));
    expect(chart).toMatch(new RegExp(`stroke="${PALETTE[1]}" stroke-width="2\\.25"`));
    expect(chart).toContain(">no-pledge</text>");
    // 24 months: monthly ticks labelled YYYY-MM.
    expect(chart).toMatch(/>2026-01<\/text>/);
    const diff = c.toDifferenceSVG("dprkLosses");
    checkXml(diff);
    expect(diff).toContain("DPRK losses since the start: no-pledge minus baseline");
    expect(diff).toContain('stroke="#374151" stroke-width="1"'); // the zero line
  });

  it("draws a series that is constant up to rounding (a single run)", () => {
    const chart = compareSync("baseline", "baseline", { runs: 1, seed: 4, horizonMonths: 6, step: "month" }).toSVG("ukraineForce");
    checkXml(chart);
    expect(chart).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("escapes every text and drops characters XML forbids", () => {
    const hostile = simulateSync(
      { extends: "no-dprk", name: `</text><script>alert("x")</script> & \u0007` },
      { runs: 5, horizonMonths: 3 },
    );
    const chart = hostile.toSVG("ukraineForce", { title: "A <b>bold</b> title & more" });
    checkXml(chart);
    expect(chart).not.toContain("<script>");
    expect(chart).toContain("&lt;/text&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ");
    expect(chart).toContain(">A &lt;b&gt;bold&lt;/b&gt; title &amp; more</title>");
  });

  it("takes a size and refuses bad options and series with an OptionsError", () => {
    expect(projection.toSVG("occupiedShare", { width: 1200, height: 600 })).toMatch(
      /^<svg [^>]*width="1200" height="600" viewBox="0 0 1200 600"/,
    );
    expect(() => projection.toSVG("nope" as never)).toThrow(OptionsError);
    expect(() => projection.toSVG("occupiedShare", { width: 10 })).toThrow(/width: expected an integer from 320 to 4000, got 10/);
    expect(() => projection.toSVG("occupiedShare", { colour: "red" } as never)).toThrow(/colour: expected one of width, height, title/);
    expect(() => fanChartSvg([], "occupiedShare")).toThrow(/expected at least one projection/);
  });
});

const chromium = findChromium();

describe("fan chart seen in headless Chromium", () => {
  it.skipIf(!chromium)(
    `renders to an 800×450 PNG that is not blank${chromium ? "" : " (skipped: no chromium-headless-shell on PATH; .ci/run installs it)"}`,
    () => {
      const projection = simulateSync("baseline", { runs: 300, seed: 1, horizonMonths: 120, step: "month" });
      const svg = projection.toSVG("occupiedShare");
      const keep = process.env.ATTRITION_KEEP_PNG; // a folder, to look at the picture
      if (keep && !existsSync(keep)) mkdirSync(keep, { recursive: true });
      const bytes = renderSvgToPng(chromium!, svg, 800, 450, keep ? join(keep, "fan-chart.png") : undefined);
      if (keep) writeFileSync(join(keep, "fan-chart.svg"), svg);
      const png = decodePng(bytes);
      expect([png.width, png.height]).toEqual([800, 450]);
      const variance = luminanceVariance(png);
      // Measured: ≈1,170 (a blank page is 0; the chart is mostly white with bands and text).
      expect(variance).toBeGreaterThan(300);
      // The median line's colour and the 50% band's tint are on the picture.
      expect(countColor(png, PALETTE[0], 30)).toBeGreaterThan(500);
      expect(countColor(png, "#9ab4d7", 25)).toBeGreaterThan(5_000);
    },
    60_000,
  );
});
