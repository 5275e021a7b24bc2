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

type PartMap = (part: LanguageModelV3StreamPart) => LanguageModelV3StreamPart;

/** Streams `peekFirstOutput` returned, with the part maps later peeks added to them. */
const peekedStreams = new WeakMap<ReadableStream<LanguageModelV3StreamPart>, PartMap[]>();

/**
 * `reader.read()` with an idle deadline: a read that takes longer than `idleTimeoutMs` rejects
 * with a StreamStartError. One timer per stream, re-armed by each read.
 */
function deadlineReader(
  reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart>,
  idleTimeoutMs: number | undefined,
) {
  if (!idleTimeoutMs) return { read: () => reader.read(), stop: () => undefined };
  let timer: NodeJS.Timeout | undefined;
  let expire: ((error: StreamStartError) => void) | undefined;
  return {
    read: () =>
      new Promise<Awaited<ReturnType<typeof reader.read>>>((resolve, reject) => {
        expire = reject;
        if (timer) timer.refresh();
        else {
          timer = setTimeout(() => {
            expire?.(new StreamStartError(`no output within ${idleTimeoutMs} ms`));
          }, idleTimeoutMs);
          // Armed between reads too: a stream its reader dropped must not hold the process.
          timer.unref();
        }
        reader.read().then(
          (result) => {
            expire = undefined;
            resolve(result);
          },
          (error: unknown) => {
            expire = undefined;
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the reader's own reason
            reject(error);
          },
        );
      }),
    stop: () => clearTimeout(timer),
  };
}

/**
 * Reads a model stream up to its first output part and returns an equivalent stream.
 * A stream that errors (or reports an `error` part) before any output throws instead, so the
 * caller can retry or fall back without the client ever having seen a token. After the first
 * output, `idleTimeoutMs` without a part ends the stream with an error part. `onPart` maps each
 * part as it is handed on.
 *
 * A stream that this function already returned has its first output in hand: peeking it again
 * (the fallback chain over a resilient model) adds `onPart` to it and returns it as it is,
 * instead of wrapping it in another stream.
 */
export async function peekFirstOutput(
  stream: ReadableStream<LanguageModelV3StreamPart>,
  options: { idleTimeoutMs?: number; onPart?: PartMap } = {},
): Promise<ReadableStream<LanguageModelV3StreamPart>> {
  const earlierMaps = peekedStreams.get(stream);
  if (earlierMaps && !options.idleTimeoutMs) {
    if (options.onPart) earlierMaps.push(options.onPart);
    return stream;
  }
  const maps: PartMap[] = options.onPart ? [options.onPart] : [];
  const handOn = (part: LanguageModelV3StreamPart) => {
    let mapped = part;
    for (const map of maps) mapped = map(mapped);
    return mapped;
  };
  const reader = stream.getReader();
  const { read, stop } = deadlineReader(reader, options.idleTimeoutMs);
  const buffered: LanguageModelV3StreamPart[] = [];
  try {
    for (;;) {
      const next = await read();
      if (next.done) throw new StreamStartError("the stream ended before any output");
      const part = next.value;
      if (part.type === "error")
        throw new StreamStartError("the stream failed", { cause: part.error });
      buffered.push(part);
      if (FIRST_OUTPUT_TYPES.has(part.type)) break;
    }
  } catch (error) {
    stop();
    void reader.cancel().catch(() => undefined);
    throw error;
  }

  // Nothing is pulled before a reader asks (highWaterMark 0): a map a later peek adds must see
  // every part, the buffered ones included.
  const peeked = new ReadableStream<LanguageModelV3StreamPart>(
    {
      pull: async (controller) => {
        const early = buffered.shift();
        if (early) {
          controller.enqueue(handOn(early));
          return;
        }
        try {
          const next = await read();
          if (next.done) {
            stop();
            controller.close();
          } else controller.enqueue(handOn(next.value));
        } catch (error) {
          stop();
          controller.enqueue({ type: "error", error });
          controller.close();
          void reader.cancel().catch(() => undefined);
        }
      },
      cancel: async (reason) => {
        stop();
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  peekedStreams.set(peeked, maps);
  return peeked;
}
