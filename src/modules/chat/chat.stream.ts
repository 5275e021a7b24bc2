import type { ServerResponse } from "node:http";
import type { UIMessage, UIMessageChunk } from "ai";
import { runAgent } from "../../ai/agent/agent.js";
import { AllProvidersFailedError, answeredBy } from "../../ai/models/fallback-model.js";
import type { Actor } from "../auth/actor.js";
import { stepCollector, type ChatService, type ChatTurnInput } from "./chat.service.js";
import { UIMessageSseWriter } from "./chat.sse.js";
import { sourcesOf, toolCallsOfStep, type ChatSource, type PartialStep } from "./chat.turn.js";

/** The data parts Docket adds to the AI SDK UI message stream. */
export interface ChatDataParts {
  /** Sent first: the conversation the turn belongs to (new conversations get their id here). */
  conversation: { conversation_id: string };
  /** Sent before `finish` when the answer used documents. */
  sources: { sources: ChatSource[] };
  [name: string]: unknown;
}

/** Metadata of the finished assistant message (on the `finish` chunk). */
export interface ChatMessageMetadata {
  message_id: string | null;
  provider: string | null;
  model: string | null;
}

/** The UI message type a `useChat` client of Docket uses. */
export type DocketUIMessage = UIMessage<ChatMessageMetadata, ChatDataParts>;
type Chunk = UIMessageChunk<ChatMessageMetadata, ChatDataParts>;

const UNAVAILABLE = "The assistant is unavailable right now; please try again shortly.";
const FAILED = "The answer could not be completed; please try again.";
const NOT_SAVED = "The answer could not be saved; please try again.";

/** Follows the chunks of the step in progress, to store what the client saw if it ends early. */
class PartialStepTracker {
  startedSteps = 0;
  partial: PartialStep = { text: "", toolCalls: [] };

  see(chunk: Chunk): void {
    switch (chunk.type) {
      case "start-step":
        this.startedSteps += 1;
        this.partial = { text: "", toolCalls: [] };
        break;
      case "text-delta":
        this.partial.text += chunk.delta;
        break;
      case "tool-input-available":
        this.partial.toolCalls.push({
          id: chunk.toolCallId,
          tool: chunk.toolName,
          input: chunk.input,
          hasOutput: false,
        });
        break;
      case "tool-output-available":
      case "tool-output-error": {
        const call = this.partial.toolCalls.find((candidate) => candidate.id === chunk.toolCallId);
        if (!call) break;
        call.hasOutput = true;
        call.output =
          chunk.type === "tool-output-available"
            ? chunk.output
            : { error: "TOOL_CALL_FAILED", message: chunk.errorText };
        break;
      }
      default:
        break;
    }
  }
}

/** A prepared streamed turn: `pipe` writes it to the response and resolves once it is stored. */
export interface StreamedTurn {
  pipe(response: ServerResponse, headers: Record<string, string>): Promise<void>;
}

/**
 * Runs one turn as an AI SDK UI message stream. The conversation id goes first: at once for
 * an existing conversation, and for a new one only when a model produced its first part (a
 * conversation that is never created is not announced). Nothing of the model is sent before
 * its first part (so fallback stays invisible); then its text and tool events, then sources,
 * and `finish` only once the turn is stored. If every model fails before answering, the
 * stream carries only an error and nothing is stored. If `abortSignal` fires (the client
 * left), what was produced is stored as `interrupted`. Errors before the model is called
 * (404, 422, 503) are thrown before anything is written.
 */
export async function streamChatTurn(
  service: ChatService,
  actor: Actor,
  input: ChatTurnInput,
  abortSignal: AbortSignal,
): Promise<StreamedTurn> {
  const turn = await service.prepare(actor, input);
  const collector = stepCollector(turn.startedAt);
  let failure: unknown;
  // The agent runs its tools itself: when the client leaves while one runs, the tool is still
  // waited for (a few seconds at most), so what it did is recorded.
  const agent = runAgent(
    {
      ...service.agentCall(turn, "stream", abortSignal),
      errorText: (error) => {
        failure = error;
        return error instanceof AllProvidersFailedError ? UNAVAILABLE : FAILED;
      },
    },
    collector.onStep,
  );
  const read = async (): Promise<{ done: true } | { done: false; value: Chunk }> => {
    const next = await agent.next();
    return next.done ? { done: true } : { done: false, value: next.value as Chunk };
  };

  const conversationPart: Chunk = {
    type: "data-conversation",
    data: { conversation_id: turn.conversationId },
  };
  return {
    pipe: async (response, headers) => {
      const writer = new UIMessageSseWriter<Chunk>(response, headers);
      // The client learns which conversation this is while the model is still being asked.
      if (!turn.isNew) writer.write(conversationPart);
      try {
        await runTurn(writer);
      } catch (error) {
        service.log.error({ err: error }, "chat turn failed");
        writer.write({ type: "error", errorText: FAILED });
      } finally {
        writer.end();
      }
    },
  };

  async function runTurn(writer: UIMessageSseWriter<Chunk>): Promise<void> {
    const tracker = new PartialStepTracker();

    // Hold back everything until the model's first real output.
    const head: Chunk[] = [];
    let first: Chunk | undefined;
    for (;;) {
      const next = await read();
      if (next.done) break;
      head.push(next.value);
      tracker.see(next.value);
      if (next.value.type !== "start" && next.value.type !== "start-step") {
        first = next.value;
        break;
      }
    }
    const nothingHappened =
      collector.finished.length === 0 &&
      (first === undefined || first.type === "error" || first.type === "abort");
    if (nothingHappened && !abortSignal.aborted) {
      service.log.warn({ err: failure }, "chat turn failed before any output");
      // A new conversation is not created, so its id is not announced.
      writer.write({
        type: "error",
        errorText: failure instanceof AllProvidersFailedError ? UNAVAILABLE : FAILED,
      });
      await agent.return({ steps: [], aborted: false });
      service.observe(turn, "stream", "unavailable", collector.finished);
      return;
    }

    if (turn.isNew) writer.write(conversationPart);
    for (const chunk of head) writer.write(chunk);
    let finish: Chunk | undefined;
    let ended: "complete" | "interrupted" | "error" = "complete";
    if (first?.type === "error") ended = "error";
    if (first?.type === "abort") ended = "interrupted";
    for (;;) {
      const slowClient = writer.drained();
      if (slowClient) await slowClient;
      const next = await read();
      if (next.done) break;
      const chunk = next.value;
      tracker.see(chunk);
      if (chunk.type === "finish") {
        finish = chunk;
        continue;
      }
      if (chunk.type === "error") ended = "error";
      if (chunk.type === "abort") ended = "interrupted";
      writer.write(chunk);
    }
    if (abortSignal.aborted) ended = "interrupted";

    const unfinishedStep = tracker.startedSteps > collector.finished.length;
    const toolCalls = collector.finished.flatMap(({ step }) => toolCallsOfStep(step));
    const sources = sourcesOf(toolCalls);
    if (sources.length > 0) writer.write({ type: "data-sources", data: { sources } });
    service.observe(turn, "stream", ended, collector.finished);
    // What the model's last read produced goes out with `finish`, in the write that ends the
    // response once the turn is stored (storing takes a round trip), rather than in a write of
    // its own just before: a syscall and a wake-up of the client fewer per turn.
    writer.holdUntilEnd();
    let messageId: string | null;
    try {
      const stored = await service.record(
        turn,
        collector.finished,
        ended === "complete" && !unfinishedStep
          ? undefined
          : {
              partial: unfinishedStep ? tracker.partial : null,
              status: ended === "complete" ? "interrupted" : ended,
            },
      );
      messageId = stored.filter((row) => row.role === "assistant").at(-1)?.id ?? null;
    } catch (error) {
      service.log.error({ err: error }, "chat turn could not be stored");
      writer.write({ type: "error", errorText: NOT_SAVED });
      return;
    }
    if (ended !== "complete") {
      if (failure !== undefined) service.log.warn({ err: failure }, "chat turn ended early");
      return;
    }
    const by = answeredBy(collector.finished.at(-1)?.step.providerMetadata);
    writer.write({
      ...(finish ?? { type: "finish" }),
      type: "finish",
      messageMetadata: {
        message_id: messageId,
        provider: by?.provider ?? null,
        model: by?.model ?? null,
      },
    });
  }
}
