import type { AgentStep } from "../../ai/agent/agent.js";
import type { StoredToolCall, StoredUsage } from "../../db/schema/chat.js";
import { answeredBy } from "../../ai/models/fallback-model.js";
import { unfenced } from "../../ai/tools/knowledge-tools.js";
import { isToolFailure } from "../../ai/tools/tool-definition.js";
import type { NewMessage } from "./conversation.repository.js";

/** A source a chat answer cites: a passage of one of the user's documents. */
export interface ChatSource {
  n: number;
  document_id: string;
  title: string;
  chunk_id: string;
  snippet: string;
}

/** One finished model step with when it finished (ms since the turn started). */
export interface FinishedStep {
  step: AgentStep;
  elapsedMs: number;
}

/** The tool calls of a step, each with its result (a call that could not be made, with why). */
export function toolCallsOfStep(step: AgentStep): StoredToolCall[] {
  return step.toolCalls.map((call) => ({
    id: call.toolCallId,
    tool: call.toolName,
    arguments: call.input,
    ...(call.outcome ? { result: call.outcome.output, is_error: call.outcome.isError } : {}),
  }));
}

function usageOf(step: AgentStep): StoredUsage {
  return {
    input_tokens: step.usage.inputTokens ?? null,
    output_tokens: step.usage.outputTokens ?? null,
    total_tokens: step.usage.totalTokens ?? null,
  };
}

/** JSON-safe copy (drops undefined, Dates become strings) for a jsonb column. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

/** The rows one finished step is stored as: its assistant message and its tool results. */
export function rowsOfStep(finished: FinishedStep, previousElapsedMs: number): NewMessage[] {
  const { step } = finished;
  const by = answeredBy(step.providerMetadata);
  const calls = toolCallsOfStep(step);
  const rows: NewMessage[] = [];
  for (const message of step.messages) {
    if (message.role === "assistant") {
      rows.push({
        role: "assistant",
        content: step.text,
        parts: plain(
          typeof message.content === "string"
            ? [{ type: "text", text: message.content }]
            : message.content,
        ),
        toolCalls: calls.length > 0 ? plain(calls) : null,
        provider: by?.provider ?? step.model.provider,
        model: by?.model ?? step.model.modelId,
        usage: usageOf(step),
        latencyMs: Math.round(finished.elapsedMs - previousElapsedMs),
        status: "complete",
      });
    } else if (message.role === "tool") {
      rows.push({
        role: "tool",
        content: "",
        parts: plain(message.content),
        toolResults: plain(calls.filter((call) => "result" in call)),
        status: "complete",
      });
    }
  }
  return rows;
}

/** What the client saw of a step that never finished (the client left or the model failed). */
export interface PartialStep {
  text: string;
  toolCalls: { id: string; tool: string; input: unknown; output?: unknown; hasOutput: boolean }[];
}

/** The rows of an unfinished step, marked `interrupted` (or `error`); tool calls without a result are dropped. */
export function rowsOfPartialStep(
  partial: PartialStep,
  status: "interrupted" | "error",
  elapsedMs: number,
): NewMessage[] {
  const done = partial.toolCalls.filter((call) => call.hasOutput);
  const calls: StoredToolCall[] = done.map((call) => ({
    id: call.id,
    tool: call.tool,
    arguments: call.input,
    result: call.output,
    is_error: isToolFailure(call.output),
  }));
  const parts = [
    ...(partial.text ? [{ type: "text", text: partial.text }] : []),
    ...done.map((call) => ({
      type: "tool-call",
      toolCallId: call.id,
      toolName: call.tool,
      input: call.input,
    })),
  ];
  const rows: NewMessage[] = [
    {
      role: "assistant",
      content: partial.text,
      parts: plain(parts),
      toolCalls: calls.length > 0 ? plain(calls) : null,
      latencyMs: Math.round(elapsedMs),
      status,
    },
  ];
  if (done.length > 0) {
    rows.push({
      role: "tool",
      content: "",
      parts: plain(
        done.map((call) => ({
          type: "tool-result",
          toolCallId: call.id,
          toolName: call.tool,
          output: { type: "json", value: call.output ?? null },
        })),
      ),
      toolResults: plain(calls),
      status: "complete",
    });
  }
  return rows;
}

/** The document passages the turn's `search_knowledge` calls returned, numbered as cited. */
export function sourcesOf(calls: StoredToolCall[]): ChatSource[] {
  const sources: ChatSource[] = [];
  for (const call of calls) {
    if (call.tool !== "search_knowledge" || call.is_error) continue;
    const results = (call.result as { results?: unknown } | undefined)?.results;
    if (!Array.isArray(results)) continue;
    for (const item of results as Partial<ChatSource>[]) {
      if (typeof item.document_id !== "string" || typeof item.chunk_id !== "string") continue;
      sources.push({
        n: typeof item.n === "number" ? item.n : sources.length + 1,
        document_id: item.document_id,
        title: item.title ?? "",
        chunk_id: item.chunk_id,
        // The frame tells a model the text is data; a person reading the source needs only the text.
        snippet: unfenced(item.snippet ?? ""),
      });
    }
  }
  return sources;
}

/** A conversation title from its first message: one line, at most ~60 characters, on a word. */
export function titleFromMessage(message: string): string {
  const line = message.replace(/\s+/g, " ").trim();
  if (line.length <= 60) return line || "New conversation";
  const cut = line.slice(0, 60);
  const space = cut.lastIndexOf(" ");
  return `${(space > 30 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
