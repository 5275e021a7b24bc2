import { randomUUID } from "node:crypto";
import { isValidTimeZone } from "../tasks/quick-add/zone.js";
import type { ModelMessage } from "ai";
import { runAgentToEnd, type AgentCall, type AgentStep } from "../../ai/agent/agent.js";
import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../../db/client.js";
import { AppError } from "../../errors.js";
import { AllProvidersFailedError, answeredBy } from "../../ai/models/fallback-model.js";
import type { ModelRegistry } from "../../ai/models/model-registry.js";
import { buildSystemPrompt } from "../../ai/prompts/system-prompt.js";
import type { ToolDefinition } from "../../ai/tools/tool-definition.js";
import type { Actor } from "../auth/actor.js";
import { rowsToModelMessages, trimToTokenBudget } from "./chat.history.js";
import type { ChatMetrics } from "./chat.metrics.js";
import {
  rowsOfPartialStep,
  rowsOfStep,
  sourcesOf,
  titleFromMessage,
  toolCallsOfStep,
  type ChatSource,
  type FinishedStep,
  type PartialStep,
} from "./chat.turn.js";
import {
  loadConversationForUser,
  saveTurn,
  type HistoryRow,
  type MessageRow,
  type NewMessage,
} from "./conversation.repository.js";

/** What the chat service needs; every outside system is injected. */
export interface ChatServiceOptions {
  db: Database;
  models: ModelRegistry;
  /** The tools of one request's actor (task tools, and knowledge tools when available). */
  toolsFor: (actor: Actor) => ToolDefinition[];
  logger: FastifyBaseLogger;
  now?: () => Date;
  /** Token budget of the history sent to the model. @default 6000 */
  historyTokenBudget?: number;
  /** Model steps per turn (each tool round-trip is one). @default 6 */
  maxSteps?: number;
  metrics?: ChatMetrics;
}

/** How a turn ended, as metrics count it. */
export type TurnOutcome = "complete" | "interrupted" | "error" | "unavailable";

/** `POST /api/chat` input. */
export interface ChatTurnInput {
  message: string;
  conversation_id?: string | undefined;
  /** Overrides the user's timezone for this turn (a browser's current zone). */
  timezone?: string | undefined;
}

/** One tool call as the JSON reply lists it. */
export interface ChatToolCall {
  tool: string;
  arguments: unknown;
  result: unknown;
  is_error: boolean;
}

/** The JSON reply of a chat turn. */
export interface ChatReply {
  conversation_id: string;
  message_id: string;
  response: string;
  tool_calls: ChatToolCall[];
  sources: ChatSource[];
  provider: string | null;
  model: string | null;
  /** "error" when the model failed after tools had already run (what ran is listed). */
  status: "complete" | "error";
}

/** Everything a turn needs, loaded before the model is called. */
export interface PreparedTurn {
  actor: Actor;
  conversationId: string;
  isNew: boolean;
  userMessage: string;
  startedAt: number;
  call: {
    system: string;
    messages: ModelMessage[];
    tools: ToolDefinition[];
    /** `trimmed`: earlier turns of the conversation were left out to fit the token budget. */
    providerOptions: { docket: { timezone: string; now: string; trimmed: boolean } };
  };
}

/** Raised as 503 when no model could answer and nothing was done. */
export function modelUnavailable(cause: unknown): AppError {
  return new AppError(
    503,
    "LLM_UNAVAILABLE",
    "The assistant is unavailable right now; please try again shortly.",
    { cause, headers: { "Retry-After": "30" } },
  );
}

/** 404 for a conversation that does not exist or belongs to someone else. */
export function conversationNotFound(): AppError {
  return new AppError(404, "CONVERSATION_NOT_FOUND", "No conversation with this id.");
}

/** Collects finished steps with when each finished. */
export function stepCollector(startedAt: number) {
  const finished: FinishedStep[] = [];
  return {
    finished,
    onStep: (step: AgentStep) => {
      finished.push({ step, elapsedMs: performance.now() - startedAt });
    },
  };
}

/** The chat agent: loads a conversation, runs the model with tools, stores the turn. */
export class ChatService {
  private readonly now: () => Date;
  private readonly budget: number;
  private readonly maxSteps: number;

  constructor(private readonly options: ChatServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.budget = options.historyTokenBudget ?? 6000;
    this.maxSteps = options.maxSteps ?? 6;
  }

  /** The logger of the chat module. */
  get log(): FastifyBaseLogger {
    return this.options.logger;
  }

  /** Loads the conversation (404 when it is not the actor's) and builds the model call. */
  async prepare(actor: Actor, input: ChatTurnInput): Promise<PreparedTurn> {
    const startedAt = performance.now();
    if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) {
      throw new AppError(
        422,
        "VALIDATION_FAILED",
        "The request body is invalid: timezone: is not a known IANA timezone",
        {
          errors: [{ path: "timezone", message: "is not a known IANA timezone" }],
        },
      );
    }
    if (!this.options.models.available) throw modelUnavailable(new AllProvidersFailedError([]));
    const timezone = input.timezone ?? actor.timezone;
    const turnActor: Actor = { ...actor, timezone };
    let history: HistoryRow[] = [];
    let conversationId: string;
    if (input.conversation_id !== undefined) {
      // One round trip: ownership and history together.
      const stored = await loadConversationForUser(
        this.options.db,
        actor.userId,
        input.conversation_id,
      );
      if (!stored) throw conversationNotFound();
      conversationId = input.conversation_id;
      history = stored;
    } else {
      conversationId = randomUUID();
    }
    const whole: ModelMessage[] = [
      ...rowsToModelMessages(history),
      { role: "user", content: input.message },
    ];
    const messages = trimToTokenBudget(whole, this.budget);
    const definitions = this.options.toolsFor(turnActor);
    const now = this.now();
    return {
      actor: turnActor,
      conversationId,
      isNew: input.conversation_id === undefined,
      userMessage: input.message,
      startedAt,
      call: {
        system: buildSystemPrompt({
          now,
          timezone,
          knowledge: definitions.some((definition) => definition.name === "search_knowledge"),
        }),
        messages,
        tools: definitions,
        providerOptions: {
          docket: { timezone, now: now.toISOString(), trimmed: messages.length < whole.length },
        },
      },
    };
  }

  /**
   * Stores a turn in one transaction: the user's message, every finished step, and what was
   * produced of an unfinished one (`interrupted` or `error`). Returns the stored rows.
   */
  async record(
    turn: PreparedTurn,
    finished: FinishedStep[],
    unfinished?: { partial: PartialStep | null; status: "interrupted" | "error" },
  ): Promise<MessageRow[]> {
    const rows: NewMessage[] = [{ role: "user", content: turn.userMessage, status: "complete" }];
    let previous = 0;
    for (const step of finished) {
      rows.push(...rowsOfStep(step, previous));
      previous = step.elapsedMs;
    }
    if (unfinished?.partial) {
      rows.push(
        ...rowsOfPartialStep(
          unfinished.partial,
          unfinished.status,
          performance.now() - turn.startedAt - previous,
        ),
      );
    } else if (unfinished) {
      // The last step finished (the SDK closes a step on a stream error): mark its answer.
      const last = rows.findLast((row) => row.role === "assistant");
      if (last) last.status = unfinished.status;
      else rows.push(...rowsOfPartialStep({ text: "", toolCalls: [] }, unfinished.status, 0));
    }
    const stored = await saveTurn(this.options.db, {
      conversationId: turn.conversationId,
      userId: turn.actor.userId,
      ...(turn.isNew ? { newTitle: titleFromMessage(turn.userMessage) } : {}),
      messages: rows,
    });
    // The conversation was deleted while the model was answering: the turn goes with it.
    if (!stored) throw conversationNotFound();
    return stored;
  }

  /** Counts a finished turn, its duration and its tokens. */
  observe(
    turn: PreparedTurn,
    mode: "json" | "stream",
    outcome: TurnOutcome,
    finished: FinishedStep[],
  ) {
    const metrics = this.options.metrics;
    if (!metrics) return;
    const provider = answeredBy(finished.at(-1)?.step.providerMetadata)?.provider ?? "none";
    metrics.turns.inc({ mode, status: outcome, provider });
    metrics.turnDuration.observe(
      { mode, status: outcome },
      (performance.now() - turn.startedAt) / 1000,
    );
    for (const { step } of finished) {
      const by = answeredBy(step.providerMetadata)?.provider ?? "unknown";
      metrics.tokens.inc({ provider: by, direction: "input" }, step.usage.inputTokens ?? 0);
      metrics.tokens.inc({ provider: by, direction: "output" }, step.usage.outputTokens ?? 0);
    }
  }

  /** The agent call of a prepared turn. */
  agentCall(turn: PreparedTurn, mode: AgentCall["mode"], abortSignal?: AbortSignal): AgentCall {
    return {
      model: this.options.models.model,
      ...turn.call,
      maxSteps: this.maxSteps,
      mode,
      ...(abortSignal ? { abortSignal } : {}),
    };
  }

  /** Runs one turn to completion and answers with JSON (`POST /api/chat` without streaming). */
  async reply(actor: Actor, input: ChatTurnInput, abortSignal?: AbortSignal): Promise<ChatReply> {
    const turn = await this.prepare(actor, input);
    const collector = stepCollector(turn.startedAt);
    const outcome = await runAgentToEnd(
      this.agentCall(turn, "generate", abortSignal),
      collector.onStep,
    );
    const failure: unknown = outcome.aborted
      ? (abortSignal?.reason ?? new Error("aborted"))
      : outcome.error;
    const { finished } = collector;
    if (failure !== undefined) {
      this.log.warn({ err: failure, steps: finished.length }, "chat turn failed");
      // Nothing was done: store nothing, so a retry starts from a clean conversation.
      // Any failure here is the model's (tools never throw): answer 503 either way.
      if (finished.length === 0) {
        this.observe(turn, "json", "unavailable", finished);
        throw modelUnavailable(failure);
      }
    }
    const stored = await this.record(
      turn,
      finished,
      failure === undefined ? undefined : { partial: null, status: "error" },
    );
    this.observe(turn, "json", failure === undefined ? "complete" : "error", finished);
    const assistantRows = stored.filter((row) => row.role === "assistant");
    const last = assistantRows.at(-1);
    const toolCalls = finished.flatMap(({ step }) => toolCallsOfStep(step));
    const by = answeredBy(finished.at(-1)?.step.providerMetadata);
    const text = finished
      .map(({ step }) => step.text.trim())
      .filter(Boolean)
      .join("\n\n");
    return {
      conversation_id: turn.conversationId,
      message_id: last?.id ?? "",
      response:
        failure === undefined
          ? text
          : `${text ? `${text}\n\n` : ""}Sorry, I could not finish this answer; the actions listed above were done.`,
      tool_calls: toolCalls.map((call) => ({
        tool: call.tool,
        arguments: call.arguments,
        result: call.result ?? null,
        is_error: call.is_error ?? false,
      })),
      sources: sourcesOf(toolCalls),
      provider: by?.provider ?? null,
      model: by?.model ?? null,
      status: failure === undefined ? "complete" : "error",
    };
  }
}
