import type {
  LanguageModelV3FunctionTool,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3ToolResultOutput,
} from "@ai-sdk/provider";
import type { ModelMessage } from "ai";
import { zodSchema } from "ai";
import type { ToolDefinition } from "../tools/tool-definition.js";
import type { AgentToolCall } from "./agent.js";

type AssistantPart = Extract<LanguageModelV3Message, { role: "assistant" }>["content"][number];
type ToolPart = Extract<LanguageModelV3Message, { role: "tool" }>["content"][number];

/**
 * One conversation message in the provider interface's form, as the AI SDK converts it
 * (`convertToLanguageModelPrompt`): text becomes text parts, empty text parts are dropped, tool
 * calls and results keep their ids. Docket's history holds text, reasoning, tool calls and tool
 * results only (no files), so nothing has to be downloaded or validated.
 */
function toProviderMessage(message: ModelMessage): LanguageModelV3Message {
  switch (message.role) {
    case "system":
      return { role: "system", content: message.content };
    case "user": {
      if (typeof message.content === "string")
        return { role: "user", content: [{ type: "text", text: message.content }] };
      const content = message.content.flatMap((part) =>
        part.type === "text" && part.text !== ""
          ? [{ type: "text" as const, text: part.text }]
          : [],
      );
      return { role: "user", content };
    }
    case "assistant": {
      if (typeof message.content === "string")
        return { role: "assistant", content: [{ type: "text", text: message.content }] };
      const content: AssistantPart[] = [];
      for (const part of message.content) {
        if (part.type === "text" && part.text !== "")
          content.push({ type: "text", text: part.text });
        else if (part.type === "reasoning") content.push({ type: "reasoning", text: part.text });
        else if (part.type === "tool-call")
          content.push({
            type: "tool-call",
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            input: part.input,
          });
      }
      return { role: "assistant", content };
    }
    case "tool": {
      const content: ToolPart[] = [];
      for (const part of message.content) {
        if (part.type !== "tool-result") continue;
        content.push({
          type: "tool-result",
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          output: part.output as LanguageModelV3ToolResultOutput,
        });
      }
      return { role: "tool", content };
    }
  }
}

/** The system prompt and conversation as a provider prompt; adjacent tool messages are merged. */
export function toProviderPrompt(
  system: string | undefined,
  messages: ModelMessage[],
): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Prompt = system ? [{ role: "system", content: system }] : [];
  appendToPrompt(prompt, messages);
  return prompt;
}

/** Adds messages (a step's answer and tool results) to a provider prompt. */
export function appendToPrompt(prompt: LanguageModelV3Prompt, messages: ModelMessage[]): void {
  for (const message of messages) {
    const converted = toProviderMessage(message);
    const last = prompt.at(-1);
    if (converted.role === "tool" && last?.role === "tool") last.content.push(...converted.content);
    else if (converted.role !== "tool" || converted.content.length > 0) prompt.push(converted);
  }
}

// Tool schemas are module constants: each is converted to JSON Schema once, not per request.
const jsonSchemas = new WeakMap<object, LanguageModelV3FunctionTool["inputSchema"]>();

/** A tool as the model is shown it: name, description and the JSON Schema of its input. */
export function toProviderTool(definition: ToolDefinition): LanguageModelV3FunctionTool {
  let inputSchema = jsonSchemas.get(definition.inputSchema);
  if (!inputSchema) {
    inputSchema = zodSchema(definition.inputSchema).jsonSchema as typeof inputSchema & object;
    jsonSchemas.set(definition.inputSchema, inputSchema);
  }
  return {
    type: "function",
    name: definition.name,
    description: definition.description,
    inputSchema,
  };
}

/** A step's answer (reasoning, text, tool calls) and its tool results, as conversation messages. */
export function stepMessages(
  texts: Map<string, string>,
  reasoning: Map<string, string>,
  calls: AgentToolCall[],
): ModelMessage[] {
  const content: Exclude<Extract<ModelMessage, { role: "assistant" }>["content"], string> = [];
  for (const text of reasoning.values()) content.push({ type: "reasoning", text });
  for (const text of texts.values()) if (text !== "") content.push({ type: "text", text });
  for (const toolCall of calls) {
    content.push({
      type: "tool-call",
      toolCallId: toolCall.toolCallId,
      toolName: toolCall.toolName,
      input: typeof toolCall.input === "object" && toolCall.input !== null ? toolCall.input : {},
    });
  }
  const messages: ModelMessage[] = [];
  if (content.length > 0) messages.push({ role: "assistant", content });
  const results = calls.filter((toolCall) => toolCall.outcome);
  if (results.length > 0) {
    messages.push({
      role: "tool",
      content: results.map((toolCall) => ({
        type: "tool-result" as const,
        toolCallId: toolCall.toolCallId,
        toolName: toolCall.toolName,
        output: modelOutput(toolCall),
      })),
    });
  }
  return messages;
}

/** What the model is shown of a tool's result, as the AI SDK shows it. */
function modelOutput(toolCall: AgentToolCall) {
  const failedCall = toolCall.outcome?.failedCall;
  if (failedCall !== undefined) return { type: "error-text" as const, value: failedCall };
  const output = toolCall.outcome?.output;
  if (typeof output === "string") return { type: "text" as const, value: output };
  return { type: "json" as const, value: (output ?? null) as never };
}
