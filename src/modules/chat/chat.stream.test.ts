import {
  parseJsonEventStream,
  readUIMessageStream,
  uiMessageChunkSchema,
  type UIMessage,
  type UIMessageChunk,
} from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool } from "../../ai/tools/tool-definition.js";
import { and, eq } from "drizzle-orm";
import type { App } from "../../app.js";
import { conversations, messages } from "../../db/schema/chat.js";
import {
  hasToolResults,
  startFakeOpenAi,
  type FakeOpenAiServer,
} from "../../../test/fakes/openai-server.js";
import { signUp, type TestUser } from "../../../test/helpers/auth.js";
import { buildChatApp, eventually, fakeLlmEnv, parseUiStream } from "../../../test/helpers/chat.js";

let primary: FakeOpenAiServer;
let fallback: FakeOpenAiServer;
let app: App;
let base: string;
let alice: TestUser;

beforeAll(async () => {
  primary = await startFakeOpenAi();
  fallback = await startFakeOpenAi();
  app = await buildChatApp(fakeLlmEnv(primary.url, fallback.url, { LLM_TIMEOUT_MS: "1000" }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  base = `http://127.0.0.1:${address.port}`;
  alice = await signUp(app);
});
afterAll(async () => {
  await app.close();
  await primary.close();
  await fallback.close();
});
beforeEach(() => {
  primary.setHandler(() => ({ kind: "text", text: "primary answer" }));
  fallback.setHandler(() => ({ kind: "text", text: "fallback answer" }));
});

function post(payload: Record<string, unknown>, signal?: AbortSignal) {
  return fetch(`${base}/api/chat`, {
    method: "POST",
    headers: { ...alice.headers, accept: "text/event-stream", "content-type": "application/json" },
    body: JSON.stringify(payload),
    ...(signal ? { signal } : {}),
  });
}

async function rowsOf(conversationId: string) {
  return app.db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(messages.sequence);
}

describe("POST /api/chat (stream)", () => {
  it("streams the conversation id first, text, tool events and a finish after storing", async () => {
    primary.setHandler((request) =>
      hasToolResults(request)
        ? { kind: "text", text: "Added it for you." }
        : { kind: "tool_calls", calls: [{ name: "add_task", arguments: { title: "call mom" } }] },
    );
    const response = await post({ message: "add call mom" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const chunks = parseUiStream(await response.text());
    expect(chunks[0]).toMatchObject({ type: "data-conversation" });
    const conversationId = (chunks[0]!.data as { conversation_id: string }).conversation_id;
    const types = chunks.map((chunk) => chunk.type);
    expect(types).toContain("tool-input-available");
    expect(types).toContain("tool-output-available");
    expect(types.at(-1)).toBe("finish");
    const text = chunks
      .filter((chunk) => chunk.type === "text-delta")
      .map((chunk) => chunk.delta as string)
      .join("");
    expect(text).toBe("Added it for you.");
    const output = chunks.find((chunk) => chunk.type === "tool-output-available");
    expect(output?.output).toMatchObject({ task: { title: "call mom" } });
    const finish = chunks.at(-1)!;
    expect(finish.messageMetadata).toMatchObject({
      provider: "openai-compatible",
      model: "main-model",
      message_id: expect.any(String),
    });

    const rows = await rowsOf(conversationId);
    expect(rows.map((row) => [row.role, row.status])).toEqual([
      ["user", "complete"],
      ["assistant", "complete"],
      ["tool", "complete"],
      ["assistant", "complete"],
    ]);
    expect(rows.at(-1)?.id).toBe((finish.messageMetadata as { message_id: string }).message_id);
    expect(rows[1]?.usage).toMatchObject({ input_tokens: 12, output_tokens: 7 });
    expect(rows[1]?.latencyMs).toEqual(expect.any(Number));
  });

  it("falls back before the first token without the client noticing", async () => {
    primary.setHandler(() => ({ kind: "status", status: 503 }));
    const chunks = parseUiStream(await (await post({ message: "hello" })).text());
    const text = chunks
      .filter((c) => c.type === "text-delta")
      .map((c) => c.delta as string)
      .join("");
    expect(text).toBe("fallback answer");
    expect(chunks.some((chunk) => chunk.type === "error")).toBe(false);
    expect(chunks.at(-1)?.messageMetadata).toMatchObject({
      provider: "openai-compatible-fallback",
    });
  });

  it("sends only an error event and stores nothing when every provider fails", async () => {
    primary.setHandler(() => ({ kind: "status", status: 500 }));
    fallback.setHandler(() => ({ kind: "malformed" }));
    const before = await app.db
      .select()
      .from(conversations)
      .where(eq(conversations.userId, alice.userId));
    const response = await post({ message: "hello" });
    expect(response.status).toBe(200);
    const chunks = parseUiStream(await response.text());
    expect(chunks.map((chunk) => chunk.type)).toEqual(["error"]);
    expect(chunks[0]!.errorText).toMatch(/unavailable/);
    const after = await app.db
      .select()
      .from(conversations)
      .where(eq(conversations.userId, alice.userId));
    expect(after).toHaveLength(before.length);
  });

  it("reads back with the AI SDK's own client parser into one assistant message", async () => {
    primary.setHandler((request) =>
      hasToolResults(request)
        ? { kind: "text", text: "Added the dentist for you." }
        : { kind: "tool_calls", calls: [{ name: "add_task", arguments: { title: "dentist" } }] },
    );
    const response = await post({ message: "add dentist" });
    expect(response.headers.get("cache-control")).toBe("no-cache");
    // What useChat's transport does with the body: validate every chunk, then assemble.
    const chunks = parseJsonEventStream({
      stream: response.body!,
      schema: uiMessageChunkSchema,
    }).pipeThrough(
      new TransformStream<{ success: boolean; value?: unknown; error?: unknown }, UIMessageChunk>({
        transform(result, controller) {
          if (!result.success) throw result.error as Error;
          controller.enqueue(result.value as UIMessageChunk);
        },
      }),
    );
    const [forReader, forTypes] = chunks.tee();
    const seen: UIMessageChunk[] = [];
    const collected = forTypes.pipeTo(
      new WritableStream({ write: (chunk) => void seen.push(chunk) }),
    );
    let last: UIMessage | undefined;
    for await (const message of readUIMessageStream({ stream: forReader })) last = message;
    await collected;
    // useChat keeps data parts sent before `start` (readUIMessageStream resets on the id).
    expect(seen[0]?.type).toBe("data-conversation");
    expect(seen.at(-1)?.type).toBe("finish");
    expect(last?.role).toBe("assistant");
    expect(last?.id).toEqual(expect.any(String));
    const types = last!.parts.map((part) => part.type);
    expect(types).toContain("tool-add_task");
    const toolPart = last!.parts.find((part) => part.type === "tool-add_task") as
      { state: string; output: { task: { title: string } } } | undefined;
    expect(toolPart).toMatchObject({
      state: "output-available",
      output: { task: { title: "dentist" } },
    });
    const text = last!.parts
      .filter((part) => part.type === "text")
      .map((part) => (part as { text: string }).text)
      .join("");
    expect(text).toBe("Added the dentist for you.");
    expect(last?.metadata).toMatchObject({ message_id: expect.any(String) });
  });

  it("sends an existing conversation's id before the model has answered", async () => {
    const first = parseUiStream(await (await post({ message: "open a conversation" })).text());
    const conversationId = (first[0]!.data as { conversation_id: string }).conversation_id;
    primary.setHandler(() => ({ kind: "text", text: "late answer", delayMs: 600 }));
    const response = await post({ message: "and now?", conversation_id: conversationId });
    const reader = response.body!.getReader();
    const started = performance.now();
    const { value } = await reader.read();
    const firstRead = performance.now() - started;
    expect(parseUiStream(new TextDecoder().decode(value))[0]).toEqual({
      type: "data-conversation",
      data: { conversation_id: conversationId },
    });
    expect(firstRead).toBeLessThan(500);
    let rest = "";
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      rest += new TextDecoder().decode(next.value);
    }
    expect(parseUiStream(rest).at(-1)?.type).toBe("finish");
  });

  it("answers JSON over a real connection when the client does not ask for a stream", async () => {
    const response = await fetch(`${base}/api/chat`, {
      method: "POST",
      headers: { ...alice.headers, "content-type": "application/json" },
      body: JSON.stringify({ message: "plain json please" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ response: "primary answer", status: "complete" });
  });

  it("answers problem+json before streaming for an unknown conversation", async () => {
    const response = await post({ message: "hi", conversation_id: "does-not-exist" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "CONVERSATION_NOT_FOUND" });
  });

  it("stores the partial answer as interrupted when the client disconnects", async () => {
    const words = Array.from({ length: 60 }, (_, index) => `word${index}`).join(" ");
    primary.setHandler(() => ({ kind: "text", text: words, chunkDelayMs: 40 }));
    const abort = new AbortController();
    const response = await post({ message: "tell me a long story" }, abort.signal);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    while (!received.includes("word3")) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value as Uint8Array);
    }
    abort.abort();
    const conversationId = (parseUiStream(received)[0]!.data as { conversation_id: string })
      .conversation_id;
    const rows = await eventually(async () => {
      const stored = await rowsOf(conversationId);
      return stored.length >= 2 ? stored : undefined;
    });
    expect(rows.map((row) => [row.role, row.status])).toEqual([
      ["user", "complete"],
      ["assistant", "interrupted"],
    ]);
    const partial = rows[1]!.content;
    expect(partial.length).toBeGreaterThan(0);
    expect(words.startsWith(partial.trimEnd())).toBe(true);
    expect(partial.length).toBeLessThan(words.length);

    // The conversation goes on from where it stopped.
    primary.setHandler(() => ({ kind: "text", text: "continuing" }));
    const next = parseUiStream(
      await (await post({ message: "go on", conversation_id: conversationId })).text(),
    );
    expect(next.at(-1)?.type).toBe("finish");
    const history = primary.requests.at(-1)!.body.messages!;
    expect(history.map((message) => message.role)).toEqual(["system", "user", "assistant", "user"]);
    const [conversation] = await app.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.userId, alice.userId)));
    expect(conversation?.title).toBe("tell me a long story");
  });

  it("ends with an error and keeps what was said when the provider stalls mid-answer", async () => {
    primary.setHandler(() => ({ kind: "stall_after", text: "I was saying " }));
    const chunks = parseUiStream(await (await post({ message: "stall please" })).text());
    expect(chunks[0]?.type).toBe("data-conversation");
    expect(chunks.some((chunk) => chunk.type === "error")).toBe(true);
    expect(chunks.some((chunk) => chunk.type === "finish")).toBe(false);
    const conversationId = (chunks[0]!.data as { conversation_id: string }).conversation_id;
    const rows = await rowsOf(conversationId);
    expect(rows.map((row) => [row.role, row.status, row.content])).toEqual([
      ["user", "complete", "stall please"],
      ["assistant", "error", "I was saying "],
    ]);
  });
});

describe("POST /api/chat (stream, default offline model)", () => {
  it("streams the offline model's tool calls and answer, and resolves 'it' on the next turn", async () => {
    const offline = await buildChatApp({});
    try {
      await offline.listen({ port: 0, host: "127.0.0.1" });
      const address = offline.server.address();
      if (!address || typeof address === "string") throw new Error("no address");
      const user = await signUp(offline);
      const send = async (message: string, conversationId?: string) => {
        const response = await fetch(`http://127.0.0.1:${address.port}/api/chat`, {
          method: "POST",
          headers: {
            ...user.headers,
            accept: "text/event-stream",
            "content-type": "application/json",
          },
          body: JSON.stringify({
            message,
            ...(conversationId ? { conversation_id: conversationId } : {}),
          }),
        });
        return parseUiStream(await response.text());
      };
      const first = await send("add buy milk tomorrow at 5pm #home");
      const conversationId = (first[0]!.data as { conversation_id: string }).conversation_id;
      expect(first.find((chunk) => chunk.type === "tool-input-available")).toMatchObject({
        toolName: "add_task",
      });
      expect(first.at(-1)).toMatchObject({
        type: "finish",
        messageMetadata: { provider: "offline" },
      });
      const second = await send("mark it as done", conversationId);
      expect(second.find((chunk) => chunk.type === "tool-input-available")).toMatchObject({
        toolName: "complete_task",
      });
      const tasks = await offline.inject({
        method: "GET",
        url: "/api/tasks?status=completed",
        headers: user.headers,
      });
      expect(tasks.json<{ tasks: { title: string }[] }>().tasks.map((task) => task.title)).toEqual([
        "buy milk",
      ]);
    } finally {
      await offline.close();
    }
  });
});

describe("POST /api/chat (stream, client leaves while a tool runs)", () => {
  it("waits for the running tool and records what it did", async () => {
    const ran: string[] = [];
    const slowTool = defineTool({
      name: "slow_note",
      description: "Saves a note slowly.",
      inputSchema: z.object({ text: z.string() }),
      run: async ({ text }) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        ran.push(text);
        return { saved: text };
      },
    });
    const fake = await startFakeOpenAi(() => ({
      kind: "tool_calls",
      calls: [{ name: "slow_note", arguments: { text: "remember me" } }],
    }));
    const slowApp = await buildChatApp(fakeLlmEnv(fake.url), {
      chat: { extraTools: () => [slowTool] },
    });
    try {
      await slowApp.listen({ port: 0, host: "127.0.0.1" });
      const address = slowApp.server.address();
      if (!address || typeof address === "string") throw new Error("no address");
      const user = await signUp(slowApp);
      const abort = new AbortController();
      const response = await fetch(`http://127.0.0.1:${address.port}/api/chat`, {
        method: "POST",
        headers: {
          ...user.headers,
          accept: "text/event-stream",
          "content-type": "application/json",
        },
        body: JSON.stringify({ message: "note this slowly" }),
        signal: abort.signal,
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = "";
      while (!received.includes("tool-input-available")) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value as Uint8Array);
      }
      abort.abort();
      const abortedAt = Date.now();
      const conversationId = (parseUiStream(received)[0]!.data as { conversation_id: string })
        .conversation_id;
      const rows = await eventually(async () => {
        const stored = await slowApp.db
          .select()
          .from(messages)
          .where(eq(messages.conversationId, conversationId))
          .orderBy(messages.sequence);
        return stored.length >= 2 ? stored : undefined;
      });
      expect(Date.now() - abortedAt).toBeLessThan(3000); // it waited for the tool, not the grace limit
      expect(ran).toEqual(["remember me"]);
      expect(rows.map((row) => [row.role, row.status])).toEqual([
        ["user", "complete"],
        ["assistant", "interrupted"],
        ["tool", "complete"],
      ]);
      expect(rows[1]!.toolCalls).toEqual([
        expect.objectContaining({
          tool: "slow_note",
          result: { saved: "remember me" },
          is_error: false,
        }),
      ]);
    } finally {
      await slowApp.close();
      await fake.close();
    }
  });
});
