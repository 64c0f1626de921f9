import { articleFacts } from "./article.js";
import { baselineScenario } from "./baseline.js";
import type { Provenance } from "./provenance.js";

const assumption = (note: string): Provenance => ({ source: "assumption", note });

/** A scenario as a user writes it: plain JSON, optionally `extends` a preset with deep overrides. */
export type ScenarioFile = { extends?: string; [key: string]: unknown };

/**
 * The stable presets (DESIGN §4). Each but `baseline` is a one-line-per-change override of
 * another preset, resolved by `parseScenario`.
 */
export const presets = {
  baseline: baselineScenario as ScenarioFile,
  "no-pledge": {
    extends: "baseline",
    name: "no-pledge",
    description: "Baseline without the F1 pledge wave: only the DPRK troops already in theatre (K0).",
    dprk: { waves: [] },
  },
  "no-dprk": {
    extends: "baseline",
    name: "no-dprk",
    description: "No DPRK troops at all: K0 = 0, no pledge wave, no further waves.",
    dprk: {
      initialForce: { value: 0, provenance: assumption("counterfactual: no DPRK troops") },
      waves: [],
    },
  },
  "dprk-waves": {
    extends: "baseline",
    name: "dprk-waves",
    description: "Baseline plus further stochastic DPRK waves (F16).",
    dprk: {
      furtherWaves: {
        ratePerYear: {
          dist: "uniform",
          min: 0.25,
          max: 1.5,
          provenance: { source: "article", id: "F16", note: "'wave after wave'; the rate per year is an assumption" },
        },
      },
    },
  },
  "ceasefire-pressure": {
    extends: "baseline",
    name: "ceasefire-pressure",
    description: "US pressure bears fruit more often (F18): a higher ceasefire hazard that rises with stalemate.",
    ceasefire: {
      hazardPerMonth: {
        dist: "uniform",
        min: 0.01,
        max: 0.05,
        provenance: { source: "article", id: "F18", note: "pressure might bear fruit; the rate is an assumption" },
      },
      hazardPerStalemateMonth: {
        dist: "uniform",
        min: 0,
        max: 0.01,
        provenance: assumption("war-weariness: each month of stalemate adds to the hazard"),
      },
    },
  },
  "hindcast-2024-11": {
    extends: "baseline",
    name: "hindcast-2024-11",
    description: "Starts 2024-12-01 from the November 2024 estimate (F7: 600k) to check the model against 2025-H1 data.",
    start: "2024-12-01",
    territory: {
      initialOccupiedKm2: { value: 114_884.2, provenance: { source: "data", file: "occupied_area_isw_monthly.csv", note: "2024-11-30" } },
    },
    russia: {
      initialForce: {
        value: articleFacts.F6.value - articleFacts.F7.value,
        provenance: { source: "article", id: "F7", note: "640k − 40k = 600k in November 2024" },
      },
    },
    dprk: {
      initialForce: { value: articleFacts.F2.value, provenance: { source: "article", id: "F2" } },
      waves: [
        {
          name: "reinforcement-2025",
          size: {
            dist: "uniform",
            min: 1_000,
            max: 4_000,
            provenance: { source: "data", file: "recruitment_and_dprk_claims.csv", note: "1–3k (media) to 3–4k (NIS) more in early 2025" },
          },
          arrivalStart: "2025-01-15",
          arrivalEnd: "2025-02-28",
        },
      ],
    },
    ceasefire: {
      hazardPerMonth: { value: 0, provenance: assumption("no ceasefire happened in the hindcast window") },
    },
  },
} satisfies Record<string, ScenarioFile>;

export type PresetName = keyof typeof presets;
export const presetNames = Object.keys(presets) as PresetName[];
