import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AppError } from "../../errors.js";
import { actorOf } from "../auth/actor.js";
import {
  chatBodySchema,
  chatReplySchema,
  conversationDetailSchema,
  conversationIdParamsSchema,
  conversationListQuerySchema,
  conversationListSchema,
  conversationSummarySchema,
  renameConversationSchema,
  userIdParamsSchema,
} from "./chat.schemas.js";
import type { ChatService } from "./chat.service.js";
import { streamChatTurn } from "./chat.stream.js";
import type { ConversationService } from "./conversation.service.js";

/** The chat and conversation services the routes call. */
export interface ChatRouteServices {
  chat: ChatService;
  conversations: ConversationService;
}

function wantsStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? "").includes("text/event-stream");
}

/** Headers fastify's hooks set (request id, CORS, security) that a hijacked reply must copy. */
function pendingHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return headers;
}

function chatRoutes(plain: FastifyInstance, services: ChatRouteServices, base: string): void {
  const scope = plain.withTypeProvider<ZodTypeProvider>();
  const legacy = base.includes(":user_id");
  const tags = ["chat"];
  const summary = (text: string) => (legacy ? `${text} (legacy path)` : text);
  const idParams = legacy
    ? conversationIdParamsSchema.extend(userIdParamsSchema.shape)
    : conversationIdParamsSchema;

  scope.post(
    `${base}/chat`,
    {
      schema: {
        tags,
        summary: summary("Talk to the assistant"),
        description:
          "JSON by default. With `Accept: text/event-stream`, an AI SDK UI message stream (what `useChat` reads): a `data-conversation` part with the conversation id first, then text and tool events, `data-sources` when documents were used, and `finish` once the turn is stored.",
        ...(legacy ? { params: userIdParamsSchema } : {}),
        body: chatBodySchema,
        response: { 200: chatReplySchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!wantsStream(request)) {
        const abort = new AbortController();
        // The response's "close" (not the request's, which fires once the body is read) tells
        // that the client went away before the answer.
        reply.raw.once("close", () => {
          if (!reply.raw.writableFinished) abort.abort();
        });
        return services.chat.reply(actor, request.body, abort.signal);
      }
      const abort = new AbortController();
      // Errors before the model starts (404, 422, 503) still answer as problem+json.
      const turn = await streamChatTurn(services.chat, actor, request.body, abort.signal);
      const headers = pendingHeaders(reply);
      reply.hijack();
      const response = reply.raw;
      response.once("close", () => {
        if (!response.writableFinished) abort.abort();
      });
      await turn.pipe(response, headers);
      return reply;
    },
  );

  scope.get(
    `${base}/conversations`,
    {
      schema: {
        tags,
        summary: summary("List your conversations"),
        description: "Most recently active first.",
        ...(legacy ? { params: userIdParamsSchema } : {}),
        querystring: conversationListQuerySchema,
        response: { 200: conversationListSchema },
      },
    },
    async (request) => services.conversations.list(actorOf(request), request.query),
  );

  scope.get(
    `${base}/conversations/:id`,
    {
      schema: {
        tags,
        summary: summary("Read a conversation"),
        params: idParams,
        response: { 200: conversationDetailSchema },
      },
    },
    async (request) => services.conversations.get(actorOf(request), request.params.id),
  );

  scope.patch(
    `${base}/conversations/:id`,
    {
      schema: {
        tags,
        summary: summary("Rename a conversation"),
        params: idParams,
        body: renameConversationSchema,
        response: { 200: conversationSummarySchema.omit({ message_count: true }) },
      },
    },
    async (request) =>
      services.conversations.rename(actorOf(request), request.params.id, request.body.title),
  );

  scope.delete(
    `${base}/conversations/:id`,
    {
      schema: {
        tags,
        summary: summary("Delete a conversation and its messages"),
        params: idParams,
      },
    },
    async (request, reply) => {
      await services.conversations.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}

/** Legacy paths name the user: anyone else's id is a 403, checked before the body is validated. */
async function requireOwnUserId(request: FastifyRequest): Promise<void> {
  const { user_id: userId } = request.params as { user_id?: string };
  if (userId !== actorOf(request).userId) {
    throw new AppError(403, "FORBIDDEN", "This path names another user; use /api/chat.");
  }
}

/** `/api/chat`, `/api/conversations...` and the legacy `/api/{user_id}/...` aliases, authenticated. */
export async function registerChatRoutes(
  app: FastifyInstance,
  services: ChatRouteServices,
): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook("onRequest", scope.authenticate);
    chatRoutes(scope, services, "/api");
  });
  await app.register(async (scope) => {
    scope.addHook("onRequest", scope.authenticate);
    scope.addHook("preValidation", requireOwnUserId);
    chatRoutes(scope, services, "/api/:user_id");
  });
}
