import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { App } from "../../app.js";
import { AppError, validationFailed } from "../../errors.js";
import { findUnstorableText } from "../../platform/text-input.js";
import { actorOf } from "../auth/actor.js";
import type { IngestInput, KnowledgeService } from "./knowledge.service.js";
import {
  createDocumentBody,
  documentParams,
  documentSchema,
  listDocumentsQuery,
  searchQuery,
  searchResultSchema,
} from "./knowledge.schemas.js";

const tags = ["knowledge"];

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    413,
    "DOCUMENT_TOO_LARGE",
    `The document exceeds the limit of ${maxBytes} bytes.`,
  );
}

/**
 * What a client should hear when a multipart body cannot be read: a file over the limit is a 413,
 * a second file a 422, too many parts a 413, and a body busboy cannot parse (no boundary, cut
 * short, bad part headers) a 400 — never a 500.
 */
function multipartError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const { code, statusCode, message } = error as {
    code?: string;
    statusCode?: number;
    message?: string;
  };
  if (code === "FST_REQ_FILE_TOO_LARGE") return tooLarge(maxBytes);
  if (code === "FST_FILES_LIMIT") {
    return new AppError(422, "VALIDATION_FAILED", "Send one file per upload.", {
      errors: [{ path: "file", message: "only one file part is allowed" }],
    });
  }
  if (code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT") {
    return new AppError(413, "PAYLOAD_TOO_LARGE", "The upload has too many parts.");
  }
  if (statusCode === 413) return tooLarge(maxBytes);
  if (typeof statusCode === "number" && statusCode >= 500) return error;
  return new AppError(
    400,
    "MALFORMED_MULTIPART",
    `The multipart body could not be read${message ? `: ${message}` : ""}.`,
    { cause: error },
  );
}

/** Reads the one `file` part (and an optional `title` field) of a multipart upload. */
async function readMultipart(request: FastifyRequest, maxBytes: number): Promise<IngestInput> {
  let input: IngestInput | undefined;
  let title: string | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type === "file") {
        if (part.fieldname !== "file" || input) {
          await part.toBuffer();
          continue;
        }
        const data = await part.toBuffer();
        input = { data, contentType: part.mimetype, filename: part.filename || undefined };
      } else if (part.fieldname === "title" && typeof part.value === "string") {
        title = part.value.trim() || undefined;
      }
    }
  } catch (error) {
    throw multipartError(error, maxBytes);
  }
  if (!input) {
    throw new AppError(422, "VALIDATION_FAILED", 'The upload has no "file" part.', {
      errors: [{ path: "file", message: "is required" }],
    });
  }
  if (title && title.length > 500) {
    throw new AppError(422, "VALIDATION_FAILED", "The title is too long.", {
      errors: [{ path: "title", message: "must be at most 500 characters" }],
    });
  }
  const unstorable = findUnstorableText({ title, filename: input.filename });
  if (unstorable.length > 0) throw validationFailed("The upload", unstorable);
  return { ...input, title };
}

/** `/api/documents` and `/api/search`: thin adapters over the knowledge service. */
export async function registerKnowledgeRoutes(app: App, service: KnowledgeService): Promise<void> {
  const maxBytes = app.config.documents.maxBytes;
  await app.register(async (scope) => {
    // Authenticated before the body is read: anonymous uploads cost nothing.
    scope.addHook("onRequest", scope.authenticate);
    await scope.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10 } });
    const routes = scope.withTypeProvider<ZodTypeProvider>();

    routes.post(
      "/api/documents",
      {
        // JSON documents may be as large as files; the service enforces DOCUMENT_MAX_BYTES.
        bodyLimit: maxBytes + 64 * 1024,
        schema: {
          tags,
          summary: "Ingest a document (multipart `file` + `title`, or JSON text)",
          description:
            "Text, markdown, HTML or PDF up to DOCUMENT_MAX_BYTES. Small documents are indexed at once (201, ready); large ones in the background (202, processing). Re-sending unchanged content under the same file name or source_url is a no-op (200).",
          body: createDocumentBody,
          response: { 200: documentSchema, 201: documentSchema, 202: documentSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        let input: IngestInput;
        if (request.isMultipart()) {
          input = await readMultipart(request, maxBytes);
        } else if (request.body) {
          input = {
            data: request.body.content,
            title: request.body.title,
            contentType: request.body.content_type ?? "text/plain",
            sourceUrl: request.body.source_url,
          };
        } else {
          throw new AppError(422, "VALIDATION_FAILED", "Send a multipart file or JSON content.");
        }
        const result = await service.ingest(actor, input);
        const status =
          result.outcome === "unchanged"
            ? 200
            : result.document.status === "processing"
              ? 202
              : 201;
        return reply.code(status).send(result.document);
      },
    );

    routes.get(
      "/api/documents",
      {
        schema: {
          tags,
          summary: "List your documents, newest first",
          querystring: listDocumentsQuery,
          response: {
            200: z.object({
              documents: z.array(documentSchema),
              next_cursor: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => service.list(actorOf(request), request.query),
    );

    routes.get(
      "/api/documents/:id",
      {
        schema: {
          tags,
          summary: "One of your documents",
          params: documentParams,
          response: { 200: documentSchema },
        },
      },
      async (request) => service.get(actorOf(request), request.params.id),
    );

    routes.delete(
      "/api/documents/:id",
      {
        schema: { tags, summary: "Delete a document and its chunks", params: documentParams },
      },
      async (request, reply) => {
        await service.delete(actorOf(request), request.params.id);
        return reply.code(204).send();
      },
    );

    routes.get(
      "/api/search",
      {
        schema: {
          tags,
          summary: `Search your documents (best first, at most 200 results)`,
          querystring: searchQuery,
          response: { 200: z.object({ results: z.array(searchResultSchema) }) },
        },
      },
      async (request) => ({
        results: await service.search(actorOf(request), {
          query: request.query.q,
          limit: request.query.limit,
        }),
      }),
    );
  });
}
