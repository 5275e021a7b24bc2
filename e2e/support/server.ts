import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths.js";

/** A running server for browser tests. */
export interface TestServer {
  url: string;
  /** Server output so far, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${String(child.exitCode)}`);
    try {
      const response = await fetch(`${url}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("server did not become ready in time");
}

/**
 * Starts `docket serve` (the built server) on a free port with a fresh embedded database and
 * the offline assistant, as a newcomer would run it.
 */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "docket-e2e-"));
  const url = `http://127.0.0.1:${String(port)}`;
  let log = "";
  const child = spawn(process.execPath, ["dist/src/cli/index.js", "serve"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      LOG_FORMAT: "json",
      LLM_PROVIDER: "offline",
      EMBEDDING_PROVIDER: "none",
      RATE_LIMIT_PER_MINUTE: "10000",
      BETTER_AUTH_SECRET: "e2e-secret-that-is-long-enough-0123456789abcdef",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child, 90_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
  }
  return { url, output: () => log, stop };
}

/** The API routes the running server documents, to tell which features are merged. */
export async function documentedRoutes(url: string): Promise<Set<string>> {
  try {
    const response = await fetch(`${url}/docs/json`);
    const doc = (await response.json()) as { paths?: Record<string, Record<string, unknown>> };
    const routes = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths ?? {})) {
      for (const method of Object.keys(methods)) routes.add(`${method.toUpperCase()} ${path}`);
    }
    return routes;
  } catch {
    return new Set();
  }
}
