import { DrizzleQueryError } from "drizzle-orm";
import type { documents } from "../../db/schema/index.js";
import type { Chunk } from "./chunker.js";
import type { PreparedDocument } from "./document.preparer.js";

/** Documents per bulk transaction: 10 documents already share half their terms. */
export const BATCH_MAX_DOCUMENTS = 64;
/** Characters of text per bulk transaction, so one batch holds the user's corpus lock briefly. */
export const BATCH_MAX_CHARS = 512 * 1024;

/** A parsed document on its way into the database, with what was decided about it. */
export interface PendingDocument {
  /** Its place in the caller's list. */
  index: number;
  item: PreparedDocument;
  /** Large: queued for the background worker instead of indexed now. */
  background: boolean;
  outcome: "created" | "replaced" | "queued";
  chunks: Chunk[];
  embeddings: number[][] | undefined;
}

/**
 * Groups parsed documents, in their order, into batches of at most `BATCH_MAX_DOCUMENTS`
 * documents and about `BATCH_MAX_CHARS` of text. A source key seen again starts a new batch: one
 * upsert cannot touch a row twice, and the later version must see the earlier one stored.
 */
export class BatchPlanner<T extends { prepared: PreparedDocument }> {
  private current: T[] = [];
  private chars = 0;
  private keys = new Set<string>();

  /** Adds a document; returns the batch it completed, if it starts a new one. */
  add(item: T): T[] | undefined {
    const { textSize, sourceKey } = item.prepared;
    const full =
      this.current.length >= BATCH_MAX_DOCUMENTS ||
      (this.current.length > 0 && this.chars + textSize > BATCH_MAX_CHARS) ||
      this.keys.has(sourceKey);
    const completed = full ? this.finish() : undefined;
    this.current.push(item);
    this.chars += textSize;
    this.keys.add(sourceKey);
    return completed;
  }

  /** The last, incomplete batch (undefined when empty); the planner starts over. */
  finish(): T[] | undefined {
    const batch = this.current;
    this.current = [];
    this.chars = 0;
    this.keys = new Set();
    return batch.length > 0 ? batch : undefined;
  }
}

/** The row to upsert for a pending document of the user. */
export function documentValues(
  userId: string,
  id: string,
  document: PendingDocument,
  now: Date,
): typeof documents.$inferInsert {
  const { item, background } = document;
  return {
    id,
    userId,
    title: item.title,
    sourceKey: item.sourceKey,
    sourceUrl: item.sourceUrl,
    contentType: item.contentType,
    bytes: item.bytes,
    contentHash: item.contentHash,
    status: background ? "processing" : "ready",
    error: null,
    chunkCount: document.chunks.length,
    pendingBlocks: background ? item.blocks : null,
    claimedUntil: null,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Code-point order (the same on every server, unlike `localeCompare`). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What was thrown, as an Error to report: the driver's own error rather than drizzle's wrapper,
 * whose message is the whole statement with its parameters (the document's text).
 */
export function asError(error: unknown): Error {
  if (error instanceof DrizzleQueryError && error.cause instanceof Error) return error.cause;
  return error instanceof Error ? error : new Error(String(error));
}
