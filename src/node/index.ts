// Node-only entry (`attrition-sim/node`): the command line and, later, worker pools.
export { main } from "./cli.js";
