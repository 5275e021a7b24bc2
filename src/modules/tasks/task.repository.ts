import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { tasks } from "../../db/schema/tasks.js";

/** A task row as stored. */
export type TaskRow = typeof tasks.$inferSelect;
/** Values to insert a task. */
export type NewTaskRow = typeof tasks.$inferInsert;
/** Columns an update may change. */
export type TaskChanges = Partial<Omit<NewTaskRow, "id" | "userId" | "createdAt">>;
/** The database or an open transaction on it. */
export type Executor = Pick<Database, "select" | "insert" | "update" | "delete" | "execute">;

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

/**
 * The user's task with its row version, or undefined. The version is PostgreSQL's `xmin`, the
 * transaction that wrote this version of the row: every write gives the row a new one.
 */
export async function findTaskVersionForUser(
  db: Executor,
  userId: string,
  id: string,
): Promise<{ row: TaskRow; version: string } | undefined> {
  const [found] = await db
    .select({ row: tasks, version: sql<string>`${tasks}.xmin::text` })
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .limit(1);
  return found;
}

/**
 * Updates the user's task only if it is still at `version` (nobody wrote it since it was read);
 * undefined when it changed, or was deleted, meanwhile.
 */
export async function updateTaskAtVersion(
  db: Executor,
  userId: string,
  id: string,
  version: string,
  changes: TaskChanges,
): Promise<TaskRow | undefined> {
  const [row] = await db
    .update(tasks)
    .set(changes)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId), sql`${tasks}.xmin = ${version}::xid`))
    .returning();
  return row;
}

/** Why a task could not be inserted within the cap. */
export type CappedInsertFailure = "no-user" | "limit-reached";

/** The SQLSTATE of a database error, looked for through wrapping errors' causes. */
function sqlStateOf(error: unknown): unknown {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Inserts a task unless its user already has `cap` tasks or no longer exists, in one statement:
 * the row's `user_id` is the SQL function `task_owner_within_cap` (migration 0005), which locks
 * the user's row and counts, so concurrent creations for one user cannot exceed the cap.
 */
export async function insertTaskWithinCap(
  db: Executor,
  values: NewTaskRow,
  cap: number,
): Promise<TaskRow | CappedInsertFailure> {
  try {
    const [row] = await db
      .insert(tasks)
      .values({ ...values, userId: sql`task_owner_within_cap(${values.userId}, ${cap})` })
      .returning();
    if (!row) throw new Error("insert returned no row");
    return row;
  } catch (error) {
    const state = sqlStateOf(error);
    if (state === "DK001") return "no-user";
    if (state === "DK002") return "limit-reached";
    throw error;
  }
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

/** Deletes the user's task and returns it; undefined when it does not exist or is someone else's. */
export async function deleteTaskForUser(
  db: Executor,
  userId: string,
  id: string,
): Promise<TaskRow | undefined> {
  const [row] = await db
    .delete(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .returning();
  return row;
}
