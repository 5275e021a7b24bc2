import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";

/** The logging a knowledge component needs (pino or fastify's logger). */
type Logger = Pick<FastifyBaseLogger, "info" | "warn" | "error">;
import type { Database } from "../../db/client.js";
import { documentChunks, documents } from "../../db/schema/index.js";
import { timeOrderedId } from "../../db/time-ordered-id.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../auth/actor.js";
import { chunkBlocks, type Chunk } from "./chunker.js";
import { DocumentRepository, toDocumentView, type DocumentView } from "./document.repository.js";
import { reciprocalRankFusion } from "./fusion.js";
import {
  insertIndexedChunks,
  lockCorpus,
  removeDocumentTerms,
  searchLexical,
  type Executor,
  type LexicalHit,
} from "./lexical.index.js";
import type { Block } from "./parsing/blocks.js";
import { detectFormat, FORMAT_MIME, parseDocument } from "./parsing/document.parser.js";
import { StatisticsRefresher, type StatisticsRefresherOptions } from "./statistics.refresher.js";
import type { VectorIndex } from "./vector.index.js";

/** Largest number of results one search returns (documented in API.md). */
export const SEARCH_MAX_LIMIT = 200;

/** A file or text to ingest. */
export interface IngestInput {
  /** The raw bytes (files) or the text (JSON `content`). */
  data: Uint8Array | string;
  title?: string | undefined;
  /** Declared MIME type; the file name and the bytes decide when it is generic or missing. */
  contentType?: string | undefined;
  filename?: string | undefined;
  sourceUrl?: string | undefined;
  /** What makes two uploads "the same document" (default: source URL, file name, else content). */
  sourceKey?: string | undefined;
}

/** What ingestion did: `unchanged` means the same content was already there (a no-op). */
export interface IngestResult {
  document: DocumentView;
  outcome: "created" | "replaced" | "unchanged" | "queued";
}

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
  /** When to refresh the planner statistics of the knowledge tables after growth. */
  statistics?: StatisticsRefresherOptions;
}

const TITLE_MAX = 500;
const CHUNK_INSERT_BATCH = 500;

function titleFrom(input: IngestInput, parsedTitle: string | undefined, blocks: Block[]): string {
  const fromName = input.filename ? basename(input.filename, extname(input.filename)) : undefined;
  const firstLine = blocks.find((block) => block.text.trim())?.text.split("\n")[0];
  const title = input.title?.trim() || parsedTitle || fromName || firstLine || "Untitled";
  return title.slice(0, TITLE_MAX);
}

/**
 * The knowledge base: ingest, list, delete and search a user's documents. HTTP routes, the chat
 * agent and MCP tools all call this; every method is scoped by the actor.
 */
export class KnowledgeService {
  readonly documents: DocumentRepository;
  /** Background `ANALYZE` of the knowledge tables when the corpus doubled. */
  readonly statistics: StatisticsRefresher;
  private readonly inlineMaxChars: number;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly options: KnowledgeOptions,
    private readonly vectors: VectorIndex | undefined,
  ) {
    this.documents = new DocumentRepository(db);
    this.statistics = new StatisticsRefresher(db, log, options.statistics);
    this.inlineMaxChars = options.inlineMaxChars ?? 256 * 1024;
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
    const data = typeof input.data === "string" ? new TextEncoder().encode(input.data) : input.data;
    if (data.byteLength > this.options.maxBytes) {
      throw new AppError(
        413,
        "DOCUMENT_TOO_LARGE",
        `The document is ${data.byteLength} bytes; the limit is ${this.options.maxBytes}.`,
      );
    }
    // Text given directly (JSON `content`) without a type is plain text.
    const declared =
      input.contentType ?? (typeof input.data === "string" ? "text/plain" : undefined);
    const format = detectFormat(data, declared, input.filename);
    const parsed = await parseDocument(data, format);
    const title = titleFrom(input, parsed.title, parsed.blocks);
    const contentHash = createHash("sha256").update(title).update("\0").update(data).digest("hex");
    const sourceKey =
      input.sourceKey ??
      (input.sourceUrl
        ? `url:${input.sourceUrl}`
        : input.filename
          ? `file:${input.filename}`
          : `sha256:${contentHash}`);

    const existing = await this.documents.findBySource(actor.userId, sourceKey);
    if (existing && existing.contentHash === contentHash && existing.status !== "failed") {
      return { document: toDocumentView(existing), outcome: "unchanged" };
    }

    const textSize = parsed.blocks.reduce((sum, block) => sum + block.text.length, 0);
    const background = textSize > this.inlineMaxChars;
    const chunks = background ? [] : chunkBlocks(parsed.blocks);
    const embeddings = background ? undefined : await this.embed(chunks);
    const now = new Date();
    const values = {
      id: timeOrderedId(),
      userId: actor.userId,
      title,
      sourceKey,
      sourceUrl: input.sourceUrl ?? null,
      contentType: FORMAT_MIME[format],
      bytes: data.byteLength,
      contentHash,
      status: background ? ("processing" as const) : ("ready" as const),
      error: null,
      chunkCount: chunks.length,
      pendingBlocks: background ? parsed.blocks : null,
      claimedUntil: null,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    };

    const row = await this.db.transaction(async (tx) => {
      const [saved] = await tx
        .insert(documents)
        .values(values)
        .onConflictDoUpdate({
          target: [documents.userId, documents.sourceKey],
          set: {
            title,
            sourceUrl: values.sourceUrl,
            contentType: values.contentType,
            bytes: values.bytes,
            contentHash,
            status: values.status,
            error: null,
            pendingBlocks: values.pendingBlocks,
            claimedUntil: null,
            attempts: 0,
            updatedAt: now,
            // A queued replacement keeps the old chunks searchable until the worker swaps them.
            ...(background ? {} : { chunkCount: chunks.length }),
          },
        })
        // xmax = 0 only on a freshly inserted row: then there are no old chunks to remove.
        .returning({ ...getTableColumns(documents), inserted: sql<boolean>`xmax = 0` });
      if (!saved) throw new Error("document upsert returned no row");
      const { inserted, ...row } = saved;
      if (!background) {
        await this.replaceChunks(tx, row.userId, row.id, title, chunks, embeddings, {
          fresh: inserted,
        });
      }
      return row;
    });
    const outcome = background ? "queued" : existing ? "replaced" : "created";
    if (background) this.options.onQueued?.();
    else this.statistics.notify();
    this.log.info(
      { documentId: row.id, outcome, chunks: chunks.length, bytes: data.byteLength },
      "document ingested",
    );
    return { document: toDocumentView(row), outcome };
  }

  /** Embeds chunk texts (with their titles) when vector search is on. */
  async embed(chunks: Chunk[]): Promise<number[][] | undefined> {
    if (!this.vectors || chunks.length === 0) return undefined;
    return this.vectors.embedder.embed(
      chunks.map((chunk) => [...chunk.headingPath, chunk.text].join("\n")),
    );
  }

  /**
   * Swaps a document's chunks, postings and embeddings inside the caller's transaction (which
   * should already hold the document's row lock: documents, then corpus statistics, then terms).
   * `fresh`: the document row was inserted by this transaction, so it has nothing to remove.
   * Also relaxes the durability of the caller's commit (see below).
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
    // The commit of an indexing transaction does not wait for its WAL flush (2–4 ms of the ~18 ms
    // a small document took on the bench server). A crash of the database server can then lose
    // the last committed ingests (at most 3 × wal_writer_delay, 600 ms by default), never corrupt
    // anything: a transaction is lost whole. Re-uploading is idempotent (same source, same
    // content hash), and a queued document stays `processing` and is indexed again.
    await lockCorpus(tx, userId, { asynchronousCommit: true });
    if (!options.fresh) await removeDocumentTerms(tx, { userId, documentId });
    const rows = chunks.map((chunk) => ({
      id: timeOrderedId(),
      position: chunk.position,
      headingPath: chunk.headingPath,
      page: chunk.page ?? null,
      text: chunk.text,
    }));
    for (let start = 0; start < rows.length; start += CHUNK_INSERT_BATCH) {
      await insertIndexedChunks(tx, {
        userId,
        documentId,
        title,
        chunks: rows.slice(start, start + CHUNK_INSERT_BATCH),
      });
    }
    if (this.vectors && embeddings) {
      await this.vectors.insert(
        tx,
        rows.map((row, index) => ({
          chunkId: row.id,
          documentId,
          userId,
          embedding: embeddings[index] ?? [],
        })),
      );
    }
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
      await removeDocumentTerms(tx, { userId: actor.userId, documentId: id });
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
