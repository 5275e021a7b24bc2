import { describe, expect, it } from "vitest";
import type { TaskView } from "./offline.types.js";
import { resolveByPosition, resolveByTitle } from "./task-reference.js";

function task(id: string, title: string, completed = false): TaskView {
  return {
    id,
    title,
    completed,
    priority: "none",
    due_at: null,
    due_all_day: false,
    recurrence: null,
    tags: [],
  };
}

const tasks = [
  task("1", "buy milk"),
  task("2", "buy almond milk"),
  task("3", "write the report"),
  task("4", "book dentist appointment"),
  task("5", "Call Mom", true),
  task("6", "call mom about the trip"),
];

describe("resolveByTitle", () => {
  it("prefers an exact, case-insensitive title", () => {
    expect(resolveByTitle("Buy Milk", tasks)).toEqual({ kind: "found", task: tasks[0] });
  });
  it("reports two equally good matches as ambiguous", () => {
    const result = resolveByTitle("milk", tasks);
    expect(result.kind).toBe("ambiguous");
    if (result.kind === "ambiguous") expect(result.candidates.map((t) => t.id)).toEqual(["1", "2"]);
  });
  it("matches a single word of a longer title", () => {
    expect(resolveByTitle("report", tasks)).toMatchObject({ kind: "found", task: { id: "3" } });
    expect(resolveByTitle("dentist", tasks)).toMatchObject({ kind: "found", task: { id: "4" } });
  });
  it("forgives one typo and plurals", () => {
    expect(resolveByTitle("dentsit", tasks)).toMatchObject({ kind: "found", task: { id: "4" } });
    expect(resolveByTitle("reports", tasks)).toMatchObject({ kind: "found", task: { id: "3" } });
  });
  it("prefers the task in the state the action needs", () => {
    expect(resolveByTitle("call mom", tasks, "completed")).toMatchObject({
      kind: "found",
      task: { id: "5" },
    });
    expect(resolveByTitle("mom", tasks, "pending")).toMatchObject({
      kind: "found",
      task: { id: "6" },
    });
  });
  it("finds nothing for unrelated or empty phrases", () => {
    expect(resolveByTitle("walk the dog", tasks)).toEqual({ kind: "none" });
    expect(resolveByTitle("the", tasks)).toEqual({ kind: "none" });
    expect(resolveByTitle("anything", [])).toEqual({ kind: "none" });
  });
});

describe("resolveByPosition", () => {
  it("counts from one and knows the last", () => {
    expect(resolveByPosition(2, tasks)?.id).toBe("2");
    expect(resolveByPosition("last", tasks)?.id).toBe("6");
    expect(resolveByPosition(9, tasks)).toBeNull();
  });
});
