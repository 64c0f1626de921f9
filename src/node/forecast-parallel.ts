import { availableParallelism } from "node:os";
import { forecast, type Forecast, type ForecastOptions } from "../results/forecast.js";
import { OptionsError } from "../util/errors.js";
import { LikelihoodPool } from "./likelihood-pool.js";

/** Options of {@link forecastParallel}: those of `forecast`, and where the refit's filter runs go. */
export interface ParallelForecastOptions extends Omit<ForecastOptions, "likelihoods"> {
  /** Worker threads for a refit's filter runs (default: the machine's available parallelism). */
  workers?: number;
  /** A pool to reuse (warm); without one, a pool is started and closed for this forecast. */
  pool?: LikelihoodPool;
}

/**
 * `forecast` with a refit's filter runs on worker threads (the CLI's `forecast --refit`): the
 * same result, byte for byte, as `forecast` in one thread (test/node/forecast-parallel.test.ts),
 * spread over `workers` threads. Without `refit` it is `forecast` (the filtering takes seconds).
 * @example
 * const f = await forecastParallel({ refit: true, workers: 2, onProgress: (share) => console.log(share) });
 */
export async function forecastParallel(options: ParallelForecastOptions = {}): Promise<Forecast> {
  if (typeof options !== "object" || options === null)
    throw new OptionsError({ path: "", message: `expected an options object, got ${String(options)}` });
  const { workers, pool: given, ...rest } = options;
  if ("likelihoods" in rest)
    throw new OptionsError({ path: "likelihoods", message: "expected workers or pool: forecastParallel computes the likelihoods itself" });
  if (given !== undefined && !(given instanceof LikelihoodPool))
    throw new OptionsError({ path: "pool", message: "expected a LikelihoodPool of attrition-sim/node" });
  // Checked (by the constructor) even when no refit needs them; no worker starts until a batch does.
  const pool = given ?? new LikelihoodPool(workers ?? availableParallelism());
  if (!rest.refit) return forecast(rest);
  try {
    return await forecast({ ...rest, likelihoods: (problem, signal) => pool.logLikelihoods(problem, signal) });
  } finally {
    if (!given) pool.close();
  }
}
