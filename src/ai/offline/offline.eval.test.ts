import { describe, expect, it } from "vitest";
import { FakeTaskStore } from "../../../test/fakes/task-tools.js";
import { OfflineChat } from "../../../test/helpers/offline-chat.js";
import { startOfZonedDay } from "./time.js";
import { checkDue, loadEvalCases } from "../../../test/helpers/eval-commands.js";

/** Replays the shared command eval (../shared/eval/commands.jsonl) through generateText. */

const cases = loadEvalCases();

/** A Wednesday morning, so "friday", "next week" and "the 1st" all land in the future. */
const NOW = new Date("2026-03-11T10:00:00Z");

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
        const original = testCase.setup.findIndex((seed) => seed.title === want.updated?.from);
        const task = store.tasks.find((t) => t.id === `t${original + 1}`);
        expect(task, reply).toBeDefined();
        if (want.updated.title !== undefined) expect(task!.title).toBe(want.updated.title);
        if (want.updated.priority !== undefined) expect(task!.priority).toBe(want.updated.priority);
        if (want.updated.due !== undefined) checkDue(task!, want.updated.due, testCase.tz, NOW);
      }
      if (want.unchanged) expect(JSON.stringify(store.tasks), reply).toBe(before);
      if (want.reply_nonempty) expect(reply.trim()).not.toBe("");
      for (const mention of want.reply_mentions ?? []) expect(reply).toContain(mention);
    });
  }
});
