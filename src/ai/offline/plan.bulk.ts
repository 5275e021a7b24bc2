// One action over a set of tasks ("complete all my tasks", "delete all completed tasks"): first
// what would change and a question, changing nothing; then, on "yes" right after, exactly that
// set as it was when asked. The set lives in the conversation: the lookup of the asking turn.
import { parseIntent } from "./intent.parser.js";
import type { Intent } from "./intent.types.js";
import type { Plan, PlanContext, PlannedCall, TaskView, ToolExchange } from "./offline.types.js";
import { dayLabel, describeFilter, fullListLimit, listInput, shownTasks } from "./plan.list.js";
import {
  callTool,
  failureText,
  hasTools,
  MUTATING_TOOLS,
  NO_TASK_TOOLS,
  previousTurn,
  reply,
  taskOf,
  tasksOf,
  turnCalls,
} from "./plan.shared.js";
import { rescheduleCall } from "./plan.reschedule.js";
import { escapeMarkdown, quoted, quotedList } from "./reply.format.js";
import { resolveByTitle } from "./task-reference.js";

type BulkIntent = Extract<Intent, { kind: "bulk" }>;

/**
 * The most tasks one confirmed command changes: few enough that the turn making the changes
 * stays within the chat history's default token budget, so "undo" still sees it.
 */
export const MAX_BULK = 15;
/** Titles named in a question before "and N more". */
const NAMED = 10;

const VERB: Record<BulkIntent["action"], { base: string; past: string }> = {
  complete: { base: "complete", past: "Completed" },
  delete: { base: "delete", past: "Deleted" },
  reopen: { base: "reopen", past: "Reopened" },
  reschedule: { base: "move", past: "Moved" },
};

/** " to tomorrow": where a reschedule moves the set, as the user said it; "" for other actions. */
function whereTo(intent: BulkIntent): string {
  return intent.when ? ` to ${escapeMarkdown(intent.when)}` : "";
}

/** The update that moves `task` where `intent` says, or the reply when that is no date. */
function moveCall(intent: BulkIntent, task: TaskView, ctx: PlanContext): Plan {
  return rescheduleCall(
    { kind: "reschedule", ref: { kind: "pronoun" }, when: intent.when ?? "" },
    task,
    ctx,
  );
}

function plural(count: number, noun = "task"): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** “a”, “b” and “c”; past `NAMED`, the first few and how many more. */
function named(tasks: readonly TaskView[]): string {
  if (tasks.length <= NAMED) return quotedList(tasks.map((task) => task.title));
  const first = tasks.slice(0, 5).map((task) => quoted(task.title));
  return `${first.join(", ")} and ${tasks.length - 5} more`;
}

/**
 * The tasks one lookup made for `intent` selects, in the order the list shows them, less those
 * it leaves out; or the part of "except …" that names no single one of them (nothing is then
 * selected: leaving out the wrong task would change it).
 */
function selected(
  intent: BulkIntent,
  lookup: ToolExchange,
  ctx: PlanContext,
): { tasks: TaskView[]; left: TaskView[]; unclear?: string } {
  const tasks = shownTasks(lookup, ctx.timezone);
  const left: TaskView[] = [];
  for (const part of intent.except ?? []) {
    const found = resolveByTitle(part, tasks);
    if (found.kind !== "found") return { tasks: [], left, unclear: part };
    left.push(found.task);
  }
  return { tasks: tasks.filter((task) => !left.some((other) => other.id === task.id)), left };
}

/** "complete 2 pending tasks due today": the action and the set, in words. */
function setText(intent: BulkIntent, ctx: PlanContext, count: number): string {
  const { noun, scope } = describeFilter(intent.filter, dayLabel(intent.filter, ctx));
  const label = count === 1 ? noun.replace(/tasks$/, "task") : noun;
  return `${count} ${label}${scope ? ` ${scope}` : ""}`;
}

/** Plans "complete all my tasks": one lookup, then what would change and a question. */
export function planBulk(intent: BulkIntent, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks", "complete_task", "update_task", "delete_task"))
    return reply(NO_TASK_TOOLS);
  const lookup = turnCalls(ctx, "list_tasks").at(-1);
  if (!lookup)
    return callTool("list_tasks", { ...listInput(intent.filter, ctx), limit: fullListLimit(ctx) });
  if (lookup.error) return reply(failureText(lookup, "look up your tasks"));
  const { tasks, left, unclear } = selected(intent, lookup, ctx);
  const { base } = VERB[intent.action];
  if (unclear !== undefined) {
    const { noun, scope } = describeFilter(intent.filter, dayLabel(intent.filter, ctx));
    return reply(
      `I couldn't tell which one of your ${noun}${scope ? ` ${scope}` : ""} ${quoted(unclear)} is, so I haven't changed anything. Say \u201cshow my tasks\u201d to see them.`,
    );
  }
  if (tasks.length === 0) {
    const { noun, scope } = describeFilter(intent.filter, dayLabel(intent.filter, ctx));
    return reply(`You have no ${noun}${scope ? ` ${scope}` : ""}, so there's nothing to ${base}.`);
  }
  if (tasks.length > MAX_BULK) {
    return reply(
      `That would ${base} ${setText(intent, ctx, tasks.length)} \u2014 more than I change at once (${MAX_BULK}), so I haven't changed anything. Narrow it down, for example by tag (\u201c\u2026 tagged #work\u201d) or day (\u201c\u2026 due today\u201d).`,
    );
  }
  // "to someday": a place that is no date is said before anything is asked.
  const first = tasks[0];
  if (intent.action === "reschedule" && first) {
    const move = moveCall(intent, first, ctx);
    if (move.kind === "text") return move;
  }
  const which = tasks.length === 1 ? "it" : "them";
  const kept = left.length > 0 ? ` (leaving out ${named(left)})` : "";
  return reply(
    `That would ${base} ${setText(intent, ctx, tasks.length)}${whereTo(intent)}${kept}: ${named(tasks)}. Should I go ahead? Say \u201cyes\u201d to ${base} ${which}, or \u201cno\u201d to leave ${which} as ${tasks.length === 1 ? "it is" : "they are"}.`,
  );
}

/** A set my previous reply asked about, with the tasks it held then. */
export interface AskedBulk {
  intent: BulkIntent;
  tasks: TaskView[];
}

/**
 * The bulk action my last reply asked about ("That would complete 3 tasks… Should I go ahead?"),
 * when the user answers right after; null otherwise. Its tasks are those the asking turn's
 * lookup found, so tasks added since are not among them.
 */
export function askedBulk(ctx: PlanContext): AskedBulk | null {
  if (ctx.previousUserText === null) return null;
  const intent = parseIntent(ctx.previousUserText);
  if (intent.kind !== "bulk") return null;
  const lookup = previousTurn(ctx).findLast((exchange) => exchange.toolName === "list_tasks");
  if (!lookup || lookup.error) return null;
  const { tasks, unclear } = selected(intent, lookup, ctx);
  if (unclear !== undefined) return null;
  return tasks.length > 0 && tasks.length <= MAX_BULK ? { intent, tasks } : null;
}

/** Why a task of the set is left alone now, or null when it is to be changed. */
function skipReason(
  action: BulkIntent["action"],
  asked: TaskView,
  now: ReadonlyMap<string, TaskView>,
  pageFull: boolean,
): "gone" | "already" | null {
  const current = now.get(asked.id);
  // Past a full page a task may still be there: the change itself then finds out.
  if (!current) return pageFull ? null : "gone";
  if ((action === "complete" || action === "reschedule") && current.completed) return "already";
  if (action === "reopen" && !current.completed) return "already";
  return null;
}

/** The calls that change `task` as `intent` says (none when a move finds no date). */
function changeCall(intent: BulkIntent, task: TaskView, ctx: PlanContext): PlannedCall[] {
  const { action } = intent;
  if (action === "reschedule") {
    const move = moveCall(intent, task, ctx);
    return move.kind === "tools" ? move.calls : [];
  }
  if (action === "complete") return [{ toolName: "complete_task", input: { task_id: task.id } }];
  if (action === "reopen")
    return [{ toolName: "update_task", input: { task_id: task.id, completed: false } }];
  return [{ toolName: "delete_task", input: { task_id: task.id } }];
}

/** The reply once the confirmed changes were made: what changed, what was skipped and why. */
function doneText(
  asked: AskedBulk,
  changes: ToolExchange[],
  gone: TaskView[],
  already: TaskView[],
): string {
  const { action } = asked.intent;
  const changed = changes.flatMap((exchange) => {
    const task = exchange.error ? null : taskOf(exchange.output);
    return task ? [task] : [];
  });
  const failed = changes.length - changed.length;
  const parts: string[] = [];
  if (changed.length > 0)
    parts.push(
      `${VERB[action].past} ${plural(changed.length)}${whereTo(asked.intent)}: ${named(changed)}.`,
    );
  if (gone.length > 0)
    parts.push(
      `${named(gone)} ${gone.length === 1 ? "is" : "are"} no longer there, so I skipped ${gone.length === 1 ? "it" : "them"}.`,
    );
  if (already.length > 0) {
    const state = action === "reopen" ? "open" : "done";
    parts.push(`${named(already)} ${already.length === 1 ? "was" : "were"} already ${state}.`);
  }
  if (failed > 0) {
    const first = changes.find((exchange) => exchange.error);
    parts.push(
      first && failed === changes.length
        ? failureText(first, `${VERB[action].base} those tasks`)
        : `${failed === 1 ? "One change" : `${failed} changes`} failed; say \u201cshow my tasks\u201d to check.`,
    );
  }
  if (changed.length > 0) parts.push("Say \u201cundo\u201d to take that back.");
  return parts.join(" ");
}

/**
 * "Yes" (or "no") to "That would complete 3 tasks… Should I go ahead?": the tasks are looked up
 * again, those still there and still to change are changed, and the reply says which were
 * skipped (deleted meanwhile, or already in that state). "No" changes nothing.
 */
export function planBulkAnswer(yes: boolean, asked: AskedBulk, ctx: PlanContext): Plan {
  if (!yes) return reply("Okay \u2014 I haven't changed anything.");
  const lookup = turnCalls(ctx, "list_tasks").at(-1);
  // Narrowed as when asked, in any state: a short result keeps the conversation short enough
  // for its history to carry this turn to a later "undo".
  if (!lookup)
    return callTool("list_tasks", {
      ...listInput({ ...asked.intent.filter, status: "all" }, ctx),
      limit: fullListLimit(ctx),
    });
  if (lookup.error) return reply(failureText(lookup, "look up your tasks"));
  const found = tasksOf(lookup.output);
  const now = new Map(found.map((task) => [task.id, task]));
  const pageFull = found.length >= fullListLimit(ctx);
  const { action } = asked.intent;
  const gone = asked.tasks.filter((task) => skipReason(action, task, now, pageFull) === "gone");
  const already = asked.tasks.filter(
    (task) => skipReason(action, task, now, pageFull) === "already",
  );
  const changes = ctx.turn.filter((exchange) => MUTATING_TOOLS.has(exchange.toolName));
  if (changes.length > 0) return reply(doneText(asked, changes, gone, already));
  const toChange = asked.tasks.filter((task) => skipReason(action, task, now, pageFull) === null);
  if (toChange.length === 0) return reply(doneText(asked, [], gone, already));
  // A move starts from each task as it is now (its time of day, say), not as it was when asked.
  const calls = toChange.flatMap((task) => changeCall(asked.intent, now.get(task.id) ?? task, ctx));
  if (calls.length === 0) return reply(doneText(asked, [], gone, already));
  return { kind: "tools", calls };
}
