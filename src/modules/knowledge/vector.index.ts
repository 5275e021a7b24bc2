import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";
import type { Embedder } from "./embedder.js";
import type { Executor, LexicalHit } from "./lexical.index.js";

/** One chunk's embedding to store. */
export interface ChunkEmbedding {
  chunkId: string;
  documentId: string;
  userId: string;
  embedding: number[];
}

const toVectorLiteral = (vector: number[]) => `[${vector.map((value) => String(value)).join(",")}]`;

/**
 * Chunk embeddings in pgvector. The table is created at runtime, only when pgvector is present,
 * so the migrations stay valid on PostgreSQL without the extension.
 */
export class VectorIndex {
  constructor(
    private readonly db: Database,
    readonly embedder: Embedder,
  ) {}

  /** Creates the embeddings table if missing (idempotent; safe with several instances). */
  async ensureSchema(): Promise<void> {
    await this.db.execute(sql`
      CREATE TABLE IF NOT EXISTS chunk_embeddings (
        chunk_id text PRIMARY KEY REFERENCES document_chunks(id) ON DELETE CASCADE,
        document_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        user_id text NOT NULL,
        embedding vector NOT NULL
      )`);
    await this.db.execute(
      sql`CREATE INDEX IF NOT EXISTS chunk_embeddings_user_idx ON chunk_embeddings (user_id)`,
    );
    await this.db.execute(
      sql`CREATE INDEX IF NOT EXISTS chunk_embeddings_document_idx ON chunk_embeddings (document_id)`,
    );
  }

  /** Stores embeddings inside the caller's transaction. */
  async insert(tx: Executor, rows: ChunkEmbedding[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 200) {
      const batch = rows.slice(start, start + 200);
      const values = sql.join(
        batch.map(
          (row) =>
            sql`(${row.chunkId}, ${row.documentId}, ${row.userId}, ${toVectorLiteral(row.embedding)}::vector)`,
        ),
        sql`, `,
      );
      await tx.execute(
        sql`INSERT INTO chunk_embeddings (chunk_id, document_id, user_id, embedding) VALUES ${values}`,
      );
    }
  }

  /** The user's chunks nearest to the query by cosine similarity. */
  async search(userId: string, query: string, limit: number): Promise<LexicalHit[]> {
    const [vector] = await this.embedder.embed([query]);
    if (!vector) return [];
    const literal = toVectorLiteral(vector);
    const rows = await queryRows<{ chunk_id: string; score: number }>(
      this.db,
      sql`SELECT chunk_id, (1 - (embedding <=> ${literal}::vector))::float8 AS score
          FROM chunk_embeddings
          WHERE user_id = ${userId} AND vector_dims(embedding) = ${vector.length}
          ORDER BY embedding <=> ${literal}::vector
          LIMIT ${limit}`,
    );
    return rows.map((row) => ({ chunkId: row.chunk_id, score: row.score }));
  }
}
