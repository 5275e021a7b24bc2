import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { queryRows } from "../../db/client.js";
import { insertUser } from "../../../test/factories/user.js";
import { buildTestApp } from "../../../test/helpers/app.js";
import type { Actor } from "../auth/actor.js";

let app: App;
beforeAll(async () => {
  app = await buildTestApp({ env: { DOCUMENT_MAX_BYTES: "4096" } });
});
afterAll(async () => {
  await app.close();
});

const titles = async (actor: Actor, query: string) =>
  (await app.knowledge.search(actor, { query })).map((result) => result.document_title);

async function stats(actor: Actor) {
  const [row] = await queryRows<{ chunks: number; postings: number; stat_chunks: number }>(
    app.db,
    sql`SELECT (SELECT count(*) FROM document_chunks WHERE user_id = ${actor.userId})::int AS chunks,
               (SELECT count(*) FROM chunk_terms WHERE user_id = ${actor.userId})::int AS postings,
               (SELECT coalesce(max(chunk_count), 0) FROM knowledge_stats WHERE user_id = ${actor.userId})::int AS stat_chunks`,
  );
  return row!;
}

/** How many distinct terms the English configuration makes of a text. */
async function termCount(text: string) {
  const [row] = await queryRows<{ n: number }>(
    app.db,
    sql`SELECT length(to_tsvector('english', ${text}))::int AS n`,
  );
  return row!.n;
}

/** Terms whose stored document frequency differs from the postings actually there. */
async function frequencyDrift(actor: Actor) {
  return queryRows<{ term: string; stored: number; actual: number }>(
    app.db,
    sql`SELECT coalesce(k.term, p.term) AS term, coalesce(k.df, 0) AS stored, coalesce(p.df, 0) AS actual
        FROM (SELECT term, df FROM knowledge_terms WHERE user_id = ${actor.userId} AND df > 0) k
        FULL JOIN (SELECT term, count(*)::int AS df FROM chunk_terms WHERE user_id = ${actor.userId}
                   GROUP BY term) p ON p.term = k.term
        WHERE k.df IS DISTINCT FROM p.df`,
  );
}

describe("BM25 ranking", () => {
  it("ranks a rare query term above a common one (IDF), with stemming and stop words", async () => {
    const actor = await insertUser(app);
    for (let i = 0; i < 8; i++) {
      await app.knowledge.ingest(actor, {
        data: `The project meeting notes number ${i}. The project is on track.`,
        title: `Meeting ${i}`,
      });
    }
    await app.knowledge.ingest(actor, {
      data: "The project budget was approved by the committee.",
      title: "Budget",
    });
    await app.knowledge.ingest(actor, {
      data: "Volcanoes erupted near the project site. The project paused.",
      title: "Incident",
    });
    // "project" is everywhere, "volcanic"/"budgets" are rare: the rare term decides.
    expect((await titles(actor, "project volcano"))[0]).toBe("Incident");
    expect((await titles(actor, "the budgets of the project"))[0]).toBe("Budget");
    // Only stop words: nothing to search for.
    expect(await titles(actor, "the of and")).toEqual([]);
  });

  it("boosts documents whose title matches", async () => {
    const actor = await insertUser(app);
    await app.knowledge.ingest(actor, {
      data: "Notes about many things, including a brief mention of espresso machines.",
      title: "Miscellany",
    });
    await app.knowledge.ingest(actor, {
      data: "How to clean the group head and descale the boiler every month.",
      title: "Espresso machine care",
    });
    expect((await titles(actor, "espresso machine"))[0]).toBe("Espresso machine care");
  });

  it("returns headings and positions for citations, and treats SQL and HTML in queries as text", async () => {
    const actor = await insertUser(app);
    await app.knowledge.ingest(actor, {
      data: "# Handbook\n\nWelcome.\n\n## Expenses\n\nReceipts are required for every expense.",
      contentType: "text/markdown",
    });
    const [hit] = await app.knowledge.search(actor, { query: "receipts" });
    expect(hit).toMatchObject({ document_title: "Handbook", position: 1 });
    expect(hit?.heading_path).toEqual(["Handbook", "Expenses"]);
    for (const query of [
      "'; DROP TABLE documents; --",
      "<script>alert(1)</script>",
      "%_\\",
      "  ",
    ]) {
      await expect(app.knowledge.search(actor, { query })).resolves.toEqual([]);
    }
  });
});

describe("ingestion", () => {
  it("re-ingesting unchanged content is a no-op; changed content replaces the chunks atomically", async () => {
    const actor = await insertUser(app);
    const first = await app.knowledge.ingest(actor, {
      data: "Alpha particles.",
      title: "Physics",
      sourceUrl: "https://notes.test/physics",
    });
    expect(first.outcome).toBe("created");
    const again = await app.knowledge.ingest(actor, {
      data: "Alpha particles.",
      title: "Physics",
      sourceUrl: "https://notes.test/physics",
    });
    expect(again).toMatchObject({ outcome: "unchanged", document: { id: first.document.id } });
    expect(await stats(actor)).toEqual({ chunks: 1, postings: 2 + 1, stat_chunks: 1 });

    const changed = await app.knowledge.ingest(actor, {
      data: "Beta decay.\n\nGamma rays.",
      title: "Physics",
      sourceUrl: "https://notes.test/physics",
    });
    expect(changed).toMatchObject({ outcome: "replaced", document: { id: first.document.id } });
    expect(await titles(actor, "alpha")).toEqual([]);
    expect(await titles(actor, "gamma")).toEqual(["Physics"]);
    expect((await stats(actor)).stat_chunks).toBe((await stats(actor)).chunks);
  });

  it("a failing replacement leaves the old version intact", async () => {
    const actor = await insertUser(app);
    await app.knowledge.ingest(actor, { data: "Original text.", filename: "a.txt" });
    await expect(
      app.knowledge.ingest(actor, { data: new Uint8Array(5000), filename: "a.txt" }),
    ).rejects.toMatchObject({ status: 413 });
    await expect(
      app.knowledge.ingest(actor, {
        data: "%PDF-1.4 broken",
        filename: "a.pdf",
        contentType: "application/pdf",
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(await titles(actor, "original")).toEqual(["a"]);
    const { documents } = await app.knowledge.list(actor, { limit: 10 });
    expect(documents).toHaveLength(1);
  });

  it("deleting a document removes its chunks, postings and statistics", async () => {
    const actor = await insertUser(app);
    const kept = await app.knowledge.ingest(actor, { data: "Keep me around.", title: "Kept" });
    const gone = await app.knowledge.ingest(actor, { data: "Remove me now.", title: "Gone" });
    const before = await stats(actor);
    await app.knowledge.delete(actor, gone.document.id);
    // The postings of the deleted document's one chunk go, and no more.
    expect(await stats(actor)).toEqual({
      chunks: 1,
      stat_chunks: 1,
      postings: before.postings - (await termCount("Gone Remove me now.")),
    });
    expect(await frequencyDrift(actor)).toEqual([]);
    expect(await titles(actor, "remove")).toEqual([]);
    await expect(app.knowledge.get(actor, gone.document.id)).rejects.toMatchObject({ status: 404 });
    expect((await app.knowledge.get(actor, kept.document.id)).status).toBe("ready");
  });
});

describe("document frequencies", () => {
  it("stay exact through concurrent ingests, replacements and deletes of one user", async () => {
    const actor = await insertUser(app);
    const other = await insertUser(app);
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        app.knowledge.ingest(i % 2 ? actor : other, {
          data: `Shared words here. Unique${i} topic ${i % 3 ? "gardening" : "astronomy"}.`,
          filename: `n${i}.txt`,
        }),
      ),
    );
    await Promise.all([
      app.knowledge.ingest(actor, { data: "Replaced with telescopes.", filename: "n1.txt" }),
      app.knowledge.delete(actor, created[3]!.document.id),
      app.knowledge.ingest(actor, { data: "Shared words, astronomy again.", filename: "n7.txt" }),
    ]);
    expect(await frequencyDrift(actor)).toEqual([]);
    expect(await frequencyDrift(other)).toEqual([]);
    // "astronomy": n7 only (n3 deleted, n1 replaced); the other user's copies do not count.
    const [hit] = await app.knowledge.search(actor, { query: "astronomy" });
    expect(hit?.document_title).toBe("n7");
    expect(await titles(actor, "gardening")).toEqual(["n5"]);
    await app.knowledge.recomputeStats(actor.userId);
    expect(await frequencyDrift(actor)).toEqual([]);
  });

  it("deleting a user removes their postings and frequencies too", async () => {
    const actor = await insertUser(app);
    await app.knowledge.ingest(actor, { data: "Ephemeral quokka notes.", title: "Quokka" });
    expect((await stats(actor)).postings).toBeGreaterThan(0);
    await app.db.execute(sql`DELETE FROM "user" WHERE id = ${actor.userId}`);
    const [left] = await queryRows<{ postings: number; terms: number }>(
      app.db,
      sql`SELECT (SELECT count(*) FROM chunk_terms WHERE user_id = ${actor.userId})::int AS postings,
                 (SELECT count(*) FROM knowledge_terms WHERE user_id = ${actor.userId})::int AS terms`,
    );
    expect(left).toEqual({ postings: 0, terms: 0 });
  });
});

describe("isolation", () => {
  it("never shows, changes or deletes another user's documents", async () => {
    const alice = await insertUser(app);
    const bob = await insertUser(app);
    const secret = await app.knowledge.ingest(alice, {
      data: "Zanzibar launch codes.",
      title: "Secret",
    });
    expect(await titles(bob, "zanzibar launch codes")).toEqual([]);
    await expect(app.knowledge.get(bob, secret.document.id)).rejects.toMatchObject({ status: 404 });
    await expect(app.knowledge.delete(bob, secret.document.id)).rejects.toMatchObject({
      status: 404,
    });
    expect((await app.knowledge.list(bob, { limit: 50 })).documents).toEqual([]);
    // The same content under Bob is Bob's own document, not Alice's.
    const bobs = await app.knowledge.ingest(bob, {
      data: "Zanzibar launch codes.",
      title: "Secret",
    });
    expect(bobs.outcome).toBe("created");
    expect(bobs.document.id).not.toBe(secret.document.id);
    expect(await titles(alice, "zanzibar")).toEqual(["Secret"]);
  });

  it("pages through documents with an opaque cursor and rejects a forged one", async () => {
    const actor = await insertUser(app);
    for (let i = 0; i < 5; i++)
      await app.knowledge.ingest(actor, { data: `Doc ${i} body.`, title: `Doc ${i}` });
    const first = await app.knowledge.list(actor, { limit: 2 });
    const second = await app.knowledge.list(actor, { limit: 2, cursor: first.next_cursor! });
    const third = await app.knowledge.list(actor, { limit: 2, cursor: second.next_cursor! });
    const seen = [...first.documents, ...second.documents, ...third.documents].map((d) => d.title);
    expect(seen).toEqual(["Doc 4", "Doc 3", "Doc 2", "Doc 1", "Doc 0"]);
    expect(third.next_cursor).toBeNull();
    await expect(app.knowledge.list(actor, { limit: 2, cursor: "garbage" })).rejects.toMatchObject({
      status: 422,
    });
  });
});
