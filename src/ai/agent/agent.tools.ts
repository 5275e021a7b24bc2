import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import type { UIMessageChunk } from "ai";
import { isToolFailure, type ToolDefinition } from "../tools/tool-definition.js";
import type { AgentToolCall } from "./agent.js";

// How the agent loop (`agent.ts`) reads a model's tool calls and runs them.

type ToolCallPart = Extract<LanguageModelV3StreamPart, { type: "tool-call" }>;

/** The outcome of a call that could not be made or failed: the model is told `reason`. */
function failedCall(reason: string): NonNullable<AgentToolCall["outcome"]> {
  return {
    output: { error: "TOOL_CALL_FAILED", message: reason },
    isError: true,
    failedCall: reason,
  };
}

/**
 * Reads a tool call the model made: the call, the tool to run for it once the step has
 * finished (none for an unknown tool or unreadable arguments, which get their failure at once),
 * and the chunks that tell the client.
 */
export function readToolCall(
  part: ToolCallPart,
  tools: Map<string, ToolDefinition>,
): { call: AgentToolCall; tool?: ToolDefinition; chunks: UIMessageChunk[] } {
  const parsed = parseInput(part, tools);
  const { toolCallId, toolName } = part;
  const call: AgentToolCall = { toolCallId, toolName, input: parsed.input };
  if (parsed.error === undefined) {
    const chunks: UIMessageChunk[] = [
      { type: "tool-input-available", toolCallId, toolName, input: parsed.input },
    ];
    return { call, tool: parsed.tool, chunks };
  }
  // Nothing runs: the model is told why, and may try again.
  call.outcome = failedCall(parsed.error);
  const errorText = parsed.error;
  return {
    call,
    chunks: [
      { type: "tool-input-error", toolCallId, toolName, input: parsed.input, errorText },
      { type: "tool-output-error", toolCallId, errorText },
    ],
  };
}

/** Parses a tool call's JSON arguments; an empty string is an empty object, as in the AI SDK. */
function parseInput(
  part: ToolCallPart,
  tools: Map<string, ToolDefinition>,
): { input: unknown; tool: ToolDefinition; error?: undefined } | { input: unknown; error: string } {
  const tool = tools.get(part.toolName);
  if (!tool) {
    const available = [...tools.keys()].join(", ");
    return {
      error: `Model tried to call unavailable tool '${part.toolName}'. Available tools: ${available}.`,
      input: safeJson(part.input),
    };
  }
  if (part.input.trim() === "") return { input: {}, tool };
  try {
    return { input: JSON.parse(part.input) as unknown, tool };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: `Invalid input for tool ${part.toolName}: ${reason}`, input: part.input };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Runs a tool; a tool that throws (defined tools do not) is a failed call. */
async function runTool(
  definition: ToolDefinition,
  input: unknown,
): Promise<NonNullable<AgentToolCall["outcome"]>> {
  try {
    const output = await definition.execute(input);
    return { output, isError: isToolFailure(output) };
  } catch {
    return failedCall("The tool call failed.");
  }
}

/** Resolves `graceMs` after `signal` aborts (at once if it has); never without a signal. */
function graceAfterAbort(signal: AbortSignal | undefined, graceMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const expired = new Promise<"expired">((resolve) => {
    if (!signal) return;
    const start = () => (timer = setTimeout(() => resolve("expired"), graceMs));
    if (signal.aborted) start();
    else signal.addEventListener("abort", (onAbort = start), { once: true });
  });
  return {
    expired,
    dispose: () => {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener("abort", onAbort);
    },
  };
}

/**
 * Runs a step's tool calls at once and yields each result as it comes. Once the caller has
 * aborted, the calls still running are waited for `graceMs` at most (their effect, a task
 * created say, still happens; waiting lets the turn record it); those still running then are
 * left without an outcome.
 */
export async function* runTools(
  calls: { call: AgentToolCall; tool: ToolDefinition }[],
  signal: AbortSignal | undefined,
  graceMs: number,
): AsyncGenerator<UIMessageChunk> {
  const grace = graceAfterAbort(signal, graceMs);
  const running = new Map(
    calls.map(({ call, tool }, index) => [
      index,
      runTool(tool, call.input).then((outcome) => ({ call, index, outcome })),
    ]),
  );
  try {
    while (running.size > 0) {
      const next = await Promise.race([...running.values(), grace.expired]);
      if (next === "expired") return;
      running.delete(next.index);
      const { call, outcome } = next;
      call.outcome = outcome;
      yield outcome.failedCall !== undefined
        ? { type: "tool-output-error", toolCallId: call.toolCallId, errorText: outcome.failedCall }
        : {
            type: "tool-output-available",
            toolCallId: call.toolCallId,
            output: outcome.output ?? null,
          };
    }
  } finally {
    grace.dispose();
  }
}
