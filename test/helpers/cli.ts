import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { PROJECT_ROOT } from "../../src/paths.js";

/** A `docket` CLI child process and what it wrote. */
export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** stdout and stderr interleaved, as a user would see them. */
  output: () => string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves to the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/** Starts `docket <args>` (the TypeScript entry point through tsx) with extra environment. */
export function startCli(args: string[], env: Record<string, string>): RunningCli {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: "development", LOG_LEVEL: "info", ...env },
  });
  let output = "";
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits until the process output matches `pattern`; fails with the output so far. */
export async function waitForOutput(
  running: RunningCli,
  pattern: RegExp,
  timeoutMs = 45_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(running.output())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${String(pattern)}:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
