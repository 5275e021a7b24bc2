import { AppError } from "../../errors.js";
import { advanceRecurrence, firstOccurrence } from "./task.recurrence.js";
import type { TaskChanges, TaskRow } from "./task.repository.js";
import { localDateOf, requireTimezone, startOfLocalDate } from "./task.time.js";

/** A task's due date as stored: an instant, and whether it names a whole day. */
export interface Due {
  dueAt: Date | null;
  dueAllDay: boolean;
}

/**
 * Turns API `due_at` / `due_all_day` into stored columns. An all-day due date is stored as local
 * midnight of that calendar day in the user's timezone. A bare date ("2025-03-10") is all-day;
 * with `due_all_day: true`, an instant that is local midnight in the user's timezone names that
 * local day (it is how the API returns an all-day task, so a task read and written back keeps
 * its day), and any other instant keeps the calendar date it is written with.
 */
export function resolveDue(
  dueAt: string | null | undefined,
  dueAllDay: boolean | undefined,
  timezone: string,
): Due {
  if (!dueAt) return { dueAt: null, dueAllDay: false };
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(dueAt);
  if (dateOnly && dueAllDay === false) {
    throw new AppError(
      422,
      "VALIDATION_FAILED",
      "The task is invalid: due_at: a date without a time is an all-day due date; send a time to set due_all_day to false.",
      { errors: [{ path: "due_at", message: "needs a time when due_all_day is false" }] },
    );
  }
  if (dateOnly || dueAllDay === true) {
    const zone = requireTimezone(timezone);
    return {
      dueAt: startOfLocalDate(dateOnly ? dueAt : allDayDate(dueAt, zone), zone),
      dueAllDay: true,
    };
  }
  return { dueAt: new Date(dueAt), dueAllDay: false };
}

/** The calendar day an instant sent with `due_all_day: true` names (see `resolveDue`). */
function allDayDate(dueAt: string, timezone: string): string {
  const instant = new Date(dueAt);
  const local = localDateOf(instant, timezone);
  // "2025-01-31T23:00:00Z" for a user in Berlin is their midnight of Feb 1, not Jan 31.
  return startOfLocalDate(local, timezone).getTime() === instant.getTime()
    ? local
    : dueAt.slice(0, 10);
}

/** A recurring task without a due date is anchored at now: its first occurrence from now on. */
export function resolveRecurringDue(
  recurrence: string,
  due: Due,
  timezone: string,
  now: Date,
): Due {
  if (due.dueAt) return due;
  const first = firstOccurrence(recurrence, now, requireTimezone(timezone), due.dueAllDay);
  if (!first) {
    throw new AppError(
      422,
      "INVALID_RECURRENCE",
      "Invalid recurrence rule: it has no occurrence left; give a due date or a later UNTIL.",
      { errors: [{ path: "recurrence", message: "has no occurrence left" }] },
    );
  }
  return { dueAt: first, dueAllDay: due.dueAllDay };
}

/**
 * Completing a task: a recurring task moves to its next occurrence after its current due date and
 * stays open; one whose occurrences have ended (UNTIL, COUNT) or a plain task is marked done.
 */
export function completionChanges(
  task: Pick<TaskRow, "dueAt" | "recurrence">,
  timezone: string,
  now: Date,
): TaskChanges {
  if (task.recurrence) {
    const advance = advanceRecurrence(
      task.recurrence,
      task.dueAt ?? now,
      requireTimezone(timezone),
    );
    if (advance) {
      return {
        dueAt: advance.dueAt,
        recurrence: advance.recurrence,
        completed: false,
        completedAt: null,
      };
    }
  }
  return { completed: true, completedAt: now };
}
