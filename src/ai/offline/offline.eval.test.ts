import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FakeTaskStore, type FakeTask } from "../../../test/fakes/task-tools.js";
import { OfflineChat } from "../../../test/helpers/offline-chat.js";
import { calendarDaysBetween, startOfZonedDay, zonedParts } from "./time.js";

/** Replays the shared command eval (../shared/eval/commands.jsonl) through generateText. */

interface DueExpectation {
  in_days?: number;
  time?: string | null;
  day_of_month?: number;
  weekday?: string;
  in_next_month?: boolean;
  next_week?: boolean;
  month?: number;
  day?: number;
}

interface EvalCase {
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

const evalPath = fileURLToPath(new URL("../../../../shared/eval/commands.jsonl", import.meta.url));
const cases = readFileSync(evalPath, "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as EvalCase);

/** A Wednesday morning, so "friday", "next week" and "the 1st" all land in the future. */
const NOW = new Date("2026-03-11T10:00:00Z");
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function checkDue(task: FakeTask, due: DueExpectation | null, timezone: string): void {
  if (due === null) {
    expect(task.due_at, `${task.title} has no due date`).toBeNull();
    return;
  }
  expect(task.due_at, `${task.title} has a due date`).not.toBeNull();
  const at = new Date(task.due_at ?? "");
  const local = zonedParts(at, timezone);
  const today = zonedParts(NOW, timezone);
  if (due.in_days !== undefined) expect(calendarDaysBetween(NOW, at, timezone)).toBe(due.in_days);
  if (due.time === null) expect(task.due_all_day).toBe(true);
  if (typeof due.time === "string") {
    expect(task.due_all_day).toBe(false);
    expect(`${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`).toBe(
      due.time,
    );
  }
  if (due.day_of_month !== undefined) expect(local.day).toBe(due.day_of_month);
  if (due.weekday !== undefined) expect(WEEKDAYS[local.weekday]).toBe(due.weekday);
  if (due.month !== undefined) expect(local.month).toBe(due.month);
  if (due.day !== undefined) expect(local.day).toBe(due.day);
  if (due.in_next_month) expect(local.month).toBe((today.month % 12) + 1);
  if (due.next_week) {
    const toMonday = (8 - today.weekday) % 7 || 7;
    const start = startOfZonedDay(NOW, timezone, toMonday);
    const end = startOfZonedDay(NOW, timezone, toMonday + 7);
    expect(at >= start && at < end, `${task.title} is due next week`).toBe(true);
  }
}

describe("offline model — shared command eval", () => {
  it("has the 30 shared cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const testCase of cases) {
    it(`${testCase.id}: ${testCase.say.join(" / ")}`, async () => {
      const store = new FakeTaskStore(NOW);
      for (const seed of testCase.setup) {
        const dueAt = seed.due
          ? startOfZonedDay(NOW, testCase.tz, seed.due.in_days).toISOString()
          : null;
        store.seed({
          title: seed.title,
          completed: seed.completed ?? false,
          due_at: dueAt,
          due_all_day: dueAt !== null,
        });
      }
      const before = JSON.stringify(store.tasks);
      const chat = new OfflineChat(store.tools(), { timezone: testCase.tz, now: NOW });
      let reply = "";
      for (const text of testCase.say) reply = (await chat.say(text)).reply;
      const { expect: want } = testCase;
      const byTitle = (title: string) => store.tasks.find((task) => task.title === title);

      if (want.created) {
        const created = store.tasks.slice(testCase.setup.length);
        expect(created, reply).toHaveLength(1);
        const task = created[0]!;
        const c = want.created;
        if (c.title !== undefined) expect(task.title).toBe(c.title);
        if (c.priority !== undefined) expect(task.priority).toBe(c.priority);
        if (c.tags !== undefined) expect(task.tags).toEqual(c.tags);
        if (c.description !== undefined) expect(task.description).toBe(c.description);
        for (const part of c.recurrence_has ?? []) expect(task.recurrence ?? "").toContain(part);
        if (c.due !== undefined) checkDue(task, c.due, testCase.tz);
      }
      if (want.listed) {
        for (const title of want.listed.includes ?? []) expect(reply).toContain(title);
        for (const title of want.listed.excludes ?? []) expect(reply).not.toContain(title);
      }
      for (const title of want.completed ?? []) expect(byTitle(title)?.completed, reply).toBe(true);
      for (const title of want.pending ?? []) expect(byTitle(title)?.completed, reply).toBe(false);
      for (const title of want.deleted ?? []) expect(byTitle(title), reply).toBeUndefined();
      if (want.updated) {
        const original = testCase.setup.findIndex((seed) => seed.title === want.updated?.from);
        const task = store.tasks.find((t) => t.id === `t${original + 1}`);
        expect(task, reply).toBeDefined();
        if (want.updated.title !== undefined) expect(task!.title).toBe(want.updated.title);
        if (want.updated.priority !== undefined) expect(task!.priority).toBe(want.updated.priority);
        if (want.updated.due !== undefined) checkDue(task!, want.updated.due, testCase.tz);
      }
      if (want.unchanged) expect(JSON.stringify(store.tasks), reply).toBe(before);
      if (want.reply_nonempty) expect(reply.trim()).not.toBe("");
      for (const mention of want.reply_mentions ?? []) expect(reply).toContain(mention);
    });
  }
});
