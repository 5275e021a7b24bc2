import type { TaskRef } from "./intent.types.js";
import type { Plan, PlanContext, TaskView, ToolExchange } from "./offline.types.js";
import {
  callTool,
  failureText,
  hasTools,
  MUTATING_TOOLS,
  NO_TASK_TOOLS,
  reply,
  taskOf,
  turnCalls,
} from "./plan.shared.js";
import { fullListLimit, shownTasks } from "./plan.list.js";
import { resolveTarget } from "./plan.target.js";
import { dueText, isOverdue, quoted, quotedList } from "./reply.format.js";
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

function stillThere(task: TaskView): string {
  return `No \u2014 ${quoted(task.title)} is still on your list${task.completed ? " (marked done)" : ""}.`;
}

/** "Yes, I deleted it", and how to bring it back when that delete was my last change. */
function deletedText(exchange: ToolExchange, ctx: PlanContext): string {
  const title = quoted(taskOf(exchange.output)?.title ?? "that task");
  const lastChange = ctx.history.findLast(
    (other) => MUTATING_TOOLS.has(other.toolName) && !other.error,
  );
  const undo = lastChange === exchange ? " Say \u201cundo\u201d to bring it back." : "";
  return `Yes \u2014 I deleted ${title} earlier in this conversation.${undo}`;
}

/** The delete in this conversation of a task called `text`, newest first. */
function deletionOf(text: string, ctx: PlanContext): ToolExchange | null {
  const deletions = ctx.history.filter(
    (exchange) => exchange.toolName === "delete_task" && !exchange.error && taskOf(exchange.output),
  );
  for (let i = deletions.length - 1; i >= 0; i--) {
    const exchange = deletions[i];
    const task = exchange ? taskOf(exchange.output) : null;
    if (exchange && task && resolveByTitle(text, [task]).kind === "found") return exchange;
  }
  return null;
}

/**
 * "Did I delete milk?": whether a task of that name is still there, and whether this
 * conversation deleted it. Nothing changes.
 */
export function planDeleteQuery(ref: TaskRef, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks")) return reply(NO_TASK_TOOLS);
  const lookup = turnCalls(ctx, "list_tasks").at(-1);
  if (!lookup) return callTool("list_tasks", { status: "all", limit: fullListLimit(ctx) });
  if (lookup.error) return reply(failureText(lookup, "look up your tasks"));
  const tasks = shownTasks(lookup, ctx.timezone);
  if (ref.kind !== "title") {
    const target = resolveTarget(ref, ctx, "any");
    if (target.kind === "plan") return target.plan;
    const still = tasks.find((task) => task.id === target.task.id);
    return reply(
      still ? stillThere(still) : `Yes \u2014 ${quoted(target.task.title)} has been deleted.`,
    );
  }
  const found = resolveByTitle(ref.text, tasks);
  if (found.kind === "found") return reply(stillThere(found.task));
  if (found.kind === "ambiguous") {
    const names = found.candidates.slice(0, 5).map((task) => task.title);
    return reply(`No \u2014 ${quotedList(names)} are all still on your list.`);
  }
  const deletion = deletionOf(ref.text, ctx);
  if (deletion) return reply(deletedText(deletion, ctx));
  return reply(
    `There's no task called ${quoted(ref.text)} on your list \u2014 it has been deleted, or was never added.`,
  );
}
