import { describe, expect, it } from "vitest";
import { fixLeadingTypo, parseIntent, parsePriorityWord, parseTaskRef } from "./intent.parser.js";

describe("parseIntent", () => {
  it.each([
    ["add buy milk", "buy milk"],
    ["remind me to pay rent on the 1st p1 #home", "pay rent on the 1st p1 #home"],
    ["create a task: submit report by friday", "submit report by friday"],
    ["new task water the plants every monday", "water the plants every monday"],
    ["todo: renew passport next month p2", "renew passport next month p2"],
    ['add "Friday meeting notes" to my list', '"Friday meeting notes"'],
    ["I need to call the bank", "call the bank"],
    ["don't forget to water the plants", "water the plants"],
    ["Please add a task to book flights", "book flights"],
    ["could you add dentist friday", "dentist friday"],
  ])("reads %j as adding %j", (message, text) => {
    expect(parseIntent(message)).toEqual({ kind: "add", text });
  });

  it.each([
    ["what's on my list?", { status: "pending" }],
    ["show my completed tasks", { status: "completed" }],
    ["what's due today?", { status: "pending", due: "today" }],
    ["what's overdue", { status: "pending", due: "overdue" }],
    ["show me everything", { status: "all" }],
    ["#home tasks", { status: "pending", tag: "home" }],
    ["show tasks tagged work", { status: "pending", tag: "work" }],
    ["list high priority tasks", { status: "pending", priority: "high" }],
    ["what do I have this week", { status: "pending", due: "week" }],
    ["do I have anything on friday?", { status: "pending", day: "friday" }],
    ["what's on the 20th", { status: "pending", day: "the 20th" }],
    ["agenda for tomorrow", { status: "pending", due: "tomorrow" }],
    ["what do i have this weekend", { status: "pending", due: "weekend" }],
    ["tasks without a due date", { status: "pending", due: "undated" }],
    ["which tasks have no deadline", { status: "pending", due: "undated" }],
    ["what are my work tasks", { status: "pending", tag: "work" }],
    ["what's next", { status: "pending" }],
    ["whats due tomorow", { status: "pending", due: "tomorrow" }],
  ])("reads %j as a list with %j", (message, filter) => {
    expect(parseIntent(message)).toEqual({ kind: "list", filter, count: false });
  });

  it("counts", () => {
    expect(parseIntent("how many tasks do I have")).toMatchObject({ kind: "list", count: true });
    expect(parseIntent("count my overdue tasks")).toEqual({
      kind: "list",
      filter: { status: "pending", due: "overdue" },
      count: true,
    });
  });

  it.each([
    ["mark buy milk as done", "complete", "buy milk"],
    ["I finished the report", "complete", "report"],
    ["done with the laundry", "complete", "laundry"],
    ["check off groceries", "complete", "groceries"],
    ["buy milk is done", "complete", "buy milk"],
    ["reopen buy milk", "reopen", "buy milk"],
    ["mark buy milk as not done", "reopen", "buy milk"],
    ["delete call mom", "delete", "call mom"],
    ["remove the task about the dentist", "delete", "dentist"],
    ["delte call mom", "delete", "call mom"],
  ])("reads %j as %s of %j", (message, kind, text) => {
    expect(parseIntent(message)).toEqual({ kind, ref: { kind: "title", text } });
  });

  it("reads positions and pronouns", () => {
    expect(parseIntent("complete the second one")).toEqual({
      kind: "complete",
      ref: { kind: "position", position: 2 },
    });
    expect(parseIntent("delete task 3")).toEqual({
      kind: "delete",
      ref: { kind: "position", position: 3 },
    });
    expect(parseIntent("finish #1")).toEqual({
      kind: "complete",
      ref: { kind: "position", position: 1 },
    });
    expect(parseIntent("delete the last one")).toEqual({
      kind: "delete",
      ref: { kind: "position", position: "last" },
    });
    expect(parseIntent("mark it as done")).toEqual({ kind: "complete", ref: { kind: "pronoun" } });
  });

  it("reads changes", () => {
    expect(parseIntent("rename buy milk to buy oat milk")).toMatchObject({
      kind: "rename",
      title: "buy oat milk",
    });
    expect(parseIntent("move call mom to friday")).toMatchObject({
      kind: "reschedule",
      when: "friday",
    });
    expect(parseIntent("postpone pay rent to next week")).toMatchObject({
      kind: "reschedule",
      when: "next week",
    });
    // "by 15" may be a number of days: it is never read as the 15th.
    expect(parseIntent("push rent by 15")).toMatchObject({ kind: "reschedule", when: "by 15" });
    expect(parseIntent("move rent to 15")).toMatchObject({ kind: "reschedule", when: "15" });
    expect(parseIntent("call mom is due tomorrow")).toMatchObject({
      kind: "reschedule",
      when: "tomorrow",
    });
    expect(parseIntent("remove the due date from call mom")).toMatchObject({
      kind: "reschedule",
      when: null,
    });
    expect(parseIntent("set priority of buy milk to high")).toMatchObject({
      kind: "priority",
      priority: "high",
    });
    expect(parseIntent("make call mom urgent")).toMatchObject({
      kind: "priority",
      priority: "high",
    });
    expect(parseIntent("buy milk is low priority")).toMatchObject({
      kind: "priority",
      priority: "low",
    });
    expect(parseIntent("tag buy milk with #home")).toMatchObject({
      kind: "tag",
      tags: ["home"],
      remove: false,
    });
    expect(parseIntent("remove #home from buy milk")).toMatchObject({
      kind: "tag",
      tags: ["home"],
      remove: true,
    });
  });

  it("reads conversation", () => {
    expect(parseIntent("hello")).toEqual({ kind: "greeting" });
    expect(parseIntent("Thanks!")).toEqual({ kind: "thanks" });
    expect(parseIntent("ok")).toEqual({ kind: "acknowledge" });
    expect(parseIntent("cool, got it!")).toEqual({ kind: "acknowledge" });
    expect(parseIntent("ok thanks")).toEqual({ kind: "thanks" });
    expect(parseIntent("great, now show my tasks")).toMatchObject({ kind: "list" });
    expect(parseIntent("ok undo")).toEqual({ kind: "undo" });
    expect(parseIntent("nice dinner done")).toEqual({
      kind: "complete",
      ref: { kind: "title", text: "nice dinner" },
    });
    expect(parseIntent("perfect, milk is done")).toEqual({
      kind: "complete",
      ref: { kind: "title", text: "milk" },
    });
    expect(parseIntent("great, that's done")).toEqual({ kind: "acknowledge" });
    expect(parseIntent("ok it's all done")).toEqual({ kind: "acknowledge" });
    expect(parseIntent("good luck card")).toMatchObject({ kind: "unknown" });
    expect(parseIntent("is gym done?")).toMatchObject({
      kind: "status-query",
      ref: { text: "gym" },
    });
    expect(parseIntent("did I finish the report yet?")).toMatchObject({
      kind: "status-query",
      ref: { text: "report" },
    });
    // Not about a task called "everything": how many are still open.
    expect(parseIntent("is everything done?")).toMatchObject({
      kind: "list",
      filter: { status: "pending" },
      count: true,
    });
    expect(parseIntent("did I delete milk?")).toMatchObject({
      kind: "delete-query",
      ref: { text: "milk" },
    });
    expect(parseIntent("remove gym?")).toMatchObject({ kind: "delete-confirm" });
    expect(parseIntent("can you remove gym?")).toMatchObject({ kind: "delete" });
    expect(parseIntent("yes")).toEqual({ kind: "answer", yes: true });
    expect(parseIntent("help")).toEqual({ kind: "help" });
    expect(parseIntent("what can you do?")).toEqual({ kind: "help" });
    expect(parseIntent("undo")).toEqual({ kind: "undo" });
    expect(parseIntent("oops, undo that")).toEqual({ kind: "undo" });
    expect(parseIntent("what is the refund policy?")).toMatchObject({ kind: "question" });
    expect(parseIntent("purple monkey dishwasher")).toMatchObject({ kind: "unknown" });
    expect(parseIntent("   ")).toMatchObject({ kind: "unknown" });
  });
});

describe("parseTaskRef", () => {
  it("strips filler words around titles", () => {
    expect(parseTaskRef("the task about the dentist")).toEqual({ kind: "title", text: "dentist" });
    expect(parseTaskRef("my buy milk task")).toEqual({ kind: "title", text: "buy milk" });
    expect(parseTaskRef("\u201cbuy milk\u201d")).toEqual({ kind: "title", text: "buy milk" });
  });
  it("keeps numbers inside titles", () => {
    expect(parseTaskRef("read chapter 3")).toEqual({ kind: "title", text: "read chapter 3" });
  });
});

describe("parsePriorityWord and fixLeadingTypo", () => {
  it("maps priority words", () => {
    expect(parsePriorityWord("urgent")).toBe("high");
    expect(parsePriorityWord("p2")).toBe("medium");
    expect(parsePriorityWord("not urgent")).toBe("low");
    expect(parsePriorityWord("friday")).toBeNull();
  });
  it("fixes one slip in a leading verb only", () => {
    expect(fixLeadingTypo("compelte it")).toBe("complete it");
    expect(fixLeadingTypo("last one")).toBe("last one");
    expect(fixLeadingTypo("water plants")).toBe("water plants");
  });
});

describe("short list requests", () => {
  it.each([
    ["high priority tasks", { status: "pending", priority: "high" }],
    ["work tasks", { status: "pending", tag: "work" }],
    ["overdue tasks", { status: "pending", due: "overdue" }],
    ["completed tasks", { status: "completed" }],
  ])("reads %j", (message, filter) => {
    expect(parseIntent(message)).toEqual({ kind: "list", filter, count: false });
  });
});

describe("slang date words in list requests", () => {
  it.each([
    ["what's due tonite?", { status: "pending", due: "today" }],
    ["anything due 2nite", { status: "pending", due: "today" }],
    ["what's due nxt week", { status: "pending", due: "next-week" }],
    ["what's due in the nxt few days", { status: "pending", due: "upcoming" }],
    ["anything on nxt friday?", { status: "pending", day: "next friday" }],
    ["what's nxt?", { status: "pending" }],
  ])("reads %j", (message, filter) => {
    expect(parseIntent(message)).toEqual({ kind: "list", filter, count: false });
  });
});
