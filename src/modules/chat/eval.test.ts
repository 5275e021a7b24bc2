import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { startOfZonedDay } from "../../ai/offline/time.js";
import { wallClockAt } from "../tasks/quick-add/zone.js";
import type { TaskDto } from "../tasks/task.schemas.js";
import { signUp, type TestUser } from "../../../test/helpers/auth.js";
import { buildChatApp } from "../../../test/helpers/chat.js";
import { checkDue, loadEvalCases, type EvalCase } from "../../../test/helpers/eval-commands.js";

/**
 * Replays the shared command eval through the whole product: `POST /api/chat` (JSON mode, the
 * default offline configuration), then checks the task state through the task API.
 */

const cases = loadEvalCases();

/**
 * Cases of our own in the same form, run the same way. All-day dates east and west of UTC: the
 * assistant sends (and undo sends back) a task's due date as the instant of local midnight.
 */
const ownCases: EvalCase[] = [
  {
    id: "own-tz1",
    tz: "Europe/Berlin",
    setup: [],
    say: ["add pay rent tomorrow"],
    expect: { created: { title: "pay rent", due: { in_days: 1, time: null } } },
  },
  {
    id: "own-tz2",
    tz: "Pacific/Auckland",
    setup: [{ title: "call mom" }],
    say: ["move call mom to friday"],
    expect: { updated: { from: "call mom", due: { weekday: "fri", time: null } } },
  },
  {
    id: "own-tz3",
    tz: "Asia/Kolkata",
    setup: [{ title: "pay rent", due: { in_days: 2 } }],
    say: ["move pay rent to tomorrow", "undo"],
    expect: { updated: { from: "pay rent", due: { in_days: 2, time: null } } },
  },
  {
    id: "own-tz4",
    tz: "Europe/Berlin",
    setup: [{ title: "pay rent", due: { in_days: 3 } }],
    say: ["delete pay rent", "undo"],
    expect: { created: { title: "pay rent", due: { in_days: 3, time: null } } },
  },
  {
    id: "own-tz5",
    tz: "America/Los_Angeles",
    setup: [],
    say: ["add water the plants on friday"],
    expect: { created: { title: "water the plants", due: { weekday: "fri", time: null } } },
  },
  // Bulk commands ask first; "yes" right after changes that set, "undo" takes it all back.
  {
    id: "own-bulk1",
    tz: "UTC",
    setup: [
      { title: "file taxes", due: { in_days: 0 } },
      { title: "water plants", due: { in_days: 0 } },
      { title: "book hotel", due: { in_days: 1 } },
    ],
    say: ["finish all tasks due today", "yes"],
    expect: { completed: ["file taxes", "water plants"], pending: ["book hotel"] },
  },
  {
    id: "own-bulk2",
    tz: "Europe/Berlin",
    setup: [
      { title: "old a", completed: true },
      { title: "old b", completed: true },
      { title: "keep" },
    ],
    say: ["delete all completed tasks", "yes", "undo"],
    expect: { completed: ["old a", "old b"], pending: ["keep"] },
  },
  {
    id: "own-bulk3",
    tz: "UTC",
    setup: [{ title: "old a", completed: true }, { title: "keep" }],
    say: ["delete all completed tasks", "no"],
    expect: { unchanged: true, reply_nonempty: true },
  },
  // Questions about one task change nothing; the answer to "which one?" finishes the command.
  {
    id: "own-detail1",
    tz: "UTC",
    setup: [{ title: "call mom", due: { in_days: 1 } }],
    say: ["tell me about call mom", "what tags does call mom have?"],
    expect: { unchanged: true, reply_mentions: ["\u201ccall mom\u201d has no tags."] },
  },
  {
    id: "own-clarify1",
    tz: "UTC",
    setup: [{ title: "buy milk" }, { title: "buy oat milk" }],
    say: ["delete milk", "buy oat milk"],
    expect: { deleted: ["buy oat milk"], pending: ["buy milk"] },
  },
  // 90 tasks: the lookup before the change alone is past the history's token budget, and
  // "undo" still sees the change.
  {
    id: "own-undo-long",
    tz: "UTC",
    setup: Array.from({ length: 90 }, (_, i) => ({
      title: `follow up with the supplier about order ${String(i + 1)}`,
    })),
    say: ["complete follow up with the supplier about order 7", "undo"],
    expect: {
      pending: ["follow up with the supplier about order 7"],
      reply_mentions: ["is open again"],
    },
  },
];

const NOW = new Date();

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
  const parts = wallClockAt(startOfZonedDay(NOW, timezone, offsetDays), timezone);
  return `${String(parts.year)}-${String(parts.month).padStart(2, "0")}-${String(parts.day).padStart(2, "0")}`;
}

describe("chat eval — shared commands through POST /api/chat (offline model)", () => {
  it("has the shared cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const testCase of [...cases, ...ownCases]) {
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
        if (c.due !== undefined) checkDue(task, c.due, testCase.tz, NOW);
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
        if (want.updated.due !== undefined) checkDue(task!, want.updated.due, testCase.tz, NOW);
      }
      if (want.unchanged) expect(after, reply).toEqual(before);
      if (want.reply_nonempty) expect(reply.trim()).not.toBe("");
      for (const mention of want.reply_mentions ?? []) expect(reply).toContain(mention);
    });
  }
});
