import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { preparedStatement } from "../../db/prepared.js";
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

/** What the model's history is rebuilt from: a stored message without its bookkeeping. */
export type HistoryRow = Pick<MessageRow, "role" | "content" | "parts" | "status">;

// Read on every turn: a prepared statement, and only the columns the history needs (the tool
// call and usage jsonb of every earlier message would be parsed for nothing).
const loadHistory = preparedStatement<
  { role: MessageRow["role"] | null } & Omit<HistoryRow, "role">
>(
  "chat_load_history",
  `select m.role, m.content, m.parts, m.status
   from conversations c left join messages m on m.conversation_id = c.id
   where c.id = $1 and c.user_id = $2
   order by m.sequence`,
);

/**
 * The actor's conversation `id` with its messages in order, in one query; undefined when it does
 * not exist or is someone else's.
 */
export async function loadConversationForUser(
  db: Database,
  userId: string,
  id: string,
): Promise<HistoryRow[] | undefined> {
  const rows = await loadHistory(db, [id, userId]);
  if (rows.length === 0) return undefined;
  // A conversation without messages yet is one row of nulls (the left join).
  return rows.filter((row): row is HistoryRow => row.role !== null);
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

// The rows of a turn travel as one jsonb array, so each statement below has a fixed text
// whatever the number of messages (a prepared statement) and inserts them all at once.
const TURN_ROWS = `jsonb_to_recordset($3::jsonb) as r(id text, sequence integer, role text,
  content text, parts jsonb, tool_calls jsonb, tool_results jsonb, provider text, model text,
  usage jsonb, latency_ms integer, status text)`;
const MESSAGE_COLUMNS = `id, conversation_id, user_id, sequence, role, content, parts, tool_calls,
  tool_results, provider, model, usage, latency_ms, status, created_at`;
const rowValues = (sequence: string) => `r.id, $1, $2, ${sequence}, r.role,
  coalesce(r.content, ''), r.parts, r.tool_calls, r.tool_results, r.provider, r.model, r.usage,
  r.latency_ms, coalesce(r.status, 'complete'), $4`;

// A new conversation and its messages: one statement, atomic by itself. No other turn can know
// this conversation yet, so its messages are numbered from 1.
const insertNewConversation = preparedStatement<{ id: string }>(
  "chat_insert_new_conversation",
  `with new_conversation as (
     insert into conversations (id, user_id, title, created_at, updated_at)
     values ($1, $2, $5, $4, $4)
   )
   insert into messages (${MESSAGE_COLUMNS})
   select ${rowValues("r.sequence")} from ${TURN_ROWS}
   returning id`,
);

// An existing conversation: one statement, atomic by itself. The update checks ownership and
// locks the conversation; the messages are numbered after the last stored one. A turn of the
// same conversation committed while this one waited for the lock is not in this statement's
// snapshot: its sequence numbers then collide on the unique index, the statement stores
// nothing, and the turn is stored by `saveTurnLocked` instead.
const insertIntoConversation = preparedStatement<{ id: string; sequence: number }>(
  "chat_insert_turn",
  `with locked as (
     update conversations set updated_at = $4 where id = $1 and user_id = $2 returning id
   ), last as (
     select coalesce(max(sequence), 0) as sequence from messages where conversation_id = $1
   )
   insert into messages (${MESSAGE_COLUMNS})
   select ${rowValues("last.sequence + r.sequence")} from locked, last, ${TURN_ROWS}
   returning id, sequence`,
);

/** A turn without messages (not one the agent records): creates or touches the conversation. */
async function saveEmptyTurn(db: Database, turn: TurnRecord, now: Date) {
  if (turn.newTitle !== undefined) {
    await db.insert(conversations).values({
      id: turn.conversationId,
      userId: turn.userId,
      title: turn.newTitle,
      createdAt: now,
      updatedAt: now,
    });
    return [];
  }
  const touched = await db
    .update(conversations)
    .set({ updatedAt: now })
    .where(and(eq(conversations.id, turn.conversationId), eq(conversations.userId, turn.userId)))
    .returning({ id: conversations.id });
  return touched.length > 0 ? [] : undefined;
}

/** The rows of a turn as the statements above read them (nulls left out). */
function rowsJson(rows: MessageRow[]): string {
  return JSON.stringify(
    rows.map((row, index) => ({
      id: row.id,
      sequence: index + 1,
      role: row.role,
      content: row.content,
      parts: row.parts ?? undefined,
      tool_calls: row.toolCalls ?? undefined,
      tool_results: row.toolResults ?? undefined,
      provider: row.provider ?? undefined,
      model: row.model ?? undefined,
      usage: row.usage ?? undefined,
      latency_ms: row.latencyMs ?? undefined,
      status: row.status,
    })),
  );
}

function isSequenceCollision(error: unknown): boolean {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === "23505" && constraint === "messages_conversation_sequence_idx";
}

/**
 * Stores a whole turn atomically (one statement): either every message of the turn is there
 * or none. Concurrent turns of one conversation get distinct sequence numbers. Returns the
 * stored rows, or undefined when the conversation is not the user's or vanished meanwhile.
 */
export async function saveTurn(db: Database, turn: TurnRecord): Promise<MessageRow[] | undefined> {
  const now = new Date();
  if (turn.messages.length === 0) return saveEmptyTurn(db, turn, now);
  const rows = newRows(turn, now);
  const values = [turn.conversationId, turn.userId, rowsJson(rows), now];
  if (turn.newTitle !== undefined) {
    await insertNewConversation(db, [...values, turn.newTitle]);
    rows.forEach((row, index) => (row.sequence = index + 1));
    return rows;
  }
  let stored: { id: string; sequence: number }[];
  try {
    stored = await insertIntoConversation(db, values);
  } catch (error) {
    if (!isSequenceCollision(error)) throw error;
    stored = await saveTurnLocked(db, turn, rows, now);
  }
  if (stored.length === 0) return undefined;
  const sequences = new Map(stored.map((row) => [row.id, row.sequence]));
  for (const row of rows) row.sequence = sequences.get(row.id) ?? 0;
  return rows;
}

/**
 * The turn of an existing conversation in a transaction that takes the conversation's lock
 * first: the insert, a later statement, sees every committed message, so the sequence numbers
 * it computes are free however many turns of the conversation are being stored at once.
 */
async function saveTurnLocked(
  db: Database,
  turn: TurnRecord,
  rows: MessageRow[],
  now: Date,
): Promise<{ id: string; sequence: number }[]> {
  return db.transaction(async (tx) => {
    const locked = await tx
      .update(conversations)
      .set({ updatedAt: now })
      .where(and(eq(conversations.id, turn.conversationId), eq(conversations.userId, turn.userId)))
      .returning({ id: conversations.id });
    if (locked.length === 0) return [];
    const last = sql`(select coalesce(max(${messages.sequence}), 0) from ${messages} where ${messages.conversationId} = ${turn.conversationId})`;
    return tx
      .insert(messages)
      .values(rows.map((row, index) => ({ ...row, sequence: sql`${last} + ${index + 1}` })))
      .returning({ id: messages.id, sequence: messages.sequence });
  });
}
