import { zod } from "../util/lazy.js";
import { scenarioSchemas } from "./schema.js";

/**
 * The JSON Schema of a scenario file (draft 2020-12, from zod's `toJSONSchema`), describing
 * the input form: parameters as numbers, quantity strings, `{ value }` or distributions.
 * @example
 * scenarioJsonSchema().properties.russia; // the force block
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = zod().toJSONSchema(scenarioSchemas().scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  properties.extends = { type: "string", description: "a preset to start from; this file's fields override it (deep merge)" };
  // With `extends`, every block may be partial: only a file without it must be complete.
  return { ...schema, title: "attrition-sim scenario", properties };
}
