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
 * What a tool result left out of the history reads as: the call stays (providers reject a call
 * without its result), and a model can tell it should look again rather than trust it.
 */
export const OMITTED_RESULT = {
  type: "json",
  value: { omitted: true, note: "Left out of the history to save space." },
} as const;

/** The turns of `messages`: each user message and what followed it (anything before the first goes). */
function turnsOf(messages: ModelMessage[]): ModelMessage[][] {
  const turns: ModelMessage[][] = [];
  for (const message of messages) {
    if (message.role === "user") turns.push([message]);
    else turns.at(-1)?.push(message);
  }
  return turns;
}

function tokensOfTurn(turn: ModelMessage[]): number {
  return turn.reduce((sum, message) => sum + estimateTokens(message), 0);
}

/**
 * `turn` with its largest tool results replaced by `OMITTED_RESULT`, biggest first, until it
 * fits `budget` tokens or none is left: a long task list looked up before a change goes, the
 * change's own result (what "undo" reads) stays whenever it can.
 */
function withResultsOmitted(turn: ModelMessage[], budget: number): ModelMessage[] {
  const results = turn.flatMap((message, index) =>
    message.role === "tool"
      ? message.content.map((part, partIndex) => ({
          index,
          partIndex,
          size: part.type === "tool-result" ? JSON.stringify(part.output).length : 0,
        }))
      : [],
  );
  results.sort((a, b) => b.size - a.size);
  const shortened = [...turn];
  let tokens = tokensOfTurn(turn);
  for (const { index, partIndex, size } of results) {
    if (tokens <= budget || size <= JSON.stringify(OMITTED_RESULT).length) break;
    const message = shortened[index];
    if (message?.role !== "tool") continue;
    const before = estimateTokens(message);
    const content = message.content.map((part, i) =>
      i === partIndex && part.type === "tool-result" ? { ...part, output: OMITTED_RESULT } : part,
    );
    const replaced: ModelMessage = { ...message, content };
    shortened[index] = replaced;
    tokens += estimateTokens(replaced) - before;
  }
  return shortened;
}

/**
 * Keeps the most recent turns (a user message and what followed it) that fit the token budget.
 * A turn is never cut in half, so no tool result loses its call; one too big to fit whole is
 * kept with its largest tool results left out when that makes it fit. The newest turn is always
 * kept whole, and the one before it always kept, shortened as far as it goes: what the
 * assistant last changed stays in view however long that turn's lookups were, so "undo" and
 * "it" still work.
 */
export function trimToTokenBudget(messages: ModelMessage[], budget: number): ModelMessage[] {
  const turns = turnsOf(messages);
  const kept: ModelMessage[][] = [];
  let used = 0;
  for (let index = turns.length - 1; index >= 0; index--) {
    const turn = turns[index] ?? [];
    const newest = index === turns.length - 1;
    const whole = tokensOfTurn(turn);
    if (newest || used + whole <= budget) {
      kept.push(turn);
      used += whole;
      continue;
    }
    const shortened = withResultsOmitted(turn, budget - used);
    const tokens = tokensOfTurn(shortened);
    const previous = index === turns.length - 2;
    if (!previous && used + tokens > budget) break;
    kept.push(shortened);
    used += tokens;
  }
  return kept.reverse().flat();
}
