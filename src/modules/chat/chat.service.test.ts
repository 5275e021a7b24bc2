import type { LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import type { JSONValue, ModelMessage } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { createFallbackModel } from "../../ai/models/fallback-model.js";
import type { ModelRegistry } from "../../ai/models/model-registry.js";
import { signUp } from "../../../test/helpers/auth.js";
import { buildChatApp } from "../../../test/helpers/chat.js";
import { OMITTED_RESULT, rowsToModelMessages, trimToTokenBudget } from "./chat.history.js";
import type { MessageRow } from "./conversation.repository.js";

const usage = {
  inputTokens: { total: 5, noCache: 5, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 3, text: 3, reasoning: undefined },
};

function toolCallResult(name: string, input: unknown): LanguageModelV3GenerateResult {
  return {
    content: [
      { type: "tool-call", toolCallId: "call-1", toolName: name, input: JSON.stringify(input) },
    ],
    finishReason: { unified: "tool-calls", raw: "tool_calls" },
    usage,
    warnings: [],
  };
}

function registryOf(model: MockLanguageModelV3): ModelRegistry {
  return {
    model: createFallbackModel([{ name: "mock", model }]),
    available: true,
    providers: () => [{ name: "mock", model: model.modelId, circuit: "closed" }],
    health: () => ({ status: "healthy", providers: [] }),
  };
}

describe("chat service with a mock model", () => {
  let calls = 0;
  const model = new MockLanguageModelV3({
    modelId: "mock-1",
    doGenerate: async () => {
      calls += 1;
      if (calls % 2 === 1) return toolCallResult("add_task", { title: "water plants" });
      throw new Error("provider exploded after the tool ran");
    },
  });
  let app: App;
  beforeAll(async () => {
    app = await buildChatApp({}, { chat: { models: registryOf(model) } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("keeps what tools did when the model fails mid-turn, and says so", async () => {
    const user = await signUp(app);
    const response = await app.inject({
      method: "POST",
      url: "/api/chat",
      headers: user.headers,
      payload: { message: "add water plants" },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      status: string;
      response: string;
      conversation_id: string;
      tool_calls: unknown[];
    }>();
    expect(body.status).toBe("error");
    expect(body.response).toMatch(/could not finish/);
    expect(body.tool_calls).toHaveLength(1);
    const tasks = await app.inject({ method: "GET", url: "/api/tasks", headers: user.headers });
    expect(tasks.json<{ tasks: { title: string }[] }>().tasks.map((t) => t.title)).toEqual([
      "water plants",
    ]);
    const stored = await app.inject({
      method: "GET",
      url: `/api/conversations/${body.conversation_id}`,
      headers: user.headers,
    });
    const messages = stored.json<{ messages: { role: string; status: string }[] }>().messages;
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ["user", "complete"],
      ["assistant", "error"],
    ]);
  });

  it("passes the user's timezone and the current time to the model", async () => {
    const user = await signUp(app, { timezone: "Asia/Tokyo" });
    await app.inject({
      method: "POST",
      url: "/api/chat",
      headers: user.headers,
      payload: { message: "hi", timezone: "America/New_York" },
    });
    const options = model.doGenerateCalls.at(-1)!;
    expect(options.providerOptions?.docket).toMatchObject({
      timezone: "America/New_York",
      now: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const system = options.prompt[0];
    expect(system?.role).toBe("system");
    expect(JSON.stringify(system)).toContain("America/New_York");
  });
});

function row(overrides: Partial<MessageRow>): MessageRow {
  return {
    id: "m",
    conversationId: "c",
    userId: "u",
    sequence: 1,
    role: "user",
    content: "",
    parts: null,
    toolCalls: null,
    toolResults: null,
    provider: null,
    model: null,
    usage: null,
    latencyMs: null,
    status: "complete",
    createdAt: new Date(),
    ...overrides,
  };
}

describe("history", () => {
  it("rebuilds tool calls and results, skips failed answers, drops unanswered calls", () => {
    const messages = rowsToModelMessages([
      row({ role: "user", content: "list" }),
      row({
        role: "assistant",
        parts: [{ type: "tool-call", toolCallId: "a", toolName: "list_tasks", input: {} }],
      }),
      row({
        role: "tool",
        parts: [
          {
            type: "tool-result",
            toolCallId: "a",
            toolName: "list_tasks",
            output: { type: "json", value: { count: 0 } },
          },
        ],
      }),
      row({ role: "assistant", content: "Nothing.", parts: [{ type: "text", text: "Nothing." }] }),
      row({ role: "user", content: "add x" }),
      row({
        role: "assistant",
        status: "interrupted",
        content: "Adding",
        parts: [
          { type: "text", text: "Adding" },
          { type: "tool-call", toolCallId: "b", toolName: "add_task", input: { title: "x" } },
        ],
      }),
      row({ role: "user", content: "again" }),
      row({ role: "assistant", status: "error", content: "" }),
    ]);
    expect(messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "tool",
      "assistant",
      "user",
      "assistant",
      "user",
    ]);
    expect(messages[5]).toEqual({ role: "assistant", content: [{ type: "text", text: "Adding" }] });
  });

  it("keeps whole recent turns within the token budget, and always the newest", () => {
    const turn = (text: string): ModelMessage[] => [
      { role: "user", content: text },
      { role: "assistant", content: text },
    ];
    const long = "x".repeat(400); // ~100 tokens a message
    const history = [
      ...turn(`a${long}`),
      ...turn(`b${long}`),
      ...turn(`c${long}`),
      { role: "user", content: "now" } as ModelMessage,
    ];
    const trimmed = trimToTokenBudget(history, 450);
    expect(trimmed[0]).toEqual({ role: "user", content: `b${long}` });
    expect(trimmed.at(-1)).toEqual({ role: "user", content: "now" });
    expect(trimToTokenBudget([{ role: "user", content: "y".repeat(100_000) }], 10)).toHaveLength(1);
  });

  it("keeps turns whose lookups alone are past the budget with those results left out, and always the last turn", () => {
    const exchange = (id: string, toolName: string, value: JSONValue): ModelMessage[] => [
      { role: "assistant", content: [{ type: "tool-call", toolCallId: id, toolName, input: {} }] },
      {
        role: "tool",
        content: [
          { type: "tool-result", toolCallId: id, toolName, output: { type: "json", value } },
        ],
      },
    ];
    const bigList = { tasks: Array.from({ length: 200 }, (_, i) => ({ id: `t${String(i)}` })) };
    const completed = { task: { id: "t7", completed: true }, previous: { id: "t7" } };
    const history: ModelMessage[] = [
      { role: "user", content: "show my tasks" },
      ...exchange("a", "list_tasks", bigList),
      { role: "user", content: "complete t7" },
      ...exchange("b", "list_tasks", bigList),
      ...exchange("c", "complete_task", completed),
      { role: "assistant", content: "Completed t7." },
      { role: "user", content: "undo" },
    ];
    const trimmed = trimToTokenBudget(history, 500);
    expect(trimmed).toHaveLength(history.length);
    expect(trimmed[2]).toMatchObject({ content: [{ output: OMITTED_RESULT }] });
    expect(trimmed[5]).toMatchObject({ content: [{ output: OMITTED_RESULT }] });
    expect(trimmed[7]).toMatchObject({ content: [{ output: { value: completed } }] });
    // Too small a budget even for that: the turn before the newest is still kept, shortened.
    expect(trimToTokenBudget(history, 10).map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "tool",
      "assistant",
      "tool",
      "assistant",
      "user",
    ]);
  });
});
