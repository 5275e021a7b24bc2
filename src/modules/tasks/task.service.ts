import { randomUUID } from "node:crypto";
import type { AppConfig } from "../../config.js";
import type { Database } from "../../db/client.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../auth/actor.js";
import { parseInput, taskNotFound } from "./task.errors.js";
import { completionChanges, resolveDue, resolveRecurringDue } from "./task.rules.js";
import {
  deleteTaskForUser,
  findTaskForUser,
  findTaskVersionForUser,
  updateTaskAtVersion,
  insertTaskWithinCap,
  updateTaskForUser,
  type TaskChanges,
  type TaskRow,
} from "./task.repository.js";
import { defaultOrder, listTasksForUser } from "./task.list-query.js";
import { normalizeRecurrence } from "./task.recurrence.js";
import {
  createTaskSchema,
  listTasksSchema,
  normalizeTags,
  quickAddSchema,
  updateTaskSchema,
  type CreateTaskInput,
  type ListTasksInput,
  type Priority,
  type QuickAddInput,
  type TaskDto,
  type TaskList,
  type UpdateTaskInput,
} from "./task.schemas.js";
import { localDateOf, requireTimezone } from "./task.time.js";

/** The time source; tests inject a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

/** What `parseQuickAdd` from `quick-add.ts` returns. */
export interface QuickAddParse {
  title: string;
  description: string | null;
  priority: Priority;
  dueAt: Date | null;
  dueAllDay: boolean;
  recurrence: string | null;
  tags: string[];
}

/** The quick-add grammar: plain text in the user's timezone to task fields. */
export type QuickAddParser = (
  text: string,
  options: { timezone: string; now?: Date },
) => QuickAddParse;

/** What the task service needs. */
export interface TaskServiceDeps {
  db: Database;
  config: Pick<AppConfig, "tasks">;
  /** @default the system clock */
  clock?: Clock;
  /** The quick-add grammar; without it `quickAdd` answers 503. */
  parseQuickAdd?: QuickAddParser;
  /** @default crypto.randomUUID */
  newId?: () => string;
}

/** Per-user tasks, the one service behind HTTP routes, chat tools and MCP tools. */
export interface TaskService {
  /** Creates a task (422 on invalid input, 422 `TASK_LIMIT_REACHED` at the cap). */
  create(actor: Actor, input: CreateTaskInput): Promise<TaskDto>;
  /** Parses plain text with the quick-add grammar and creates the task. */
  quickAdd(actor: Actor, input: QuickAddInput): Promise<TaskDto>;
  /** One page of the actor's tasks (default: pending, soonest due first, undated last). */
  list(actor: Actor, input?: ListTasksInput): Promise<TaskList>;
  /** One task; 404 `TASK_NOT_FOUND` when it is missing or someone else's. */
  get(actor: Actor, id: string): Promise<TaskDto>;
  /** Changes any fields; `completed` completes (advancing recurring tasks) or reopens. */
  update(actor: Actor, id: string, input: UpdateTaskInput): Promise<TaskDto>;
  /** Completes an open task or reopens a completed one, atomically. */
  toggle(actor: Actor, id: string): Promise<TaskDto>;
  /** Completes a task (a recurring one moves to its next occurrence); idempotent when done. */
  complete(actor: Actor, id: string): Promise<TaskDto>;
  /** `update`, also returning the task as it was just before (read under the same row lock). */
  updateWithPrevious(actor: Actor, id: string, input: UpdateTaskInput): Promise<TaskChange>;
  /** `toggle`, also returning the task as it was just before. */
  toggleWithPrevious(actor: Actor, id: string): Promise<TaskChange>;
  /** `complete`, also returning the task as it was just before. */
  completeWithPrevious(actor: Actor, id: string): Promise<TaskChange>;
  /** Deletes a task and returns it as it was; 404 when it is missing or someone else's. */
  remove(actor: Actor, id: string): Promise<TaskDto>;
}

/** A task after a change, and as it was just before: what an undo restores. */
// A type, not an interface, so that it is a plain record where tool results are expected.
export type TaskChange = { task: TaskDto; previous: TaskDto };

/** The API shape of a task row (snake_case, ISO 8601 instants). */
export function toTaskDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    completed_at: row.completedAt?.toISOString() ?? null,
    priority: row.priority,
    due_at: row.dueAt?.toISOString() ?? null,
    due_all_day: row.dueAllDay,
    recurrence: row.recurrence,
    tags: row.tags,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function taskLimitReached(max: number): AppError {
  return new AppError(
    422,
    "TASK_LIMIT_REACHED",
    `You have reached the limit of ${max} tasks; delete some before adding more.`,
  );
}

/** Optimistic tries of a change before it locks the task (see `mutate`). */
const OPTIMISTIC_ATTEMPTS = 3;

/** Builds the task service. */
export function createTaskService(deps: TaskServiceDeps): TaskService {
  const { db } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  const newId = deps.newId ?? randomUUID;
  const maxPerUser = deps.config.tasks.maxPerUser;

  /**
   * Reads the task, applies `decide`, and writes the result only if nobody wrote the task in
   * between (two round trips, no transaction); after a few such races it locks the row instead.
   */
  async function mutate(
    actor: Actor,
    id: string,
    decide: (row: TaskRow, now: Date) => TaskChanges | undefined,
  ): Promise<TaskChange> {
    for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      const current = await findTaskVersionForUser(db, actor.userId, id);
      if (!current) throw taskNotFound(id);
      const now = clock.now();
      const changes = decide(current.row, now);
      const previous = toTaskDto(current.row);
      if (!changes) return { task: previous, previous };
      const task = await updateTaskAtVersion(db, actor.userId, id, current.version, {
        ...changes,
        updatedAt: now,
      });
      if (task) return { task: toTaskDto(task), previous };
    }
    return mutateLocked(actor, id, decide);
  }

  /** `mutate` for a task others keep writing: locks the row, then decides and writes. */
  async function mutateLocked(
    actor: Actor,
    id: string,
    decide: (row: TaskRow, now: Date) => TaskChanges | undefined,
  ): Promise<TaskChange> {
    const { previous, task } = await db.transaction(async (tx) => {
      const current = await findTaskForUser(tx, actor.userId, id, { lock: true });
      if (!current) throw taskNotFound(id);
      const now = clock.now();
      const changes = decide(current, now);
      if (!changes) return { previous: current, task: current };
      const updated = await updateTaskForUser(tx, actor.userId, id, { ...changes, updatedAt: now });
      if (!updated) throw taskNotFound(id);
      return { previous: current, task: updated };
    });
    return { task: toTaskDto(task), previous: toTaskDto(previous) };
  }

  const service: TaskService = {
    async create(actor, input) {
      const data = parseInput(createTaskSchema, input);
      const now = clock.now();
      const recurrence = data.recurrence ? normalizeRecurrence(data.recurrence) : null;
      let due = resolveDue(data.due_at, data.due_all_day, actor.timezone);
      if (recurrence) due = resolveRecurringDue(recurrence, due, actor.timezone, now);
      const description = data.description?.trim() ? data.description : null;
      const row = await insertTaskWithinCap(
        db,
        {
          id: newId(),
          userId: actor.userId,
          title: data.title,
          description,
          priority: data.priority ?? "none",
          dueAt: due.dueAt,
          dueAllDay: due.dueAllDay,
          recurrence,
          tags: data.tags ?? [],
          createdAt: now,
          updatedAt: now,
        },
        maxPerUser,
      );
      if (row === "no-user") {
        throw new AppError(401, "UNAUTHORIZED", "The account no longer exists.");
      }
      if (row === "limit-reached") throw taskLimitReached(maxPerUser);
      return toTaskDto(row);
    },

    async quickAdd(actor, input) {
      const { text } = parseInput(quickAddSchema, input, "quick-add text");
      if (!deps.parseQuickAdd) {
        throw new AppError(503, "SERVICE_UNAVAILABLE", "Quick add is not available.");
      }
      const timezone = requireTimezone(actor.timezone);
      const parsed = deps.parseQuickAdd(text, { timezone, now: clock.now() });
      if (!parsed.title.trim()) {
        throw new AppError(
          422,
          "VALIDATION_FAILED",
          "The quick-add text is invalid: text: nothing is left for a title once the date, tags and priority are read.",
          { errors: [{ path: "text", message: "has no title" }] },
        );
      }
      let dueAt: string | null = null;
      if (parsed.dueAt) {
        dueAt = parsed.dueAllDay ? localDateOf(parsed.dueAt, timezone) : parsed.dueAt.toISOString();
      }
      return service.create(actor, {
        title: parsed.title,
        description: parsed.description,
        priority: parsed.priority,
        due_at: dueAt,
        due_all_day: parsed.dueAllDay && dueAt !== null,
        tags: parsed.tags,
        recurrence: parsed.recurrence,
      });
    },

    async list(actor, input = {}) {
      const query = parseInput(listTasksSchema, input, "task query");
      const [tag] = query.tag === undefined ? [] : normalizeTags([query.tag]).filter(Boolean);
      const { tasks, nextCursor } = await listTasksForUser(db, actor.userId, {
        filters: {
          status: query.status,
          q: query.q,
          tag,
          priority: query.priority,
          dueBefore: query.due_before ? new Date(query.due_before) : undefined,
          dueAfter: query.due_after ? new Date(query.due_after) : undefined,
        },
        sort: query.sort ?? "due_at",
        order: query.order ?? defaultOrder(query.sort),
        limit: query.limit,
        cursor: query.cursor,
      });
      return { tasks, next_cursor: nextCursor };
    },

    async get(actor, id) {
      const row = await findTaskForUser(db, actor.userId, id);
      if (!row) throw taskNotFound(id);
      return toTaskDto(row);
    },

    async update(actor, id, input) {
      return (await service.updateWithPrevious(actor, id, input)).task;
    },

    async toggle(actor, id) {
      return (await service.toggleWithPrevious(actor, id)).task;
    },

    async complete(actor, id) {
      return (await service.completeWithPrevious(actor, id)).task;
    },

    async updateWithPrevious(actor, id, input) {
      const data = parseInput(updateTaskSchema, input);
      const recurrence =
        data.recurrence === undefined
          ? undefined
          : data.recurrence
            ? normalizeRecurrence(data.recurrence)
            : null;
      return mutate(actor, id, (row, now) => {
        const changes: TaskChanges = {};
        if (data.title !== undefined) changes.title = data.title;
        if (data.description !== undefined) {
          changes.description = data.description?.trim() ? data.description : null;
        }
        if (data.priority !== undefined) changes.priority = data.priority;
        if (data.tags !== undefined) changes.tags = data.tags;
        if (recurrence !== undefined) changes.recurrence = recurrence;
        Object.assign(changes, dueChanges(row, data, actor.timezone));
        const next = { ...row, ...changes };
        if (next.recurrence && !next.dueAt) {
          Object.assign(changes, resolveRecurringDue(next.recurrence, next, actor.timezone, now));
        }
        if (data.completed === true && !row.completed) {
          Object.assign(changes, completionChanges({ ...row, ...changes }, actor.timezone, now));
        } else if (data.completed === false && row.completed) {
          Object.assign(changes, { completed: false, completedAt: null });
        }
        return changes;
      });
    },

    async toggleWithPrevious(actor, id) {
      return mutate(actor, id, (row, now) =>
        row.completed
          ? { completed: false, completedAt: null }
          : completionChanges(row, actor.timezone, now),
      );
    },

    async completeWithPrevious(actor, id) {
      return mutate(actor, id, (row, now) =>
        row.completed ? undefined : completionChanges(row, actor.timezone, now),
      );
    },

    async remove(actor, id) {
      const row = await deleteTaskForUser(db, actor.userId, id);
      if (!row) throw taskNotFound(id);
      return toTaskDto(row);
    },
  };
  return service;
}

/** The due-date columns a PATCH changes. */
function dueChanges(
  row: TaskRow,
  data: { due_at?: string | null | undefined; due_all_day?: boolean | undefined },
  timezone: string,
): TaskChanges {
  if (data.due_at !== undefined) return resolveDue(data.due_at, data.due_all_day, timezone);
  if (data.due_all_day === undefined) return {};
  if (!row.dueAt) return { dueAllDay: false };
  if (!data.due_all_day) return { dueAllDay: false };
  return resolveDue(localDateOf(row.dueAt, requireTimezone(timezone)), true, timezone);
}
