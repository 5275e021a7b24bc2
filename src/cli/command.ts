import { parseArgs, type ParseArgsConfig } from "node:util";
import type { AppConfig } from "../config.js";

/** One `docket <name>` subcommand. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], config: AppConfig): Promise<number>;
}

/** Bad flags or arguments; printed without a stack trace, exit code 2. */
export class CliUsageError extends Error {}

/** `parseArgs` that reports unknown or malformed flags as a usage error. */
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}
