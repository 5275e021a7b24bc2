import {
  and,
  arrayContains,
  count,
  eq,
  gte,
  ilike,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client.js";
import { user } from "../../db/schema/auth.js";
import { tasks } from "../../db/schema/tasks.js";
import { decodeCursor, encodeCursor, invalidCursor, type CursorValue } from "./task.cursor.js";
import type { TaskSort } from "./task.schemas.js";

/** A task row as stored. */
export type TaskRow = typeof tasks.$inferSelect;
/** Values to insert a task. */
export type NewTaskRow = typeof tasks.$inferInsert;
/** Columns an update may change. */
export type TaskChanges = Partial<Omit<NewTaskRow, "id" | "userId" | "createdAt">>;
/** The database or an open transaction on it. */
export type Executor = Pick<Database, "select" | "insert" | "update" | "delete" | "execute">;

/** The priority as a number, so "high" sorts above "low". */
const PRIORITY_RANK: SQL<number> = sql<number>`(CASE ${tasks.priority} WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END)`;
const RANK_OF = { none: 0, low: 1, medium: 2, high: 3 } as const;

/** One column of a keyset sort; undated (NULL) values always sort last, whatever the direction. */
interface SortKey {
  expression: AnyPgColumn | SQL;
  direction: "asc" | "desc";
  kind: "instant" | "number" | "text";
  nullable: boolean;
  read(row: TaskRow): CursorValue;
}

const dueKey = (direction: "asc" | "desc"): SortKey => ({
  expression: tasks.dueAt,
  direction,
  kind: "instant",
  nullable: true,
  read: (row) => row.dueAt?.toISOString() ?? null,
});
const createdKey = (direction: "asc" | "desc"): SortKey => ({
  expression: tasks.createdAt,
  direction,
  kind: "instant",
  nullable: false,
  read: (row) => row.createdAt.toISOString(),
});
const idKey = (direction: "asc" | "desc"): SortKey => ({
  expression: tasks.id,
  direction,
  kind: "text",
  nullable: false,
  read: (row) => row.id,
});
const priorityKey = (direction: "asc" | "desc"): SortKey => ({
  expression: PRIORITY_RANK,
  direction,
  kind: "number",
  nullable: false,
  read: (row) => RANK_OF[row.priority],
});

/** The direction a sort uses when none is given: due dates ascend, the others descend. */
export function defaultOrder(sort: TaskSort | undefined): "asc" | "desc" {
  return sort === undefined || sort === "due_at" ? "asc" : "desc";
}

/**
 * The full, total order of a list. The default (no sort) is the one the chat assistant numbers
 * tasks by: soonest due first, undated last, then oldest created, then id.
 */
function sortKeysFor(sort: TaskSort, order: "asc" | "desc"): SortKey[] {
  switch (sort) {
    case "due_at":
      return [dueKey(order), createdKey("asc"), idKey("asc")];
    case "created_at":
      return [createdKey(order), idKey(order)];
    case "priority":
      return [priorityKey(order), dueKey("asc"), createdKey("asc"), idKey("asc")];
  }
}

function orderBy(key: SortKey): SQL {
  const direction = key.direction === "asc" ? sql`ASC` : sql`DESC`;
  return key.nullable
    ? sql`${key.expression} ${direction} NULLS LAST`
    : sql`${key.expression} ${direction}`;
}

function boundOf(key: SortKey, value: CursorValue): SQL {
  switch (key.kind) {
    case "instant": {
      if (typeof value !== "string" || Number.isNaN(Date.parse(value))) throw invalidCursor();
      return sql`${new Date(value).toISOString()}::timestamptz`;
    }
    case "number":
      if (typeof value !== "number" || !Number.isInteger(value)) throw invalidCursor();
      return sql`${value}::int`;
    case "text":
      if (typeof value !== "string") throw invalidCursor();
      return sql`${value}`;
  }
}

/** Rows strictly after the cursor position in the order of `keys`, with NULLs last. */
function afterPosition(keys: SortKey[], values: CursorValue[]): SQL | undefined {
  const [key, ...restKeys] = keys;
  const [value, ...restValues] = values;
  if (!key || value === undefined) return undefined;
  if (value === null && !key.nullable) throw invalidCursor();
  const rest = afterPosition(restKeys, restValues);
  if (value === null) {
    // Nothing sorts after NULL except other NULL rows later in the tie-breakers.
    return rest ? and(isNull(key.expression), rest) : sql`false`;
  }
  const bound = boundOf(key, value);
  const beyond =
    key.direction === "asc" ? sql`${key.expression} > ${bound}` : sql`${key.expression} < ${bound}`;
  const strictly = key.nullable ? or(beyond, isNull(key.expression)) : beyond;
  return rest ? or(strictly, and(sql`${key.expression} = ${bound}`, rest)) : strictly;
}

/** Filters of a task list, already validated. */
export interface TaskFilters {
  status: "all" | "pending" | "completed";
  q?: string | undefined;
  tag?: string | undefined;
  priority?: TaskRow["priority"] | undefined;
  dueBefore?: Date | undefined;
  dueAfter?: Date | undefined;
}

/** A page request: filters, sort, page size and the cursor of the previous page. */
export interface TaskPageRequest {
  filters: TaskFilters;
  sort: TaskSort;
  order: "asc" | "desc";
  limit: number;
  cursor?: string | undefined;
}

/** Escapes `%`, `_` and `\` so user text matches literally inside LIKE patterns. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function filterConditions(userId: string, filters: TaskFilters): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [eq(tasks.userId, userId)];
  if (filters.status !== "all")
    conditions.push(eq(tasks.completed, filters.status === "completed"));
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    conditions.push(or(ilike(tasks.title, pattern), ilike(tasks.description, pattern)));
  }
  if (filters.tag) conditions.push(arrayContains(tasks.tags, [filters.tag]));
  if (filters.priority) conditions.push(eq(tasks.priority, filters.priority));
  if (filters.dueBefore) conditions.push(lt(tasks.dueAt, filters.dueBefore));
  if (filters.dueAfter) conditions.push(gte(tasks.dueAt, filters.dueAfter));
  return conditions;
}

/** One page of the user's tasks in a stable keyset order, and the cursor of the next page. */
export async function listTasksForUser(
  db: Executor,
  userId: string,
  request: TaskPageRequest,
): Promise<{ rows: TaskRow[]; nextCursor: string | null }> {
  const keys = sortKeysFor(request.sort, request.order);
  const sortName = `${request.sort}:${request.order}`;
  const conditions = filterConditions(userId, request.filters);
  if (request.cursor) {
    conditions.push(afterPosition(keys, decodeCursor(request.cursor, sortName, keys.length)));
  }
  const rows = await db
    .select()
    .from(tasks)
    .where(and(...conditions))
    .orderBy(...keys.map(orderBy))
    .limit(request.limit + 1);
  const page = rows.slice(0, request.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > request.limit && last
      ? encodeCursor({ sort: sortName, keys: keys.map((key) => key.read(last)) })
      : null;
  return { rows: page, nextCursor };
}

/** The user's task with this id, or undefined (also when it belongs to someone else). */
export async function findTaskForUser(
  db: Executor,
  userId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<TaskRow | undefined> {
  const query = db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .limit(1);
  const [row] = options.lock ? await query.for("update") : await query;
  return row;
}

/** Locks the user's row so that concurrent task creations for one user run one at a time. */
export async function lockUserForTaskCreation(db: Executor, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.id, userId))
    .for("no key update");
  return rows.length > 0;
}

/** How many tasks the user has. */
export async function countTasksForUser(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ total: count() }).from(tasks).where(eq(tasks.userId, userId));
  return row?.total ?? 0;
}

/** Inserts a task and returns it. */
export async function insertTask(db: Executor, values: NewTaskRow): Promise<TaskRow> {
  const [row] = await db.insert(tasks).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Updates the user's task; undefined when it does not exist or is someone else's. */
export async function updateTaskForUser(
  db: Executor,
  userId: string,
  id: string,
  changes: TaskChanges,
): Promise<TaskRow | undefined> {
  const [row] = await db
    .update(tasks)
    .set(changes)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .returning();
  return row;
}

/** Deletes the user's task; false when it does not exist or is someone else's. */
export async function deleteTaskForUser(
  db: Executor,
  userId: string,
  id: string,
): Promise<boolean> {
  const rows = await db
    .delete(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .returning({ id: tasks.id });
  return rows.length > 0;
}
