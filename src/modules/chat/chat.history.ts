import type { ModelMessage } from "ai";
import type { HistoryRow } from "./conversation.repository.js";

/** Rough tokens of a message: ~4 characters a token is close enough to budget a prompt. */
export function estimateTokens(message: ModelMessage): number {
  const text =
    typeof message.content === "string" ? message.content : JSON.stringify(message.content);
  return Math.ceil(text.length / 4) + 4;
}

/**
 * Rebuilds the model messages of stored rows: user text, assistant steps with their tool calls,
 * and tool results, so the model sees what earlier turns did ("complete the second one").
 * Failed turns leave no trace the model could misread; interrupted answers stay as they were.
 */
export function rowsToModelMessages(rows: HistoryRow[]): ModelMessage[] {
  const result: ModelMessage[] = [];
  for (const row of rows) {
    if (row.status === "error") continue;
    if (row.role === "user") {
      result.push({ role: "user", content: row.content });
    } else if (row.role === "assistant") {
      const parts = row.parts as
        Exclude<ModelMessage & { role: "assistant" }, string>["content"] | null;
      if (Array.isArray(parts) && parts.length > 0)
        result.push({ role: "assistant", content: parts });
      else if (row.content) result.push({ role: "assistant", content: row.content });
    } else if (Array.isArray(row.parts) && row.parts.length > 0) {
      result.push({
        role: "tool",
        content: row.parts as (ModelMessage & { role: "tool" })["content"],
      });
    }
  }
  return dropOrphanToolCalls(result);
}

/**
 * A tool call without its result (a turn interrupted mid-tool) makes providers reject the
 * prompt; such calls are removed, and an assistant message left empty is dropped.
 */
function dropOrphanToolCalls(messages: ModelMessage[]): ModelMessage[] {
  const answered = new Set<string>();
  for (const message of messages) {
    if (message.role !== "tool") continue;
    for (const part of message.content)
      if (part.type === "tool-result") answered.add(part.toolCallId);
  }
  const called = new Set<string>();
  const out: ModelMessage[] = [];
  for (const message of messages) {
    if (message.role === "assistant" && Array.isArray(message.content)) {
      const content = message.content.filter(
        (part) => part.type !== "tool-call" || answered.has(part.toolCallId),
      );
      for (const part of content) if (part.type === "tool-call") called.add(part.toolCallId);
      if (content.length > 0) out.push({ ...message, content });
    } else if (message.role === "tool") {
      const content = message.content.filter(
        (part) => part.type !== "tool-result" || called.has(part.toolCallId),
      );
      if (content.length > 0) out.push({ ...message, content });
    } else {
      out.push(message);
    }
  }
  return out;
}

/**
 * Keeps the most recent whole turns that fit the token budget. A turn (a user message and what
 * followed it) is never cut in half, so no tool result loses its call; the newest turn is
 * always kept.
 */
export function trimToTokenBudget(messages: ModelMessage[], budget: number): ModelMessage[] {
  let used = 0;
  let start = messages.length;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (!message) continue;
    used += estimateTokens(message);
    if (message.role !== "user") continue;
    if (used > budget && start < messages.length) break;
    start = index;
  }
  return messages.slice(start);
}
