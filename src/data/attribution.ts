/**
 * Attribution and licences of the observed series shipped in `attrition-sim/data`. The package
 * ships only dist/, so the notices the licences require travel inside this module (and in the
 * README's "Where the numbers come from"). Keep them with any copy of the data.
 */

/** The MIT licence of the General Staff loss transcription (PetroIvaniuk/2022-Ukraine-Russia-War-Dataset). */
export const MIT_LICENCE_IVANIUK = `MIT License

Copyright (c) 2022 Petro Ivaniuk

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

/** The CC BY 4.0 notice for The Economist's series (attribution, licence link, changes made). */
export const CC_BY_4_0_NOTICE_ECONOMIST = `Occupied area and dated loss estimates: "The Economist; ISW". Meta-estimate of Russian casualties: "The Economist".
Source: The Economist, https://github.com/TheEconomist/the-economist-ukraine-war-dead-and-wounded-estimates
(occupied area computed by The Economist from ISW/AEI Critical Threats maps; loss estimates compiled by
The Economist; the meta-estimate of Russian deaths and casualties from output-data/tracker/, The
Economist's model). Licensed under Creative Commons Attribution 4.0 International (CC BY 4.0),
https://creativecommons.org/licenses/by/4.0/ — no warranties are given.
Changes: cut at 2025-06-30; the monthly file holds month-end values and their differences, computed by
us from the daily series; of the meta-estimate we keep the month-end casualties_est and its 95%
intervals; rows are converted to typed records (camelCase field names, empty cells as null).
`;

/** One shipped dataset: where it comes from and under which terms. */
export interface DatasetInfo {
  /** The exported constant holding the rows. */
  constant: "occupiedAreaMonthly" | "claimedLossesMonthly" | "lossEstimates" | "recruitmentClaims" | "economistCasualtiesMonthly";
  /** The CSV file in the repository's data/ folder it was generated from. */
  file: string;
  /** What the rows are. */
  description: string;
  /** Who to credit, in the words the source asks for. */
  attribution: string;
  /** SPDX-style licence name. */
  licence: "MIT" | "CC-BY-4.0" | "facts with source URLs";
  /** Where the data come from. */
  sourceUrl: string;
}

/** The shipped datasets with their attribution and licences (data/README.md). */
export const DATASETS: readonly DatasetInfo[] = [
  {
    constant: "occupiedAreaMonthly",
    file: "occupied_area_isw_monthly.csv",
    description: "month-end area assessed as Russian-controlled, km² (Crimea and pre-2022 areas included; 43,679 km² on 2022-02-22), of 603,628 km²",
    attribution: "The Economist; ISW",
    licence: "CC-BY-4.0",
    sourceUrl: "https://github.com/TheEconomist/the-economist-ukraine-war-dead-and-wounded-estimates",
  },
  {
    constant: "claimedLossesMonthly",
    file: "russia_personnel_losses_monthly.csv",
    description: "Ukraine's General Staff daily claims of Russian personnel losses ('liquidated'), aggregated by month; a warring party's claims, not truth",
    attribution: "Petro Ivaniuk, 2022-Ukraine-Russia-War-Dataset (transcription of the General Staff's reports)",
    licence: "MIT",
    sourceUrl: "https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset",
  },
  {
    constant: "lossEstimates",
    file: "loss_estimates_point_claims.csv",
    description: "dated point estimates of Russian and Ukrainian deaths and casualties from officials, leaks and researchers",
    attribution: "The Economist",
    licence: "CC-BY-4.0",
    sourceUrl: "https://github.com/TheEconomist/the-economist-ukraine-war-dead-and-wounded-estimates",
  },
  {
    constant: "recruitmentClaims",
    file: "recruitment_and_dprk_claims.csv",
    description: "dated public statements on Russian contract recruitment and DPRK deployments and casualties, each with the URL of the news page it was read from",
    attribution: "the news pages named in each row's url",
    licence: "facts with source URLs",
    sourceUrl: "see each row's url",
  },
  {
    constant: "economistCasualtiesMonthly",
    file: "economist_russian_losses_meta_estimate_daily.csv",
    description: "The Economist's meta-estimate of Russian casualties (killed + wounded) since 2022-02-24 with 95% intervals, a statistical model of public and leaked estimates, fire activity and territorial change; month-end values of the daily file. One retrospective model run (vintage 2025-06-30): early months were estimated with later data, so a backtest that treats them as known at the time flatters every forecaster",
    attribution: "The Economist",
    licence: "CC-BY-4.0",
    sourceUrl: "https://github.com/TheEconomist/the-economist-ukraine-war-dead-and-wounded-estimates",
  },
];

/**
 * The full attribution text to keep with any copy of the shipped series: the CC BY 4.0 notice
 * and the MIT licence of the loss transcription.
 * @example
 * import { DATA_ATTRIBUTION } from "attrition-sim/data";
 * console.log(DATA_ATTRIBUTION);
 */
export const DATA_ATTRIBUTION = `Observed series shipped with attrition-sim (vintage 2025-06-30)

${CC_BY_4_0_NOTICE_ECONOMIST}
Russian personnel losses claimed by Ukraine's General Staff, as transcribed in
https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset (monthly sums computed by us), under:

${MIT_LICENCE_IVANIUK}
Recruitment and DPRK statements: facts collected from the news pages named in each row's url.
`;
