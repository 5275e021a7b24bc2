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
 * Splits parsed documents into batches of at most `BATCH_MAX_DOCUMENTS` documents and about
 * `BATCH_MAX_CHARS` of text, in their order. A source key seen again starts a new batch: one
 * upsert cannot touch a row twice, and the later version must see the earlier one stored.
 */
export function planBatches<T extends { prepared: PreparedDocument }>(items: T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  let keys = new Set<string>();
  for (const item of items) {
    const full =
      current.length >= BATCH_MAX_DOCUMENTS ||
      (current.length > 0 && chars + item.prepared.textSize > BATCH_MAX_CHARS) ||
      keys.has(item.prepared.sourceKey);
    if (full) {
      batches.push(current);
      current = [];
      chars = 0;
      keys = new Set();
    }
    current.push(item);
    chars += item.prepared.textSize;
    keys.add(item.prepared.sourceKey);
  }
  if (current.length > 0) batches.push(current);
  return batches;
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
