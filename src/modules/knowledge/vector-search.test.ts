import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { startFakeEmbeddings } from "../../../test/fakes/embeddings-server.js";
import { insertUser } from "../../../test/factories/user.js";
import { buildTestApp } from "../../../test/helpers/app.js";

let app: App;
let fake: Awaited<ReturnType<typeof startFakeEmbeddings>>;
beforeAll(async () => {
  fake = await startFakeEmbeddings();
  app = await buildTestApp({
    env: {
      EMBEDDING_PROVIDER: "openai-compatible",
      EMBEDDING_BASE_URL: fake.baseUrl,
      EMBEDDING_MODEL: "fake-embed",
    },
  });
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

describe("vector retrieval with a fake embeddings server", () => {
  it("fuses BM25 with vector similarity (RRF) when pgvector is present, lexical otherwise", async () => {
    const health = await app.inject({ method: "GET", url: "/health/detailed" });
    const knowledge = health.json().dependencies.knowledge;
    if (!app.database.capabilities.vector) {
      // PostgreSQL without pgvector: configured embeddings degrade to lexical search, visibly.
      expect(knowledge).toMatchObject({ status: "degraded", mode: "lexical" });
      return;
    }
    expect(knowledge).toMatchObject({
      status: "healthy",
      mode: "hybrid",
      embedding_model: "openai-compatible/fake-embed",
    });
    const actor = await insertUser(app);
    const other = await insertUser(app);
    await app.knowledge.ingest(actor, {
      data: "The automobile needs new tyres before winter.",
      title: "Garage",
    });
    await app.knowledge.ingest(actor, { data: "Remember to water the plants.", title: "Home" });
    await app.knowledge.ingest(other, {
      data: "My sedan automobile vehicle car.",
      title: "Not yours",
    });
    expect(fake.requests.length).toBeGreaterThanOrEqual(3);

    // "car" never appears in Garage: only the embedding (car ~ automobile) can find it.
    const results = await app.knowledge.search(actor, { query: "car" });
    expect(results.map((result) => result.document_title)[0]).toBe("Garage");
    expect(results.every((result) => result.document_title !== "Not yours")).toBe(true);
    // Both lists agree on an exact term: it ranks first with a fused score.
    const exact = await app.knowledge.search(actor, { query: "plants water" });
    expect(exact[0]?.document_title).toBe("Home");
    expect(exact[0]!.score).toBeGreaterThan(1 / 61);
  });
});
