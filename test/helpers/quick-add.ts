import { parseQuickAdd, type Priority } from "../../src/modules/tasks/quick-add.js";

/** A parsed quick-add line as a user sees the task: due on their wall clock. */
export interface SeenTask {
  title: string;
  /** "2025-03-08" for an all-day task, "2025-03-08 17:00" with a time, null without a date. */
  due: string | null;
  recurrence: string | null;
  priority: Priority;
  tags: string[];
}

/** Parses `text` at `now` in `timezone` and shows the task as the user would see it. */
export function seenTask(text: string, now: Date, timezone = "UTC"): SeenTask {
  const parsed = parseQuickAdd(text, { timezone, now });
  return {
    title: parsed.title,
    due: parsed.dueAt ? wallClock(parsed.dueAt, timezone, parsed.dueAllDay) : null,
    recurrence: parsed.recurrence,
    priority: parsed.priority,
    tags: parsed.tags,
  };
}

function wallClock(instant: Date, timezone: string, allDay: boolean): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  const date = `${get("year")}-${get("month")}-${get("day")}`;
  return allDay ? date : `${date} ${get("hour")}:${get("minute")}`;
}
