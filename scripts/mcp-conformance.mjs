#!/usr/bin/env node
// Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in
// devDependencies) against the built server and compares the failing scenarios with
// test/mcp-conformance-baseline.json. Exits 1 only on a failure the baseline does not list
// (or when the server cannot be started); scenarios that now pass are reported as stale, not
// fatal. Usage: node scripts/mcp-conformance.mjs [--keep] [--scenario name]
//
// The suite's client sends no credentials, so a tiny local proxy adds the throwaway user's API
// key to every request; it forwards Host and Origin untouched, so the DNS-rebinding scenario
// still reaches Docket's own checks.
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const keep = args.includes("--keep");
const scenarioIndex = args.indexOf("--scenario");
const scenario = scenarioIndex >= 0 ? args[scenarioIndex + 1] : undefined;
const baselinePath = join(root, "test/mcp-conformance-baseline.json");

function log(message) {
  process.stdout.write(`mcp-conformance: ${message}\n`);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = http.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForReady(base, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${base}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("server did not become ready in time");
}

async function createUserKey(base, port) {
  const email = `conformance-${randomBytes(4).toString("hex")}@example.test`;
  const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    // Better Auth checks Origin against its base URL (http://localhost:PORT without PUBLIC_URL).
    headers: { "content-type": "application/json", origin: `http://localhost:${port}` },
    body: JSON.stringify({ email, password: "conformance horse battery", name: "Conformance" }),
  });
  const token = signUp.headers.get("set-auth-token");
  if (!signUp.ok || !token)
    throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const created = await fetch(`${base}/api/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: "conformance" }),
  });
  if (created.status !== 201) throw new Error(`key creation failed: ${created.status}`);
  return (await created.json()).key;
}

function startKeyProxy(targetPort, apiKey) {
  const server = http.createServer((request, response) => {
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: targetPort,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, "x-api-key": apiKey },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/** Scenario name → failed (FAILURE or WARNING checks, the suite's own baseline rule). */
function readResults(outputDir) {
  const results = new Map();
  for (const entry of readdirSync(outputDir)) {
    const match = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(entry);
    const file = join(outputDir, entry, "checks.json");
    if (!match || !existsSync(file)) continue;
    const checks = JSON.parse(readFileSync(file, "utf8"));
    const failing = checks.filter((c) => c.status === "FAILURE" || c.status === "WARNING");
    results.set(
      match[1],
      failing.map((c) => `${c.id}: ${c.errorMessage ?? c.status}`),
    );
  }
  return results;
}

async function main() {
  if (!existsSync(join(root, "dist/src/cli/index.js")) || process.env.MCP_CONFORMANCE_BUILD) {
    log("building the server (npm run build:server)");
    execFileSync("npm", ["run", "--silent", "build:server"], { cwd: root, stdio: "inherit" });
  }
  const baseline = JSON.parse(readFileSync(baselinePath, "utf8"));
  const expected = new Set(baseline.server ?? []);
  const dataDir = mkdtempSync(join(tmpdir(), "docket-conformance-"));
  const outputDir = join(dataDir, "results");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(root, "dist/src/cli/index.js"), "serve"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      REDIS_URL: "",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      RATE_LIMIT_PER_MINUTE: "100000",
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      ALLOWED_ORIGINS: "",
      PUBLIC_URL: "",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  let proxy;
  try {
    await waitForReady(base, child);
    const apiKey = await createUserKey(base, port);
    proxy = await startKeyProxy(port, apiKey);
    const url = `http://127.0.0.1:${proxy.address().port}/mcp`;
    log(`running the suite against ${url} (data in ${dataDir})`);
    const suiteArgs = ["server", "--url", url, "-o", outputDir];
    if (scenario) suiteArgs.push("--scenario", scenario);
    await new Promise((resolve) => {
      const suite = spawn(join(root, "node_modules/.bin/conformance"), suiteArgs, {
        cwd: root,
        stdio: "inherit",
      });
      suite.on("exit", resolve);
    });

    const results = readResults(outputDir);
    if (results.size === 0) throw new Error("the suite produced no results");
    const unexpected = [...results].filter(
      ([name, failing]) => failing.length && !expected.has(name),
    );
    const stale = [...expected].filter((name) => results.get(name)?.length === 0);
    const expectedFailures = [...results].filter(([name, f]) => f.length && expected.has(name));

    log(
      `${results.size} scenarios: ${results.size - unexpected.length - expectedFailures.length} passed, ${expectedFailures.length} expected failures, ${unexpected.length} unexpected failures`,
    );
    for (const name of stale) log(`stale baseline entry (now passing; remove it): ${name}`);
    for (const [name, failing] of unexpected) {
      log(`UNEXPECTED FAILURE ${name}`);
      for (const line of failing) log(`    ${line}`);
    }
    return unexpected.length > 0 ? 1 : 0;
  } finally {
    proxy?.close();
    child.kill("SIGTERM");
    await new Promise((resolve) =>
      child.exitCode !== null ? resolve() : child.on("exit", resolve),
    );
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
