#!/usr/bin/env node
/** The `attrition-sim` command (placeholder until the model lands). */
export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  process.stderr.write(`attrition-sim: no commands yet (${argv.join(" ")})\n`);
  return 2;
}
