import { asRecord } from "./conversation.js";
import type { Plan, PlanContext, TaskView, ToolExchange } from "./offline.types.js";

/** Tools whose results change tasks (and can therefore be undone). */
export const MUTATING_TOOLS = new Set(["add_task", "update_task", "complete_task", "delete_task"]);

/** The tools every task action needs. */
export const TASK_TOOLS = ["list_tasks", "add_task", "update_task", "complete_task", "delete_task"];

/** A plan that calls one tool. */
export function callTool(toolName: string, input: Record<string, unknown>): Plan {
  return { kind: "tools", calls: [{ toolName, input }] };
}

/** A plan that answers with text. */
export function reply(text: string): Plan {
  return { kind: "text", text };
}

function isTask(value: unknown): value is TaskView {
  const task = asRecord(value);
  return typeof task.id === "string" && typeof task.title === "string";
}

/** The `task` of a tool result, if it has one. */
export function taskOf(output: unknown, key = "task"): TaskView | null {
  const value = asRecord(output)[key];
  return isTask(value) ? normalizeTask(value) : null;
}

/** The `tasks` of a list result. */
export function tasksOf(output: unknown): TaskView[] {
  const tasks = asRecord(output).tasks;
  return Array.isArray(tasks) ? tasks.filter(isTask).map(normalizeTask) : [];
}

function normalizeTask(task: TaskView): TaskView {
  return {
    ...task,
    // Results come from outside: trust nothing about their field types.
    completed: (task.completed as unknown) === true,
    priority: task.priority ?? "none",
    due_at: typeof task.due_at === "string" ? task.due_at : null,
    due_all_day: (task.due_all_day as unknown) === true,
    recurrence: typeof task.recurrence === "string" ? task.recurrence : null,
    tags: Array.isArray(task.tags) ? task.tags.filter((tag) => typeof tag === "string") : [],
  };
}

/** True when the caller offered every named tool. */
export function hasTools(ctx: PlanContext, ...names: string[]): boolean {
  return names.every((name) => ctx.toolNames.has(name));
}

/** The turn's exchanges with one tool, newest last. */
export function turnCalls(ctx: PlanContext, toolName: string): ToolExchange[] {
  return ctx.turn.filter((exchange) => exchange.toolName === toolName);
}

/** The exchanges made for the previous user message, oldest first. */
export function previousTurn(ctx: PlanContext): ToolExchange[] {
  return ctx.history.filter((exchange) => exchange.userTurn === ctx.userTurn - 1);
}

/** Whether an exchange changed a task (a mutating tool that did not fail). */
export function changedTask(exchange: ToolExchange | undefined): exchange is ToolExchange {
  return exchange !== undefined && MUTATING_TOOLS.has(exchange.toolName) && !exchange.error;
}

/**
 * The changes the assistant made for the latest message that changed anything, oldest first
 * ("complete 1 and 3" is two); empty when this conversation, as far as it is seen, changed none.
 */
export function lastChanges(ctx: PlanContext): ToolExchange[] {
  const history = ctx.history;
  let index = history.length - 1;
  while (index >= 0 && !changedTask(history[index])) index--;
  const userTurn = history[index]?.userTurn;
  const group: ToolExchange[] = [];
  for (let i = index; i >= 0 && history[i]?.userTurn === userTurn; i--) {
    const exchange = history[i];
    if (changedTask(exchange)) group.unshift(exchange);
  }
  return group;
}

/** A tool failure in words the user can act on. */
export function failureText(exchange: ToolExchange, what: string): string {
  const message = (exchange.error ?? "").trim();
  if (/not[_ ]found/i.test(message)) {
    return `I couldn't ${what}: that task no longer exists. Say \u201cshow my tasks\u201d to see what's there.`;
  }
  const detail = message && !/^[A-Z_]+$/.test(message) ? ` ${message.replace(/\.?$/, ".")}` : "";
  return `Sorry, I couldn't ${what}.${detail}`;
}

/** The reply for a plan that needs task tools the caller did not offer. */
export const NO_TASK_TOOLS =
  "I can't manage tasks here \u2014 task tools aren't available in this chat.";
