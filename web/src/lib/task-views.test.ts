import { describe, expect, it } from "vitest";
import { parseTags, taskViewQuery } from "./task-views.js";

describe("taskViewQuery", () => {
  const now = new Date("2026-03-04T15:00:00Z");
  it("asks for open tasks due before the end of the user's day for Today", () => {
    const query = new URLSearchParams(taskViewQuery("today", now, "America/New_York"));
    expect(query.get("status")).toBe("pending");
    expect(query.get("due_before")).toBe("2026-03-05T05:00:00.000Z");
  });
  it("asks for open tasks due before now for Overdue, and completed ones for Done", () => {
    expect(new URLSearchParams(taskViewQuery("overdue", now, "UTC")).get("due_before")).toBe(
      now.toISOString(),
    );
    expect(new URLSearchParams(taskViewQuery("completed", now, "UTC")).get("status")).toBe(
      "completed",
    );
  });
});

describe("parseTags", () => {
  it("accepts commas, spaces and hashes, deduplicated and bounded", () => {
    expect(parseTags("#home, work  #home")).toEqual(["home", "work"]);
    expect(parseTags("")).toEqual([]);
    expect(parseTags(Array.from({ length: 30 }, (_, i) => `t${String(i)}`).join(" "))).toHaveLength(
      20,
    );
  });
});
