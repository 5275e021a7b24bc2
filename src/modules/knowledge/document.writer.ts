import { getTableColumns, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../../db/client.js";
import { documents } from "../../db/schema/index.js";
import { timeOrderedId } from "../../db/time-ordered-id.js";
import { chunkBlocks, type Chunk } from "./chunker.js";
import type { PreparedDocument } from "./document.preparer.js";
import { toDocumentView, type DocumentRepository } from "./document.repository.js";
import { compareKeys, documentValues, type PendingDocument } from "./ingest.plan.js";
import {
  addToCorpus,
  insertChunkPostings,
  lockCorpus,
  removeDocumentTerms,
  type DocumentChunkRow,
  type Executor,
} from "./lexical.index.js";
import type { IngestResult } from "./knowledge.service.js";
import type { StatisticsRefresher } from "./statistics.refresher.js";
import type { VectorIndex } from "./vector.index.js";

/** The logging a knowledge component needs (pino or fastify's logger). */
type Logger = Pick<FastifyBaseLogger, "info" | "warn" | "error">;

/** Chunks per indexing statement (one jsonb parameter). */
const CHUNK_INSERT_BATCH = 1000;

/** A document whose chunks `DocumentWriter.replaceChunks` swaps. */
export interface ChunkSwap {
  id: string;
  title: string;
  chunks: Chunk[];
  embeddings: number[][] | undefined;
  /** The document row was inserted by this transaction: there is nothing to remove. */
  fresh: boolean;
}

/**
 * The write path of the knowledge base, shared by single uploads and bulk ingestion: document
 * rows, chunks, postings, frequencies and embeddings, in one transaction per call.
 */
export class DocumentWriter {
  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly documents: DocumentRepository,
    private readonly statistics: StatisticsRefresher,
    private readonly vectors: VectorIndex | undefined,
    private readonly options: { inlineMaxChars: number; onQueued?: (() => void) | undefined },
  ) {}

  /**
   * Stores parsed documents of one user in one transaction (distinct source keys): unchanged
   * ones are left alone, small ones chunked and indexed, large ones queued for the worker.
   */
  async store(userId: string, prepared: PreparedDocument[]): Promise<IngestResult[]> {
    const existing = await this.documents.findBySources(
      userId,
      prepared.map((item) => item.sourceKey),
    );
    const results = new Array<IngestResult>(prepared.length);
    const pending: PendingDocument[] = [];
    for (const [index, item] of prepared.entries()) {
      const old = existing.get(item.sourceKey);
      if (old && old.contentHash === item.contentHash && old.status !== "failed") {
        results[index] = { document: toDocumentView(old), outcome: "unchanged" };
        continue;
      }
      const background = item.textSize > this.options.inlineMaxChars;
      const outcome = background ? "queued" : old ? "replaced" : "created";
      pending.push({ index, item, background, outcome, chunks: [], embeddings: undefined });
    }
    if (pending.length === 0) return results;
    for (const document of pending) {
      if (!document.background) document.chunks = chunkBlocks(document.item.blocks);
    }
    await this.embedAll(pending);

    const now = new Date();
    // One order for every writer (source key), so two batches of one user lock rows alike.
    const ordered = [...pending].sort((a, b) => compareKeys(a.item.sourceKey, b.item.sourceKey));
    const rows = await this.db.transaction(async (tx) => {
      const saved = await tx
        .insert(documents)
        .values(ordered.map((document) => documentValues(userId, timeOrderedId(), document, now)))
        .onConflictDoUpdate({
          target: [documents.userId, documents.sourceKey],
          set: {
            title: sql`excluded.title`,
            sourceUrl: sql`excluded.source_url`,
            contentType: sql`excluded.content_type`,
            bytes: sql`excluded.bytes`,
            contentHash: sql`excluded.content_hash`,
            status: sql`excluded.status`,
            error: null,
            pendingBlocks: sql`excluded.pending_blocks`,
            claimedUntil: null,
            attempts: 0,
            updatedAt: now,
            // A queued replacement keeps the old chunks searchable until the worker swaps them.
            chunkCount: sql`CASE WHEN excluded.status = 'processing' THEN ${documents.chunkCount} ELSE excluded.chunk_count END`,
          },
        })
        // xmax = 0 only on a freshly inserted row: then there are no old chunks to remove.
        .returning({ ...getTableColumns(documents), inserted: sql<boolean>`xmax = 0` });
      const bySource = new Map(saved.map((row) => [row.sourceKey, row]));
      const stored = ordered.map((document) => {
        const row = bySource.get(document.item.sourceKey);
        if (!row) throw new Error("document upsert returned no row");
        return { row, document };
      });
      const indexed = stored.filter(({ document }) => !document.background);
      if (indexed.length > 0) {
        await this.replaceChunks(
          tx,
          userId,
          indexed.map(({ row, document }) => ({
            id: row.id,
            title: row.title,
            chunks: document.chunks,
            embeddings: document.embeddings,
            fresh: row.inserted,
          })),
        );
      }
      return stored;
    });
    let queued = false;
    for (const { row: saved, document } of rows) {
      const { inserted: _inserted, ...row } = saved;
      results[document.index] = { document: toDocumentView(row), outcome: document.outcome };
      queued ||= document.background;
      this.log.info(
        {
          documentId: row.id,
          outcome: document.outcome,
          chunks: document.chunks.length,
          bytes: row.bytes,
        },
        "document ingested",
      );
    }
    if (queued) this.options.onQueued?.();
    if (rows.some(({ document }) => !document.background)) this.statistics.notify();
    return results;
  }

  /** Embeds the chunks of all the documents in one go (the embedder batches requests). */
  private async embedAll(pending: PendingDocument[]): Promise<void> {
    const all = pending.flatMap((document) => document.chunks);
    const vectors = await this.embed(all);
    if (!vectors) return;
    let offset = 0;
    for (const document of pending) {
      document.embeddings = vectors.slice(offset, offset + document.chunks.length);
      offset += document.chunks.length;
    }
  }

  /** Embeds chunk texts (with their titles) when vector search is on. */
  async embed(chunks: Chunk[]): Promise<number[][] | undefined> {
    if (!this.vectors || chunks.length === 0) return undefined;
    return this.vectors.embedder.embed(
      chunks.map((chunk) => [...chunk.headingPath, chunk.text].join("\n")),
    );
  }

  /**
   * Swaps the chunks, postings and embeddings of documents of one user inside the caller's
   * transaction (which should already hold the documents' row locks: documents, then corpus
   * statistics, then terms): one removal and one indexing statement for all of them. `fresh`: the
   * document row was inserted by this transaction, so it has nothing to remove. Also relaxes the
   * durability of the caller's commit (see below).
   */
  async replaceChunks(tx: Executor, userId: string, swaps: ChunkSwap[]): Promise<void> {
    // The commit of an indexing transaction does not wait for its WAL flush (2–4 ms of the ~18 ms
    // a small document took on the bench server). A crash of the database server can then lose
    // the last committed ingests (at most 3 × wal_writer_delay, 600 ms by default), never corrupt
    // anything: a transaction is lost whole. Re-uploading is idempotent (same source, same
    // content hash), and a queued document stays `processing` and is indexed again.
    //
    // New documents are indexed before the corpus lock is taken (new chunks and postings are rows
    // no one else writes), so concurrent batches of one user index side by side and queue only
    // for the short frequency update. Replacing documents removes their old chunks first, which
    // changes the frequencies: then the lock comes first.
    const stale = swaps.filter((swap) => !swap.fresh).map((swap) => swap.id);
    if (stale.length > 0) {
      await lockCorpus(tx, userId, { asynchronousCommit: true });
      await removeDocumentTerms(tx, { userId, documentIds: stale });
    }
    const rows: DocumentChunkRow[] = swaps.flatMap((swap) =>
      swap.chunks.map((chunk) => ({
        id: timeOrderedId(),
        documentId: swap.id,
        position: chunk.position,
        headingPath: chunk.headingPath,
        page: chunk.page ?? null,
        text: chunk.text,
      })),
    );
    const titles = swaps.map((swap) => ({ id: swap.id, title: swap.title }));
    for (let start = 0; start < rows.length; start += CHUNK_INSERT_BATCH) {
      const slice = rows.slice(start, start + CHUNK_INSERT_BATCH);
      const inSlice = new Set(slice.map((row) => row.documentId));
      await insertChunkPostings(tx, {
        userId,
        documents: titles.filter((document) => inSlice.has(document.id)),
        chunks: slice,
      });
    }
    if (stale.length === 0) await lockCorpus(tx, userId, { asynchronousCommit: true });
    await addToCorpus(tx, { userId, documentIds: swaps.map((swap) => swap.id) });
    const embedded = swaps.flatMap((swap) =>
      swap.embeddings ? swap.chunks.map((_, index) => swap.embeddings?.[index] ?? []) : [],
    );
    if (this.vectors && embedded.length === rows.length && embedded.length > 0) {
      await this.vectors.insert(
        tx,
        rows.map((row, index) => ({
          chunkId: row.id,
          documentId: row.documentId,
          userId,
          embedding: embedded[index] ?? [],
        })),
      );
    }
  }
}
