import type { UIMessage } from "ai";
import type { ToolActivity } from "./tool-chips.js";
import type { Source, StoredMessage } from "./types.js";

/** Metadata the server may attach to a streamed assistant message. */
export interface ChatMetadata {
  conversation_id?: string;
  sources?: Source[];
}

/** Data parts the server streams: the conversation id first, sources when documents are used. */
export interface ChatDataParts {
  conversation: { conversation_id: string };
  sources: { sources: Source[] };
  [name: string]: unknown;
}

/** The chat's message type. */
export type ChatMessage = UIMessage<ChatMetadata, ChatDataParts>;

type Part = ChatMessage["parts"][number];

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The human reason of a failed tool result `{error, message}`. */
function failureText(result: unknown): string {
  const { message, error } = record(result);
  if (typeof message === "string" && message) return message;
  if (typeof error === "string" && error) return error;
  return "The tool failed.";
}

/** The conversation id a streamed message announces (metadata or a `data-conversation` part). */
export function conversationIdOf(message: {
  metadata?: unknown;
  parts: readonly { type: string; data?: unknown }[];
}): string | undefined {
  const fromMetadata = record(message.metadata).conversation_id;
  if (typeof fromMetadata === "string" && fromMetadata) return fromMetadata;
  for (const part of message.parts) {
    if (part.type !== "data-conversation") continue;
    const id = record(part.data).conversation_id;
    if (typeof id === "string" && id) return id;
  }
  return undefined;
}

/** The plain text of a message (its text parts joined). */
export function textOf(message: { parts: readonly { type: string; text?: string }[] }): string {
  return message.parts
    .filter((part) => part.type === "text")
    .map((part) => part.text ?? "")
    .join("");
}

/** The tool calls of a message in order, whatever shape (static `tool-x` or dynamic) they came in. */
export function toolActivitiesOf(parts: readonly Part[]): (ToolActivity & { id: string })[] {
  const out: (ToolActivity & { id: string })[] = [];
  for (const part of parts) {
    let tool: string | undefined;
    if (part.type === "dynamic-tool") tool = part.toolName;
    else if (part.type.startsWith("tool-")) tool = part.type.slice(5);
    if (!tool || !("state" in part) || !("toolCallId" in part)) continue;
    const state =
      part.state === "output-available"
        ? "done"
        : part.state === "output-error" || part.state === "output-denied"
          ? "error"
          : "running";
    out.push({
      id: part.toolCallId,
      tool,
      state,
      input: part.input,
      output: "output" in part ? part.output : undefined,
      ...(part.state === "output-error" ? { errorText: part.errorText } : {}),
    });
  }
  return out;
}

/**
 * Converts stored history into chat messages: tool calls become finished tool parts, sources a
 * `data-sources` part, and consecutive assistant rows (a tool step, then its answer) one message.
 */
export function storedToChatMessages(stored: readonly StoredMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const row of stored) {
    if (row.role !== "user" && row.role !== "assistant") continue;
    const parts: Part[] = [];
    (row.tool_calls ?? []).forEach((call, index) => {
      const base = {
        type: "dynamic-tool" as const,
        toolName: call.tool,
        toolCallId: `${row.id}-${String(index)}`,
      };
      parts.push(
        call.is_error
          ? {
              ...base,
              state: "output-error",
              input: call.arguments ?? {},
              errorText: failureText(call.result),
            }
          : {
              ...base,
              state: "output-available",
              input: call.arguments ?? {},
              output: call.result,
            },
      );
    });
    if (row.sources && row.sources.length > 0) {
      parts.push({ type: "data-sources", data: { sources: row.sources } });
    }
    if (row.content) parts.push({ type: "text", text: row.content, state: "done" });
    const previous = out.at(-1);
    if (row.role === "assistant" && previous?.role === "assistant") {
      previous.parts.push(...parts);
      continue;
    }
    out.push({ id: row.id, role: row.role, parts });
  }
  return out;
}
