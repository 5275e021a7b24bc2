import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { calendarDaysBetween, startOfZonedDay, zonedParts } from "../../ai/offline/time.js";
import type { TaskDto } from "../tasks/task.schemas.js";
import { signUp, type TestUser } from "../../../test/helpers/auth.js";
import { buildChatApp } from "../../../test/helpers/chat.js";

/**
 * Replays the shared command eval through the whole product: `POST /api/chat` (JSON mode, the
 * default offline configuration), then checks the task state through the task API.
 */

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

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const NOW = new Date();

function checkDue(task: TaskDto, due: DueExpectation | null, timezone: string): void {
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
    const start = startOfZonedDay(NOW, timezone, toMonday);
    const end = startOfZonedDay(NOW, timezone, toMonday + 7);
    expect(at >= start && at < end, `${task.title} is due next week`).toBe(true);
  }
}

let app: App;

beforeAll(async () => {
  app = await buildChatApp({}); // default configuration: LLM_PROVIDER=offline
});
afterAll(async () => {
  await app.close();
});

async function allTasks(user: TestUser): Promise<TaskDto[]> {
  const response = await app.inject({
    method: "GET",
    url: "/api/tasks?status=all&limit=200&sort=created_at&order=asc",
    headers: user.headers,
  });
  return response.json<{ tasks: TaskDto[] }>().tasks;
}

function localDate(offsetDays: number, timezone: string): string {
  const parts = zonedParts(startOfZonedDay(NOW, timezone, offsetDays), timezone);
  return `${String(parts.year)}-${String(parts.month).padStart(2, "0")}-${String(parts.day).padStart(2, "0")}`;
}

describe("chat eval — shared commands through POST /api/chat (offline model)", () => {
  it("has the shared cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const testCase of cases) {
    it(`${testCase.id}: ${testCase.say.join(" / ")}`, async () => {
      const user = await signUp(app, { timezone: testCase.tz });
      const setupIds: string[] = [];
      for (const seed of testCase.setup) {
        const created = await app.inject({
          method: "POST",
          url: "/api/tasks",
          headers: user.headers,
          payload: {
            title: seed.title,
            ...(seed.due
              ? { due_at: localDate(seed.due.in_days, testCase.tz), due_all_day: true }
              : {}),
          },
        });
        expect(created.statusCode, created.body).toBe(201);
        const task = created.json<TaskDto>();
        setupIds.push(task.id);
        if (seed.completed) {
          const done = await app.inject({
            method: "PATCH",
            url: `/api/tasks/${task.id}`,
            headers: user.headers,
            payload: { completed: true },
          });
          expect(done.statusCode).toBe(200);
        }
      }
      const before = await allTasks(user);
      let reply = "";
      let conversationId: string | undefined;
      for (const text of testCase.say) {
        const response = await app.inject({
          method: "POST",
          url: "/api/chat",
          headers: user.headers,
          payload: {
            message: text,
            ...(conversationId ? { conversation_id: conversationId } : {}),
          },
        });
        expect(response.statusCode, response.body).toBe(200);
        const body = response.json<{
          response: string;
          conversation_id: string;
          provider: string;
        }>();
        expect(body.provider).toBe("offline");
        reply = body.response;
        conversationId = body.conversation_id;
      }
      const after = await allTasks(user);
      const { expect: want } = testCase;
      const byTitle = (title: string) => after.find((task) => task.title === title);

      if (want.created) {
        const created = after.filter((task) => !setupIds.includes(task.id));
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
        const index = testCase.setup.findIndex((seed) => seed.title === want.updated?.from);
        const task = after.find((candidate) => candidate.id === setupIds[index]);
        expect(task, reply).toBeDefined();
        if (want.updated.title !== undefined) expect(task!.title).toBe(want.updated.title);
        if (want.updated.priority !== undefined) expect(task!.priority).toBe(want.updated.priority);
        if (want.updated.due !== undefined) checkDue(task!, want.updated.due, testCase.tz);
      }
      if (want.unchanged) expect(after, reply).toEqual(before);
      if (want.reply_nonempty) expect(reply.trim()).not.toBe("");
      for (const mention of want.reply_mentions ?? []) expect(reply).toContain(mention);
    });
  }
});
