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
import { isToolFailure, type ToolDefinition } from "../tools/tool-definition.js";
import { appendToPrompt, toProviderPrompt, toProviderTool } from "./prompt.js";

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
type ToolCallPart = Extract<LanguageModelV3StreamPart, { type: "tool-call" }>;

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

/** What running a tool gave: its result, or why the call failed (a tool that threw). */
interface ToolRun {
  output: unknown;
  failedCall?: string;
}

/** Runs a tool; a tool that throws (defined tools do not) is a failed call. */
async function runTool(definition: ToolDefinition, input: unknown): Promise<ToolRun> {
  try {
    return { output: await definition.execute(input) };
  } catch {
    const failedCall = "The tool call failed.";
    return { output: { error: "TOOL_CALL_FAILED", message: failedCall }, failedCall };
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
async function* runTools(
  calls: { call: AgentToolCall; tool: ToolDefinition }[],
  signal: AbortSignal | undefined,
  graceMs: number,
): AsyncGenerator<Chunk> {
  const grace = graceAfterAbort(signal, graceMs);
  const running = new Map(
    calls.map(({ call, tool }, index) => [
      index,
      runTool(tool, call.input).then((run) => ({ call, index, run })),
    ]),
  );
  try {
    while (running.size > 0) {
      const next = await Promise.race([...running.values(), grace.expired]);
      if (next === "expired") return;
      running.delete(next.index);
      const { call, run } = next;
      call.outcome = {
        output: run.output,
        isError: run.failedCall !== undefined || isToolFailure(run.output),
        ...(run.failedCall !== undefined ? { failedCall: run.failedCall } : {}),
      };
      yield run.failedCall !== undefined
        ? { type: "tool-output-error", toolCallId: call.toolCallId, errorText: run.failedCall }
        : {
            type: "tool-output-available",
            toolCallId: call.toolCallId,
            output: run.output ?? null,
          };
    }
  } finally {
    grace.dispose();
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
    let text = "";
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
            text += part.delta;
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
            const parsed = parseInput(part, tools);
            const toolCall: AgentToolCall = {
              toolCallId: part.toolCallId,
              toolName: part.toolName,
              input: parsed.input,
            };
            calls.push(toolCall);
            if (parsed.error !== undefined) {
              // Nothing runs: the model is told why, and may try again.
              toolCall.outcome = {
                output: { error: "TOOL_CALL_FAILED", message: parsed.error },
                isError: true,
                failedCall: parsed.error,
              };
              yield {
                type: "tool-input-error",
                toolCallId: part.toolCallId,
                toolName: part.toolName,
                input: parsed.input,
                errorText: parsed.error,
              };
              yield {
                type: "tool-output-error",
                toolCallId: part.toolCallId,
                errorText: parsed.error,
              };
              break;
            }
            toRun.push({ call: toolCall, tool: parsed.tool });
            yield {
              type: "tool-input-available",
              toolCallId: part.toolCallId,
              toolName: part.toolName,
              input: parsed.input,
            };
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
      text,
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

/** A step's answer (reasoning, text, tool calls) and its tool results, as conversation messages. */
function stepMessages(
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
