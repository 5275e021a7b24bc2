import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Prompt,
  LanguageModelV3ToolResultOutput,
} from "@ai-sdk/provider";
import type { PlanContext, ToolExchange } from "./offline.types.js";
import { isValidTimeZone } from "../../modules/tasks/quick-add/zone.js";

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === "string") {
    try {
      return asRecord(JSON.parse(value) as unknown);
    } catch {
      return {};
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function readOutput(output: LanguageModelV3ToolResultOutput): {
  value: unknown;
  error: string | null;
} {
  switch (output.type) {
    case "json":
    case "error-json": {
      const value = output.value;
      const record = asRecord(value);
      const failed = output.type === "error-json" || typeof record.error === "string";
      const message =
        typeof record.message === "string"
          ? record.message
          : typeof record.error === "string"
            ? record.error
            : "The tool failed.";
      return { value, error: failed ? message : null };
    }
    case "text": {
      const parsed = asRecord(output.value);
      if (typeof parsed.error === "string") {
        return {
          value: parsed,
          error: typeof parsed.message === "string" ? parsed.message : parsed.error,
        };
      }
      return { value: Object.keys(parsed).length > 0 ? parsed : output.value, error: null };
    }
    case "error-text":
      return { value: undefined, error: output.value };
    case "execution-denied":
      return { value: undefined, error: output.reason ?? "That action was not allowed." };
    case "content":
      return { value: undefined, error: null };
  }
}

/** Pairs every tool call in `prompt` with its result, and finds the latest user message. */
export function readConversation(prompt: LanguageModelV3Prompt): {
  userText: string;
  userTurn: number;
  previousUserText: string | null;
  turn: ToolExchange[];
  history: ToolExchange[];
} {
  const exchanges: ToolExchange[] = [];
  const byCallId = new Map<string, ToolExchange>();
  let userText = "";
  let previousUserText: string | null = null;
  let userTurn = -1;
  let turnStart = 0;
  const addResult = (callId: string, toolName: string, output: LanguageModelV3ToolResultOutput) => {
    const { value, error } = readOutput(output);
    const known = byCallId.get(callId);
    if (known) {
      known.output = value;
      known.error = error;
    } else {
      exchanges.push({ userText, userTurn, toolName, input: {}, output: value, error });
    }
  };
  for (const message of prompt) {
    if (message.role === "user") {
      if (userTurn >= 0) previousUserText = userText;
      userText = message.content
        .map((part) => (part.type === "text" ? part.text : ""))
        .join(" ")
        .trim();
      userTurn += 1;
      turnStart = exchanges.length;
    } else if (message.role === "assistant") {
      for (const part of message.content) {
        if (part.type === "tool-call") {
          const exchange: ToolExchange = {
            userText,
            userTurn,
            toolName: part.toolName,
            input: asRecord(part.input),
            output: undefined,
            error: null,
          };
          exchanges.push(exchange);
          byCallId.set(part.toolCallId, exchange);
        } else if (part.type === "tool-result") {
          addResult(part.toolCallId, part.toolName, part.output);
        }
      }
    } else if (message.role === "tool") {
      for (const part of message.content) {
        if (part.type === "tool-result") addResult(part.toolCallId, part.toolName, part.output);
      }
    }
  }
  return {
    userText,
    userTurn,
    previousUserText,
    turn: exchanges.slice(turnStart),
    history: exchanges.slice(0, turnStart),
  };
}

function listLimitOf(options: LanguageModelV3CallOptions): number | undefined {
  const listTool = options.tools?.find((tool) => tool.name === "list_tasks");
  if (!listTool || listTool.type !== "function") return undefined;
  const properties = asRecord(listTool.inputSchema.properties);
  const maximum = asRecord(properties.limit).maximum;
  return typeof maximum === "number" ? maximum : undefined;
}

/**
 * Builds the planner's view of one model call: prompt, offered tools, the user's clock and
 * whether earlier turns were left out (`providerOptions.docket` `{ timezone, now, trimmed }`).
 */
export function contextFromCall(options: LanguageModelV3CallOptions): PlanContext {
  const docket = asRecord(options.providerOptions?.docket);
  const timezone =
    typeof docket.timezone === "string" && isValidTimeZone(docket.timezone)
      ? docket.timezone
      : "UTC";
  const parsedNow = typeof docket.now === "string" ? new Date(docket.now) : new Date();
  const now = Number.isNaN(parsedNow.getTime()) ? new Date() : parsedNow;
  return {
    ...readConversation(options.prompt),
    toolNames: new Set((options.tools ?? []).map((tool) => tool.name)),
    listLimit: listLimitOf(options),
    historyTrimmed: docket.trimmed === true,
    timezone,
    now,
  };
}

/** `value` as a plain object, `{}` for anything else (JSON strings are parsed). */
export { asRecord };
