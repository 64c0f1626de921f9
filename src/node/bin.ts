#!/usr/bin/env node
/**
 * The `attrition-sim` executable (package.json `bin`, built as dist/node/cli.js): runs `main`
 * with the process's arguments and sets the exit code. A separate entry because the build shares
 * code between entries: `main` lives in a chunk that `attrition-sim/node` imports too, so the
 * CLI module cannot tell from its own URL whether it is the script Node started.
 */
import { main } from "./cli.js";

// `attrition-sim … | head` closes the pipe early: stop quietly instead of crashing.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
void main().then((code) => {
  process.exitCode = code;
});
