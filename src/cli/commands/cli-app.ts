import { pino } from "pino";
import { buildApp, type App } from "../../app.js";
import type { AppConfig } from "../../config.js";

/** How account commands talk to the world; tests replace every part. */
export interface AccountCliDeps {
  /** Opens the app (database, Better Auth) without listening; `close` releases it. */
  openApp(config: AppConfig): Promise<{ app: App; close: () => Promise<void> }>;
  /** Reads a password: a no-echo prompt on a terminal, the first line of stdin otherwise. */
  readPassword(prompt: string, confirm: boolean): Promise<string>;
  out(line: string): void;
  err(line: string): void;
}

async function openApp(config: AppConfig) {
  const app = await buildApp(config, {
    webUi: false,
    // Logs go to stderr: stdout carries the command's output (a key, a table) for scripts.
    logger: pino(
      { level: config.log.level === "info" ? "warn" : config.log.level },
      pino.destination(2),
    ),
  });
  return { app, close: () => app.close() };
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "").trimEnd();
}

/** Prompts on stderr and reads one line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = "";
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const finish = (error?: Error) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === "\r" || char === "\n") return finish();
        if (char === "\u0003") return finish(new Error("cancelled"));
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(prompt: string, confirm: boolean): Promise<string> {
  if (!process.stdin.isTTY) return readStdinLine();
  const first = await promptHidden(prompt);
  if (confirm && (await promptHidden("Repeat password: ")) !== first) {
    throw new PasswordMismatchError();
  }
  return first;
}

/** The two prompted passwords differ. */
export class PasswordMismatchError extends Error {
  constructor() {
    super("The passwords do not match.");
  }
}

/** The real terminal, database and output. */
export const defaultAccountCliDeps: AccountCliDeps = {
  openApp,
  readPassword,
  out: (line) => {
    console.log(line);
  },
  err: (line) => {
    console.error(line);
  },
};
