-- Each chunk lists its distinct terms, so its postings are found through the postings key
-- (user_id, term, chunk_id) when it is removed: the document_id column and its index, one of the
-- three index insertions per posting, go.
ALTER TABLE "document_chunks" ADD COLUMN "terms" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
UPDATE "document_chunks" c SET "terms" = t."terms"
FROM (SELECT "chunk_id", array_agg("term" ORDER BY "term") AS "terms" FROM "chunk_terms" GROUP BY "chunk_id") t
WHERE t."chunk_id" = c."id";--> statement-breakpoint
DROP TRIGGER "documents_delete_chunk_terms" ON "documents";--> statement-breakpoint
DROP FUNCTION "chunk_terms_delete_for_documents"();--> statement-breakpoint
DROP INDEX "chunk_terms_document_idx";--> statement-breakpoint
ALTER TABLE "chunk_terms" DROP COLUMN "document_id";--> statement-breakpoint
-- Postings of deleted chunks go with them, once per statement, whoever deletes the chunks: a
-- removal or replacement, or a cascade from a deleted document or user. EXECUTE plans the delete
-- for this call's row count (a cached plan made for a huge cascade would scan every posting).
CREATE FUNCTION "chunk_terms_delete_for_chunks"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'DELETE FROM "chunk_terms" t
    USING (SELECT c."user_id", c."id", u."term"
           FROM "deleted_chunks" c CROSS JOIN LATERAL unnest(c."terms") AS u("term")) d
    WHERE t."user_id" = d."user_id" AND t."term" = d."term" AND t."chunk_id" = d."id"';
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "document_chunks_delete_chunk_terms" AFTER DELETE ON "document_chunks"
REFERENCING OLD TABLE AS "deleted_chunks"
FOR EACH STATEMENT EXECUTE FUNCTION "chunk_terms_delete_for_chunks"();
