import type { TaskRef } from "./intent.types.js";
import type { Plan, PlanContext } from "./offline.types.js";
import { planQuestion } from "./plan.chat.js";
import { fullListLimit } from "./plan.list.js";
import { callTool, failureText, hasTools, NO_TASK_TOOLS, reply, turnCalls } from "./plan.shared.js";
import { lookedUp, namesNoTask, resolveTarget } from "./plan.target.js";
import { dueText, escapeMarkdown, isOverdue, quoted } from "./reply.format.js";

/**
 * "When is the dentist due?": the task's due date in words. A question that names no task
 * ("when is the office closed?") is a question like any other: for the documents, if any.
 */
/** "reschedule the dentist": which day? Asked about the task found, nothing changed. */
export function planAskWhen(ref: TaskRef, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks")) return reply(NO_TASK_TOOLS);
  const target = resolveTarget(ref, ctx, "pending");
  if (target.kind === "plan") return target.plan;
  const { task } = target;
  const due = dueText(task, ctx.now, ctx.timezone);
  const now = due ? ` (due ${due})` : "";
  return reply(
    `When should ${quoted(task.title)}${now} be due? Say, for example, \u201cmove ${escapeMarkdown(task.title)} to friday at 3pm\u201d.`,
  );
}

export function planDueQuery(ref: TaskRef, text: string, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks")) return reply(NO_TASK_TOOLS);
  if (turnCalls(ctx, "search_knowledge").length > 0) return planQuestion(text, ctx);
  if (ref.kind === "title") {
    const { failed, count } = lookedUp(ctx);
    if (count === 0) return callTool("list_tasks", { status: "all", limit: fullListLimit(ctx) });
    if (failed) return reply(failureText(failed, "look up your tasks"));
    if (namesNoTask(ref.text, ctx)) return planQuestion(text, ctx);
  }
  const target = resolveTarget(ref, ctx, "any");
  if (target.kind === "plan") return target.plan;
  const task = target.task;
  const title = quoted(task.title);
  const due = dueText(task, ctx.now, ctx.timezone);
  if (task.completed) return reply(`${title} is already done.`);
  if (!due) return reply(`${title} has no due date.`);
  if (isOverdue(task, ctx.now, ctx.timezone))
    return reply(`${title} was due ${due} \u2014 it's overdue.`);
  return reply(`${title} is due ${due}.`);
}
