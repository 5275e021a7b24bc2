import type { TaskRef } from "./intent.types.js";
import type { Plan, PlanContext } from "./offline.types.js";
import { callTool, failureText, hasTools, NO_TASK_TOOLS, reply, turnCalls } from "./plan.shared.js";
import { fullListLimit, shownTasks } from "./plan.list.js";
import { resolveTarget } from "./plan.target.js";
import { dueText, isOverdue, quoted } from "./reply.format.js";
import { resolveByTitle } from "./task-reference.js";

/** "Is gym done?": yes or no, and when it is due when it is not; nothing changes. */
export function planStatusQuery(ref: TaskRef, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks")) return reply(NO_TASK_TOOLS);
  if (ref.kind === "title") {
    const lookup = turnCalls(ctx, "list_tasks").at(-1);
    if (!lookup) return callTool("list_tasks", { status: "all", limit: fullListLimit(ctx) });
    if (lookup.error) return reply(failureText(lookup, "look up your tasks"));
    if (resolveByTitle(ref.text, shownTasks(lookup, ctx.timezone)).kind === "none") {
      return reply(
        `I can't find a task called ${quoted(ref.text)}. Say \u201cshow my tasks\u201d to see your list.`,
      );
    }
  }
  const target = resolveTarget(ref, ctx, "any");
  if (target.kind === "plan") return target.plan;
  const task = target.task;
  const title = quoted(task.title);
  if (task.completed) return reply(`Yes \u2014 ${title} is done.`);
  const due = dueText(task, ctx.now, ctx.timezone);
  if (!due) return reply(`No \u2014 ${title} isn't done yet. It has no due date.`);
  if (isOverdue(task, ctx.now, ctx.timezone)) {
    return reply(`No \u2014 ${title} isn't done yet, and it's overdue: it was due ${due}.`);
  }
  return reply(`No \u2014 ${title} isn't done yet. It's due ${due}.`);
}
