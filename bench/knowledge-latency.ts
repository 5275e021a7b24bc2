/**
 * Knowledge base throughput and latency: ingests ≥ 10,000 chunks of markdown (built from CISI
 * abstracts, one section per abstract), reports ingestion MB/s in lexical mode — through the bulk
 * path of `docket ingest <folder>` (files written to a temporary folder, then `ingestFiles`) and
 * through the single-document path of `POST /api/documents` (`KnowledgeService.ingest`, one per
 * call), each into a fresh database — then the p50/p95 of `GET /api/search` for 200 queries over
 * the bulk-ingested corpus. Creates and drops its own databases on the server given.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/knowledge-latency.ts
 *   npx tsx bench/knowledge-latency.ts   # embedded PGlite (slower: WebAssembly)
 *
 * BENCH_DOCUMENTS (default 1000), BENCH_SINGLE=0 skips the single-document run,
 * BENCH_KEEP_DATABASE=1 keeps the bulk database for EXPLAIN ANALYZE.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { buildApp, type App } from "../src/app.js";
import { collectFiles, ingestFiles } from "../src/cli/commands/ingest.js";
import { queryRows } from "../src/db/client.js";
import { testConfig } from "../test/helpers/app.js";
import { signUp, testPasswordHasher } from "../test/helpers/auth.js";
import { createTestDatabase, type TestDatabase } from "../test/helpers/postgres.js";
import { loadCisi } from "./cisi.js";

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 1000);
const SECTIONS = 10;
const adminUrl = process.env.DATABASE_URL;
const { documents, queries } = loadCisi();

const markdown = Array.from({ length: DOCUMENTS }, (_, d) => {
  const sections = Array.from({ length: SECTIONS }, (_, s) => {
    const abstract = documents[(d * 7 + s * 131) % documents.length]!;
    return `## ${abstract.title}\n\n${abstract.text}`;
  });
  return `# Collection ${d}\n\n${sections.join("\n\n")}\n`;
});
const bytes = markdown.reduce((sum, text) => sum + Buffer.byteLength(text), 0);

async function openBenchApp(): Promise<{ app: App; database: TestDatabase | undefined }> {
  const database = adminUrl ? await createTestDatabase(adminUrl) : undefined;
  const app = await buildApp(testConfig(database ? { DATABASE_URL: database.url } : {}), {
    logger: pino({ level: "silent" }),
    passwordHasher: testPasswordHasher,
  });
  return { app, database };
}

async function chunkCount(app: App): Promise<number> {
  const [row] = await queryRows<{ chunks: number }>(
    app.db,
    sql`SELECT count(*)::int AS chunks FROM document_chunks`,
  );
  return row?.chunks ?? 0;
}

/**
 * CPU time so far of this process and of the database's server backends (by pid, from /proc: the
 * bench server runs on this machine). Unlike MB/s it hardly depends on how busy the machine is.
 */
async function cpuSnapshot(app: App): Promise<{ client: number; server: Map<number, number> }> {
  const server = new Map<number, number>();
  if (app.database.kind === "postgres") {
    const backends = await queryRows<{ pid: number }>(
      app.db,
      sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
    );
    for (const { pid } of backends) {
      try {
        // Fields after "(comm) ": state, ppid, …; utime and stime are the 12th and 13th, in ticks.
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
        server.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // The backend exited meanwhile.
      }
    }
  }
  const usage = process.cpuUsage();
  return { client: (usage.user + usage.system) / 1e6, server };
}

async function report(
  path: string,
  app: App,
  started: { at: number; cpu: Awaited<ReturnType<typeof cpuSnapshot>> },
): Promise<void> {
  const seconds = (performance.now() - started.at) / 1000;
  const cpu = await cpuSnapshot(app);
  let server = 0;
  for (const [pid, used] of cpu.server) server += used - (started.cpu.server.get(pid) ?? 0);
  const client = cpu.client - started.cpu.client;
  const mb = bytes / 1e6;
  console.log(
    `${path}: ingested ${DOCUMENTS} markdown documents, ${mb.toFixed(1)} MB, ${await chunkCount(app)} chunks in ${seconds.toFixed(1)} s: ${(mb / seconds).toFixed(2)} MB/s (lexical mode, ${app.database.kind}; load ${loadAverage()}); CPU per MB: ${(client / mb).toFixed(2)} s client${app.database.kind === "postgres" ? `, ${(server / mb).toFixed(2)} s server backends` : ""}`,
  );
}

function loadAverage(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "?";
  }
}

// The single-document path first, in its own database: `POST /api/documents` calls this per file.
if (process.env.BENCH_SINGLE !== "0") {
  const { app, database } = await openBenchApp();
  try {
    const user = await signUp(app);
    const actor = { userId: user.userId, timezone: "UTC", via: "session" as const };
    const started = { at: performance.now(), cpu: await cpuSnapshot(app) };
    for (const [d, text] of markdown.entries()) {
      await app.knowledge.ingest(actor, {
        data: text,
        contentType: "text/markdown",
        filename: `c${d}.md`,
      });
    }
    await report("single-document path (one per call)", app, started);
  } finally {
    await app.close();
    await database?.drop();
  }
}

// The bulk path: what `docket ingest <folder>` runs, from reading the files on.
const folder = mkdtempSync(join(tmpdir(), "docket-bench-ingest-"));
markdown.forEach((text, d) =>
  writeFileSync(join(folder, `c${String(d).padStart(5, "0")}.md`), text),
);
const { app, database } = await openBenchApp();
try {
  const user = await signUp(app);
  const actor = { userId: user.userId, timezone: "UTC", via: "session" as const };
  const started = { at: performance.now(), cpu: await cpuSnapshot(app) };
  const result = await ingestFiles(app.knowledge, actor, await collectFiles([folder]));
  if (result.failed > 0 || result.ingested !== DOCUMENTS) throw new Error(JSON.stringify(result));
  await report("bulk path (docket ingest <folder>)", app, started);
  const chunks = await chunkCount(app);

  const texts = [
    ...queries.map((query) => query.text),
    ...documents.slice(0, 200).map((document) => document.title),
  ].slice(0, 200);
  for (const text of texts.slice(0, 20)) {
    await app.inject({
      method: "GET",
      url: "/api/search",
      headers: user.headers,
      query: { q: text },
    });
  }
  const measure = async (label: string) => {
    const timings: number[] = [];
    for (const text of texts) {
      const before = performance.now();
      const response = await app.inject({
        method: "GET",
        url: "/api/search",
        headers: user.headers,
        query: { q: text, limit: "10" },
      });
      timings.push(performance.now() - before);
      if (response.statusCode !== 200) throw new Error(response.body);
    }
    timings.sort((a, b) => a - b);
    const at = (p: number) =>
      timings[Math.min(timings.length - 1, Math.floor(timings.length * p))]!;
    console.log(
      `search over ${chunks} chunks, ${timings.length} queries through GET /api/search (${label}): p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`,
    );
  };
  await measure("right after ingestion, before any vacuum");
  // What autovacuum does on its own after bulk inserts (the bench server may run without it):
  // sets the visibility map, which index-only scans need, and the planner's statistics.
  const vacuumStarted = performance.now();
  await app.db.execute(sql`VACUUM (ANALYZE) chunk_terms, knowledge_terms, document_chunks`);
  console.log(`VACUUM (ANALYZE): ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);
  await measure("after VACUUM (ANALYZE)");
} finally {
  await app.close();
  rmSync(folder, { recursive: true, force: true });
  // BENCH_KEEP_DATABASE=1 leaves the database in place for EXPLAIN ANALYZE.
  if (process.env.BENCH_KEEP_DATABASE) console.log(`kept database ${database?.url ?? "(PGlite)"}`);
  else await database?.drop();
}
