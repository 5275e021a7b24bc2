import { parseIntent } from "./intent.parser.js";
import type { Plan, PlanContext, TaskView, ToolExchange } from "./offline.types.js";
import { lastChanges, reply, taskOf } from "./plan.shared.js";
import { describeRecurrence, dueText, escapeMarkdown, quoted } from "./reply.format.js";

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

/** What one update did to a task, field by field, in the words of a reply. */
function updateParts(task: TaskView, previous: TaskView, ctx: PlanContext): string[] {
  const title = quoted(task.title);
  const parts: string[] = [];
  if (previous.title !== task.title) parts.push(`renamed ${quoted(previous.title)} to ${title}`);
  if (previous.completed !== task.completed)
    parts.push(task.completed ? `completed ${title}` : `reopened ${title}`);
  if (previous.due_at !== task.due_at || previous.due_all_day !== task.due_all_day) {
    const due = dueText(task, ctx.now, ctx.timezone);
    parts.push(due ? `moved ${title} to ${due}` : `removed the due date of ${title}`);
  }
  if (previous.priority !== task.priority) {
    parts.push(
      task.priority === "none"
        ? `removed the priority of ${title}`
        : `set ${title} to ${task.priority} priority`,
    );
  }
  if (!sameTags(previous.tags, task.tags)) {
    const tags = task.tags.map((tag) => `#${escapeMarkdown(tag)}`).join(" ");
    parts.push(tags ? `set the tags of ${title} to ${tags}` : `removed the tags of ${title}`);
  }
  if (previous.recurrence !== task.recurrence) {
    parts.push(
      task.recurrence
        ? `made ${title} repeat ${describeRecurrence(task.recurrence)}`
        : `stopped ${title} repeating`,
    );
  }
  if ((previous.description ?? "") !== (task.description ?? ""))
    parts.push(`changed the notes of ${title}`);
  return parts.length > 0 ? parts : [`updated ${title} (nothing in it changed)`];
}

/** One change in the words of a reply ("completed “gym”"). */
function changeParts(exchange: ToolExchange, ctx: PlanContext): string[] {
  const task = taskOf(exchange.output);
  if (!task) return [];
  const title = quoted(task.title);
  const previous = taskOf(exchange.output, "previous");
  switch (exchange.toolName) {
    case "add_task":
      return [`added ${title}`];
    case "delete_task":
      return [`deleted ${title}`];
    case "complete_task": {
      if (task.completed || !previous) return [`completed ${title}`];
      // A repeating task stays open and moves to its next occurrence.
      const due = dueText(task, ctx.now, ctx.timezone);
      return [`completed ${title}${due ? ` (it repeats, so it's next due ${due})` : ""}`];
    }
    default:
      return previous ? updateParts(task, previous, ctx) : [`updated ${title}`];
  }
}

function joined(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
}

/** What the last change was, in a sentence; null when this conversation changed nothing seen. */
function lastChangeText(ctx: PlanContext): string | null {
  const group = lastChanges(ctx);
  const last = group.at(-1);
  if (!last) return null;
  const parts = group.flatMap((exchange) => changeParts(exchange, ctx));
  if (parts.length === 0) return "I changed a task just now, but I can't tell which.";
  return parseIntent(last.userText).kind === "undo"
    ? `My last change undid the one before it: I ${joined(parts)}.`
    : `My last change: I ${joined(parts)}. Say \u201cundo\u201d to take it back.`;
}

/**
 * "That's wrong", "not what I meant": sorry, what the last change was and how to take it back,
 * or a request to say what was meant. Nothing changes.
 */
export function planComplaint(ctx: PlanContext): Plan {
  const last = lastChangeText(ctx);
  if (!last) {
    return reply(
      "Sorry about that \u2014 I haven't changed anything. Tell me what you meant and I'll do it.",
    );
  }
  return reply(
    last.endsWith("take it back.")
      ? `Sorry about that. ${last.slice(0, -1)}, or tell me what it should be.`
      : `Sorry about that. ${last} Tell me what it should be.`,
  );
}

/**
 * "What did you just change?": the last change the assistant made in this conversation, said
 * exactly (every task of it), or that there was none. Nothing changes.
 */
export function planLastChange(ctx: PlanContext): Plan {
  return reply(
    lastChangeText(ctx) ??
      (ctx.historyTrimmed
        ? "I haven't changed any tasks recently \u2014 anything earlier is too far back in this conversation for me to see."
        : "I haven't changed any tasks in this conversation."),
  );
}
