import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";

/** Parts that mean the model has started answering: once one is forwarded, no fallback. */
const FIRST_OUTPUT_TYPES = new Set<LanguageModelV3StreamPart["type"]>([
  "text-delta",
  "reasoning-delta",
  "tool-input-start",
  "tool-input-delta",
  "tool-call",
  "tool-result",
  "finish",
]);

/** Raised when a stream failed or ended before its first output part. */
export class StreamStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StreamStartError";
  }
}

function rejectAfter(ms: number | undefined): { promise: Promise<never>; cancel: () => void } {
  if (!ms) return { promise: new Promise<never>(() => undefined), cancel: () => undefined };
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new StreamStartError(`no output within ${ms} ms`));
    }, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Reads a model stream up to its first output part and returns an equivalent stream.
 * A stream that errors (or reports an `error` part) before any output throws instead, so the
 * caller can retry or fall back without the client ever having seen a token. After the first
 * output, `idleTimeoutMs` without a part ends the stream with an error part.
 */
export async function peekFirstOutput(
  stream: ReadableStream<LanguageModelV3StreamPart>,
  options: {
    idleTimeoutMs?: number;
    onPart?: (part: LanguageModelV3StreamPart) => LanguageModelV3StreamPart;
  } = {},
): Promise<ReadableStream<LanguageModelV3StreamPart>> {
  const reader = stream.getReader();
  const buffered: LanguageModelV3StreamPart[] = [];
  const transform = options.onPart ?? ((part: LanguageModelV3StreamPart) => part);
  const read = async () => {
    const deadline = rejectAfter(options.idleTimeoutMs);
    try {
      return await Promise.race([reader.read(), deadline.promise]);
    } finally {
      deadline.cancel();
    }
  };
  try {
    for (;;) {
      const next = await read();
      if (next.done) throw new StreamStartError("the stream ended before any output");
      const part = next.value;
      if (part.type === "error")
        throw new StreamStartError("the stream failed", { cause: part.error });
      buffered.push(transform(part));
      if (FIRST_OUTPUT_TYPES.has(part.type)) break;
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  }

  return new ReadableStream<LanguageModelV3StreamPart>({
    pull: async (controller) => {
      const early = buffered.shift();
      if (early) {
        controller.enqueue(early);
        return;
      }
      try {
        const next = await read();
        if (next.done) controller.close();
        else controller.enqueue(transform(next.value));
      } catch (error) {
        controller.enqueue({ type: "error", error });
        controller.close();
        void reader.cancel().catch(() => undefined);
      }
    },
    cancel: async (reason) => {
      await reader.cancel(reason);
    },
  });
}
