import { describe, it, expect } from "vitest";
import { createStream } from "../../src/engine/rng.js";
import {
  distSpecSchema,
  mean,
  median,
  normalCdf,
  normalQuantile,
  quantile,
  sample,
  support,
  variance,
  type DistSpec,
} from "../../src/scenario/distributions.js";
import { betaQuantile, erfc, lnBeta, regularizedBeta } from "../../src/util/special-functions.js";

// ---------------------------------------------------------------------------------------------
// Independent references, written from textbook formulas — they share no code with src/, so a
// wrong quantile or moment formula in src/ cannot be hidden by the same mistake here.
// ---------------------------------------------------------------------------------------------

/** Composite Simpson rule of f on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 20_000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}
const gaussDensity = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
/** Φ(x) by quadrature of the density. */
const refPhi = (x: number) => (x < 0 ? simpson(gaussDensity, -14, x) : 1 - simpson(gaussDensity, x, 14));
const Z95 = 1.6448536269514722; // Φ⁻¹(0.95), tables

interface Reference {
  name: string;
  spec: DistSpec;
  mean: number;
  variance: number;
  cdf: (x: number) => number;
  /** Accuracy of `cdf` itself (quadrature error). */
  cdfTolerance: number;
}

function truncatedNormalRef(name: string, m: number, s: number, lo: number, hi: number): Reference {
  const density = (x: number) => gaussDensity((x - m) / s) / s;
  const mass = simpson(density, lo, hi, 40_000);
  const refMean = simpson((x) => x * density(x), lo, hi, 40_000) / mass;
  const refVar = simpson((x) => (x - refMean) ** 2 * density(x), lo, hi, 40_000) / mass;
  const spec: DistSpec =
    Number.isFinite(hi - m - 14 * s) && hi < m + 14 * s
      ? { dist: "normal", mean: m, sd: s, min: lo, max: hi }
      : { dist: "normal", mean: m, sd: s, min: lo };
  return { name, spec, mean: refMean, variance: refVar, cdf: (x) => simpson(density, lo, x) / mass, cdfTolerance: 1e-8 };
}

function betaRef(name: string, a: number, b: number, lo: number, hi: number, spec: DistSpec, tol: number): Reference {
  const kernel = (x: number) => (x <= 0 || x >= 1 ? 0 : x ** (a - 1) * (1 - x) ** (b - 1));
  const norm = simpson(kernel, 0, 1, 200_000);
  const w = hi - lo;
  return {
    name,
    spec,
    mean: lo + (w * a) / (a + b),
    variance: (w * w * a * b) / ((a + b) ** 2 * (a + b + 1)),
    cdf: (x) => simpson(kernel, 0, (x - lo) / w, 200_000) / norm,
    cdfTolerance: tol,
  };
}

function pertRef(name: string, min: number, mode: number, max: number, lambda?: number): Reference {
  const l = lambda ?? 4;
  const mu = (min + l * mode + max) / (l + 2); // (min + 4·mode + max)/6 for λ = 4
  const spec: DistSpec = lambda === undefined ? { dist: "pert", min, mode, max } : { dist: "pert", min, mode, max, lambda };
  const a = 1 + (l * (mode - min)) / (max - min);
  const b = 1 + (l * (max - mode)) / (max - min);
  // textbook PERT variance (μ − min)(max − μ)/(λ + 3)
  return { ...betaRef(name, a, b, min, max, spec, 1e-6), mean: mu, variance: ((mu - min) * (max - mu)) / (l + 3) };
}

function lognormalRef(name: string, spec: DistSpec, mu: number, sigma: number): Reference {
  return {
    name,
    spec,
    mean: Math.exp(mu + (sigma * sigma) / 2),
    variance: (Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma),
    cdf: (x) => refPhi((Math.log(x) - mu) / sigma),
    cdfTolerance: 1e-9,
  };
}

const references: Reference[] = [
  {
    name: "uniform",
    spec: { dist: "uniform", min: -2, max: 5 },
    mean: 1.5,
    variance: 49 / 12,
    cdf: (x) => (x + 2) / 7,
    cdfTolerance: 1e-14,
  },
  {
    name: "triangular",
    spec: { dist: "triangular", min: 1, mode: 2, max: 6 },
    mean: 3,
    variance: (1 + 36 + 4 - 6 - 2 - 12) / 18,
    cdf: (x) => (x <= 2 ? (x - 1) ** 2 / ((6 - 1) * (2 - 1)) : 1 - (6 - x) ** 2 / ((6 - 1) * (6 - 2))),
    cdfTolerance: 1e-14,
  },
  {
    name: "normal",
    spec: { dist: "normal", mean: 10, sd: 3 },
    mean: 10,
    variance: 9,
    cdf: (x) => refPhi((x - 10) / 3),
    cdfTolerance: 1e-9,
  },
  truncatedNormalRef("truncated normal [8, 20]", 10, 3, 8, 20),
  truncatedNormalRef("truncated normal, far upper tail [2.5, ∞)", 0, 1, 2.5, 16.5),
  lognormalRef("lognormal (mu, sigma)", { dist: "lognormal", mu: 1, sigma: 0.4 }, 1, 0.4),
  lognormalRef("lognormal (median, sigma)", { dist: "lognormal", median: 30_000, sigma: 0.3 }, Math.log(30_000), 0.3),
  lognormalRef(
    "lognormal (p5, p95)",
    { dist: "lognormal", p5: 20_000, p95: 45_000 },
    (Math.log(20_000) + Math.log(45_000)) / 2,
    Math.log(45_000 / 20_000) / (2 * Z95),
  ),
  pertRef("pert (λ = 4 default)", 0, 1, 4),
  pertRef("pert (λ = 2)", 10, 30, 40, 2),
  betaRef("beta(2, 5) on [0, 1]", 2, 5, 0, 1, { dist: "beta", alpha: 2, beta: 5 }, 1e-9),
  betaRef("beta(2.5, 1.5) on [100, 300]", 2.5, 1.5, 100, 300, { dist: "beta", alpha: 2.5, beta: 1.5, min: 100, max: 300 }, 1e-6),
  {
    name: "beta(0.5, 0.5) (arcsine, U-shaped)",
    spec: { dist: "beta", alpha: 0.5, beta: 0.5 },
    mean: 0.5,
    variance: 1 / 8,
    cdf: (x) => (2 / Math.PI) * Math.asin(Math.sqrt(x)),
    cdfTolerance: 1e-14,
  },
];

const N = 100_000;

describe("distributions: 10^5 draws against closed forms", () => {
  // Tolerances: sample mean within 4 standard errors √(Var/N); sample variance within 3% of the
  // closed form (≥ 3.4 standard errors for every case here); the empirical CDF at quantile(p)
  // within p ± 0.01 for p = 0.1 and 0.9; the quantile itself checked against an independent CDF.
  for (const ref of references) {
    describe(ref.name, () => {
      const stream = createStream(20_250_701, "test", ref.name);
      const draws = Float64Array.from({ length: N }, () => sample(ref.spec, stream));
      const sampleMean = draws.reduce((s, x) => s + x, 0) / N;
      const sampleVar = draws.reduce((s, x) => s + (x - sampleMean) ** 2, 0) / (N - 1);

      it("spec is valid", () => expect(distSpecSchema.parse(ref.spec)).toEqual(ref.spec));

      it("mean() and variance() equal the textbook closed forms", () => {
        expect(mean(ref.spec)).toBeCloseTo(ref.mean, 9 - Math.ceil(Math.log10(Math.abs(ref.mean) + 1)));
        expect(Math.abs(variance(ref.spec) / ref.variance - 1)).toBeLessThan(1e-8);
      });

      it("sample mean within 4 standard errors, sample variance within 3%", () => {
        expect(Math.abs(sampleMean - ref.mean)).toBeLessThan(4 * Math.sqrt(ref.variance / N));
        expect(Math.abs(sampleVar / ref.variance - 1)).toBeLessThan(0.03);
      });

      it("empirical CDF at quantile(0.1) and quantile(0.9) within ±0.01", () => {
        for (const p of [0.1, 0.9]) {
          const q = quantile(ref.spec, p);
          const below = draws.reduce((count, x) => count + (x <= q ? 1 : 0), 0) / N;
          expect(Math.abs(below - p)).toBeLessThan(0.01);
        }
      });

      it("quantile inverts an independent CDF", () => {
        for (const p of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
          expect(Math.abs(ref.cdf(quantile(ref.spec, p)) - p)).toBeLessThan(ref.cdfTolerance + 1e-9);
        }
      });

      it("quantile is non-decreasing; draws stay inside support(); median = quantile(½)", () => {
        let previous = -Infinity;
        for (let i = 1; i < 1000; i++) {
          const q = quantile(ref.spec, i / 1000);
          expect(q).toBeGreaterThanOrEqual(previous);
          previous = q;
        }
        const [lo, hi] = support(ref.spec);
        expect(draws.every((x) => x >= lo && x <= hi && Number.isFinite(x))).toBe(true);
        expect(median(ref.spec)).toBe(quantile(ref.spec, 0.5));
      });
    });
  }

  it("fixed: every draw is the value; mean = value, variance = 0", () => {
    const spec: DistSpec = { dist: "fixed", value: 7 };
    const stream = createStream(1, "fixed");
    for (let i = 0; i < 1000; i++) expect(sample(spec, stream)).toBe(7);
    expect([mean(spec), variance(spec), median(spec)]).toEqual([7, 0, 7]);
    expect(support(spec)).toEqual([7, 7]);
  });

  it("sample consumes exactly one uniform per draw", () => {
    const spec: DistSpec = { dist: "pert", min: 0, mode: 1, max: 4 };
    const a = createStream(9, "one-uniform");
    const b = createStream(9, "one-uniform");
    for (let i = 0; i < 100; i++) expect(sample(spec, a)).toBe(quantile(spec, b()));
  });

  it("support() of unbounded kinds", () => {
    expect(support({ dist: "normal", mean: 0, sd: 1 })).toEqual([-Infinity, Infinity]);
    expect(support({ dist: "normal", mean: 0, sd: 1, min: -1 })).toEqual([-1, Infinity]);
    expect(support({ dist: "lognormal", mu: 0, sigma: 1 })).toEqual([0, Infinity]);
  });
});

describe("normal CDF and quantile", () => {
  const grid = [
    1e-12,
    1e-10,
    1e-8,
    1e-6,
    1e-4,
    0.001,
    0.01,
    0.025,
    0.1,
    0.2,
    0.3,
    0.4,
    0.425,
    0.5,
    0.575,
    0.6,
    0.75,
    0.9,
    0.975,
    0.99,
    0.999,
    1 - 1e-6,
    1 - 1e-9,
    1 - 1e-12,
  ];

  it("normalCdf(normalQuantile(p)) = p within 1e-9 (and within 1e-9 relative for p ≤ ½)", () => {
    for (const p of grid) {
      const back = normalCdf(normalQuantile(p));
      expect(Math.abs(back - p)).toBeLessThan(1e-9);
      if (p <= 0.5) expect(Math.abs(back / p - 1)).toBeLessThan(1e-9);
    }
  });

  it("normalQuantile(normalCdf(x)) = x within 1e-9 for −8 ≤ x ≤ 3 (above, Φ(x) rounds toward 1)", () => {
    for (let x = -8; x <= 3; x += 0.125) {
      expect(Math.abs(normalQuantile(normalCdf(x)) - x)).toBeLessThan(1e-9);
    }
  });

  it("matches tabulated values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.95)).toBeCloseTo(Z95, 13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 15);
    expect(normalCdf(-10) / 7.61985302416e-24 - 1).toBeLessThan(1e-10);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(NaN)).toThrow(RangeError);
  });

  it("lognormal from a 90% interval reproduces it: quantile(0.05) = p5, quantile(0.95) = p95", () => {
    for (const [p5, p95] of [
      [20_000, 45_000],
      [0.1, 10],
      [5, 10],
    ] as const) {
      const spec: DistSpec = { dist: "lognormal", p5, p95 };
      expect(quantile(spec, 0.05) / p5 - 1).toBeCloseTo(0, 12);
      expect(quantile(spec, 0.95) / p95 - 1).toBeCloseTo(0, 12);
      expect(median(spec)).toBeCloseTo(Math.sqrt(p5 * p95), 9);
    }
  });

  it("truncated normal quantile stays within its bounds, also far out in a tail", () => {
    const spec: DistSpec = { dist: "normal", mean: 0, sd: 1, min: 5, max: 6 };
    expect(quantile(spec, 0)).toBeCloseTo(5, 9);
    expect(quantile(spec, 1)).toBeCloseTo(6, 9);
    // for a far tail, Z·(1 − F) ≈ φ(x)/x: median of N(0,1) | x ≥ 5 is ≈ 5 + ln 2/5.2
    const tail: DistSpec = { dist: "normal", mean: 0, sd: 1, min: 5 };
    expect(Math.abs(normalCdf(-quantile(tail, 0.5)) / normalCdf(-5) - 0.5)).toBeLessThan(1e-9);
  });
});

describe("inverse regularized incomplete beta", () => {
  const shapes = [
    [0.1, 0.1],
    [0.5, 0.5],
    [1, 1],
    [2, 5],
    [5, 2],
    [0.3, 4],
    [50, 80],
    [1.5, 0.2],
    [3, 1],
  ] as const;

  it("regularizedBeta(betaQuantile(p)) = p to 1e-10 relative for p ≤ ½", () => {
    for (const [a, b] of shapes) {
      for (const p of [1e-9, 0.001, 0.1, 0.3, 0.5]) {
        expect(Math.abs(regularizedBeta(betaQuantile(p, a, b), a, b) / p - 1)).toBeLessThan(1e-10);
      }
    }
  });

  it("upper half: |I_x − p| within 1e-11 plus the density times the rounding of x near 1", () => {
    for (const [a, b] of shapes) {
      for (const p of [0.7, 0.9, 0.99, 0.999999]) {
        const x = betaQuantile(p, a, b);
        const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnBeta(a, b));
        expect(Math.abs(regularizedBeta(x, a, b) - p)).toBeLessThan(1e-11 + density * 2.3e-16);
      }
    }
  });

  it("closed forms: Beta(1, b) quantile is 1 − (1 − p)^(1/b); Beta(a, 1) is p^(1/a)", () => {
    for (const p of [0.05, 0.3, 0.7, 0.95]) {
      expect(betaQuantile(p, 1, 3)).toBeCloseTo(1 - (1 - p) ** (1 / 3), 12);
      expect(betaQuantile(p, 2.5, 1)).toBeCloseTo(p ** (1 / 2.5), 12);
    }
  });
});

describe("distSpecSchema", () => {
  const reject = (input: unknown) => {
    const result = distSpecSchema.safeParse(input);
    expect(result.success).toBe(false);
    return result.error!.issues[0]!;
  };

  it("accepts valid specs of every kind", () => {
    for (const spec of [
      { dist: "fixed", value: 3 },
      { dist: "uniform", min: 0, max: 1 },
      { dist: "triangular", min: 0, mode: 0, max: 1 },
      { dist: "normal", mean: 0, sd: 1, min: -3 },
      { dist: "normal", mean: 0, sd: 1, max: 5 },
      { dist: "lognormal", mu: 0, sigma: 1 },
      { dist: "lognormal", median: 5, sigma: 1 },
      { dist: "lognormal", p5: 5, p95: 10 },
      { dist: "pert", min: 0, mode: 4, max: 4, lambda: 6 },
      { dist: "beta", alpha: 1, beta: 1, min: -1 },
      { dist: "beta", alpha: 1, beta: 1, max: 2 },
    ]) {
      expect(distSpecSchema.safeParse(spec).success, JSON.stringify(spec)).toBe(true);
    }
  });

  it.each([
    ["min ≥ max (uniform)", { dist: "uniform", min: 3, max: 1 }, "max", "expected > min (3), got 1"],
    ["min = max (uniform)", { dist: "uniform", min: 2, max: 2 }, "max", "expected > min (2), got 2"],
    ["min = max (pert)", { dist: "pert", min: 2, mode: 2, max: 2 }, "max", "expected > min (2), got 2"],
    ["mode > max (triangular)", { dist: "triangular", min: 0, mode: 5, max: 4 }, "mode", "expected ≤ max (4), got 5"],
    ["mode < min (pert)", { dist: "pert", min: 1, mode: 0, max: 4 }, "mode", "expected ≥ min (1), got 0"],
    ["min ≥ max (truncated normal)", { dist: "normal", mean: 0, sd: 1, min: 1, max: 1 }, "max", "expected > min (1), got 1"],
    ["p5 > p95", { dist: "lognormal", p5: 50, p95: 10 }, "p95", "expected > p5 (50), got 10"],
    ["p5 ≤ 0", { dist: "lognormal", p5: 0, p95: 10 }, "p5", "expected > 0, got 0"],
    ["sd = 0", { dist: "normal", mean: 0, sd: 0 }, "sd", "expected > 0, got 0"],
    ["sd < 0", { dist: "normal", mean: 0, sd: -1 }, "sd", "expected > 0, got -1"],
    ["sigma ≤ 0", { dist: "lognormal", mu: 0, sigma: 0 }, "sigma", "expected > 0, got 0"],
    ["median ≤ 0", { dist: "lognormal", median: -2, sigma: 1 }, "median", "expected > 0, got -2"],
    ["alpha ≤ 0", { dist: "beta", alpha: 0, beta: 1 }, "alpha", "expected > 0, got 0"],
    ["lambda ≤ 0", { dist: "pert", min: 0, mode: 1, max: 2, lambda: 0 }, "lambda", "expected > 0, got 0"],
    ["NaN", { dist: "normal", mean: NaN, sd: 1 }, "mean", "expected a finite number, got NaN"],
    ["Infinity", { dist: "uniform", min: 0, max: Infinity }, "max", "expected a finite number, got Infinity"],
    ["-Infinity", { dist: "fixed", value: -Infinity }, "value", "expected a finite number, got -Infinity"],
    ["a string number", { dist: "fixed", value: "5" }, "value", 'expected a finite number, got "5"'],
    ["a missing field", { dist: "uniform", min: 1 }, "max", "expected a finite number, got nothing"],
    ["an unknown key", { dist: "fixed", value: 1, vlaue: 2 }, "", 'expected only the keys dist, value, got "vlaue"'],
    [
      "an unknown key (lognormal)",
      { dist: "lognormal", mu: 1, sigma: 1, sd: 2 },
      "",
      'expected only the keys dist, mu, median, sigma, p5, p95, got "sd"',
    ],
    [
      "an unknown dist",
      { dist: "gamma", shape: 2 },
      "dist",
      'expected one of "fixed", "uniform", "triangular", "normal", "lognormal", "pert", "beta", got "gamma"',
    ],
    [
      "no dist",
      { value: 2 },
      "dist",
      'expected one of "fixed", "uniform", "triangular", "normal", "lognormal", "pert", "beta", got nothing',
    ],
    [
      "mixed lognormal forms",
      { dist: "lognormal", mu: 1, sigma: 1, p5: 1 },
      "",
      "expected one of { mu, sigma }, { median, sigma } or { p5, p95 }, got { mu, sigma, p5 }",
    ],
    [
      "incomplete lognormal",
      { dist: "lognormal", p5: 1 },
      "",
      "expected one of { mu, sigma }, { median, sigma } or { p5, p95 }, got { p5 }",
    ],
    ["beta min ≥ default max", { dist: "beta", alpha: 2, beta: 2, min: 1.5 }, "min", "expected < max (1, the default), got 1.5"],
    ["beta max ≤ default min", { dist: "beta", alpha: 2, beta: 2, max: -1 }, "max", "expected > min (0, the default), got -1"],
  ])("rejects %s", (_name, input, path, message) => {
    const issue = reject(input);
    expect(issue.path.join(".")).toBe(path);
    expect(issue.message).toBe(message);
  });

  it("infers precise types: each lognormal form is its own member of DistSpec", () => {
    const forms: DistSpec[] = [
      { dist: "lognormal", mu: 0, sigma: 1 },
      { dist: "lognormal", median: 1, sigma: 1 },
      { dist: "lognormal", p5: 1, p95: 2 },
      // @ts-expect-error — mu without sigma is not a lognormal form
      { dist: "lognormal", mu: 0 },
    ];
    expect(forms.map((f) => distSpecSchema.safeParse(f).success)).toEqual([true, true, true, false]);
  });

  it("rejects a truncation interval with negligible probability", () => {
    const issue = reject({ dist: "normal", mean: 0, sd: 1, min: 7 });
    expect(issue.path).toEqual(["min"]);
    expect(issue.message).toMatch(/^expected a truncation interval holding ≥ 1e-9 of the normal's probability, got 1\.2\d*e-12$/);
    expect(distSpecSchema.safeParse({ dist: "normal", mean: 0, sd: 1, min: 5 }).success).toBe(true);
  });

  it("rejects parameters whose mean or variance overflow", () => {
    expect(reject({ dist: "lognormal", mu: 0, sigma: 40 }).message).toMatch(/^expected parameters giving a finite mean and variance, got /);
    expect(reject({ dist: "uniform", min: -1e308, max: 1e308 }).message).toMatch(/finite mean and variance/);
  });

  it("rejects what is not a distribution object", () => {
    for (const input of ["normal", 5, null, [1, 2]]) {
      expect(reject(input).message).toMatch(/^expected a distribution object such as .*, got /);
    }
  });

  it("reports every problem as `expected …, got …`", () => {
    const result = distSpecSchema.safeParse({ dist: "triangular", min: "a", mode: NaN, max: Infinity, extra: 1 });
    expect(result.success).toBe(false);
    for (const issue of result.error!.issues) expect(issue.message).toMatch(/^expected .+, got .+$/);
  });
});
