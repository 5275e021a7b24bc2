import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { queryRows } from "../../db/client.js";
import { insertUser } from "../../../test/factories/user.js";
import { buildTestApp } from "../../../test/helpers/app.js";
import type { Actor } from "../auth/actor.js";
import { BATCH_MAX_DOCUMENTS } from "./ingest.plan.js";
import { KnowledgeService, type BulkIngestOutcome, type IngestInput } from "./knowledge.service.js";

/** `ingestMany`, the path of `docket ingest <folder>`: many documents per transaction. */

let app: App;
beforeAll(async () => {
  app = await buildTestApp({ env: { DOCUMENT_MAX_BYTES: String(1024 * 1024) } });
});
afterAll(async () => {
  await app.close();
});

const titles = async (actor: Actor, query: string, limit = 10) =>
  (await app.knowledge.search(actor, { query, limit })).map((result) => result.document_title);

/** What the user's index holds, and whether its statistics agree with it. */
async function index(actor: Actor) {
  const [row] = await queryRows<{
    documents: number;
    chunks: number;
    stat_chunks: number;
    length_drift: number;
    df_drift: number;
  }>(
    app.db,
    sql`SELECT
      (SELECT count(*) FROM documents WHERE user_id = ${actor.userId})::int AS documents,
      (SELECT count(*) FROM document_chunks WHERE user_id = ${actor.userId})::int AS chunks,
      (SELECT coalesce(max(chunk_count), 0) FROM knowledge_stats WHERE user_id = ${actor.userId})::int AS stat_chunks,
      (SELECT abs(coalesce(max(s.total_length), 0) - coalesce((SELECT sum(length) FROM document_chunks
         WHERE user_id = ${actor.userId}), 0)) FROM knowledge_stats s WHERE s.user_id = ${actor.userId})::float8 AS length_drift,
      (SELECT count(*) FROM (SELECT term, df FROM knowledge_terms WHERE user_id = ${actor.userId} AND df > 0) k
         FULL JOIN (SELECT term, count(*)::int AS df FROM chunk_terms WHERE user_id = ${actor.userId} GROUP BY term) p
         ON p.term = k.term WHERE k.df IS DISTINCT FROM p.df)::int AS df_drift`,
  );
  return row!;
}

const note = (i: number, word = `topic${i}`) => ({
  data: `# Note ${i}\n\nShared garden words. The ${word} paragraph is unique to note ${i}.\n\n## Details\n\nMore text ${i}.`,
  filename: `note-${i}.md`,
});

const failedWith = (outcome: BulkIngestOutcome | undefined) =>
  outcome && !outcome.ok ? outcome.error.message : undefined;

describe("bulk ingestion (ingestMany)", () => {
  it("stores a folder's worth of documents across batches, each searchable, with exact statistics", async () => {
    const actor = await insertUser(app);
    const count = BATCH_MAX_DOCUMENTS * 2 + 5;
    const inputs: IngestInput[] = Array.from({ length: count }, (_, i) => note(i));
    const outcomes = await app.knowledge.ingestMany(actor, inputs);
    expect(outcomes.every((outcome) => outcome.ok && outcome.result.outcome === "created")).toBe(
      true,
    );
    expect(await index(actor)).toMatchObject({ documents: count, df_drift: 0 });
    const { chunks, stat_chunks, length_drift } = await index(actor);
    expect(stat_chunks).toBe(chunks);
    expect(length_drift).toBeLessThan(1e-3);
    // Every document is found by its own word, first of all the others, with its headings.
    for (const i of [0, BATCH_MAX_DOCUMENTS, count - 1]) {
      const [hit] = await app.knowledge.search(actor, { query: `topic${i}` });
      expect(hit).toMatchObject({ document_title: `Note ${i}` });
    }
    const [detail] = await app.knowledge.search(actor, { query: `more text ${count - 1} details` });
    expect(detail?.heading_path).toEqual([`Note ${count - 1}`, "Details"]);
    // The same results as one-by-one ingestion would give: the shared word is in every note.
    expect(await titles(actor, "garden", 200)).toHaveLength(count);
  });

  it("fails a bad file alone, with its reason, and stores the others of its batch", async () => {
    const actor = await insertUser(app);
    const outcomes = await app.knowledge.ingestMany(actor, [
      note(1),
      { data: "", filename: "empty.txt" },
      note(2),
      { data: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]), filename: "tool.exe" },
      { data: "x".repeat(1024 * 1024 + 1), filename: "huge.txt" },
      { data: "%PDF-1.4 broken", filename: "broken.pdf", contentType: "application/pdf" },
      note(3),
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(failedWith(outcomes[1])).toMatch(/empty/i);
    expect(failedWith(outcomes[3])).toMatch(/not supported/i);
    expect(failedWith(outcomes[4])).toMatch(/limit/i);
    expect(outcomes[5]?.ok).toBe(false);
    expect(await index(actor)).toMatchObject({ documents: 3, df_drift: 0 });
    expect(await titles(actor, "topic2")).toEqual(["Note 2"]);
  });

  it("a document the database refuses fails alone; the rest of its batch is stored", async () => {
    const actor = await insertUser(app);
    // A stand-in for any per-document database failure (a constraint, a corrupt value).
    await app.db.execute(sql`
      CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.title = 'Poison' THEN RAISE EXCEPTION 'poisoned document refused'; END IF;
        RETURN NEW;
      END $$`);
    await app.db.execute(sql`
      CREATE TRIGGER refuse_poison BEFORE INSERT OR UPDATE ON documents
      FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
    try {
      const outcomes = await app.knowledge.ingestMany(actor, [
        note(1),
        { data: "Poisoned quagga text.", title: "Poison", filename: "poison.md" },
        note(2),
      ]);
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
      expect(failedWith(outcomes[1])).toMatch(/poisoned document refused/);
    } finally {
      await app.db.execute(sql`DROP TRIGGER refuse_poison ON documents`);
      await app.db.execute(sql`DROP FUNCTION refuse_poison()`);
    }
    expect(await titles(actor, "quagga")).toEqual([]);
    expect(await titles(actor, "topic1 topic2")).toEqual(["Note 1", "Note 2"]);
    expect(await index(actor)).toMatchObject({ documents: 2, df_drift: 0 });
  });

  it("skips unchanged files, replaces changed ones atomically, and takes a repeated file's last version", async () => {
    const actor = await insertUser(app);
    const inputs = Array.from({ length: 6 }, (_, i) => note(i));
    await app.knowledge.ingestMany(actor, inputs);
    const before = await index(actor);

    const again = await app.knowledge.ingestMany(actor, [
      ...inputs.slice(0, 4),
      note(4, "zebrafish"),
      note(5, "okapi"),
      note(5, "narwhal"),
    ]);
    expect(again.map((outcome) => outcome.ok && outcome.result.outcome)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "replaced",
      "replaced",
      "replaced",
    ]);
    expect(await titles(actor, "topic4")).toEqual([]);
    expect(await titles(actor, "zebrafish")).toEqual(["Note 4"]);
    expect(await titles(actor, "okapi")).toEqual([]);
    expect(await titles(actor, "narwhal")).toEqual(["Note 5"]);
    const after = await index(actor);
    expect(after).toMatchObject({ documents: 6, chunks: before.chunks, df_drift: 0 });
    expect(after.stat_chunks).toBe(after.chunks);
  });

  it("deleting bulk-ingested documents removes every one of their postings", async () => {
    const actor = await insertUser(app);
    const outcomes = await app.knowledge.ingestMany(
      actor,
      Array.from({ length: 10 }, (_, i) => note(i)),
    );
    const ids = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.result.document.id] : []));
    for (const id of ids.slice(1)) await app.knowledge.delete(actor, id);
    expect(await titles(actor, "topic5")).toEqual([]);
    expect(await titles(actor, "garden")).toEqual(["Note 0"]);
    const one = await index(actor);
    expect(one).toMatchObject({ documents: 1, df_drift: 0 });
    expect(one.stat_chunks).toBe(one.chunks);

    await app.knowledge.delete(actor, ids[0]!);
    const [left] = await queryRows<{ postings: number; frequencies: number; chunks: number }>(
      app.db,
      sql`SELECT (SELECT count(*) FROM chunk_terms WHERE user_id = ${actor.userId})::int AS postings,
                 (SELECT count(*) FROM knowledge_terms WHERE user_id = ${actor.userId} AND df > 0)::int AS frequencies,
                 (SELECT chunk_count FROM knowledge_stats WHERE user_id = ${actor.userId}) AS chunks`,
    );
    expect(left).toEqual({ postings: 0, frequencies: 0, chunks: 0 });
    expect(await titles(actor, "garden")).toEqual([]);
  });

  it("queues a large document of the batch for the worker and indexes the small ones now", async () => {
    const actor = await insertUser(app);
    const large = {
      data:
        "# Atlas\n\n" +
        Array.from(
          { length: 700 },
          (_, i) => `## Part ${i}\n\n${"Cartography wombat. ".repeat(20)}`,
        ).join("\n\n"),
      filename: "atlas.md",
    };
    const outcomes = await app.knowledge.ingestMany(actor, [note(1), large, note(2)]);
    expect(outcomes.map((outcome) => outcome.ok && outcome.result.outcome)).toEqual([
      "created",
      "queued",
      "created",
    ]);
    expect(await titles(actor, "topic1 topic2")).toEqual(["Note 1", "Note 2"]);
    await app.knowledgeWorker.drain();
    expect((await titles(actor, "cartography wombat"))[0]).toBe("Atlas");
    expect(await index(actor)).toMatchObject({ documents: 3, df_drift: 0 });
  }, 60_000);

  it("with batches written side by side, a file named twice still ends as its last version", async () => {
    const actor = await insertUser(app);
    const service = new KnowledgeService(
      app.db,
      pino({ level: "silent" }),
      { maxBytes: 1e6, writeConcurrency: 3 },
      undefined,
    );
    const inputs: IngestInput[] = Array.from({ length: BATCH_MAX_DOCUMENTS * 3 }, (_, i) =>
      note(i),
    );
    // note 7 again right after the first batch's 63 notes, then a third version at the end.
    inputs.splice(BATCH_MAX_DOCUMENTS - 1, 0, note(7, "okapi"));
    inputs.push(note(7, "narwhal"));
    const outcomes = await service.ingestMany(actor, inputs);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    // The repeat starts the second batch, which is written next to the first: it must wait for
    // the first version to be stored to report a replacement (and skip identical content).
    expect(outcomes[BATCH_MAX_DOCUMENTS - 1]).toMatchObject({ result: { outcome: "replaced" } });
    expect(outcomes.at(-1)).toMatchObject({ ok: true, result: { outcome: "replaced" } });
    expect(await titles(actor, "narwhal")).toEqual(["Note 7"]);
    expect(await titles(actor, "okapi topic7")).toEqual([]);
    const stored = await index(actor);
    expect(stored).toMatchObject({ documents: BATCH_MAX_DOCUMENTS * 3, df_drift: 0 });
    expect(stored.stat_chunks).toBe(stored.chunks);
    expect(stored.length_drift).toBeLessThan(1e-3);
  });

  it("concurrent bulk and single ingests of one user neither deadlock nor drift; users stay apart", async () => {
    const alice = await insertUser(app);
    const bob = await insertUser(app);
    const inputs = Array.from({ length: 20 }, (_, i) => note(i));
    const reversed = [...inputs].reverse().map((input) => ({ ...input, data: `${input.data} v2` }));
    await Promise.all([
      app.knowledge.ingestMany(alice, inputs),
      app.knowledge.ingestMany(alice, reversed),
      app.knowledge.ingest(alice, note(3, "walrus")),
      app.knowledge.ingestMany(bob, inputs.slice(0, 5)),
    ]);
    expect(await index(alice)).toMatchObject({ documents: 20, df_drift: 0 });
    const aliceIndex = await index(alice);
    expect(aliceIndex.stat_chunks).toBe(aliceIndex.chunks);
    expect(await index(bob)).toMatchObject({ documents: 5, df_drift: 0 });
    expect(await titles(bob, "topic10")).toEqual([]);
    expect(await titles(alice, "topic10")).toEqual(["Note 10"]);
  }, 60_000);
});
