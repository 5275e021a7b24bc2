import type { TaskView } from "./offline.types.js";
import { calendarDaysBetween, formatDue } from "./time.js";

/** Escapes what markdown would interpret in user text, so titles render as typed. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/[\\`*_[\]<>|~]/g, "\\$&")
    .replace(/^([#+-]|\d+\.)(\s)/, "\\$1$2");
}

/** A title in curly quotes, markdown-safe: “buy milk”. */
export function quoted(title: string): string {
  return `\u201c${escapeMarkdown(title)}\u201d`;
}

/** Several titles for one sentence: “a”, “b” and “c”. */
export function quotedList(titles: readonly string[]): string {
  const parts = titles.map(quoted);
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
}

const BYDAY: Record<string, string> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};

/** 1st, 2nd, 3rd, 11th, 22nd… */
export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${n % 10 > 3 ? "th" : suffix}`;
}

/** An RRULE in words ("every Monday", "every month on the 1st"); "repeats" when unusual. */
export function describeRecurrence(rrule: string): string {
  const fields = new Map<string, string>();
  for (const part of rrule.replace(/^RRULE:/i, "").split(";")) {
    const [key, value] = part.split("=");
    if (key && value) fields.set(key.toUpperCase(), value.toUpperCase());
  }
  const interval = Number(fields.get("INTERVAL") ?? "1");
  const every = (unit: string) => (interval > 1 ? `every ${interval} ${unit}s` : `every ${unit}`);
  const days = (fields.get("BYDAY") ?? "")
    .split(",")
    .map((day) => BYDAY[day.replace(/^[-+\d]+/, "")])
    .filter((day): day is string => Boolean(day));
  const monthDay = Number(fields.get("BYMONTHDAY") ?? "NaN");
  switch (fields.get("FREQ")) {
    case "HOURLY":
      return every("hour");
    case "DAILY":
      return every("day");
    case "WEEKLY":
      if (days.length === 5 && !days.includes("Saturday") && !days.includes("Sunday")) {
        return "every weekday";
      }
      if (days.length > 0)
        return `${interval > 1 ? `every ${interval} weeks on` : "every"} ${days.join(", ")}`;
      return every("week");
    case "MONTHLY":
      if (Number.isInteger(monthDay)) {
        return `${every("month")} on the ${monthDay === -1 ? "last day" : ordinal(monthDay)}`;
      }
      return every("month");
    case "YEARLY":
      return every("year");
    default:
      return "repeating";
  }
}

/** The due part of a task, or null when it has none: "tomorrow at 5:00 PM". */
export function dueText(task: TaskView, now: Date, timezone: string, short = false): string | null {
  if (!task.due_at) return null;
  const due = new Date(task.due_at);
  if (Number.isNaN(due.getTime())) return null;
  return formatDue(due, task.due_all_day, now, timezone, short);
}

/** True when a pending task's due moment has passed (all-day tasks: their whole day). */
export function isOverdue(task: TaskView, now: Date, timezone: string): boolean {
  if (task.completed || !task.due_at) return false;
  const due = new Date(task.due_at);
  if (!task.due_all_day) return due.getTime() < now.getTime();
  return calendarDaysBetween(now, due, timezone) < 0;
}

/** The details worth repeating after a change: "due Friday, high priority, #home". */
export function taskDetails(task: TaskView, now: Date, timezone: string): string[] {
  const details: string[] = [];
  const due = dueText(task, now, timezone);
  if (due) details.push(`due ${due}`);
  if (task.recurrence) details.push(`repeats ${describeRecurrence(task.recurrence)}`);
  if (task.priority !== "none") details.push(`${task.priority} priority`);
  if (task.tags.length > 0)
    details.push(task.tags.map((tag) => `#${escapeMarkdown(tag)}`).join(" "));
  return details;
}

/** One numbered line of a task list: "2. buy milk — due Fri · high". */
export function taskLine(task: TaskView, position: number, now: Date, timezone: string): string {
  const extras: string[] = [];
  const due = dueText(task, now, timezone, true);
  if (due) extras.push(isOverdue(task, now, timezone) ? `overdue (${due})` : `due ${due}`);
  if (task.recurrence) extras.push(describeRecurrence(task.recurrence));
  if (task.priority !== "none") extras.push(`${task.priority} priority`);
  if (task.tags.length > 0)
    extras.push(task.tags.map((tag) => `#${escapeMarkdown(tag)}`).join(" "));
  if (task.completed) extras.push("done");
  const title = escapeMarkdown(task.title);
  return `${position}. ${title}${extras.length > 0 ? ` \u2014 ${extras.join(", ")}` : ""}`;
}
