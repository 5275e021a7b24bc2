import { generateText, stepCountIs, type ModelMessage, type ToolSet } from "ai";
import { createOfflineModel } from "../../src/ai/offline/offline.model.js";

/** One finished turn of a conversation with the offline model. */
export interface Turn {
  reply: string;
  toolCalls: { toolName: string; input: unknown }[];
}

/**
 * Talks to the offline model the way the chat agent will: generateText with tools and a step
 * limit, carrying the conversation (tool calls and results included) from turn to turn.
 */
export class OfflineChat {
  readonly messages: ModelMessage[] = [];
  private readonly model = createOfflineModel();

  constructor(
    private readonly tools: ToolSet,
    private readonly clock: { timezone: string; now: Date },
  ) {}

  /** Sends one user message and returns the reply and the tool calls of the whole turn. */
  async say(text: string): Promise<Turn> {
    this.messages.push({ role: "user", content: text });
    const result = await generateText({
      model: this.model,
      tools: this.tools,
      messages: this.messages,
      stopWhen: stepCountIs(6),
      providerOptions: {
        docket: { timezone: this.clock.timezone, now: this.clock.now.toISOString() },
      },
    });
    this.messages.push(...result.response.messages);
    return {
      reply: result.text,
      toolCalls: result.steps.flatMap((step) =>
        step.toolCalls.map((call) => ({ toolName: call.toolName, input: call.input })),
      ),
    };
  }
}
