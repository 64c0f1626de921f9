import { listParameters } from "../engine/parameters.js";
import { median } from "../scenario/distribution-math.js";
import { parseScenario, toScenarioInput } from "../scenario/parse.js";
import type { Provenance } from "../scenario/provenance.js";
import { OptionsError } from "../util/errors.js";

/**
 * A scenario whose parameters are numbers shared by every path — θ of a state-space model —
 * rather than per-path draws: each path in `values` is set to its value, every other parameter
 * to its prior median (the same for all paths). A particle filter over such a scenario keeps
 * the static parameters out of the particles (they would otherwise be selected by resampling
 * and collapse onto a few draws), so its likelihood is p(y | θ) — what PMMH and IF2 need.
 * Each value says where it came from: a value set has provenance `setAs` ("assumption" by
 * default; "calibration" for a fit's estimate, "user" for a user's), a prior median keeps the
 * prior's provenance with a note. Parameters in `keep` are left as they are (an iterated filter's estimated parameters keep their priors: its first swarm).
 * @throws {OptionsError} for a path that is not a parameter of the scenario, or a non-finite value.
 * @example
 * const scenario = withParametersFixed("baseline", { "attrition.russiaLossesPerMonth": 32_000 }, "test");
 */
export function withParametersFixed(
  base: unknown,
  values: Readonly<Record<string, number>>,
  note: string,
  keep: readonly string[] = [],
  setAs: "assumption" | "calibration" | "user" = "assumption",
): Record<string, unknown> {
  const parsed = parseScenario(base);
  const input = toScenarioInput(parsed);
  const slots = listParameters(parsed).filter((s) => !s.perEvent);
  const known = new Set(slots.map((s) => s.path));
  for (const [path, value] of Object.entries(values)) {
    if (!known.has(path))
      throw new OptionsError({ path: `values.${path}`, message: "expected a parameter path of the scenario drawn per path" });
    if (!Number.isFinite(value)) throw new OptionsError({ path: `values.${path}`, message: `expected a finite number, got ${value}` });
  }
  for (const path of keep)
    if (!known.has(path))
      throw new OptionsError({ path: `keep.${path}`, message: "expected a parameter path of the scenario drawn per path" });
  for (const slot of slots) {
    if (keep.includes(slot.path)) continue;
    const given = values[slot.path];
    let node = input as Record<string, unknown>;
    const keys = slot.path.split(".");
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    // A value set is `setAs` (a fit's estimate is calibration, a user's is theirs); a prior's
    // median keeps the prior's own provenance (its F-id, data file or assumption).
    const prior = (node[keys.at(-1)!] as { provenance: Provenance }).provenance;
    const provenance: Provenance =
      given === undefined
        ? ({ ...prior, note: `${note}: at its prior median${prior.note ? ` (${prior.note})` : ""}` } as Provenance)
        : { source: setAs, note: `${note}: set` };
    node[keys.at(-1)!] = { value: given ?? median(slot.spec), provenance };
  }
  return input;
}
