/** Shapes the offline model reads from tool results and writes as tool calls. */

/** Task priority as the API spells it. */
export type Priority = "none" | "low" | "medium" | "high";

/** A task as the task tools return it (API.md's snake_case Task). */
export interface TaskView {
  id: string;
  title: string;
  description?: string | null;
  completed: boolean;
  completed_at?: string | null;
  priority: Priority;
  due_at: string | null;
  due_all_day: boolean;
  recurrence: string | null;
  tags: string[];
  created_at?: string;
  updated_at?: string;
}

/** One tool call the model decides to make. */
export interface PlannedCall {
  toolName: string;
  input: Record<string, unknown>;
}

/** What the model does on this step: call tools, or answer. */
export type Plan = { kind: "tools"; calls: PlannedCall[] } | { kind: "text"; text: string };

/** One tool call of the conversation together with what it returned. */
export interface ToolExchange {
  /** The user message this exchange answered. */
  userText: string;
  /** Which user message that was (0 for the first): one request's calls share it. */
  userTurn: number;
  toolName: string;
  input: Record<string, unknown>;
  /** The tool's JSON result; undefined when the result is missing. */
  output: unknown;
  /** Set when the tool failed (an error result, or a JSON result carrying `error`). */
  error: string | null;
}

/** Everything the planner knows about the user and the conversation. */
export interface PlanContext {
  /** The latest user message, as typed. */
  userText: string;
  /** Which user message the latest is (0 for the first), as `ToolExchange.userTurn` counts. */
  userTurn: number;
  /** The user message before the latest, as typed; null on the first. */
  previousUserText: string | null;
  /** Tool exchanges after the latest user message (this turn), oldest first. */
  turn: ToolExchange[];
  /** Tool exchanges before the latest user message, oldest first. */
  history: ToolExchange[];
  /** Names of the tools the caller offered. */
  toolNames: ReadonlySet<string>;
  /** The largest `limit` list_tasks accepts, when its schema says. */
  listLimit: number | undefined;
  /** Earlier turns of the conversation were left out of the prompt (a long history). */
  historyTrimmed: boolean;
  timezone: string;
  now: Date;
}
