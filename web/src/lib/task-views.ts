import { startOfDay } from "./dates.js";

/** The views of the tasks panel. */
export type TaskView = "pending" | "today" | "overdue" | "completed";

/** The views in panel order, with their labels. */
export const TASK_VIEWS: readonly { id: TaskView; label: string }[] = [
  { id: "pending", label: "Pending" },
  { id: "today", label: "Today" },
  { id: "overdue", label: "Overdue" },
  { id: "completed", label: "Done" },
];

/** The `GET /api/tasks` query string of a view, relative to `now` in the user's timezone. */
export function taskViewQuery(view: TaskView, now: Date, timeZone: string): string {
  const params = new URLSearchParams({ limit: "200" });
  switch (view) {
    case "pending":
      params.set("status", "pending");
      params.set("sort", "due_at");
      params.set("order", "asc");
      break;
    case "today":
      // Today's tasks and anything still open from before: what needs doing by tonight.
      params.set("status", "pending");
      params.set("due_before", startOfDay(now, timeZone, 1).toISOString());
      params.set("sort", "due_at");
      params.set("order", "asc");
      break;
    case "overdue":
      params.set("status", "pending");
      params.set("due_before", now.toISOString());
      params.set("sort", "due_at");
      params.set("order", "asc");
      break;
    case "completed":
      params.set("status", "completed");
      params.set("sort", "created_at");
      params.set("order", "desc");
      break;
  }
  return params.toString();
}

/** What an empty view tells a newcomer. */
export function emptyViewHint(view: TaskView): { title: string; hint: string } {
  switch (view) {
    case "pending":
      return {
        title: "No tasks yet",
        hint: "Type one above, or tell the assistant: “add call mom tomorrow at 5pm”.",
      };
    case "today":
      return {
        title: "Nothing due today",
        hint: "Enjoy the calm, or plan: “add review budget today 4pm”.",
      };
    case "overdue":
      return { title: "Nothing overdue", hint: "You are on top of things." };
    case "completed":
      return { title: "Nothing completed yet", hint: "Tick a task, or say “complete buy milk”." };
  }
}

/** Parses the tags field of the edit form: "#home, work" → ["home", "work"], deduplicated. */
export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  for (const raw of input.split(/[,\s]+/)) {
    const tag = raw.replace(/^#+/, "").trim().slice(0, 50);
    if (tag) seen.add(tag);
  }
  return [...seen].slice(0, 20);
}
