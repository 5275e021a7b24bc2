import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { stepCountIs, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { FakeTaskStore } from "../../../test/fakes/task-tools.js";
import { createOfflineModel } from "./offline.model.js";

const NOW = new Date("2026-03-11T10:00:00Z");
const docket = { docket: { timezone: "UTC", now: NOW.toISOString() } };

describe("createOfflineModel", () => {
  it("identifies itself", () => {
    const model = createOfflineModel();
    expect(model.specificationVersion).toBe("v3");
    expect(model.provider).toBe("offline");
    expect(model.modelId).toBe("docket-offline");
  });

  it("streams tool calls, then text, through streamText", async () => {
    const store = new FakeTaskStore(NOW);
    store.seed({ title: "buy milk" });
    const result = streamText({
      model: createOfflineModel(),
      tools: store.tools(),
      prompt: "mark buy milk as done",
      stopWhen: stepCountIs(6),
      providerOptions: docket,
    });
    const types: string[] = [];
    const toolNames: string[] = [];
    let text = "";
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === "tool-call") toolNames.push(part.toolName);
      if (part.type === "text-delta") text += part.text;
    }
    expect(toolNames).toEqual(["list_tasks", "complete_task"]);
    expect(types).toContain("tool-result");
    expect(types.filter((type) => type === "text-delta").length).toBeGreaterThan(1);
    expect(text).toBe("Completed \u201cbuy milk\u201d.");
    expect(await result.finishReason).toBe("stop");
    expect(store.tasks[0]?.completed).toBe(true);
    const usage = await result.totalUsage;
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(0);
  });

  it("emits well-formed V3 stream parts", async () => {
    const model = createOfflineModel();
    const { stream } = await model.doStream({
      prompt: [{ role: "user", content: [{ type: "text", text: "hello" }] }],
      providerOptions: docket,
    });
    const parts: LanguageModelV3StreamPart[] = [];
    for await (const part of stream) parts.push(part);
    expect(parts[0]?.type).toBe("stream-start");
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "stop" } });
    const ids = new Set(
      parts.flatMap((part) => (part.type.startsWith("text-") && "id" in part ? [part.id] : [])),
    );
    expect(ids.size).toBe(1);
    expect(parts.map((part) => part.type)).toEqual(
      expect.arrayContaining(["text-start", "text-delta", "text-end"]),
    );
  });

  it("returns tool calls with JSON-string inputs from doGenerate", async () => {
    const model = createOfflineModel();
    const result = await model.doGenerate({
      prompt: [{ role: "user", content: [{ type: "text", text: "add buy milk tomorrow" }] }],
      tools: [{ type: "function", name: "add_task", inputSchema: { type: "object" } }],
      providerOptions: docket,
    });
    expect(result.finishReason.unified).toBe("tool-calls");
    const call = result.content[0];
    expect(call?.type).toBe("tool-call");
    if (call?.type === "tool-call") {
      expect(call.toolName).toBe("add_task");
      expect(JSON.parse(call.input)).toMatchObject({
        title: "buy milk",
        due_at: "2026-03-12T00:00:00.000Z",
        due_all_day: true,
      });
    }
  });

  it("says so when no task tools are offered", async () => {
    const model = createOfflineModel();
    const result = await model.doGenerate({
      prompt: [{ role: "user", content: [{ type: "text", text: "delete buy milk" }] }],
      providerOptions: docket,
    });
    expect(result.content).toEqual([
      { type: "text", text: expect.stringContaining("can't manage tasks") },
    ]);
  });

  it("'undo' with earlier turns left out says the change is too far back, not that there was none", async () => {
    const model = createOfflineModel();
    const undo = (trimmed: boolean) =>
      model.doGenerate({
        prompt: [{ role: "user", content: [{ type: "text", text: "undo" }] }],
        providerOptions: { docket: { ...docket.docket, trimmed } },
      });
    expect((await undo(true)).content).toEqual([
      {
        type: "text",
        text: "There's nothing recent I can undo \u2014 any change I made is too far back in this conversation for me to see.",
      },
    ]);
    expect((await undo(false)).content).toEqual([
      {
        type: "text",
        text: "There's nothing to undo \u2014 I haven't changed any tasks in this conversation.",
      },
    ]);
  });

  it("falls back to UTC and the real clock for bad provider options", async () => {
    const model = createOfflineModel();
    const result = await model.doGenerate({
      prompt: [{ role: "user", content: [{ type: "text", text: "add x tomorrow" }] }],
      tools: [{ type: "function", name: "add_task", inputSchema: { type: "object" } }],
      providerOptions: { docket: { timezone: "Mars/Olympus", now: "not a date" } },
    });
    expect(result.content[0]?.type).toBe("tool-call");
  });
});
