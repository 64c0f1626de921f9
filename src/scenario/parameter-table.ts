import { listParameters } from "./parameter-list.js";
import { median } from "./distributions.js";
import { isParameter } from "./parameter-list.js";
import { describeProvenance } from "./provenance.js";
import type { Scenario } from "./schema.js";
import type { DistSpec } from "./distributions.js";
import { posteriorParameters } from "./posterior-parameters.js";
import { REPLACED_BY_STATE } from "./replaced-by-state.js";
import { SHIPPED_POSTERIOR_INFO } from "./shipped-posterior-info.js";

/** One row of a scenario's parameter table. */
export interface ParameterRow {
  path: string;
  /** The value, or the distribution in words. */
  value: string;
  median: number;
  provenance: string;
}

const fmt = (v: number | undefined): string =>
  v === undefined ? "?" : Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : String(Number(v.toPrecision(4)));

/** Describe a distribution in one short phrase. */
export function describeSpec(spec: DistSpec): string {
  switch (spec.dist) {
    case "fixed":
      return fmt(spec.value);
    case "uniform":
      return `uniform ${fmt(spec.min)}…${fmt(spec.max)}`;
    case "triangular":
      return `triangular ${fmt(spec.min)}/${fmt(spec.mode)}/${fmt(spec.max)}`;
    case "pert":
      return `PERT ${fmt(spec.min)}/${fmt(spec.mode)}/${fmt(spec.max)}`;
    case "normal":
      return `normal ${fmt(spec.mean)} ± ${fmt(spec.sd)}${spec.min !== undefined || spec.max !== undefined ? ` on [${spec.min ?? "-∞"}, ${spec.max ?? "∞"}]` : ""}`;
    case "beta":
      return `beta(${fmt(spec.alpha)}, ${fmt(spec.beta)})${spec.min !== undefined ? ` on [${spec.min}, ${spec.max}]` : ""}`;
    case "lognormal":
      return "p5" in spec
        ? `lognormal 90% in ${fmt(spec.p5)}…${fmt(spec.p95)}`
        : "median" in spec
          ? `lognormal median ${fmt(spec.median)}, σ ${fmt(spec.sigma)}`
          : `lognormal μ ${fmt(spec.mu)}, σ ${fmt(spec.sigma)}`;
  }
}

/**
 * Every parameter of a parsed scenario with its value or distribution, median and provenance.
 * @example
 * parameterTable(parseScenario("baseline")).find((r) => r.path === "russia.initialForce")?.provenance; // "article F6"
 */
export function parameterTable(scenario: Scenario): ParameterRow[] {
  const provenanceOf = (path: string) => {
    let node: unknown = scenario;
    for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
    return isParameter(node) ? describeProvenance(node.provenance) : "";
  };
  // A parameter each path takes from a posterior row: the posterior's, not the scenario's spec.
  const fromPosterior = new Set(posteriorParameters(scenario));
  const shipped = scenario.posterior?.kind === "shipped";
  // On the shipped posterior, these t0 values are each path's filtered state instead (parse.ts refuses overrides).
  const fromState = new Set<string>(shipped ? REPLACED_BY_STATE : []);
  return listParameters(scenario).map((slot) => {
    if (fromState.has(slot.path))
      return {
        path: slot.path,
        value: `each path's filtered state at ${SHIPPED_POSTERIOR_INFO.name}`,
        median: median(slot.spec),
        provenance: "data posterior-2025-06.json (the state of each draw: npm run fit:state)",
      };
    if (!fromPosterior.has(slot.path))
      return { path: slot.path, value: describeSpec(slot.spec), median: median(slot.spec), provenance: provenanceOf(slot.path) };
    const info = SHIPPED_POSTERIOR_INFO;
    const k = info.parameters.indexOf(slot.path as (typeof info.parameters)[number]);
    return shipped
      ? {
          path: slot.path,
          value: `posterior ${fmt(info.p5[k])}…${fmt(info.p95[k])} (5–95%)`,
          median: info.medians[k]!,
          provenance: `data posterior-2025-06.json (fitted to ${info.sources.join(" and ")} ${info.from} … ${info.through}: npm run fit)`,
        }
      : {
          path: slot.path,
          value: "joint posterior draws",
          median: median(slot.spec),
          provenance: "calibration (the scenario's posterior)",
        };
  });
}
