// Answers about one task's details ("tell me about the dentist", "what tags does rent have?"):
// looked up like any task reference, and nothing changes.
import type { Intent } from "./intent.types.js";
import type { Plan, PlanContext, TaskView } from "./offline.types.js";
import { planQuestion } from "./plan.chat.js";
import { fullListLimit, lastShownList, listInput, shownTasks } from "./plan.list.js";
import { callTool, failureText, hasTools, NO_TASK_TOOLS, reply, turnCalls } from "./plan.shared.js";
import { lookedUp, namesNoTask, resolveTarget } from "./plan.target.js";
import { resolveByPosition } from "./task-reference.js";
import { describeRecurrence, dueText, escapeMarkdown, isOverdue, quoted } from "./reply.format.js";

type DetailQuery = Extract<Intent, { kind: "detail-query" }>;

/** Notes longer than this are cut in an answer. */
const MAX_NOTES = 200;

function tagsText(task: TaskView): string {
  return task.tags.map((tag) => `#${escapeMarkdown(tag)}`).join(" ");
}

function priorityText(task: TaskView): string {
  return task.priority === "none" ? "no priority" : `${task.priority} priority`;
}

/** Its state and due date: "is due tomorrow at 5:00 PM", "is overdue (due Mar 9)", "is done". */
function dueState(task: TaskView, ctx: PlanContext): string {
  if (task.completed) return "is done";
  const due = dueText(task, ctx.now, ctx.timezone);
  if (!due) return "has no due date";
  return isOverdue(task, ctx.now, ctx.timezone) ? `is overdue (due ${due})` : `is due ${due}`;
}

/** "“call mom” is due tomorrow at 5:00 PM, high priority, tagged #family." */
function everything(task: TaskView, ctx: PlanContext): string {
  const parts = [dueState(task, ctx)];
  if (task.recurrence) parts.push(`repeats ${describeRecurrence(task.recurrence)}`);
  parts.push(priorityText(task));
  parts.push(task.tags.length > 0 ? `tagged ${tagsText(task)}` : "no tags");
  const notes = task.description?.replace(/\s+/g, " ").trim();
  const cut = notes && notes.length > MAX_NOTES ? `${notes.slice(0, MAX_NOTES - 1)}\u2026` : notes;
  return `${quoted(task.title)} ${parts.join(", ")}.${cut ? ` Notes: ${escapeMarkdown(cut)}` : ""}`;
}

function priorityAnswer(intent: DetailQuery, task: TaskView): string {
  const title = quoted(task.title);
  const has =
    task.priority === "none" ? `${title} has no priority` : `${title} is ${priorityText(task)}`;
  if (!intent.priority) return `${has}.`;
  return `${intent.priority === task.priority ? "Yes" : "No"} \u2014 ${has}.`;
}

function tagsAnswer(intent: DetailQuery, task: TaskView): string {
  const title = quoted(task.title);
  const has =
    task.tags.length > 0 ? `${title} is tagged ${tagsText(task)}` : `${title} has no tags`;
  if (intent.tag === undefined) return `${has}.`;
  const wanted = intent.tag.toLowerCase();
  const tagged = task.tags.some((tag) => tag.toLowerCase() === wanted);
  return `${tagged ? "Yes" : "No"} \u2014 ${has}.`;
}

function overdueAnswer(task: TaskView, ctx: PlanContext): string {
  const title = quoted(task.title);
  if (task.completed) return `No \u2014 ${title} is already done.`;
  const due = dueText(task, ctx.now, ctx.timezone);
  if (!due) return `No \u2014 ${title} has no due date.`;
  return isOverdue(task, ctx.now, ctx.timezone)
    ? `Yes \u2014 ${title} was due ${due}.`
    : `No \u2014 ${title} is due ${due}.`;
}

function repeatAnswer(intent: DetailQuery, task: TaskView): string {
  const title = quoted(task.title);
  const asksHow = /^\s*how\b/i.test(intent.text);
  if (!task.recurrence) return `${asksHow ? "" : "No \u2014 "}${title} doesn't repeat.`;
  return `${asksHow ? "" : "Yes \u2014 "}${title} repeats ${describeRecurrence(task.recurrence)}.`;
}

function answer(intent: DetailQuery, task: TaskView, ctx: PlanContext): string {
  switch (intent.aspect) {
    case "all":
      return everything(task, ctx);
    case "priority":
      return priorityAnswer(intent, task);
    case "tags":
      return tagsAnswer(intent, task);
    case "overdue":
      return overdueAnswer(task, ctx);
    case "repeat":
      return repeatAnswer(intent, task);
  }
}

/**
 * "Tell me about the dentist", "what's the priority of rent?": the task found as any command
 * finds it (a title, a position in the last list, "it"), then the detail asked for. A title
 * that names no task is a question for the documents when they can be searched; else I say no
 * task matches.
 */
export function planDetailQuery(intent: DetailQuery, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks")) return reply(NO_TASK_TOOLS);
  if (turnCalls(ctx, "search_knowledge").length > 0) return planQuestion(intent.text, ctx);
  const { ref } = intent;
  if (ref.kind === "title") {
    const { failed, count } = lookedUp(ctx);
    if (count === 0) return callTool("list_tasks", { status: "all", limit: fullListLimit(ctx) });
    if (failed) return reply(failureText(failed, "look up your tasks"));
    if (namesNoTask(ref.text, ctx)) {
      if (hasTools(ctx, "search_knowledge")) return planQuestion(intent.text, ctx);
      return reply(
        `I couldn't find a task matching ${quoted(ref.text)}. Say \u201cshow my tasks\u201d to see your list.`,
      );
    }
  }
  if (ref.kind === "position" && !lastShownList(ctx.history, ctx.timezone))
    return byPlaceInList(intent, ref.position, ctx);
  const target = resolveTarget(ref, ctx, "any");
  if (target.kind === "plan") return target.plan;
  return reply(answer(intent, target.task, ctx));
}

/**
 * "Show me details for task 2" before any list was shown: the second of the list "show my
 * tasks" shows, said so. Only a question does this; a change by number needs the list first.
 */
function byPlaceInList(intent: DetailQuery, position: number | "last", ctx: PlanContext): Plan {
  const lookup = turnCalls(ctx, "list_tasks").at(-1);
  if (!lookup) return callTool("list_tasks", listInput({ status: "pending" }, ctx));
  if (lookup.error) return reply(failureText(lookup, "look up your tasks"));
  const tasks = shownTasks(lookup, ctx.timezone);
  const task = resolveByPosition(position, tasks);
  const place = position === "last" ? "The last task" : `Task ${position}`;
  if (!task)
    return reply(
      `You have ${tasks.length} pending task${tasks.length === 1 ? "" : "s"}, so there isn't a ${position === "last" ? "last one" : `task ${position}`}.`,
    );
  return reply(`${place} on your list: ${answer(intent, task, ctx)}`);
}
