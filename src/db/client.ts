import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import type { Logger } from "pino";
import type { AppConfig } from "../config.js";
import { acquireDataDirLock, type DataDirLock } from "./lock.js";
import { deferWasmTierUp } from "./wasm-tiering.js";
import * as schema from "./schema/index.js";

/** The drizzle database, the same type on PGlite and node-postgres. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** What the connected database can do beyond the baseline schema. */
export interface DatabaseCapabilities {
  /** pgvector is installed and usable. */
  vector: boolean;
}

/** A database connection with the probes health checks and shutdown need. */
export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  capabilities: DatabaseCapabilities;
  /** Round-trips to the database; rejects when it is unreachable. */
  ping(): Promise<{ latencyMs: number }>;
  /** The server version string, e.g. "PostgreSQL 15.19". */
  version(): Promise<string>;
  close(): Promise<void>;
}

/** Raised when the database cannot be opened or reached. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function shortVersion(full: string): string {
  const match = /^(PostgreSQL [\d.]+)(?:.*?(PGlite [\d.]+))?/.exec(full);
  if (!match) return full;
  return match[2] ? `${match[1]} (${match[2]})` : (match[1] ?? full);
}

async function timed(run: () => Promise<unknown>): Promise<{ latencyMs: number }> {
  const started = performance.now();
  await run();
  return { latencyMs: Math.round((performance.now() - started) * 100) / 100 };
}

async function openPglite(
  dataDir: string,
  sharedBuffersMb: number,
  log: Logger,
): Promise<DatabaseHandle> {
  let lock: DataDirLock | undefined;
  let client: PGlite;
  // An in-memory database is short-lived (tests, trials): its start-up speed matters more than
  // the memory an idle server keeps.
  if (dataDir !== "memory://") deferWasmTierUp();
  // PostgreSQL's default 128 MB of shared buffers is sized for a dedicated server; in-process,
  // every megabyte of it is resident memory of this process (128 MB: 305 MB RSS, 16 MB: 185 MB
  // for PGlite alone), while the operating system still caches the data files below it.
  const options = {
    extensions: { vector },
    postgresqlconf: [`shared_buffers=${sharedBuffersMb}MB`],
  };
  if (dataDir === "memory://") {
    client = await PGlite.create(options);
  } else {
    const dbDir = join(dataDir, "db");
    mkdirSync(dbDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
    try {
      client = await PGlite.create(dbDir, options);
    } catch (error) {
      lock.release();
      throw new DatabaseUnavailableError(`Cannot open the embedded database in ${dbDir}`, {
        cause: error,
      });
    }
  }
  await client.exec("CREATE EXTENSION IF NOT EXISTS vector");
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  let pgliteVersion: string | undefined;
  log.debug({ dataDir }, "embedded database opened");
  return {
    db,
    kind: "pglite",
    capabilities: { vector: true },
    ping: () => timed(() => client.query("SELECT 1")),
    version: async () => {
      pgliteVersion ??= await client
        .query<{ version: string }>("SELECT version() AS version")
        .then((result) => shortVersion(result.rows[0]?.version ?? "unknown"));
      return pgliteVersion ?? "unknown";
    },
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(config: AppConfig, log: Logger): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: config.database.url,
    max: config.database.poolSize,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: "docket",
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", (error) => log.warn({ err: error }, "idle database connection lost"));

  const attempts = config.database.connectRetries + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query("SELECT 1");
      break;
    } catch (error) {
      if (attempt >= attempts) {
        await pool.end().catch(() => undefined);
        throw new DatabaseUnavailableError(
          `Cannot connect to PostgreSQL after ${attempts} attempt(s): ${(error as Error).message}`,
          { cause: error },
        );
      }
      const delay = Math.min(200 * 2 ** (attempt - 1), 5000);
      log.warn({ attempt, delayMs: delay, err: error }, "database not reachable yet; retrying");
      await sleep(delay);
    }
  }

  const vectorAvailable = await detectVector(pool, log);
  const db = drizzlePostgres(pool, { schema }) as unknown as Database;
  let closed = false;
  let serverVersion: string | undefined;
  return {
    db,
    kind: "postgres",
    capabilities: { vector: vectorAvailable },
    ping: () => timed(() => pool.query("SELECT 1")),
    // The server version does not change under a connection pool often enough to be worth a
    // second round trip on every health check: ask once, remember it.
    version: async () => {
      serverVersion ??= await pool
        .query<{ version: string }>("SELECT version() AS version")
        .then((result) => shortVersion(result.rows[0]?.version ?? "unknown"));
      return serverVersion ?? "unknown";
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** pgvector is optional on PostgreSQL: use it when it is installed or installable. */
async function detectVector(pool: pg.Pool, log: Logger): Promise<boolean> {
  try {
    const available = await pool.query(
      "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'",
    );
    if (available.rowCount === 0) return false;
    await pool.query("CREATE EXTENSION IF NOT EXISTS vector");
    return true;
  } catch (error) {
    log.warn({ err: error }, "pgvector is available but could not be enabled; lexical search only");
    return false;
  }
}

/** Opens PostgreSQL when `DATABASE_URL` is set, otherwise the embedded PGlite in `DATA_DIR/db`. */
export async function openDatabase(config: AppConfig, log: Logger): Promise<DatabaseHandle> {
  return config.database.url
    ? openPostgres(config, log)
    : openPglite(config.dataDir, config.database.pgliteSharedBuffersMb, log);
}

/** Runs a statement and returns its rows, on either driver. */
export async function queryRows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
