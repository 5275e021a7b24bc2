import type { z } from "zod";
import type { Database } from "../../db/client.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../auth/actor.js";
import { conversationNotFound } from "./chat.service.js";
import type { conversationDetailSchema, conversationListSchema } from "./chat.schemas.js";
import {
  deleteConversationForUser,
  findConversationForUser,
  listConversationsForUser,
  listMessages,
  renameConversationForUser,
  type ConversationRow,
} from "./conversation.repository.js";

type ConversationList = z.infer<typeof conversationListSchema>;
type ConversationDetail = z.infer<typeof conversationDetailSchema>;

function encodeCursor(row: { updatedAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.updatedAt.toISOString(), row.id])).toString("base64url");
}

function decodeCursor(cursor: string): { updatedAt: Date; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && typeof value[0] === "string" && typeof value[1] === "string") {
      const updatedAt = new Date(value[0]);
      if (!Number.isNaN(updatedAt.getTime())) return { updatedAt, id: value[1] };
    }
  } catch {
    // reported below
  }
  throw new AppError(422, "INVALID_CURSOR", "The cursor is not valid; start again without it.", {
    errors: [{ path: "cursor", message: "is not valid" }],
  });
}

function summary(row: ConversationRow) {
  return {
    id: row.id,
    title: row.title,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Listing, reading, renaming and deleting the actor's conversations. */
export class ConversationService {
  constructor(private readonly db: Database) {}

  /** A page of the actor's conversations, most recently active first. */
  async list(
    actor: Actor,
    query: { limit: number; cursor?: string | undefined },
  ): Promise<ConversationList> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await listConversationsForUser(this.db, actor.userId, {
      limit: query.limit + 1,
      ...(after ? { after } : {}),
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      conversations: page.map((row) => ({ ...summary(row), message_count: row.messageCount })),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }

  /** One conversation with its user and assistant messages; 404 when not the actor's. */
  async get(actor: Actor, id: string): Promise<ConversationDetail> {
    const conversation = await findConversationForUser(this.db, actor.userId, id);
    if (!conversation) throw conversationNotFound();
    const rows = await listMessages(this.db, conversation.id);
    return {
      ...summary(conversation),
      messages: rows.flatMap((row) =>
        row.role === "tool"
          ? []
          : [
              {
                id: row.id,
                role: row.role,
                content: row.content,
                tool_calls: row.toolCalls ?? [],
                status: row.status,
                provider: row.provider,
                model: row.model,
                created_at: row.createdAt.toISOString(),
              },
            ],
      ),
    };
  }

  /** Renames the actor's conversation. */
  async rename(actor: Actor, id: string, title: string) {
    const row = await renameConversationForUser(this.db, actor.userId, id, title);
    if (!row) throw conversationNotFound();
    return summary(row);
  }

  /** Deletes the actor's conversation and its messages. */
  async remove(actor: Actor, id: string): Promise<void> {
    if (!(await deleteConversationForUser(this.db, actor.userId, id))) throw conversationNotFound();
  }
}
