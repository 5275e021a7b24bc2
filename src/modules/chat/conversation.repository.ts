import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { conversations, messages } from "../../db/schema/chat.js";

/** A stored conversation. */
export type ConversationRow = typeof conversations.$inferSelect;
/** A stored message. */
export type MessageRow = typeof messages.$inferSelect;
/** A message to store; id and sequence are assigned when the turn is written. */
export type NewMessage = Omit<
  typeof messages.$inferInsert,
  "id" | "sequence" | "conversationId" | "userId"
>;

/** A conversation in the list, with how many user and assistant messages it holds. */
export interface ConversationSummary extends ConversationRow {
  messageCount: number;
}

/** The actor's conversation `id`, or undefined when it does not exist or is someone else's. */
export async function findConversationForUser(
  db: Database,
  userId: string,
  id: string,
): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .limit(1);
  return row;
}

/**
 * The actor's conversation `id` with its messages in order, in one query; undefined when it does
 * not exist or is someone else's.
 */
export async function loadConversationForUser(
  db: Database,
  userId: string,
  id: string,
): Promise<MessageRow[] | undefined> {
  const rows = await db
    .select({ conversationId: conversations.id, message: messages })
    .from(conversations)
    .leftJoin(messages, eq(messages.conversationId, conversations.id))
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .orderBy(asc(messages.sequence));
  if (rows.length === 0) return undefined;
  return rows.flatMap((row) => (row.message ? [row.message] : []));
}

/** Every message of a conversation in order (the caller checked ownership). */
export async function listMessages(db: Database, conversationId: string): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.sequence));
}

/** A page of the actor's conversations, most recently active first. */
export async function listConversationsForUser(
  db: Database,
  userId: string,
  page: { limit: number; after?: { updatedAt: Date; id: string } },
): Promise<ConversationSummary[]> {
  const after = page.after;
  const rows = await db
    .select({
      id: conversations.id,
      userId: conversations.userId,
      title: conversations.title,
      createdAt: conversations.createdAt,
      updatedAt: conversations.updatedAt,
      // Raw names: inside a correlated subquery drizzle would render bare column names.
      messageCount: sql<number>`(
        select count(*)::int from "messages" as m
        where m."conversation_id" = "conversations"."id" and m."role" in ('user', 'assistant')
      )`.mapWith(Number),
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.userId, userId),
        after
          ? or(
              lt(conversations.updatedAt, after.updatedAt),
              and(eq(conversations.updatedAt, after.updatedAt), lt(conversations.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(page.limit);
  return rows;
}

/** Renames the actor's conversation; undefined when it is not theirs. */
export async function renameConversationForUser(
  db: Database,
  userId: string,
  id: string,
  title: string,
): Promise<ConversationRow | undefined> {
  const [row] = await db
    .update(conversations)
    .set({ title, updatedAt: new Date() })
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .returning();
  return row;
}

/** Deletes the actor's conversation and (by cascade) its messages; false when not theirs. */
export async function deleteConversationForUser(
  db: Database,
  userId: string,
  id: string,
): Promise<boolean> {
  const rows = await db
    .delete(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .returning({ id: conversations.id });
  return rows.length > 0;
}

/** One turn to store: the conversation (created when new) and its messages in order. */
export interface TurnRecord {
  conversationId: string;
  userId: string;
  /** Set when the turn starts a conversation. */
  newTitle?: string;
  messages: NewMessage[];
}

/** The rows of a turn as they will be stored (the sequence is set when known). */
function newRows(turn: TurnRecord, now: Date): MessageRow[] {
  return turn.messages.map((message) => ({
    content: "",
    parts: null,
    toolCalls: null,
    toolResults: null,
    provider: null,
    model: null,
    usage: null,
    latencyMs: null,
    status: "complete",
    ...message,
    id: randomUUID(),
    conversationId: turn.conversationId,
    userId: turn.userId,
    sequence: 0,
    createdAt: now,
  }));
}

/**
 * Stores a whole turn in one transaction: either every message of the turn is there or none.
 * The conversation row is locked so concurrent turns of one conversation get distinct sequence
 * numbers. Returns the stored rows, or undefined when the conversation vanished meanwhile.
 */
export async function saveTurn(db: Database, turn: TurnRecord): Promise<MessageRow[] | undefined> {
  if (turn.newTitle !== undefined && turn.messages.length > 0) {
    // A new conversation and its messages in one statement (atomic by itself, one round trip):
    // no other turn can know this conversation yet, so its messages are numbered from 1.
    const now = new Date();
    const rows = newRows(turn, now);
    const conversation = db.insert(conversations).values({
      id: turn.conversationId,
      userId: turn.userId,
      title: turn.newTitle,
      createdAt: now,
      updatedAt: now,
    });
    const inserted = db
      .insert(messages)
      .values(rows.map((row, index) => ({ ...row, sequence: index + 1 })));
    await db.execute(sql`with new_conversation as (${conversation.getSQL()}) ${inserted.getSQL()}`);
    rows.forEach((row, index) => (row.sequence = index + 1));
    return rows;
  }
  return db.transaction(async (tx) => {
    const now = new Date();
    // A new conversation numbers its messages from 1; an existing one is locked by the update
    // (which also checks ownership), and the insert, a later statement, sees every committed
    // message, so the sequence it computes is free.
    let next: (index: number) => number | SQL;
    if (turn.newTitle !== undefined) {
      await tx.insert(conversations).values({
        id: turn.conversationId,
        userId: turn.userId,
        title: turn.newTitle,
        createdAt: now,
        updatedAt: now,
      });
      next = (index) => index + 1;
    } else {
      const locked = await tx
        .update(conversations)
        .set({ updatedAt: now })
        .where(
          and(eq(conversations.id, turn.conversationId), eq(conversations.userId, turn.userId)),
        )
        .returning({ id: conversations.id });
      if (locked.length === 0) return undefined;
      next = (index) =>
        sql`(select coalesce(max(${messages.sequence}), 0) from ${messages} where ${messages.conversationId} = ${turn.conversationId}) + ${index + 1}`;
    }
    if (turn.messages.length === 0) return [];
    const rows = newRows(turn, now);
    // Only the sequence numbers are read back: the rest is what was just written.
    const stored = await tx
      .insert(messages)
      .values(rows.map((row, index) => ({ ...row, sequence: next(index) })))
      .returning({ id: messages.id, sequence: messages.sequence });
    const sequences = new Map(stored.map((row) => [row.id, row.sequence]));
    for (const row of rows) row.sequence = sequences.get(row.id) ?? 0;
    return rows;
  });
}
