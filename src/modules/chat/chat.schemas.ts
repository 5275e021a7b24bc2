import { z } from "zod";
import { pageLimitSchema } from "../../platform/page-limit.js";

/** Longest chat message, in characters. */
export const MESSAGE_MAX = 4000;

/** `POST /api/chat`. */
export const chatBodySchema = z.object({
  message: z
    .string()
    .max(MESSAGE_MAX, `must be at most ${MESSAGE_MAX} characters`)
    .refine((text) => text.trim().length > 0, "must not be blank")
    .describe("What the user says, 1–4000 characters."),
  conversation_id: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("Continue this conversation; omit to start a new one."),
  timezone: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("IANA timezone for this turn (default: the user's timezone)."),
});

const toolCallSchema = z.object({
  tool: z.string(),
  arguments: z.unknown(),
  result: z.unknown(),
  is_error: z.boolean(),
});

const sourceSchema = z.object({
  n: z.number().int(),
  document_id: z.string(),
  title: z.string(),
  chunk_id: z.string(),
  snippet: z.string(),
});

/** The JSON answer of `POST /api/chat`. */
export const chatReplySchema = z.object({
  conversation_id: z.string(),
  message_id: z.string(),
  response: z.string(),
  tool_calls: z.array(toolCallSchema),
  sources: z.array(sourceSchema),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  status: z.enum(["complete", "error"]),
});

/** `GET /api/conversations` query. */
export const conversationListQuerySchema = z.object({
  limit: pageLimitSchema(200, 50),
  cursor: z.string().max(500).optional().describe("The next_cursor of the previous page."),
});

/** A conversation in the list. */
export const conversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  message_count: z.number().int(),
});

/** `GET /api/conversations`. */
export const conversationListSchema = z.object({
  conversations: z.array(conversationSummarySchema),
  next_cursor: z.string().nullable(),
});

/** A stored message as clients see it (tool-result rows are folded into `tool_calls`). */
export const conversationMessageSchema = z.object({
  id: z.string(),
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  tool_calls: z.array(
    z.object({
      id: z.string(),
      tool: z.string(),
      arguments: z.unknown(),
      result: z.unknown().optional(),
      is_error: z.boolean().optional(),
    }),
  ),
  status: z.enum(["complete", "interrupted", "error"]),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  created_at: z.string(),
});

/** `GET /api/conversations/{id}`. */
export const conversationDetailSchema = z.object({
  id: z.string(),
  title: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  messages: z.array(conversationMessageSchema),
});

/** `PATCH /api/conversations/{id}`. */
export const renameConversationSchema = z.object({
  title: z.string().trim().min(1, "must not be blank").max(200, "must be at most 200 characters"),
});

/** `{id}` of conversation paths. */
export const conversationIdParamsSchema = z.object({ id: z.string().min(1).max(200) });
/** `{user_id}` of the legacy alias paths. */
export const userIdParamsSchema = z.object({ user_id: z.string().min(1).max(200) });
