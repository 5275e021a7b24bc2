import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { calendarDaysBetween, startOfZonedDay } from "../../src/ai/offline/time.js";
import { wallClockAt } from "../../src/modules/tasks/quick-add/zone.js";

/** What a case says about a due date; every given field must hold in the case's timezone. */
export interface DueExpectation {
  in_days?: number;
  time?: string | null;
  day_of_month?: number;
  weekday?: string;
  in_next_month?: boolean;
  next_week?: boolean;
  month?: number;
  day?: number;
}

/** One line of the shared command eval (../shared/eval/commands.jsonl). */
export interface EvalCase {
  id: string;
  tz: string;
  setup: { title: string; due?: { in_days: number }; completed?: boolean }[];
  say: string[];
  expect: {
    created?: {
      title?: string;
      due?: DueExpectation | null;
      priority?: string;
      tags?: string[];
      recurrence_has?: string[];
      description?: string;
    };
    listed?: { includes?: string[]; excludes?: string[] };
    completed?: string[];
    pending?: string[];
    deleted?: string[];
    updated?: { from: string; title?: string; due?: DueExpectation; priority?: string };
    unchanged?: boolean;
    reply_nonempty?: boolean;
    reply_mentions?: string[];
  };
}

/** The fields of a task (DTO or fake) that a due expectation looks at. */
export interface DueTask {
  title: string;
  due_at: string | null;
  due_all_day: boolean;
}

// The eval lives in the shared folder beside the repository (or worktree) root.
const evalPath = fileURLToPath(new URL("../../../shared/eval/commands.jsonl", import.meta.url));

/** Reads the shared command eval cases. */
export function loadEvalCases(): EvalCase[] {
  return readFileSync(evalPath, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalCase);
}

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** Asserts that `task`'s due date matches `due`, read in `timezone` relative to `now`. */
export function checkDue(
  task: DueTask,
  due: DueExpectation | null,
  timezone: string,
  now: Date,
): void {
  if (due === null) {
    expect(task.due_at, `${task.title} has no due date`).toBeNull();
    return;
  }
  expect(task.due_at, `${task.title} has a due date`).not.toBeNull();
  const at = new Date(task.due_at ?? "");
  const local = wallClockAt(at, timezone);
  const today = wallClockAt(now, timezone);
  if (due.in_days !== undefined) expect(calendarDaysBetween(now, at, timezone)).toBe(due.in_days);
  if (due.time === null) expect(task.due_all_day).toBe(true);
  if (typeof due.time === "string") {
    expect(task.due_all_day).toBe(false);
    const hhmm = `${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`;
    expect(hhmm).toBe(due.time);
  }
  if (due.day_of_month !== undefined) expect(local.day).toBe(due.day_of_month);
  if (due.weekday !== undefined) expect(WEEKDAYS[local.weekday]).toBe(due.weekday);
  if (due.month !== undefined) expect(local.month).toBe(due.month);
  if (due.day !== undefined) expect(local.day).toBe(due.day);
  if (due.in_next_month) expect(local.month).toBe((today.month % 12) + 1);
  if (due.next_week) {
    const toMonday = (8 - today.weekday) % 7 || 7;
    const start = startOfZonedDay(now, timezone, toMonday);
    const end = startOfZonedDay(now, timezone, toMonday + 7);
    expect(at >= start && at < end, `${task.title} is due next week`).toBe(true);
  }
}
