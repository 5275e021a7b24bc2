import { parseQuickAdd, type Priority } from "../../src/modules/tasks/quick-add.js";
import { toWallTime } from "../../src/modules/tasks/task.time.js";

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

/** "2025-03-08 17:00" (or "2025-03-08" for a whole day) on the wall clock of `timezone`. */
export function wallClock(instant: Date, timezone: string, allDay = false): string {
  const [date, time] = toWallTime(instant, timezone).toISOString().split("T");
  return allDay ? `${date}` : `${date} ${time?.slice(0, 5)}`;
}
