import { and, count, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { user } from "../../db/schema/auth.js";
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
