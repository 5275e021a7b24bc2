import { z } from "zod";
import { pageLimitSchema } from "../../platform/page-limit.js";
import { SEARCH_MAX_LIMIT } from "./knowledge.service.js";

/** JSON body of `POST /api/documents` (files come as multipart instead). */
export const createDocumentBody = z
  .object({
    title: z.string().trim().min(1).max(500).optional(),
    content: z.string().min(1, "content must not be empty"),
    content_type: z.enum(["text/plain", "text/markdown", "text/html"]).optional(),
    // Only web addresses: a `javascript:` or `data:` URL shown as a source link would run or load
    // whatever it holds.
    source_url: z
      .url({ protocol: /^https?$/, error: "must be an http or https URL" })
      .max(2000)
      .optional(),
  })
  // Multipart uploads reach the validator with a null body; they are read from the stream.
  .nullish();

/** A document as the API returns it. */
export const documentSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(["processing", "ready", "failed"]),
  chunk_count: z.number().int(),
  bytes: z.number().int(),
  content_type: z.string(),
  source_url: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  error: z.string().optional(),
});

/** `{id}` path parameter. */
export const documentParams = z.object({ id: z.string().min(1).max(100) });

/** `GET /api/documents` query. */
export const listDocumentsQuery = z.object({
  limit: pageLimitSchema(200, 50),
  cursor: z.string().max(500).optional(),
});

/** `GET /api/search` query. */
export const searchQuery = z.object({
  q: z.string().trim().min(1, "q must not be empty").max(4000),
  limit: pageLimitSchema(SEARCH_MAX_LIMIT, 10),
});

/** One search hit. */
export const searchResultSchema = z.object({
  document_id: z.string(),
  document_title: z.string(),
  chunk_id: z.string(),
  text: z.string(),
  score: z.number(),
  position: z.number().int(),
  heading_path: z.array(z.string()),
  page: z.number().int().nullable(),
});
