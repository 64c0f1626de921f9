import { abortError } from "../engine/run.js";

/**
 * Long synchronous work (an ABC-SMC calibration, a backtest origin) written once as a generator
 * that yields between its steps — one simulation call each — and run either straight through
 * ({@link runSteps}) or with the event loop given a turn between steps so that an AbortSignal
 * (Ctrl-C) can stop it ({@link runStepsAsync}). Both run the same code in the same order, so
 * they return the same result.
 */
export type Steps<T> = Generator<void, T, void>;

/**
 * Run every step at once and return the result.
 * @example
 * runSteps((function* () { yield; return 42; })()); // 42
 */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The event loop gets a turn at least this often (ms of work), between steps. */
const YIELD_EVERY_MS = 10;

/**
 * Run the steps, yielding to the event loop (a `setTimeout(0)`) once at least ~10 ms of work has
 * passed since the last turn, and checking `signal` at each turn: an aborted signal stops the
 * work between two steps and rejects with an AbortError (nothing partial is returned).
 * @example
 * await runStepsAsync(calibrationSteps, controller.signal);
 */
export async function runStepsAsync<T>(steps: Steps<T>, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) throw abortError(signal);
  let lastYield = Date.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (Date.now() - lastYield >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
      if (signal?.aborted) {
        steps.return(undefined as T);
        throw abortError(signal);
      }
    }
  }
}
