// Node-only entry (`attrition-sim/node`): the command line, worker pools, shards on disk.
export { main, type CliIO, type CliStream } from "./cli.js";
export { simulateParallel, WorkerPool, type ParallelOptions } from "./parallel.js";
export { forecastParallel, type ParallelForecastOptions } from "./forecast-parallel.js";
export { FilterPool } from "./filter-pool.js";
export { loadObservationsDir, MAX_OBSERVATION_FILE_BYTES } from "./observations-dir.js";
export { scenarioReport, type ReportOptions } from "./report.js";
