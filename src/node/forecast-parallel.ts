import { availableParallelism } from "node:os";
import { forecast, type Forecast, type ForecastOptions } from "../results/forecast.js";
import { OptionsError } from "../util/errors.js";
import { FilterPool } from "./filter-pool.js";

/** Options of {@link forecastParallel}: those of `forecast`, and where the refit's filter runs go. */
export interface ParallelForecastOptions extends Omit<ForecastOptions, "likelihoods" | "drawFilter"> {
  /** Worker threads for the particle filters (default: the machine's available parallelism). */
  workers?: number;
  /** A pool to reuse (warm); without one, a pool is started and closed for this forecast. */
  pool?: FilterPool;
}

/**
 * `forecast` with its particle filters on worker threads (what the CLI's `forecast` runs): each
 * θ draw's filter and projection, and a refit's likelihoods. The same result, byte for byte, as
 * `forecast` in one thread (test/node/forecast-parallel.test.ts), spread over `workers` threads.
 * @example
 * const f = await forecastParallel({ refit: true, workers: 2, onProgress: (share) => console.log(share) });
 */
export async function forecastParallel(options: ParallelForecastOptions = {}): Promise<Forecast> {
  if (typeof options !== "object" || options === null)
    throw new OptionsError({ path: "", message: `expected an options object, got ${String(options)}` });
  const { workers, pool: given, ...rest } = options;
  for (const key of ["likelihoods", "drawFilter"])
    if (key in rest)
      throw new OptionsError({ path: key, message: "expected workers or pool: forecastParallel runs the filters on its workers itself" });
  if (given !== undefined && !(given instanceof FilterPool))
    throw new OptionsError({ path: "pool", message: "expected a FilterPool of attrition-sim/node" });
  const pool = given ?? new FilterPool(workers ?? availableParallelism());
  try {
    return await forecast({
      ...rest,
      likelihoods: (problem, signal) => pool.logLikelihoods(problem, signal),
      drawFilter: (requests, onDraw, signal) => pool.filterDraws(requests, onDraw, signal),
    });
  } finally {
    if (!given) pool.close();
  }
}
