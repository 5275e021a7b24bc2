import { describe, expect, it } from "vitest";
import { FakeTaskStore, type FakeTask } from "../../../test/fakes/task-tools.js";
import { OfflineChat, type Turn } from "../../../test/helpers/offline-chat.js";
import { trimToTokenBudget } from "../../modules/chat/chat.history.js";

/** Commands over a set of tasks: said first, asked, then done exactly as asked. */

const NOW = new Date("2026-03-11T10:00:00Z"); // a Wednesday

const SETUP: (Partial<FakeTask> & { title: string })[] = [
  { title: "buy milk", due_at: "2026-03-11T17:00:00.000Z", tags: ["home"] },
  { title: "review slides", due_at: "2026-03-11T00:00:00.000Z", due_all_day: true, tags: ["work"] },
  { title: "write the report", due_at: "2026-03-09T00:00:00.000Z", due_all_day: true },
  { title: "team prep", tags: ["work"], completed: true },
  { title: "renew passport", completed: true },
  { title: "call mom", due_at: "2026-03-12T17:00:00.000Z" },
];

function world(): { store: FakeTaskStore; chat: OfflineChat } {
  const store = new FakeTaskStore(NOW);
  for (const seed of SETUP) store.seed(seed);
  return { store, chat: new OfflineChat(store.tools(), { timezone: "UTC", now: NOW }) };
}

const changes = (turn: Turn | undefined) =>
  (turn?.toolCalls ?? []).filter((call) => call.toolName !== "list_tasks");

const state = (store: FakeTaskStore) =>
  store.tasks.map((task) => `${task.title}${task.completed ? " (done)" : ""}`);

describe("offline model — bulk commands", () => {
  it("'finish all tasks due today' says what would change and changes nothing; 'yes' does exactly that", async () => {
    const { store, chat } = world();
    const asked = await chat.say("finish all tasks due today");
    expect(asked.reply).toBe(
      "That would complete 2 pending tasks due today: \u201cbuy milk\u201d and \u201creview slides\u201d. Should I go ahead? Say \u201cyes\u201d to complete them, or \u201cno\u201d to leave them as they are.",
    );
    expect(changes(asked)).toHaveLength(0);
    expect(store.tasks.filter((task) => task.completed)).toHaveLength(2);
    const done = await chat.say("yes please");
    expect(done.reply).toBe(
      "Completed 2 tasks: \u201cbuy milk\u201d and \u201creview slides\u201d. Say \u201cundo\u201d to take that back.",
    );
    expect(state(store)).toEqual([
      "buy milk (done)",
      "review slides (done)",
      "write the report",
      "team prep (done)",
      "renew passport (done)",
      "call mom",
    ]);
    const undone = await chat.say("undo");
    expect(undone.reply).toContain("\u201cbuy milk\u201d and \u201creview slides\u201d are back");
    expect(store.tasks.filter((task) => task.completed)).toHaveLength(2);
  });

  it("'delete all completed tasks', 'ok' deletes them; 'undo' brings them back marked done", async () => {
    const { store, chat } = world();
    expect((await chat.say("delete all completed tasks")).reply).toContain(
      "That would delete 2 completed tasks: \u201cteam prep\u201d and \u201crenew passport\u201d.",
    );
    expect((await chat.say("ok")).reply).toBe(
      "Deleted 2 tasks: \u201cteam prep\u201d and \u201crenew passport\u201d. Say \u201cundo\u201d to take that back.",
    );
    expect(store.tasks.map((task) => task.title)).toEqual([
      "buy milk",
      "review slides",
      "write the report",
      "call mom",
    ]);
    await chat.say("undo");
    expect(state(store).slice(4)).toEqual(["team prep (done)", "renew passport (done)"]);
  });

  it("'no', 'never mind', 'cancel' or any other command drops it; a later 'yes' changes nothing", async () => {
    for (const answer of ["no", "never mind", "cancel"]) {
      const { store, chat } = world();
      await chat.say("delete everything tagged #work");
      expect((await chat.say(answer)).reply).toBe("Okay \u2014 I haven't changed anything.");
      expect(store.tasks).toHaveLength(SETUP.length);
    }
    const { store, chat } = world();
    await chat.say("clear my overdue tasks");
    await chat.say("what's due today?");
    const late = await chat.say("yes");
    expect(changes(late)).toHaveLength(0);
    expect(store.tasks).toHaveLength(SETUP.length);
  });

  it("'yes' changes the set as it was when asked: a task added since is left alone, one gone since is skipped with a note", async () => {
    const { store, chat } = world();
    expect((await chat.say("delete everything tagged #work")).reply).toContain(
      "That would delete 2 tasks tagged #work: \u201creview slides\u201d and \u201cteam prep\u201d.",
    );
    // Changed elsewhere (another device) before the answer.
    store.seed({ title: "new work thing", tags: ["work"] });
    store.tasks.splice(
      store.tasks.findIndex((task) => task.title === "team prep"),
      1,
    );
    const done = await chat.say("do it");
    expect(done.reply).toBe(
      "Deleted 1 task: \u201creview slides\u201d. \u201cteam prep\u201d is no longer there, so I skipped it. Say \u201cundo\u201d to take that back.",
    );
    expect(store.tasks.map((task) => task.title)).toContain("new work thing");
    expect(store.tasks.map((task) => task.title)).not.toContain("review slides");
  });

  it("'complete all my tasks', 'mark everything done' and 'clear completed' ask first; a set with nothing in it says so", async () => {
    const { store, chat } = world();
    expect((await chat.say("complete all my tasks")).reply).toContain(
      "That would complete 4 pending tasks:",
    );
    expect((await chat.say("mark everything done")).reply).toContain(
      "That would complete 4 pending tasks:",
    );
    expect((await chat.say("clear completed")).reply).toContain(
      "That would delete 2 completed tasks:",
    );
    expect((await chat.say("complete all tasks tagged #garden")).reply).toBe(
      "You have no pending tasks tagged #garden, so there's nothing to complete.",
    );
    expect((await chat.say("yes")).toolCalls).toHaveLength(0);
    expect(store.tasks.filter((task) => task.completed)).toHaveLength(2);
  });

  it("15 tasks are deleted and restored at once; more than 15 are refused, changing nothing", async () => {
    const store = new FakeTaskStore(NOW);
    for (let i = 1; i <= 15; i++) store.seed({ title: `old ${i}`, completed: true });
    const chat = new OfflineChat(store.tools(), { timezone: "UTC", now: NOW });
    expect((await chat.say("delete all completed tasks")).reply).toContain(
      "That would delete 15 completed tasks: \u201cold 1\u201d, \u201cold 2\u201d, \u201cold 3\u201d, \u201cold 4\u201d, \u201cold 5\u201d and 10 more.",
    );
    expect((await chat.say("yes")).reply).toMatch(/^Deleted 15 tasks: /);
    expect(store.tasks).toHaveLength(0);
    expect((await chat.say("undo")).reply).toMatch(/^Undone \u2014 /);
    expect(store.tasks.filter((task) => task.completed)).toHaveLength(15);
    store.seed({ title: "old 16", completed: true });
    expect((await chat.say("clear completed")).reply).toContain(
      "That would delete 16 completed tasks \u2014 more than I change at once (15), so I haven't changed anything.",
    );
    expect((await chat.say("yes")).toolCalls).toHaveLength(0);
    expect(store.tasks).toHaveLength(16);
  });

  it("the turn that changed 15 tasks stays within the chat history's default budget, so 'undo' sees it", async () => {
    const store = new FakeTaskStore(NOW);
    for (let i = 1; i <= 15; i++)
      store.seed({
        title: `pay the electricity bill ${i}`,
        tags: ["home"],
        due_at: "2026-03-11T17:00:00.000Z",
        description: "online",
      });
    for (let i = 1; i <= 30; i++) store.seed({ title: `older task ${i}`, completed: true });
    const chat = new OfflineChat(store.tools(), { timezone: "UTC", now: NOW });
    await chat.say("complete everything tagged #home");
    await chat.say("yes");
    const sent = trimToTokenBudget([...chat.messages, { role: "user", content: "undo" }], 6000);
    expect(sent.some((message) => message.role === "user" && message.content === "yes")).toBe(true);
  });

  it("'complete everything except call mom' leaves call mom out (it completed call mom); an unclear exception changes nothing", async () => {
    const { store, chat } = world();
    expect((await chat.say("complete everything except call mom")).reply).toContain(
      "That would complete 3 pending tasks (leaving out \u201ccall mom\u201d): \u201cbuy milk\u201d, \u201creview slides\u201d and \u201cwrite the report\u201d.",
    );
    await chat.say("yes");
    expect(state(store)).toEqual([
      "buy milk (done)",
      "review slides (done)",
      "write the report (done)",
      "team prep (done)",
      "renew passport (done)",
      "call mom",
    ]);
    const other = world();
    expect((await other.chat.say("delete all but walk the dog")).reply).toContain(
      "I couldn't tell which one of your tasks \u201cwalk the dog\u201d is, so I haven't changed anything.",
    );
    expect((await other.chat.say("yes")).toolCalls).toHaveLength(0);
    expect(other.store.tasks).toHaveLength(SETUP.length);
  });

  it("'mark everything done except call mom' leaves call mom out too (it was not understood)", async () => {
    const { store, chat } = world();
    expect((await chat.say("mark everything as done except call mom")).reply).toContain(
      "That would complete 3 pending tasks (leaving out \u201ccall mom\u201d)",
    );
    await chat.say("ok");
    expect(state(store)).toContain("call mom");
    expect(state(store).filter((line) => !line.endsWith("(done)"))).toEqual(["call mom"]);
  });

  it("'move everything due today to tomorrow' asks, then moves each keeping its time; 'undo' moves them back", async () => {
    const { store, chat } = world();
    const asked = await chat.say("move everything due today to tomorrow");
    expect(asked.reply).toBe(
      "That would move 2 pending tasks due today to tomorrow: \u201cbuy milk\u201d and \u201creview slides\u201d. Should I go ahead? Say \u201cyes\u201d to move them, or \u201cno\u201d to leave them as they are.",
    );
    expect(changes(asked)).toHaveLength(0);
    const moved = await chat.say("yes");
    expect(moved.reply).toBe(
      "Moved 2 tasks to tomorrow: \u201cbuy milk\u201d and \u201creview slides\u201d. Say \u201cundo\u201d to take that back.",
    );
    const due = (title: string) => store.tasks.find((task) => task.title === title)?.due_at;
    expect(due("buy milk")).toBe("2026-03-12T17:00:00.000Z");
    expect(due("review slides")).toBe("2026-03-12T00:00:00.000Z");
    expect(due("write the report")).toBe("2026-03-09T00:00:00.000Z");
    await chat.say("undo");
    expect(due("buy milk")).toBe("2026-03-11T17:00:00.000Z");
    expect(due("review slides")).toBe("2026-03-11T00:00:00.000Z");
  });

  it("'reschedule overdue tasks to today', 'move everything except call mom to friday'; a place that is no date changes nothing", async () => {
    const { store, chat } = world();
    const due = (title: string) => store.tasks.find((task) => task.title === title)?.due_at;
    expect((await chat.say("reschedule overdue tasks to today")).reply).toContain(
      "That would move 1 pending task overdue to today: \u201cwrite the report\u201d.",
    );
    await chat.say("ok");
    expect(due("write the report")).toBe("2026-03-11T00:00:00.000Z");
    expect((await chat.say("move everything except call mom to friday")).reply).toContain(
      "(leaving out \u201ccall mom\u201d): \u201cbuy milk\u201d, \u201creview slides\u201d and \u201cwrite the report\u201d.",
    );
    await chat.say("yes");
    expect(due("buy milk")).toBe("2026-03-13T17:00:00.000Z");
    expect(due("write the report")).toBe("2026-03-13T00:00:00.000Z");
    expect(due("call mom")).toBe("2026-03-12T17:00:00.000Z");
    const before = JSON.stringify(store.tasks);
    const refused = await chat.say("move all my tasks to the moon");
    expect(refused.reply).toContain("I couldn't read \u201cthe moon\u201d as a date.");
    expect(JSON.stringify(store.tasks)).toBe(before);
  });

  it("a set with words it can't read is not a bulk command ('delete all my homework' names a task)", async () => {
    const { store, chat } = world();
    const turn = await chat.say("delete all my homework");
    expect(turn.reply).toContain("I couldn't find a task matching");
    expect(store.tasks).toHaveLength(SETUP.length);
  });
});
