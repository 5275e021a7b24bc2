import {
  and,
  arrayContains,
  eq,
  fillPlaceholders,
  gte,
  ilike,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { QueryBuilder, type AnyPgColumn } from "drizzle-orm/pg-core";
import { queryStatement, type Statement } from "../../db/prepared.js";
import type { Database } from "../../db/client.js";
import { tasks } from "../../db/schema/tasks.js";
import { decodeCursor, encodeCursor, invalidCursor, type CursorValue } from "./task.cursor.js";
import type { TaskDto, TaskSort } from "./task.schemas.js";

/** The priority as a number, so "high" sorts above "low". */
const PRIORITY_RANK: SQL<number> = sql<number>`(CASE ${tasks.priority} WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END)`;
const RANK_OF = { none: 0, low: 1, medium: 2, high: 3 } as const;

/** One column of a keyset sort; undated (NULL) values always sort last, whatever the direction. */
interface SortKey {
  expression: AnyPgColumn | SQL;
  direction: "asc" | "desc";
  kind: "instant" | "number" | "text";
  nullable: boolean;
  read(task: TaskDto): CursorValue;
}

const dueKey = (direction: "asc" | "desc"): SortKey => ({
  expression: tasks.dueAt,
  direction,
  kind: "instant",
  nullable: true,
  read: (task) => task.due_at,
});
const createdKey = (direction: "asc" | "desc"): SortKey => ({
  expression: tasks.createdAt,
  direction,
  kind: "instant",
  nullable: false,
  read: (task) => task.created_at,
});
const idKey = (direction: "asc" | "desc"): SortKey => ({
  expression: tasks.id,
  direction,
  kind: "text",
  nullable: false,
  read: (task) => task.id,
});
const priorityKey = (direction: "asc" | "desc"): SortKey => ({
  expression: PRIORITY_RANK,
  direction,
  kind: "number",
  nullable: false,
  read: (task) => RANK_OF[task.priority],
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

/** A cursor value checked against its key, as the value bound to the statement. */
function cursorValue(key: SortKey, value: CursorValue): CursorValue {
  if (value === null) {
    if (!key.nullable) throw invalidCursor();
    return null;
  }
  switch (key.kind) {
    case "instant":
      if (typeof value !== "string" || Number.isNaN(Date.parse(value))) throw invalidCursor();
      return new Date(value).toISOString();
    case "number":
      if (typeof value !== "number" || !Number.isInteger(value)) throw invalidCursor();
      return value;
    case "text":
      if (typeof value !== "string") throw invalidCursor();
      return value;
  }
}

function boundOf(key: SortKey, index: number): SQL {
  const placeholder = sql.placeholder(`c${index}`);
  switch (key.kind) {
    case "instant":
      return sql`${placeholder}::timestamptz`;
    case "number":
      return sql`${placeholder}::int`;
    case "text":
      return sql`${placeholder}`;
  }
}

/** Rows strictly after the cursor position in the order of `keys`, with NULLs last. */
function afterPosition(keys: SortKey[], values: CursorValue[], index = 0): SQL | undefined {
  const key = keys[index];
  const value = values[index];
  if (!key || value === undefined) return undefined;
  const rest = afterPosition(keys, values, index + 1);
  if (value === null) {
    // Nothing sorts after NULL except other NULL rows later in the tie-breakers.
    return rest ? and(isNull(key.expression), rest) : sql`false`;
  }
  const bound = boundOf(key, index);
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
  priority?: TaskDto["priority"] | undefined;
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

function filterConditions(filters: TaskFilters): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [eq(tasks.userId, sql.placeholder("userId"))];
  if (filters.status !== "all") conditions.push(eq(tasks.completed, sql.placeholder("completed")));
  if (filters.q) {
    const pattern = sql.placeholder("q");
    conditions.push(or(ilike(tasks.title, pattern), ilike(tasks.description, pattern)));
  }
  if (filters.tag) conditions.push(arrayContains(tasks.tags, sql.placeholder("tag")));
  if (filters.priority) conditions.push(eq(tasks.priority, sql.placeholder("priority")));
  if (filters.dueBefore) conditions.push(lt(tasks.dueAt, sql.placeholder("dueBefore")));
  if (filters.dueAfter) conditions.push(gte(tasks.dueAt, sql.placeholder("dueAfter")));
  return conditions;
}

/**
 * The columns of a listed task, named as the API names them, in the API's order: the rows are
 * the response's tasks as they are. Exactly the keys of TaskDto (the type rejects a missing or
 * an extra one), which lets the list route serialise them without re-encoding each one.
 */
const LIST_COLUMNS: { [Key in keyof TaskDto]: AnyPgColumn } = {
  id: tasks.id,
  title: tasks.title,
  description: tasks.description,
  completed: tasks.completed,
  completed_at: tasks.completedAt,
  priority: tasks.priority,
  due_at: tasks.dueAt,
  due_all_day: tasks.dueAllDay,
  recurrence: tasks.recurrence,
  tags: tasks.tags,
  created_at: tasks.createdAt,
  updated_at: tasks.updatedAt,
};

interface ShapedStatement {
  statement: Statement;
  /** The statement's parameters, with placeholders for the values of each request. */
  params: unknown[];
}

// One statement per shape of request (sort, order, which filters, where the cursor has NULLs):
// the values change, the text does not. Named, they are prepared once per pooled connection;
// past MAX_NAMED_SHAPES (unusual combinations) they still run, unnamed and uncached.
const MAX_NAMED_SHAPES = 100;
const shapes = new Map<string, ShapedStatement>();
const queryBuilder = new QueryBuilder();

function shapeKey(request: TaskPageRequest, cursorValues: CursorValue[] | undefined): string {
  const { filters } = request;
  const present = [filters.q, filters.tag, filters.priority, filters.dueBefore, filters.dueAfter]
    .map((value) => (value ? "1" : "0"))
    .join("");
  const cursor = cursorValues?.map((value) => (value === null ? "n" : "v")).join("") ?? "-";
  return `${request.sort}:${request.order}:${filters.status}:${present}:${cursor}`;
}

function buildShape(
  keys: SortKey[],
  request: TaskPageRequest,
  cursorValues: CursorValue[] | undefined,
  name: string | undefined,
): ShapedStatement {
  const conditions = filterConditions(request.filters);
  if (cursorValues) conditions.push(afterPosition(keys, cursorValues));
  const query = queryBuilder
    .select(LIST_COLUMNS)
    .from(tasks)
    .where(and(...conditions))
    .orderBy(...keys.map(orderBy))
    .limit(sql.placeholder("limit"))
    .toSQL();
  return { statement: { name, text: query.sql }, params: query.params };
}

/**
 * The statement and values of one page request: the same text for every request of the same
 * shape, so PostgreSQL can reuse its plan. Exported for the benchmark's bare route, which runs
 * exactly this statement. Throws a 422 `INVALID_CURSOR` for a bad cursor.
 */
export function listStatement(
  userId: string,
  request: TaskPageRequest,
): { statement: Statement; values: unknown[] } {
  const keys = sortKeysFor(request.sort, request.order);
  const cursorValues = request.cursor
    ? decodeCursor(request.cursor, `${request.sort}:${request.order}`, keys.length).map(
        (value, index) => cursorValue(keys[index] as SortKey, value),
      )
    : undefined;
  const key = shapeKey(request, cursorValues);
  let shape = shapes.get(key);
  if (!shape) {
    const named = shapes.size < MAX_NAMED_SHAPES;
    shape = buildShape(
      keys,
      request,
      cursorValues,
      named ? `tasks_list_${shapes.size}` : undefined,
    );
    if (named) shapes.set(key, shape);
  }
  const { filters } = request;
  // Placeholders are bound as given: encode them as drizzle encodes a column's values.
  const placeholders: Record<string, unknown> = {
    userId,
    completed: filters.status === "completed",
    q: filters.q ? `%${escapeLike(filters.q)}%` : undefined,
    tag: filters.tag ? tasks.tags.mapToDriverValue([filters.tag]) : undefined,
    priority: filters.priority,
    dueBefore: filters.dueBefore?.toISOString(),
    dueAfter: filters.dueAfter?.toISOString(),
    limit: request.limit + 1,
  };
  cursorValues?.forEach((value, index) => (placeholders[`c${index}`] = value));
  return { statement: shape.statement, values: fillPlaceholders(shape.params, placeholders) };
}

/** One page of the user's tasks in a stable keyset order, and the cursor of the next page. */
export async function listTasksForUser(
  db: Database,
  userId: string,
  request: TaskPageRequest,
): Promise<{ tasks: TaskDto[]; nextCursor: string | null }> {
  const { statement, values } = listStatement(userId, request);
  const rows = await queryStatement<TaskDto>(db, statement, values);
  const page = rows.length > request.limit ? rows.slice(0, request.limit) : rows;
  const last = page.at(-1);
  const keys = sortKeysFor(request.sort, request.order);
  const nextCursor =
    rows.length > request.limit && last
      ? encodeCursor({
          sort: `${request.sort}:${request.order}`,
          keys: keys.map((key) => key.read(last)),
        })
      : null;
  return { tasks: page, nextCursor };
}
