#!/usr/bin/env node
// Generate src/data/series.ts from data/*.csv: the monthly series and the dated point claims as
// typed constants, so that `attrition-sim/data` ships them inside dist/ (package `files` is
// ["dist"]). Run after changing a CSV:   node scripts/build-data.mjs
// test/data/series.test.ts checks that the generated module equals the CSVs (parsed with the
// library's own loader, src/data/csv.ts), so a stale or hand-edited series.ts fails the tests.
//
// Only node: built-ins; a minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF, BOM).

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function parseCsv(text) {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records = [];
  let fields = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i += 1;
      fields.push(field);
      if (!(fields.length === 1 && fields[0] === "")) records.push(fields);
      fields = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw new Error("unterminated quoted field");
  fields.push(field);
  if (!(fields.length === 1 && fields[0] === "")) records.push(fields);
  return records;
}

/** [csv column, field, kind] with kind: s (text), n (number), n? (number or null), s? (text or null). */
const TABLES = [
  {
    file: "occupied_area_isw_monthly.csv",
    constant: "occupiedAreaMonthly",
    type: "OccupiedAreaMonth",
    doc: 'Month-end occupied area (km², Crimea included), ISW/AEI Critical Threats maps as computed by The Economist · CC BY 4.0 — "The Economist; ISW".',
    columns: [
      ["month", "month", "s"],
      ["last_obs_date", "lastObsDate", "s"],
      ["occupied_km2", "occupiedKm2", "n"],
      ["monthly_change_km2", "monthlyChangeKm2", "n"],
    ],
  },
  {
    file: "russia_personnel_losses_monthly.csv",
    constant: "claimedLossesMonthly",
    type: "ClaimedLossesMonth",
    doc: "Ukraine's General Staff claims of Russian personnel losses, monthly (PetroIvaniuk/2022-Ukraine-Russia-War-Dataset · MIT). A warring party's claims: an observation with its own bias, not truth.",
    columns: [
      ["month", "month", "s"],
      ["month_end_date", "monthEndDate", "s"],
      ["cumulative_at_month_end", "cumulativeAtMonthEnd", "n"],
      ["monthly_increment", "monthlyIncrement", "n"],
      ["days_covered", "daysCovered", "n"],
      ["avg_per_day", "avgPerDay", "n"],
    ],
  },
  {
    file: "loss_estimates_point_claims.csv",
    constant: "lossEstimates",
    type: "LossEstimate",
    doc: "Dated point estimates of Russian and Ukrainian deaths and casualties compiled by The Economist · CC BY 4.0.",
    columns: [
      ["date", "date", "s"],
      ["country_of_losses", "countryOfLosses", "s"],
      ["type", "type", "s"],
      ["estimate_low", "estimateLow", "n?"],
      ["estimate_high", "estimateHigh", "n?"],
      ["estimate", "estimate", "n?"],
      ["source", "source", "s"],
      ["from_warring_party", "fromWarringParty", "s?"],
      ["source_url", "sourceUrl", "s"],
    ],
  },
  {
    file: "recruitment_and_dprk_claims.csv",
    constant: "recruitmentClaims",
    type: "RecruitmentClaim",
    doc: "Dated public statements on Russian contract recruitment and DPRK deployments/casualties, collected from news pages (each with its URL).",
    columns: [
      ["topic", "topic", "s"],
      ["date_reported", "dateReported", "s"],
      ["claimant_or_source", "claimantOrSource", "s"],
      ["value_low", "valueLow", "n?"],
      ["value_high", "valueHigh", "n?"],
      ["unit", "unit", "s"],
      ["period", "period", "s"],
      ["statement_summary", "statementSummary", "s"],
      ["url", "url", "s"],
    ],
  },
  {
    // A daily file read down to month ends: each month's last row, with its month first.
    file: "economist_russian_losses_meta_estimate_daily.csv",
    constant: "economistCasualtiesMonthly",
    type: "EconomistCasualtiesMonth",
    monthEndOf: "date",
    doc: "The Economist's meta-estimate of Russian casualties (killed + wounded) since 2022-02-24 with its 95% confidence and prediction intervals, at month ends (TheEconomist/the-economist-ukraine-war-dead-and-wounded-estimates, output-data/tracker/ · CC BY 4.0 — \"The Economist\"). An estimate of true Russian losses, not a warring party's claim. One retrospective model run: every month comes from a single fit made after the fact, so early values already use later information.",
    columns: [
      ["date", "date", "s"],
      ["casualties_est", "casualtiesEst", "n"],
      ["casualties_ci_low", "casualtiesCiLow", "n"],
      ["casualties_ci_high", "casualtiesCiHigh", "n"],
      ["casualties_pi_low", "casualtiesPiLow", "n"],
      ["casualties_pi_high", "casualtiesPiHigh", "n"],
    ],
  },
];

/** Keep the last record of each month (by the YYYY-MM-DD field at `index`), as the library's parseEconomistCasualtiesCsv does. */
function monthEnds(records, index) {
  const byMonth = new Map();
  records.forEach((fields, r) => byMonth.set(fields[index].slice(0, 7), [fields, r]));
  return [...byMonth.entries()].map(([month, [fields, r]]) => [month, fields, r]);
}

function cell(raw, kind, where) {
  const text = kind.startsWith("n") ? raw.trim() : raw;
  if (kind.endsWith("?") && text.trim() === "") return "null";
  if (kind.startsWith("n")) {
    // Quoted numbers with thousands separators ("140,000") occur in the source; accept them.
    const v = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) ? Number(text.replace(/,/g, "")) : Number(text);
    if (text === "" || !Number.isFinite(v)) throw new Error(`${where}: expected a number, got ${JSON.stringify(raw)}`);
    return String(v);
  }
  return JSON.stringify(text);
}

const out = [
  "// GENERATED by scripts/build-data.mjs from data/*.csv — do not edit by hand.",
  "// Re-generate with `node scripts/build-data.mjs`; test/data/series.test.ts checks it equals the CSVs.",
  "// Attribution and licences: src/data/attribution.ts (MIT © 2022 Petro Ivaniuk; CC BY 4.0 The Economist; ISW).",
  "",
  'import type { ClaimedLossesMonth, EconomistCasualtiesMonth, LossEstimate, OccupiedAreaMonth, RecruitmentClaim } from "./types.js";',
  "",
  "/** The date the shipped series were cut at (the source article's latest figures). */",
  'export const DATA_VINTAGE = "2025-06-30";',
];

for (const table of TABLES) {
  const [header, ...rows] = parseCsv(readFileSync(join(root, "data", table.file), "utf8"));
  const index = table.columns.map(([name]) => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`${table.file}: no column ${name}`);
    return k;
  });
  rows.forEach((fields, r) => {
    if (fields.length !== header.length)
      throw new Error(`${table.file} record ${r + 2}: ${fields.length} fields, header has ${header.length}`);
  });
  const kept = table.monthEndOf ? monthEnds(rows, header.indexOf(table.monthEndOf)) : rows.map((fields, r) => [null, fields, r]);
  const counted = table.monthEndOf ? `${rows.length} daily rows, ${kept.length} month ends` : `${rows.length} rows`;
  out.push("", `/** ${table.doc} Source file: data/${table.file} (${counted}). */`);
  out.push(`export const ${table.constant}: readonly ${table.type}[] = [`);
  kept.forEach(([month, fields, r]) => {
    const parts = table.columns.map(
      ([name, field, kind], c) => `${field}: ${cell(fields[index[c]], kind, `${table.file} record ${r + 2}, ${name}`)}`,
    );
    if (month !== null) parts.unshift(`month: ${JSON.stringify(month)}`);
    out.push(`  { ${parts.join(", ")} },`);
  });
  out.push("];");
}

const target = join(root, "src", "data", "series.ts");
writeFileSync(target, out.join("\n") + "\n");
console.log(`wrote ${target.replace(root + "/", "")}: ${TABLES.map((t) => t.constant).join(", ")}`);
