// Moving a task's due date: to a date or time as said, to a day of the month or a bare hour, or
// by a shift ("postpone by 2 days").
import { parseDateExpression } from "../../modules/tasks/quick-add.js";
import { WEEKDAY_PATTERN } from "../../modules/tasks/quick-add/words.js";
import { instantOf, wallClockAt } from "../../modules/tasks/quick-add/zone.js";
import type { Intent } from "./intent.types.js";
import type { Plan, PlanContext, TaskView } from "./offline.types.js";
import { callTool, reply } from "./plan.shared.js";
import { dueText, escapeMarkdown, ordinal, quoted } from "./reply.format.js";
import {
  bareHourDue,
  calendarDaysBetween,
  hourFirstAsTime,
  shiftInstant,
  startOfZonedDay,
} from "./time.js";

type RescheduleIntent = Extract<Intent, { kind: "reschedule" }>;

/** `day` (any time on it) at the time of day the task is due at: a move that keeps the hour. */
function atTimeOf(task: TaskView, day: Date, timezone: string): Date {
  const clock = wallClockAt(new Date(task.due_at ?? ""), timezone);
  return instantOf(wallClockAt(day, timezone), clock, timezone);
}

/** A time of day with no date: "6pm", "at 18:30", "noon", "9 o'clock in the morning". */
const TIME_ONLY =
  /^(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*o'?clock)?|noon|midday|midnight)(?:\s+(?:in the (?:morning|afternoon|evening)|tonight))?$/i;

/** A bare number read as a time of day: "9 o'clock", "15:00". */
export function clockWords(hour: number): string {
  return hour <= 12 ? `${hour} o'clock` : `${hour}:00`;
}

/** A weekday said alone: "friday", "on fri" (not "this friday", which is today on a Friday). */
const WEEKDAY_ONLY = new RegExp(`^(?:on\\s+)?(?:${WEEKDAY_PATTERN})$`, "i");

/**
 * "push gym to friday", said on a Friday of a task due tomorrow: a move to a weekday means the
 * coming one, never back to today, for a task due today or later. (An overdue task may move to
 * today; "this friday" and "today" still say today.)
 */
function weekdayAhead(when: string, dueAt: Date, task: TaskView, ctx: PlanContext): Date {
  if (!WEEKDAY_ONLY.test(when.trim()) || !task.due_at) return dueAt;
  const today = startOfZonedDay(ctx.now, ctx.timezone);
  const isToday = calendarDaysBetween(today, dueAt, ctx.timezone) === 0;
  if (!isToday || new Date(task.due_at) < today) return dueAt;
  return shiftInstant(dueAt, { amount: 1, unit: "week" }, ctx.timezone);
}

/** "15", "15th", "the 15th": a day of the month said alone ("move rent to 15"). */
const DAY_OF_MONTH = /^(?:on\s+)?(the\s+)?(\d{1,2})(st|nd|rd|th)?$/i;

/**
 * The day of the month a reschedule names, or null when `when` is something else. A bare 1–12
 * is read as an hour instead ("move gym to 9"), and 13–23 could be one for a task with a time.
 */
export function dayOfMonthIn(when: string): { day: number; bare: boolean } | null {
  const match = DAY_OF_MONTH.exec(when.trim());
  if (!match?.[2]) return null;
  return { day: Number(match[2]), bare: !match[1] && !match[3] };
}

/** "move rent to 15": the next such day of the month, at the task's time of day if it has one. */
function moveToDayOfMonth(day: number, bare: boolean, task: TaskView, ctx: PlanContext): Plan {
  const timed = task.due_at !== null && !task.due_all_day;
  // "move gym to 9": people mean the hour far more often than the 9th, which they say as such.
  if (bare && day >= 1 && day <= 12) {
    const dueAt = bareHourDue(day, task, ctx.now, ctx.timezone);
    return callTool("update_task", {
      task_id: task.id,
      due_at: dueAt.toISOString(),
      due_all_day: false,
    });
  }
  if (bare && timed && day <= 23) {
    return reply(
      `Do you mean ${clockWords(day)} or the ${ordinal(day)}? Say \u201cmove ${escapeMarkdown(task.title)} to ${day}:00\u201d or \u201cto the ${ordinal(day)}\u201d.`,
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

/** The update_task call that moves `task` as `intent` says, or a reply when it cannot. */
export function rescheduleCall(intent: RescheduleIntent, task: TaskView, ctx: PlanContext): Plan {
  const title = quoted(task.title);
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
      task_id: task.id,
      due_at: shiftInstant(from, shift, ctx.timezone).toISOString(),
      due_all_day: task.due_at ? task.due_all_day && !byClock : !byClock,
    });
  }
  if (intent.when === null) {
    if (!task.due_at) return reply(`${title} has no due date.`);
    return callTool("update_task", { task_id: task.id, due_at: null, due_all_day: false });
  }
  const dayOfMonth = dayOfMonthIn(intent.when);
  if (dayOfMonth) return moveToDayOfMonth(dayOfMonth.day, dayOfMonth.bare, task, ctx);
  // "move gym to 5:30": a clock time without AM or PM, read as a bare hour is.
  const clock = /^(?:at\s+)?(\d{1,2}):([0-5]\d)$/.exec(intent.when.trim());
  if (clock && Number(clock[1]) >= 1 && Number(clock[1]) <= 12) {
    const dueAt = bareHourDue(Number(clock[1]), task, ctx.now, ctx.timezone, Number(clock[2]));
    return callTool("update_task", {
      task_id: task.id,
      due_at: dueAt.toISOString(),
      due_all_day: false,
    });
  }
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
      return callTool("update_task", { task_id: task.id, recurrence: parsed.recurrence });
    }
  }
  // "move gym to saturday": a day without a time keeps the time the task had.
  const keepsTime = parsed.dueAllDay && task.due_at !== null && !task.due_all_day;
  const day = weekdayAhead(when, parsed.dueAt, task, ctx);
  const dueAt = keepsTime ? atTimeOf(task, day, ctx.timezone) : day;
  const input: Record<string, unknown> = {
    task_id: task.id,
    due_at: dueAt.toISOString(),
    due_all_day: parsed.dueAllDay && !keepsTime,
  };
  if (parsed.recurrence) input.recurrence = parsed.recurrence;
  return callTool("update_task", input);
}

/** The reply for a date that cannot be read. */
export function unknownDate(when: string): string {
  return `I couldn't read \u201c${escapeMarkdown(when)}\u201d as a date. Try something like \u201ctomorrow 5pm\u201d, \u201cfriday\u201d or \u201cnext week\u201d.`;
}
