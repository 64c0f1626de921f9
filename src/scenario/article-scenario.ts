import { ARTICLE_PACE_KM2_PER_MONTH, articleFacts, RUSSIA_NET_GROWTH_PER_MONTH, UKRAINE_AREA_KM2 } from "./article.js";
import type { ArticleFactId, Provenance } from "./provenance.js";
import type { ScenarioInput } from "./schema.js";

const article = (id: ArticleFactId, note?: string): Provenance => (note ? { source: "article", id, note } : { source: "article", id });
const data = (file: string, note: string): Provenance => ({ source: "data", file, note });
const assumption = (note: string): Provenance => ({ source: "assumption", note });

const LOSSES = "russia_personnel_losses_monthly.csv";
const AREA = "occupied_area_isw_monthly.csv";
const CLAIMS = "recruitment_and_dprk_claims.csv";

/**
 * Claimed ÷ true Russian losses: the General Staff's cumulative claim on 2025-06-30
 * (1,020,010, data/russia_personnel_losses_monthly.csv) over the article's 970k (F8).
 */
export const CLAIMS_BIAS_POINT = 1_020_010 / articleFacts.F8.value;

/**
 * The `article` scenario (DESIGN §3), starting 2025-07-01, the article's vintage: its figures as
 * stated (the 83-year pace, F12; ρ ≈ 2.5, F10; K0 plus the F1 pledge wave, no further waves).
 * Every parameter says where it comes from; where the article is silent the value is an
 * `assumption` with its reason and a wide range. The `baseline` preset is this scenario with
 * the fitted parameters and the filtered state of the shipped posterior (presets.ts).
 */
export const articleScenario = {
  name: "article",
  description: "The article's figures as stated (July 2025): the 83-year pace, the DPRK pledge wave (F1), no further waves.",
  start: "2025-07-01",
  territory: {
    totalKm2: {
      value: UKRAINE_AREA_KM2,
      provenance: data("occupied_area_isw_daily.csv", "denominator of pct_of_ukraine, Crimea included"),
    },
    initialOccupiedKm2: { value: 117_718.2, provenance: data(AREA, "ISW/The Economist, 2025-06-30") },
    offensivePaceKm2PerMonth: {
      value: ARTICLE_PACE_KM2_PER_MONTH,
      provenance: article("F12", "0.8·T/(83·12) ≈ 484.8 km²/month (F11, F12)"),
    },
    offensiveNoiseSd: {
      dist: "uniform",
      min: 0.2,
      max: 0.5,
      provenance: data(AREA, "sd of log monthly gains 2024-05..2025-06 is 0.45 incl. seasonal and trend; the noise share is less"),
    },
    offensiveNoiseAutocorrelation: {
      value: 0,
      provenance: assumption(
        "article: independent months, as in v1 (the persistence is off by default); the state-space fit (issue 14, docs/filter.md) is to estimate it on a wide prior (0–0.95)",
      ),
    },
    forceRatioExponent: {
      dist: "uniform",
      min: 0.5,
      max: 2.5,
      provenance: assumption("how strongly the advance responds to the force ratio; no fitted value; wide range"),
    },
    regainThreshold: {
      dist: "uniform",
      min: 0.3,
      max: 0.7,
      provenance: assumption("force-ratio level (x^γ) below which Ukraine regains ground; F14 says defence needs fewer troops"),
    },
    maxGainMultiple: {
      dist: "uniform",
      min: 2,
      max: 5,
      provenance: assumption("cap on the force-ratio effect so that the pace cannot run away as U → 0"),
    },
    stalemateMeanKm2PerMonth: {
      dist: "normal",
      mean: 40.6,
      sd: 105,
      provenance: data(AREA, "mean monthly change in 2023, the stalemate year; ABC fit 40.6 [−146–199] (docs/calibration.md)"),
    },
    stalemateSdKm2PerMonth: {
      dist: "uniform",
      min: 30,
      max: 330,
      provenance: data(AREA, "ABC fit 136 [32–328]; 2023's raw sd 219.8 includes the counter-offensive months (docs/calibration.md)"),
    },
    breakthrough: {
      probabilityPerMonth: {
        dist: "uniform",
        min: 0.005,
        max: 0.04,
        provenance: article("F17", "rare breakthrough months; the rate is an assumption"),
      },
      forceRatioExponent: {
        dist: "uniform",
        min: 0,
        max: 4,
        provenance: assumption("breakthroughs get likelier as the force ratio x grows (F17)"),
      },
      multiplier: {
        dist: "uniform",
        min: 2,
        max: 6,
        provenance: assumption("a breakthrough month advances a few times the base pace (F17)"),
      },
    },
    collapse: {
      ukraineShareOfInitial: {
        dist: "uniform",
        min: 0.3,
        max: 0.6,
        provenance: assumption("a defence below this share of its initial strength breaks; not observed in this war"),
      },
      multiplier: { dist: "uniform", min: 4, max: 12, provenance: assumption("pace multiple once the defence has collapsed") },
    },
  },
  intensity: {
    seasonalAmplitude: {
      dist: "uniform",
      min: 0,
      max: 0.28,
      provenance: data(
        LOSSES,
        "fit of log claimed losses per day 2023-01..2025-06: amplitude 0.14; regime-aware ABC 0.14 [0.015–0.32] (docs/calibration.md)",
      ),
    },
    seasonalPeakMonth: {
      value: 12.8,
      provenance: data(
        LOSSES,
        "least-squares fit of log claims 2023–25 peaks in late December (F13 would put it in summer); the regime-aware ABC cannot place the peak (P May–Sep 0.40, Nov–Feb 0.31)",
      ),
    },
    noiseSd: {
      dist: "uniform",
      min: 0.05,
      max: 0.35,
      provenance: data(
        LOSSES,
        "residual sd of log monthly claims after trend and season: 0.167; ABC fit 0.21 [0.05–0.37] (docs/calibration.md)",
      ),
    },
    noiseAutocorrelation: {
      dist: "uniform",
      min: 0.4,
      max: 0.8,
      provenance: data(LOSSES, "lag-1 autocorrelation of those residuals: 0.60"),
    },
  },
  regimes: {
    initial: "offensive",
    offensiveToStalematePerMonth: {
      dist: "beta",
      alpha: 1,
      beta: 15,
      provenance: data(AREA, "no switch in 14 offensive months 2024-05..2025-06: Beta(1, 15)"),
    },
    stalemateToOffensivePerMonth: {
      dist: "beta",
      alpha: 2,
      beta: 16,
      provenance: data(AREA, "one switch after 16 stalemate months 2023-01..2024-04: Beta(2, 16)"),
    },
    stalemateIntensity: {
      dist: "triangular",
      min: 0.4,
      mode: 0.56,
      max: 0.9,
      provenance: data(
        LOSSES,
        "claims ≈21.1k/month in 2023 vs ≈35.8k in 2024: ratio 0.59; ABC fit 2023-01…2025-06: 0.56 [0.41–0.87] (docs/calibration.md)",
      ),
    },
  },
  attrition: {
    russiaLossesPerMonth: {
      dist: "lognormal",
      p5: 30_000,
      p95: 43_000,
      provenance: data(LOSSES, "2025-04..06 claims ≈1,245/day once de-seasonalised, ≈37.9k/month, ÷ claims bias 1.05 ≈ 36k true"),
    },
    exchangeRatio: {
      dist: "pert",
      min: 2.0,
      mode: 2.5,
      max: 2.7,
      provenance: article("F10", "≈2.5; estimates in loss_estimates_point_claims.csv go down to ≈2.0"),
    },
    russiaOnUkraineExponent: {
      dist: "uniform",
      min: 0.5,
      max: 1.5,
      provenance: assumption("aimed fire: Russian losses grow with Ukraine's strength (Lanchester); no fit for this war"),
    },
    russiaOnOwnExponent: {
      dist: "uniform",
      min: 0,
      max: 1,
      provenance: assumption("own exposure: more troops at the front, more targets; between square (0) and linear (1) law"),
    },
    ukraineOnRussiaExponent: {
      dist: "uniform",
      min: 0.5,
      max: 1.5,
      provenance: assumption("aimed fire: Ukrainian losses grow with Russia's effective strength"),
    },
    ukraineOnOwnExponent: { dist: "uniform", min: 0, max: 1, provenance: assumption("own exposure of the defender; wide range") },
    claimsBias: {
      dist: "triangular",
      min: 0.85,
      mode: CLAIMS_BIAS_POINT,
      max: 1.25,
      provenance: data(LOSSES, `claims 1,020,010 by 2025-06-30 ÷ F8's 970k = ${CLAIMS_BIAS_POINT.toFixed(3)}; range is an assumption`),
    },
  },
  russia: {
    initialForce: { value: articleFacts.F6.value, provenance: article("F6") },
    targetGrowthPerMonth: { value: RUSSIA_NET_GROWTH_PER_MONTH, provenance: article("F7", "+40k over Nov 2024 → Jun 2025 ≈ 5.7k/month") },
    targetCeiling: {
      dist: "uniform",
      min: 700_000,
      max: 850_000,
      provenance: assumption("no public ceiling on the in-theatre force; wide range"),
    },
    recruitmentCapacityPerMonth: {
      dist: "pert",
      min: 30_000,
      mode: 37_000,
      max: 46_000,
      provenance: data(CLAIMS, "Kluge 1,000–1,500 contracts/day; 440k contracts in 2024 (36.7k/month)"),
    },
    adjustmentMonths: { dist: "uniform", min: 1, max: 6, provenance: assumption("months to close a gap between target and force") },
    trainingMonths: { value: 0, provenance: assumption("recruits counted when they reach the front; the training pipeline is optional") },
    woundedReturnShare: {
      dist: "uniform",
      min: 0.15,
      max: 0.45,
      provenance: assumption("share of all losses who are wounded and return; no public figure"),
    },
    returnDelayMonths: { dist: "uniform", min: 1, max: 6, provenance: assumption("recovery time of returning wounded") },
    desertionPerMonth: { value: 0, provenance: assumption("no reliable figure; optional outflow, off by default") },
  },
  ukraine: {
    initialForce: {
      dist: "pert",
      min: 300_000,
      mode: 400_000,
      max: 550_000,
      provenance: assumption("Ukraine's in-theatre strength is not public; wide range"),
    },
    recruitmentCapacityPerMonth: {
      dist: "uniform",
      min: 15_000,
      max: 35_000,
      provenance: assumption("mobilisation ≈15–35k/month (DESIGN §3)"),
    },
    adjustmentMonths: { dist: "uniform", min: 1, max: 6, provenance: assumption("months to close a gap to the initial strength") },
    trainingMonths: {
      value: 0,
      provenance: assumption("recruits counted when they reach the front; the training pipeline is optional, off by default"),
    },
    woundedReturnShare: {
      dist: "uniform",
      min: 0.2,
      max: 0.5,
      provenance: assumption("share of losses who return; defenders evacuate more wounded (F14)"),
    },
    returnDelayMonths: { dist: "uniform", min: 1, max: 6, provenance: assumption("recovery time of returning wounded") },
    desertionPerMonth: { value: 0, provenance: assumption("no reliable figure; optional outflow, off by default") },
  },
  dprk: {
    initialForce: {
      dist: "triangular",
      min: 4_000,
      mode: 8_000,
      max: 12_000,
      provenance: assumption(`survivors of ≈11k (F2) plus 3–4k (${CLAIMS}) after >6k casualties`),
    },
    combatValue: {
      dist: "uniform",
      min: 0.5,
      max: 1.1,
      provenance: assumption("DPRK soldier's weight in Reff = R + q·K; inexperienced in drone war"),
    },
    exposure: {
      dist: "uniform",
      min: 1.25,
      max: 1.9,
      provenance: article(
        "F3",
        "median 1.57 makes 10k DPRK troops lose 40% in 5 months on the hindcast (F3, F4); 1.25–1.9 spans ≈33–47%, the dated claims of >6k of 11k lie above",
      ),
    },
    woundedReturnShare: { dist: "uniform", min: 0, max: 0.3, provenance: assumption("few DPRK wounded return to the front") },
    returnDelayMonths: { dist: "uniform", min: 1, max: 6, provenance: assumption("recovery time") },
    deployablePool: {
      dist: "triangular",
      min: 80_000,
      mode: 150_000,
      max: 300_000,
      provenance: assumption("deployable pool ≈150k; F15's 1.28M is only the hard ceiling"),
    },
    waves: [
      {
        name: "pledge-2025",
        size: { dist: "uniform", min: articleFacts.F1.low, max: articleFacts.F1.high, provenance: article("F1") },
        arrivalStart: "2025-08-01",
        arrivalEnd: "2025-12-31",
      },
    ],
    furtherWaves: {
      ratePerYear: { value: 0, provenance: assumption("article: no waves beyond the pledge (see preset dprk-waves)") },
      size: { dist: "lognormal", p5: 10_000, p95: 40_000, provenance: article("F16", "waves in the tens of thousands (F15, F16)") },
      spreadMonths: {
        dist: "uniform",
        min: 2,
        max: 5,
        provenance: assumption("a wave arrives over about a season (F1's pledge: ≈5 months)"),
      },
    },
  },
  ceasefire: {
    hazardPerMonth: {
      dist: "uniform",
      min: 0,
      max: 0.02,
      provenance: article("F18", "small: Putin refuses a ceasefire short of surrender; the rate is an assumption"),
    },
    hazardPerStalemateMonth: { value: 0, provenance: assumption("article: the hazard does not rise with stalemate") },
  },
} satisfies ScenarioInput;
