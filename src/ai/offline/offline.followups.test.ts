import { describe, expect, it } from "vitest";
import { FakeTaskStore, type FakeTask } from "../../../test/fakes/task-tools.js";
import { OfflineChat } from "../../../test/helpers/offline-chat.js";

/** Lists in the order asked for, and questions about what was done. */

const NOW = new Date("2026-03-11T10:00:00Z"); // a Wednesday

const SETUP: (Partial<FakeTask> & { title: string })[] = [
  { title: "buy milk", due_at: "2026-03-11T17:00:00.000Z" },
  { title: "learn piano", priority: "low" },
  { title: "pay rent", priority: "high", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
  { title: "file taxes", priority: "high", due_at: "2026-03-10T00:00:00.000Z", due_all_day: true },
  { title: "email Sarah", priority: "medium", tags: ["work"] },
  { title: "renew passport", completed: true },
];

function world(): { store: FakeTaskStore; chat: OfflineChat } {
  const store = new FakeTaskStore(NOW);
  for (const seed of SETUP) store.seed(seed);
  return { store, chat: new OfflineChat(store.tools(), { timezone: "UTC", now: NOW }) };
}

describe("offline model — sorted lists", () => {
  it("'sort by priority' lists the pending tasks highest priority first, soonest due first within one", async () => {
    for (const message of [
      "sort by priority",
      "show my tasks by priority",
      "sort my tasks by priority please",
    ]) {
      const { chat } = world();
      const turn = await chat.say(message);
      expect(turn.reply).toBe(
        "Your pending tasks, highest priority first:\n\n" +
          "1. file taxes \u2014 overdue (yesterday), high priority\n" +
          "2. pay rent \u2014 due Fri, high priority\n" +
          "3. email Sarah \u2014 medium priority, #work\n" +
          "4. learn piano \u2014 low priority\n" +
          "5. buy milk \u2014 due today at 5:00 PM",
      );
      expect(turn.toolCalls.map((call) => call.toolName)).toEqual(["list_tasks"]);
    }
  });

  it("'sort by due date' lists soonest due first, undated last; 'complete the first one' takes the first shown", async () => {
    const { store, chat } = world();
    const turn = await chat.say("sort by due date");
    expect(turn.reply).toBe(
      "Your pending tasks, soonest due first:\n\n" +
        "1. file taxes \u2014 overdue (yesterday), high priority\n" +
        "2. buy milk \u2014 due today at 5:00 PM\n" +
        "3. pay rent \u2014 due Fri, high priority\n" +
        "4. learn piano \u2014 low priority\n" +
        "5. email Sarah \u2014 medium priority, #work",
    );
    await chat.say("complete the first one");
    expect(store.tasks.find((task) => task.title === "file taxes")?.completed).toBe(true);
  });

  it("'what's my highest priority task?' and 'what's due first?' list in that order", async () => {
    const { chat } = world();
    expect((await chat.say("what's my highest priority task?")).reply).toMatch(
      /^Your pending tasks, highest priority first:\n\n1\. file taxes/,
    );
    expect((await chat.say("what's due first?")).reply).toMatch(
      /^Your pending tasks, soonest due first:\n\n1\. file taxes/,
    );
  });

  it("'by priority' right after a list orders that list", async () => {
    const { chat } = world();
    await chat.say("show all tasks");
    const turn = await chat.say("now sort them by priority");
    expect(turn.reply).toMatch(/^Your tasks, highest priority first:/);
    expect(turn.reply).toContain("6. renew passport");
  });
});

describe("offline model — what was just changed", () => {
  it("'what did you just change?' with no change says so, and searches nothing", async () => {
    const { chat } = world();
    const turn = await chat.say("what did you just change?");
    expect(turn.reply).toBe("I haven't changed any tasks in this conversation.");
    expect(turn.toolCalls).toHaveLength(0);
  });

  it("'what changed?' says exactly what the last change was, past any list shown since", async () => {
    const { store, chat } = world();
    await chat.say("move pay rent to monday and make it low priority");
    await chat.say("complete buy milk");
    await chat.say("show my tasks");
    const before = JSON.stringify(store.tasks);
    for (const message of ["what did I just do", "What changed?", "what did you do"]) {
      const turn = await chat.say(message);
      expect(turn.reply).toBe(
        "My last change: I completed \u201cbuy milk\u201d. Say \u201cundo\u201d to take it back.",
      );
      expect(turn.toolCalls).toHaveLength(0);
    }
    expect(JSON.stringify(store.tasks)).toBe(before);
  });

  it("after a move it names the new due date; after 'undo' it says the undo was the change", async () => {
    const { chat } = world();
    await chat.say("move pay rent to monday");
    expect((await chat.say("what was the last change?")).reply).toBe(
      "My last change: I moved \u201cpay rent\u201d to Monday. Say \u201cundo\u201d to take it back.",
    );
    await chat.say("undo");
    expect((await chat.say("what did you just change")).reply).toBe(
      "My last change undid the one before it: I moved \u201cpay rent\u201d to Friday.",
    );
  });
});

describe("offline model — 'did I …?' about any task", () => {
  const documents = [
    { title: "Rust notes", snippet: "Ownership and borrowing are the core of Rust." },
    { title: "Lease", snippet: "The lease ends in August." },
  ];
  function tasksWorld(): { store: FakeTaskStore; chat: OfflineChat } {
    const store = new FakeTaskStore(NOW);
    store.seed({ title: "learn piano", priority: "low" });
    store.seed({ title: "gym", due_at: "2026-03-11T18:00:00.000Z" });
    store.seed({ title: "read Dune", completed: true });
    return {
      store,
      chat: new OfflineChat(store.tools(documents), { timezone: "UTC", now: NOW }),
    };
  }

  it.each([
    ["did i learn piano?", "No \u2014 \u201clearn piano\u201d isn't done yet. It has no due date."],
    [
      "have I learned piano yet?",
      "No \u2014 \u201clearn piano\u201d isn't done yet. It has no due date.",
    ],
    ["have I read dune yet?", "Yes \u2014 \u201cread Dune\u201d is done."],
    [
      "did I go to the gym?",
      "No \u2014 \u201cgym\u201d isn't done yet. It's due today at 6:00 PM.",
    ],
    [
      "did I watch the game last night?",
      "I don't see a task like \u201cwatch the game\u201d on your list.",
    ],
  ])("%j answers from the tasks: %j", async (message, answer) => {
    const { store, chat } = tasksWorld();
    const turn = await chat.say(message);
    expect(turn.reply).toBe(answer);
    expect(turn.toolCalls.map((call) => call.toolName)).toEqual(["list_tasks"]);
    expect(store.tasks.filter((task) => task.completed)).toHaveLength(1);
  });

  it("after 'did I learn piano?', 'mark it done' completes learn piano", async () => {
    const { store, chat } = tasksWorld();
    await chat.say("did I learn piano?");
    await chat.say("mark it done");
    expect(store.tasks.find((task) => task.title === "learn piano")?.completed).toBe(true);
  });

  it("'did I learn piano?' checks the tasks while what was written or said is still searched in the documents", async () => {
    const { chat } = tasksWorld();
    const tools = async (message: string) =>
      (await chat.say(message)).toolCalls.map((call) => call.toolName);
    expect(await tools("did i learn piano?")).toEqual(["list_tasks"]);
    for (const message of [
      "did i write anything about rust in my notes?",
      "what did I say about the lease",
      "did I mention the lease anywhere?",
      "did I read about rust?",
    ])
      expect(await tools(message)).toEqual(["search_knowledge"]);
  });
});

describe("offline model — corrections right after a change", () => {
  it("'no, thursday' / 'for tomorrow at 9' / '… saturday instead' move the task just changed", async () => {
    const { store, chat } = world();
    await chat.say("move buy milk to friday");
    expect((await chat.say("no, thursday")).reply).toBe(
      "Moved \u201cbuy milk\u201d to tomorrow at 5:00 PM.",
    );
    await chat.say("add call the bank");
    expect((await chat.say("for tomorrow at 9")).reply).toBe(
      "Moved \u201ccall the bank\u201d to tomorrow at 9:00 AM.",
    );
    await chat.say("undo");
    expect((await chat.say("move it to saturday instead")).reply).toBe(
      "Moved \u201ccall the bank\u201d to Saturday.",
    );
    expect(store.tasks.find((task) => task.title === "call the bank")?.due_at).toBe(
      "2026-03-14T00:00:00.000Z",
    );
  });

  it("'no wait, delete it' deletes what was just added; 'wait no, put it back' undoes a delete", async () => {
    const { store, chat } = world();
    await chat.say("add call the bank");
    expect((await chat.say("no wait, delete it")).reply).toContain(
      "Deleted \u201ccall the bank\u201d.",
    );
    await chat.say("delete learn piano");
    expect((await chat.say("wait no, put it back")).reply).toBe(
      "Undone \u2014 \u201clearn piano\u201d is back on your list.",
    );
    expect(store.tasks.map((task) => task.title)).toContain("learn piano");
    expect(store.tasks.map((task) => task.title)).not.toContain("call the bank");
  });

  it("'actually no' to 'Should I go ahead?' changes nothing; 'morning!' is a greeting", async () => {
    const { store, chat } = world();
    await chat.say("complete all tasks tagged work");
    expect((await chat.say("actually no")).reply).toBe("Okay \u2014 I haven't changed anything.");
    expect(store.tasks.filter((task) => task.completed)).toHaveLength(1);
    expect((await chat.say("morning!")).reply).toMatch(/^Hi!/);
  });
});

describe("offline model — 'and …' after a change", () => {
  it("'and learn piano' / 'email Sarah too' after a completion completes that too, adding nothing", async () => {
    for (const [message, title] of [
      ["and learn piano", "learn piano"],
      ["email Sarah too", "email Sarah"],
    ] as const) {
      const { store, chat } = world();
      await chat.say("complete buy milk");
      expect((await chat.say(message)).reply).toBe(`Completed \u201c${title}\u201d.`);
      expect(store.tasks.filter((task) => task.completed).map((task) => task.title)).toEqual([
        "buy milk",
        title,
        "renew passport",
      ]);
      expect(store.tasks).toHaveLength(SETUP.length);
    }
  });

  it("'and learn piano' after a move moves it to the same day", async () => {
    const { store, chat } = world();
    await chat.say("move pay rent to monday");
    expect((await chat.say("and learn piano")).reply).toBe(
      "Moved \u201clearn piano\u201d to Monday.",
    );
    expect(store.tasks.find((task) => task.title === "learn piano")?.due_at).toBe(
      "2026-03-16T00:00:00.000Z",
    );
  });
});

describe("offline model — one change to several named tasks", () => {
  it("'move buy milk and learn piano to friday' moves both and says so; 'undo' after two priorities takes both back", async () => {
    const { store, chat } = world();
    expect((await chat.say("move buy milk and learn piano to friday")).reply).toBe(
      "Moved \u201cbuy milk\u201d to Friday at 5:00 PM. Moved \u201clearn piano\u201d to Friday.",
    );
    expect((await chat.say("set email Sarah and learn piano to high priority")).reply).toBe(
      "Set \u201cemail Sarah\u201d to high priority. Set \u201clearn piano\u201d to high priority.",
    );
    expect((await chat.say("undo")).reply).toBe(
      "Undone \u2014 \u201cemail Sarah\u201d and \u201clearn piano\u201d are back to how they were.",
    );
    const piano = store.tasks.find((task) => task.title === "learn piano");
    expect(piano?.priority).toBe("low");
    expect(piano?.due_at).toBe("2026-03-13T00:00:00.000Z");
    expect(store.tasks.find((task) => task.title === "email Sarah")?.priority).toBe("medium");
  });
});

describe("offline model — 'that's wrong'", () => {
  it("says sorry, what the last change was and how to take it back; changes nothing", async () => {
    const { store, chat } = world();
    await chat.say("move learn piano to friday");
    const before = JSON.stringify(store.tasks);
    for (const message of ["that's wrong", "no, that's not what I meant", "why did you do that?"]) {
      const turn = await chat.say(message);
      expect(turn.reply).toBe(
        "Sorry about that. My last change: I moved \u201clearn piano\u201d to Friday. Say \u201cundo\u201d to take it back, or tell me what it should be.",
      );
      expect(turn.toolCalls).toHaveLength(0);
    }
    expect(JSON.stringify(store.tasks)).toBe(before);
  });
});
