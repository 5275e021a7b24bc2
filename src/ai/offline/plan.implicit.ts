// A task said without "add" ("buy eggs tomorrow"): added when it is clearly one, offered otherwise.
import { parseIntent } from "./intent.parser.js";
import type { Intent } from "./intent.types.js";
import type { Plan, PlanContext, TaskView, ToolExchange } from "./offline.types.js";
import { addTaskInput, planAdd } from "./plan.add.js";
import { planUnknown } from "./plan.chat.js";
import { callTool, hasTools, previousTurn, reply, tasksOf, turnCalls } from "./plan.shared.js";
import { dueText, escapeMarkdown, quoted, taskDetails } from "./reply.format.js";

type ImplicitAdd = Extract<Intent, { kind: "implicit-add" }>;

/**
 * The task `intent` would add, and whether to add it without asking: only a task verb asked for
 * ("can you renew passport by may 1", "on friday I need to call mom") with a date, a repeat, a
 * priority or a tag is added at once. "buy eggs tomorrow" or "buy eggs" is offered, since a
 * remark ("order arrived today") or a slip must not become a task; a phrase without a task verb
 * is offered only when it names a date ("dentist friday 3pm"), and is nothing else.
 */
function readImplicitAdd(
  intent: ImplicitAdd,
  ctx: PlanContext,
): { input: Record<string, unknown>; sure: boolean } | null {
  const input = addTaskInput(intent.text, ctx);
  if (!input) return null;
  const dated = input.due_at !== undefined || input.recurrence !== undefined;
  const tagged = Array.isArray(input.tags) && input.tags.length > 0;
  if (!intent.verbLed && !dated) return null;
  return {
    input,
    sure: intent.verbLed && intent.asked && (dated || tagged || input.priority !== "none"),
  };
}

/** A pending task already called `title` among what the lookups found. */
function sameTitled(title: string, lookups: readonly ToolExchange[]): TaskView | undefined {
  const wanted = title.toLowerCase();
  return lookups
    .flatMap((lookup) => tasksOf(lookup.output))
    .find((task) => !task.completed && task.title.toLowerCase() === wanted);
}

/** The task my last reply offered to add ("Should I add “buy eggs”?"), if it did. */
export function offeredAdd(ctx: PlanContext): string | null {
  if (ctx.previousUserText === null) return null;
  const asked = parseIntent(ctx.previousUserText);
  if (asked.kind !== "implicit-add") return null;
  const read = readImplicitAdd(asked, ctx);
  if (!read || read.sure) return null;
  const lookups = previousTurn(ctx).filter((exchange) => exchange.toolName === "list_tasks");
  return sameTitled(String(read.input.title), lookups) ? null : asked.text;
}

/** Plans "buy eggs tomorrow": add it, ask whether to, or say it is not understood. */
export function planImplicitAdd(intent: ImplicitAdd, ctx: PlanContext): Plan {
  if (turnCalls(ctx, "add_task").length > 0) return planAdd(intent.text, ctx);
  const read = readImplicitAdd(intent, ctx);
  if (!read) return planUnknown(ctx.userText);
  // "gym tomorrow" with gym on the list: a move, or another gym? Asked, never a duplicate.
  const title = String(read.input.title);
  const lookups = turnCalls(ctx, "list_tasks");
  if (lookups.length === 0 && hasTools(ctx, "list_tasks"))
    return callTool("list_tasks", { status: "pending", q: title, limit: 20 });
  const existing = sameTitled(title, lookups);
  if (existing) return reply(alreadyThere(existing, intent.text, read.input, ctx));
  if (read.sure) return planAdd(intent.text, ctx);
  const task: TaskView = {
    id: "",
    title: String(read.input.title),
    completed: false,
    priority: read.input.priority as TaskView["priority"],
    due_at: typeof read.input.due_at === "string" ? read.input.due_at : null,
    due_all_day: read.input.due_all_day === true,
    recurrence: typeof read.input.recurrence === "string" ? read.input.recurrence : null,
    tags: Array.isArray(read.input.tags) ? (read.input.tags as string[]) : [],
  };
  const details = taskDetails(task, ctx.now, ctx.timezone);
  const said = details.length > 0 ? ` (${details.join(", ")})` : "";
  return reply(
    `Should I add ${quoted(task.title)}${said} as a task? Say \u201cyes\u201d and I will.`,
  );
}

/** "You already have “gym”": how to move it, or to add another. */
function alreadyThere(
  existing: TaskView,
  text: string,
  input: Record<string, unknown>,
  ctx: PlanContext,
): string {
  const due = dueText(existing, ctx.now, ctx.timezone);
  const have = `You already have ${quoted(existing.title)}${due ? ` (due ${due})` : ""}.`;
  const when = text
    .slice(String(input.title).length)
    .trim()
    .replace(/^(?:at|on|by|for)\s+/i, "");
  const name = escapeMarkdown(existing.title);
  const add = `\u201cadd ${escapeMarkdown(text)}\u201d`;
  if (input.due_at === undefined || !when) return `${have} Say ${add} if you want another one.`;
  return `${have} Say \u201cmove ${name} to ${escapeMarkdown(when)}\u201d to move it, or ${add} for another one.`;
}
