import { z } from "zod";
import { pageLimitSchema } from "../../platform/page-limit.js";

/** Task priorities, lowest first. */
export const PRIORITIES = ["none", "low", "medium", "high"] as const;
/** A task priority. */
export type Priority = (typeof PRIORITIES)[number];

/** Limits of the task fields (API.md). */
export const TASK_LIMITS = {
  titleMax: 500,
  descriptionMax: 10_000,
  tagsMax: 20,
  tagMax: 50,
} as const;

/** Trims, strips a leading `#` or `@`, lower-cases and de-duplicates tags, keeping their order. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags)
    seen.add(
      tag
        .trim()
        .replace(/^[#@]+/, "")
        .trim()
        .toLowerCase(),
    );
  return [...seen];
}

/** The years a due date may fall in: PostgreSQL has no year 0, and two-digit years are misread. */
const YEARS = { min: 1000, max: 9999 } as const;
const DATE_MESSAGE = `is not a real calendar date in the years ${YEARS.min}–${YEARS.max}`;

/**
 * A calendar day that exists ("2024-02-30" does not) in a year we can store and compute with.
 * Text that is not shaped like a date passes: the format check has already reported it.
 */
function isRealDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return true;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < YEARS.min || y > YEARS.max) return false;
  const probe = new Date(0);
  probe.setUTCFullYear(y, m - 1, d);
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return false;
  if (date.length === 10) return true;
  // An offset can carry the instant over a year boundary ("9999-12-31T23:30:00-05:00").
  const year = new Date(Date.parse(date)).getUTCFullYear();
  return year >= YEARS.min && year <= YEARS.max;
}

/** An ISO 8601 instant with an offset ("2025-03-01T17:00:00+01:00" or "...Z"). */
export const instantSchema = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time with an offset" })
  .refine(isRealDate, DATE_MESSAGE);

const dueAtSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error:
      'must be an ISO 8601 date-time with an offset ("2030-01-02T17:00:00+01:00") or a date ("2030-01-02")',
  })
  .refine(isRealDate, DATE_MESSAGE)
  .describe(
    'When the task is due: an ISO 8601 instant with offset, or a date "YYYY-MM-DD" (an all-day task in the user\'s timezone). Null clears it.',
  );

const titleSchema = z
  .string()
  .trim()
  .min(1, "must not be blank")
  .max(TASK_LIMITS.titleMax, `must be at most ${TASK_LIMITS.titleMax} characters`)
  .describe("What to do, 1–500 characters.");

const descriptionSchema = z
  .string()
  .max(TASK_LIMITS.descriptionMax, `must be at most ${TASK_LIMITS.descriptionMax} characters`)
  .describe("Longer notes, up to 10,000 characters.");

const tagsSchema = z
  .array(z.string().max(200, "must be at most 50 characters"))
  .max(200, `at most ${TASK_LIMITS.tagsMax} tags`)
  .transform(normalizeTags)
  .pipe(
    z
      .array(
        z
          .string()
          .min(1, "must not be empty")
          .max(TASK_LIMITS.tagMax, `must be at most ${TASK_LIMITS.tagMax} characters`),
      )
      .max(TASK_LIMITS.tagsMax, `at most ${TASK_LIMITS.tagsMax} tags`),
  )
  .describe('Labels such as "home"; stored lower-case without a leading # or @, at most 20.');

const recurrenceSchema = z
  .string()
  .max(500, "must be at most 500 characters")
  .describe(
    'An RFC 5545 RRULE such as "FREQ=WEEKLY;BYDAY=MO"; completing the task moves it to the next occurrence.',
  );

const prioritySchema = z.enum(PRIORITIES).describe("none (default), low, medium or high.");
const dueAllDaySchema = z
  .boolean()
  .describe("True when the task is due on a day rather than at a time.");

/** `POST /api/tasks` and the add-task tools. */
export const createTaskSchema = z.object({
  title: titleSchema,
  description: descriptionSchema.nullish(),
  priority: prioritySchema.optional(),
  due_at: dueAtSchema.nullish(),
  due_all_day: dueAllDaySchema.optional(),
  tags: tagsSchema.optional(),
  recurrence: recurrenceSchema.nullish(),
});
/** Input of `taskService.create`. */
export type CreateTaskInput = z.input<typeof createTaskSchema>;
/** Validated input of `taskService.create`. */
export type CreateTaskData = z.output<typeof createTaskSchema>;

/** `PATCH /api/tasks/{id}`: any task field; `completed` sets or clears `completed_at`. */
export const updateTaskSchema = z.object({
  title: titleSchema.optional(),
  description: descriptionSchema.nullish(),
  priority: prioritySchema.optional(),
  due_at: dueAtSchema.nullish(),
  due_all_day: dueAllDaySchema.optional(),
  tags: tagsSchema.optional(),
  recurrence: recurrenceSchema.nullish(),
  completed: z.boolean().optional().describe("Complete (true) or reopen (false) the task."),
});
/** Input of `taskService.update`. */
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;
/** Validated input of `taskService.update`. */
export type UpdateTaskData = z.output<typeof updateTaskSchema>;

/** `POST /api/tasks/quick-add`. */
export const quickAddSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, "must not be blank")
    .max(2000, "must be at most 2000 characters")
    .describe(
      'A task in plain language, e.g. "pay rent every 1st p1 #home", "gym every mon wed fri at 7am", "learn piano someday".',
    ),
});
/** Input of `taskService.quickAdd`. */
export type QuickAddInput = z.input<typeof quickAddSchema>;

/** Sort keys of a task list. */
export const TASK_SORTS = ["due_at", "created_at", "priority"] as const;
/** A sort key of a task list. */
export type TaskSort = (typeof TASK_SORTS)[number];

/** `GET /api/tasks` query; also the list-tasks tool input. */
export const listTasksSchema = z.object({
  status: z
    .enum(["all", "pending", "completed"])
    .default("pending")
    .describe("pending (default: open tasks), completed or all."),
  q: z
    .string()
    .max(200, "must be at most 200 characters")
    .optional()
    .describe("Case-insensitive text to find in the title or description."),
  tag: z.string().max(60).optional().describe("Only tasks with this tag."),
  priority: z.enum(PRIORITIES).optional().describe("Only tasks with this priority."),
  due_before: instantSchema.optional().describe("Only tasks due strictly before this instant."),
  due_after: instantSchema.optional().describe("Only tasks due at or after this instant."),
  sort: z
    .enum(TASK_SORTS)
    .optional()
    .describe(
      "Default: soonest due first, undated last, then oldest created. due_at ascends by default, created_at and priority descend.",
    ),
  order: z.enum(["asc", "desc"]).optional().describe("Sort direction."),
  limit: pageLimitSchema(200, 50),
  cursor: z.string().max(2000).optional().describe("The next_cursor of the previous page."),
});
/** Input of `taskService.list`. */
export type ListTasksInput = z.input<typeof listTasksSchema>;
/** Validated input of `taskService.list`. */
export type ListTasksQuery = z.output<typeof listTasksSchema>;

/** A task as every surface returns it (API.md, snake_case). */
export const taskDtoSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  completed: z.boolean(),
  completed_at: z.string().nullable(),
  priority: z.enum(PRIORITIES),
  due_at: z.string().nullable(),
  due_all_day: z.boolean(),
  recurrence: z.string().nullable(),
  tags: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
/** A task as every surface returns it. */
export type TaskDto = z.infer<typeof taskDtoSchema>;

/** A page of tasks. */
export const taskListSchema = z.object({
  tasks: z.array(taskDtoSchema),
  next_cursor: z.string().nullable(),
});
/** A page of tasks. */
export type TaskList = z.infer<typeof taskListSchema>;

/** `{id}` in task paths: ids are opaque, any string can be looked up. */
export const taskIdParamsSchema = z.object({ id: z.string().min(1) });
/** `{user_id}` of the legacy alias paths `/api/{user_id}/tasks...`. */
export const userIdParamsSchema = z.object({ user_id: z.string().min(1).max(200) });
