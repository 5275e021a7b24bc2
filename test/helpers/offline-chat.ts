import type { ModelMessage, ToolSet } from "ai";
import type { z } from "zod";
import { runAgentToEnd, type AgentStep } from "../../src/ai/agent/agent.js";
import { createOfflineModel } from "../../src/ai/offline/offline.model.js";
import type { ToolDefinition, ToolResult } from "../../src/ai/tools/tool-definition.js";

/** One finished turn of a conversation with the offline model. */
export interface Turn {
  reply: string;
  toolCalls: { toolName: string; input: unknown }[];
}

/** A fake's AI SDK tools as the agent's tool definitions. */
function definitionsOf(tools: ToolSet): ToolDefinition[] {
  return Object.entries(tools).map(([name, tool]) => ({
    name,
    description: tool.description ?? "",
    inputSchema: tool.inputSchema as z.ZodObject,
    execute: async (input) =>
      (await tool.execute!(input, { toolCallId: name, messages: [] })) as ToolResult,
  }));
}

/**
 * Talks to the offline model the way the chat agent does (`runAgent`, whole answers as in
 * JSON mode, six steps at most), carrying the conversation, tool calls and results included,
 * from turn to turn.
 */
export class OfflineChat {
  readonly messages: ModelMessage[] = [];
  private readonly model = createOfflineModel();
  private readonly tools: ToolDefinition[];

  constructor(
    tools: ToolSet,
    private readonly clock: { timezone: string; now: Date },
  ) {
    this.tools = definitionsOf(tools);
  }

  /** Sends one user message and returns the reply and the tool calls of the whole turn. */
  async say(text: string): Promise<Turn> {
    this.messages.push({ role: "user", content: text });
    const steps: AgentStep[] = [];
    const { error } = await runAgentToEnd(
      {
        model: this.model,
        messages: this.messages,
        tools: this.tools,
        maxSteps: 6,
        mode: "generate",
        providerOptions: {
          docket: { timezone: this.clock.timezone, now: this.clock.now.toISOString() },
        },
      },
      (step) => steps.push(step),
    );
    if (error !== undefined)
      throw error instanceof Error
        ? error
        : new Error("the offline model failed", { cause: error });
    for (const step of steps) this.messages.push(...step.messages);
    return {
      reply: steps.at(-1)?.text ?? "",
      toolCalls: steps.flatMap((step) =>
        step.toolCalls.map((call) => ({ toolName: call.toolName, input: call.input })),
      ),
    };
  }
}
