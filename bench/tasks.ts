// Task listing benchmark (issue 3): authenticated GET /api/tasks (50 tasks, one page) on
// PostgreSQL beside a bare fastify route running the same SQL, autocannon -c 50 -d 10, same run.
// Run: npm run build:server && npx tsx bench/tasks.ts
// BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 50) change the load.
import { mkdtempSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "../test/helpers/postgres.js";
import { loadavg } from "node:os";
import { cpuMs, load, serverNodeFlags, startProcess, table, type LoadResult } from "./lib.js";

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const serverEntry = join(import.meta.dirname, "..", "dist", "src", "cli", "index.js");
const base = "http://127.0.0.1:18092";

const database = await createTestDatabase(adminUrl);
try {
  const docket = await startProcess(
    process.execPath,
    [...serverNodeFlags(), serverEntry, "serve"],
    {
      PORT: "18092",
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      LOG_LEVEL: "info",
      RATE_LIMIT_PER_MINUTE: "1000000",
      DATA_DIR: mkdtempSync(join(tmpdir(), "docket-bench-")),
    },
    /docket is ready/,
  );
  // Plain http (like curl): Node's fetch adds Fetch Metadata headers, for which Better Auth's
  // CSRF check demands a browser Origin.
  const token = await new Promise<string>((resolve, reject) => {
    const body = JSON.stringify({
      email: "bench@example.test",
      password: "bench passphrase 42",
      name: "Bench",
    });
    const request = httpRequest(
      `${base}/api/auth/sign-up/email`,
      { method: "POST", headers: { "content-type": "application/json" } },
      (response) => {
        response.resume();
        const value = response.headers["set-auth-token"];
        if (typeof value === "string") resolve(value);
        else reject(new Error(`sign-up failed: ${response.statusCode}`));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  for (let i = 0; i < 50; i++) {
    const due = i % 3 === 0 ? null : new Date(Date.now() + i * 3_600_000).toISOString();
    await fetch(`${base}/api/tasks`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title: `task ${i}`, due_at: due, tags: ["bench"] }),
    });
  }
  const me = (await (await fetch(`${base}/api/me`, { headers })).json()) as { id: string };
  const bare = await startProcess(
    process.execPath,
    [
      // Profiled like Docket when BENCH_CPU_PROF is set; otherwise Node's defaults.
      ...serverNodeFlags().filter((flag) => flag.startsWith("--cpu-prof")),
      "--import",
      "tsx",
      join(import.meta.dirname, "bare-server.ts"),
    ],
    { PORT: "18091", DATABASE_URL: database.url, USER_ID: me.id },
    /bare ready/,
  );
  try {
    const page = (await (await fetch(`${base}/api/tasks`, { headers })).json()) as {
      tasks: unknown[];
    };
    if (page.tasks.length !== 50) throw new Error(`expected 50 tasks, got ${page.tasks.length}`);
    await load("warm-up", `${base}/api/tasks`, { durationSeconds: 2, headers });
    // The server's own CPU per request does not depend on how busy the shared machine is.
    const measured = async (pid: number | undefined, run: () => Promise<LoadResult>) => {
      const before = cpuMs(pid ?? 0);
      const result = await run();
      const perRequest = (cpuMs(pid ?? 0) - before) / (result.requestsPerSecond * duration);
      return { result, perRequest };
    };
    const bareRun = await measured(bare.child.pid, () =>
      load("bare route, same SQL", "http://127.0.0.1:18091/bare-tasks", {
        durationSeconds: duration,
        connections,
      }),
    );
    const docketRun = await measured(docket.child.pid, () =>
      load("docket GET /api/tasks", `${base}/api/tasks`, {
        durationSeconds: duration,
        connections,
        headers,
      }),
    );
    const results = [bareRun.result, docketRun.result];
    console.log(table(results));
    console.log(
      `\nserver CPU per request: bare ${bareRun.perRequest.toFixed(3)} ms, docket ${docketRun.perRequest.toFixed(3)} ms; load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(" ")}`,
    );
    const [bareResult, docketResult] = results;
    console.log(
      `\nGET /api/tasks (-c ${connections}): ${Math.round((docketResult!.requestsPerSecond / bareResult!.requestsPerSecond) * 100)}% of the bare route's requests/s (goal >= 50%), p99 ${docketResult!.p99Ms} ms (goal < 25 ms)`,
    );
  } finally {
    bare.child.kill("SIGTERM");
    docket.child.kill("SIGTERM");
  }
} finally {
  await database.drop();
}
