import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { documents } from "../../db/schema/index.js";

/** A document row as services see it. */
export type DocumentRow = typeof documents.$inferSelect;

/** The public shape of a document (API.md), snake_case. */
export interface DocumentView {
  id: string;
  title: string;
  status: "processing" | "ready" | "failed";
  chunk_count: number;
  bytes: number;
  content_type: string;
  source_url: string | null;
  created_at: string;
  updated_at: string;
  error?: string;
}

/** Shapes a row for the API and tools. */
export function toDocumentView(row: DocumentRow): DocumentView {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    chunk_count: row.chunkCount,
    bytes: row.bytes,
    content_type: row.contentType,
    source_url: row.sourceUrl,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    ...(row.error ? { error: row.error } : {}),
  };
}

function encodeCursor(row: DocumentRow): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

function decodeCursor(cursor: string): [Date, string] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [at, id] = parsed as unknown[];
    if (typeof at !== "string" || typeof id !== "string") return undefined;
    const date = new Date(at);
    return Number.isNaN(date.getTime()) ? undefined : [date, id];
  } catch {
    return undefined;
  }
}

/** Reads of the documents table, always scoped by the owner. */
export class DocumentRepository {
  constructor(private readonly db: Database) {}

  /** The user's document, or undefined (also when it belongs to someone else). */
  async find(userId: string, id: string): Promise<DocumentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(documents)
      .where(and(eq(documents.userId, userId), eq(documents.id, id)));
    return row;
  }

  /** The user's document with this source key. */
  async findBySource(userId: string, sourceKey: string): Promise<DocumentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(documents)
      .where(and(eq(documents.userId, userId), eq(documents.sourceKey, sourceKey)));
    return row;
  }

  /** The user's documents with these source keys, by source key (one query for a batch). */
  async findBySources(userId: string, sourceKeys: string[]): Promise<Map<string, DocumentRow>> {
    if (sourceKeys.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(documents)
      .where(and(eq(documents.userId, userId), inArray(documents.sourceKey, sourceKeys)));
    return new Map(rows.map((row) => [row.sourceKey, row]));
  }

  /**
   * Newest first, keyset-paginated.
   * @returns undefined when the cursor is not one this API issued.
   */
  async list(
    userId: string,
    limit: number,
    cursor: string | undefined,
  ): Promise<{ rows: DocumentRow[]; nextCursor: string | null } | undefined> {
    const after = cursor ? decodeCursor(cursor) : undefined;
    if (cursor && !after) return undefined;
    const rows = await this.db
      .select()
      .from(documents)
      .where(
        and(
          eq(documents.userId, userId),
          after
            ? or(
                lt(documents.createdAt, after[0]),
                and(eq(documents.createdAt, after[0]), lt(documents.id, after[1])),
              )
            : undefined,
        ),
      )
      .orderBy(desc(documents.createdAt), desc(documents.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** How many documents wait for the background worker (all users). */
  async pendingCount(): Promise<number> {
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int` })
      .from(documents)
      .where(eq(documents.status, "processing"));
    return row?.count ?? 0;
  }
}
