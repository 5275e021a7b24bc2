import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { openDatabase, queryRows, type DatabaseHandle } from "../../db/client.js";
import { runMigrations } from "../../db/migrate.js";
import { MIGRATIONS_DIR } from "../../paths.js";
import { testConfig } from "../../../test/helpers/app.js";
import { TEST_DATABASE_URL } from "../../../test/helpers/env.js";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/postgres.js";

/**
 * Upgrading an index built before migration 0004 (postings found by `document_id`): the chunks
 * learn their terms from the postings, so removing a document afterwards still removes them all.
 */

const log = pino({ level: "silent" });
let database: DatabaseHandle;
let testDb: TestDatabase | undefined;
let oldMigrations: string;
const config = () => testConfig(testDb ? { DATABASE_URL: testDb.url } : {});

beforeAll(async () => {
  if (TEST_DATABASE_URL) testDb = await createTestDatabase(TEST_DATABASE_URL);
  database = await openDatabase(config(), log);
  // The migrations as they were before 0004.
  oldMigrations = mkdtempSync(join(tmpdir(), "docket-migrations-"));
  cpSync(MIGRATIONS_DIR, oldMigrations, { recursive: true });
  rmSync(join(oldMigrations, "0004_chunk_terms_by_chunk.sql"));
  const journalPath = join(oldMigrations, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((entry) => entry.tag < "0004");
  writeFileSync(journalPath, JSON.stringify(journal));
}, 60_000);
afterAll(async () => {
  await database.close();
  await testDb?.drop();
  rmSync(oldMigrations, { recursive: true, force: true });
});

describe("migration 0004 (postings without a document_id index)", () => {
  it("keeps an existing index removable: deleting its document leaves no posting or frequency", async () => {
    await runMigrations(database, oldMigrations);
    const db = database.db;
    // What 0003-era ingestion wrote: a document, two chunks, their postings with document_id.
    await db.execute(
      sql`INSERT INTO "user" (id, name, email) VALUES ('u1', 'Old', 'old@example.test')`,
    );
    await db.execute(sql`
      INSERT INTO documents (id, user_id, title, source_key, content_type, bytes, content_hash, status, chunk_count)
      VALUES ('d1', 'u1', 'Quokka notes', 'file:q.md', 'text/markdown', 40, 'h1', 'ready', 2),
             ('d2', 'u1', 'Kept', 'file:k.md', 'text/markdown', 10, 'h2', 'ready', 1)`);
    await db.execute(sql`
      INSERT INTO document_chunks (id, document_id, user_id, position, text, length)
      VALUES ('c1', 'd1', 'u1', 0, 'Quokka note.', 5), ('c2', 'd1', 'u1', 1, 'Another note.', 4),
             ('c3', 'd2', 'u1', 0, 'Kept note.', 4)`);
    await db.execute(sql`
      INSERT INTO chunk_terms (user_id, term, chunk_id, document_id, tf, dl)
      VALUES ('u1', 'quokka', 'c1', 'd1', 3, 5), ('u1', 'note', 'c1', 'd1', 2, 5),
             ('u1', 'anoth', 'c2', 'd1', 2, 4), ('u1', 'note', 'c2', 'd1', 2, 4),
             ('u1', 'kept', 'c3', 'd2', 3, 4), ('u1', 'note', 'c3', 'd2', 1, 4)`);
    await db.execute(sql`
      INSERT INTO knowledge_terms (user_id, term, df)
      VALUES ('u1', 'quokka', 1), ('u1', 'note', 3), ('u1', 'anoth', 1), ('u1', 'kept', 1)`);
    await db.execute(
      sql`INSERT INTO knowledge_stats (user_id, chunk_count, total_length) VALUES ('u1', 3, 13)`,
    );

    const app = await buildApp(config(), { database, logger: log }); // applies 0004
    try {
      const actor = { userId: "u1", timezone: "UTC", via: "session" as const };
      const [hit] = await app.knowledge.search(actor, { query: "quokka" });
      expect(hit?.document_id).toBe("d1");
      await app.knowledge.delete(actor, "d1");
      expect(await app.knowledge.search(actor, { query: "quokka" })).toEqual([]);
      const [state] = await queryRows<{ postings: string; terms: string; stats: string }>(
        app.db,
        sql`SELECT
          (SELECT string_agg(term || ':' || chunk_id, ',' ORDER BY term) FROM chunk_terms) AS postings,
          (SELECT string_agg(term || ':' || df, ',' ORDER BY term) FROM knowledge_terms WHERE df > 0) AS terms,
          (SELECT chunk_count || '/' || total_length FROM knowledge_stats) AS stats`,
      );
      expect(state).toEqual({ postings: "kept:c3,note:c3", terms: "kept:1,note:1", stats: "1/4" });
      expect((await app.knowledge.search(actor, { query: "kept note" }))[0]?.document_id).toBe(
        "d2",
      );
    } finally {
      await app.close();
    }
  }, 60_000);
});
