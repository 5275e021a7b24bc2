import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
  SharedV3ProviderOptions,
} from "@ai-sdk/provider";
import type { ModelMessage, UIMessageChunk } from "ai";
import type { ToolDefinition } from "../tools/tool-definition.js";
import { readToolCall, runTools } from "./agent.tools.js";
import { appendToPrompt, stepMessages, toProviderPrompt, toProviderTool } from "./prompt.js";

/** One turn for the agent: the model, what it is told, and the tools it may call. */
export interface AgentCall {
  model: LanguageModelV3;
  system?: string;
  messages: ModelMessage[];
  tools: ToolDefinition[];
  /** Model steps at most (each tool round-trip is one). */
  maxSteps: number;
  /** `stream` reads the model's stream part by part; `generate` asks for the whole answer. */
  mode: "stream" | "generate";
  providerOptions?: SharedV3ProviderOptions;
  abortSignal?: AbortSignal;
  /** The text of an `error` chunk sent to the client for a failure. */
  errorText?: (error: unknown) => string;
  /** How long a tool still running when the caller aborts is waited for. @default 5000 */
  toolGraceMs?: number;
}

/** A tool call of a step with what it returned (or the failure it was answered with). */
export interface AgentToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
  /**
   * What the call returned; absent while the tool has not returned (a turn cut short). A call
   * that could not be made (unknown tool, unreadable arguments) has the reason as `failedCall`.
   */
  outcome?: { output: unknown; isError: boolean; failedCall?: string };
}

/** Token counts of a step; undefined when the provider did not say. */
export interface AgentUsage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  totalTokens: number | undefined;
}

/** One finished model step. */
export interface AgentStep {
  text: string;
  toolCalls: AgentToolCall[];
  finishReason: LanguageModelV3FinishReason["unified"];
  usage: AgentUsage;
  providerMetadata: SharedV3ProviderMetadata | undefined;
  model: { provider: string; modelId: string };
  /** The messages this step adds to the conversation: its answer, then its tool results. */
  messages: ModelMessage[];
}

/** How a turn ended. `error` is set when the model failed; `aborted` when the caller left. */
export interface AgentOutcome {
  steps: AgentStep[];
  error?: unknown;
  aborted: boolean;
}

type Chunk = UIMessageChunk;

function usageOf(usage: LanguageModelV3Usage | undefined): AgentUsage {
  const input = usage?.inputTokens.total;
  const output = usage?.outputTokens.total;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens:
      input === undefined && output === undefined ? undefined : (input ?? 0) + (output ?? 0),
  };
}

/** The parts of a whole (non-streamed) answer, in the order a stream would have sent them. */
async function* partsOfGenerated(
  model: LanguageModelV3,
  options: LanguageModelV3CallOptions,
): AsyncGenerator<LanguageModelV3StreamPart> {
  const result = await model.doGenerate(options);
  if (result.response?.modelId)
    yield { type: "response-metadata", modelId: result.response.modelId };
  let id = 0;
  for (const part of result.content) {
    if (part.type === "text" || part.type === "reasoning") {
      const partId = String(id++);
      yield { type: `${part.type}-start`, id: partId };
      yield { type: `${part.type}-delta`, id: partId, delta: part.text };
      yield { type: `${part.type}-end`, id: partId };
    } else if (part.type === "tool-call") {
      yield part;
    }
  }
  yield {
    type: "finish",
    finishReason: result.finishReason,
    usage: result.usage,
    ...(result.providerMetadata ? { providerMetadata: result.providerMetadata } : {}),
  };
}

/** The parts of a streamed answer; the stream is cancelled when the reader stops early. */
async function* partsOfStream(
  model: LanguageModelV3,
  options: LanguageModelV3CallOptions,
): AsyncGenerator<LanguageModelV3StreamPart> {
  const { stream } = await model.doStream(options);
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

/** Runs the agent to its end, ignoring the chunks (a JSON turn): how it ended. */
export async function runAgentToEnd(
  call: AgentCall,
  onStep: (step: AgentStep) => void,
): Promise<AgentOutcome> {
  const agent = runAgent(call, onStep);
  for (;;) {
    const next = await agent.next();
    if (next.done) return next.value;
  }
}

/**
 * The chat agent's loop, written against the provider interface (`doStream`/`doGenerate`) the
 * AI SDK's `streamText`/`generateText` call, and behaving as they do: a step asks the model;
 * when it finished with `stop` or `tool-calls` (not on an error, a length or a content-filter
 * stop) the tools it called run, all at once; when every call has its result, the next step
 * shows the model those results, up to `maxSteps`. It yields the AI SDK UI message stream chunks
 * `useChat` reads (those `toUIMessageStream` produces) and reports each finished step to
 * `onStep`. It never throws for a model failure: the failure is an `error` chunk and
 * `outcome.error`. Doing this without the SDK's web-stream pipeline, telemetry spans and
 * per-call prompt validation takes a large share of the CPU out of a turn.
 */
export async function* runAgent(
  call: AgentCall,
  onStep: (step: AgentStep) => void,
): AsyncGenerator<Chunk, AgentOutcome> {
  const tools = new Map(call.tools.map((definition) => [definition.name, definition]));
  const providerTools = call.tools.map(toProviderTool);
  const prompt = toProviderPrompt(call.system, call.messages);
  const errorText = call.errorText ?? (() => "An error occurred.");
  const signal = call.abortSignal;
  const steps: AgentStep[] = [];
  yield { type: "start" };
  for (let stepNumber = 0; stepNumber < call.maxSteps; stepNumber++) {
    const options: LanguageModelV3CallOptions = {
      prompt: [...prompt], // later steps add to `prompt`; this call's stays as it was sent
      ...(providerTools.length > 0
        ? { tools: providerTools, toolChoice: { type: "auto" as const } }
        : {}),
      ...(call.providerOptions ? { providerOptions: call.providerOptions } : {}),
      ...(signal ? { abortSignal: signal } : {}),
    };
    const parts =
      call.mode === "stream"
        ? partsOfStream(call.model, options)
        : partsOfGenerated(call.model, options);
    let started = false;
    const texts = new Map<string, string>();
    const reasoning = new Map<string, string>();
    const calls: AgentToolCall[] = [];
    const toRun: { call: AgentToolCall; tool: ToolDefinition }[] = [];
    let finish: Extract<LanguageModelV3StreamPart, { type: "finish" }> | undefined;
    let modelId = call.model.modelId;
    let streamError: unknown;
    try {
      for await (const part of parts) {
        if (part.type === "stream-start") continue;
        if (!started) {
          // As in the SDK, a step starts with the model's first part: a model that fails
          // before answering leaves no empty step behind.
          started = true;
          yield { type: "start-step" };
        }
        switch (part.type) {
          case "text-start":
            texts.set(part.id, "");
            yield { type: "text-start", id: part.id };
            break;
          case "text-delta":
            texts.set(part.id, (texts.get(part.id) ?? "") + part.delta);
            yield { type: "text-delta", id: part.id, delta: part.delta };
            break;
          case "text-end":
            yield { type: "text-end", id: part.id };
            break;
          case "reasoning-start":
            reasoning.set(part.id, "");
            yield { type: "reasoning-start", id: part.id };
            break;
          case "reasoning-delta":
            reasoning.set(part.id, (reasoning.get(part.id) ?? "") + part.delta);
            yield { type: "reasoning-delta", id: part.id, delta: part.delta };
            break;
          case "reasoning-end":
            yield { type: "reasoning-end", id: part.id };
            break;
          case "tool-input-start":
            yield { type: "tool-input-start", toolCallId: part.id, toolName: part.toolName };
            break;
          case "tool-input-delta":
            yield { type: "tool-input-delta", toolCallId: part.id, inputTextDelta: part.delta };
            break;
          case "tool-call": {
            const { call: toolCall, tool, chunks } = readToolCall(part, tools);
            calls.push(toolCall);
            if (tool) toRun.push({ call: toolCall, tool });
            yield* chunks;
            break;
          }
          case "response-metadata":
            if (part.modelId) modelId = part.modelId;
            break;
          case "finish":
            finish = part;
            break;
          case "error":
            streamError = part.error;
            yield { type: "error", errorText: errorText(part.error) };
            break;
          default:
            break;
        }
      }
    } catch (error) {
      // The step did not finish: what the client saw of it is all there is.
      if (signal?.aborted) {
        yield { type: "abort" };
        return { steps, aborted: true };
      }
      yield { type: "error", errorText: errorText(error) };
      return { steps, error, aborted: false };
    }
    const finishReason = finish?.finishReason.unified ?? (streamError ? "error" : "other");
    // As in the SDK, tools run only for an answer that ended as the model meant it to: a call
    // read before the stream broke, or cut off at a length limit, is not acted on.
    if (streamError === undefined && (finishReason === "stop" || finishReason === "tool-calls"))
      yield* runTools(toRun, signal, call.toolGraceMs ?? 5000);
    if (!started) yield { type: "start-step" };
    yield { type: "finish-step" };
    const step: AgentStep = {
      text: [...texts.values()].join(""),
      toolCalls: calls,
      finishReason,
      usage: usageOf(finish?.usage),
      providerMetadata: finish?.providerMetadata,
      model: { provider: call.model.provider, modelId },
      messages: stepMessages(texts, reasoning, calls),
    };
    steps.push(step);
    onStep(step);
    appendToPrompt(prompt, step.messages);
    if (streamError !== undefined) return { steps, error: streamError, aborted: false };
    if (signal?.aborted) {
      yield { type: "abort" };
      return { steps, aborted: true };
    }
    const answered = calls.length > 0 && calls.every((toolCall) => toolCall.outcome);
    if (!answered) break;
  }
  yield { type: "finish", finishReason: steps.at(-1)?.finishReason ?? "other" };
  return { steps, aborted: false };
}
