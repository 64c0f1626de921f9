import type { SeriesName } from "../engine/store.js";

/** The people columns of every year-end table (CLI, HTML display, comparison), in this order. */
export const PEOPLE_COLUMNS: readonly [title: string, series: SeriesName][] = [
  ["Russian force", "russiaForce"],
  ["Ukrainian force", "ukraineForce"],
  ["DPRK in theatre", "dprkForce"],
  ["Russian losses", "russiaLosses"],
  ["Ukrainian losses", "ukraineLosses"],
  ["DPRK losses", "dprkLosses"],
];
