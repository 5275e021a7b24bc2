import { parseQuickAdd } from "../../modules/tasks/quick-add.js";
import type { Plan, PlanContext } from "./offline.types.js";
import {
  callTool,
  failureText,
  hasTools,
  NO_TASK_TOOLS,
  reply,
  taskOf,
  turnCalls,
} from "./plan.shared.js";
import { quoted, taskDetails } from "./reply.format.js";

/** The add_task input for what follows the command verb, parsed by the Quick Add grammar. */
export function addTaskInput(text: string, ctx: PlanContext): Record<string, unknown> | null {
  const parsed = parseQuickAdd(text, { timezone: ctx.timezone, now: ctx.now });
  const title = parsed.title.trim().slice(0, 500);
  if (!title) return null;
  const input: Record<string, unknown> = { title, priority: parsed.priority, tags: parsed.tags };
  if (parsed.description) input.description = parsed.description;
  if (parsed.dueAt) {
    input.due_at = parsed.dueAt.toISOString();
    input.due_all_day = parsed.dueAllDay;
  }
  if (parsed.recurrence) input.recurrence = parsed.recurrence;
  return input;
}

/** Plans "add …": one add_task call, then a confirmation that repeats what was understood. */
export function planAdd(text: string, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "add_task")) return reply(NO_TASK_TOOLS);
  const done = turnCalls(ctx, "add_task").at(-1);
  if (done) {
    if (done.error) return reply(failureText(done, "add that task"));
    const task = taskOf(done.output);
    if (!task) return reply("Added.");
    const details = taskDetails(task, ctx.now, ctx.timezone);
    return reply(
      `Added ${quoted(task.title)}${details.length > 0 ? ` \u2014 ${details.join(", ")}` : ""}.`,
    );
  }
  const input = addTaskInput(text, ctx);
  if (!input)
    return reply("What should the task say? For example: \u201cadd buy milk tomorrow\u201d.");
  return callTool("add_task", input);
}
