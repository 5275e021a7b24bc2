import { describe, expect, it } from "vitest";
import { describeTool, shorten } from "./tool-chips.js";

const dates = { now: new Date("2026-03-04T15:00:00Z"), timeZone: "America/New_York" };

describe("describeTool", () => {
  it("phrases an added task with its due date in the user's words", () => {
    const chip = describeTool(
      {
        tool: "add_task",
        state: "done",
        input: { title: "call mom", due_at: "2026-03-05T22:00:00Z" },
        output: { id: "t1", title: "call mom", due_at: "2026-03-05T22:00:00Z", due_all_day: false },
      },
      dates,
    );
    expect(chip).toEqual({ tone: "done", text: "Added task ‘call mom’ · due tomorrow 5:00 PM" });
  });

  it("reads the task from {task} results and from the input when the output lacks it", () => {
    expect(
      describeTool(
        {
          tool: "complete_task",
          state: "done",
          input: {},
          output: { task: { title: "buy milk" } },
        },
        dates,
      ).text,
    ).toBe("Completed ‘buy milk’");
    expect(
      describeTool(
        { tool: "add_task", state: "done", input: { title: "water plants" }, output: "ok" },
        dates,
      ).text,
    ).toBe("Added task ‘water plants’");
  });

  it("tells completing from reopening on a toggle", () => {
    const toggle = (completed: boolean) =>
      describeTool(
        { tool: "toggle_task_status", state: "done", input: {}, output: { title: "x", completed } },
        dates,
      ).text;
    expect(toggle(true)).toBe("Completed ‘x’");
    expect(toggle(false)).toBe("Reopened ‘x’");
  });

  it("shows running and failed states", () => {
    expect(
      describeTool({ tool: "add_task", state: "running", input: {}, output: undefined }, dates),
    ).toEqual({
      tone: "running",
      text: "Adding a task…",
    });
    expect(
      describeTool(
        {
          tool: "complete_task",
          state: "error",
          input: {},
          output: undefined,
          errorText: "Task not found",
        },
        dates,
      ),
    ).toEqual({ tone: "error", text: "Completing a task failed · Task not found" });
    expect(
      describeTool(
        {
          tool: "delete_task",
          state: "done",
          input: {},
          output: { error: "TASK_NOT_FOUND", message: "No such task" },
        },
        dates,
      ),
    ).toEqual({ tone: "error", text: "Deleting a task failed · No such task" });
  });

  it("counts listed tasks and found passages", () => {
    expect(
      describeTool(
        { tool: "list_tasks", state: "done", input: {}, output: { tasks: [{}, {}] } },
        dates,
      ).text,
    ).toBe("Looked at your tasks · 2 tasks");
    expect(
      describeTool(
        {
          tool: "search_knowledge",
          state: "done",
          input: { query: "refund policy" },
          output: { results: [{}] },
        },
        dates,
      ).text,
    ).toBe("Searched your documents for ‘refund policy’ · 1 passage");
  });

  it("keeps a huge or hostile title to one plain line", () => {
    const chip = describeTool(
      {
        tool: "add_task",
        state: "done",
        input: {},
        output: { title: `<img src=x onerror=alert(1)> ${"word ".repeat(50)}` },
      },
      dates,
    );
    expect(chip.text.length).toBeLessThan(80);
    expect(chip.text).toContain("<img src=x onerror=alert(1)>"); // text, rendered escaped by React
  });

  it("names unknown tools readably", () => {
    expect(
      describeTool({ tool: "send_email", state: "done", input: {}, output: {} }, dates).text,
    ).toBe("Used send email");
  });
});

describe("shorten", () => {
  it("cuts at a word boundary with an ellipsis", () => {
    expect(shorten("one two three four", 12)).toBe("one two…");
    expect(shorten("  short  ")).toBe("short");
  });
});
