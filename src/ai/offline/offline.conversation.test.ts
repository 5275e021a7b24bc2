import { describe, expect, it } from "vitest";
import { FakeTaskStore, type FakeTask } from "../../../test/fakes/task-tools.js";
import { OfflineChat, type Turn } from "../../../test/helpers/offline-chat.js";

/** Conversations a person would type, beyond the shared eval: paraphrases, slips, "it", undo. */

const NOW = new Date("2026-03-11T10:00:00Z"); // a Wednesday

type Seed = Partial<FakeTask> & { title: string };

interface Case {
  name: string;
  setup?: Seed[];
  say: string[];
  check: (world: {
    store: FakeTaskStore;
    turns: Turn[];
    reply: string;
    get: (title: string) => FakeTask | undefined;
  }) => void;
  timezone?: string;
  documents?: { title: string; snippet: string }[];
}

const mutatingCalls = (turns: Turn[]) =>
  turns
    .flatMap((turn) => turn.toolCalls)
    .filter((call) => call.toolName !== "list_tasks" && call.toolName !== "search_knowledge");

const cases: Case[] = [
  {
    name: "add with 'I need to'",
    say: ["I need to call the bank tomorrow"],
    check: ({ get }) => expect(get("call the bank")?.due_at).toBe("2026-03-12T00:00:00.000Z"),
  },
  {
    name: "add with 'don't forget to'",
    say: ["don't forget to water the plants"],
    check: ({ get }) => expect(get("water the plants")).toBeDefined(),
  },
  {
    name: "add with politeness",
    say: ["could you please add book flights #travel"],
    check: ({ get, reply }) => {
      expect(get("book flights")?.tags).toEqual(["travel"]);
      expect(reply).toContain("Added \u201cbook flights\u201d");
    },
  },
  {
    name: "add confirms the due time",
    say: ["add call mom tomorrow at 5pm"],
    check: ({ reply }) =>
      expect(reply).toBe("Added \u201ccall mom\u201d \u2014 due tomorrow at 5:00 PM."),
  },
  {
    name: "add escapes markdown in titles",
    say: ["add fix *bold* [link](x) bug"],
    check: ({ reply, store }) => {
      expect(store.tasks[0]?.title).toBe("fix *bold* [link](x) bug");
      expect(reply).toContain("fix \\*bold\\* \\[link\\](x) bug");
    },
  },
  {
    name: "add without a title asks",
    say: ["add"],
    check: ({ store, reply }) => {
      expect(store.tasks).toHaveLength(0);
      expect(reply).not.toBe("");
    },
  },
  {
    name: "list numbers tasks with dues",
    setup: [
      { title: "alpha", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
      { title: "beta" },
    ],
    say: ["show my tasks"],
    check: ({ reply }) => {
      expect(reply).toContain("1. alpha \u2014 due Fri");
      expect(reply).toContain("2. beta");
    },
  },
  {
    name: "empty list says so",
    say: ["what's on my list?"],
    check: ({ reply }) => expect(reply).toBe("You have no pending tasks."),
  },
  {
    name: "list by tag",
    setup: [
      { title: "mop floor", tags: ["home"] },
      { title: "send invoice", tags: ["work"] },
    ],
    say: ["#home tasks"],
    check: ({ reply }) => {
      expect(reply).toContain("mop floor");
      expect(reply).not.toContain("send invoice");
    },
  },
  {
    name: "list tagged",
    setup: [
      { title: "mop floor", tags: ["home"] },
      { title: "send invoice", tags: ["work"] },
    ],
    say: ["show tasks tagged work"],
    check: ({ reply }) => {
      expect(reply).toContain("send invoice");
      expect(reply).not.toContain("mop floor");
    },
  },
  {
    name: "list by priority",
    setup: [{ title: "pay fine", priority: "high" }, { title: "read book" }],
    say: ["high priority tasks"],
    check: ({ reply }) => {
      expect(reply).toContain("pay fine");
      expect(reply).not.toContain("read book");
    },
  },
  {
    name: "count",
    setup: [{ title: "a1" }, { title: "b2" }, { title: "c3", completed: true }],
    say: ["how many tasks do I have?"],
    check: ({ reply }) => expect(reply).toBe("You have 2 pending tasks."),
  },
  {
    name: "this week",
    setup: [
      { title: "soon thing", due_at: "2026-03-14T00:00:00.000Z", due_all_day: true },
      { title: "later thing", due_at: "2026-03-20T00:00:00.000Z", due_all_day: true },
    ],
    say: ["what do I have this week"],
    check: ({ reply }) => {
      expect(reply).toContain("soon thing");
      expect(reply).not.toContain("later thing");
    },
  },
  {
    name: "overdue excludes today's all-day task",
    setup: [
      { title: "today thing", due_at: "2026-03-11T00:00:00.000Z", due_all_day: true },
      { title: "old thing", due_at: "2026-03-10T00:00:00.000Z", due_all_day: true },
    ],
    say: ["anything overdue?"],
    check: ({ reply }) => {
      expect(reply).toContain("old thing");
      expect(reply).not.toContain("today thing");
    },
  },
  {
    name: "complete with 'done with'",
    setup: [{ title: "laundry" }],
    say: ["done with the laundry"],
    check: ({ get }) => expect(get("laundry")?.completed).toBe(true),
  },
  {
    name: "complete with 'check off'",
    setup: [{ title: "groceries" }],
    say: ["check off groceries"],
    check: ({ get }) => expect(get("groceries")?.completed).toBe(true),
  },
  {
    name: "complete with a typo in the verb and title",
    setup: [{ title: "book dentist appointment" }],
    say: ["compelte dentsit"],
    check: ({ get }) => expect(get("book dentist appointment")?.completed).toBe(true),
  },
  {
    name: "complete the last one",
    setup: [{ title: "one" }, { title: "two" }, { title: "three" }],
    say: ["list my tasks", "mark the last one as done"],
    check: ({ get }) => {
      expect(get("three")?.completed).toBe(true);
      expect(get("two")?.completed).toBe(false);
    },
  },
  {
    name: "task 2 after a list",
    setup: [{ title: "one" }, { title: "two" }],
    say: ["show my tasks", "delete task 2"],
    check: ({ get }) => {
      expect(get("two")).toBeUndefined();
      expect(get("one")).toBeDefined();
    },
  },
  {
    name: "position without a list asks for one",
    setup: [{ title: "one" }],
    say: ["complete the second one"],
    check: ({ store, turns }) => {
      expect(mutatingCalls(turns)).toHaveLength(0);
      expect(store.tasks[0]?.completed).toBe(false);
    },
  },
  {
    name: "position beyond the list",
    setup: [{ title: "one" }],
    say: ["show my tasks", "complete #5"],
    check: ({ reply, get }) => {
      expect(reply).toContain("1 task");
      expect(get("one")?.completed).toBe(false);
    },
  },
  {
    name: "'it' after add",
    say: ["add renew passport", "make it urgent"],
    check: ({ get }) => expect(get("renew passport")?.priority).toBe("high"),
  },
  {
    name: "'it' chain",
    setup: [{ title: "call mom" }],
    say: ["move call mom to friday", "tag it with #family", "mark it as done"],
    check: ({ get }) => {
      const t = get("call mom");
      expect(t?.tags).toEqual(["family"]);
      expect(t?.completed).toBe(true);
    },
  },
  {
    name: "a move to today's weekday name goes a week ahead, not back to today",
    setup: [
      { title: "call the plumber", due_at: "2026-03-12T09:00:00.000Z", due_all_day: false },
      { title: "expense report", due_at: "2026-03-09T00:00:00.000Z", due_all_day: true },
      { title: "book club", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
    ],
    say: [
      "push the plumber to wednesday",
      "move expense report to wednesday",
      "move book club to this wednesday",
    ],
    check: ({ get, turns }) => {
      expect(get("call the plumber")?.due_at).toBe("2026-03-18T09:00:00.000Z");
      expect(turns[0]?.reply).toBe("Moved \u201ccall the plumber\u201d to Mar 18 at 9:00 AM.");
      // Overdue: today is ahead of it. "this wednesday" says today.
      expect(get("expense report")?.due_at).toBe("2026-03-11T00:00:00.000Z");
      expect(get("book club")?.due_at).toBe("2026-03-11T00:00:00.000Z");
    },
  },
  {
    name: "'add X and add Y' adds both, each with its own date; undo removes both",
    say: ["add buy eggs and add call mom friday at 5pm p1", "undo"],
    check: ({ store, turns, reply }) => {
      expect(turns[0]?.reply).toBe(
        "Added \u201cbuy eggs\u201d and \u201ccall mom\u201d (due Friday at 5:00 PM, high priority).",
      );
      expect(mutatingCalls(turns.slice(0, 1))).toMatchObject([
        { toolName: "add_task", input: { title: "buy eggs" } },
        { toolName: "add_task", input: { title: "call mom", priority: "high" } },
      ]);
      expect(reply).toBe(
        "Undone \u2014 I removed \u201cbuy eggs\u201d and \u201ccall mom\u201d, which I had just added.",
      );
      expect(store.tasks).toHaveLength(0);
    },
  },
  {
    name: "several adds in one message: commas, 'then', 'remind me to'; the verb inside a title stays",
    say: [
      "add water plants, add pay rent on the 1st; remind me to call the bank tomorrow",
      "add math homework: add fractions",
      'add "salt and add pepper"',
    ],
    check: ({ store }) => {
      expect(store.tasks.map((task) => task.title)).toEqual([
        "water plants",
        "pay rent",
        "call the bank",
        "math homework: add fractions",
        "salt and add pepper",
      ]);
      expect(store.tasks[2]?.due_at).toBe("2026-03-12T00:00:00.000Z");
    },
  },
  {
    name: "'it' with nothing touched asks",
    setup: [{ title: "a task" }, { title: "b task" }],
    say: ["delete it"],
    check: ({ store, reply }) => {
      expect(store.tasks).toHaveLength(2);
      expect(reply).toContain("Which task");
    },
  },
  {
    name: "undo a delete",
    setup: [{ title: "buy milk", tags: ["home"] }],
    say: ["delete buy milk", "undo"],
    check: ({ get }) => expect(get("buy milk")?.tags).toEqual(["home"]),
  },
  {
    name: "undo a completion",
    setup: [{ title: "buy milk" }],
    say: ["buy milk is done", "undo"],
    check: ({ get }) => expect(get("buy milk")?.completed).toBe(false),
  },
  {
    name: "undo a rename",
    setup: [{ title: "buy milk" }],
    say: ["rename buy milk to buy oat milk", "undo that"],
    check: ({ get }) => expect(get("buy milk")).toBeDefined(),
  },
  {
    name: "undo an add",
    say: ["add test task", "oops, undo"],
    check: ({ store }) => expect(store.tasks).toHaveLength(0),
  },
  {
    name: "'cancel' after 'which one?' is a never-mind: an earlier add stays",
    setup: [{ title: "buy milk" }, { title: "buy oat milk" }],
    say: ["add dinner with sam friday", "delete milk", "cancel"],
    check: ({ store, reply, turns }) => {
      expect(store.tasks.map((task) => task.title).sort()).toEqual([
        "buy milk",
        "buy oat milk",
        "dinner with sam",
      ]);
      expect(mutatingCalls(turns.slice(1))).toEqual([]);
      expect(reply).toBe("Okay \u2014 I haven't changed anything.");
    },
  },
  {
    name: "'scratch that' after a question changes nothing; after an add it takes the add back",
    setup: [{ title: "buy milk" }],
    say: ["add call the bank", "is buy milk done?", "scratch that", "add pay rent", "scratch that"],
    check: ({ store }) =>
      expect(store.tasks.map((task) => task.title).sort()).toEqual(["buy milk", "call the bank"]),
  },
  {
    name: "an explicit 'undo' after a question still takes back the last change",
    setup: [{ title: "buy milk" }, { title: "buy oat milk" }],
    say: ["add call the bank", "delete milk", "undo"],
    check: ({ store }) => expect(store.tasks).toHaveLength(2),
  },
  {
    name: "undo with nothing to undo",
    setup: [{ title: "keep me" }],
    say: ["undo"],
    check: ({ store, reply }) => {
      expect(store.tasks).toHaveLength(1);
      expect(reply).toContain("nothing to undo");
    },
  },
  {
    name: "ambiguity then pick by exact name",
    setup: [{ title: "buy milk" }, { title: "buy almond milk" }],
    say: ["complete milk", "complete buy almond milk"],
    check: ({ get, turns }) => {
      expect(turns[0]?.reply).toContain("buy almond milk");
      expect(get("buy almond milk")?.completed).toBe(true);
      expect(get("buy milk")?.completed).toBe(false);
    },
  },
  {
    name: "already done",
    setup: [{ title: "buy milk", completed: true }],
    say: ["mark buy milk as done"],
    check: ({ reply, turns }) => {
      expect(reply).toContain("already done");
      expect(mutatingCalls(turns)).toHaveLength(0);
    },
  },
  {
    name: "no match changes nothing",
    setup: [{ title: "buy milk" }],
    say: ["delete walk the dog"],
    check: ({ store, reply }) => {
      expect(store.tasks).toHaveLength(1);
      expect(reply).toContain("couldn't find");
    },
  },
  {
    name: "change X to a date reschedules",
    setup: [{ title: "call mom" }],
    say: ["change call mom to tomorrow"],
    check: ({ get }) => expect(get("call mom")?.due_at).toBe("2026-03-12T00:00:00.000Z"),
  },
  {
    name: "change X to a new title renames",
    setup: [{ title: "call mom" }],
    say: ["change call mom to call dad"],
    check: ({ get }) => expect(get("call dad")).toBeDefined(),
  },
  {
    name: "X is due tomorrow",
    setup: [{ title: "report" }],
    say: ["report is due tomorrow 9am"],
    check: ({ get }) => expect(get("report")?.due_at).toBe("2026-03-12T09:00:00.000Z"),
  },
  {
    name: "remove due date",
    setup: [{ title: "report", due_at: "2026-03-12T09:00:00.000Z" }],
    say: ["remove the due date from report"],
    check: ({ get }) => expect(get("report")?.due_at).toBeNull(),
  },
  {
    name: "unreadable date changes nothing",
    setup: [{ title: "report" }],
    say: ["move report to the blue moon"],
    check: ({ get, reply }) => {
      expect(get("report")?.due_at).toBeNull();
      expect(reply).toContain("couldn't read");
    },
  },
  {
    name: "low priority phrasing",
    setup: [{ title: "tidy desk" }],
    say: ["tidy desk is low priority"],
    check: ({ get }) => expect(get("tidy desk")?.priority).toBe("low"),
  },
  {
    name: "untag",
    setup: [{ title: "mop floor", tags: ["home", "weekly"] }],
    say: ["remove #home from mop floor"],
    check: ({ get }) => expect(get("mop floor")?.tags).toEqual(["weekly"]),
  },
  {
    name: "reopen a completed one among same titles",
    setup: [{ title: "buy milk" }, { title: "buy milk", completed: true }],
    say: ["reopen buy milk"],
    check: ({ store }) => expect(store.tasks.every((t) => !t.completed)).toBe(true),
  },
  {
    name: "thanks is small talk",
    setup: [{ title: "x1" }],
    say: ["thanks!"],
    check: ({ turns, reply }) => {
      expect(mutatingCalls(turns)).toHaveLength(0);
      expect(reply).toContain("welcome");
    },
  },
  {
    name: "question without documents",
    say: ["what is the capital of France?"],
    check: ({ reply, turns }) => {
      expect(turns[0]?.toolCalls).toHaveLength(0);
      expect(reply).toContain("can't answer");
    },
  },
  {
    name: "question with documents cites",
    documents: [{ title: "Handbook", snippet: "Employees get 25 vacation days per year." }],
    say: ["how many vacation days do I get?"],
    check: ({ reply }) => {
      expect(reply).toContain("25 vacation days");
      expect(reply).toContain("[1]");
    },
  },
  {
    name: "a question is answered with the sentences that answer it, without the document frame",
    documents: [
      {
        title: "Apartment lease",
        snippet:
          "The lease for the flat at 12 Elm St. runs from March 1, 2026 to February 28, 2027. Monthly rent is 1,450 euros, due on the first of each month. The security deposit is two months of rent. Pets are allowed with written permission from the landlord, Mrs. Okafor. Notice must be given three months in advance.",
      },
      {
        title: "Car notes",
        snippet: "The insurance policy with the landlord's agent renews in May.",
      },
    ],
    say: ["how much is the monthly rent?", "who is my landlord?"],
    check: ({ turns, reply }) => {
      expect(turns[0]?.reply).toBe(
        "Here's what your documents say:\n\n> \u2026 Monthly rent is 1,450 euros, due on the first of each month. \u2026 [1]\n>\n> \u2014 *Apartment lease*",
      );
      expect(reply).toContain(
        "Pets are allowed with written permission from the landlord, Mrs. Okafor.",
      );
      expect(reply).not.toContain("DOCUMENT");
      expect(reply).not.toContain("security deposit");
    },
  },
  {
    name: "'when is the car service due?' is not about 'pay credit card bill': 'car' only starts 'card'",
    setup: [{ title: "pay credit card bill", due_at: "2026-03-15T00:00:00.000Z" }],
    documents: [
      { title: "Car notes", snippet: "The next car service is due in June 2027." },
      {
        title: "Lease",
        snippet: "Rent is due on the first. A service charge of 40 euros is added.",
      },
    ],
    say: ["when is the car service due?"],
    check: ({ reply }) => {
      expect(reply).toContain("The next car service is due in June 2027. [1]");
      expect(reply).not.toContain("credit card");
      // "due" or "service" alone is too little next to "car service due".
      expect(reply).not.toContain("Lease");
    },
  },
  {
    name: "question with nothing relevant",
    documents: [{ title: "Handbook", snippet: "Parking is free." }],
    say: ["what is the refund policy?"],
    check: ({ reply }) => expect(reply).toContain("couldn't find anything"),
  },
  {
    name: "timezone shapes 'today'",
    timezone: "America/Los_Angeles",
    setup: [{ title: "late call", due_at: "2026-03-12T05:00:00.000Z" }],
    say: ["what's due today?"],
    check: ({ reply }) => expect(reply).toContain("late call \u2014 due today at 10:00 PM"),
  },
  {
    name: "injection-looking title is just text",
    say: ["add '); DROP TABLE tasks; -- <script>alert(1)</script>"],
    check: ({ store, reply }) => {
      expect(store.tasks).toHaveLength(1);
      expect(reply).not.toContain("<script>");
    },
  },
  {
    name: "a failed lookup echoes the phrase markdown-safe",
    setup: [{ title: "buy milk" }],
    say: ["delete **evil** [x](y)"],
    check: ({ reply }) => expect(reply).toContain("\\*\\*evil\\*\\* \\[x\\](y)"),
  },
  {
    name: "done in the past tense: 'I already called mom'",
    setup: [{ title: "call mom" }, { title: "buy milk" }],
    say: ["I already called mom"],
    check: ({ get }) => {
      expect(get("call mom")?.completed).toBe(true);
      expect(get("buy milk")?.completed).toBe(false);
    },
  },
  {
    name: "done in the past tense, irregular and bare: 'just bought the milk'",
    setup: [{ title: "call mom" }, { title: "buy milk" }],
    say: ["just bought the milk"],
    check: ({ get }) => {
      expect(get("buy milk")?.completed).toBe(true);
      expect(get("call mom")?.completed).toBe(false);
    },
  },
  {
    name: "past tense of something that is not a task changes nothing",
    setup: [{ title: "buy milk" }],
    say: ["I wanted to talk about something"],
    check: ({ store, turns }) => {
      expect(mutatingCalls(turns)).toEqual([]);
      expect(store.tasks[0]?.completed).toBe(false);
    },
  },
  {
    name: "priority in words when adding: ', high priority' after a quoted title",
    say: ['can you add "review PR 42" for tomorrow, high priority'],
    check: ({ get }) =>
      expect(get("review PR 42")).toMatchObject({
        priority: "high",
        due_at: "2026-03-12T00:00:00.000Z",
      }),
  },
  {
    name: "priority in words when adding: 'with low priority', ', urgent'",
    say: ["add renew passport with low priority", "add fix the login bug, urgent"],
    check: ({ get }) => {
      expect(get("renew passport")?.priority).toBe("low");
      expect(get("fix the login bug")?.priority).toBe("high");
    },
  },
  {
    name: "priority words inside a quoted title stay in it",
    say: ['add "urgent care visit" friday'],
    check: ({ get }) => expect(get("urgent care visit")?.priority).toBe("none"),
  },
  {
    name: "'schedule' adds, and 'every other tuesday' repeats every two weeks",
    say: ["schedule team sync every other tuesday at 10"],
    check: ({ get }) => {
      const task = get("team sync");
      expect(task?.recurrence).toContain("INTERVAL=2");
      expect(task?.recurrence).toContain("BYDAY=TU");
    },
  },
  {
    name: "'put X on my list for <date>' keeps only X as the title",
    say: ['put "dentist" on my list for the 14th at 8:30am'],
    check: ({ get }) => expect(get("dentist")?.due_at).toBe("2026-03-14T08:30:00.000Z"),
  },
  {
    name: "'remind me <when> to <what>': the when may come first",
    say: ["remind me tomorrow at 9 to call the plumber", "remind me on friday to submit the form"],
    check: ({ get }) => {
      expect(get("call the plumber")?.due_at).toBe("2026-03-12T09:00:00.000Z");
      expect(get("submit the form")?.due_at).toBe("2026-03-13T00:00:00.000Z");
    },
  },
  {
    name: "'the 15th of every month' repeats monthly on the 15th",
    say: ["add pay credit card bill on the 15th of every month"],
    check: ({ get }) =>
      expect(get("pay credit card bill")).toMatchObject({
        recurrence: "FREQ=MONTHLY;BYMONTHDAY=15",
        due_at: "2026-03-15T00:00:00.000Z",
      }),
  },
  {
    name: "'add a tag home to X' tags X rather than adding a task",
    setup: [{ title: "buy milk" }],
    say: ["add a tag home to buy milk"],
    check: ({ store, get }) => {
      expect(store.tasks).toHaveLength(1);
      expect(get("buy milk")?.tags).toEqual(["home"]);
    },
  },
  {
    name: "'including completed' lists everything; 'what did I get done' lists the completed",
    setup: [{ title: "open one" }, { title: "closed one", completed: true }],
    say: ["show all my tasks including completed", "what did I get done today?"],
    check: ({ turns, reply }) => {
      expect(turns[0]?.reply).toContain("open one");
      expect(turns[0]?.reply).toContain("closed one");
      expect(reply).toContain("closed one");
      expect(reply).not.toContain("open one");
    },
  },
  {
    name: "'who are you' gets the help, not a document search",
    say: ["who are you?"],
    check: ({ turns, reply }) => {
      expect(turns[0]?.toolCalls).toEqual([]);
      expect(reply).toContain("add");
    },
  },
  {
    name: "several tasks at once by number, and undo takes them all back",
    setup: [{ title: "alpha" }, { title: "beta" }, { title: "gamma" }],
    say: ["list my tasks", "mark 1 and 3 as done", "undo"],
    check: ({ turns, get }) => {
      expect(turns[1]?.reply).toBe("Completed \u201calpha\u201d and \u201cgamma\u201d.");
      expect(turns[2]?.reply).toContain("\u201calpha\u201d and \u201cgamma\u201d are back");
      for (const title of ["alpha", "beta", "gamma"]) expect(get(title)?.completed).toBe(false);
    },
  },
  {
    name: "several tasks at once by name",
    setup: [{ title: "buy milk" }, { title: "call mom" }, { title: "write the report" }],
    say: ["delete buy milk and the report"],
    check: ({ store, reply }) => {
      expect(store.tasks.map((task) => task.title)).toEqual(["call mom"]);
      expect(reply).toContain("Say \u201cundo\u201d");
    },
  },
  {
    name: "a title with 'and' in it is one task when it is one",
    setup: [{ title: "salt and pepper" }, { title: "salt" }, { title: "pepper" }],
    say: ["complete salt and pepper"],
    check: ({ get }) => {
      expect(get("salt and pepper")?.completed).toBe(true);
      expect(get("salt")?.completed).toBe(false);
      expect(get("pepper")?.completed).toBe(false);
    },
  },
  {
    name: "an empty priority list reads as a sentence",
    setup: [{ title: "buy milk", priority: "high" }],
    say: ["show low priority tasks", "how many high priority tasks do I have?"],
    check: ({ turns, reply }) => {
      expect(turns[0]?.reply).toBe("You have no pending tasks with low priority.");
      expect(reply).toBe("You have 1 pending task with high priority.");
    },
  },
  {
    name: "several names are one task when one title holds them all",
    setup: [{ title: "Research" }, { title: "Research and development budget" }],
    say: ["complete research and development"],
    check: ({ get }) => {
      expect(get("Research and development budget")?.completed).toBe(true);
      expect(get("Research")?.completed).toBe(false);
    },
  },
  {
    name: "undo takes back the last message's change only, even after the same words twice",
    say: ["add water plants", "add water plants", "undo"],
    check: ({ store }) => expect(store.tasks.map((task) => task.title)).toEqual(["water plants"]),
  },
  {
    name: "a question in the past tense is not a completion, nor a list of done tasks",
    setup: [{ title: "update the budget doc" }],
    say: ["I updated the budget doc, what's the total?", "what did I do wrong in the deploy?"],
    check: ({ turns, get }) => {
      expect(mutatingCalls(turns)).toEqual([]);
      expect(get("update the budget doc")?.completed).toBe(false);
      expect(turns[1]?.toolCalls.map((call) => call.toolName)).not.toContain("list_tasks");
    },
  },
  {
    name: "'in the inbox' or 'the tasks page' inside a title stay in it",
    say: ["remind me to check in the inbox tomorrow", "add work on the tasks page redesign"],
    check: ({ get }) => {
      expect(get("check in the inbox")).toBeDefined();
      expect(get("work on the tasks page redesign")).toBeDefined();
    },
  },
  {
    name: "priority words inside a title or a description stay there",
    say: [
      "add triage high-priority tickets",
      "add reply to email marked urgent",
      "add call landlord // it's urgent",
    ],
    check: ({ get }) => {
      expect(get("triage high-priority tickets")?.priority).toBe("none");
      expect(get("reply to email marked urgent")?.priority).toBe("none");
      expect(get("call landlord")).toMatchObject({ priority: "none", description: "it's urgent" });
    },
  },
  {
    name: "a time alone keeps the day the task is due on",
    say: ["add call mom tomorrow 5pm", "move it to 6pm"],
    check: ({ get }) => expect(get("call mom")?.due_at).toBe("2026-03-12T18:00:00.000Z"),
  },
  {
    name: "a time alone for an overdue task means today",
    setup: [{ title: "call mom", due_at: "2026-03-09T17:00:00.000Z" }],
    say: ["move call mom to 6pm"],
    check: ({ get }) => expect(get("call mom")?.due_at).toBe("2026-03-11T18:00:00.000Z"),
  },
  {
    name: "'it's done' completes what was just added; 'gym done' and 'X - done' complete by title",
    setup: [{ title: "gym" }, { title: "buy milk" }],
    say: ["add call plumber", "it's done", "gym done", "buy milk - done"],
    check: ({ store }) => expect(store.tasks.every((task) => task.completed)).toBe(true),
  },
  {
    name: "'X not done' or 'almost done' completes nothing",
    setup: [{ title: "buy milk" }],
    say: ["buy milk not done", "buy milk almost done"],
    check: ({ get, turns }) => {
      expect(get("buy milk")?.completed).toBe(false);
      expect(mutatingCalls(turns)).toEqual([]);
    },
  },
  {
    name: "'that last one' after a list is the last one",
    setup: [{ title: "alpha" }, { title: "beta" }],
    say: ["show my tasks", "delete that last one"],
    check: ({ store }) => expect(store.tasks.map((task) => task.title)).toEqual(["alpha"]),
  },
  {
    name: "'make that tomorrow', 'set it for friday at 10am' reschedule what was just added",
    say: [
      "add call plumber",
      "actually make that tomorrow",
      "add buy paint",
      "set it for friday at 10am",
    ],
    check: ({ get }) => {
      expect(get("call plumber")).toMatchObject({
        due_at: "2026-03-12T00:00:00.000Z",
        due_all_day: true,
      });
      expect(get("buy paint")?.due_at).toBe("2026-03-13T10:00:00.000Z");
    },
  },
  {
    name: "'make the second one tomorrow' reschedules by position",
    setup: [{ title: "alpha" }, { title: "beta" }],
    say: ["show my tasks", "make the second one tomorrow"],
    check: ({ get }) => expect(get("beta")?.due_at).toBe("2026-03-12T00:00:00.000Z"),
  },
  {
    name: "'call it Y' renames; 'never mind, remove that' deletes what was just added",
    say: ["add call mom", "call it call dad", "add buy paint", "never mind, remove that"],
    check: ({ store }) => expect(store.tasks.map((task) => task.title)).toEqual(["call dad"]),
  },
  {
    name: "'can u add' and 'i'd like to add' add",
    say: ["can u add buy batteries", "i'd like to add buy bread"],
    check: ({ get }) => {
      expect(get("buy batteries")).toBeDefined();
      expect(get("buy bread")).toBeDefined();
    },
  },
  {
    name: "'postpone X by 2 days' moves it from its own due date, keeping the time",
    setup: [{ title: "call mom", due_at: "2026-03-12T17:00:00.000Z" }],
    say: ["postpone call mom by 2 days"],
    check: ({ get, reply }) => {
      expect(get("call mom")?.due_at).toBe("2026-03-14T17:00:00.000Z");
      expect(reply).toBe("Moved \u201ccall mom\u201d to Saturday at 5:00 PM.");
    },
  },
  {
    name: "'push X back a week', 'bring X forward a day', and undo",
    setup: [
      { title: "dentist", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
      { title: "report", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
    ],
    say: ["push the dentist back a week", "bring the report forward a day", "undo"],
    check: ({ get }) => {
      expect(get("dentist")).toMatchObject({
        due_at: "2026-03-20T00:00:00.000Z",
        due_all_day: true,
      });
      expect(get("report")?.due_at).toBe("2026-03-13T00:00:00.000Z");
    },
  },
  {
    name: "'delay X by 3 days' on a task without a date counts from today",
    setup: [{ title: "buy milk" }],
    say: ["delay buy milk by 3 days"],
    check: ({ get }) =>
      expect(get("buy milk")).toMatchObject({
        due_at: "2026-03-14T00:00:00.000Z",
        due_all_day: true,
      }),
  },
  {
    name: "'do I have anything on friday?' lists that day only",
    setup: [
      { title: "dentist", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
      { title: "call mom", due_at: "2026-03-12T17:00:00.000Z" },
    ],
    say: ["do I have anything on friday?"],
    check: ({ reply }) => {
      expect(reply).toContain("Due Friday:");
      expect(reply).toContain("dentist");
      expect(reply).not.toContain("call mom");
    },
  },
  {
    name: "'what do i have this weekend' lists Saturday and Sunday",
    setup: [
      { title: "hike", due_at: "2026-03-15T09:00:00.000Z" },
      { title: "dentist", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
    ],
    say: ["what do i have this weekend"],
    check: ({ reply }) => {
      expect(reply).toContain("hike");
      expect(reply).not.toContain("dentist");
    },
  },
  {
    name: "'tasks without a due date' lists only those, and numbers them for the next turn",
    setup: [
      { title: "dated", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
      { title: "someday" },
    ],
    say: ["tasks without a due date", "delete the first one"],
    check: ({ store, turns }) => {
      expect(turns[0]?.reply).not.toContain("dated");
      expect(store.tasks.map((task) => task.title)).toEqual(["dated"]);
    },
  },
  {
    name: "an overdue count agrees with the overdue list (today's all-day task is not overdue)",
    setup: [
      { title: "report", due_at: "2026-03-09T00:00:00.000Z", due_all_day: true },
      { title: "rent", due_at: "2026-03-11T00:00:00.000Z", due_all_day: true },
    ],
    say: ["how many things are overdue?", "count my overdue tasks"],
    check: ({ turns }) => {
      expect(turns[0]?.reply).toBe("You have 1 pending task overdue.");
      expect(turns[1]?.reply).toBe("You have 1 pending task overdue.");
    },
  },
  {
    name: "'when is X due?' answers from the task and changes nothing",
    setup: [
      { title: "dentist appointment", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
      { title: "report", due_at: "2026-03-09T00:00:00.000Z", due_all_day: true },
      { title: "buy milk" },
    ],
    say: ["when is the dentist appointment?", "when's the report due?", "when is buy milk due"],
    check: ({ turns }) => {
      expect(turns.map((turn) => turn.reply)).toEqual([
        "\u201cdentist appointment\u201d is due Friday.",
        "\u201creport\u201d was due Mar 9 \u2014 it's overdue.",
        "\u201cbuy milk\u201d has no due date.",
      ]);
      expect(mutatingCalls(turns)).toEqual([]);
    },
  },
  {
    name: "a 'when' question that names no task is a question, for the documents",
    setup: [{ title: "buy milk" }],
    documents: [{ title: "Office hours", snippet: "The office is closed on public holidays." }],
    say: ["when is the office closed?"],
    check: ({ reply }) => expect(reply).toContain("closed on public holidays"),
  },
  {
    name: "'is the report done?' is a question, not a completion",
    setup: [{ title: "report" }],
    say: ["is the report done?"],
    check: ({ get, turns }) => {
      expect(get("report")?.completed).toBe(false);
      expect(mutatingCalls(turns)).toEqual([]);
    },
  },
  {
    name: "'do I have a task about the dentist?' searches the tasks",
    setup: [{ title: "book dentist appointment" }, { title: "buy milk" }],
    say: ["do I have a task about the dentist?"],
    check: ({ reply }) => {
      expect(reply).toContain("book dentist appointment");
      expect(reply).not.toContain("buy milk");
    },
  },
  {
    name: "'not important' and 'no rush' mean low priority, when adding or after",
    setup: [{ title: "buy milk" }, { title: "report", priority: "high" }],
    say: [
      "add update resume, not important",
      "buy milk isn't important",
      "lower the priority of report",
    ],
    check: ({ get }) => {
      expect(get("update resume")?.priority).toBe("low");
      expect(get("buy milk")?.priority).toBe("low");
      expect(get("report")?.priority).toBe("low");
    },
  },
  {
    name: "'X has no deadline anymore' and 'X doesn't need a date' remove the due date",
    setup: [
      { title: "dentist", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
      { title: "call mom", due_at: "2026-03-12T17:00:00.000Z" },
    ],
    say: ["dentist has no deadline anymore", "call mom doesn't need a date"],
    check: ({ store }) => expect(store.tasks.every((task) => task.due_at === null)).toBe(true),
  },
  {
    name: "'change the time to 3pm' changes the task just added; with none it asks",
    say: ["change the time to 3pm", "add call mom tomorrow", "change the time to 3pm"],
    check: ({ get, turns }) => {
      expect(turns[0]?.reply).toContain("Which task do you mean?");
      expect(get("call mom")?.due_at).toBe("2026-03-12T15:00:00.000Z");
    },
  },
  {
    name: "'remove the health tag from X' and 'add the errands tag to X'",
    setup: [{ title: "gym", tags: ["health"] }, { title: "buy milk" }],
    say: ["remove the health tag from gym", "add the errands tag to buy milk"],
    check: ({ get }) => {
      expect(get("gym")?.tags).toEqual([]);
      expect(get("buy milk")?.tags).toEqual(["errands"]);
    },
  },
  {
    name: "'make X repeat every monday' sets the repeat and says so",
    setup: [{ title: "gym" }],
    say: ["make gym repeat every monday"],
    check: ({ get, reply }) => {
      expect(get("gym")?.recurrence).toBe("FREQ=WEEKLY;BYDAY=MO");
      expect(reply).toBe("Moved \u201cgym\u201d to Monday, repeating every Monday.");
    },
  },
  {
    name: "'schedule that meeting for friday' adds a task; 'make that 5pm' still moves the last one",
    say: [
      "add call mom",
      "schedule that meeting for friday",
      "make this a task for tomorrow",
      "add buy paint",
      "make that 5pm",
    ],
    check: ({ get }) => {
      expect(get("call mom")?.due_at).toBeNull();
      expect(get("that meeting")?.due_at).toBe("2026-03-13T00:00:00.000Z");
      expect(get("buy paint")?.due_at).toBe("2026-03-11T17:00:00.000Z");
    },
  },
  {
    name: "'get the report done', 'need it done', 'gym isnt done', 'gym mostly done' complete nothing",
    setup: [{ title: "gym" }, { title: "write report" }],
    say: [
      "get the report done",
      "need the report done",
      "want the report done",
      "report to be completed",
      "gym isnt done",
      "gym mostly done",
      "gym partly done",
    ],
    check: ({ turns, get }) => {
      expect(mutatingCalls(turns)).toEqual([]);
      expect(get("gym")?.completed).toBe(false);
      expect(get("write report")?.completed).toBe(false);
    },
  },
  {
    name: "'snooze X 2 hours' on an all-day task: from now if due today, else asks for a time",
    setup: [
      { title: "water plants", due_at: "2026-03-11T00:00:00.000Z", due_all_day: true },
      { title: "gym", due_at: "2026-03-12T00:00:00.000Z", due_all_day: true },
    ],
    say: ["snooze water plants 2 hours", "move gym up an hour"],
    check: ({ get, turns }) => {
      expect(get("water plants")?.due_at).toBe("2026-03-11T12:00:00.000Z");
      expect(get("water plants")?.due_all_day).toBe(false);
      expect(get("gym")?.due_at).toBe("2026-03-12T00:00:00.000Z");
      expect(turns[1]?.reply).toContain("with no time");
    },
  },
  {
    name: "'add a price tag to the gift' adds a task when no task is called that",
    setup: [{ title: "buy milk" }],
    say: [
      "add a price tag to the gift",
      "add the label to the box",
      "put a sticker tag on the parcel",
      "add a work tag to buy milk",
    ],
    check: ({ get, turns }) => {
      expect(get("a price tag to the gift")).toBeDefined();
      expect(get("the label to the box")).toBeDefined();
      expect(get("a sticker tag on the parcel")).toBeDefined();
      expect(turns[2]?.reply).toBe("Added \u201ca sticker tag on the parcel\u201d.");
      expect(get("buy milk")?.tags).toEqual(["work"]);
    },
  },
  {
    name: "'call it a day', 'call it quits', 'name it later' are not new titles",
    setup: [{ title: "gym" }],
    say: [
      "add call mom",
      "call it a day",
      "call it quits",
      "name it later",
      "list my tasks",
      "call the first one later",
    ],
    check: ({ get, turns }) => {
      expect(mutatingCalls(turns).map((call) => call.toolName)).toEqual(["add_task"]);
      expect(get("call mom")).toBeDefined();
      expect(get("gym")).toBeDefined();
    },
  },
  {
    name: "after 'add', 'done', 'not urgent' and 'no deadline' are words of the new title",
    setup: [
      { title: "gym", due_at: "2026-03-12T00:00:00.000Z", due_all_day: true },
      { title: "deploy", priority: "high" },
    ],
    say: [
      "add gym done",
      "add write blog post about getting things done",
      "add tell team the deploy is not urgent",
      "add the deploy has no deadline",
    ],
    check: ({ get, turns }) => {
      expect(mutatingCalls(turns).every((call) => call.toolName === "add_task")).toBe(true);
      expect(get("gym")?.completed).toBe(false);
      expect(get("deploy")?.priority).toBe("high");
      expect(get("gym done")).toBeDefined();
      expect(get("write blog post about getting things done")).toBeDefined();
      expect(get("tell team the deploy is not urgent")).toBeDefined();
      expect(get("the deploy has no deadline")).toBeDefined();
    },
  },
  {
    name: "'make X repeat weekly' names no day: the task keeps its date and time",
    setup: [{ title: "report", due_at: "2026-03-13T15:00:00.000Z" }, { title: "buy milk" }],
    say: ["make the report repeat weekly", "make buy milk repeat daily"],
    check: ({ get, turns }) => {
      expect(get("report")?.due_at).toBe("2026-03-13T15:00:00.000Z");
      expect(get("report")?.recurrence).toBe("FREQ=WEEKLY");
      expect(turns[0]?.reply).toBe(
        "\u201creport\u201d now repeats every week \u2014 next due Friday at 3:00 PM.",
      );
      // Without a date, a repeat starts today.
      expect(get("buy milk")?.due_at).toBe("2026-03-11T00:00:00.000Z");
    },
  },
  {
    name: "'due before friday' stops before Friday; 'due by friday' includes it",
    setup: [
      { title: "report", due_at: "2026-03-09T00:00:00.000Z", due_all_day: true },
      { title: "call mom", due_at: "2026-03-12T17:00:00.000Z" },
      { title: "dentist", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
      { title: "hike", due_at: "2026-03-15T09:00:00.000Z" },
    ],
    say: ["show tasks due before friday", "what's due by friday?"],
    check: ({ turns }) => {
      const [before, by] = turns.map((turn) => turn.reply);
      expect(before).toContain("Due before Friday:");
      expect(before).toContain("report");
      expect(before).toContain("call mom");
      expect(before).not.toContain("dentist");
      expect(by).toContain("dentist");
      expect(by).not.toContain("hike");
    },
  },
  {
    name: "a date in the year 50 stays in the year 50 (not 1950)",
    say: ["add party 0050-01-01"],
    check: ({ get }) => expect(get("party")?.due_at).toBe("0050-01-01T00:00:00.000Z"),
  },
  {
    name: "'ok', 'cool', 'got it', 'thanks ok' are acknowledged and change nothing",
    setup: [{ title: "gym" }],
    say: ["ok", "cool", "got it", "thanks ok", "sounds good, thanks"],
    check: ({ turns, store }) => {
      expect(mutatingCalls(turns)).toHaveLength(0);
      expect(store.tasks).toHaveLength(1);
      expect(turns.slice(0, 4).map((turn) => turn.reply)).toEqual(Array(4).fill("Okay."));
      expect(turns[4]?.reply).toBe("You're welcome!");
    },
  },
  {
    name: "a second 'undo' says there is nothing more to undo, and neither redoes nor goes further back",
    setup: [{ title: "gym" }, { title: "milk" }],
    say: ["complete gym", "delete milk", "undo", "undo", "show my tasks", "undo"],
    check: ({ turns, get }) => {
      expect(turns[2]?.reply).toContain("back on your list");
      for (const index of [3, 5]) {
        expect(turns[index]?.toolCalls).toEqual([]);
        expect(turns[index]?.reply).toContain("nothing more to undo");
      }
      expect(get("milk")?.completed).toBe(false);
      expect(get("gym")?.completed).toBe(true);
    },
  },
  {
    name: "slang date words: 'tonite', '2nite', 'nxt friday', 'due nxt week'",
    setup: [{ title: "dentist", due_at: "2026-03-16T00:00:00.000Z", due_all_day: true }],
    say: [
      "add laundry tonite",
      "remind me 2nite to call mom",
      "add book tickets nxt friday",
      "add read nxt chapter",
      "what's due nxt week?",
    ],
    check: ({ get, reply }) => {
      expect(get("laundry")?.due_at).toBe("2026-03-11T20:00:00.000Z");
      expect(get("call mom")?.due_at).toBe("2026-03-11T20:00:00.000Z");
      expect(get("book tickets")?.due_at).toBe("2026-03-13T00:00:00.000Z");
      expect(get("read nxt chapter")?.due_at).toBeNull();
      expect(reply).toContain("Due next week:");
      expect(reply).toContain("dentist");
    },
  },
  {
    name: "a search looks for slang words as typed, and addresses keep theirs",
    setup: [{ title: "nxt robot kit" }, { title: "tonite show tickets" }],
    say: ["search my tasks for nxt", "do I have a task about tonite show?", "add check tonite.com"],
    check: ({ turns, get }) => {
      expect(turns[0]?.reply).toContain("nxt robot kit");
      expect(turns[1]?.reply).toContain("tonite show tickets");
      expect(get("check tonite.com")?.due_at).toBeNull();
    },
  },
  {
    name: "'what's overdue and what's due today' answers with both lists, numbered on",
    setup: [
      { title: "gym", due_at: "2026-03-11T20:00:00.000Z" },
      { title: "report", due_at: "2026-03-09T00:00:00.000Z", due_all_day: true },
      { title: "call bank", due_at: "2026-03-11T08:00:00.000Z" },
      { title: "later", due_at: "2026-03-14T00:00:00.000Z", due_all_day: true },
    ],
    say: ["what's overdue and what's due today", "complete the third one"],
    check: ({ turns, get }) => {
      expect(turns[0]?.reply).toBe(
        [
          "Overdue:",
          "",
          "1. report \u2014 overdue (Mar 9)",
          "2. call bank \u2014 overdue (today at 8:00 AM)",
          "",
          "Due today:",
          "",
          "3. gym \u2014 due today at 8:00 PM",
        ].join("\n"),
      );
      expect(get("gym")?.completed).toBe(true);
    },
  },
  {
    name: "'call it a day' and 'twice a day' are not dates ('a day' was read as tomorrow)",
    setup: [{ title: "gym" }],
    say: ["add stretch twice a day", "remind me to call it a day", "let's call it a day"],
    check: ({ turns, get }) => {
      expect(get("stretch twice a day")?.due_at).toBeNull();
      expect(get("call it a day")?.due_at).toBeNull();
      expect(mutatingCalls([turns[2] as Turn])).toHaveLength(0);
      expect(turns[2]?.reply).toContain("Bye");
    },
  },
  {
    name: "'call mom 2 weeks from today' is due two weeks from today",
    say: ["add call mom 2 weeks from today", "remind me to pay rent a week from today at 9am"],
    check: ({ get }) => {
      expect(get("call mom")?.due_at).toBe("2026-03-25T00:00:00.000Z");
      expect(get("pay rent")?.due_at).toBe("2026-03-18T09:00:00.000Z");
    },
  },
  {
    name: "a pending task is found behind a long history of completed ones (it was cut off the lookup's page)",
    setup: [
      ...Array.from({ length: 250 }, (_, i) => ({
        title: `old chore ${i}`,
        completed: true,
        due_at: "2026-02-01T09:00:00.000Z",
      })),
      { title: "call mom", due_at: "2026-03-20T09:00:00.000Z" },
    ],
    say: ["complete call mom"],
    check: ({ get, reply, turns }) => {
      expect(get("call mom")?.completed).toBe(true);
      expect(reply).toBe("Completed \u201ccall mom\u201d.");
      const lookups = turns[0]?.toolCalls.filter((call) => call.toolName === "list_tasks");
      expect(lookups?.map((call) => call.input)).toEqual([{ status: "pending", limit: 200 }]);
    },
  },
  {
    name: "questions about a task past the lookup's page search for it by title",
    setup: [
      ...Array.from({ length: 210 }, (_, i) => ({ title: `old chore ${i}`, completed: true })),
      { title: "gym", completed: true },
      { title: "milk", due_at: "2026-03-20T09:00:00.000Z" },
    ],
    say: ["is gym done?", "did I delete milk?", "when is milk due?"],
    check: ({ turns }) => {
      expect(turns.map((turn) => turn.reply)).toEqual([
        "Yes \u2014 \u201cgym\u201d is done.",
        "No \u2014 \u201cmilk\u201d is still on your list.",
        "\u201cmilk\u201d is due Mar 20 at 9:00 AM.",
      ]);
      const lookups = turns[0]?.toolCalls.filter((call) => call.toolName === "list_tasks");
      expect(lookups?.map((call) => call.input)).toEqual([
        { status: "all", limit: 200 },
        { status: "all", q: "gym", limit: 200 },
      ]);
    },
  },
  {
    name: "'it' after a question about a task on a full page is that task (the search past the page found it again)",
    setup: [
      { title: "buy milk", due_at: "2026-03-12T09:00:00.000Z" },
      ...Array.from({ length: 205 }, (_, i) => ({ title: `errand ${i}` })),
    ],
    say: ["is milk done?", "complete it"],
    check: ({ get, turns }) => {
      expect(turns[1]?.reply).toBe("Completed \u201cbuy milk\u201d.");
      expect(get("buy milk")?.completed).toBe(true);
    },
  },
  {
    name: "a search past the page finds a title written without its apostrophe",
    setup: [
      ...Array.from({ length: 205 }, (_, i) => ({ title: `errand ${i}` })),
      { title: "Dad's birthday", due_at: "2026-03-20T00:00:00.000Z", due_all_day: true },
    ],
    say: ["when is dads birthday?"],
    check: ({ reply }) => expect(reply).toContain("\u201cDad's birthday\u201d is due"),
  },
  {
    name: "an exact title past the lookup's page wins over a partial match on it",
    setup: [
      ...Array.from({ length: 205 }, (_, i) => ({ title: `errand ${i}` })),
      { title: "gym bag" },
      ...Array.from({ length: 205 }, (_, i) => ({ title: `old chore ${i}`, completed: true })),
      { title: "gym" },
    ],
    say: ["delete gym"],
    check: ({ get }) => {
      expect(get("gym")).toBeUndefined();
      expect(get("gym bag")).toBeDefined();
    },
  },
  {
    name: "'what time is it in tokyo?' tells the time there; an unknown place says so",
    timezone: "Europe/Berlin",
    setup: [{ title: "dentist", due_at: "2026-03-12T09:00:00.000Z" }],
    say: [
      "what time is it in tokyo?",
      "what's the time in new york",
      "time in utc",
      "what time is it in my timezone?",
      "what time is it in atlantis?",
      "what time is it in san juan",
      "whats the time in london please",
      "what time is it here",
    ],
    check: ({ turns, store }) => {
      expect(turns.map((turn) => turn.reply)).toEqual([
        "It's 7:00 PM on Wednesday, Mar 11 in Tokyo (Asia/Tokyo).",
        "It's 6:00 AM on Wednesday, Mar 11 in New York (America/New_York).",
        "It's 10:00 AM on Wednesday, Mar 11 in UTC.",
        "It's 11:00 AM on Wednesday, Mar 11 (Europe/Berlin).",
        "I don't know the time zone of \u201catlantis\u201d \u2014 try a city such as \u201cTokyo\u201d or \u201cNew York\u201d, or a zone such as \u201cAmerica/Chicago\u201d.",
        "It's 6:00 AM on Wednesday, Mar 11 in Puerto Rico (America/Puerto_Rico).",
        "It's 10:00 AM on Wednesday, Mar 11 in London (Europe/London).",
        "It's 11:00 AM on Wednesday, Mar 11 (Europe/Berlin).",
      ]);
      expect(turns.flatMap((turn) => turn.toolCalls)).toEqual([]);
      expect(store.tasks).toHaveLength(1);
    },
  },
  {
    name: "'tokyo time?' and 'time in gmt+2' tell the time there; 'bed time' is no place",
    say: ["tokyo time?", "time in gmt+2", "what time is it in utc-5", "local time", "bed time"],
    check: ({ turns }) => {
      expect(turns.map((turn) => turn.reply).slice(0, 4)).toEqual([
        "It's 7:00 PM on Wednesday, Mar 11 in Tokyo (Asia/Tokyo).",
        "It's 12:00 PM on Wednesday, Mar 11 in UTC+2.",
        "It's 5:00 AM on Wednesday, Mar 11 in UTC-5.",
        "It's 10:00 AM on Wednesday, Mar 11 (UTC).",
      ]);
      expect(turns[4]?.reply).toContain("not sure what you mean");
    },
  },
  {
    name: "'overdue?', 'today?', 'and tomorrow?', 'what does my week look like', 'what am I doing friday' list those days",
    setup: [
      { title: "bank", due_at: "2026-03-09T00:00:00.000Z", due_all_day: true },
      { title: "milk", due_at: "2026-03-11T00:00:00.000Z", due_all_day: true },
      { title: "gym", due_at: "2026-03-12T18:00:00.000Z" },
      { title: "report", due_at: "2026-03-13T17:00:00.000Z", priority: "high" },
      { title: "done thing", completed: true },
    ],
    say: [
      "overdue?",
      "today?",
      "and tomorrow?",
      "what does my week look like",
      "what am i doing friday",
      "what's coming up",
      "what's most important",
      "how many did i complete",
      "late",
    ],
    check: ({ turns, store }) => {
      expect(turns[0]?.reply).toBe("Overdue:\n\n1. bank \u2014 overdue (Mar 9)");
      expect(turns[1]?.reply).toBe("Due today:\n\n1. milk \u2014 due today");
      expect(turns[2]?.reply).toBe("Due tomorrow:\n\n1. gym \u2014 due tomorrow at 6:00 PM");
      expect(turns[3]?.reply).toContain("Due this week:");
      expect(turns[3]?.reply).toContain("3. report");
      expect(turns[4]?.reply).toBe(
        "Due Friday:\n\n1. report \u2014 due Fri at 5:00 PM, high priority",
      );
      expect(turns[5]?.reply).toContain("1. milk");
      expect(turns[6]?.reply).toContain("1. report");
      expect(turns[6]?.reply).not.toContain("gym");
      expect(turns[7]?.reply).toBe("You have 1 completed task.");
      // Running late is not a question about tasks.
      expect(turns[8]?.reply).toContain("not sure what you mean");
      expect(mutatingCalls(turns)).toEqual([]);
      expect(store.tasks).toHaveLength(5);
    },
  },
  {
    name: "moves said as a fact or jotted down: 'gym is tomorrow at 8am', 'dentist -> friday', 'set run for 8pm'; asked, they change nothing",
    setup: [
      { title: "gym", due_at: "2026-03-12T18:00:00.000Z" },
      { title: "dentist" },
      { title: "run", due_at: "2026-03-13T07:00:00.000Z" },
      { title: "swim", due_at: "2026-03-13T07:00:00.000Z" },
      { title: "walk", due_at: "2026-03-13T07:00:00.000Z" },
    ],
    say: [
      "gym is tomorrow?",
      "today is friday",
      "gym is tomorrow at 8am",
      "the dentist is on friday",
      "set run for 8pm",
      "swim to monday",
      "walk -> saturday",
      "walk no longer has a deadline",
      "rename swim to monday laps",
    ],
    check: ({ turns, get }) => {
      expect(mutatingCalls(turns.slice(0, 2))).toEqual([]);
      expect(turns[2]?.reply).toBe("Moved \u201cgym\u201d to tomorrow at 8:00 AM.");
      expect(get("dentist")).toMatchObject({
        due_at: "2026-03-13T00:00:00.000Z",
        due_all_day: true,
      });
      expect(get("run")?.due_at).toBe("2026-03-13T20:00:00.000Z");
      expect(turns[5]?.reply).toBe("Moved \u201cswim\u201d to Monday at 7:00 AM.");
      expect(turns[6]?.reply).toBe("Moved \u201cwalk\u201d to Saturday at 7:00 AM.");
      expect(turns[7]?.reply).toBe("Removed the due date from \u201cwalk\u201d.");
      expect(get("monday laps")?.due_at).toBe("2026-03-16T07:00:00.000Z");
    },
  },
  {
    name: "remarks about a task change nothing: a number, a length or lateness is no day, a fact names its task wholly, a remark or 'call me' is no task, 'tag gym done' is no tag",
    setup: [
      { title: "gym", due_at: "2026-03-12T18:00:00.000Z" },
      { title: "dentist appointment", due_at: "2026-03-16T15:00:00.000Z" },
      { title: "write report", due_at: "2026-03-10T00:00:00.000Z", due_all_day: true },
      { title: "pay rent", due_at: "2026-04-01T00:00:00.000Z", due_all_day: true },
      { title: "call mom", due_at: "2026-03-13T00:00:00.000Z", due_all_day: true },
      { title: "buy milk" },
    ],
    say: [
      "gym is 5 minutes away",
      "gym is 1 hour long",
      "the report is 3 days late",
      "the dentist is 2 hours late",
      "pay day is friday",
      "mom is 80 next month",
      "milk is 2 days old",
      "dentist is monday, not friday",
      "mom to 2 weeks",
      "pay rent is 2 weeks late",
      "call mom is 10 minutes",
      "order arrived today",
      "call center was busy today",
      "text from mom today",
      "call me tomorrow",
      "work on monday was hard",
      "plan is to call mom tomorrow",
      "tag gym done",
      "tag gym tomorrow",
      "send the report to 2 clients tomorrow",
    ],
    check: ({ turns, store }) => {
      expect(mutatingCalls(turns)).toEqual([]);
      expect(store.tasks).toHaveLength(6);
      // A task said without being asked for is offered, never added.
      expect(turns.at(-1)?.reply).toBe(
        "Should I add \u201csend the report to 2 clients\u201d (due tomorrow) as a task? Say \u201cyes\u201d and I will.",
      );
    },
  },
  {
    name: "shorthand for tags and priority: 'tag it groceries', 'label gym fitness', 'untag report work', 'bump gym priority', 'set swim priority low', 'low priority for walk', 'mark run urgent'",
    setup: [
      { title: "gym" },
      { title: "report", tags: ["work", "q3"] },
      { title: "swim", priority: "high" },
      { title: "walk" },
      { title: "run" },
    ],
    say: [
      "add buy milk",
      "tag it groceries",
      "label gym fitness",
      "untag report work",
      "bump gym priority",
      "set swim priority low",
      "low priority for walk",
      "mark run urgent",
    ],
    check: ({ turns, get }) => {
      expect(turns[1]?.reply).toBe("Tagged \u201cbuy milk\u201d with #groceries.");
      expect(get("gym")).toMatchObject({ tags: ["fitness"], priority: "high" });
      expect(turns[3]?.reply).toBe("Removed #work from \u201creport\u201d.");
      expect(get("report")?.tags).toEqual(["q3"]);
      expect(get("swim")?.priority).toBe("low");
      expect(get("walk")?.priority).toBe("low");
      expect(get("run")?.priority).toBe("high");
    },
  },
  {
    name: "'scratch gym', 'take swim off my list', 'mark as done walk', 'edit run to say jog', 'move yoga to 5:30' (the 5:30 nearer its 6 PM)",
    setup: [
      { title: "gym" },
      { title: "swim" },
      { title: "walk" },
      { title: "run" },
      { title: "yoga", due_at: "2026-03-12T18:00:00.000Z" },
    ],
    say: [
      "scratch gym",
      "take swim off my list",
      "mark as done walk",
      "edit run to say jog",
      "move yoga to 5:30",
    ],
    check: ({ turns, store, get }) => {
      expect(turns[0]?.reply).toContain("Deleted \u201cgym\u201d.");
      expect(turns[1]?.reply).toContain("Deleted \u201cswim\u201d.");
      expect(get("walk")?.completed).toBe(true);
      expect(store.tasks.map((task) => task.title)).toEqual(["walk", "jog", "yoga"]);
      expect(turns[4]?.reply).toBe("Moved \u201cyoga\u201d to tomorrow at 5:30 PM.");
    },
  },
  {
    name: "'todays tasks', 'show all' and 'what's still open' list",
    setup: [
      { title: "milk", due_at: "2026-03-11T00:00:00.000Z", due_all_day: true },
      { title: "gym" },
      { title: "taxes", completed: true },
    ],
    say: ["todays tasks", "show all", "what's still open"],
    check: ({ turns }) => {
      expect(turns[0]?.reply).toBe("Due today:\n\n1. milk \u2014 due today");
      expect(turns[1]?.reply).toContain("3. taxes \u2014 done");
      expect(turns[2]?.reply).toBe("Your pending tasks:\n\n1. milk \u2014 due today\n2. gym");
    },
  },
  {
    name: "'delet gym' and 'complet swim' forgive the missing 'e'; 'I didn't actually finish walk' reopens it; 'no thanks' to nothing is fine",
    setup: [{ title: "gym" }, { title: "swim" }, { title: "walk", completed: true }],
    say: ["delet gym", "complet swim", "i didn't actually finish walk", "no thanks"],
    check: ({ turns, store, get }) => {
      expect(turns[0]?.reply).toContain("Deleted \u201cgym\u201d.");
      expect(get("swim")?.completed).toBe(true);
      expect(turns[2]?.reply).toBe("Reopened \u201cwalk\u201d.");
      expect(turns[3]?.reply).toBe("Okay.");
      expect(store.tasks).toHaveLength(2);
    },
  },
  {
    name: "'whats my day like', 'plans for tomorrow?' and 'how many today?' ask about those days",
    setup: [
      { title: "milk", due_at: "2026-03-11T00:00:00.000Z", due_all_day: true },
      { title: "gym", due_at: "2026-03-12T18:00:00.000Z" },
    ],
    say: ["whats my day like", "plans for tomorrow?", "how many today?"],
    check: ({ turns }) => {
      expect(turns[0]?.reply).toBe("Due today:\n\n1. milk \u2014 due today");
      expect(turns[1]?.reply).toBe("Due tomorrow:\n\n1. gym \u2014 due tomorrow at 6:00 PM");
      expect(turns[2]?.reply).toBe("You have 1 pending task due today.");
    },
  },
  {
    name: "'list work' and 'show today' list (by tag, by day); 'add eggs too' adds 'eggs'",
    setup: [
      { title: "report", tags: ["work"] },
      { title: "milk", due_at: "2026-03-11T00:00:00.000Z", due_all_day: true },
    ],
    say: ["list work", "show today", "show me", "add bread", "add eggs too"],
    check: ({ turns, get }) => {
      expect(turns[0]?.reply).toBe("Your pending tasks, tagged #work:\n\n1. report \u2014 #work");
      expect(turns[1]?.reply).toBe("Due today:\n\n1. milk \u2014 due today");
      expect(turns[2]?.reply).toContain("not sure what you mean");
      expect(get("eggs")).toBeDefined();
    },
  },
  {
    name: "'show gym' with no #gym task lists the tasks called so (it said 'no tasks tagged #gym'), and 'the second one' is from that list",
    setup: [
      { title: "gym" },
      { title: "gym bag wash" },
      { title: "report", tags: ["work"] },
      { title: "call mom", tags: ["gym"], completed: true },
    ],
    say: ["show gym", "complete the second one", "show calendar", "list work"],
    check: ({ turns, get }) => {
      expect(turns[0]?.reply).toBe("Tasks matching \u201cgym\u201d:\n\n1. gym\n2. gym bag wash");
      expect(get("gym bag wash")?.completed).toBe(true);
      expect(get("gym")?.completed).toBe(false);
      expect(turns[2]?.reply).toBe("You have no pending tasks matching \u201ccalendar\u201d.");
      expect(turns[3]?.reply).toBe("Your pending tasks, tagged #work:\n\n1. report \u2014 #work");
    },
  },
  {
    name: "'reschedule the dentist' / 'move gym' without a day ask when, change nothing, and 'it' is that task",
    setup: [
      { title: "gym", due_at: "2026-03-12T18:00:00.000Z" },
      { title: "dentist", due_at: "2026-03-16T15:00:00.000Z" },
    ],
    say: ["reschedule the dentist", "move it to friday", "move gym", "move on"],
    check: ({ turns, get }) => {
      expect(turns[0]?.reply).toBe(
        "When should \u201cdentist\u201d (due Monday at 3:00 PM) be due? Say, for example, \u201cmove dentist to friday at 3pm\u201d.",
      );
      expect(mutatingCalls([turns[0], turns[2], turns[3]] as Turn[])).toEqual([]);
      expect(get("dentist")?.due_at).toBe("2026-03-13T15:00:00.000Z");
      expect(turns[2]?.reply).toContain("When should \u201cgym\u201d");
      expect(turns[3]?.reply).toContain("not sure what you mean");
    },
  },
  {
    name: "'add a note to gym: bring towel' says notes can't be added here and adds no task",
    setup: [{ title: "gym" }],
    say: ["add a note to gym: bring towel"],
    check: ({ reply, store, turns }) => {
      expect(reply).toBe(
        "I can't add a note to a task here, so I haven't changed anything. You can edit the task in the task list.",
      );
      expect(mutatingCalls(turns)).toEqual([]);
      expect(store.tasks).toHaveLength(1);
    },
  },
  {
    name: "undoing the delete of a done task brings it back done (it came back open)",
    setup: [
      { title: "file taxes", completed: true },
      { title: "buy milk", completed: true },
      { title: "call mom" },
    ],
    say: [
      "delete file taxes",
      "undo",
      "show my completed tasks",
      "delete buy milk and call mom",
      "undo",
    ],
    check: ({ turns, get }) => {
      expect(turns[1]?.reply).toBe(
        "Undone \u2014 \u201cfile taxes\u201d is back on your list, marked done.",
      );
      expect(get("file taxes")?.completed).toBe(true);
      expect(turns[2]?.reply).toContain("file taxes");
      expect(get("buy milk")?.completed).toBe(true);
      expect(get("call mom")?.completed).toBe(false);
    },
  },
  {
    name: "undoing the delete of a done repeating task says it is back, not that it is done",
    setup: [
      {
        title: "weekly review",
        completed: true,
        recurrence: "FREQ=WEEKLY",
        due_at: "2026-03-13T09:00:00.000Z",
      },
    ],
    say: ["delete weekly review", "undo"],
    check: ({ turns, get }) => {
      expect(turns[1]?.reply).toBe("Undone \u2014 \u201cweekly review\u201d is back on your list.");
      expect(get("weekly review")).toBeDefined();
    },
  },
  {
    name: "completed tasks are looked up when no pending task matches",
    setup: [{ title: "file taxes", completed: true }, { title: "buy milk" }],
    say: ["complete file taxes", "reopen file taxes", "delete buy milk and file taxes"],
    check: ({ turns, store }) => {
      expect(turns[0]?.reply).toContain("already done");
      expect(turns[1]?.reply).toContain("Reopened \u201cfile taxes\u201d");
      expect(store.tasks).toHaveLength(0);
    },
  },
  {
    name: "'complete both' and 'delete all of them' change every task of the last list shown",
    setup: [{ title: "buy milk" }, { title: "call mom" }, { title: "gym", completed: true }],
    say: ["show my tasks", "complete both", "undo", "what's left?", "delete all of them"],
    check: ({ turns, store }) => {
      expect(turns[1]?.reply).toBe("Completed \u201cbuy milk\u201d and \u201ccall mom\u201d.");
      expect(turns[2]?.reply).toContain("back to how they were");
      expect(turns[4]?.reply).toContain("Deleted \u201cbuy milk\u201d and \u201ccall mom\u201d.");
      expect(store.tasks.map((task) => task.title)).toEqual(["gym"]);
    },
  },
  {
    name: "'delete everything' and 'mark all as done' only ask; 'move all overdue' with none overdue and 'both' without a list of two change nothing and say how",
    setup: [{ title: "buy milk" }, { title: "call mom" }, { title: "gym" }],
    say: [
      "delete everything",
      "mark all as done",
      "move all overdue to tomorrow",
      "show my tasks",
      "complete both",
    ],
    check: ({ turns, store }) => {
      expect(mutatingCalls(turns)).toHaveLength(0);
      expect(store.tasks).toHaveLength(3);
      expect(turns[0]?.reply).toContain("That would delete 3 tasks");
      expect(turns[1]?.reply).toContain("That would complete 3 pending tasks");
      // A set to move that holds nothing says so (no task is overdue).
      expect(turns[2]?.reply).toBe(
        "You have no pending tasks overdue, so there's nothing to move.",
      );
      expect(turns[4]?.reply).toContain("from the last list I showed you");
    },
  },
  {
    name: "'what time is it?' tells the local time; 'what time is the dentist?' asks about a task",
    timezone: "Europe/Paris",
    setup: [{ title: "dentist appointment", due_at: "2026-03-13T14:00:00.000Z" }],
    say: [
      "what time is it?",
      "what's the date today",
      "what time is the dentist?",
      "what time's the dentist due",
    ],
    check: ({ turns, store }) => {
      expect(turns[0]?.reply).toBe("It's 11:00 AM on Wednesday, Mar 11 (Europe/Paris).");
      expect(turns[1]?.reply).toBe(turns[0]?.reply);
      expect(turns[2]?.reply).toBe("\u201cdentist appointment\u201d is due Friday at 3:00 PM.");
      expect(turns[3]?.reply).toBe(turns[2]?.reply);
      expect(mutatingCalls(turns)).toHaveLength(0);
      expect(store.tasks).toHaveLength(1);
    },
  },
  {
    name: "'scratch that' undoes the last change",
    setup: [{ title: "gym" }],
    say: ["complete gym", "scratch that"],
    check: ({ get, reply }) => {
      expect(get("gym")?.completed).toBe(false);
      expect(reply).toContain("open again");
    },
  },
  {
    name: "'remove the tags from X' clears its tags (it deleted the task)",
    setup: [{ title: "pay bills", tags: ["home", "money"] }, { title: "gym" }],
    say: ["remove tags from pay bills", "clear the tags on gym"],
    check: ({ get, turns }) => {
      expect(get("pay bills")?.tags).toEqual([]);
      expect(turns[0]?.reply).toBe("Removed #home #money from \u201cpay bills\u201d.");
      expect(turns[1]?.reply).toBe("\u201cgym\u201d has no tags.");
    },
  },
  {
    name: "'remove the note from X' and other parts it can't change never delete the task",
    setup: [{ title: "pay bills", tags: ["home"] }],
    say: [
      "remove the note from pay bills",
      "delete the description of pay bills",
      "remove the recurrence from pay bills",
      "remove everything from pay bills",
    ],
    check: ({ get, turns }) => {
      expect(mutatingCalls(turns)).toHaveLength(0);
      expect(get("pay bills")?.tags).toEqual(["home"]);
      expect(turns[0]?.reply).toContain("I can't remove a task's note here");
      expect(turns[3]?.reply).toContain("haven't changed anything");
    },
  },
  {
    name: "'postpone X' moves it a day later and not before tomorrow, at its time (a task due tomorrow stayed there and lost its time)",
    setup: [
      { title: "call mom", due_at: "2026-03-12T17:00:00.000Z" },
      { title: "gym", due_at: "2026-03-11T07:00:00.000Z" },
      { title: "report", due_at: "2026-03-08T00:00:00.000Z", due_all_day: true },
      { title: "read" },
    ],
    say: [
      "postpone call mom",
      "skip gym today",
      "postpone report",
      "postpone read",
      "drop gym for today",
    ],
    check: ({ get, turns }) => {
      expect(get("call mom")?.due_at).toBe("2026-03-13T17:00:00.000Z");
      expect(get("gym")?.due_at).toBe("2026-03-12T07:00:00.000Z");
      expect(get("report")).toMatchObject({
        due_at: "2026-03-12T00:00:00.000Z",
        due_all_day: true,
      });
      expect(get("read")).toMatchObject({ due_at: "2026-03-12T00:00:00.000Z", due_all_day: true });
      expect(turns[4]?.reply).toContain("isn't due today");
    },
  },
  {
    name: "'never mind', 'forget it' and 'don't delete gym' change nothing; 'I didn't finish gym' reopens it",
    setup: [{ title: "gym", completed: true }],
    say: ["add milk", "forget it", "never mind", "don't delete gym", "I didn't finish gym"],
    check: ({ get, turns }) => {
      expect(mutatingCalls(turns.slice(1, 4))).toHaveLength(0);
      for (const turn of turns.slice(1, 4)) expect(turn.reply).toBe("Okay.");
      expect(get("milk")).toBeDefined();
      expect(get("gym")?.completed).toBe(false);
    },
  },
  {
    name: "lists for this month, next month, the next N days, 'the 15th of april' and 'anything urgent?'",
    setup: [
      { title: "buy milk", due_at: "2026-03-11T18:00:00.000Z", priority: "high" },
      { title: "call mom", due_at: "2026-03-20T17:00:00.000Z" },
      { title: "taxes", due_at: "2026-04-15T00:00:00.000Z", due_all_day: true },
      { title: "read book" },
    ],
    say: [
      "what's due this month?",
      "what's due next month?",
      "show me what's due in the next 3 days",
      "what do I have on the 15th of april",
      "anything urgent?",
    ],
    check: ({ turns }) => {
      const titles = (turn: Turn | undefined) =>
        [...(turn?.reply ?? "").matchAll(/^\d+\. (.+?)(?: \u2014|$)/gm)].map((m) => m[1]);
      expect(titles(turns[0])).toEqual(["buy milk", "call mom"]);
      expect(turns[0]?.reply).toMatch(/^Due this month:/);
      expect(titles(turns[1])).toEqual(["taxes"]);
      expect(titles(turns[2])).toEqual(["buy milk"]);
      expect(turns[2]?.reply).toMatch(/^Due in the next 3 days:/);
      expect(titles(turns[3])).toEqual(["taxes"]);
      expect(titles(turns[4])).toEqual(["buy milk"]);
    },
  },
  {
    name: "'note to self: …', 'add to my list: …' and 'don't let me forget …' add the task without the lead-in",
    say: [
      "note to self: renew license",
      "add to my list: paint fence",
      "don't let me forget the recycling on friday",
      "todo list",
    ],
    check: ({ get, turns }) => {
      expect(get("renew license")).toBeDefined();
      expect(get("paint fence")).toBeDefined();
      expect(get("recycling")?.due_at).toBe("2026-03-13T00:00:00.000Z");
      expect(turns[3]?.reply).toContain("1. ");
    },
  },
  {
    name: "an exact title among completed tasks wins over a partial one among pending tasks (review)",
    setup: [
      { title: "project alpha review", completed: true },
      { title: "project beta review" },
      { title: "gym" },
      { title: "gym bag", completed: true },
    ],
    say: ["delete project alpha review", "reopen gym"],
    check: ({ get, turns, store }) => {
      expect(get("project alpha review")).toBeUndefined();
      expect(get("project beta review")).toBeDefined();
      expect(turns[1]?.reply).toContain("isn't marked as done");
      expect(get("gym bag")?.completed).toBe(true);
      expect(store.tasks.map((task) => task.title)).toEqual([
        "project beta review",
        "gym",
        "gym bag",
      ]);
    },
  },
  {
    name: "'all of them' changes up to 10 shown tasks with a proper reply, only when the count said matches and the list was the last answer",
    setup: ["a1", "a2", "a3", "a4", "a5"].map((title) => ({ title })),
    say: [
      "show my tasks",
      "delete all 2 of them",
      "show my tasks",
      "complete all of them",
      "undo",
      "add buy eggs",
      "complete all of them",
    ],
    check: ({ turns, store }) => {
      expect(turns[1]?.reply).toContain("from the last list I showed you");
      expect(turns[3]?.reply).toBe(
        "Completed \u201ca1\u201d, \u201ca2\u201d, \u201ca3\u201d, \u201ca4\u201d and \u201ca5\u201d.",
      );
      expect(turns[4]?.reply).toContain("back to how they were");
      expect(turns[6]?.reply).toContain("from the last list I showed you");
      expect(store.tasks.filter((task) => task.completed)).toHaveLength(0);
      expect(store.tasks).toHaveLength(6);
    },
  },
  {
    name: "errands that start with 'drop', 'forget that' and 'don't …, just …' never delete (review)",
    setup: [
      { title: "pick up the kids", due_at: "2026-03-11T15:00:00.000Z" },
      { title: "drop off package", due_at: "2026-03-11T15:00:00.000Z" },
      { title: "gym", due_at: "2026-03-12T09:00:00.000Z" },
    ],
    say: [
      "drop the kids today",
      "drop off package today",
      "complete gym",
      "forget that",
      "don't remove gym, just move it to friday",
    ],
    check: ({ turns, store, get }) => {
      expect(store.tasks).toHaveLength(3);
      expect(mutatingCalls([turns[0], turns[1], turns[3]] as Turn[])).toHaveLength(0);
      expect(get("pick up the kids")?.due_at).toBe("2026-03-11T15:00:00.000Z");
      expect(turns[3]?.reply).toBe("Okay.");
      expect(get("gym")?.due_at?.slice(0, 10)).toBe("2026-03-13");
    },
  },
  {
    name: "a leading acknowledgement opens a command only when the whole message means nothing",
    setup: [{ title: "nice dinner" }, { title: "dinner" }],
    say: [
      "nice dinner done",
      "ok undo",
      "great, now show my tasks",
      "cool add milk",
      "good luck card",
      "add call bob",
      "great, that's done",
    ],
    check: ({ turns, get }) => {
      expect(turns[0]?.reply).toBe("Completed \u201cnice dinner\u201d.");
      expect(turns[1]?.reply).toContain("Undone");
      expect(get("nice dinner")?.completed).toBe(false);
      expect(get("dinner")?.completed).toBe(false);
      expect(turns[2]?.reply).toContain("1. nice dinner");
      expect(get("milk")).toBeDefined();
      expect(turns[4]?.reply).toContain("not sure what you mean");
      // Said after "Added call bob", it answers me: call bob stays open.
      expect(mutatingCalls([turns[6] as Turn])).toHaveLength(0);
      expect(turns[6]?.reply).toBe("Okay.");
      expect(get("call bob")?.completed).toBe(false);
    },
  },
  {
    name: "'move rent to 15' is the 15th; 'move gym to 9' is 9 PM on gym's day; '9 tonight' is today at 9 PM",
    setup: [
      { title: "rent", due_at: "2026-03-31T00:00:00.000Z", due_all_day: true },
      { title: "bills", due_at: "2026-03-20T09:30:00.000Z" },
      { title: "gym", due_at: "2026-03-13T18:00:00.000Z" },
      { title: "swim", due_at: "2026-03-13T18:00:00.000Z" },
    ],
    say: [
      "push rent by 15",
      "move rent to 15",
      "push bills to the 25th",
      "move gym to 9",
      "move gym to 9 tonight",
      "move swim to 9am",
    ],
    check: ({ turns, get }) => {
      expect(mutatingCalls([turns[0] as Turn])).toHaveLength(0);
      expect(get("rent")).toMatchObject({ due_at: "2026-03-15T00:00:00.000Z", due_all_day: true });
      // The day changes; the time of day stays.
      expect(get("bills")?.due_at).toBe("2026-03-25T09:30:00.000Z");
      // On gym's own day, the 9 nearer its 6 PM.
      expect(turns[3]?.reply).toBe("Moved \u201cgym\u201d to Friday at 9:00 PM.");
      expect(get("gym")?.due_at).toBe("2026-03-11T21:00:00.000Z");
      expect(get("swim")?.due_at).toBe("2026-03-13T09:00:00.000Z");
    },
  },
  {
    name: "a bare hour is the next one that makes sense: its own day's at the usual reading, else from now",
    setup: [
      { title: "milk", due_at: "2026-03-11T00:00:00.000Z", due_all_day: true },
      { title: "taxes", due_at: "2026-03-20T00:00:00.000Z", due_all_day: true },
      { title: "call", due_at: "2026-03-13T08:00:00.000Z" },
      { title: "bank" },
    ],
    say: ["move milk to 9", "move taxes to 9", "move call to 7", "move bank to 3", "push it to 12"],
    check: ({ turns, get }) => {
      // It is 10 AM: 9 AM today is gone, so 9 PM.
      expect(turns[0]?.reply).toBe("Moved \u201cmilk\u201d to today at 9:00 PM.");
      expect(get("milk")).toMatchObject({ due_at: "2026-03-11T21:00:00.000Z", due_all_day: false });
      expect(get("taxes")?.due_at).toBe("2026-03-20T09:00:00.000Z");
      expect(get("call")?.due_at).toBe("2026-03-13T07:00:00.000Z");
      // Never 3 in the night.
      expect(turns[3]?.reply).toBe("Moved \u201cbank\u201d to today at 3:00 PM.");
      expect(get("bank")?.due_at).toBe("2026-03-11T12:00:00.000Z");
    },
  },
  {
    name: "a task said without 'add' is offered, and added at once only when asked for ('can you', 'I need to') with a date, a priority or a tag",
    say: [
      "buy eggs tomorrow",
      "yes",
      "pick up kids at 3pm",
      "sure",
      "submit expense report friday #work",
      "add it",
      "can you renew passport by may 1",
      "I need to call the bank on friday",
    ],
    check: ({ turns, get, store }) => {
      expect(turns[0]?.reply).toBe(
        "Should I add \u201cbuy eggs\u201d (due tomorrow) as a task? Say \u201cyes\u201d and I will.",
      );
      expect(mutatingCalls([turns[0], turns[2], turns[4]] as Turn[])).toEqual([]);
      expect(turns[1]?.reply).toBe("Added \u201cbuy eggs\u201d \u2014 due tomorrow.");
      expect(get("buy eggs")?.due_at).toBe("2026-03-12T00:00:00.000Z");
      expect(get("pick up kids")?.due_at).toBe("2026-03-11T15:00:00.000Z");
      expect(get("submit expense report")?.tags).toEqual(["work"]);
      expect(get("renew passport")?.due_at).toBe("2026-05-01T00:00:00.000Z");
      expect(get("call the bank")?.due_at).toBe("2026-03-13T00:00:00.000Z");
      expect(store.tasks).toHaveLength(5);
    },
  },
  {
    name: "'buy eggs' alone or 'dentist friday 3pm' is offered first; 'yes', 'sure' or 'add it' adds it, 'no' adds nothing",
    say: [
      "buy eggs",
      "no",
      "email john about the contract",
      "yes",
      "dentist friday 3pm",
      "sure",
      "call mom",
      "add it",
    ],
    check: ({ turns, store, get }) => {
      expect(turns[0]?.reply).toBe(
        "Should I add \u201cbuy eggs\u201d as a task? Say \u201cyes\u201d and I will.",
      );
      expect(turns[1]?.reply).toBe("Okay \u2014 I haven't added anything.");
      expect(turns[4]?.reply).toBe(
        "Should I add \u201cdentist\u201d (due Friday at 3:00 PM) as a task? Say \u201cyes\u201d and I will.",
      );
      expect(mutatingCalls([turns[0], turns[1], turns[2], turns[4], turns[6]] as Turn[])).toEqual(
        [],
      );
      expect(store.tasks.map((task) => task.title)).toEqual([
        "email john about the contract",
        "dentist",
        "call mom",
      ]);
      expect(get("dentist")?.due_at).toBe("2026-03-13T15:00:00.000Z");
    },
  },
  {
    name: "a date said before the task: 'tomorrow buy eggs', 'on friday I need to call mom'; 'tomorrow is friday' is no task",
    say: [
      "tomorrow buy eggs",
      "on friday I need to call mom",
      "tomorrow at 9 call the dentist",
      "tomorrow is friday",
      "next week is busy",
    ],
    check: ({ store, get, turns }) => {
      expect(turns[0]?.reply).toBe(
        "Should I add \u201cbuy eggs\u201d (due tomorrow) as a task? Say \u201cyes\u201d and I will.",
      );
      expect(turns[2]?.reply).toBe(
        "Should I add \u201ccall the dentist\u201d (due tomorrow at 9:00 AM) as a task? Say \u201cyes\u201d and I will.",
      );
      expect(get("call mom")?.due_at).toBe("2026-03-13T00:00:00.000Z");
      expect(store.tasks.map((task) => task.title)).toEqual(["call mom"]);
    },
  },
  {
    name: "'asap' or 'urgent' as the last word is high priority, not part of the title ('urgent care' stays)",
    say: [
      "please call the vet asap",
      "add call plumber urgent",
      "add go to urgent care",
      'add "call asap"',
    ],
    check: ({ store }) => {
      expect(store.tasks.map((task) => [task.title, task.priority])).toEqual([
        ["call the vet", "high"],
        ["call plumber", "high"],
        ["go to urgent care", "none"],
        ["call asap", "none"],
      ]);
    },
  },
  {
    name: "a task said without 'add' that is already on the list is never added twice",
    setup: [{ title: "gym", due_at: "2026-03-12T18:00:00.000Z" }, { title: "buy milk" }],
    say: ["gym tomorrow at 7am", "yes", "buy milk", "ok"],
    check: ({ turns, store }) => {
      expect(turns[0]?.reply).toBe(
        "You already have \u201cgym\u201d (due tomorrow at 6:00 PM). Say \u201cmove gym to tomorrow at 7am\u201d to move it, or \u201cadd gym tomorrow at 7am\u201d for another one.",
      );
      expect(turns[2]?.reply).toBe(
        "You already have \u201cbuy milk\u201d. Say \u201cadd buy milk\u201d if you want another one.",
      );
      expect(mutatingCalls(turns)).toEqual([]);
      expect(store.tasks).toHaveLength(2);
    },
  },
  {
    name: "remarks, single words and questions never become tasks",
    say: [
      "lol",
      "i'm busy tomorrow",
      "not today",
      "good luck card",
      "see you tomorrow",
      "tell me a joke",
      "friday 3pm",
      "my mom called today",
      "yes",
    ],
    check: ({ turns, store }) => {
      expect(store.tasks).toHaveLength(0);
      for (const turn of turns) expect(turn.reply).not.toContain("Should I add");
    },
  },
  {
    name: "'is gym done?' answers without changing anything and makes gym 'it'",
    setup: [
      { title: "gym", due_at: "2026-03-12T00:00:00.000Z", due_all_day: true },
      { title: "report", due_at: "2026-03-09T00:00:00.000Z", due_all_day: true },
      { title: "taxes", completed: true },
    ],
    say: [
      "add call bob",
      "is gym done?",
      "delete it",
      "is the report done yet?",
      "did I finish taxes?",
      "have I done enough?",
    ],
    check: ({ turns, get }) => {
      expect(turns.map((turn) => mutatingCalls([turn]).length)).toEqual([1, 0, 1, 0, 0, 0]);
      expect(turns[1]?.reply).toBe("No \u2014 \u201cgym\u201d isn't done yet. It's due tomorrow.");
      expect(get("gym")).toBeUndefined();
      expect(get("call bob")).toBeDefined();
      expect(turns[3]?.reply).toBe(
        "No \u2014 \u201creport\u201d isn't done yet, and it's overdue: it was due Mar 9.",
      );
      expect(turns[4]?.reply).toBe("Yes \u2014 \u201ctaxes\u201d is done.");
      expect(turns[5]?.reply).toContain("I can't answer that");
    },
  },
  {
    name: "'did I delete milk?' after deleting milk says so, even with 'buy milk' still there",
    setup: [{ title: "milk" }, { title: "buy milk" }],
    say: ["delete milk", "did I delete milk?", "undo", "did I delete milk?", "complete it"],
    check: ({ turns, get }) => {
      expect(turns[1]?.reply).toBe(
        "Yes \u2014 I deleted \u201cmilk\u201d earlier in this conversation. Say \u201cundo\u201d to bring it back.",
      );
      expect(turns[3]?.reply).toBe("No \u2014 \u201cmilk\u201d is still on your list.");
      expect(get("milk")?.completed).toBe(true);
      expect(get("buy milk")?.completed).toBe(false);
    },
  },
  {
    name: "'remove gym?' asks first; 'yes' or 'delete it' then deletes gym, 'no' keeps it",
    setup: [{ title: "gym" }, { title: "swim" }, { title: "yoga" }],
    say: [
      "add call bob",
      "remove gym?",
      "yes",
      "remove swim?",
      "delete it",
      "remove yoga?",
      "no",
      "yes",
      "can you remove call bob?",
    ],
    check: ({ turns, get }) => {
      expect(turns.map((turn) => mutatingCalls([turn]).length)).toEqual([
        1, 0, 1, 0, 1, 0, 0, 0, 1,
      ]);
      expect(turns[1]?.reply).toBe(
        "Do you want me to delete \u201cgym\u201d? Say \u201cyes\u201d and I will.",
      );
      expect(get("gym")).toBeUndefined();
      expect(get("swim")).toBeUndefined();
      expect(get("yoga")).toBeDefined();
      expect(turns[7]?.reply).toContain("not sure what you mean");
      expect(get("call bob")).toBeUndefined();
    },
  },
  {
    name: "'change run to 7' asks instead of renaming it to '7'; 'change run to 7pm' moves it",
    setup: [
      { title: "run", due_at: "2026-03-13T18:00:00.000Z" },
      { title: "walk" },
      { title: "swim" },
    ],
    say: [
      "change run to 7",
      "change run to 7pm",
      "change walk to 7 tonight",
      "change swim to 2 laps",
    ],
    check: ({ turns, get }) => {
      expect(mutatingCalls([turns[0] as Turn])).toHaveLength(0);
      expect(turns[0]?.reply).toBe(
        "Do you mean 7 o'clock, the 7th, or a new name? Say \u201cmove run to 7pm\u201d, \u201cmove run to the 7th\u201d or \u201crename run to 7\u201d.",
      );
      expect(get("run")?.due_at).toBe("2026-03-13T19:00:00.000Z");
      expect(get("walk")?.due_at).toBe("2026-03-11T19:00:00.000Z");
      expect(get("2 laps")).toBeDefined();
    },
  },
  {
    name: "'what's overdue and due today for #work' names the tag in both headings",
    setup: [
      { title: "report", due_at: "2026-03-09T00:00:00.000Z", due_all_day: true, tags: ["work"] },
      { title: "gym", due_at: "2026-03-11T20:00:00.000Z" },
      { title: "dishes", due_at: "2026-03-08T00:00:00.000Z", due_all_day: true },
    ],
    say: ["what's overdue and due today for #work", "what's overdue and due today for #home"],
    check: ({ turns }) => {
      expect(turns[0]?.reply).toBe(
        [
          "Overdue (tagged #work):",
          "",
          "1. report \u2014 overdue (Mar 9), #work",
          "",
          "Nothing else tagged #work is due today.",
        ].join("\n"),
      );
      expect(turns[1]?.reply).toBe(
        "Nothing tagged #home is overdue, and nothing tagged #home is due today.",
      );
    },
  },
  {
    name: "'perfect, done' is an acknowledgement, not 'perfect the pitch' done",
    setup: [{ title: "perfect the pitch" }, { title: "cool down" }],
    say: ["perfect, done", "cool, finished"],
    check: ({ turns, store }) => {
      expect(mutatingCalls(turns)).toHaveLength(0);
      expect(turns.map((turn) => turn.reply)).toEqual(["Okay.", "Okay."]);
      expect(store.tasks.every((task) => !task.completed)).toBe(true);
    },
  },
  {
    name: "'drop it?' names the task and how to delete it, since 'yes' could not find it again",
    setup: [{ title: "gym" }],
    say: ["add pay rent", "drop it?"],
    check: ({ turns, get }) => {
      expect(mutatingCalls([turns[1] as Turn])).toHaveLength(0);
      expect(turns[1]?.reply).toBe(
        "Do you want me to delete \u201cpay rent\u201d? Say \u201cdelete pay rent\u201d and I will.",
      );
      expect(get("pay rent")).toBeDefined();
    },
  },
  {
    name: "'don't remove gym, just move it to friday': 'it' is gym, not the task touched before (review)",
    setup: [{ title: "gym", due_at: "2026-03-12T09:00:00.000Z" }, { title: "buy milk" }],
    say: [
      "add call bob",
      "don't remove gym, just move it to saturday",
      "don't delete gym, it's done",
      "don't forget it",
    ],
    check: ({ get, turns, store }) => {
      expect(get("gym")).toMatchObject({ due_at: "2026-03-14T09:00:00.000Z", completed: true });
      expect(get("call bob")).toMatchObject({ completed: false, due_at: null });
      expect(mutatingCalls([turns[3] as Turn])).toHaveLength(0);
      expect(store.tasks).toHaveLength(3);
    },
  },
  {
    name: "'remove gym and milk?' asks about both; 'ok' agrees and 'never mind' declines (review)",
    setup: [{ title: "gym" }, { title: "buy milk" }, { title: "swim" }],
    say: ["remove gym and milk?", "ok", "remove swim?", "never mind"],
    check: ({ turns, store }) => {
      expect(turns[0]?.reply).toBe(
        "Do you want me to delete \u201cgym\u201d and \u201cbuy milk\u201d? Say \u201cyes\u201d and I will.",
      );
      expect(turns[1]?.reply).toContain("Deleted \u201cgym\u201d and \u201cbuy milk\u201d.");
      expect(turns[3]?.reply).toBe("Okay \u2014 I haven't deleted anything.");
      expect(store.tasks.map((task) => task.title)).toEqual(["swim"]);
    },
  },
  {
    name: "'delete both?' right after a list deletes both (undoable); 'got it' to 'remove gym?' deletes nothing; 'both' needs the list just before (code review)",
    setup: [{ title: "gym" }, { title: "swim" }, { title: "yoga" }],
    say: [
      "show my tasks",
      "complete all 3 of them",
      "undo",
      "remove yoga?",
      "got it",
      "what's left?",
      "thanks",
      "delete all of them",
      "don't forget about it",
    ],
    check: ({ turns, store }) => {
      expect(turns[1]?.reply).toContain("Completed");
      expect(turns[4]?.reply).toBe("Okay \u2014 I haven't deleted anything.");
      expect(turns[7]?.reply).toContain("from the last list I showed you");
      expect(mutatingCalls(turns.slice(4))).toHaveLength(0);
      expect(store.tasks.map((task) => [task.title, task.completed])).toEqual([
        ["gym", false],
        ["swim", false],
        ["yoga", false],
      ]);
    },
  },
  {
    name: "'it' after 'remove gym?' is the task asked about, found across both lookups (it was the completed one)",
    setup: [{ title: "gym class" }, { title: "gym bag", completed: true }],
    say: ["remove gym?", "delete it"],
    check: ({ turns, get }) => {
      expect(turns[0]?.reply).toContain("\u201cgym class\u201d");
      expect(get("gym class")).toBeUndefined();
      expect(get("gym bag")).toBeDefined();
    },
  },
];

describe("offline model — conversations", () => {
  it("has at least 30 cases of its own", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const testCase of cases) {
    it(testCase.name, async () => {
      const store = new FakeTaskStore(NOW);
      for (const seed of testCase.setup ?? []) store.seed(seed);
      const chat = new OfflineChat(store.tools(testCase.documents), {
        timezone: testCase.timezone ?? "UTC",
        now: NOW,
      });
      const turns: Turn[] = [];
      for (const text of testCase.say) turns.push(await chat.say(text));
      const reply = turns.at(-1)?.reply ?? "";
      expect(reply.trim(), "every turn ends with a reply").not.toBe("");
      testCase.check({
        store,
        turns,
        reply,
        get: (title) => store.tasks.find((task) => task.title === title),
      });
    });
  }
});
