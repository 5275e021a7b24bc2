import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FetchFunction } from "@ai-sdk/provider-utils";
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3StreamPart,
} from "@ai-sdk/provider";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpFetch } from "./http-fetch.js";
import { withLeanStreaming } from "./openai-chat-stream.js";

/** What the scripted server answers: raw bytes of an event stream, or a status with a body. */
type Script =
  | { events: string; cut?: boolean; hold?: boolean; onClose?: () => void }
  | { status: number; body: string; headers?: Record<string, string> };

const sse = (...chunks: unknown[]) =>
  chunks
    .map((chunk) => `data: ${typeof chunk === "string" ? chunk : JSON.stringify(chunk)}\n\n`)
    .join("");
const base = { id: "chatcmpl-1", created: 1_767_000_000, model: "m-1" };
const delta = (fields: Record<string, unknown>, finish: string | null = null) => ({
  ...base,
  choices: [{ index: 0, delta: fields, finish_reason: finish }],
});
const usage = {
  ...base,
  choices: [],
  usage: { prompt_tokens: 11, completion_tokens: 5, total_tokens: 16 },
};

let server: Server;
let url: string;
const scripts: Script[] = [];
const bodies: unknown[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => {
      bodies.push(JSON.parse(text));
      const script = scripts.shift();
      if (!script) {
        response.writeHead(500).end();
        return;
      }
      if ("status" in script) {
        response
          .writeHead(script.status, { "content-type": "application/json", ...script.headers })
          .end(script.body);
        return;
      }
      response.writeHead(200, { "content-type": "text/event-stream" });
      if (script.onClose) response.once("close", script.onClose);
      if (script.hold) {
        response.write(script.events);
        return;
      }
      if (script.cut) {
        response.write(script.events);
        setTimeout(() => response.socket?.destroy(), 20);
        return;
      }
      response.end(script.events);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The provider fetch, with the body handed over in pieces of `size` bytes when given. */
function piecewise(size: number | undefined): FetchFunction {
  if (!size) return httpFetch;
  return async (input, init) => {
    const response = await httpFetch(input, init);
    if (!response.body) return response;
    const reader = response.body.getReader();
    let pending = new Uint8Array(0);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        while (pending.length === 0) {
          const next = await reader.read();
          if (next.done) {
            controller.close();
            return;
          }
          pending = next.value;
        }
        controller.enqueue(pending.slice(0, size));
        pending = pending.slice(size);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
}

function sdkModel(size?: number): LanguageModelV3 {
  return createOpenAICompatible({
    name: "openai-compatible",
    baseURL: url,
    apiKey: "sk-test",
    fetch: piecewise(size),
    includeUsage: true,
  }).chatModel("m-1");
}

const call: LanguageModelV3CallOptions = {
  prompt: [
    { role: "system", content: "Be brief." },
    { role: "user", content: [{ type: "text", text: "add milk" }] },
  ],
  tools: [
    {
      type: "function",
      name: "add_task",
      description: "Adds a task.",
      inputSchema: { type: "object", properties: { title: { type: "string" } } },
    },
  ],
  temperature: 0.2,
};

type Outcome =
  | { parts: unknown[]; streamError?: { name: string; message: string } }
  | { thrown: { name: string; message: string; statusCode?: number; isRetryable?: boolean } };

const described = (error: unknown) => {
  const { name, message, statusCode, isRetryable } = error as {
    name: string;
    message: string;
    statusCode?: number;
    isRetryable?: boolean;
  };
  return {
    name,
    // A validation error's message ends with zod's own report, which ours does not have.
    message: message.replace(/Error message: [\s\S]*/, "Error message: …"),
    ...(statusCode !== undefined ? { statusCode, isRetryable } : {}),
  };
};

/** A part as compared: errors by name and message (their objects differ in stack and cause). */
function comparable(part: LanguageModelV3StreamPart): unknown {
  if (part.type === "error") return { type: "error", error: described(part.error) };
  return part;
}

async function outcome(model: LanguageModelV3, options: LanguageModelV3CallOptions) {
  let result;
  try {
    result = await model.doStream(options);
  } catch (error) {
    return { thrown: described(error) } satisfies Outcome;
  }
  const parts: unknown[] = [];
  const reader = result.stream.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      parts.push(comparable(next.value));
    }
  } catch (error) {
    return { parts, streamError: described(error) } satisfies Outcome;
  }
  return { parts } satisfies Outcome;
}

/** Body pieces the scripts are read in: as sent, bytes one by one, odd sizes, large reads. */
const PIECES = [undefined, 1, 7, 13, 4096];

/**
 * Runs the script through the SDK's own doStream and through ours, with the body cut in each of
 * PIECES; they must send the same request and produce the same parts.
 */
async function bothWays(script: Script, options: LanguageModelV3CallOptions = call) {
  let lean: Outcome | undefined;
  for (const size of PIECES) {
    bodies.length = 0;
    scripts.push(script, script);
    const sdk = await outcome(sdkModel(size), options);
    lean = await outcome(withLeanStreaming(sdkModel(size)), options);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(lean, `body in pieces of ${size ?? "any"} bytes`).toEqual(sdk);
  }
  return lean;
}

describe("lean streaming of the OpenAI-compatible chat model", () => {
  it("produces the SDK's parts for a text answer, with usage and response metadata", async () => {
    const result = await bothWays({
      events: sse(
        delta({ role: "assistant", content: "" }),
        delta({ content: "Added " }),
        delta({ content: "“milk”." }, "stop"),
        usage,
        "[DONE]",
      ),
    });
    expect(result).toMatchObject({
      parts: expect.arrayContaining([
        { type: "text-delta", id: "txt-0", delta: "Added " },
        expect.objectContaining({ type: "finish", finishReason: { unified: "stop", raw: "stop" } }),
      ]),
    });
  });

  it("sends the same request body as the SDK", async () => {
    await bothWays({ events: sse(delta({ content: "ok" }, "stop"), "[DONE]") });
    expect(bodies[0]).toMatchObject({
      model: "m-1",
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      tools: [{ type: "function", function: expect.objectContaining({ name: "add_task" }) }],
    });
  });

  it("streams parallel tool calls whose arguments arrive in pieces", async () => {
    const result = await bothWays({
      events: sse(
        delta({
          tool_calls: [
            {
              index: 0,
              id: "call_a",
              type: "function",
              function: { name: "add_task", arguments: "" },
            },
          ],
        }),
        delta({ tool_calls: [{ index: 0, function: { arguments: '{"title":' } }] }),
        delta({
          tool_calls: [
            {
              index: 1,
              id: "call_b",
              type: "function",
              function: { name: "add_task", arguments: '{"ti' },
            },
          ],
        }),
        delta({ tool_calls: [{ index: 0, function: { arguments: '"milk"}' } }] }),
        delta(
          { tool_calls: [{ index: 1, function: { arguments: 'tle":"eggs"}' } }] },
          "tool_calls",
        ),
        usage,
        "[DONE]",
      ),
    });
    expect(result).toMatchObject({
      parts: expect.arrayContaining([
        expect.objectContaining({
          type: "tool-call",
          toolCallId: "call_a",
          input: '{"title":"milk"}',
        }),
        expect.objectContaining({
          type: "tool-call",
          toolCallId: "call_b",
          input: '{"title":"eggs"}',
        }),
      ]),
    });
  });

  it("holds a call's arguments until its name arrives, and finishes a call left without one", async () => {
    await bothWays({
      events: sse(
        delta({
          tool_calls: [{ index: 0, id: "call_x", function: { arguments: '{"title":"a"}' } }],
        }),
        delta({ tool_calls: [{ index: 0, function: { name: "add_task" } }] }),
        delta(
          { tool_calls: [{ index: 1, id: "call_y", function: { arguments: "{}" } }] },
          "tool_calls",
        ),
        "[DONE]",
      ),
    });
  });

  it("reads reasoning (both field names and thinking parts) before text", async () => {
    await bothWays({
      events: sse(
        delta({ reasoning_content: "The user wants " }),
        delta({ reasoning: "a task." }),
        delta({ content: "Done." }),
        delta({ content: [{ type: "thinking", thinking: [{ type: "text", text: "Hmm." }] }] }),
        delta({ content: [{ type: "text", text: " Really." }] }, "stop"),
        "[DONE]",
      ),
    });
  });

  it("reports an event that is not JSON, an error event and a missing finish as error parts", async () => {
    await bothWays({
      events: sse(delta({ content: "Hel" }), "{not json", delta({ content: "lo" }, "stop")),
    });
    await bothWays({
      events: sse(delta({ content: "Hel" }), {
        error: { message: "overloaded", type: "server_error" },
      }),
    });
    await bothWays({ events: sse(delta({ content: "cut short" })) });
    await bothWays({
      events: sse({ ...base, created: "yesterday", choices: [] }, delta({ content: "x" }, "stop")),
    });
  });

  it("splits events on CRLF, joins multi-line data and skips comments", async () => {
    const chunk = JSON.stringify(delta({ content: "two\nlines" }, "stop"));
    const multiLine = `data: ${chunk.slice(0, 20)}\r\ndata: ${chunk.slice(20)}\r\n\r\n`;
    // A data line split across JSON boundaries is joined with "\n": valid JSON whitespace here.
    expect(chunk.slice(0, 20)).not.toContain('"content"');
    await bothWays({ events: `: keep-alive\r\n\r\n${multiLine}data: [DONE]\r\n\r\n` });
  });

  it("passes usage details and raw chunks on as the SDK does", async () => {
    await bothWays(
      {
        events: sse(delta({ content: "ok" }, "stop"), {
          ...usage,
          usage: {
            ...usage.usage,
            prompt_tokens_details: { cached_tokens: 3 },
            completion_tokens_details: {
              reasoning_tokens: 2,
              accepted_prediction_tokens: 1,
              rejected_prediction_tokens: 4,
            },
          },
        }),
      },
      { ...call, includeRawChunks: true },
    );
  });

  it("throws the SDK's API error for a failed response, retryable or not", async () => {
    const limited = await bothWays({
      status: 429,
      body: JSON.stringify({ error: { message: "Rate limit reached", type: "rate_limit" } }),
      headers: { "retry-after": "1" },
    });
    expect(limited).toEqual({
      thrown: expect.objectContaining({
        statusCode: 429,
        isRetryable: true,
        message: "Rate limit reached",
      }),
    });
    const refused = await bothWays({ status: 400, body: "not json at all" });
    expect(refused).toEqual({
      thrown: expect.objectContaining({ statusCode: 400, isRetryable: false }),
    });
  });

  it("errors the stream as the SDK does when the connection is cut mid-answer", async () => {
    const result = await bothWays({ events: sse(delta({ content: "Hel" })), cut: true });
    expect(result).toMatchObject({ streamError: { name: "AI_APICallError" } });
  });

  it("agrees on tool calls after reasoning, several calls in one delta and Gemini's signatures", async () => {
    await bothWays({
      events: sse(
        delta({ reasoning_content: "Two tasks." }),
        delta({
          tool_calls: [
            { index: 0, id: "c1", function: { name: "add_task", arguments: '{"title":"a"}' } },
            {
              index: 1,
              id: "c2",
              function: { name: "add_task", arguments: '{"title":"b"}' },
              extra_content: { google: { thought_signature: "sig-1" } },
            },
          ],
        }),
        delta({ tool_calls: [{ index: 2, id: "c3", function: { arguments: "{}" } }] }),
        delta(
          {
            tool_calls: [
              {
                index: 2,
                function: { name: "add_task" },
                extra_content: { google: { thought_signature: "sig-2" } },
              },
            ],
          },
          "tool_calls",
        ),
        "[DONE]",
      ),
    });
  });

  it("agrees on text split inside a character, data lines without a space and lone CR endings", async () => {
    await bothWays({ events: sse(delta({ content: "Café — 東京 👋" }, "stop"), "[DONE]") });
    await bothWays({
      events: `data:${JSON.stringify(delta({ content: "tight" }, "stop"))}\n\ndata:[DONE]\n\n`,
    });
    await bothWays({
      events: `data: ${JSON.stringify(delta({ content: "old Mac" }, "stop"))}\r\rdata: [DONE]\r\r`,
    });
  });

  it("agrees on chunks the SDK's schema refuses", async () => {
    for (const odd of [
      delta({ role: "tool", content: "x" }),
      delta({ content: { text: "x" } }),
      delta({ content: [{ text: "no type" }] }),
      { ...usage, usage: { prompt_tokens: "3" } },
      delta({ tool_calls: [{ index: 0, id: "c", function: { name: "t" }, extra_content: "x" }] }),
      { error: "boom" },
      { error: { message: "busy", object: "error", code: 503 } },
      '{"__proto__": {"polluted": true}, "choices": []}',
    ]) {
      await bothWays({
        events: sse(delta({ content: "a" }), odd, delta({ content: "b" }, "stop")),
      });
    }
  });

  it("hands on what came before a tool call the SDK's tracker refuses, then errors", async () => {
    const result = await bothWays({
      events: sse(
        delta({ content: "a" }),
        delta({ tool_calls: [{ id: "x", function: { arguments: "{}" } }] }, "tool_calls"),
      ),
    });
    expect(result).toMatchObject({
      parts: expect.arrayContaining([{ type: "text-delta", id: "txt-0", delta: "a" }]),
      streamError: expect.anything(),
    });
  });
});

describe("the provider connection of a lean stream", () => {
  /** Starts an answer that never ends; resolves when the server sees its connection close. */
  function endlessAnswer() {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    scripts.push({ events: sse(delta({ content: "Hel" })), hold: true, onClose: () => closed() });
    return connectionClosed;
  }

  it("is closed when the reader cancels the stream", async () => {
    const connectionClosed = endlessAnswer();
    const { stream } = await withLeanStreaming(sdkModel()).doStream(call);
    const reader = stream.getReader();
    for (let part = await reader.read(); part.value?.type !== "text-delta";)
      part = await reader.read();
    await reader.cancel();
    await connectionClosed;
  });

  it("is closed, and the stream fails with the abort, when the call is aborted", async () => {
    const connectionClosed = endlessAnswer();
    const abort = new AbortController();
    const { stream } = await withLeanStreaming(sdkModel()).doStream({
      ...call,
      abortSignal: abort.signal,
    });
    const reader = stream.getReader();
    for (let part = await reader.read(); part.value?.type !== "text-delta";)
      part = await reader.read();
    abort.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    await connectionClosed;
  });
});
