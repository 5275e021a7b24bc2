import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import { serializerCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { pino, type Logger } from "pino";
import type { AppConfig } from "./config.js";
import { openDatabase, type Database, type DatabaseHandle } from "./db/client.js";
import { pendingMigrations, runMigrations } from "./db/migrate.js";
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandling } from "./errors.js";
import { createCache, type Cache } from "./platform/cache.js";
import { HealthRegistry, registerHealthRoutes, type Lifecycle } from "./platform/health.js";
import { livenessServerFactory } from "./platform/liveness.js";
import { hashUserId, loggerOptions, requestIdFrom } from "./platform/logging.js";
import { createMetrics, registerMetrics, type Metrics } from "./platform/metrics.js";
import { registerKnowledge } from "./modules/knowledge/knowledge.plugin.js";
import { registerOpenApi } from "./platform/openapi.js";
import { registerGlobalRateLimit } from "./platform/rate-limit.js";
import { registerSecurity } from "./platform/security.js";
import { registerStrictJsonParser, storableTextValidatorCompiler } from "./platform/text-input.js";
import { docketMcpTools } from "./mcp/mcp.tools.js";
import { registerMcp } from "./mcp/mcp.routes.js";
import { registerWebUi } from "./platform/web.js";
import { registerAccounts } from "./modules/auth/auth.plugin.js";
import { registerChat, type ChatOverrides } from "./modules/chat/chat.plugin.js";
import { registerTasks } from "./modules/tasks/task.plugin.js";
import { VERSION } from "./version.js";

declare module "fastify" {
  interface FastifyInstance {
    config: AppConfig;
    database: DatabaseHandle;
    db: Database;
    cache: Cache;
    metrics: Metrics;
    health: HealthRegistry;
    lifecycle: Lifecycle;
  }
}

const QUIET_PATHS = new Set([
  "/health",
  "/health/live",
  "/livez",
  "/health/ready",
  "/readyz",
  "/health/db",
  "/metrics",
]);

/** Replaceable parts, for tests and for embedding: anything given here is used instead of built. */
export interface AppOverrides {
  /** An open database; the app will not close it. */
  database?: DatabaseHandle;
  /** A cache; the app will not close it. */
  cache?: Cache;
  /** The root logger (default: pino with the configured level, format and redaction). */
  logger?: Logger;
  /** Chat: a model registry or extra tools instead of those built from configuration. */
  chat?: ChatOverrides;
  /** Set false for CLI commands, which serve no pages (default: serve the built web UI). */
  webUi?: boolean;
  /** Skip running migrations at start (the CLI's `migrate` does it explicitly). */
  skipMigrations?: boolean;
}

/** The app with zod-typed routes. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Builds the whole service from configuration; `main.ts` only listens and shuts down. */
export async function buildApp(config: AppConfig, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? pino(loggerOptions(config));
  const app = Fastify<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression>({
    loggerInstance: logger,
    // One "request completed" line per request, written by our onResponse hook below.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: "request_id",
    }),
    genReqId: (request) => requestIdFrom(request.headers["x-request-id"]),
    bodyLimit: config.server.bodyLimitBytes,
    requestTimeout: config.server.requestTimeoutMs,
    connectionTimeout: config.server.requestTimeoutMs * 2,
    trustProxy: config.server.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: "idle",
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
    serverFactory: livenessServerFactory({
      draining: () => lifecycle.shuttingDown, // no request arrives before `lifecycle` exists
      requestTimeoutMs: config.server.requestTimeoutMs,
      connectionTimeoutMs: config.server.requestTimeoutMs * 2,
    }),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(storableTextValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerStrictJsonParser(app);
  registerErrorHandling(app);

  const ownsDatabase = !overrides.database;
  const database = overrides.database ?? (await openDatabase(config, logger));
  const ownsCache = !overrides.cache;
  const cache = overrides.cache ?? createCache(config.redis.url, logger);

  try {
    if (!overrides.skipMigrations) await runMigrations(database);
  } catch (error) {
    if (ownsDatabase) await database.close();
    if (ownsCache) await cache.close();
    throw error;
  }

  const lifecycle: Lifecycle = {
    shuttingDown: false,
    pendingMigrations: await pendingMigrations(database),
    startedAt: Date.now(),
    version: VERSION,
  };
  const metrics = createMetrics();
  const health = new HealthRegistry();

  app.decorate("config", config);
  app.decorate("database", database);
  app.decorate("db", database.db);
  app.decorate("cache", cache);
  app.decorate("metrics", metrics);
  app.decorate("health", health);
  app.decorate("lifecycle", lifecycle);

  app.addHook("onRequest", async (request, reply) => {
    reply.header("X-Request-Id", request.id);
  });
  app.addHook("onSend", async (_request, reply) => {
    // While draining, tell keep-alive clients to reconnect elsewhere once this response is done.
    if (lifecycle.shuttingDown) reply.header("Connection", "close");
  });
  app.addHook("onResponse", async (request, reply) => {
    // Successful probes run every few seconds per instance: logging them is noise.
    if (reply.statusCode < 400 && QUIET_PATHS.has(request.url)) return;
    const actor = (request as { actor?: { userId: string } }).actor;
    request.log.info(
      {
        method: request.method,
        url: request.url.split("?")[0],
        status: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 100) / 100,
        ...(actor ? { user: hashUserId(actor.userId) } : {}),
      },
      "request completed",
    );
  });

  await registerSecurity(app, config);
  registerGlobalRateLimit(app, cache, config.server.rateLimitPerMinute);
  await registerOpenApi(app, VERSION);
  registerMetrics(app, metrics, config.metrics.token);
  registerHealthRoutes(app, { database, cache, lifecycle, registry: health });
  await registerAccounts(app, overrides); // accounts: Better Auth, app.authenticate, /api/me, /api/keys
  await registerTasks(app); // tasks: app.tasks, /api/tasks, /api/{user_id}/tasks

  await registerKnowledge(app); // knowledge base: /api/documents, /api/search, ingestion worker
  await registerChat(app, overrides.chat); // chat: app.models, app.chat, /api/chat, /api/conversations
  await registerMcp(app, docketMcpTools(app)); // mcp: Streamable HTTP at /mcp, /mcp/health
  if (overrides.webUi !== false) await registerWebUi(app); // web UI: built SPA + fallback to index.html (last: catch-all GET)

  app.addHook("onClose", async () => {
    if (ownsCache) await cache.close();
    if (ownsDatabase) await database.close();
  });

  return app;
}
