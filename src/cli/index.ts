#!/usr/bin/env node
import { ConfigError, loadConfig, loadDotEnv } from "../config.js";
import { DatabaseUnavailableError } from "../db/client.js";
import { DataDirLockedError } from "../db/lock.js";
import { VERSION } from "../version.js";
import { CliUsageError, type Command } from "./command.js";
import { keysCommand } from "./commands/keys.js";
import { migrateCommand } from "./commands/migrate.js";
import { serveCommand } from "./commands/serve.js";
import { usersCommand } from "./commands/users.js";

const COMMANDS: Command[] = [serveCommand, migrateCommand, usersCommand, keysCommand];

function usage(): string {
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`);
  return `docket ${VERSION}\n\nUsage: docket <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun "docket <command> --help" for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return 0;
  }
  if (name === "--version" || name === "-v") {
    console.log(VERSION);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`docket: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.help);
    return 0;
  }
  loadDotEnv();
  const config = loadConfig();
  return command.run(rest, config);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
    } else if (error instanceof CliUsageError) {
      console.error(`docket: ${error.message}`);
      process.exitCode = 2;
      return;
    } else if (error instanceof DataDirLockedError || error instanceof DatabaseUnavailableError) {
      console.error(`docket: ${error.message}`);
    } else {
      console.error("docket: unexpected error:", error);
    }
    process.exitCode = 1;
  },
);
