import { describe, expect, it } from "vitest";
import {
  conversationIdOf,
  storedToChatMessages,
  textOf,
  toolActivitiesOf,
} from "./chat-messages.js";

describe("conversationIdOf", () => {
  it("reads the id from metadata or from a data-conversation part", () => {
    expect(conversationIdOf({ metadata: { conversation_id: "c1" }, parts: [] })).toBe("c1");
    expect(
      conversationIdOf({ parts: [{ type: "data-conversation", data: { conversation_id: "c2" } }] }),
    ).toBe("c2");
    expect(
      conversationIdOf({ parts: [{ type: "data-conversation", data: { conversation_id: 5 } }] }),
    ).toBeUndefined();
  });
});

describe("storedToChatMessages", () => {
  it("turns history into messages with finished tool parts and merges assistant steps", () => {
    const messages = storedToChatMessages([
      { id: "m1", role: "user", content: "add call mom tomorrow 5pm", created_at: "" },
      {
        id: "m2",
        role: "assistant",
        content: null,
        tool_calls: [
          { tool: "add_task", arguments: { title: "call mom" }, result: { title: "call mom" } },
        ],
        created_at: "",
      },
      { id: "m3", role: "tool", content: "{}", created_at: "" },
      { id: "m4", role: "assistant", content: "Added it.", created_at: "" },
    ]);
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    const assistant = messages[1]!;
    expect(textOf(assistant)).toBe("Added it.");
    const tools = toolActivitiesOf(assistant.parts);
    expect(tools).toEqual([
      {
        id: "m2-0",
        tool: "add_task",
        state: "done",
        input: { title: "call mom" },
        output: { title: "call mom" },
      },
    ]);
  });

  it("marks failed tool calls as errors", () => {
    const [message] = storedToChatMessages([
      {
        id: "m1",
        role: "assistant",
        content: "Sorry.",
        tool_calls: [
          {
            tool: "complete_task",
            arguments: {},
            result: { error: "Task not found" },
            is_error: true,
          },
        ],
        created_at: "",
      },
    ]);
    expect(toolActivitiesOf(message!.parts)[0]).toMatchObject({
      state: "error",
      errorText: "Task not found",
    });
  });
});
