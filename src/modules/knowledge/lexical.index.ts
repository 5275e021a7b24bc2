import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.js";

/**
 * BM25F parameters. The title and heading path are indexed with every chunk of their document as
 * extra, up-weighted occurrences, so a term in a title counts like several in the body.
 */
export const BM25 = { k1: 1.2, b: 0.75, k3: 8, titleWeight: 2, headingWeight: 1.5 } as const;

/** A transaction or the database: both run statements the same way. */
export type Executor = Pick<Database, "execute">;

/** One lexical hit: a chunk and its BM25 score. */
export interface LexicalHit {
  chunkId: string;
  score: number;
}

/**
 * Builds the postings of a document's chunks inside the database (`to_tsvector('english')` gives
 * stemmed, stop-word-free lexemes with positions; their count is the term frequency), stores each
 * chunk's weighted length and adds the document to the user's corpus statistics.
 */
export async function indexDocumentTerms(
  tx: Executor,
  input: { userId: string; documentId: string; title: string },
): Promise<void> {
  const { userId, documentId, title } = input;
  const rows = await queryRows<{ chunks: number; total: number }>(
    tx as Database,
    sql`
    WITH vectors AS (
      SELECT c.id,
        setweight(to_tsvector('english', ${title}::text), 'A')
        || setweight(to_tsvector('english', array_to_string(array_remove(c.heading_path, ${title}::text), ' ')), 'B')
        || to_tsvector('english', c.text) AS vec
      FROM document_chunks c WHERE c.document_id = ${documentId}
    ), terms AS (
      SELECT v.id AS chunk_id, u.lexeme AS term,
        (SELECT sum(CASE w WHEN 'A' THEN ${sql.raw(String(BM25.titleWeight))}
                           WHEN 'B' THEN ${sql.raw(String(BM25.headingWeight))} ELSE 1 END)
         FROM unnest(u.weights) AS w)::real AS tf
      FROM vectors v CROSS JOIN LATERAL unnest(v.vec) AS u
    ), lengths AS (
      SELECT chunk_id, sum(tf)::real AS dl FROM terms GROUP BY chunk_id
    ), inserted AS (
      INSERT INTO chunk_terms (user_id, term, chunk_id, document_id, tf, dl)
      SELECT ${userId}, t.term, t.chunk_id, ${documentId}, t.tf, l.dl
      FROM terms t JOIN lengths l USING (chunk_id)
      RETURNING 1
    ), updated AS (
      UPDATE document_chunks c SET length = l.dl FROM lengths l WHERE c.id = l.chunk_id RETURNING 1
    )
    SELECT (SELECT count(*) FROM document_chunks WHERE document_id = ${documentId})::int AS chunks,
           (SELECT coalesce(sum(dl), 0) FROM lengths)::float8 AS total,
           (SELECT count(*) FROM inserted)::int AS postings,
           (SELECT count(*) FROM updated)::int AS lengths_set`,
  );
  const { chunks = 0, total = 0 } = rows[0] ?? {};
  await adjustStats(tx, userId, chunks, total);
}

/** Removes a document's chunks and postings and takes them out of the corpus statistics. */
export async function removeDocumentTerms(
  tx: Executor,
  input: { userId: string; documentId: string },
): Promise<void> {
  const rows = await queryRows<{ chunks: number; total: number }>(
    tx as Database,
    sql`SELECT count(*)::int AS chunks, coalesce(sum(length), 0)::float8 AS total
        FROM document_chunks WHERE document_id = ${input.documentId}`,
  );
  const { chunks = 0, total = 0 } = rows[0] ?? {};
  await tx.execute(sql`DELETE FROM chunk_terms WHERE document_id = ${input.documentId}`);
  await tx.execute(sql`DELETE FROM document_chunks WHERE document_id = ${input.documentId}`);
  if (chunks > 0) await adjustStats(tx, input.userId, -chunks, -total);
}

async function adjustStats(tx: Executor, userId: string, chunks: number, total: number) {
  await tx.execute(sql`
    INSERT INTO knowledge_stats (user_id, chunk_count, total_length)
    VALUES (${userId}, ${chunks}, ${total})
    ON CONFLICT (user_id) DO UPDATE SET
      chunk_count = GREATEST(knowledge_stats.chunk_count + excluded.chunk_count, 0),
      total_length = GREATEST(knowledge_stats.total_length + excluded.total_length, 0)`);
}

/**
 * Ranks the user's chunks by BM25F for the query's distinct stemmed terms (OR semantics). Each
 * term is scored once, weighted by Okapi's saturated query-term frequency (k3): a word repeated in
 * a long question matters more, but not linearly. N, avgdl and df are the user's own: each user
 * searches a corpus of their own documents.
 */
export async function searchLexical(
  db: Database,
  userId: string,
  query: string,
  limit: number,
): Promise<LexicalHit[]> {
  const { k1, b, k3 } = BM25;
  const rows = await queryRows<{ chunk_id: string; score: number }>(
    db,
    sql`
    WITH query_terms AS (
      SELECT lexeme AS term,
        ${sql.raw(String(k3 + 1))} * array_length(positions, 1)::float8
          / (${sql.raw(String(k3))} + array_length(positions, 1)) AS qw
      FROM unnest(to_tsvector('english', ${query}::text))
    ), stats AS (
      SELECT GREATEST(chunk_count, 1)::float8 AS n,
             GREATEST(total_length / GREATEST(chunk_count, 1), 1)::float8 AS avgdl
      FROM knowledge_stats WHERE user_id = ${userId}
    ), frequencies AS (
      SELECT t.term, count(*)::float8 AS df
      FROM chunk_terms t JOIN query_terms q ON t.term = q.term
      WHERE t.user_id = ${userId}
      GROUP BY t.term
    ), weights AS (
      SELECT q.term, q.qw * ln(1 + (s.n - f.df + 0.5) / (f.df + 0.5)) AS w, s.avgdl
      FROM query_terms q JOIN frequencies f ON f.term = q.term CROSS JOIN stats s
    )
    SELECT t.chunk_id,
      sum(w.w * t.tf * ${sql.raw(String(k1 + 1))}
          / (t.tf + ${sql.raw(String(k1))} * (1 - ${sql.raw(String(b))} + ${sql.raw(String(b))} * t.dl / w.avgdl)))::float8 AS score
    FROM chunk_terms t JOIN weights w ON t.term = w.term
    WHERE t.user_id = ${userId}
    GROUP BY t.chunk_id
    ORDER BY score DESC, t.chunk_id
    LIMIT ${limit}`,
  );
  return rows.map((row) => ({ chunkId: row.chunk_id, score: row.score }));
}
