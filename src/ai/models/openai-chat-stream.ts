import {
  APICallError,
  EmptyResponseBodyError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3StreamPart,
  type LanguageModelV3Usage,
  type SharedV3Warning,
} from "@ai-sdk/provider";
import {
  combineHeaders,
  extractResponseHeaders,
  isAbortError,
  postJsonToApi,
  type FetchFunction,
  type ResponseHandler,
} from "@ai-sdk/provider-utils";
import { ChunkMapper } from "./openai-chat-chunks.js";

/*
 * Streaming for the OpenAI-compatible chat model, without the AI SDK's web-stream pipeline.
 * `@ai-sdk/openai-compatible` passes every Server-Sent Event of an answer through five web
 * streams (the body's wrapper, TextDecoderStream, EventSourceParserStream, a JSON-and-zod parse,
 * its part mapping) before our model chain sees a part: with zod and the web streams' own code,
 * about a fifth of the server's busy time in a profile of streamed turns, 0.6–1 ms of CPU per call
 * against 0.25 ms here (bench/README.md). Here the body is read once, its events are split
 * and parsed in one loop, and the parts are produced by the same rules as the SDK's
 * `doStream` (text, reasoning, tool calls through the SDK's own `StreamingToolCallTracker`,
 * usage, finish reason, error chunks), so what the agent sees is the same part for part.
 *
 * The request is built, sent and its failures turned into errors by the SDK's own code: the
 * model's `getArgs`, `config` and `failedResponseHandler`, which its types mark private. The
 * package is pinned to an exact version and a test compares this stream with the SDK's for the
 * same answers, so a change there shows. Everything but `doStream` is the SDK's model as it is.
 */

/** The parts of the SDK's chat model this stream uses (private in its types; see above). */
interface SdkChatModel extends LanguageModelV3 {
  getArgs(options: LanguageModelV3CallOptions): Promise<{
    args: Record<string, unknown>;
    warnings: SharedV3Warning[];
    metadataKey: string;
  }>;
  transformRequestBody(args: Record<string, unknown>): Record<string, unknown>;
  convertUsage(usage: unknown): LanguageModelV3Usage;
  failedResponseHandler: ResponseHandler<APICallError>;
  config: {
    url(options: { path: string; modelId: string }): string;
    headers(): Record<string, string | undefined>;
    fetch?: FetchFunction;
    includeUsage?: boolean;
  };
}

function asSdkChatModel(model: LanguageModelV3): SdkChatModel {
  const candidate = model as Partial<SdkChatModel>;
  if (
    typeof candidate.getArgs !== "function" ||
    typeof candidate.transformRequestBody !== "function" ||
    typeof candidate.convertUsage !== "function" ||
    typeof candidate.failedResponseHandler !== "function" ||
    typeof candidate.config?.url !== "function" ||
    typeof candidate.config.headers !== "function"
  ) {
    throw new Error("@ai-sdk/openai-compatible's chat model changed: update openai-chat-stream.ts");
  }
  // Options of the SDK's model that this stream does not implement; Docket sets neither.
  const config = candidate.config as Record<string, unknown>;
  if (config.metadataExtractor != null || config.errorStructure != null) {
    throw new Error("withLeanStreaming supports neither metadataExtractor nor errorStructure");
  }
  return candidate as SdkChatModel;
}

// The SDK's network error codes: a body cut by one of these is marked retryable, as it does.
const NETWORK_ERROR_CODES = new Set([
  "ConnectionRefused",
  "ConnectionClosed",
  "FailedToOpenSocket",
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function isNetworkError(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current);) {
    seen.add(current);
    const { code } = current as { code?: unknown };
    if (typeof code === "string" && NETWORK_ERROR_CODES.has(code)) return true;
    current = current.cause;
  }
  return false;
}

/**
 * Splits Server-Sent Events text into events' data, fed as it arrives. Lines end with CRLF, LF
 * or CR (a CRLF split between two reads counts once); each character is looked at once, however
 * the text is cut. An event's `data:` lines are joined with "\n"; other fields and comments
 * carry nothing an answer needs. Unlike the SDK's parser, an event the body ends without a blank
 * line after is still delivered.
 */
class EventSplitter {
  private fragments: string[] = [];
  private afterCarriageReturn = false;
  private data: string[] = [];

  constructor(private readonly onEvent: (data: string) => void) {}

  feed(text: string): void {
    let start = this.afterCarriageReturn && text.startsWith("\n") ? 1 : 0;
    this.afterCarriageReturn = false;
    const endings = /\r\n|\r|\n/g;
    endings.lastIndex = start;
    for (let match = endings.exec(text); match; match = endings.exec(text)) {
      const piece = text.slice(start, match.index);
      if (this.fragments.length > 0) {
        this.fragments.push(piece);
        this.line(this.fragments.join(""));
        this.fragments = [];
      } else this.line(piece);
      start = match.index + match[0].length;
      if (match[0] === "\r" && start === text.length) this.afterCarriageReturn = true;
    }
    if (start < text.length) this.fragments.push(text.slice(start));
  }

  /** The end of the body: a last line and event without their line endings count. */
  end(): void {
    if (this.fragments.length > 0) this.line(this.fragments.join(""));
    this.fragments = [];
    this.line("");
  }

  private line(text: string): void {
    if (text === "") {
      if (this.data.length === 0) return;
      const data = this.data.join("\n");
      this.data = [];
      this.onEvent(data);
    } else if (text.startsWith("data:")) {
      this.data.push(text.slice(text[5] === " " ? 6 : 5));
    }
  }
}

/**
 * The response body as stream parts: each read of the body is decoded, split into events and
 * mapped; `stream-start` comes first and `finish` last. If mapping fails, the parts produced
 * before it are still handed on, then the stream errors and the provider's connection is closed.
 */
function partsOf(
  body: ReadableStream<Uint8Array>,
  chunks: ChunkMapper,
  bodyError: (error: unknown) => unknown,
): ReadableStream<LanguageModelV3StreamPart> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const { out } = chunks;
  const events = new EventSplitter((data) => {
    if (data !== "[DONE]") chunks.event(data);
  });
  let ended = false;
  // A mapping failure waits until the parts before it were read: erroring a stream drops its queue.
  let failure: { error: unknown } | undefined;

  const handOn = (controller: ReadableStreamDefaultController<LanguageModelV3StreamPart>) => {
    for (const part of out) controller.enqueue(part);
    out.length = 0;
  };

  return new ReadableStream<LanguageModelV3StreamPart>({
    async pull(controller) {
      if (failure) {
        controller.error(failure.error);
        return;
      }
      while (out.length === 0 && !ended) {
        let next: Awaited<ReturnType<typeof reader.read>>;
        try {
          next = await reader.read();
        } catch (error) {
          controller.error(bodyError(error));
          return;
        }
        try {
          if (next.done) {
            ended = true;
            events.feed(decoder.decode());
            events.end();
            chunks.end();
          } else {
            events.feed(decoder.decode(next.value, { stream: true }));
          }
        } catch (error) {
          // A chunk the SDK's tool-call tracker refuses, say: as its transform stream would.
          void reader.cancel(error).catch(() => undefined);
          if (out.length === 0) controller.error(error);
          else {
            handOn(controller);
            failure = { error };
          }
          return;
        }
      }
      handOn(controller);
      if (ended) controller.close();
    },
    async cancel(reason) {
      await reader.cancel(reason);
    },
  });
}

/**
 * The SDK's OpenAI-compatible chat model with its `doStream` replaced by one that parses the
 * answer's events in a single loop (see the comment at the top of this file).
 */
export function withLeanStreaming(model: LanguageModelV3): LanguageModelV3 {
  const sdk = asSdkChatModel(model);
  return {
    specificationVersion: "v3",
    provider: model.provider,
    modelId: model.modelId,
    get supportedUrls() {
      return model.supportedUrls;
    },
    doGenerate: (options) => model.doGenerate(options),
    doStream: async (options) => {
      const { args, warnings, metadataKey } = await sdk.getArgs({ ...options });
      const body = sdk.transformRequestBody({
        ...args,
        stream: true,
        stream_options: sdk.config.includeUsage ? { include_usage: true } : undefined,
      });
      const url = sdk.config.url({ path: "/chat/completions", modelId: model.modelId });
      const { responseHeaders, value: response } = await postJsonToApi({
        url,
        headers: combineHeaders(sdk.config.headers(), options.headers),
        body,
        failedResponseHandler: sdk.failedResponseHandler,
        successfulResponseHandler: async ({ response }) => ({
          value: response,
          responseHeaders: extractResponseHeaders(response),
        }),
        ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
        ...(sdk.config.fetch ? { fetch: sdk.config.fetch } : {}),
      });
      if (!response.body) throw new EmptyResponseBodyError({});
      const chunks = new ChunkMapper({
        warnings,
        metadataKey,
        convertUsage: (usage) => sdk.convertUsage(usage),
        includeRawChunks: options.includeRawChunks === true,
      });
      const stream = partsOf(response.body, chunks, (error) =>
        isAbortError(error)
          ? error
          : new APICallError({
              message: "Failed to process successful response",
              cause: error,
              url,
              requestBodyValues: body,
              statusCode: response.status,
              responseHeaders,
              isRetryable: isNetworkError(error),
            }),
      );
      return { stream, request: { body }, response: { headers: responseHeaders } };
    },
  };
}
