// Node-only entry (`attrition-sim/node`): the command line, worker pools, shards on disk.
export { main } from "./cli.js";
export { simulateParallel, WorkerPool, type ParallelOptions } from "./parallel.js";
