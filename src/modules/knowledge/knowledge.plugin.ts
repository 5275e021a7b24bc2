import type { App } from "../../app.js";
import { createEmbedder } from "./embedder.js";
import { IngestionWorker } from "./ingestion.worker.js";
import { registerKnowledgeRoutes } from "./knowledge.routes.js";
import { KnowledgeService } from "./knowledge.service.js";
import { VectorIndex } from "./vector.index.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The knowledge base service (documents, search) for routes, chat tools and MCP. */
    knowledge: KnowledgeService;
    /** The background indexer of large documents. */
    knowledgeWorker: IngestionWorker;
  }
}

/**
 * Wires the knowledge base: vector search when an embedding provider is configured and pgvector
 * is present (lexical BM25 otherwise), the background worker, health and routes.
 */
export async function registerKnowledge(app: App): Promise<void> {
  const log = app.log.child({ module: "knowledge" });
  const vectorAvailable = app.database.capabilities.vector;
  const embedder = vectorAvailable
    ? createEmbedder(app.config.embedding, app.config.llm.timeoutMs)
    : undefined;
  let vectors: VectorIndex | undefined;
  if (embedder) {
    vectors = new VectorIndex(app.db, embedder);
    await vectors.ensureSchema();
  }
  // The service wakes the worker when it queues a document; the worker needs the service.
  const wake: { worker?: IngestionWorker } = {};
  const service = new KnowledgeService(
    app.db,
    log,
    {
      maxBytes: app.config.documents.maxBytes,
      onQueued: () => wake.worker?.kick(),
      // Two connections of the pool index side by side; PGlite has one.
      writeConcurrency: app.database.kind === "postgres" ? 2 : 1,
    },
    vectors,
  );
  const worker = new IngestionWorker(app.db, service, log);
  wake.worker = worker;
  app.decorate("knowledge", service);
  app.decorate("knowledgeWorker", worker);
  app.addHook("onReady", async () => worker.start());
  app.addHook("preClose", async () => {
    await worker.stop();
    await service.statistics.close();
  });

  const configured = app.config.embedding.provider !== "none";
  app.health.register("knowledge", async () => ({
    // Embeddings asked for but pgvector missing: search still works, lexically.
    status: configured && !vectors ? "degraded" : "healthy",
    mode: service.mode,
    embedding_provider: app.config.embedding.provider,
    embedding_model: service.embedderName ?? null,
    vector_extension: vectorAvailable,
    pending_documents: await service.documents.pendingCount(),
    ...(configured && !vectors ? { reason: "pgvector is not available; lexical search only" } : {}),
  }));

  await registerKnowledgeRoutes(app, service);
}
