import { pino } from "pino";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type App } from "../../app.js";
import { openDatabase, type DatabaseHandle } from "../../db/client.js";
import { insertUser } from "../../../test/factories/user.js";
import { testConfig } from "../../../test/helpers/app.js";
import { TEST_DATABASE_URL } from "../../../test/helpers/env.js";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/postgres.js";
import { IngestionWorker } from "./ingestion.worker.js";
import { KnowledgeService } from "./knowledge.service.js";

const log = pino({ level: "silent" });
let database: DatabaseHandle;
let testDb: TestDatabase | undefined;
const config = () => testConfig(testDb ? { DATABASE_URL: testDb.url } : {});

// One database shared by several app instances, as after a restart or with several replicas.
beforeAll(async () => {
  if (TEST_DATABASE_URL) testDb = await createTestDatabase(TEST_DATABASE_URL);
  database = await openDatabase(config(), log);
});
afterAll(async () => {
  await database.close();
  await testDb?.drop();
});

const largeMarkdown = (topic: string) =>
  `# ${topic}\n\n` +
  Array.from(
    { length: 30 },
    (_, i) => `## Part ${i}\n\nThe ${topic} section ${i} explains details.`,
  ).join("\n\n");

async function newApp(): Promise<App> {
  return buildApp(config(), { database, logger: log });
}

describe("background ingestion", () => {
  it("queues large documents (202 processing) and two workers never index the same one", async () => {
    const app = await newApp();
    try {
      const actor = await insertUser(app);
      // A tiny inline limit makes every document "large" for this service instance.
      const service = new KnowledgeService(
        app.db,
        log,
        { maxBytes: 1e6, inlineMaxChars: 10 },
        undefined,
      );
      const ids: string[] = [];
      for (const topic of ["apples", "bananas", "cherries", "dates", "elderberries", "figs"]) {
        const result = await service.ingest(actor, {
          data: largeMarkdown(topic),
          contentType: "text/markdown",
        });
        expect(result).toMatchObject({
          outcome: "queued",
          document: { status: "processing", chunk_count: 0 },
        });
        ids.push(result.document.id);
      }
      const first = new IngestionWorker(app.db, service, log);
      const second = new IngestionWorker(app.db, service, log);
      const results: string[] = [];
      const work = async (worker: IngestionWorker) => {
        for (let done = await worker.runOnce(); done; done = await worker.runOnce())
          results.push(done.id);
      };
      await Promise.all([work(first), work(second)]);
      expect([...results].sort()).toEqual([...ids].sort());
      for (const id of ids) {
        const document = await service.get(actor, id);
        expect(document).toMatchObject({ status: "ready", chunk_count: 30 });
      }
      const hits = await service.search(actor, { query: "cherries section 7" });
      expect(hits[0]).toMatchObject({
        document_title: "cherries",
        heading_path: ["cherries", "Part 7"],
      });
    } finally {
      await app.close();
    }
  });

  it("a restarted instance resumes documents left processing, including expired claims", async () => {
    const before = await newApp();
    const actor = await insertUser(before);
    const service = new KnowledgeService(
      before.db,
      log,
      { maxBytes: 1e6, inlineMaxChars: 10 },
      undefined,
    );
    const queued = await service.ingest(actor, {
      data: largeMarkdown("grapes"),
      contentType: "text/markdown",
    });
    const crashed = await service.ingest(actor, {
      data: largeMarkdown("kiwis"),
      contentType: "text/markdown",
    });
    // A worker claimed this one and died: its lease has run out.
    await before.db.execute(
      sql`UPDATE documents SET claimed_until = now() - interval '1 second', attempts = 1 WHERE id = ${crashed.document.id}`,
    );
    await before.close(); // never became ready: no worker ran

    const after = await newApp();
    try {
      await after.ready(); // the worker starts with the app
      await expect
        .poll(async () => (await after.knowledge.get(actor, queued.document.id)).status, {
          timeout: 20_000,
        })
        .toBe("ready");
      await expect
        .poll(async () => (await after.knowledge.get(actor, crashed.document.id)).status, {
          timeout: 20_000,
        })
        .toBe("ready");
      expect((await after.knowledge.search(actor, { query: "kiwis" })).length).toBeGreaterThan(0);
    } finally {
      await after.close();
    }
  });
});
