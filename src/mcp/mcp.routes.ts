import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import {
  isInitializeRequest,
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "@modelcontextprotocol/sdk/types.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { sendProblem } from "../errors.js";
import type { Actor } from "../modules/auth/actor.js";
import { createMcpMetrics, instrumentToolCalls, type McpMetrics } from "./mcp.metrics.js";
import { createMcpServerFactory, type McpServerFactory } from "./mcp.server.js";
import { checkOrigin, isLoopbackAddress, type OriginPolicy } from "./origin.js";
import { McpSessionStore } from "./session.store.js";
import type { McpToolDefinition } from "./tool-adapter.js";

/** What the MCP surface needs from the rest of the app. */
export interface McpDependencies {
  /** The tools, bound to `actor`. */
  tools(actor: Actor): McpToolDefinition[];
  /** Every tool name `tools()` returns (for health and metric labels). */
  toolNames: readonly string[];
}

/** A JSON-RPC error body, the shape MCP clients expect from the transport layer. */
function sendJsonRpcError(reply: FastifyReply, status: number, code: number, message: string) {
  return reply
    .code(status)
    .type("application/json")
    .send({ jsonrpc: "2.0", error: { code, message }, id: null });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isInitialize(body: unknown): boolean {
  return Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);
}

function requestedVersion(body: unknown): string {
  const message = Array.isArray(body) ? body.find((m) => isInitializeRequest(m)) : body;
  const version = isInitializeRequest(message) ? message.params.protocolVersion : undefined;
  return version && SUPPORTED_PROTOCOL_VERSIONS.includes(version)
    ? version
    : LATEST_PROTOCOL_VERSION;
}

/**
 * Streamable HTTP at `/mcp`, stateful by protocol and stateless by process: `initialize` opens a
 * session recorded in the shared cache (so any instance serves it), and every request builds a
 * fresh McpServer + transport for the authenticated actor and throws them away afterwards.
 */
export async function registerMcp(app: FastifyInstance, deps: McpDependencies): Promise<void> {
  const policy: OriginPolicy = {
    allowedOrigins: app.config.server.allowedOrigins,
    publicUrl: app.config.server.publicUrl,
  };
  const sessions = new McpSessionStore(app.cache);
  const metrics: McpMetrics = createMcpMetrics(app.metrics.registry);
  const log = app.log.child({ component: "mcp" });
  const newServer: McpServerFactory = createMcpServerFactory(log);
  const knownTools = new Set(deps.toolNames);

  app.health.register("mcp", () => ({
    status: "healthy",
    transport: "streamable-http",
    sessions: "cache",
    tools: deps.toolNames.length,
  }));

  app.get(
    "/mcp/health",
    {
      schema: {
        tags: ["mcp"],
        summary: "MCP endpoint health and tool count",
        response: { 200: z.object({ status: z.literal("healthy"), tools: z.number().int() }) },
      },
    },
    async () => ({ status: "healthy" as const, tools: deps.toolNames.length }),
  );

  /** Origin / Host first (a foreign page learns nothing), then credentials (API key or session). */
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const verdict = checkOrigin(policy, {
      origin: header(request, "origin"),
      host: header(request, "host"),
      loopbackSocket: isLoopbackAddress(request.socket.localAddress),
    });
    if (!verdict.allowed) return sendProblem(reply, 403, verdict.code, verdict.detail);
    // Sets request.actor, or throws a 401 with WWW-Authenticate that the error handler renders.
    await app.authenticate(request, reply);
  };

  /** The session named by `Mcp-Session-Id`, or the 400 / 404 the specification asks for. */
  const requireSession = async (request: FastifyRequest, reply: FastifyReply, actor: Actor) => {
    const id = header(request, "mcp-session-id");
    if (!id) {
      await sendJsonRpcError(reply, 400, -32000, "Bad Request: Mcp-Session-Id header is required");
      return undefined;
    }
    const session = await sessions.find(id, actor.userId);
    if (!session) {
      await sendJsonRpcError(reply, 404, -32001, "Session not found");
      return undefined;
    }
    const version = header(request, "mcp-protocol-version");
    if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      await sendJsonRpcError(
        reply,
        400,
        -32000,
        `Bad Request: Unsupported protocol version: ${version.slice(0, 40)} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(", ")})`,
      );
      return undefined;
    }
    return session;
  };

  const schema = { tags: ["mcp"], hide: false };

  app.post(
    "/mcp",
    {
      onRequest: guard,
      schema: { ...schema, summary: "MCP Streamable HTTP: JSON-RPC messages from the client" },
    },
    async (request, reply) => {
      const actor = request.actor as Actor;
      const initializing = isInitialize(request.body);
      if (!initializing && !(await requireSession(request, reply, actor))) return reply;

      const transport = initializing
        ? new StreamableHTTPServerTransport({
            sessionIdGenerator: () => McpSessionStore.newId(),
            enableJsonResponse: true,
            onsessioninitialized: async (id) => {
              await sessions.create(id, actor.userId, requestedVersion(request.body));
              metrics.sessionsOpened.inc();
            },
          })
        : new StreamableHTTPServerTransport({
            sessionIdGenerator: undefined,
            enableJsonResponse: true,
          });
      const server = newServer(deps.tools(actor));
      await server.connect(transport);
      instrumentToolCalls(transport, metrics, knownTools);

      reply.hijack();
      // Headers set through fastify (request id, CORS, rate limit) live on the reply until it
      // sends; the transport writes to the raw response, so hand them over first.
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) reply.raw.setHeader(name, value);
      }
      reply.raw.on("close", () => void server.close());
      try {
        await transport.handleRequest(request.raw, reply.raw, request.body);
      } catch (error) {
        request.log.error({ err: error }, "MCP request failed");
        if (!reply.raw.headersSent) {
          reply.raw.writeHead(500, { "content-type": "application/json" });
          reply.raw.end(
            JSON.stringify({
              jsonrpc: "2.0",
              error: { code: -32603, message: "Internal error" },
              id: null,
            }),
          );
        }
      }
      return reply;
    },
  );

  app.get(
    "/mcp",
    {
      onRequest: guard,
      schema: { ...schema, summary: "MCP server-to-client stream (not offered: 405)" },
      // Not among the methods other 405s of /mcp offer; HEAD gets the plain 405 with them.
      config: { refuses: true },
      exposeHeadRoute: false,
    },
    async (request, reply) => {
      if (!(await requireSession(request, reply, request.actor as Actor))) return reply;
      // Docket never sends unsolicited messages, and a long-lived stream pinned to one instance
      // would defeat stateless scaling; the specification allows 405 here.
      reply.header("Allow", "DELETE, POST");
      return sendJsonRpcError(
        reply,
        405,
        -32000,
        "Method Not Allowed: this server does not offer a standalone SSE stream",
      );
    },
  );

  app.delete(
    "/mcp",
    { onRequest: guard, schema: { ...schema, summary: "End an MCP session" } },
    async (request, reply) => {
      const session = await requireSession(request, reply, request.actor as Actor);
      if (!session) return reply;
      await sessions.delete(session.id);
      return reply.code(204).send();
    },
  );
}
