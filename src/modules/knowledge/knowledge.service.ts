import { setImmediate } from "node:timers/promises";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";

/** The logging a knowledge component needs (pino or fastify's logger). */
type Logger = Pick<FastifyBaseLogger, "info" | "warn" | "error">;
import type { Database } from "../../db/client.js";
import { documentChunks, documents } from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../auth/actor.js";
import type { Chunk } from "./chunker.js";
import { prepareDocument, type IngestInput, type PreparedDocument } from "./document.preparer.js";
import { DocumentRepository, toDocumentView, type DocumentView } from "./document.repository.js";
import { DocumentWriter } from "./document.writer.js";
import { reciprocalRankFusion } from "./fusion.js";
import { asError, BatchPlanner } from "./ingest.plan.js";
import {
  lockCorpus,
  removeDocumentTerms,
  searchLexical,
  type Executor,
  type LexicalHit,
} from "./lexical.index.js";
import { StatisticsRefresher, type StatisticsRefresherOptions } from "./statistics.refresher.js";
import type { VectorIndex } from "./vector.index.js";

/** Largest number of results one search returns (documented in API.md). */
export const SEARCH_MAX_LIMIT = 200;

export type { IngestInput } from "./document.preparer.js";

/** What ingestion did: `unchanged` means the same content was already there (a no-op). */
export interface IngestResult {
  document: DocumentView;
  outcome: "created" | "replaced" | "unchanged" | "queued";
}

/** The fate of one input of `ingestMany`: its result, or why it failed (it alone). */
export type BulkIngestOutcome = { ok: true; result: IngestResult } | { ok: false; error: Error };

/** One search hit: a chunk of one of the actor's documents. */
export interface KnowledgeSearchResult {
  document_id: string;
  document_title: string;
  chunk_id: string;
  text: string;
  score: number;
  /** 0-based position of the chunk in its document. */
  position: number;
  /** Enclosing section titles, outermost first. */
  heading_path: string[];
  /** The PDF page the chunk starts on, when known. */
  page: number | null;
}

/** Tuning of the knowledge service. */
export interface KnowledgeOptions {
  /** Largest accepted file (`DOCUMENT_MAX_BYTES`). */
  maxBytes: number;
  /** Documents with more text than this are indexed by the background worker. @default 262144 */
  inlineMaxChars?: number;
  /** Called when a document is queued for the background worker. */
  onQueued?: () => void;
  /**
   * Batches `ingestMany` stores at once (each in a transaction of its own). More than one helps
   * only with a pool of connections (PostgreSQL): PGlite runs one statement at a time. @default 1
   */
  writeConcurrency?: number;
  /** When to refresh the planner statistics of the knowledge tables after growth. */
  statistics?: StatisticsRefresherOptions;
}

/**
 * The knowledge base: ingest, list, delete and search a user's documents. HTTP routes, the chat
 * agent and MCP tools all call this; every method is scoped by the actor.
 */
export class KnowledgeService {
  readonly documents: DocumentRepository;
  /** Background `ANALYZE` of the knowledge tables when the corpus doubled. */
  readonly statistics: StatisticsRefresher;
  private readonly writer: DocumentWriter;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly options: KnowledgeOptions,
    private readonly vectors: VectorIndex | undefined,
  ) {
    this.documents = new DocumentRepository(db);
    this.statistics = new StatisticsRefresher(db, log, options.statistics);
    this.writer = new DocumentWriter(db, log, this.documents, this.statistics, vectors, {
      inlineMaxChars: options.inlineMaxChars ?? 256 * 1024,
      onQueued: options.onQueued,
    });
  }

  /** `hybrid` (BM25 + vectors, fused) or `lexical` (BM25 only). */
  get mode(): "hybrid" | "lexical" {
    return this.vectors ? "hybrid" : "lexical";
  }

  /** The embedder in use, if any (for health). */
  get embedderName(): string | undefined {
    return this.vectors?.embedder.name;
  }

  /**
   * Parses, chunks and indexes a document. Unchanged content under the same source is a no-op;
   * changed content replaces the old chunks in one transaction; large documents are queued.
   * @throws AppError 413 too large, 415 unsupported type, 422 empty or unreadable.
   */
  async ingest(actor: Actor, input: IngestInput): Promise<IngestResult> {
    return this.storeOne(actor.userId, await prepareDocument(input, this.options.maxBytes));
  }

  private async storeOne(userId: string, prepared: PreparedDocument): Promise<IngestResult> {
    const [result] = await this.writer.store(userId, [prepared]);
    if (!result) throw new Error("storing a document returned no result");
    return result;
  }

  /**
   * Ingests many documents (a folder: `docket ingest`) with the same semantics as `ingest`, but
   * several per transaction and statement: one document-frequency upsert and one commit per
   * batch, two batches at a time with `writeConcurrency` 2. A document that fails fails alone: its outcome carries the reason and the
   * others are stored. Outcomes are in the order of the inputs.
   */
  async ingestMany(actor: Actor, inputs: IngestInput[]): Promise<BulkIngestOutcome[]> {
    const outcomes: BulkIngestOutcome[] = new Array<BulkIngestOutcome>(inputs.length);
    // Parsing (this process's CPU) overlaps the database's indexing: the next batch is parsed
    // while this one is written. On a server with several connections two batches are written
    // side by side (they queue only for the corpus lock).
    const concurrency = this.options.writeConcurrency ?? 1;
    const writing = new Map<Promise<void>, Set<string>>();
    const batches = this.preparedBatches(inputs, outcomes);
    let next = batches.next();
    for (;;) {
      const current = await next;
      if (current.done) break;
      next = batches.next();
      const batch = current.value;
      // A file named twice: its later version waits until the earlier one is stored.
      const earlier = [...writing]
        .filter(([, keys]) => batch.some((item) => keys.has(item.prepared.sourceKey)))
        .map(([write]) => write);
      if (earlier.length > 0) await Promise.all(earlier);
      const write: Promise<void> = this.storeBatch(actor.userId, batch, outcomes).finally(() =>
        writing.delete(write),
      );
      writing.set(write, new Set(batch.map((item) => item.prepared.sourceKey)));
      if (writing.size >= concurrency) await Promise.race(writing.keys());
    }
    await Promise.all(writing.keys());
    return outcomes;
  }

  /** Parses the inputs in order and yields them in batches; a failure is recorded in `outcomes`. */
  private async *preparedBatches(
    inputs: IngestInput[],
    outcomes: BulkIngestOutcome[],
  ): AsyncGenerator<{ index: number; prepared: PreparedDocument }[]> {
    const planner = new BatchPlanner<{ index: number; prepared: PreparedDocument }>();
    for (const [index, input] of inputs.entries()) {
      let prepared: PreparedDocument;
      try {
        prepared = await prepareDocument(input, this.options.maxBytes);
      } catch (error) {
        outcomes[index] = { ok: false, error: asError(error) };
        continue;
      }
      const completed = planner.add({ index, prepared });
      if (completed) yield completed;
      // Parsing never waits on I/O: without this turn of the event loop, the next batch would be
      // parsed whole before the current one's statements are even answered (no overlap at all).
      await setImmediate();
    }
    const last = planner.finish();
    if (last) yield last;
  }

  /** Stores one batch in one transaction; if that fails, its documents one by one. */
  private async storeBatch(
    userId: string,
    batch: { index: number; prepared: PreparedDocument }[],
    outcomes: BulkIngestOutcome[],
  ): Promise<void> {
    let results: IngestResult[] | undefined;
    try {
      results = await this.writer.store(
        userId,
        batch.map((item) => item.prepared),
      );
    } catch (error) {
      // Nothing of the batch was stored (one transaction): store its documents one by one, so
      // only the culprit fails (a transient failure, such as a deadlock, gets a second try).
      this.log.warn({ err: error, documents: batch.length }, "batch failed; storing one by one");
    }
    for (const [position, item] of batch.entries()) {
      const stored = results?.[position];
      outcomes[item.index] = stored
        ? { ok: true, result: stored }
        : await this.storeOne(userId, item.prepared).then(
            (result) => ({ ok: true, result }),
            (error: unknown) => ({ ok: false, error: asError(error) }),
          );
    }
  }

  /** Embeds chunk texts (with their titles) when vector search is on. */
  async embed(chunks: Chunk[]): Promise<number[][] | undefined> {
    return this.writer.embed(chunks);
  }

  /**
   * Swaps a document's chunks, postings and embeddings inside the caller's transaction (which
   * should already hold the document's row lock: documents, then corpus statistics, then terms).
   * `fresh`: the document row was inserted by this transaction, so it has nothing to remove.
   * Also relaxes the durability of the caller's commit (see `DocumentWriter.replaceChunks`).
   */
  async replaceChunks(
    tx: Executor,
    userId: string,
    documentId: string,
    title: string,
    chunks: Chunk[],
    embeddings: number[][] | undefined,
    options: { fresh?: boolean } = {},
  ): Promise<void> {
    await this.writer.replaceChunks(tx, userId, [
      { id: documentId, title, chunks, embeddings, fresh: options.fresh ?? false },
    ]);
  }

  /** The actor's document. @throws AppError 404 when missing or someone else's. */
  async get(actor: Actor, id: string): Promise<DocumentView> {
    const row = await this.documents.find(actor.userId, id);
    if (!row) throw new AppError(404, "DOCUMENT_NOT_FOUND", "No such document.");
    return toDocumentView(row);
  }

  /** The actor's documents, newest first. @throws AppError 422 for a foreign cursor. */
  async list(
    actor: Actor,
    input: { limit: number; cursor?: string | undefined },
  ): Promise<{ documents: DocumentView[]; next_cursor: string | null }> {
    const page = await this.documents.list(actor.userId, input.limit, input.cursor);
    if (!page) throw new AppError(422, "INVALID_CURSOR", "The cursor is not valid.");
    return { documents: page.rows.map(toDocumentView), next_cursor: page.nextCursor };
  }

  /** Deletes a document with its chunks. @throws AppError 404 when missing or someone else's. */
  async delete(actor: Actor, id: string): Promise<void> {
    const deleted = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ id: documents.id })
        .from(documents)
        .where(and(eq(documents.userId, actor.userId), eq(documents.id, id)))
        .for("update");
      if (!row) return false;
      await lockCorpus(tx, actor.userId);
      await removeDocumentTerms(tx, { userId: actor.userId, documentIds: [id] });
      await tx.delete(documents).where(eq(documents.id, id));
      return true;
    });
    if (!deleted) throw new AppError(404, "DOCUMENT_NOT_FOUND", "No such document.");
  }

  /**
   * Searches the actor's chunks: BM25F over stemmed terms, fused by reciprocal rank with vector
   * similarity when embeddings are on. Best first; at most `SEARCH_MAX_LIMIT` results.
   */
  async search(
    actor: Actor,
    input: { query: string; limit?: number | undefined },
  ): Promise<KnowledgeSearchResult[]> {
    const query = input.query.trim().slice(0, 4000);
    const limit = Math.min(Math.max(input.limit ?? 10, 1), SEARCH_MAX_LIMIT);
    if (!query) return [];
    let hits: LexicalHit[];
    if (this.vectors) {
      const depth = Math.max(limit, 50);
      const [lexical, vector] = await Promise.all([
        searchLexical(this.db, actor.userId, query, depth),
        this.vectors.search(actor.userId, query, depth).catch((error: unknown) => {
          // Embeddings down: answer lexically rather than fail the search.
          this.log.warn({ err: error }, "vector search failed; lexical results only");
          return [];
        }),
      ]);
      hits = reciprocalRankFusion([lexical, vector]).slice(0, limit);
    } else {
      hits = await searchLexical(this.db, actor.userId, query, limit);
    }
    return this.hydrate(actor.userId, hits);
  }

  private async hydrate(userId: string, hits: LexicalHit[]): Promise<KnowledgeSearchResult[]> {
    if (hits.length === 0) return [];
    const rows = await this.db
      .select({
        chunkId: documentChunks.id,
        documentId: documentChunks.documentId,
        title: documents.title,
        text: documentChunks.text,
        position: documentChunks.position,
        headingPath: documentChunks.headingPath,
        page: documentChunks.page,
      })
      .from(documentChunks)
      .innerJoin(documents, eq(documents.id, documentChunks.documentId))
      .where(
        and(
          eq(documentChunks.userId, userId),
          inArray(
            documentChunks.id,
            hits.map((hit) => hit.chunkId),
          ),
        ),
      );
    const byId = new Map(rows.map((row) => [row.chunkId, row]));
    return hits.flatMap((hit) => {
      const row = byId.get(hit.chunkId);
      if (!row) return [];
      return [
        {
          document_id: row.documentId,
          document_title: row.title,
          chunk_id: row.chunkId,
          text: row.text,
          score: Math.round(hit.score * 1e6) / 1e6,
          position: row.position,
          heading_path: row.headingPath,
          page: row.page,
        },
      ];
    });
  }

  /** Repairs drift in the user's corpus statistics and document frequencies: recomputes them. */
  async recomputeStats(userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockCorpus(tx, userId);
      await tx.execute(sql`
        UPDATE knowledge_stats s SET chunk_count = c.chunks, total_length = c.total
        FROM (SELECT count(*)::int AS chunks, coalesce(sum(length), 0)::float8 AS total
              FROM document_chunks WHERE user_id = ${userId}) c
        WHERE s.user_id = ${userId}`);
      await tx.execute(sql`DELETE FROM knowledge_terms WHERE user_id = ${userId}`);
      await tx.execute(sql`
        INSERT INTO knowledge_terms (user_id, term, df)
        SELECT user_id, term, count(*)::int FROM chunk_terms WHERE user_id = ${userId}
        GROUP BY user_id, term`);
    });
  }
}
