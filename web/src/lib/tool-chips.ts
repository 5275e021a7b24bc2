import { formatDue, type FormatOptions } from "./dates.js";

/** The tools whose results change the task list, so the tasks panel refreshes after them. */
export const TASK_TOOLS = new Set([
  "add_task",
  "update_task",
  "complete_task",
  "toggle_task_status",
  "delete_task",
]);

/** A tool call as the chat shows it. */
export interface ToolActivity {
  tool: string;
  state: "running" | "done" | "error";
  input: unknown;
  output: unknown;
  errorText?: string;
}

/** What a chip shows. */
export interface ToolChip {
  text: string;
  tone: "running" | "done" | "error";
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The task a tool result talks about: the result itself, `{task}` or `{tasks:[one]}`. */
function taskOf(output: unknown): Record<string, unknown> {
  const out = record(output);
  if (typeof out.title === "string") return out;
  const nested = record(out.task);
  if (typeof nested.title === "string") return nested;
  if (Array.isArray(out.tasks) && out.tasks.length === 1) return record(out.tasks[0]);
  return {};
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/** Keeps chips one line: long titles are cut at a word with an ellipsis. */
export function shorten(value: string, max = 60): string {
  const clean = value.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function quoted(title: string | undefined): string {
  return title ? `‘${shorten(title)}’` : "a task";
}

function count(output: unknown, key: string): number | undefined {
  const out = record(output);
  const list = Array.isArray(output) ? output : out[key];
  return Array.isArray(list) ? list.length : undefined;
}

function plural(n: number, one: string, many: string): string {
  return `${String(n)} ${n === 1 ? one : many}`;
}

/** Phrases one tool call as a compact chip: "Added task ‘call mom’ · due tomorrow 5:00 PM". */
export function describeTool(activity: ToolActivity, dates: FormatOptions): ToolChip {
  const input = record(activity.input);
  const task = taskOf(activity.output);
  const title = text(task.title) ?? text(input.title);
  // Tools report failures as results: {error: CODE, message: "human text"}.
  const failed = record(activity.output);
  const outputError = failed.error ? (text(failed.message) ?? text(failed.error)) : undefined;
  if (activity.state === "error" || outputError) {
    const reason = activity.errorText ?? outputError;
    const what = RUNNING[activity.tool] ?? `Running ${activity.tool.replaceAll("_", " ")}`;
    return {
      tone: "error",
      text: `${what.replace(/…$/, "")} failed${reason ? ` · ${shorten(reason, 80)}` : ""}`,
    };
  }
  if (activity.state === "running") {
    return { tone: "running", text: RUNNING[activity.tool] ?? `Running ${activity.tool}…` };
  }
  switch (activity.tool) {
    case "add_task": {
      const due = text(task.due_at) ?? text(input.due_at);
      const allDay = task.due_all_day === true || input.due_all_day === true;
      const dueText = due ? formatDue(due, allDay, dates) : "";
      return {
        tone: "done",
        text: `Added task ${quoted(title)}${dueText ? ` · due ${dueText}` : ""}`,
      };
    }
    case "complete_task":
      return { tone: "done", text: `Completed ${quoted(title)}` };
    case "toggle_task_status":
      return {
        tone: "done",
        text: `${task.completed === false ? "Reopened" : "Completed"} ${quoted(title)}`,
      };
    case "update_task":
      return { tone: "done", text: `Updated ${quoted(title)}` };
    case "delete_task":
      return { tone: "done", text: `Deleted ${quoted(title)}` };
    case "list_tasks": {
      const n = count(activity.output, "tasks");
      return {
        tone: "done",
        text:
          n === undefined
            ? "Looked at your tasks"
            : `Looked at your tasks · ${plural(n, "task", "tasks")}`,
      };
    }
    case "search_knowledge": {
      const query = text(input.query) ?? text(input.q);
      const n = count(activity.output, "results") ?? count(activity.output, "sources");
      return {
        tone: "done",
        text: `Searched your documents${query ? ` for ‘${shorten(query, 40)}’` : ""}${
          n === undefined ? "" : ` · ${plural(n, "passage", "passages")}`
        }`,
      };
    }
    default:
      return { tone: "done", text: `Used ${activity.tool.replaceAll("_", " ")}` };
  }
}

const RUNNING: Record<string, string> = {
  add_task: "Adding a task…",
  complete_task: "Completing a task…",
  toggle_task_status: "Updating a task…",
  update_task: "Updating a task…",
  delete_task: "Deleting a task…",
  list_tasks: "Looking at your tasks…",
  search_knowledge: "Searching your documents…",
};
