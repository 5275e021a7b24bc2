CREATE TABLE "knowledge_terms" (
	"user_id" text NOT NULL,
	"term" text NOT NULL,
	"df" integer NOT NULL,
	CONSTRAINT "knowledge_terms_user_id_term_pk" PRIMARY KEY("user_id","term")
);
--> statement-breakpoint
ALTER TABLE "chunk_terms" DROP CONSTRAINT "chunk_terms_document_id_documents_id_fk";
--> statement-breakpoint
ALTER TABLE "knowledge_terms" ADD CONSTRAINT "knowledge_terms_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Document frequencies of what is already indexed (kept up to date at ingest and removal from now on).
INSERT INTO "knowledge_terms" ("user_id", "term", "df")
SELECT "user_id", "term", count(*)::int FROM "chunk_terms" GROUP BY "user_id", "term";
--> statement-breakpoint
-- The postings key also carries tf and dl, so scoring is an index-only scan (one index, not two).
ALTER TABLE "chunk_terms" DROP CONSTRAINT "chunk_terms_user_id_term_chunk_id_pk";
--> statement-breakpoint
ALTER TABLE "chunk_terms" ADD CONSTRAINT "chunk_terms_user_id_term_chunk_id_pk" PRIMARY KEY ("user_id","term","chunk_id") INCLUDE ("tf","dl");
--> statement-breakpoint
-- Replaces the per-row foreign key: postings of deleted documents (e.g. when their user is
-- deleted) are removed once per statement.
CREATE FUNCTION "chunk_terms_delete_for_documents"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "chunk_terms" t USING "deleted_documents" d WHERE t."document_id" = d."id";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "documents_delete_chunk_terms" AFTER DELETE ON "documents"
REFERENCING OLD TABLE AS "deleted_documents"
FOR EACH STATEMENT EXECUTE FUNCTION "chunk_terms_delete_for_documents"();
