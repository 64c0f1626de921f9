import type { z } from "zod";
import { lazyObject, once, zod } from "../util/lazy.js";

/** Figure IDs of the source article (ARTICLE_FACTS.md). */
export const articleFactIds = [
  "F1",
  "F2",
  "F3",
  "F4",
  "F5",
  "F6",
  "F7",
  "F8",
  "F9",
  "F10",
  "F11",
  "F12",
  "F13",
  "F14",
  "F15",
  "F16",
  "F17",
  "F18",
  "F19",
  "F20",
] as const;
export type ArticleFactId = (typeof articleFactIds)[number];

/**
 * Where a parameter's value comes from. Built-in scenarios always say it (`article` with an
 * F-id, `data` with a file of the shipped series, or `assumption` with a reason); in a user's
 * file it is optional and defaults to `user`; `calibration` marks fitted values.
 *
 * @example
 * provenanceSchema.parse({ source: "article", id: "F12" });
 */
export const provenanceSchema: ProvenanceSchema = lazyObject(() => realProvenanceSchema());

function build() {
  const z = zod();
  return z.discriminatedUnion("source", [
    z.object({ source: z.literal("article"), id: z.enum(articleFactIds), note: z.string().optional() }).strict(),
    z.object({ source: z.literal("data"), file: z.string().min(1), note: z.string().optional() }).strict(),
    z.object({ source: z.literal("assumption"), note: z.string().min(1) }).strict(),
    z.object({ source: z.literal("user"), note: z.string().optional() }).strict(),
    z.object({ source: z.literal("calibration"), note: z.string().optional() }).strict(),
  ]);
}

/** The real schema, built with zod on the first call (internal code uses this one). */
export const realProvenanceSchema = once(build);
type ProvenanceSchema = ReturnType<typeof build>;
export type Provenance = z.infer<ProvenanceSchema>;

/** The provenance given to a user's parameter that states none. */
export const userProvenance: Provenance = { source: "user" };

/** A one-line human label, e.g. `article F12` or `assumption: no public figure`. */
export function describeProvenance(p: Provenance): string {
  switch (p.source) {
    case "article":
      return `article ${p.id}`;
    case "data":
      return `data ${p.file}`;
    case "assumption":
      return `assumption: ${p.note}`;
    default:
      return p.note ? `${p.source}: ${p.note}` : p.source;
  }
}
