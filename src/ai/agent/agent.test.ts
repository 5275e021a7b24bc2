import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3StreamPart,
} from "@ai-sdk/provider";
import type { UIMessageChunk } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool } from "../tools/tool-definition.js";
import { runAgent, type AgentCall, type AgentOutcome, type AgentStep } from "./agent.js";
import { toProviderPrompt } from "./prompt.js";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 4, text: 4, reasoning: undefined },
};

function streamOf(parts: LanguageModelV3StreamPart[]) {
  return {
    stream: new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    }),
  };
}

const textParts = (text: string): LanguageModelV3StreamPart[] => [
  { type: "stream-start", warnings: [] },
  { type: "text-start", id: "t" },
  { type: "text-delta", id: "t", delta: text.slice(0, 3) },
  { type: "text-delta", id: "t", delta: text.slice(3) },
  { type: "text-end", id: "t" },
  { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
];

const callParts = (
  ...calls: { id: string; name: string; input: string }[]
): LanguageModelV3StreamPart[] => [
  ...calls.map((call) => ({
    type: "tool-call" as const,
    toolCallId: call.id,
    toolName: call.name,
    input: call.input,
  })),
  { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage },
];

function notesTool(saved: string[]) {
  return defineTool({
    name: "save_note",
    description: "Saves a note.",
    inputSchema: z.object({ text: z.string().min(1) }),
    run: async ({ text }) => {
      saved.push(text);
      return { saved: text };
    },
  });
}

async function drain(call: AgentCall) {
  const steps: AgentStep[] = [];
  const chunks: UIMessageChunk[] = [];
  const agent = runAgent(call, (step) => steps.push(step));
  let next = await agent.next();
  while (!next.done) {
    chunks.push(next.value);
    next = await agent.next();
  }
  const outcome: AgentOutcome = next.value;
  return { steps, chunks, outcome };
}

/** A model that answers each call with the next of `answers` (as stream parts). */
function scripted(answers: LanguageModelV3StreamPart[][]) {
  const prompts: LanguageModelV3CallOptions[] = [];
  const model = new MockLanguageModelV3({
    doStream: async (options) => {
      prompts.push(options);
      return streamOf(answers[prompts.length - 1] ?? textParts("out of script"));
    },
  });
  return { model, prompts };
}

describe("runAgent", () => {
  it("streams an answer as UI message chunks and reports the step", async () => {
    const { model } = scripted([textParts("Hello there")]);
    const { steps, chunks, outcome } = await drain({
      model,
      system: "Be brief.",
      messages: [{ role: "user", content: "hi" }],
      tools: [],
      maxSteps: 6,
      mode: "stream",
    });
    expect(chunks.map((chunk) => chunk.type)).toEqual([
      "start",
      "start-step",
      "text-start",
      "text-delta",
      "text-delta",
      "text-end",
      "finish-step",
      "finish",
    ]);
    expect(outcome).toMatchObject({ aborted: false });
    expect(outcome.error).toBeUndefined();
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({
      text: "Hello there",
      finishReason: "stop",
      usage: { inputTokens: 10, outputTokens: 4, totalTokens: 14 },
      messages: [{ role: "assistant", content: [{ type: "text", text: "Hello there" }] }],
    });
  });

  it("runs the tools a model calls and shows it their results in the next step", async () => {
    const saved: string[] = [];
    const { model, prompts } = scripted([
      callParts({ id: "c1", name: "save_note", input: '{"text":"milk"}' }),
      textParts("Saved it."),
    ]);
    const { steps, chunks } = await drain({
      model,
      system: "s",
      messages: [{ role: "user", content: "note milk" }],
      tools: [notesTool(saved)],
      maxSteps: 6,
      mode: "stream",
    });
    expect(saved).toEqual(["milk"]);
    expect(steps.map((step) => step.text)).toEqual(["", "Saved it."]);
    expect(steps[0]!.toolCalls).toEqual([
      {
        toolCallId: "c1",
        toolName: "save_note",
        input: { text: "milk" },
        outcome: { output: { saved: "milk" }, isError: false },
      },
    ]);
    expect(chunks.find((chunk) => chunk.type === "tool-output-available")).toEqual({
      type: "tool-output-available",
      toolCallId: "c1",
      output: { saved: "milk" },
    });
    expect(prompts[0]!.tools?.map((tool) => tool.name)).toEqual(["save_note"]);
    expect(prompts[1]!.prompt.slice(-2)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "c1", toolName: "save_note", input: { text: "milk" } },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "c1",
            toolName: "save_note",
            output: { type: "json", value: { saved: "milk" } },
          },
        ],
      },
    ]);
  });

  it("answers an unknown tool or unreadable arguments with an error the model can read", async () => {
    const saved: string[] = [];
    const { model, prompts } = scripted([
      callParts(
        { id: "a", name: "rm_rf", input: "{}" },
        { id: "b", name: "save_note", input: "{not json" },
        { id: "c", name: "save_note", input: '{"text":""}' },
      ),
      textParts("Sorry."),
    ]);
    const { steps, chunks } = await drain({
      model,
      messages: [{ role: "user", content: "x" }],
      tools: [notesTool(saved)],
      maxSteps: 6,
      mode: "stream",
    });
    expect(saved).toEqual([]);
    const [unknown, unreadable, invalid] = steps[0]!.toolCalls;
    expect(unknown!.outcome).toMatchObject({
      isError: true,
      output: { error: "TOOL_CALL_FAILED", message: expect.stringContaining("rm_rf") },
    });
    expect(unreadable!.outcome).toMatchObject({
      isError: true,
      output: { error: "TOOL_CALL_FAILED", message: expect.stringContaining("save_note") },
    });
    expect(invalid!.outcome).toMatchObject({
      isError: true,
      output: { error: "INVALID_ARGUMENTS" },
    });
    expect(chunks.filter((chunk) => chunk.type === "tool-input-error")).toHaveLength(2);
    const results = prompts[1]!.prompt.at(-1);
    expect(results?.role).toBe("tool");
    expect(
      (results?.content as { output: { type: string } }[]).map((part) => part.output.type),
    ).toEqual(["error-text", "error-text", "json"]);
  });

  it("stops after maxSteps even when the model keeps calling tools", async () => {
    const saved: string[] = [];
    const loop = callParts({ id: "x", name: "save_note", input: '{"text":"again"}' });
    const { model, prompts } = scripted([loop, loop, loop, loop]);
    const { steps, chunks } = await drain({
      model,
      messages: [{ role: "user", content: "loop" }],
      tools: [notesTool(saved)],
      maxSteps: 3,
      mode: "stream",
    });
    expect(prompts).toHaveLength(3);
    expect(steps).toHaveLength(3);
    expect(saved).toHaveLength(3);
    expect(chunks.at(-1)).toEqual({ type: "finish", finishReason: "tool-calls" });
  });

  it("ends with an error chunk, and no step, when the model fails before answering", async () => {
    const model = new MockLanguageModelV3({
      doStream: async () => {
        throw new Error("provider down");
      },
    });
    const { steps, chunks, outcome } = await drain({
      model,
      messages: [{ role: "user", content: "hi" }],
      tools: [],
      maxSteps: 6,
      mode: "stream",
      errorText: (error) => `failed: ${(error as Error).message}`,
    });
    expect(steps).toEqual([]);
    expect(chunks.at(-1)).toEqual({ type: "error", errorText: "failed: provider down" });
    expect((outcome.error as Error).message).toBe("provider down");
  });

  it("ends with an abort chunk when the caller aborts mid-answer", async () => {
    const abort = new AbortController();
    const model = new MockLanguageModelV3({
      doStream: async ({ abortSignal }) => ({
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            controller.enqueue({ type: "text-start", id: "t" });
            controller.enqueue({ type: "text-delta", id: "t", delta: "Hel" });
            abortSignal?.addEventListener("abort", () => controller.error(abortSignal.reason));
          },
        }),
      }),
    });
    const agent = runAgent(
      {
        model,
        messages: [{ role: "user", content: "hi" }],
        tools: [],
        maxSteps: 6,
        mode: "stream",
        abortSignal: abort.signal,
      },
      () => undefined,
    );
    const seen: string[] = [];
    for (;;) {
      const next = await agent.next();
      if (next.done) {
        expect(next.value).toMatchObject({ aborted: true, steps: [] });
        break;
      }
      seen.push(next.value.type);
      if (next.value.type === "text-delta") abort.abort();
    }
    expect(seen.at(-1)).toBe("abort");
  });

  it("runs no tool when the answer broke off or hit a limit after the call", async () => {
    const call = {
      type: "tool-call",
      toolCallId: "c1",
      toolName: "save_note",
      input: '{"text":"milk"}',
    } as const;
    const endings: LanguageModelV3StreamPart[][] = [
      [call, { type: "error", error: new TypeError("terminated") }],
      [call, { type: "finish", finishReason: { unified: "length", raw: "length" }, usage }],
      [
        call,
        {
          type: "finish",
          finishReason: { unified: "content-filter", raw: "content_filter" },
          usage,
        },
      ],
    ];
    for (const ending of endings) {
      const saved: string[] = [];
      const { model, prompts } = scripted([ending, textParts("again")]);
      const { steps } = await drain({
        model,
        messages: [{ role: "user", content: "note milk" }],
        tools: [notesTool(saved)],
        maxSteps: 6,
        mode: "stream",
      });
      expect(saved).toEqual([]);
      expect(prompts).toHaveLength(1);
      expect(steps[0]!.toolCalls[0]!.outcome).toBeUndefined();
    }
  });

  it("runs a step's tool calls at once", async () => {
    let running = 0;
    let most = 0;
    const slow = defineTool({
      name: "slow",
      description: "Waits.",
      inputSchema: z.object({}),
      run: async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        running -= 1;
        return { ok: true };
      },
    });
    const { model } = scripted([
      callParts(
        { id: "a", name: "slow", input: "{}" },
        { id: "b", name: "slow", input: "{}" },
        { id: "c", name: "slow", input: "{}" },
      ),
      textParts("done"),
    ]);
    const { steps } = await drain({
      model,
      messages: [{ role: "user", content: "x" }],
      tools: [slow],
      maxSteps: 6,
      mode: "stream",
    });
    expect(most).toBe(3);
    expect(steps[0]!.toolCalls.every((toolCall) => toolCall.outcome?.isError === false)).toBe(true);
  });

  it("starts no step for a model that fails before answering in a later step", async () => {
    const saved: string[] = [];
    let calls = 0;
    const model = new MockLanguageModelV3({
      doStream: async () => {
        calls += 1;
        if (calls === 1)
          return streamOf(callParts({ id: "a", name: "save_note", input: '{"text":"x"}' }));
        throw new Error("down");
      },
    });
    const { chunks, outcome } = await drain({
      model,
      messages: [{ role: "user", content: "x" }],
      tools: [notesTool(saved)],
      maxSteps: 6,
      mode: "stream",
    });
    expect(chunks.filter((chunk) => chunk.type === "start-step")).toHaveLength(1);
    expect(chunks.at(-1)?.type).toBe("error");
    expect(outcome.steps).toHaveLength(1);
  });

  it("reads a whole (generated) answer into the same steps as a streamed one", async () => {
    const content: LanguageModelV3Content[] = [
      { type: "text", text: "Noted." },
      { type: "tool-call", toolCallId: "g1", toolName: "save_note", input: '{"text":"eggs"}' },
    ];
    let calls = 0;
    const saved: string[] = [];
    const model = new MockLanguageModelV3({
      doGenerate: async () => {
        calls += 1;
        return calls === 1
          ? {
              content,
              finishReason: { unified: "tool-calls", raw: "tool_calls" },
              usage,
              warnings: [],
            }
          : {
              content: [{ type: "text", text: "Done." }],
              finishReason: { unified: "stop", raw: "stop" },
              usage,
              warnings: [],
            };
      },
    });
    const { steps } = await drain({
      model,
      messages: [{ role: "user", content: "note eggs" }],
      tools: [notesTool(saved)],
      maxSteps: 6,
      mode: "generate",
    });
    expect(saved).toEqual(["eggs"]);
    expect(steps.map((step) => [step.text, step.finishReason])).toEqual([
      ["Noted.", "tool-calls"],
      ["Done.", "stop"],
    ]);
  });
});

describe("toProviderPrompt", () => {
  it("converts history as the AI SDK does: text parts, no empty text, merged tool results", () => {
    const prompt = toProviderPrompt("system text", [
      { role: "user", content: "add milk" },
      {
        role: "assistant",
        content: [
          { type: "text", text: "" },
          { type: "tool-call", toolCallId: "1", toolName: "add_task", input: { title: "milk" } },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "1",
            toolName: "add_task",
            output: { type: "json", value: { ok: true } },
          },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "2",
            toolName: "add_task",
            output: { type: "error-text", value: "no" },
          },
        ],
      },
      { role: "assistant", content: "Added." },
    ]);
    expect(prompt.map((message) => message.role)).toEqual([
      "system",
      "user",
      "assistant",
      "tool",
      "assistant",
    ]);
    expect(prompt[1]).toEqual({ role: "user", content: [{ type: "text", text: "add milk" }] });
    expect(prompt[2]!.content).toHaveLength(1);
    expect(prompt[3]!.content).toHaveLength(2);
    expect(prompt[4]).toEqual({ role: "assistant", content: [{ type: "text", text: "Added." }] });
  });
});
