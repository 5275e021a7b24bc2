import {
  InvalidResponseDataError,
  JSONParseError,
  TypeValidationError,
  type LanguageModelV3FinishReason,
  type LanguageModelV3StreamPart,
  type LanguageModelV3Usage,
  type SharedV3ProviderMetadata,
  type SharedV3Warning,
} from "@ai-sdk/provider";
import {
  StreamingToolCallTracker,
  generateId,
  secureJsonParse,
  type StreamingToolCallDelta,
} from "@ai-sdk/provider-utils";
import {
  getResponseMetadata,
  mapOpenAICompatibleFinishReason,
} from "@ai-sdk/openai-compatible/internal";

// The chunks of an OpenAI-compatible chat answer (`chat.completion.chunk` events) turned into
// AI SDK stream parts by the rules of `@ai-sdk/openai-compatible`'s own `doStream`, which
// `openai-chat-stream.ts` replaces; a test compares the two part for part.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Text and reasoning in a delta's `content` (a string, or parts as some servers send). */
function contentParts(content: unknown): { type: "text" | "reasoning"; text: string }[] {
  if (typeof content === "string") return content ? [{ type: "text", text: content }] : [];
  if (!Array.isArray(content)) return [];
  const parts: { type: "text" | "reasoning"; text: string }[] = [];
  for (const part of content as unknown[]) {
    if (!isObject(part)) continue;
    if (part.type === "text" && typeof part.text === "string" && part.text) {
      parts.push({ type: "text", text: part.text });
    } else if (part.type === "thinking" && Array.isArray(part.thinking)) {
      const text = (part.thinking as unknown[])
        .filter((chunk): chunk is { text: string } => isObject(chunk) && chunk.type === "text")
        .filter((chunk) => typeof chunk.text === "string")
        .map((chunk) => chunk.text)
        .join("");
      if (text) parts.push({ type: "reasoning", text });
    }
  }
  return parts;
}

/** A chat completion chunk, as far as the parts need it. */
interface Chunk {
  id?: string | null;
  created?: number | null;
  model?: string | null;
  choices: { delta?: Json | null; finish_reason?: string | null }[];
  usage?: Json | null;
}

// What the SDK's zod chunk schema checks, by hand: a chunk it refuses is an error part here too.
const optional = (value: unknown, type: "string" | "number") =>
  value == null || typeof value === type;
const optionalObject = (value: unknown, check: (object: Json) => boolean) =>
  value == null || (isObject(value) && check(value));

const isExtraContent = (value: unknown) =>
  optionalObject(value, (extra) =>
    optionalObject(extra.google, (google) => optional(google.thought_signature, "string")),
  );

function isToolCallDelta(value: unknown): boolean {
  return (
    isObject(value) &&
    optional(value.index, "number") &&
    optional(value.id, "string") &&
    isObject(value.function) &&
    optional(value.function.name, "string") &&
    optional(value.function.arguments, "string") &&
    isExtraContent(value.extra_content)
  );
}

const isContent = (value: unknown) =>
  value == null ||
  typeof value === "string" ||
  (Array.isArray(value) && value.every((part) => isObject(part) && typeof part.type === "string"));

const isDelta = (value: unknown) =>
  optionalObject(
    value,
    (delta) =>
      (delta.role == null || delta.role === "assistant" || delta.role === "") &&
      isContent(delta.content) &&
      optional(delta.reasoning_content, "string") &&
      optional(delta.reasoning, "string") &&
      (delta.tool_calls == null ||
        (Array.isArray(delta.tool_calls) && delta.tool_calls.every(isToolCallDelta))),
  );

const numbers = (object: Json, names: string[]) =>
  names.every((name) => optional(object[name], "number"));

const isUsage = (value: unknown) =>
  optionalObject(
    value,
    (usage) =>
      numbers(usage, ["prompt_tokens", "completion_tokens", "total_tokens"]) &&
      optionalObject(usage.prompt_tokens_details, (details) =>
        numbers(details, ["cached_tokens"]),
      ) &&
      optionalObject(usage.completion_tokens_details, (details) =>
        numbers(details, [
          "reasoning_tokens",
          "accepted_prediction_tokens",
          "rejected_prediction_tokens",
        ]),
      ),
  );

/** The chunk, or undefined when the SDK's schema would refuse it (its fields' types are off). */
function asChunk(value: Json): Chunk | undefined {
  const { choices } = value;
  const valid =
    optional(value.id, "string") &&
    optional(value.created, "number") &&
    optional(value.model, "string") &&
    isUsage(value.usage) &&
    Array.isArray(choices) &&
    choices.every(
      (choice) =>
        isObject(choice) && optional(choice.finish_reason, "string") && isDelta(choice.delta),
    );
  return valid ? (value as unknown as Chunk) : undefined;
}

/** An error event (`{"error": {"message": ...}}`) as the SDK's error schema reads it, or undefined. */
function asProviderError(value: Json): Json | undefined {
  const { error } = value;
  if (!isObject(error) || typeof error.message !== "string") return undefined;
  if (!optional(error.type, "string")) return undefined;
  if (error.code != null && typeof error.code !== "string" && typeof error.code !== "number")
    return undefined;
  // The schema keeps these keys only.
  const known: Json = { message: error.message };
  for (const key of ["type", "param", "code"]) if (key in error) known[key] = error[key];
  return known;
}

/** Turns the chunks of one answer into stream parts, as the SDK's `doStream` transform does. */
export class ChunkMapper {
  private finishReason: LanguageModelV3FinishReason | undefined;
  private usage: Json | undefined;
  private first = true;
  private reasoningOpen = false;
  private textOpen = false;
  private readonly tracker: StreamingToolCallTracker;
  private readonly pendingCalls = new Map<
    number,
    { id: string | null; buffered: string; extra: unknown }
  >();
  private readonly forwarded = new Set<number>();

  /** The parts produced and not yet taken, `stream-start` first. */
  readonly out: LanguageModelV3StreamPart[];
  private readonly metadataKey: string;
  private readonly convertUsage: (usage: unknown) => LanguageModelV3Usage;
  private readonly includeRawChunks: boolean;

  constructor(options: {
    warnings: SharedV3Warning[];
    metadataKey: string;
    convertUsage: (usage: unknown) => LanguageModelV3Usage;
    includeRawChunks: boolean;
  }) {
    const { metadataKey } = options;
    this.out = [{ type: "stream-start", warnings: options.warnings }];
    this.metadataKey = metadataKey;
    this.convertUsage = options.convertUsage;
    this.includeRawChunks = options.includeRawChunks;
    const out = this.out;
    this.tracker = new StreamingToolCallTracker(
      { enqueue: (part) => out.push(part) },
      {
        generateId,
        extractMetadata: (delta: StreamingToolCallDelta & { extra_content?: unknown }) => {
          const extra = delta.extra_content;
          const google = isObject(extra) ? extra.google : undefined;
          const signature = isObject(google) ? google.thought_signature : undefined;
          return typeof signature === "string" && signature
            ? { [metadataKey]: { thoughtSignature: signature } }
            : undefined;
        },
        buildToolCallProviderMetadata: (metadata) => metadata,
      },
    );
  }

  /** One event's data (`[DONE]` is skipped by the caller). */
  event(data: string): void {
    let chunk: unknown;
    try {
      // The SDK's parse: JSON.parse, refusing __proto__ and constructor.prototype keys.
      chunk = secureJsonParse(data);
    } catch (error) {
      this.raw(undefined);
      this.fail(new JSONParseError({ text: data, cause: error }));
      return;
    }
    this.raw(chunk);
    const value = isObject(chunk) ? asChunk(chunk) : undefined;
    const providerError = isObject(chunk) && !value ? asProviderError(chunk) : undefined;
    if (providerError || (value && "error" in value)) {
      this.fail(providerError ?? (value as unknown as Json).error);
      return;
    }
    if (!value) {
      const cause = new Error("not a chat completion chunk");
      this.fail(new TypeValidationError({ value: chunk, cause }));
      return;
    }
    if (this.first) {
      this.first = false;
      this.out.push({
        type: "response-metadata",
        ...getResponseMetadata(value),
      });
    }
    if (value.usage != null) this.usage = value.usage;
    const choice = value.choices[0];
    if (choice?.finish_reason != null) {
      const raw = choice.finish_reason;
      this.finishReason = { unified: mapOpenAICompatibleFinishReason(raw), raw };
    }
    const delta = choice?.delta;
    if (!isObject(delta)) return;
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (typeof reasoning === "string" && reasoning) this.reasoningDelta(reasoning);
    for (const part of contentParts(delta.content)) {
      if (part.type === "reasoning") this.reasoningDelta(part.text);
      else this.textDelta(part.text);
    }
    const calls = delta.tool_calls as StreamingToolCallDelta[] | null | undefined;
    if (calls && calls.length > 0) {
      this.closeReasoning();
      for (const call of calls) this.toolCallDelta(call);
    }
  }

  /** The end of the answer: open parts closed, pending tool calls finished, then `finish`. */
  end(): void {
    this.closeReasoning();
    this.closeText();
    for (const [index, pending] of this.pendingCalls) {
      this.tracker.processDelta({
        index,
        id: pending.id,
        function: { arguments: pending.buffered },
      });
    }
    this.pendingCalls.clear();
    this.tracker.flush();
    if (this.finishReason === undefined) {
      this.fail(
        new InvalidResponseDataError({
          data: undefined,
          message: "Response stream ended without a finish reason.",
        }),
      );
    }
    const own: SharedV3ProviderMetadata[string] = {};
    const metadata: SharedV3ProviderMetadata = { [this.metadataKey]: own };
    const details = this.usage?.completion_tokens_details;
    if (isObject(details)) {
      if (details.accepted_prediction_tokens != null)
        own.acceptedPredictionTokens = details.accepted_prediction_tokens as number;
      if (details.rejected_prediction_tokens != null)
        own.rejectedPredictionTokens = details.rejected_prediction_tokens as number;
    }
    this.out.push({
      type: "finish",
      finishReason: this.finishReason ?? { unified: "error", raw: undefined },
      usage: this.convertUsage(this.usage),
      providerMetadata: metadata,
    });
  }

  private raw(rawValue: unknown): void {
    if (this.includeRawChunks) this.out.push({ type: "raw", rawValue });
  }

  private fail(error: unknown): void {
    this.finishReason = { unified: "error", raw: undefined };
    this.out.push({ type: "error", error });
  }

  private closeReasoning(): void {
    if (!this.reasoningOpen) return;
    this.out.push({ type: "reasoning-end", id: "reasoning-0" });
    this.reasoningOpen = false;
  }

  private closeText(): void {
    if (!this.textOpen) return;
    this.out.push({ type: "text-end", id: "txt-0" });
    this.textOpen = false;
  }

  private reasoningDelta(delta: string): void {
    this.closeText();
    if (!this.reasoningOpen) {
      this.out.push({ type: "reasoning-start", id: "reasoning-0" });
      this.reasoningOpen = true;
    }
    this.out.push({ type: "reasoning-delta", id: "reasoning-0", delta });
  }

  private textDelta(delta: string): void {
    this.closeReasoning();
    if (!this.textOpen) {
      this.out.push({ type: "text-start", id: "txt-0" });
      this.textOpen = true;
    }
    this.out.push({ type: "text-delta", id: "txt-0", delta });
  }

  /** A call's arguments are held until its name is known, as the SDK does. */
  private toolCallDelta(delta: StreamingToolCallDelta & { extra_content?: unknown }): void {
    const { index } = delta;
    if (index == null || this.forwarded.has(index)) {
      this.tracker.processDelta(delta);
      return;
    }
    let pending = this.pendingCalls.get(index);
    if (!pending) {
      pending = { id: delta.id ?? null, buffered: "", extra: delta.extra_content ?? null };
      this.pendingCalls.set(index, pending);
    } else {
      pending.id ??= delta.id ?? null;
      pending.extra ??= delta.extra_content ?? null;
    }
    if (delta.function?.arguments != null) pending.buffered += delta.function.arguments;
    const name = delta.function?.name;
    if (name != null) {
      this.tracker.processDelta({
        index,
        id: pending.id,
        function: { name, arguments: pending.buffered },
        ...(pending.extra != null ? { extra_content: pending.extra } : {}),
      });
      this.pendingCalls.delete(index);
      this.forwarded.add(index);
    }
  }
}
