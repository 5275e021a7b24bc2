import { parseDateExpression } from "../../modules/tasks/quick-add.js";
import type { Intent, TaskRef } from "./intent.types.js";
import type { Plan, PlanContext, TaskView, ToolExchange } from "./offline.types.js";
import {
  callTool,
  failureText,
  hasTools,
  MUTATING_TOOLS,
  NO_TASK_TOOLS,
  reply,
  taskOf,
} from "./plan.shared.js";
import { clockWords, dayOfMonthIn, rescheduleCall, unknownDate } from "./plan.reschedule.js";
import { planUnknown } from "./plan.chat.js";
import { resolveSeveral, resolveTarget } from "./plan.target.js";
import {
  describeRecurrence,
  dueText,
  escapeMarkdown,
  ordinal,
  quoted,
  quotedList,
} from "./reply.format.js";
import { someTitleCovers, type StatePreference } from "./task-reference.js";

/** "change run to 7": a time, a day or a new name? Asked, since a number is seldom a title. */
function askRenameToNumber(task: TaskView, number: string): Plan {
  const name = escapeMarkdown(task.title);
  const rename = `\u201crename ${name} to ${number}\u201d`;
  const day = Number(number);
  if (day < 1 || day > 31 || number.length > 2) {
    return reply(
      `Do you want ${quoted(task.title)} renamed to \u201c${number}\u201d? Say ${rename} and I will.`,
    );
  }
  const time = day <= 12 ? `${day}pm` : `${day}:00`;
  return reply(
    `Do you mean ${clockWords(day)}, the ${ordinal(day)}, or a new name? Say \u201cmove ${name} to ${time}\u201d, \u201cmove ${name} to the ${ordinal(day)}\u201d or ${rename}.`,
  );
}

type MutationIntent = Extract<
  Intent,
  { kind: "complete" | "reopen" | "delete" | "rename" | "reschedule" | "priority" | "tag" }
>;

const VERBS: Record<MutationIntent["kind"], string> = {
  complete: "complete that task",
  reopen: "reopen that task",
  delete: "delete that task",
  rename: "rename that task",
  reschedule: "reschedule that task",
  priority: "change that task's priority",
  tag: "change that task's tags",
};

function preferenceOf(intent: MutationIntent): StatePreference {
  if (intent.kind === "reopen") return "completed";
  return "pending";
}

function tagsText(tags: readonly string[]): string {
  return tags.map((tag) => `#${escapeMarkdown(tag)}`).join(" ");
}

/** The reply once the mutating tool has answered. */
function confirm(
  intent: MutationIntent,
  task: TaskView,
  previous: TaskView | null,
  ctx: PlanContext,
): string {
  const title = quoted(task.title);
  switch (intent.kind) {
    case "complete": {
      const next = !task.completed && task.recurrence ? dueText(task, ctx.now, ctx.timezone) : null;
      return next
        ? `Completed ${title} \u2014 the next one is due ${next}.`
        : `Completed ${title}.`;
    }
    case "reopen":
      return `Reopened ${title}.`;
    case "delete":
      return `Deleted ${title}. Say \u201cundo\u201d if that was a mistake.`;
    case "rename":
      return `Renamed ${quoted(previous?.title ?? intent.title)} to ${title}.`;
    case "reschedule": {
      const due = dueText(task, ctx.now, ctx.timezone);
      if (!due) return `Removed the due date from ${title}.`;
      const repeats =
        task.recurrence && task.recurrence !== previous?.recurrence
          ? `, repeating ${describeRecurrence(task.recurrence)}`
          : "";
      if (repeats && previous?.due_at === task.due_at) {
        return `${title} now repeats ${describeRecurrence(task.recurrence ?? "")} \u2014 next due ${due}.`;
      }
      return `Moved ${title} to ${due}${repeats}.`;
    }
    case "priority":
      return task.priority === "none"
        ? `Cleared the priority of ${title}.`
        : `Set ${title} to ${task.priority} priority.`;
    case "tag": {
      if (!intent.remove) return `Tagged ${title} with ${tagsText(intent.tags)}.`;
      // No tags named: every tag was removed.
      const removed = intent.tags.length > 0 ? intent.tags : (previous?.tags ?? []);
      return removed.length > 0
        ? `Removed ${tagsText(removed)} from ${title}.`
        : `Removed every tag from ${title}.`;
    }
  }
}

/** The mutating call for a resolved task, or a reply when nothing needs to change. */
function mutation(intent: MutationIntent, task: TaskView, ctx: PlanContext): Plan {
  const title = quoted(task.title);
  const id = task.id;
  switch (intent.kind) {
    case "complete":
      if (task.completed) return reply(`${title} is already done.`);
      return callTool("complete_task", { task_id: id });
    case "reopen":
      if (!task.completed)
        return reply(`${title} isn't marked as done, so there's nothing to reopen.`);
      return callTool("update_task", { task_id: id, completed: false });
    case "delete":
      return callTool("delete_task", { task_id: id });
    case "rename":
      if (task.title === intent.title) return reply(`It's already called ${title}.`);
      if (intent.loose && /^\d+$/.test(intent.title)) return askRenameToNumber(task, intent.title);
      return callTool("update_task", { task_id: id, title: intent.title });
    case "reschedule":
      return rescheduleCall(intent, task, ctx);
    case "priority":
      if (task.priority === intent.priority) {
        return reply(
          `${title} is already ${intent.priority === "none" ? "without a priority" : `${intent.priority} priority`}.`,
        );
      }
      return callTool("update_task", { task_id: id, priority: intent.priority });
    case "tag": {
      const lower = new Set(intent.tags.map((tag) => tag.toLowerCase()));
      // "remove the tags from X" names none: all of them go.
      if (intent.remove && intent.tags.length === 0 && task.tags.length === 0)
        return reply(`${title} has no tags.`);
      const tags = intent.remove
        ? task.tags.filter((tag) => intent.tags.length > 0 && !lower.has(tag.toLowerCase()))
        : [
            ...task.tags,
            ...intent.tags.filter(
              (tag) => !task.tags.some((t) => t.toLowerCase() === tag.toLowerCase()),
            ),
          ];
      if (tags.length === task.tags.length && tags.every((tag, i) => tag === task.tags[i])) {
        return reply(
          intent.remove
            ? `${title} doesn't have ${tagsText(intent.tags)}.`
            : `${title} already has ${tagsText(intent.tags)}.`,
        );
      }
      return callTool("update_task", { task_id: id, tags });
    }
  }
}

/** Whether every word `ref` says is in the task's title ("the dentist": "dentist appt"). */
function namesWholly(ref: TaskRef, task: TaskView): boolean {
  return ref.kind !== "title" || someTitleCovers(ref.text, [task]);
}

/** Plans a change to one existing task: look it up, change it, say what changed. */
export function planMutation(intent: MutationIntent, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks", "update_task", "complete_task", "delete_task"))
    return reply(NO_TASK_TOOLS);
  const changes = ctx.turn.filter((exchange) => MUTATING_TOOLS.has(exchange.toolName));
  const done = changes[0];
  if (changes.length > 1) return reply(confirmSeveral(intent, changes, ctx));
  if (done) {
    if (done.error) return reply(failureText(done, VERBS[intent.kind]));
    const task = taskOf(done.output);
    if (!task) return reply("Done.");
    return reply(confirm(intent, task, taskOf(done.output, "previous"), ctx));
  }
  // A date that cannot be read is reported before any lookup.
  if (intent.kind === "reschedule" && intent.when !== null && !intent.by) {
    const dayOfMonth = dayOfMonthIn(intent.when);
    const parsed = dayOfMonth
      ? null
      : parseDateExpression(intent.when, { timezone: ctx.timezone, now: ctx.now });
    const readable = dayOfMonth ? dayOfMonth.day >= 1 && dayOfMonth.day <= 31 : parsed?.dueAt;
    if (!readable) return reply(unknownDate(intent.when));
  }
  // "move gym and call mom to friday": each of them, as "complete 1 and 3" is.
  const several =
    intent.kind === "rename" ? null : resolveSeveral(intent.ref, ctx, preferenceOf(intent));
  if (!several) {
    const target = resolveTarget(intent.ref, ctx, preferenceOf(intent));
    if (target.kind !== "task") return target.plan;
    // "pay day is friday" is no move of "pay rent": a fact names its task with every word.
    if (intent.kind === "reschedule" && intent.fact && !namesWholly(intent.ref, target.task))
      return planUnknown(ctx.userText);
    return mutation(intent, target.task, ctx);
  }
  const calls = several.flatMap((task) => {
    const plan = mutation(intent, task, ctx);
    return plan.kind === "tools" ? plan.calls : [];
  });
  // Nothing to change for any of them ("already done"): say so for the first.
  if (calls.length === 0) return mutation(intent, several[0] as TaskView, ctx);
  return { kind: "tools", calls };
}

/** The reply once several tasks were changed at once. */
function confirmSeveral(intent: MutationIntent, changes: ToolExchange[], ctx: PlanContext): string {
  if (intent.kind !== "complete" && intent.kind !== "reopen" && intent.kind !== "delete") {
    // Moves, priorities and tags: each change said on its own ("Moved “gym” to Friday.").
    return changes
      .map((exchange) => {
        const task = exchange.error ? null : taskOf(exchange.output);
        return task
          ? confirm(intent, task, taskOf(exchange.output, "previous"), ctx)
          : failureText(exchange, VERBS[intent.kind]);
      })
      .join(" ");
  }
  const titles = changes.flatMap((exchange) => {
    const task = exchange.error ? null : taskOf(exchange.output);
    return task ? [task.title] : [];
  });
  const failed = changes.length - titles.length;
  const verb =
    intent.kind === "delete" ? "Deleted" : intent.kind === "reopen" ? "Reopened" : "Completed";
  const parts = [titles.length > 0 ? `${verb} ${quotedList(titles)}.` : ""];
  if (failed > 0)
    parts.push(
      `${failed === 1 ? "One change" : `${failed} changes`} failed; say \u201cshow my tasks\u201d to check.`,
    );
  if (intent.kind === "delete" && titles.length > 0)
    parts.push("Say \u201cundo\u201d if that was a mistake.");
  return parts.filter(Boolean).join(" ");
}
