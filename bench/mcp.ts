// MCP vs REST latency: `tools/call list_tasks` over Streamable HTTP (SDK client, one session per
// client) beside `GET /api/tasks`, same server, same user, same 25 tasks, 20 concurrent clients.
// Usage: npx tsx bench/mcp.ts [--seconds 5] [--clients 20]   (builds the server if dist is missing)
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    clients: { type: "string", default: "20" },
  },
});
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const root = new URL("..", import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs `call` in `CLIENTS` loops for `SECONDS`; latencies in ms. */
async function measure(label: string, calls: (() => Promise<void>)[]) {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    calls.map(async (call) => {
      while (performance.now() < end) {
        const start = performance.now();
        try {
          await call();
          latencies.push(performance.now() - start);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const row = {
    label,
    calls: latencies.length,
    errors,
    per_second: Math.round(latencies.length / SECONDS),
    p50_ms: Number(percentile(latencies, 50).toFixed(2)),
    p99_ms: Number(percentile(latencies, 99).toFixed(2)),
  };
  console.log(JSON.stringify(row));
  return row;
}

async function main() {
  if (!existsSync(join(root, "dist/src/cli/index.js"))) {
    execFileSync("npm", ["run", "--silent", "build:server"], { cwd: root, stdio: "inherit" });
  }
  const dataDir = mkdtempSync(join(tmpdir(), "docket-bench-mcp-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${String(port)}`;
  const server = spawn(process.execPath, [join(root, "dist/src/cli/index.js"), "serve"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      RATE_LIMIT_PER_MINUTE: "1000000",
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 240) throw new Error("server did not start");
      try {
        if ((await fetch(`${base}/health/ready`)).ok) break;
      } catch {
        // not yet listening
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: `http://localhost:${String(port)}` },
      body: JSON.stringify({
        email: "bench@example.test",
        password: "bench horse battery",
        name: "Bench",
      }),
    });
    const token = signUp.headers.get("set-auth-token") ?? "";
    const keyResponse = await fetch(`${base}/api/keys`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: "bench" }),
    });
    const { key } = (await keyResponse.json()) as { key: string };
    const headers = { "x-api-key": key };
    for (let i = 0; i < 25; i++) {
      await fetch(`${base}/api/tasks`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({
          title: `task ${String(i)}`,
          due_at: `2030-01-${String(i + 1).padStart(2, "0")}T09:00:00Z`,
        }),
      });
    }

    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const client = new Client({ name: "bench", version: "1.0.0" });
        await client.connect(
          new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers } }),
        );
        return client;
      }),
    );
    const rest = () => async () => {
      const response = await fetch(`${base}/api/tasks`, { headers });
      if (!response.ok) throw new Error(String(response.status));
      await response.arrayBuffer();
    };
    const mcp = (client: Client) => async () => {
      const result = await client.callTool({ name: "list_tasks", arguments: {} });
      if (result.isError) throw new Error("tool error");
    };
    // Warm both paths (JIT, connection pools) before measuring.
    await Promise.all(clients.map((client) => mcp(client)()));
    await Promise.all(clients.map(() => rest()()));
    console.log(`# ${String(CLIENTS)} concurrent clients, ${String(SECONDS)} s each, 25 tasks`);
    const restRow = await measure(
      "GET /api/tasks",
      clients.map(() => rest()),
    );
    const mcpRow = await measure("MCP tools/call list_tasks", clients.map(mcp));
    console.log(
      `# MCP/REST p50 ${(mcpRow.p50_ms / restRow.p50_ms).toFixed(2)}x, p99 ${(mcpRow.p99_ms / restRow.p99_ms).toFixed(2)}x`,
    );
    await Promise.all(clients.map((client) => client.close()));
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
