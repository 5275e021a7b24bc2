import { sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { user } from "./auth.js";

/**
 * A document a user ingested. `source_key` identifies "the same file" across uploads (file name,
 * source URL or title), so re-ingesting it is a no-op when `content_hash` is unchanged and an
 * atomic replacement otherwise. `pending_blocks` holds parsed content awaiting background indexing.
 */
export const documents = pgTable(
  "documents",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    sourceKey: text("source_key").notNull(),
    sourceUrl: text("source_url"),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    contentHash: text("content_hash").notNull(),
    status: text("status", { enum: ["processing", "ready", "failed"] }).notNull(),
    error: text("error"),
    chunkCount: integer("chunk_count").notNull().default(0),
    pendingBlocks: jsonb("pending_blocks"),
    /** A background worker holds the document until then; an expired claim is taken over. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("documents_user_source_idx").on(table.userId, table.sourceKey),
    index("documents_user_created_idx").on(table.userId, table.createdAt, table.id),
    index("documents_status_updated_idx").on(table.status, table.updatedAt),
    check("documents_status_check", sql`${table.status} IN ('processing', 'ready', 'failed')`),
  ],
);

/**
 * A passage of a document, the unit of retrieval and citation. `user_id` is denormalised so every
 * search is scoped without a join; `length` is the field-weighted token count BM25 normalises by;
 * `terms` lists the chunk's distinct stemmed terms, so its postings are found by their primary key
 * when it is removed (migration 0004: postings have no `document_id` index to maintain).
 */
export const documentChunks = pgTable(
  "document_chunks",
  {
    id: text("id").primaryKey(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    position: integer("position").notNull(),
    headingPath: text("heading_path")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    page: integer("page"),
    text: text("text").notNull(),
    length: real("length").notNull().default(0),
    terms: text("terms")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (table) => [
    uniqueIndex("document_chunks_document_position_idx").on(table.documentId, table.position),
    index("document_chunks_user_idx").on(table.userId),
  ],
);

/**
 * BM25 postings: one row per (user, stemmed term, chunk) with the field-weighted term frequency
 * and the chunk's length copied in. The primary key INCLUDEs tf and dl (migration 0003), so
 * scoring is an index-only scan. It is the only index: a chunk's postings are deleted through
 * their keys, `(user_id, unnest(document_chunks.terms), chunk_id)`, by a statement-level trigger
 * on `document_chunks` (migration 0004), whoever deletes the chunks (removal, replacement, a
 * cascade from a deleted document or user).
 */
export const chunkTerms = pgTable(
  "chunk_terms",
  {
    userId: text("user_id").notNull(),
    term: text("term").notNull(),
    // No foreign key: a per-row check on every posting halved ingestion speed (see above).
    chunkId: text("chunk_id").notNull(),
    tf: real("tf").notNull(),
    dl: real("dl").notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.term, table.chunkId] })],
);

/** Per-user corpus statistics for BM25 (each user searches only their own chunks). */
export const knowledgeStats = pgTable("knowledge_stats", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  chunkCount: integer("chunk_count").notNull().default(0),
  totalLength: doublePrecision("total_length").notNull().default(0),
});

/**
 * Per-user document frequency of each stemmed term (how many of the user's chunks contain it),
 * maintained at ingest and removal, so a search reads one row per query term instead of counting
 * postings.
 */
export const knowledgeTerms = pgTable(
  "knowledge_terms",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    term: text("term").notNull(),
    df: integer("df").notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.term] })],
);
