import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { user } from "./auth.js";

/** A tool call the assistant made, with its result once known (stored on assistant rows). */
export interface StoredToolCall {
  id: string;
  tool: string;
  arguments: unknown;
  result?: unknown;
  is_error?: boolean;
}

/** Token usage of one model step. */
export interface StoredUsage {
  input_tokens: number | null;
  output_tokens: number | null;
  total_tokens: number | null;
}

/** A chat conversation; its messages are rows of `messages`. */
export const conversations = pgTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The list is ordered by recent activity, paginated by (updated_at, id).
    index("conversations_user_updated_idx").on(table.userId, table.updatedAt, table.id),
  ],
);

/**
 * One message per row: the user's text, each assistant step (text and tool calls) and each
 * tool result message. `parts` holds the AI SDK model-message content so later turns can give
 * the model earlier tool calls and results verbatim.
 */
export const messages = pgTable(
  "messages",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** Orders rows within a conversation; timestamps of one transaction are equal. */
    sequence: integer("sequence").notNull(),
    role: text("role", { enum: ["user", "assistant", "tool"] }).notNull(),
    content: text("content").notNull().default(""),
    parts: jsonb("parts").$type<unknown[]>(),
    toolCalls: jsonb("tool_calls").$type<StoredToolCall[]>(),
    toolResults: jsonb("tool_results").$type<StoredToolCall[]>(),
    provider: text("provider"),
    model: text("model"),
    usage: jsonb("usage").$type<StoredUsage>(),
    latencyMs: integer("latency_ms"),
    status: text("status", { enum: ["complete", "interrupted", "error"] })
      .notNull()
      .default("complete"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("messages_conversation_sequence_idx").on(table.conversationId, table.sequence),
    index("messages_user_idx").on(table.userId),
    check("messages_role_check", sql`${table.role} IN ('user', 'assistant', 'tool')`),
    check("messages_status_check", sql`${table.status} IN ('complete', 'interrupted', 'error')`),
  ],
);
