import type { FastifyInstance } from "fastify";
import { createModelRegistry, type ModelRegistry } from "../../ai/models/model-registry.js";
import { createOfflineModel } from "../../ai/offline/offline.model.js";
import {
  knowledgeSearchAdapter,
  knowledgeToolDefinitions,
} from "../../ai/tools/knowledge-tools.js";
import { taskToolDefinitions, taskToolService } from "../../ai/tools/task-tools.js";
import type { ToolDefinition } from "../../ai/tools/tool-definition.js";
import type { Actor } from "../auth/actor.js";
import { createChatMetrics } from "./chat.metrics.js";
import { registerChatRoutes } from "./chat.routes.js";
import { ChatService } from "./chat.service.js";
import { ConversationService } from "./conversation.service.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The language models (primary → fallback → offline) and their circuit states. */
    models: ModelRegistry;
    /** The chat agent. */
    chat: ChatService;
  }
}

/** Replaceable parts of the chat feature (tests, embedding). */
export interface ChatOverrides {
  /** A model registry to use instead of the one built from `config.llm`. */
  models?: ModelRegistry;
  /** Extra tools for each actor (e.g. `search_knowledge`), added after the task tools. */
  extraTools?: (actor: Actor) => ToolDefinition[];
}

/**
 * Chat: the model registry (`app.models`, reported as `llm` in `/health/detailed`), the agent
 * (`app.chat`) and its routes. Register after accounts, tasks and knowledge (for
 * `search_knowledge`).
 */
export async function registerChat(
  app: FastifyInstance,
  overrides: ChatOverrides = {},
): Promise<void> {
  const log = app.log.child({ module: "chat" });
  const metrics = createChatMetrics(app.metrics.registry);
  const models =
    overrides.models ??
    createModelRegistry(app.config.llm, {
      logger: log,
      createOfflineModel,
      onProviderFailure: (provider) => metrics.providerFailures.inc({ provider }),
    });
  const tasks = taskToolService(app.tasks);
  const knowledge = app.hasDecorator("knowledge")
    ? knowledgeSearchAdapter(app.knowledge)
    : undefined;
  const onError = (error: unknown, tool: string) =>
    log.error({ err: error, tool }, "chat tool failed");
  const chat = new ChatService({
    db: app.db,
    models,
    logger: log,
    metrics,
    toolsFor: (actor) => [
      ...taskToolDefinitions({ tasks, onError }, actor),
      ...(knowledge ? knowledgeToolDefinitions({ knowledge, onError }, actor) : []),
      ...(overrides.extraTools?.(actor) ?? []),
    ],
  });
  app.decorate("models", models);
  app.decorate("chat", chat);
  app.health.register("llm", () => models.health());
  await registerChatRoutes(app, { chat, conversations: new ConversationService(app.db) });
}
