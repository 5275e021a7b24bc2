import { z } from "zod";
import type { Actor } from "../../modules/auth/actor.js";
import type {
  CreateTaskInput,
  ListTasksInput,
  TaskDto,
  UpdateTaskInput,
} from "../../modules/tasks/task.schemas.js";
import type { TaskChange, TaskService } from "../../modules/tasks/task.service.js";
import { defineTool, type ToolDefinition } from "./tool-definition.js";

/** A task as API.md returns it (snake_case). */
export type ToolTask = TaskDto;

/**
 * The task operations the tools call. `taskToolService(app.tasks)` adapts the task service.
 * Changes return the task as it was just before (read under the change's own row lock), which
 * the tools hand back as `previous` for an undo.
 */
export interface TaskToolService {
  create: (actor: Actor, input: CreateTaskInput) => Promise<TaskDto>;
  list: (
    actor: Actor,
    input: ListTasksInput,
  ) => Promise<{ tasks: TaskDto[]; next_cursor: string | null }>;
  update: (actor: Actor, id: string, input: UpdateTaskInput) => Promise<TaskChange>;
  /** Completes a task (idempotent; a repeating one moves to its next occurrence). */
  complete: (actor: Actor, id: string) => Promise<TaskChange>;
  /** Deletes a task and returns it as it was. */
  delete: (actor: Actor, id: string) => Promise<TaskDto>;
}

/** The task service (`app.tasks`) as the tools call it. */
export function taskToolService(tasks: TaskService): TaskToolService {
  return {
    create: (actor, input) => tasks.create(actor, input),
    list: (actor, input) => tasks.list(actor, input),
    update: (actor, id, input) => tasks.updateWithPrevious(actor, id, input),
    delete: (actor, id) => tasks.remove(actor, id),
    complete: (actor, id) => tasks.completeWithPrevious(actor, id),
  };
}

/** The services task tools need. */
export interface TaskToolServices {
  tasks: TaskToolService;
  /** Called with unexpected (5xx) failures, which the model only sees as INTERNAL_ERROR. */
  onError?: (error: unknown, tool: string) => void;
}

const PRIORITY = z
  .enum(["none", "low", "medium", "high"])
  .describe('Importance: "high" for p1/urgent, "medium" for p2, "low" for p3, "none" otherwise.');
const TASK_ID = z
  .string()
  .min(1)
  .max(200)
  .describe("The task's id, exactly as list_tasks or an earlier tool result returned it.");
const DUE_AT = z
  .string()
  .max(100)
  .describe(
    'When it is due: an ISO 8601 date-time with offset in the user\'s timezone ("2025-03-07T17:00:00+01:00"), or a date "2025-03-07" for a whole day.',
  );
const TAGS = z
  .array(z.string().max(200))
  .max(50)
  .describe('Labels without "#", e.g. ["home", "errands"].');
const RECURRENCE = z
  .string()
  .max(500)
  .describe(
    'An RFC 5545 RRULE for repeating tasks, e.g. "FREQ=WEEKLY;BYDAY=MO" or "FREQ=MONTHLY;BYMONTHDAY=1".',
  );

/** `add_task` input. */
export const addTaskInput = z.object({
  title: z
    .string()
    .max(1000)
    .describe('What to do, short and without the date words, e.g. "call mom".'),
  description: z
    .string()
    .max(20_000)
    .optional()
    .describe("Longer notes, only if the user gave some."),
  priority: PRIORITY.optional(),
  due_at: DUE_AT.optional(),
  due_all_day: z.boolean().optional().describe("True when due on a day with no particular time."),
  tags: TAGS.optional(),
  recurrence: RECURRENCE.optional(),
});

/** `list_tasks` input. */
export const listTasksInput = z.object({
  status: z
    .enum(["pending", "completed", "all"])
    .optional()
    .describe('"pending" (default) for open tasks, "completed", or "all".'),
  q: z.string().max(200).optional().describe("Words to find in the title or description."),
  tag: z.string().max(60).optional().describe('Only tasks with this tag (no "#").'),
  priority: PRIORITY.optional(),
  due_before: z
    .string()
    .max(100)
    .optional()
    .describe("Only tasks due before this ISO 8601 date-time."),
  due_after: z
    .string()
    .max(100)
    .optional()
    .describe("Only tasks due at or after this ISO 8601 date-time."),
  limit: z
    .number()
    .int()
    .min(1)
    .max(200)
    .optional()
    .describe("How many tasks at most (default 50)."),
});

/** `update_task` input. */
export const updateTaskInput = z.object({
  task_id: TASK_ID,
  title: z.string().max(1000).optional().describe("The new title."),
  description: z.string().max(20_000).optional().describe("The new notes."),
  priority: PRIORITY.optional(),
  due_at: DUE_AT.nullable()
    .optional()
    .describe("The new due date-time or date; null removes the due date."),
  due_all_day: z.boolean().optional(),
  tags: TAGS.optional().describe("The complete new list of tags (replaces the old one)."),
  recurrence: RECURRENCE.nullable().optional().describe("A new RRULE; null stops the repetition."),
  completed: z.boolean().optional().describe("true completes the task, false reopens it."),
});

/** `complete_task` and `delete_task` input. */
export const taskIdInput = z.object({ task_id: TASK_ID });

/** Drops absent fields, so "not given" never reads as "clear it". */
function defined<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as T;
}

/**
 * The task tools for one actor, surface-neutral: the chat agent shows them to the model with `toProviderTool`,
 * MCP with `registerTool`. Results (contract the offline model relies on):
 * add_task → {task}; list_tasks → {tasks, count}; update_task and complete_task →
 * {task, previous}; delete_task → {deleted: true, task}; failures → {error, message}.
 */
export function taskToolDefinitions(services: TaskToolServices, actor: Actor): ToolDefinition[] {
  const { tasks } = services;
  const onError = (tool: string) => (error: unknown) => services.onError?.(error, tool);
  return [
    defineTool({
      name: "add_task",
      description:
        'Create a task for the user. Use for requests like "add…", "remind me to…", "new task…". Put the date and time in due_at (resolved in the user\'s timezone), not in the title. Returns {task}.',
      inputSchema: addTaskInput,
      onError: onError("add_task"),
      run: async (input) => ({ task: await tasks.create(actor, defined(input)) }),
    }),
    defineTool({
      name: "list_tasks",
      description:
        "List the user's tasks, open ones by default, soonest due first. Use it to answer questions about tasks and to find the task_id of a task the user names before changing it. Returns {tasks, count}.",
      inputSchema: listTasksInput,
      onError: onError("list_tasks"),
      run: async (input) => {
        const page = await tasks.list(
          actor,
          defined({ ...input, status: input.status ?? "pending" }),
        );
        return { tasks: page.tasks, count: page.tasks.length };
      },
    }),
    defineTool({
      name: "update_task",
      description:
        "Change fields of one task: title, notes, priority, due date, tags, repetition, or completed. Only the given fields change. Returns {task, previous} (the task before the change).",
      inputSchema: updateTaskInput,
      onError: onError("update_task"),
      run: async ({ task_id, ...changes }) => tasks.update(actor, task_id, defined(changes)),
    }),
    defineTool({
      name: "complete_task",
      description:
        "Mark one task as done. A repeating task moves to its next occurrence and stays open. Returns {task, previous}.",
      inputSchema: taskIdInput,
      onError: onError("complete_task"),
      run: async ({ task_id }) => tasks.complete(actor, task_id),
    }),
    defineTool({
      name: "delete_task",
      description:
        "Delete one task for good. Only when the user clearly asked to delete or remove that task; if the reference could match several tasks, ask first. Returns {deleted: true, task}.",
      inputSchema: taskIdInput,
      onError: onError("delete_task"),
      run: async ({ task_id }) => ({ deleted: true, task: await tasks.delete(actor, task_id) }),
    }),
  ];
}
