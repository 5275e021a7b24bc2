// Foundation benchmarks (issue 2): probe throughput against a bare fastify route, /health p99 on
// PostgreSQL, idle RSS and cold start on the embedded database. Run: npx tsx bench/foundation.ts
// Needs the built server (npm run build:server) and PostgreSQL at BENCH_DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/test; a throwaway database is created and dropped).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "../test/helpers/postgres.js";
import { load, rssMb, serverNodeFlags, startProcess, table, type LoadResult } from "./lib.js";

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const serverEntry = join(import.meta.dirname, "..", "dist", "src", "cli", "index.js");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const database = await createTestDatabase(adminUrl);
const results: LoadResult[] = [];
let pgIdleRss: number | undefined;
try {
  const bare = await startProcess(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "bare-server.ts")],
    { PORT: "18081", DATABASE_URL: database.url },
    /bare ready/,
  );
  const docket = await startProcess(
    process.execPath,
    [...serverNodeFlags(), serverEntry, "serve"],
    {
      PORT: "18082",
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      LOG_LEVEL: "info",
      RATE_LIMIT_PER_MINUTE: "1000000",
      DATA_DIR: mkdtempSync(join(tmpdir(), "docket-bench-")),
    },
    /docket is ready/,
  );
  try {
    await sleep(3000);
    pgIdleRss = rssMb(docket.child.pid!);
    await load("warm-up", "http://127.0.0.1:18082/health", { durationSeconds: 2 });
    results.push(
      await load("bare fastify route", "http://127.0.0.1:18081/bare", {
        durationSeconds: duration,
      }),
    );
    results.push(
      await load("docket /health/live", "http://127.0.0.1:18082/health/live", {
        durationSeconds: duration,
      }),
    );
    results.push(
      await load("bare route + SELECT 1 (pg)", "http://127.0.0.1:18081/bare-db", {
        durationSeconds: duration,
      }),
    );
    results.push(
      await load("docket /health (PostgreSQL)", "http://127.0.0.1:18082/health", {
        durationSeconds: duration,
      }),
    );
  } finally {
    bare.child.kill("SIGTERM");
    docket.child.kill("SIGTERM");
  }

  // Cold start and idle memory on the embedded database, after a first run created it.
  const dataDir = mkdtempSync(join(tmpdir(), "docket-cold-"));
  const env = { PORT: "18083", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info" };
  const first = await startProcess(
    process.execPath,
    [...serverNodeFlags(), serverEntry, "serve"],
    env,
    /docket is ready/,
  );
  first.child.kill("SIGTERM");
  await new Promise((resolve) => first.child.on("exit", resolve));
  const second = await startProcess(
    process.execPath,
    [...serverNodeFlags(), serverEntry, "serve"],
    env,
    /docket is ready/,
  );
  await sleep(3000);
  const idleRss = rssMb(second.child.pid!);
  // What the embedded server keeps after work: PGlite's hot WebAssembly code gets optimised
  // under load (src/db/wasm-tiering.ts), so memory grows back from the idle figure.
  const embeddedHealth = await load("docket /health (embedded)", "http://127.0.0.1:18083/health", {
    durationSeconds: duration,
  });
  await sleep(3000);
  const loadedRss = rssMb(second.child.pid!);
  second.child.kill("SIGTERM");

  const [bareRoute, live, bareDb, health] = results;
  console.log(table(results));
  console.log(
    `\n/health/live: ${Math.round((live!.requestsPerSecond / bareRoute!.requestsPerSecond) * 100)}% of the bare route's requests/s (goal >= 70%)`,
  );
  console.log(
    `/health on PostgreSQL: p99 ${health!.p99Ms} ms (goal < 10 ms); bare route + SELECT 1: p99 ${bareDb!.p99Ms} ms`,
  );
  console.log(
    `cold start (embedded, second run): ${Math.round(second.readyAfterMs)} ms (goal < 3000 ms)`,
  );
  console.log(
    `idle RSS after start (goal < 150 MB): ${String(pgIdleRss)} MB on PostgreSQL, ${idleRss} MB embedded`,
  );
  console.log(
    `embedded after ${String(duration)} s of /health at 50 connections: ${embeddedHealth.requestsPerSecond} req/s, p99 ${embeddedHealth.p99Ms} ms, RSS ${loadedRss} MB`,
  );
} finally {
  await database.drop();
}
