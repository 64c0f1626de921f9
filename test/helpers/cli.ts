import { main, type CliIO } from "../../src/node/cli.js";

/** What an in-process CLI run gave: its exit code and everything it wrote. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured output (stderr is not a terminal: no progress bar). */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
