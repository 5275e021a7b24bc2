import { sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";

/** The logging a knowledge component needs (pino or fastify's logger). */
type Logger = Pick<FastifyBaseLogger, "info" | "warn" | "error">;
import { queryRows, type Database } from "../../db/client.js";
import { chunkBlocks } from "./chunker.js";
import type { KnowledgeService } from "./knowledge.service.js";
import type { Block } from "./parsing/blocks.js";

/** Background indexing settings. */
export interface WorkerOptions {
  /** How often to look for queued documents. @default 2000 */
  pollMs?: number;
  /** How long a claim lasts; a crashed worker's document is taken over after it. @default 300000 */
  leaseMs?: number;
  /** Attempts before a document is marked failed. @default 3 */
  maxAttempts?: number;
}

interface Claimed {
  id: string;
  user_id: string;
  title: string;
  content_hash: string;
  pending_blocks: Block[] | null;
  attempts: number;
}

/**
 * Indexes documents queued as `processing`. Each document is claimed from the database with
 * `FOR UPDATE SKIP LOCKED` and a lease, so any number of instances share the queue, and one that
 * restarts (or dies) leaves its documents to be resumed.
 */
export class IngestionWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private closing = false;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly db: Database,
    private readonly service: KnowledgeService,
    private readonly log: Logger,
    options: WorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 2000;
    this.leaseMs = options.leaseMs ?? 300_000;
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  /** Starts polling (and processes what a previous run left unfinished). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.kick();
  }

  /** Looks for work now rather than at the next poll. */
  kick(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.log.error({ err: error }, "ingestion worker failed"))
      .finally(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = setTimeout(() => this.kick(), this.pollMs).unref();
      });
  }

  /** Stops polling and waits for the document in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Processes queued documents until none is left; returns how many it indexed. */
  async drain(): Promise<number> {
    let processed = 0;
    while (!this.closing) {
      const done = await this.runOnce();
      if (done === undefined) break;
      processed++;
    }
    return processed;
  }

  /** Claims and indexes one document; undefined when the queue is empty. */
  async runOnce(): Promise<{ id: string; status: "ready" | "failed" | "skipped" } | undefined> {
    const [claimed] = await queryRows<Claimed>(
      this.db,
      sql`
      UPDATE documents SET claimed_until = now() + ${`${this.leaseMs} milliseconds`}::interval,
                           attempts = attempts + 1
      WHERE id = (
        SELECT id FROM documents
        WHERE status = 'processing' AND (claimed_until IS NULL OR claimed_until < now())
        ORDER BY updated_at
        FOR UPDATE SKIP LOCKED
        LIMIT 1
      )
      RETURNING id, user_id, title, content_hash, pending_blocks, attempts`,
    );
    if (!claimed) return undefined;
    try {
      const chunks = chunkBlocks(claimed.pending_blocks ?? []);
      const embeddings = await this.service.embed(chunks);
      const swapped = await this.db.transaction(async (tx) => {
        // The document may have been deleted or replaced while we worked: then leave it alone.
        const [current] = await queryRows<{ id: string }>(
          tx,
          sql`SELECT id FROM documents
              WHERE id = ${claimed.id} AND content_hash = ${claimed.content_hash} AND status = 'processing'
              FOR UPDATE`,
        );
        if (!current) return false;
        await this.service.replaceChunks(
          tx,
          claimed.user_id,
          claimed.id,
          claimed.title,
          chunks,
          embeddings,
        );
        await tx.execute(sql`
          UPDATE documents SET status = 'ready', chunk_count = ${chunks.length}, pending_blocks = NULL,
                               claimed_until = NULL, error = NULL, updated_at = now()
          WHERE id = ${claimed.id}`);
        return true;
      });
      if (swapped) this.service.statistics.notify();
      this.log.info({ documentId: claimed.id, chunks: chunks.length, swapped }, "document indexed");
      return { id: claimed.id, status: swapped ? "ready" : "skipped" };
    } catch (error) {
      const final = claimed.attempts >= this.maxAttempts;
      this.log.warn(
        { err: error, documentId: claimed.id, attempt: claimed.attempts },
        "indexing failed",
      );
      await this.db.execute(
        final
          ? sql`UPDATE documents SET status = 'failed', pending_blocks = NULL, claimed_until = NULL,
                  error = 'Indexing failed; upload the document again.', updated_at = now()
                WHERE id = ${claimed.id} AND content_hash = ${claimed.content_hash}`
          : sql`UPDATE documents SET claimed_until = NULL WHERE id = ${claimed.id}`,
      );
      return { id: claimed.id, status: final ? "failed" : "skipped" };
    }
  }
}
