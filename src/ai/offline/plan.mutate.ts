import { parseDateExpression } from "../../modules/tasks/quick-add.js";
import type { Intent } from "./intent.types.js";
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
import { resolveSeveral, resolveTarget } from "./plan.target.js";
import {
  describeRecurrence,
  dueText,
  escapeMarkdown,
  ordinal,
  quoted,
  quotedList,
} from "./reply.format.js";
import { calendarDaysBetween, hourFirstAsTime, shiftInstant, startOfZonedDay } from "./time.js";
import { instantOf, wallClockAt } from "../../modules/tasks/quick-add/zone.js";

/** `day` (any time on it) at the time of day the task is due at: a move that keeps the hour. */
function atTimeOf(task: TaskView, day: Date, timezone: string): Date {
  const clock = wallClockAt(new Date(task.due_at ?? ""), timezone);
  return instantOf(wallClockAt(day, timezone), clock, timezone);
}
import type { StatePreference } from "./task-reference.js";

/** A time of day with no date: "6pm", "at 18:30", "noon", "9 o'clock in the morning". */
const TIME_ONLY =
  /^(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*o'?clock)?|noon|midday|midnight)(?:\s+(?:in the (?:morning|afternoon|evening)|tonight))?$/i;

/** A bare number read as a time of day: "9 o'clock", "15:00". */
function clockWords(hour: number): string {
  return hour <= 12 ? `${hour} o'clock` : `${hour}:00`;
}

/** "15", "15th", "the 15th": a day of the month said alone ("move rent to 15"). */
const DAY_OF_MONTH = /^(?:on\s+)?(the\s+)?(\d{1,2})(st|nd|rd|th)?$/i;

/**
 * The day of the month a reschedule names, or null when `when` is something else. A bare 1–12
 * could be an hour as well ("move gym to 9"), and so could 13–23 for a task with a time.
 */
function dayOfMonthIn(when: string): { day: number; bare: boolean } | null {
  const match = DAY_OF_MONTH.exec(when.trim());
  if (!match?.[2]) return null;
  return { day: Number(match[2]), bare: !match[1] && !match[3] };
}

/** "move rent to 15": the next such day of the month, at the task's time of day if it has one. */
function moveToDayOfMonth(day: number, bare: boolean, task: TaskView, ctx: PlanContext): Plan {
  const timed = task.due_at !== null && !task.due_all_day;
  if (bare && (day <= 12 || (timed && day <= 23))) {
    const move = `\u201cmove ${escapeMarkdown(task.title)} to`;
    const times =
      day <= 12 ? `${move} ${day}am\u201d, \u201cto ${day}pm\u201d` : `${move} ${day}:00\u201d`;
    return reply(
      `Do you mean ${clockWords(day)} or the ${ordinal(day)}? Say ${times} or \u201cto the ${ordinal(day)}\u201d.`,
    );
  }
  const parsed = parseDateExpression(`the ${ordinal(day)}`, {
    timezone: ctx.timezone,
    now: ctx.now,
  });
  if (!parsed?.dueAt) return reply(unknownDate(String(day)));
  if (!timed)
    return callTool("update_task", {
      task_id: task.id,
      due_at: parsed.dueAt.toISOString(),
      due_all_day: true,
    });
  const dueAt = atTimeOf(task, parsed.dueAt, ctx.timezone);
  return callTool("update_task", {
    task_id: task.id,
    due_at: dueAt.toISOString(),
    due_all_day: false,
  });
}

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
    case "reschedule": {
      if (intent.by) {
        // A task without a date moves from today (or from now, by hours and minutes).
        const byClock = intent.by.unit === "minute" || intent.by.unit === "hour";
        // An all-day task has no hour to move: by hours, one due today or before moves from now
        // (its midnight would put it in the past); one due later needs a time first.
        const clockless = byClock && task.due_at !== null && task.due_all_day;
        if (clockless && new Date(task.due_at ?? "") > startOfZonedDay(ctx.now, ctx.timezone)) {
          return reply(
            `${title} is due ${dueText(task, ctx.now, ctx.timezone) ?? "later"} with no time. Say a time, like \u201cmove ${escapeMarkdown(task.title)} to 6pm\u201d.`,
          );
        }
        const from =
          task.due_at && !clockless
            ? new Date(task.due_at)
            : byClock
              ? ctx.now
              : startOfZonedDay(ctx.now, ctx.timezone);
        if (intent.postpone && task.completed) return reply(`${title} is already done.`);
        if (
          intent.today &&
          (!task.due_at || new Date(task.due_at) >= startOfZonedDay(ctx.now, ctx.timezone, 1))
        ) {
          const due = dueText(task, ctx.now, ctx.timezone);
          return reply(
            `${title} isn't due today${due ? ` \u2014 it's due ${due}` : ""}, so I left it as it is.`,
          );
        }
        let shift = intent.by;
        // Postponed, a task due today or before moves to tomorrow, at its time if it has one.
        if (intent.postpone && task.due_at) {
          const behind = calendarDaysBetween(new Date(task.due_at), ctx.now, ctx.timezone);
          if (behind >= 0) shift = { amount: behind + 1, unit: "day" };
        }
        return callTool("update_task", {
          task_id: id,
          due_at: shiftInstant(from, shift, ctx.timezone).toISOString(),
          due_all_day: task.due_at ? task.due_all_day && !byClock : !byClock,
        });
      }
      if (intent.when === null) {
        if (!task.due_at) return reply(`${title} has no due date.`);
        return callTool("update_task", { task_id: id, due_at: null, due_all_day: false });
      }
      const dayOfMonth = dayOfMonthIn(intent.when);
      if (dayOfMonth) return moveToDayOfMonth(dayOfMonth.day, dayOfMonth.bare, task, ctx);
      // "move gym to 9 tonight": the hour, on that day.
      const when = hourFirstAsTime(intent.when);
      // "move it to 6pm": a time alone keeps the later day the task is due on; for a task due
      // today or before, it means the next such time from now, as for a task without a date.
      const dueDay = task.due_at ? startOfZonedDay(new Date(task.due_at), ctx.timezone) : null;
      const sameDay =
        dueDay !== null &&
        dueDay > startOfZonedDay(ctx.now, ctx.timezone) &&
        TIME_ONLY.test(when.trim()) &&
        !/\btonight$/i.test(when);
      const parsed = parseDateExpression(when, {
        timezone: ctx.timezone,
        now: sameDay ? dueDay : ctx.now,
      });
      if (!parsed?.dueAt) return reply(unknownDate(intent.when));
      // "make it repeat weekly" names no day or time: the task keeps its date and repeats from it.
      if (parsed.recurrence && task.due_at && parsed.dueAllDay) {
        const fromTomorrow = parseDateExpression(when, {
          timezone: ctx.timezone,
          now: startOfZonedDay(ctx.now, ctx.timezone, 1),
        });
        const anchoredToToday =
          fromTomorrow?.dueAt &&
          calendarDaysBetween(parsed.dueAt, fromTomorrow.dueAt, ctx.timezone) === 1;
        if (anchoredToToday) {
          return callTool("update_task", { task_id: id, recurrence: parsed.recurrence });
        }
      }
      // "move gym to saturday": a day without a time keeps the time the task had.
      const keepsTime = parsed.dueAllDay && task.due_at !== null && !task.due_all_day;
      const dueAt = keepsTime ? atTimeOf(task, parsed.dueAt, ctx.timezone) : parsed.dueAt;
      const input: Record<string, unknown> = {
        task_id: id,
        due_at: dueAt.toISOString(),
        due_all_day: parsed.dueAllDay && !keepsTime,
      };
      if (parsed.recurrence) input.recurrence = parsed.recurrence;
      return callTool("update_task", input);
    }
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

function unknownDate(when: string): string {
  return `I couldn't read \u201c${escapeMarkdown(when)}\u201d as a date. Try something like \u201ctomorrow 5pm\u201d, \u201cfriday\u201d or \u201cnext week\u201d.`;
}

/** Plans a change to one existing task: look it up, change it, say what changed. */
export function planMutation(intent: MutationIntent, ctx: PlanContext): Plan {
  if (!hasTools(ctx, "list_tasks", "update_task", "complete_task", "delete_task"))
    return reply(NO_TASK_TOOLS);
  const changes = ctx.turn.filter((exchange) => MUTATING_TOOLS.has(exchange.toolName));
  const done = changes[0];
  if (changes.length > 1) return reply(confirmSeveral(intent, changes));
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
  const several =
    intent.kind === "complete" || intent.kind === "reopen" || intent.kind === "delete"
      ? resolveSeveral(intent.ref, ctx, preferenceOf(intent))
      : null;
  if (!several) {
    const target = resolveTarget(intent.ref, ctx, preferenceOf(intent));
    return target.kind === "task" ? mutation(intent, target.task, ctx) : target.plan;
  }
  const calls = several.flatMap((task) => {
    const plan = mutation(intent, task, ctx);
    return plan.kind === "tools" ? plan.calls : [];
  });
  // Nothing to change for any of them ("already done"): say so for the first.
  if (calls.length === 0) return mutation(intent, several[0] as TaskView, ctx);
  return { kind: "tools", calls };
}

/** The reply once several tasks were changed at once (complete, reopen or delete). */
function confirmSeveral(intent: MutationIntent, changes: ToolExchange[]): string {
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
