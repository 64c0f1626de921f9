import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const tsx = join(root, "node_modules", ".bin", "tsx");

/** Run `npx tsx examples/<name>.ts` with few paths (ATTRITION_RUNS) and capture its output. */
function runExample(name: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [join("examples", `${name}.ts`), ...args], {
      cwd: root,
      env: { ...process.env, ATTRITION_RUNS: "50", NO_COLOR: "1" },
    });
    let stdout = "",
      stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// Each example as a user runs it, with 50 paths; started together, checked one by one.
const runs = {
  baseline: runExample("baseline"),
  "dprk-pledge": runExample("dprk-pledge"),
  "time-to-capture": runExample("time-to-capture"),
  "custom-scenario": runExample("custom-scenario"),
  "long-horizon": runExample("long-horizon"),
  "score-a-forecast": runExample("score-a-forecast"),
  "forecast-from-latest": runExample("forecast-from-latest"),
};

async function ok(name: keyof typeof runs): Promise<string> {
  const r = await runs[name];
  expect(r.stderr, name).toBe("");
  expect(r.code, name).toBe(0);
  return r.stdout;
}

describe("examples (npx tsx examples/<name>.ts, ATTRITION_RUNS=50)", () => {
  it("baseline: the projection, a probability and the time to 25%", async () => {
    const out = await ok("baseline");
    expect(out).toMatch(/^Projection\(baseline, 50 runs, 120 months from 2025-07-01, seed 1;/);
    expect(out).toMatch(/^2030-12 +\d+\.\d% \[\d+\.\d%–\d+\.\d%\] +\d+k +\d+k$/m);
    expect(out).toMatch(/P\(occupied share ≥ 25% by 2030-12-31\) = \d+\.\d% ± \d+\.\d%/);
  });

  it("dprk-pledge: the paired effect of the F1 wave", async () => {
    const out = await ok("dprk-pledge");
    expect(out).toMatch(/^Comparison\(no-pledge minus baseline, 50 paired runs/);
    expect(out).toMatch(/DPRK casualties +2026-12: −\d+\.\dk \[/);
    expect(out).toMatch(/P\(never\) \d+\.\d% → \d+\.\d%/);
  });

  it("time-to-capture: the article's 83-year straight line, then the distribution", async () => {
    const out = await ok("time-to-capture");
    expect(out).toMatch(/Straight line \(F12\), from 20%: +median 8[23]\.\d years/);
    expect(out).toMatch(/Baseline, regimes and ceasefire: +median .*P\(not within 100 years\) \d+\.\d%/);
    expect(out).toMatch(/Baseline, no ceasefire/);
  });

  it("custom-scenario: a JSON file with extends and unit strings", async () => {
    const out = await ok("custom-scenario");
    expect(out).toContain("Scenario cheaper-recruits:");
    expect(out).toContain("russia.recruitmentCapacityPerMonth = 33,481 (user)");
    expect(out).toMatch(/^Comparison\(cheaper-recruits minus baseline, 50 paired runs/m);
  });

  it("long-horizon: 50 years with the month step", async () => {
    const out = await ok("long-horizon");
    expect(out).toMatch(/^Projection\(dprk-waves, 50 runs, 600 months/);
    expect(out).toMatch(/^2075-06 +\d+\.\d% \[/m);
    expect(out).toMatch(/step: month$/m);
  });

  it("score-a-forecast: a user's samples scored, then the same forecast in the league", async () => {
    const out = await ok("score-a-forecast");
    expect(out).toMatch(/^My forecast of the occupied area \(km²\), 3 months ahead, origins 2024-01 … 2024-12:$/m);
    expect(out).toMatch(/^2024-06 +2024-09 +113,680 +[\d,]+ \[[\d,]+–[\d,]+\] +\d+ +\d+ +(yes|no) +0\.\d\d$/m);
    expect(out).toMatch(/^Mean CRPS \d+ km², mean WIS \d+ km²; coverage \d+% \(50% band\), \d+% \(90% band\); mean bias -?\d\.\d\d$/m);
    expect(out).toMatch(/^PIT histogram \(4 bins\): \d+ \d+ \d+ \d+; chi-square p = \d\.\d\d/m);
    expect(out).toMatch(
      /^In the league \(12 origins, 3 months ahead\): mean WIS \d+ km², relative WIS \d\.\d\d against the best baseline, .+ \(\d+ km²\)$/m,
    );
    expect(out).toMatch(/^Lower WIS than it at \d+ of 12 origins; Diebold–Mariano \(lag 2\) p = \d\.\d\d$/m);
  });

  it("forecast-from-latest: the forecast from the shipped data, then one from 2024-12 beside what was observed", async () => {
    const out = await ok("forecast-from-latest");
    expect(out).toMatch(/^Forecast from 2025-06 \(isw, claims, economist, pointEstimates; parameters: shipped\):$/m);
    expect(out).toMatch(/^ {2}2025-12 {2}ISW area [\d,]+ km² \[90%: [\d,]+–[\d,]+\]$/m);
    // The look back re-infers θ on the data to 2024-12 (a small tempered SMC at ATTRITION_RUNS=50).
    expect(out).toMatch(/^Forecast from 2024-12 \(θ refit by tempered SMC on 2023-01 … 2024-12 .*: 26 θ particles from the prior/m);
    expect(out).toMatch(
      /^ {2}2025-06 {2}area observed 117,718, median [\d,]+ \((inside|outside) the 90% band\); claims observed 1,020,010, median [\d,]+ \((inside|outside)\)$/m,
    );
  });
});
