import type { ListFilter } from "./intent.types.js";
import type { Plan, PlanContext, TaskView } from "./offline.types.js";
import { fullListLimit, listInput, shownTasks } from "./plan.list.js";
import { callTool, failureText, hasTools, NO_TASK_TOOLS, reply, turnCalls } from "./plan.shared.js";
import { escapeMarkdown, isOverdue, taskLine } from "./reply.format.js";

/** Lines shown in one section before "…and N more". */
const MAX_LINES = 25;

function section(header: string, tasks: TaskView[], first: number, ctx: PlanContext): string {
  const lines = tasks
    .slice(0, MAX_LINES)
    .map((task, i) => taskLine(task, first + i, ctx.now, ctx.timezone));
  if (tasks.length > MAX_LINES) lines.push(`\u2026and ${tasks.length - MAX_LINES} more.`);
  return `${header}\n\n${lines.join("\n")}`;
}

/** "tagged #work", "with high priority": what narrows both lists, for their headings. */
function scopeOf(filter: ListFilter): string {
  const scopes: string[] = [];
  if (filter.priority) scopes.push(`with ${filter.priority} priority`);
  if (filter.tag) scopes.push(`tagged #${escapeMarkdown(filter.tag)}`);
  return scopes.join(", ");
}

/**
 * "What's overdue and what's due today?": one lookup up to the end of today, answered as two
 * lists, overdue first, numbered on from one to the other (as "the third one" will read them).
 */
export function planOverdueAndToday(filter: ListFilter, count: boolean, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks")) return reply(NO_TASK_TOOLS);
  const done = turnCalls(ctx, "list_tasks").at(-1);
  if (!done)
    return callTool("list_tasks", { ...listInput(filter, ctx), limit: fullListLimit(ctx) });
  if (done.error) return reply(failureText(done, "load your tasks"));
  const tasks = shownTasks(done, ctx.timezone);
  const late = tasks.filter((task) => isOverdue(task, ctx.now, ctx.timezone));
  const today = tasks.filter((task) => !isOverdue(task, ctx.now, ctx.timezone));
  const scope = scopeOf(filter);
  const heading = scope ? ` (${scope})` : "";
  const nothing = scope ? `Nothing ${scope}` : "Nothing";
  if (count) {
    return reply(
      `You have ${late.length} overdue task${late.length === 1 ? "" : "s"} and ${today.length} due today${scope ? `, ${scope}` : ""}.`,
    );
  }
  if (tasks.length === 0) {
    return reply(`${nothing} is overdue, and ${nothing.toLowerCase()} is due today.`);
  }
  const parts = [
    late.length > 0 ? section(`Overdue${heading}:`, late, 1, ctx) : `${nothing} is overdue.`,
    today.length > 0
      ? section(`Due today${heading}:`, today, late.length + 1, ctx)
      : `${scope ? `Nothing else ${scope}` : "Nothing else"} is due today.`,
  ];
  return reply(parts.join("\n\n"));
}
