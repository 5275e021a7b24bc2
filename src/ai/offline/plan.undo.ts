import { parseIntent } from "./intent.parser.js";
import type { Plan, PlanContext, TaskView, ToolExchange } from "./offline.types.js";
import {
  callTool,
  failureText,
  lastChanges,
  MUTATING_TOOLS,
  reply,
  taskOf,
} from "./plan.shared.js";
import { quoted, quotedList } from "./reply.format.js";

/** The fields of a task that add_task and update_task accept, as they were in `task`. */
function restorableFields(task: TaskView): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    title: task.title,
    priority: task.priority,
    due_at: task.due_at,
    due_all_day: task.due_all_day,
    tags: task.tags,
    recurrence: task.recurrence,
  };
  if (typeof task.description === "string") fields.description = task.description;
  return fields;
}

function withoutNulls(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}

/** The reverse of one successful change, or a reply saying why there is none. */
function reversal(exchange: ToolExchange): Plan {
  const task = taskOf(exchange.output);
  const previous = taskOf(exchange.output, "previous");
  switch (exchange.toolName) {
    case "add_task":
      if (task) return callTool("delete_task", { task_id: task.id });
      break;
    case "delete_task":
      if (task) return callTool("add_task", withoutNulls(restorableFields(task)));
      break;
    default:
      if (task && previous) {
        return callTool("update_task", {
          task_id: task.id,
          ...restorableFields(previous),
          completed: previous.completed,
        });
      }
  }
  return reply("I can't undo that last change, sorry.");
}

/**
 * The tasks a delete being undone had completed, now added back open: `add_task` cannot create a
 * done task, so each is marked done again (a repeating one would move to its next occurrence
 * instead, so it stays open). Their new ids, in order; none once that second step was made.
 */
function completedAgain(group: ToolExchange[], done: ToolExchange[]): string[] {
  if (done.some((exchange) => exchange.toolName === "update_task")) return [];
  const restored = done.filter((exchange) => exchange.toolName === "add_task");
  const deleted = group.filter((exchange) => exchange.toolName === "delete_task");
  return deleted.flatMap((exchange, index) => {
    const task = taskOf(exchange.output);
    const added = taskOf(restored[index]?.output);
    return task?.completed && !task.recurrence && added ? [added.id] : [];
  });
}

/** What the undone change was, for the confirmation; `markedDone` when a restored task was. */
function undoneText(original: ToolExchange, result: ToolExchange, markedDone: boolean): string {
  const task = taskOf(result.output) ?? taskOf(original.output);
  const title = quoted(task?.title ?? "that task");
  switch (original.toolName) {
    case "add_task":
      return `Undone \u2014 I removed ${title}, which I had just added.`;
    case "delete_task":
      return markedDone
        ? `Undone \u2014 ${title} is back on your list, marked done.`
        : `Undone \u2014 ${title} is back on your list.`;
    case "complete_task":
      return `Undone \u2014 ${title} is open again.`;
    default:
      return `Undone \u2014 ${title} is back to how it was.`;
  }
}

/** Plans "undo": reverse the last change the assistant made in this conversation (all of it). */
export function planUndo(ctx: PlanContext): Plan {
  // The changes made for that one message ("complete 1 and 3" is two), newest last.
  const group = lastChanges(ctx);
  const last = group.at(-1);
  if (!last) {
    return reply(
      ctx.historyTrimmed
        ? "There's nothing recent I can undo \u2014 any change I made is too far back in this conversation for me to see."
        : "There's nothing to undo \u2014 I haven't changed any tasks in this conversation.",
    );
  }
  // Undo takes back one change: a second "undo" would redo it, and older ones stay as they are.
  if (parseIntent(last.userText).kind === "undo") {
    return reply("There's nothing more to undo \u2014 I can only take back my last change.");
  }
  const done = ctx.turn.filter((exchange) => MUTATING_TOOLS.has(exchange.toolName));
  if (done.length > 0) {
    const failed = done.find((exchange) => exchange.error);
    if (failed?.toolName === "update_task") {
      const title = quoted(taskOf(done[0]?.output)?.title ?? "that task");
      return reply(`${title} is back on your list, but I couldn't mark it done again.`);
    }
    if (failed) return reply(failureText(failed, "undo that"));
    const reclose = completedAgain(group, done);
    if (reclose.length > 0) {
      return {
        kind: "tools",
        calls: reclose.map((id) => ({
          toolName: "update_task",
          input: { task_id: id, completed: true },
        })),
      };
    }
    const markedDone = done.some((exchange) => exchange.toolName === "update_task");
    if (group.length === 1) return reply(undoneText(last, done[0] as ToolExchange, markedDone));
    const titles = group.flatMap((exchange) => {
      const task = taskOf(exchange.output);
      return task ? [task.title] : [];
    });
    if (group.every((exchange) => exchange.toolName === "add_task"))
      return reply(`Undone \u2014 I removed ${quotedList(titles)}, which I had just added.`);
    return reply(
      `Undone \u2014 ${quotedList(titles)} ${titles.length === 1 ? "is" : "are"} back to how ${titles.length === 1 ? "it was" : "they were"}.`,
    );
  }
  const plans = group.map(reversal);
  const refused = plans.find((plan) => plan.kind !== "tools");
  if (refused) return refused;
  return {
    kind: "tools",
    calls: plans.flatMap((plan) => (plan.kind === "tools" ? plan.calls : [])),
  };
}
