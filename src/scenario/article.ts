import type { ArticleFactId } from "./provenance.js";

/**
 * The figures of the source article (July 2025), paraphrased, each under its ID from
 * ARTICLE_FACTS.md. Values are the article's; "derived" notes are our arithmetic.
 */
export interface ArticleFact {
  id: ArticleFactId;
  /** Our paraphrase of what the article says. */
  summary: string;
  /** The figure itself, where it is a number (low/high for a range). */
  value?: number;
  low?: number;
  high?: number;
  unit?: string;
}

const fact = <const F extends ArticleFact>(f: F): F => f;

/** F1–F19: the article's figures, typed and cited. F20 names the three headline checks. */
export const articleFacts = {
  F1: fact({
    id: "F1",
    summary: "DPRK pledged (early July 2025) a further 25–30k troops, two or three divisions, to arrive within months",
    low: 25_000,
    high: 30_000,
    unit: "people",
  }),
  F2: fact({
    id: "F2",
    summary: "The first DPRK contingent, in autumn 2024, numbered somewhat over ten thousand",
    value: 11_000,
    low: 10_000,
    high: 12_000,
    unit: "people",
  }),
  F3: fact({
    id: "F3",
    summary: "About two in five of the first ten thousand DPRK troops were killed or injured",
    value: 0.4,
    unit: "share",
  }),
  F4: fact({ id: "F4", summary: "DPRK troops are likely used as expendable spearheads, so they take a higher share of casualties" }),
  F5: fact({ id: "F5", summary: "DPRK also delivered about twelve million 152-mm artillery shells", value: 12_000_000, unit: "rounds" }),
  F6: fact({ id: "F6", summary: "In June 2025 roughly 640k Russian soldiers were fighting in Ukraine", value: 640_000, unit: "people" }),
  F7: fact({
    id: "F7",
    summary: "That is 40k more than a November 2024 estimate (about 600k): net growth of about 5.7k per month",
    value: 40_000,
    unit: "people",
  }),
  F8: fact({
    id: "F8",
    summary: "Russian killed, captured, wounded or missing since February 2022: about 970k",
    value: 970_000,
    unit: "people",
  }),
  F9: fact({
    id: "F9",
    summary: "Killed or injured: Russia close to one million, Ukraine about 400k",
    low: 400_000,
    high: 1_000_000,
    unit: "people",
  }),
  F10: fact({
    id: "F10",
    summary: "Russian soldiers are killed or wounded at close to 2.5 times the Ukrainian rate",
    value: 2.5,
    unit: "ratio",
  }),
  F11: fact({ id: "F11", summary: "In February 2025 Russia held about a fifth of Ukraine (ISW)", value: 0.2, unit: "share" }),
  F12: fact({
    id: "F12",
    summary: "At the current pace the remaining 80% would take more than 83 years to capture (ISW)",
    value: 83,
    unit: "years",
  }),
  F13: fact({
    id: "F13",
    summary: "Summer is the operational window; winter largely pauses kinetic operations; offensives expected again in spring 2026",
  }),
  F14: fact({ id: "F14", summary: "Defence needs fewer troops than attack, and Ukraine's defenders are more committed" }),
  F15: fact({
    id: "F15",
    summary: "DPRK's army in 2023: about 1.28M active and 3M reserve personnel",
    value: 1_280_000,
    high: 3_000_000,
    unit: "people",
  }),
  F16: fact({ id: "F16", summary: "More DPRK waves of tens of thousands are plausible: possibly wave after wave" }),
  F17: fact({ id: "F17", summary: "Russia seeks a bigger breakthrough than so far achieved, prepared by massive strikes" }),
  F18: fact({ id: "F18", summary: "Putin rejects a ceasefire short of Ukrainian surrender; US pressure might still work" }),
  F19: fact({
    id: "F19",
    summary: "In one month 728 drones and 13 ballistic missiles were launched at Kyiv (context only)",
    low: 13,
    high: 728,
    unit: "drones / missiles",
  }),
  F20: fact({
    id: "F20",
    summary: "The three headline projections: exchange ratio about 2.5, 83 years at the current pace, about 40% DPRK casualties",
  }),
} as const satisfies Record<ArticleFactId, ArticleFact>;

/** Ukraine's total area, km² (Crimea included): the denominator of the ISW series in data/. */
export const UKRAINE_AREA_KM2 = 603_628;

/** Days in the model's month (mathjs: a year of 365.25 days / 12). */
export const DAYS_PER_MONTH = 30.4375;

/**
 * F11/F12: the straight-line offensive pace, km² per month — 80% of Ukraine in 83 years.
 * 0.8 · 603,628 / (83 · 12) ≈ 484.8 km²/month.
 */
export const ARTICLE_PACE_KM2_PER_MONTH = ((1 - articleFacts.F11.value) * UKRAINE_AREA_KM2) / (articleFacts.F12.value * 12);

/** F6/F7: the Russian force's net growth Nov 2024 → Jun 2025 (7 months), people per month. */
export const RUSSIA_NET_GROWTH_PER_MONTH = articleFacts.F7.value / 7;
