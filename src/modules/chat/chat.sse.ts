import type { ServerResponse } from "node:http";
import { generateId, UI_MESSAGE_STREAM_HEADERS, type UIMessageChunk } from "ai";

/**
 * Writes AI SDK UI message chunks to a Node response as the SSE stream `useChat` reads (the
 * bytes `pipeUIMessageStreamToResponse` writes: `data: <json>\n\n` per chunk, `data: [DONE]`
 * last, a `messageId` on `start`), but in as few socket writes as the turn allows: chunks
 * written in the same turn of the event loop go out together once it has run (a provider's
 * network read usually yields several), and the end goes with the last of them. Each write is
 * a syscall and, on a loopback or LAN socket, the peer's TCP work too; one per chunk was the
 * largest single cost of a streamed turn. No web streams are involved.
 */
export class UIMessageSseWriter<Chunk extends UIMessageChunk = UIMessageChunk> {
  private pending = "";
  private scheduled = false;
  private held = false;
  private ended = false;
  private waiting: (() => void)[] = [];
  private readonly messageId = generateId();

  constructor(
    private readonly response: ServerResponse,
    headers: Record<string, string>,
  ) {
    // The caller's headers (request id, CORS...) win over the defaults, as in the SDK.
    response.writeHead(200, { ...UI_MESSAGE_STREAM_HEADERS, ...headers });
    const wake = () => {
      for (const resolve of this.waiting.splice(0)) resolve();
    };
    response.on("drain", wake);
    response.once("close", wake);
  }

  /** True once the client is gone: nothing more reaches it. */
  get closed(): boolean {
    return this.response.destroyed || this.response.writableEnded;
  }

  /** Queues a chunk; it is sent once the current turn of the event loop has run. */
  write(chunk: Chunk): void {
    if (this.ended || this.closed) return;
    const sent =
      chunk.type === "start" && chunk.messageId == null
        ? { ...chunk, messageId: this.messageId }
        : chunk;
    this.pending += `data: ${JSON.stringify(sent)}\n\n`;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Sends what is queued now (the headers with it when they have not gone yet). */
  flush = (): void => {
    this.scheduled = false;
    if (this.held || this.pending === "" || this.ended || this.closed) return;
    const text = this.pending;
    this.pending = "";
    this.response.write(text);
  };

  /**
   * Sends nothing more until `end`, which takes what is queued: for the last few chunks of an
   * answer, one write with the end instead of one before it and one with it.
   */
  holdUntilEnd(): void {
    this.held = true;
  }

  /** A promise to await before producing more when the client reads slower than we write. */
  drained(): Promise<void> | undefined {
    if (!this.response.writableNeedDrain || this.closed) return undefined;
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Sends what is queued, the `[DONE]` marker and the end of the response, in one write. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.closed) return;
    const text = `${this.pending}data: [DONE]\n\n`;
    this.pending = "";
    this.response.end(text);
  }
}
