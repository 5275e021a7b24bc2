import { randomUUID } from "node:crypto";
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { contextFromCall } from "./conversation.js";
import type { Plan } from "./offline.types.js";
import { planNextStep } from "./planner.js";

/** The model id the offline model reports. */
export const OFFLINE_MODEL_ID = "docket-offline";
/** The provider name the offline model reports. */
export const OFFLINE_PROVIDER = "offline";

/** Rough token count: about four characters per token, like most BPE vocabularies. */
function tokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function promptChars(options: LanguageModelV3CallOptions): number {
  return JSON.stringify(options.prompt).length;
}

function usageOf(options: LanguageModelV3CallOptions, outputChars: number): LanguageModelV3Usage {
  const input = tokens(promptChars(options));
  const output = tokens(outputChars);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}

function finishReasonOf(plan: Plan): LanguageModelV3FinishReason {
  return plan.kind === "tools"
    ? { unified: "tool-calls", raw: "tool-calls" }
    : { unified: "stop", raw: "stop" };
}

/** The plan as V3 content parts; tool inputs are JSON strings, as the spec requires. */
function contentOf(plan: Plan): LanguageModelV3Content[] {
  if (plan.kind === "text") return [{ type: "text", text: plan.text }];
  return plan.calls.map((call) => ({
    type: "tool-call",
    toolCallId: `call_${randomUUID()}`,
    toolName: call.toolName,
    input: JSON.stringify(call.input),
  }));
}

function outputChars(content: readonly LanguageModelV3Content[]): number {
  return content.reduce(
    (sum, part) =>
      sum +
      (part.type === "text" ? part.text.length : part.type === "tool-call" ? part.input.length : 0),
    0,
  );
}

/** Splits a reply into word-sized deltas so streaming clients see it arrive. */
function textDeltas(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

function streamPartsOf(content: readonly LanguageModelV3Content[]): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [];
  for (const [index, part] of content.entries()) {
    if (part.type === "text") {
      const id = `text-${index}`;
      parts.push({ type: "text-start", id });
      for (const delta of textDeltas(part.text)) parts.push({ type: "text-delta", id, delta });
      parts.push({ type: "text-end", id });
    } else if (part.type === "tool-call") {
      parts.push({ type: "tool-input-start", id: part.toolCallId, toolName: part.toolName });
      parts.push({ type: "tool-input-delta", id: part.toolCallId, delta: part.input });
      parts.push({ type: "tool-input-end", id: part.toolCallId });
      parts.push(part);
    }
  }
  return parts;
}

function run(options: LanguageModelV3CallOptions): LanguageModelV3GenerateResult {
  options.abortSignal?.throwIfAborted();
  const plan = planNextStep(contextFromCall(options));
  const content = contentOf(plan);
  return {
    content,
    finishReason: finishReasonOf(plan),
    usage: usageOf(options, outputChars(content)),
    response: { id: `offline-${randomUUID()}`, modelId: OFFLINE_MODEL_ID, timestamp: new Date() },
    warnings: [],
  };
}

/**
 * The built-in offline assistant: a deterministic planner behind the AI SDK language-model
 * interface. Each call reads the conversation (prompt, tool results, `providerOptions.docket`
 * `{ timezone, now, trimmed }`) and returns the next tool calls or the final reply.
 */
export function createOfflineModel(): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: OFFLINE_PROVIDER,
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},
    doGenerate(options) {
      return Promise.resolve().then(() => run(options));
    },
    doStream(options) {
      return Promise.resolve().then(() => {
        const result = run(options);
        const parts: LanguageModelV3StreamPart[] = [
          { type: "stream-start", warnings: [] },
          { type: "response-metadata", ...result.response },
          ...streamPartsOf(result.content),
          { type: "finish", usage: result.usage, finishReason: result.finishReason },
        ];
        const stream = new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        });
        return { stream };
      });
    },
  };
}
