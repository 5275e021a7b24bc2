import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MIGRATIONS_DIR } from "../paths.js";
import { queryRows, type DatabaseHandle } from "./client.js";

/** Serialises migrations when several instances start at once against one PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_240_531_001;

/** One migration file and whether it has been applied. */
export interface MigrationState {
  name: string;
  applied: boolean;
  appliedAt: string | null;
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

function journal(folder: string): Journal {
  return JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as Journal;
}

/** Lists every migration with its applied state. */
export async function migrationStatus(
  handle: DatabaseHandle,
  folder = MIGRATIONS_DIR,
): Promise<MigrationState[]> {
  const files = readMigrationFiles({ migrationsFolder: folder });
  const tags = journal(folder).entries;
  let appliedMillis: number[];
  try {
    const rows = await queryRows<{ created_at: string }>(
      handle.db,
      sql`SELECT created_at FROM drizzle.__drizzle_migrations`,
    );
    appliedMillis = rows.map((row) => Number(row.created_at));
  } catch {
    appliedMillis = []; // The bookkeeping table does not exist before the first migration.
  }
  const lastApplied = appliedMillis.length ? Math.max(...appliedMillis) : -1;
  return files.map((file, index) => ({
    name: tags[index]?.tag ?? `migration ${index}`,
    applied: file.folderMillis <= lastApplied,
    appliedAt: file.folderMillis <= lastApplied ? new Date(file.folderMillis).toISOString() : null,
  }));
}

/** The number of migrations not yet applied. */
export async function pendingMigrations(handle: DatabaseHandle, folder = MIGRATIONS_DIR) {
  return (await migrationStatus(handle, folder)).filter((state) => !state.applied).length;
}

/** Applies pending migrations; safe to run from several instances at once. */
export async function runMigrations(
  handle: DatabaseHandle,
  folder = MIGRATIONS_DIR,
): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    return;
  }
  const db = handle.db as unknown as NodePgDatabase;
  // An advisory lock is per connection, so take it inside one transaction-scoped session.
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await migratePostgres(tx as unknown as NodePgDatabase, { migrationsFolder: folder });
  });
}
