import { describe, expect, it } from "vitest";
import { FakeTaskStore, type FakeTask } from "../../../test/fakes/task-tools.js";
import { OfflineChat, type Turn } from "../../../test/helpers/offline-chat.js";

/** Questions about one task: answered from the task found, and nothing changes. */

const NOW = new Date("2026-03-11T10:00:00Z"); // a Wednesday

const SETUP: (Partial<FakeTask> & { title: string })[] = [
  { title: "buy milk", due_at: "2026-03-11T17:00:00.000Z", tags: ["home"] },
  { title: "buy oat milk" },
  { title: "call mom", due_at: "2026-03-12T17:00:00.000Z", priority: "high", tags: ["family"] },
  { title: "pay rent", due_at: "2026-04-01T00:00:00.000Z", due_all_day: true, priority: "high" },
  { title: "write the report", due_at: "2026-03-09T00:00:00.000Z", due_all_day: true },
  { title: "gym", recurrence: "FREQ=WEEKLY;BYDAY=MO", description: "bring a towel" },
];

async function talk(say: string[]): Promise<{ turns: Turn[]; store: FakeTaskStore }> {
  const store = new FakeTaskStore(NOW);
  for (const seed of SETUP) store.seed(seed);
  const before = JSON.stringify(store.tasks);
  const chat = new OfflineChat(store.tools(), { timezone: "UTC", now: NOW });
  const turns: Turn[] = [];
  for (const text of say) turns.push(await chat.say(text));
  if (say.length === 1 && !/^set\b/.test(say[0] ?? ""))
    expect(JSON.stringify(store.tasks), "nothing changes").toBe(before);
  return { turns, store };
}

async function answer(text: string): Promise<string> {
  const { turns } = await talk([text]);
  return turns[0]?.reply ?? "";
}

describe("offline model — questions about one task", () => {
  it("'tell me about X', 'details of X', 'describe X' give every detail in one sentence", async () => {
    const full = "\u201ccall mom\u201d is due tomorrow at 5:00 PM, high priority, tagged #family.";
    expect(await answer("tell me about call mom")).toBe(full);
    expect(await answer("details of call mom")).toBe(full);
    expect(await answer("show me the details for the call mom task")).toBe(full);
    expect(await answer("describe the report")).toBe(
      "\u201cwrite the report\u201d is overdue (due Mar 9), no priority, no tags.",
    );
    expect(await answer("what do you know about gym?")).toBe(
      "\u201cgym\u201d has no due date, repeats every Monday, no priority, no tags. Notes: bring a towel",
    );
  });

  it("asks about its priority, tags, lateness and repeats, yes or no when a value is named", async () => {
    expect(await answer("what's the priority of pay rent?")).toBe(
      "\u201cpay rent\u201d is high priority.",
    );
    expect(await answer("what's call mom's priority")).toBe(
      "\u201ccall mom\u201d is high priority.",
    );
    expect(await answer("is buy oat milk urgent?")).toBe(
      "No \u2014 \u201cbuy oat milk\u201d has no priority.",
    );
    expect(await answer("what tags does pay rent have?")).toBe("\u201cpay rent\u201d has no tags.");
    expect(await answer("is buy milk tagged home?")).toBe(
      "Yes \u2014 \u201cbuy milk\u201d is tagged #home.",
    );
    expect(await answer("is the report overdue?")).toBe(
      "Yes \u2014 \u201cwrite the report\u201d was due Mar 9.",
    );
    expect(await answer("is call mom overdue?")).toBe(
      "No \u2014 \u201ccall mom\u201d is due tomorrow at 5:00 PM.",
    );
    expect(await answer("does gym repeat?")).toBe(
      "Yes \u2014 \u201cgym\u201d repeats every Monday.",
    );
    expect(await answer("what's the due date of pay rent")).toBe(
      "\u201cpay rent\u201d is due Apr 1.",
    );
  });

  it("an unclear title asks which one; a title nothing matches says so", async () => {
    expect(await answer("tell me about milk")).toBe(
      "More than one task matches \u201cmilk\u201d: \u201cbuy milk\u201d and \u201cbuy oat milk\u201d. Which one do you mean?",
    );
    expect(await answer("what tags does walk the dog have?")).toBe(
      "I couldn't find a task matching \u201cwalk the dog\u201d. Say \u201cshow my tasks\u201d to see your list.",
    );
  });

  it("the answer to 'which one do you mean?' ('buy oat milk', 'the first one') finishes what was asked", async () => {
    const asked = await talk(["when is milk due?", "buy oat milk"]);
    expect(asked.turns[1]?.reply).toBe("\u201cbuy oat milk\u201d has no due date.");
    expect(asked.store.tasks).toHaveLength(SETUP.length);
    const { turns, store } = await talk(["delete milk", "the first one"]);
    expect(turns[0]?.reply).toContain("Which one do you mean?");
    expect(turns[1]?.reply).toBe(
      "Deleted \u201cbuy milk\u201d. Say \u201cundo\u201d if that was a mistake.",
    );
    expect(store.tasks.map((task) => task.title)).toEqual([
      "buy oat milk",
      "call mom",
      "pay rent",
      "write the report",
      "gym",
    ]);
  });

  it("'show me details for task 2' before any list answers about the second task 'show my tasks' lists, and says so", async () => {
    expect(await answer("show me details for task 2")).toBe(
      "Task 2 on your list: \u201cbuy oat milk\u201d has no due date, no priority, no tags.",
    );
    expect(await answer("details for task 12")).toBe(
      "You have 6 pending tasks, so there isn't a task 12.",
    );
  });

  it("a position in the last list works, and the task asked about becomes 'it'", async () => {
    const { turns, store } = await talk([
      "show my tasks",
      "show me details for task 2",
      "what's the priority of pay rent?",
      "make it low",
    ]);
    expect(turns[1]?.reply).toBe("\u201cbuy oat milk\u201d has no due date, no priority, no tags.");
    expect(turns[3]?.reply).toBe("Set \u201cpay rent\u201d to low priority.");
    expect(store.tasks.find((task) => task.title === "pay rent")?.priority).toBe("low");
  });

  it("'is anything due friday?' and 'is anything urgent?' list those tasks", async () => {
    expect(await answer("is anything due friday?")).toBe("You have no pending tasks due Friday.");
    expect(await answer("is anything due today?")).toBe(
      "Due today:\n\n1. buy milk \u2014 due today at 5:00 PM, #home",
    );
    expect(await answer("is anything urgent?")).toContain("1. call mom");
  });

  it("'did I call mom?', 'have I paid rent yet?' ask whether that task is done; 'priority of X?', 'tags for X?', 'status of X' answer too", async () => {
    expect(await answer("did I call mom?")).toBe(
      "No \u2014 \u201ccall mom\u201d isn't done yet. It's due tomorrow at 5:00 PM.",
    );
    expect(await answer("have I paid rent yet?")).toBe(
      "No \u2014 \u201cpay rent\u201d isn't done yet. It's due Apr 1.",
    );
    expect(await answer("priority of pay rent?")).toBe("\u201cpay rent\u201d is high priority.");
    expect(await answer("tags for buy milk?")).toBe("\u201cbuy milk\u201d is tagged #home.");
    expect(await answer("pay rent due date?")).toBe("\u201cpay rent\u201d is due Apr 1.");
    expect(await answer("what's the status of call mom")).toBe(
      "\u201ccall mom\u201d is due tomorrow at 5:00 PM, high priority, tagged #family.",
    );
    expect(await answer("did I leave the oven on?")).toContain("I can't answer that");
  });

  it("'set the due date for call mom to monday' moves call mom (it asked which task)", async () => {
    const { turns, store } = await talk(["set the due date for call mom to monday"]);
    expect(turns[0]?.reply).toBe("Moved \u201ccall mom\u201d to Monday at 5:00 PM.");
    expect(store.tasks.find((task) => task.title === "call mom")?.due_at).toBe(
      "2026-03-16T17:00:00.000Z",
    );
  });

  it("'is everything done?' and 'did I finish all my tasks?' say how many are still open", async () => {
    expect(await answer("is everything done?")).toBe("You have 6 pending tasks.");
    expect(await answer("did I finish all my tasks?")).toBe("You have 6 pending tasks.");
  });

  it("'tell me about my tasks' and 'is there anything overdue?' still list", async () => {
    expect(await answer("tell me about my tasks")).toContain("Your pending tasks:");
    expect(await answer("is there anything overdue?")).toContain("Overdue:");
  });
});
