import { articleFacts } from "./article.js";
import { articleScenario } from "./article-scenario.js";
import type { Provenance } from "./provenance.js";
import { SHIPPED_POSTERIOR_INFO } from "./shipped-posterior-info.js";

const assumption = (note: string): Provenance => ({ source: "assumption", note });

/**
 * The fitted parameters of `baseline`, each at the posterior draws' median with the posterior as
 * its provenance. The draws set them path by path (engine/posterior.ts); these values are what the
 * parameter table and the scenario file show, and what an override is told apart from (parse.ts).
 */
function fittedParameters(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  SHIPPED_POSTERIOR_INFO.parameters.forEach((path, k) => {
    const [block, key] = path.split(".") as [string, string];
    out[block] = {
      ...out[block],
      [key]: {
        value: SHIPPED_POSTERIOR_INFO.medians[k],
        provenance: {
          source: "data",
          file: "posterior-2025-06.json",
          note: `fitted by npm run fit to ${SHIPPED_POSTERIOR_INFO.sources.join(" and ")} ${SHIPPED_POSTERIOR_INFO.from} … ${SHIPPED_POSTERIOR_INFO.through}: each path takes a whole posterior draw; this is the draws' median (5–95%: ${SHIPPED_POSTERIOR_INFO.p5[k]} … ${SHIPPED_POSTERIOR_INFO.p95[k]})`,
        },
      },
    };
  });
  return out;
}

/** A scenario as a user writes it: plain JSON, optionally `extends` a preset with deep overrides. */
export type ScenarioFile = { extends?: string; [key: string]: unknown };

/**
 * The stable presets (DESIGN §4). Each but `article` is a one-line-per-change override of
 * another preset, resolved by `parseScenario`.
 *
 * `article` is the article's figures as stated; `baseline` is the forecast from the shipped data
 * (vintage 2025-06-30): the article's scenario whose paths each take one draw of the shipped
 * posterior — the fitted parameters and the filtered state at 2025-06 (engine/posterior.ts) — so
 * they start from where the data leave the war, not from the article's t0. A preset or file that
 * extends `baseline` and sets a fitted parameter sets it in every path, keeping each path's
 * state and other draws (an override, not a refit: parse.ts).
 */
export const presets = {
  article: articleScenario as ScenarioFile,
  baseline: {
    extends: "article",
    name: "baseline",
    description:
      "The forecast from the shipped data (to 2025-06-30): each path starts from a draw of the fitted posterior (its parameters and its filtered state at 2025-06), with the article's DPRK pledge wave (F1) and its other assumptions.",
    posterior: { kind: "shipped", name: SHIPPED_POSTERIOR_INFO.name, sha256: SHIPPED_POSTERIOR_INFO.sha256 },
    ...fittedParameters(),
  },
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
    extends: "article",
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
