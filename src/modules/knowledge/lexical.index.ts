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

/** A chunk row to store and index (ids are chosen by the caller, so embeddings can refer to them). */
export interface ChunkRow {
  id: string;
  position: number;
  headingPath: string[];
  page: number | null;
  text: string;
}

/**
 * Takes the lock on the user's corpus statistics row (creating it if needed). Every transaction
 * takes it before it changes the user's document frequencies or statistics (new chunks and their
 * postings may be written before), so concurrent ingests of one user queue here rather than
 * deadlock on the per-term frequencies they both update. `asynchronousCommit` sets
 * `synchronous_commit = off` for the rest of the transaction (see `DocumentWriter.replaceChunks`).
 */
export async function lockCorpus(
  tx: Executor,
  userId: string,
  options: { asynchronousCommit?: boolean } = {},
): Promise<void> {
  // set_config(…, true) is SET LOCAL, done in this statement to save a round trip per ingest.
  await tx.execute(sql`
    INSERT INTO knowledge_stats (user_id, chunk_count, total_length)
    SELECT ${userId}, 0, 0
    FROM (SELECT ${options.asynchronousCommit ? sql`set_config('synchronous_commit', 'off', true)` : sql`NULL`}) AS settings
    ON CONFLICT (user_id) DO UPDATE SET chunk_count = knowledge_stats.chunk_count`);
}

/** A document whose chunks `insertChunkPostings` stores: its title is indexed with every chunk. */
export interface IndexedDocument {
  id: string;
  title: string;
}

/** A chunk to store, with the document it belongs to. */
export type DocumentChunkRow = ChunkRow & { documentId: string };

/**
 * Stores chunks of one or more documents of the user with their postings, in one statement: the
 * postings are built inside the database (`to_tsvector('english')` gives stemmed, stop-word-free
 * lexemes with positions; their count is the term frequency), with each chunk's weighted length,
 * and each chunk keeps its distinct terms. It touches no row another transaction writes (new
 * chunks, new postings), so it needs no lock and concurrent batches of one user run it side by
 * side; `addToCorpus` then counts the chunks into the user's statistics, under the corpus lock.
 */
export async function insertChunkPostings(
  tx: Executor,
  input: { userId: string; documents: IndexedDocument[]; chunks: DocumentChunkRow[] },
): Promise<void> {
  const { userId, documents, chunks } = input;
  if (chunks.length === 0) return;
  const documentPayload = JSON.stringify(documents.map((d) => ({ id: d.id, title: d.title })));
  const payload = JSON.stringify(
    chunks.map((chunk) => ({
      id: chunk.id,
      document_id: chunk.documentId,
      position: chunk.position,
      heading_path: chunk.headingPath,
      page: chunk.page,
      text: chunk.text,
    })),
  );
  await tx.execute(sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${payload}::jsonb)
        AS x(id text, document_id text, position int, heading_path text[], page int, text text)
    ), titles AS MATERIALIZED (
      -- Once per document, not per chunk.
      SELECT d.id AS document_id, d.title, setweight(to_tsvector('english', d.title), 'A') AS vec
      FROM jsonb_to_recordset(${documentPayload}::jsonb) AS d(id text, title text)
    ), vectors AS (
      SELECT i.id, t.vec
        || setweight(to_tsvector('english', array_to_string(array_remove(i.heading_path, t.title), ' ')), 'B')
        || to_tsvector('english', i.text) AS vec
      FROM input i JOIN titles t USING (document_id)
    ), terms AS (
      -- Each position counts 1, title (A) and heading (B) positions their weight: counted with
      -- array_positions rather than a subquery over unnest(weights) per lexeme (2× faster).
      SELECT v.id AS chunk_id, u.lexeme AS term,
        (cardinality(u.weights)
          + ${sql.raw(String(BM25.titleWeight - 1))} * cardinality(array_positions(u.weights, 'A'))
          + ${sql.raw(String(BM25.headingWeight - 1))} * cardinality(array_positions(u.weights, 'B')))::real AS tf
      FROM vectors v CROSS JOIN LATERAL unnest(v.vec) AS u
    ), lengths AS (
      SELECT chunk_id, sum(tf)::real AS dl, array_agg(term) AS terms FROM terms GROUP BY chunk_id
    ), stored AS (
      -- The chunk keeps its terms: its postings are deleted through their keys (migration 0004),
      -- and addToCorpus counts its document frequencies from them.
      INSERT INTO document_chunks (id, document_id, user_id, position, heading_path, page, text, length, terms)
      SELECT i.id, i.document_id, ${userId}, i.position, coalesce(i.heading_path, '{}'), i.page, i.text,
             coalesce(l.dl, 0), coalesce(l.terms, '{}')
      FROM input i LEFT JOIN lengths l ON l.chunk_id = i.id
      RETURNING 1
    )
    INSERT INTO chunk_terms (user_id, term, chunk_id, tf, dl)
    SELECT ${userId}, t.term, t.chunk_id, t.tf, l.dl
    FROM terms t JOIN lengths l USING (chunk_id)`);
}

/** The `document_chunks` rows of these documents of the user (ids as one jsonb parameter). */
function ofUserDocuments(userId: string, documentIds: string[]) {
  return sql`document_id = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(documentIds)}::jsonb)))
        AND user_id = ${userId}`;
}

/**
 * Counts the chunks of the user's documents into the corpus: document frequencies (from the terms
 * each chunk keeps) and corpus statistics, in one statement. For documents whose chunks
 * `insertChunkPostings` just stored (their old chunks, if any, already removed). Call
 * `lockCorpus` first in the same transaction.
 */
export async function addToCorpus(
  tx: Executor,
  input: { userId: string; documentIds: string[] },
): Promise<void> {
  const { userId, documentIds } = input;
  if (documentIds.length === 0) return;
  await tx.execute(sql`
    WITH chunks AS (
      SELECT length, terms FROM document_chunks
      WHERE ${ofUserDocuments(userId, documentIds)}
    ), frequencies AS (
      INSERT INTO knowledge_terms (user_id, term, df)
      SELECT ${userId}, u.term, count(*)::int FROM chunks CROSS JOIN LATERAL unnest(chunks.terms) AS u(term)
      GROUP BY u.term ORDER BY u.term
      ON CONFLICT (user_id, term) DO UPDATE SET df = knowledge_terms.df + excluded.df
      RETURNING 1
    )
    UPDATE knowledge_stats SET
      chunk_count = chunk_count + (SELECT count(*) FROM chunks),
      total_length = total_length + (SELECT coalesce(sum(length), 0) FROM chunks)
    WHERE user_id = ${userId}`);
}

/**
 * Removes the chunks and postings of the user's documents and takes them out of the document
 * frequencies and corpus statistics, in one statement: the chunks' stored terms give the
 * frequencies to decrement, and the postings go with the chunks (the `document_chunks` delete
 * trigger finds them by key, before this statement returns). Call `lockCorpus` first in the same
 * transaction.
 */
export async function removeDocumentTerms(
  tx: Executor,
  input: { userId: string; documentIds: string[] },
): Promise<void> {
  const { userId, documentIds } = input;
  if (documentIds.length === 0) return;
  await tx.execute(sql`
    WITH chunks AS (
      DELETE FROM document_chunks
      WHERE ${ofUserDocuments(userId, documentIds)}
      RETURNING length, terms
    ), old_terms AS (
      SELECT u.term, count(*)::int AS n FROM chunks CROSS JOIN LATERAL unnest(chunks.terms) AS u(term)
      GROUP BY u.term
    ), frequencies AS (
      UPDATE knowledge_terms k SET df = GREATEST(k.df - o.n, 0)
      FROM old_terms o WHERE k.user_id = ${userId} AND k.term = o.term
      RETURNING 1
    )
    UPDATE knowledge_stats SET
      chunk_count = GREATEST(chunk_count - (SELECT count(*) FROM chunks), 0),
      total_length = GREATEST(total_length - (SELECT coalesce(sum(length), 0) FROM chunks), 0)
    WHERE user_id = ${userId}`);
}

/**
 * Ranks the user's chunks by BM25F for the query's distinct stemmed terms (OR semantics). Each
 * term is scored once, weighted by Okapi's saturated query-term frequency (k3): a word repeated in
 * a long question matters more, but not linearly. N, avgdl and df (maintained at ingest) are the user's own: each user
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
    ), weights AS MATERIALIZED (
      -- Everything but tf and dl, once per query term rather than once per posting (a long
      -- question reaches ~90k postings): w = qw · idf · (k1 + 1), and the length normalisation
      -- k1 · (1 − b + b · dl / avgdl) as k + kd · dl. Float8 throughout (a bare 0.5 is numeric).
      SELECT q.term,
        q.qw * ln(1 + (s.n - f.df + 0.5::float8) / (f.df + 0.5::float8)) * ${sql.raw(String(k1 + 1))}::float8 AS w,
        ${sql.raw(String(k1 * (1 - b)))}::float8 AS k,
        ${sql.raw(String(k1 * b))}::float8 / s.avgdl AS kd
      FROM query_terms q
      JOIN knowledge_terms f ON f.user_id = ${userId} AND f.term = q.term AND f.df > 0
      CROSS JOIN stats s
    )
    SELECT t.chunk_id, sum(w.w * t.tf / (t.tf + w.k + w.kd * t.dl)) AS score
    FROM weights w JOIN chunk_terms t ON t.user_id = ${userId} AND t.term = w.term
    GROUP BY t.chunk_id
    ORDER BY score DESC, t.chunk_id
    LIMIT ${limit}`,
  );
  return rows.map((row) => ({ chunkId: row.chunk_id, score: row.score }));
}
