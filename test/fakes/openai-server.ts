import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A scripted answer of the fake OpenAI-compatible server. */
export type FakeReply =
  | { kind: "text"; text: string; delayMs?: number; chunkDelayMs?: number }
  | {
      kind: "tool_calls";
      calls: { name: string; arguments: unknown; id?: string }[];
      text?: string;
      delayMs?: number;
    }
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  /** A 200 whose body (or first SSE chunk) is not JSON. */
  | { kind: "malformed" }
  /** Never answers until the client gives up. */
  | { kind: "hang" }
  /** Streams some text, then stalls forever (a provider dying mid-answer). */
  | { kind: "stall_after"; text: string }
  /** Answers 200, then drops the connection before any output (a proxy or server restarting). */
  | { kind: "cut" };

/** One request the fake received. */
export interface FakeRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: {
    model?: string;
    stream?: boolean;
    messages?: { role: string; content?: unknown; tool_calls?: unknown; tool_call_id?: string }[];
    tools?: { function: { name: string } }[];
    [key: string]: unknown;
  };
}

/** The fake server's handle. */
export interface FakeOpenAiServer {
  /** Base URL including `/v1`, for `LLM_BASE_URL`. */
  url: string;
  requests: FakeRequest[];
  /** Queues replies, used in order before the default handler. */
  enqueue(...replies: FakeReply[]): void;
  /** Answers requests when the queue is empty. */
  setHandler(handler: (request: FakeRequest) => FakeReply): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sequence = 0;

function completionId() {
  sequence += 1;
  return `chatcmpl-fake-${sequence}`;
}

const USAGE = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 };

function toolCallsOf(reply: Extract<FakeReply, { kind: "tool_calls" }>) {
  return reply.calls.map((call, index) => ({
    index,
    id: call.id ?? `call_${sequence}_${index}`,
    type: "function",
    function: {
      name: call.name,
      arguments:
        typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

async function answerOnce(reply: FakeReply, request: FakeRequest, response: ServerResponse) {
  const model = request.body.model ?? "fake-model";
  const created = Math.floor(Date.now() / 1000);
  const id = completionId();
  if (reply.kind === "status") {
    sendJson(
      response,
      reply.status,
      reply.body ?? { error: { message: `status ${reply.status}` } },
      reply.headers,
    );
    return;
  }
  if (reply.kind === "hang") return; // the socket stays open until the client aborts
  if (reply.kind === "cut") {
    response.writeHead(200, {
      "content-type": request.body.stream ? "text/event-stream" : "application/json",
    });
    response.write(request.body.stream ? ": starting\n\n" : "{");
    setTimeout(() => response.socket?.destroy(), 10);
    return;
  }
  if ("delayMs" in reply && reply.delayMs) await sleep(reply.delayMs);

  if (!request.body.stream) {
    if (reply.kind === "malformed") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end("{not json");
      return;
    }
    if (reply.kind === "stall_after") return;
    const message =
      reply.kind === "text"
        ? { role: "assistant", content: reply.text }
        : {
            role: "assistant",
            content: reply.text ?? null,
            tool_calls: toolCallsOf(reply).map(({ index: _index, ...call }) => call),
          };
    sendJson(response, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [
        { index: 0, message, finish_reason: reply.kind === "text" ? "stop" : "tool_calls" },
      ],
      usage: USAGE,
    });
    return;
  }

  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (delta: unknown, finishReason: string | null = null, extra = {}) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`;
  if (reply.kind === "malformed") {
    response.end("data: {not json\n\ndata: [DONE]\n\n");
    return;
  }
  response.write(chunk({ role: "assistant", content: "" }));
  if (reply.kind === "stall_after") {
    response.write(chunk({ content: reply.text }));
    return;
  }
  if (reply.kind === "text") {
    const words = reply.text.match(/\S+\s*/g) ?? [reply.text];
    for (const word of words) {
      if (response.destroyed) return;
      response.write(chunk({ content: word }));
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
    }
    response.write(chunk({}, "stop"));
  } else {
    if (reply.text) response.write(chunk({ content: reply.text }));
    response.write(chunk({ tool_calls: toolCallsOf(reply) }));
    response.write(chunk({}, "tool_calls"));
  }
  response.write(
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage: USAGE })}\n\n`,
  );
  response.end("data: [DONE]\n\n");
}

/** Starts a fake OpenAI-compatible chat completions server on 127.0.0.1 and a free port. */
export async function startFakeOpenAi(
  handler: (request: FakeRequest) => FakeReply = () => ({
    kind: "text",
    text: "Hello from the fake model.",
  }),
  options: {
    /** Called once a reply is written, with the ms from the request body received to its end. */
    onAnswered?: (request: FakeRequest, providerMs: number) => void;
    /** Keep `requests` (default true; a long benchmark turns it off). */
    record?: boolean;
  } = {},
): Promise<FakeOpenAiServer> {
  const queue: FakeReply[] = [];
  const requests: FakeRequest[] = [];
  let current = handler;

  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (data: Buffer) => chunks.push(data));
    incoming.on("end", () => {
      let body: FakeRequest["body"];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as FakeRequest["body"];
      } catch {
        sendJson(response, 400, { error: { message: "bad json" } });
        return;
      }
      const receivedAt = performance.now();
      const request: FakeRequest = { path: incoming.url ?? "", headers: incoming.headers, body };
      if (options.record !== false) requests.push(request);
      if (!request.path.endsWith("/chat/completions")) {
        sendJson(response, 404, { error: { message: "not found" } });
        return;
      }
      const reply = queue.shift() ?? current(request);
      answerOnce(reply, request, response).then(
        () => options.onAnswered?.(request, performance.now() - receivedAt),
        () => response.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    setHandler: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** True when the request already carries tool results (the model's second step). */
export function hasToolResults(request: FakeRequest): boolean {
  return (request.body.messages ?? []).some((message) => message.role === "tool");
}
