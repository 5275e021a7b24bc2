import { asRecord } from "./conversation.js";
import { parseIntent } from "./intent.parser.js";
import type { ListFilter } from "./intent.types.js";
import type { Plan, PlanContext, TaskView, ToolExchange } from "./offline.types.js";
import {
  callTool,
  failureText,
  hasTools,
  NO_TASK_TOOLS,
  previousTurn,
  reply,
  tasksOf,
  turnCalls,
} from "./plan.shared.js";
import { escapeMarkdown, quoted, taskLine } from "./reply.format.js";
import { wallClockAt } from "../../modules/tasks/quick-add/zone.js";
import { parseDateExpression } from "../../modules/tasks/quick-add.js";
import { calendarDaysBetween, formatDue, startOfZonedDay } from "./time.js";

/** Lines shown before "…and N more". */
const MAX_LINES = 25;

/** The largest page the offline model asks for when it needs to see every task. */
export function fullListLimit(ctx: PlanContext): number {
  return Math.min(200, ctx.listLimit ?? 200);
}

/** Days from the start of today to the start of next month (today included). */
function daysLeftInMonth(now: Date, timezone: string): number {
  const { year, month, day } = wallClockAt(now, timezone);
  return new Date(Date.UTC(year, month, 0)).getUTCDate() - day + 1;
}

function window(filter: ListFilter, ctx: PlanContext): { after?: Date; before?: Date } {
  const { now, timezone } = ctx;
  const day = (offset: number) => new Date(startOfZonedDay(now, timezone, offset).getTime() - 1);
  const toMonday = (8 - wallClockAt(now, timezone).weekday) % 7 || 7;
  switch (filter.due) {
    case "today":
      return { after: day(0), before: day(1) };
    case "tomorrow":
      return { after: day(1), before: day(2) };
    case "overdue":
      return { before: now };
    case "overdue-and-today":
      return { before: day(1) };
    case "week":
      return { after: day(0), before: day(toMonday) };
    case "next-week":
      return { after: day(toMonday), before: day(toMonday + 7) };
    case "upcoming":
      return { after: day(0), before: day(8) };
    case "month":
      return {
        after: day(1 - wallClockAt(now, timezone).day),
        before: day(daysLeftInMonth(now, timezone)),
      };
    case "next-month": {
      const start = daysLeftInMonth(now, timezone);
      const first = startOfZonedDay(now, timezone, start);
      return { after: day(start), before: day(start + daysLeftInMonth(first, timezone)) };
    }
    case "weekend": {
      // On a Sunday, "this weekend" is what is left of it: today.
      const weekday = wallClockAt(now, timezone).weekday;
      const toSaturday = weekday === 0 ? -1 : 6 - weekday;
      return { after: day(Math.max(0, toSaturday)), before: day(toSaturday + 2) };
    }
  }
  if (filter.days !== undefined) return { after: day(0), before: day(filter.days + 1) };
  const offset = filter.day === undefined ? null : dayOffset(filter.day, ctx);
  if (offset === null) return {};
  if (filter.dayBound === "before") return { before: day(offset) };
  if (filter.dayBound === "through") return { before: day(offset + 1) };
  return { after: day(offset), before: day(offset + 1) };
}

/** How many days from today the day a list request names is, or null when it can't be read. */
function dayOffset(text: string, ctx: PlanContext): number | null {
  const parsed = parseDateExpression(text, { timezone: ctx.timezone, now: ctx.now });
  return parsed?.dueAt ? calendarDaysBetween(ctx.now, parsed.dueAt, ctx.timezone) : null;
}

/** "before " or "by " ahead of the day a list request is bounded by. */
function boundWord(filter: ListFilter): string {
  return filter.dayBound === "before" ? "before " : filter.dayBound === "through" ? "by " : "";
}

/** "Friday", "tomorrow", "Mar 20": the day a list request names, as replies say it. */
export function dayLabel(filter: ListFilter, ctx: PlanContext): string | null {
  const offset = filter.day === undefined ? null : dayOffset(filter.day, ctx);
  if (offset === null) return null;
  return formatDue(startOfZonedDay(ctx.now, ctx.timezone, offset), true, ctx.now, ctx.timezone);
}

/** The list_tasks input for a list request. */
export function listInput(filter: ListFilter, ctx: PlanContext): Record<string, unknown> {
  const input: Record<string, unknown> = { status: filter.status };
  if (filter.tag) input.tag = filter.tag;
  if (filter.priority) input.priority = filter.priority;
  if (filter.q) input.q = filter.q;
  // Highest priority first needs every task, not the soonest-due page.
  if (filter.due === "undated" || filter.sort === "priority") input.limit = fullListLimit(ctx);
  const { after, before } = window(filter, ctx);
  if (after) input.due_after = after.toISOString();
  if (before) input.due_before = before.toISOString();
  return input;
}

/** When an all-day task stops being on time: the last moment of its day. */
function effectiveDue(task: TaskView, timezone: string): number | null {
  if (!task.due_at) return null;
  const due = new Date(task.due_at);
  if (Number.isNaN(due.getTime())) return null;
  return task.due_all_day ? startOfZonedDay(due, timezone, 1).getTime() - 1 : due.getTime();
}

const PRIORITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2, none: 3 };

/** Soonest due first, undated last. */
function byDue(timezone: string): (a: TaskView, b: TaskView) => number {
  return (a, b) => {
    const first = effectiveDue(a, timezone);
    const second = effectiveDue(b, timezone);
    if (first === second) return 0;
    if (first === null) return 1;
    if (second === null) return -1;
    return first - second;
  };
}

/** `tasks` in the order a list request asked for ("by priority": highest first, then by due). */
function sortedAsAsked(tasks: TaskView[], sort: ListFilter["sort"], timezone: string): TaskView[] {
  if (!sort) return tasks;
  const due = byDue(timezone);
  if (sort === "due") return [...tasks].sort(due);
  return [...tasks].sort(
    (a, b) => (PRIORITY_RANK[a.priority] ?? 3) - (PRIORITY_RANK[b.priority] ?? 3) || due(a, b),
  );
}

/**
 * The tasks of a list result in the order they were shown. The date window is applied again
 * here, with all-day tasks lasting their whole day, so "overdue" never lists today's tasks.
 */
export function shownTasks(exchange: ToolExchange, timezone: string): TaskView[] {
  const input = asRecord(exchange.input);
  // "tasks without a due date" has no tool filter: the full list is read and narrowed here.
  const asked = parseIntent(exchange.userText);
  const sort = asked.kind === "list" ? asked.filter.sort : undefined;
  if (asked.kind === "list" && asked.filter.due === "undated") {
    return sortedAsAsked(
      tasksOf(exchange.output).filter((task) => !task.due_at),
      sort,
      timezone,
    );
  }
  const after = typeof input.due_after === "string" ? Date.parse(input.due_after) : Number.NaN;
  const before = typeof input.due_before === "string" ? Date.parse(input.due_before) : Number.NaN;
  const shown = tasksOf(exchange.output).filter((task) => {
    if (Number.isNaN(after) && Number.isNaN(before)) return true;
    const due = effectiveDue(task, timezone);
    if (due === null) return false;
    return (Number.isNaN(after) || due > after) && (Number.isNaN(before) || due <= before);
  });
  // Overdue first, then the rest of today, as the two lists are shown.
  if (asked.kind === "list" && asked.filter.due === "overdue-and-today") {
    return shown.sort(
      (a, b) => (effectiveDue(a, timezone) ?? 0) - (effectiveDue(b, timezone) ?? 0),
    );
  }
  return sortedAsAsked(shown, sort, timezone);
}

/** True when this exchange was a list the user asked to see (not a lookup behind a command). */
function wasShown(exchange: ToolExchange): boolean {
  if (exchange.toolName !== "list_tasks" || exchange.error) return false;
  const intent = parseIntent(exchange.userText);
  return intent.kind === "list" && !intent.count;
}

/** The most recent list the user saw, oldest exchanges first in `exchanges`. */
export function lastShownList(
  exchanges: readonly ToolExchange[],
  timezone: string,
): TaskView[] | null {
  for (let i = exchanges.length - 1; i >= 0; i--) {
    const exchange = exchanges[i];
    if (exchange && wasShown(exchange)) return shownTasks(exchange, timezone);
  }
  return null;
}

/** A filter in words: its noun ("pending tasks") and what narrows it ("tagged #work, due today"). */
export function describeFilter(
  filter: ListFilter,
  day: string | null,
): { noun: string; scope: string } {
  const noun =
    filter.status === "completed"
      ? "completed tasks"
      : filter.status === "all"
        ? "tasks"
        : "pending tasks";
  const scopes: string[] = [];
  if (filter.priority) scopes.push(`with ${filter.priority} priority`);
  if (filter.tag) scopes.push(`tagged #${escapeMarkdown(filter.tag)}`);
  if (filter.q) scopes.push(`matching ${quoted(filter.q)}`);
  const due: Record<string, string> = {
    today: "due today",
    tomorrow: "due tomorrow",
    overdue: "overdue",
    week: "due this week",
    "next-week": "due next week",
    upcoming: "due in the next week",
    weekend: "due this weekend",
    month: "due this month",
    "next-month": "due next month",
    undated: "without a due date",
  };
  if (filter.due) scopes.push(due[filter.due] ?? "");
  else if (filter.days !== undefined) scopes.push(`due in the next ${filter.days} days`);
  else if (day) scopes.push(`due ${boundWord(filter)}${day}`);
  return { noun, scope: scopes.join(", ") };
}

function emptyText(filter: ListFilter, day: string | null): string {
  if (filter.due === "overdue" && !filter.tag && !filter.priority)
    return "Nothing is overdue \u2014 nice work.";
  const { noun, scope } = describeFilter(filter, day);
  return `You have no ${noun}${scope ? ` ${scope}` : ""}.`;
}

function headerOf(filter: ListFilter, day: string | null): string {
  const due: Record<string, string> = {
    today: "Due today",
    tomorrow: "Due tomorrow",
    overdue: "Overdue",
    week: "Due this week",
    "next-week": "Due next week",
    upcoming: "Coming up this week",
    weekend: "Due this weekend",
    month: "Due this month",
    "next-month": "Due next month",
  };
  const { noun } = describeFilter(filter, day);
  const dueLabel = filter.due
    ? due[filter.due]
    : day
      ? `Due ${boundWord(filter)}${day}`
      : filter.days !== undefined
        ? `Due in the next ${filter.days} days`
        : undefined;
  let header = dueLabel ?? (filter.q ? `Tasks matching ${quoted(filter.q)}` : `Your ${noun}`);
  if (filter.due === "undated") header += " without a due date";
  if (dueLabel && filter.status === "completed") header += " (completed)";
  if (filter.priority) header += `, ${filter.priority} priority`;
  if (filter.tag) header += `, tagged #${escapeMarkdown(filter.tag)}`;
  if (filter.sort === "priority") header += ", highest priority first";
  if (filter.sort === "due") header += ", soonest due first";
  return `${header}:`;
}

/**
 * "sort by priority" right after a list: that list's filter, in the order asked; the pending
 * tasks otherwise.
 */
function resorted(asked: ListFilter, ctx: PlanContext): ListFilter {
  const shown = previousTurn(ctx).findLast(wasShown);
  const before = shown ? parseIntent(shown.userText) : null;
  if (before?.kind !== "list") return asked;
  const { due, tagOrTitle: _bare, sort: _sort, resort: _resort, ...rest } = before.filter;
  const keepDue = due !== undefined && due !== "overdue-and-today" && due !== "undated";
  return { ...rest, ...(keepDue ? { due } : {}), sort: asked.sort, resort: true };
}

/** Plans a list or count request: one list_tasks call, then the numbered list. */
export function planList(asked: ListFilter, count: boolean, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks")) return reply(NO_TASK_TOOLS);
  const calls = turnCalls(ctx, "list_tasks");
  let filter = asked.resort ? resorted(asked, ctx) : asked;
  // "show gym": the #gym tag, or, when no task has it, the tasks whose title says it.
  if (asked.tagOrTitle && asked.tag !== undefined && calls[0] && !calls[0].error) {
    const { tag, tagOrTitle: _bare, ...rest } = asked;
    if (shownTasks(calls[0], ctx.timezone).length === 0) {
      filter = { ...rest, q: tag };
      if (calls.length === 1) return callTool("list_tasks", listInput(filter, ctx));
    }
  }
  const done = calls.at(-1);
  if (!done)
    return callTool(
      "list_tasks",
      count ? { ...listInput(filter, ctx), limit: fullListLimit(ctx) } : listInput(filter, ctx),
    );
  if (done.error) return reply(failureText(done, "load your tasks"));
  const tasks = shownTasks(done, ctx.timezone);
  const day = dayLabel(filter, ctx);
  if (tasks.length === 0) return reply(emptyText(filter, day));
  const { noun, scope } = describeFilter(filter, day);
  if (count) {
    // The tool's count is before the all-day correction of the window: count what is shown.
    const total = tasks.length;
    const label = total === 1 ? noun.replace(/tasks$/, "task") : noun;
    return reply(`You have ${total} ${label}${scope ? ` ${scope}` : ""}.`);
  }
  const lines = tasks
    .slice(0, MAX_LINES)
    .map((task, i) => taskLine(task, i + 1, ctx.now, ctx.timezone));
  if (tasks.length > MAX_LINES) lines.push(`\u2026and ${tasks.length - MAX_LINES} more.`);
  const header = headerOf(filter, day);
  return reply(`${header}\n\n${lines.join("\n")}`);
}
