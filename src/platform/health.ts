import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { DatabaseHandle } from "../db/client.js";
import type { Cache } from "./cache.js";

/** A dependency's state in `/health/detailed`. */
export interface DependencyHealth {
  status: "healthy" | "degraded" | "unhealthy" | "disabled";
  [detail: string]: unknown;
}

/** Features register checks for `/health/detailed` (llm, mcp, knowledge, ...). */
export class HealthRegistry {
  private readonly checks = new Map<string, () => Promise<DependencyHealth> | DependencyHealth>();

  /** Adds or replaces the check named `name`. */
  register(name: string, check: () => Promise<DependencyHealth> | DependencyHealth): void {
    this.checks.set(name, check);
  }

  /** Runs every check; a check that throws reports itself unhealthy. */
  async run(): Promise<Record<string, DependencyHealth>> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          return [name, await check()] as const;
        } catch (error) {
          return [name, { status: "unhealthy", error: (error as Error).message }] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }
}

/** Process lifecycle flags that readiness reflects. */
export interface Lifecycle {
  shuttingDown: boolean;
  pendingMigrations: number;
  startedAt: number;
  version: string;
}

const DB_TIMEOUT_MS = 2000;

async function databaseHealth(database: DatabaseHandle) {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("database check timed out")), DB_TIMEOUT_MS);
    });
    const [{ latencyMs }, version] = await Promise.race([
      Promise.all([database.ping(), database.version()]),
      timeout,
    ]);
    return { connected: true as const, latency_ms: latencyMs, version };
  } catch {
    return { connected: false as const, latency_ms: null, version: null };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Coalesces concurrent calls: while one call is in flight, every caller gets its promise. A
 * probe storm (every replica's kubelet, a load balancer, a monitoring system) then costs one
 * database round trip at a time instead of one pooled connection per request, which the
 * requests that do real work need. Each answer still comes from a round trip that ended after
 * the request arrived.
 */
function coalesced<T>(run: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () =>
    (inFlight ??= run().finally(() => {
      inFlight = undefined;
    }));
}

const databaseSchema = z.object({
  connected: z.boolean(),
  latency_ms: z.number().nullable(),
  version: z.string().nullable(),
});

const detailedSchema = z.object({
  status: z.enum(["healthy", "degraded", "unhealthy"]),
  timestamp: z.string(),
  version: z.string(),
  uptime_seconds: z.number(),
  dependencies: z.record(z.string(), z.looseObject({ status: z.string() })),
});

/** The probes API.md lists: liveness, readiness, database and dependency detail. */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: { database: DatabaseHandle; cache: Cache; lifecycle: Lifecycle; registry: HealthRegistry },
): void {
  const { database, cache, lifecycle, registry } = deps;
  const checkDatabase = coalesced(() => databaseHealth(database));
  const tags = ["health"];

  app.get(
    "/health",
    {
      schema: {
        tags,
        summary: "Overall health with a database round trip",
        response: {
          200: z.object({
            status: z.enum(["healthy", "degraded"]),
            timestamp: z.string(),
            version: z.string(),
            uptime_seconds: z.number(),
            database: databaseSchema,
          }),
          503: z.object({
            status: z.literal("unhealthy"),
            timestamp: z.string(),
            version: z.string(),
            uptime_seconds: z.number(),
            database: databaseSchema,
          }),
        },
      },
      // The handler below builds exactly these shapes from fixed fields (health.test.ts checks
      // the body), so the probe load balancers hit most skips the zod serializer's validating copy.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (_request, reply) => {
      const db = await checkDatabase();
      const base = {
        timestamp: new Date().toISOString(),
        version: lifecycle.version,
        uptime_seconds: Math.round((Date.now() - lifecycle.startedAt) / 1000),
        database: db,
      };
      if (!db.connected) return reply.code(503).send({ status: "unhealthy" as const, ...base });
      const degraded = cache.status().status !== "healthy";
      return { status: degraded ? ("degraded" as const) : ("healthy" as const), ...base };
    },
  );

  const live = {
    schema: {
      tags,
      summary: "Liveness: the process runs",
      response: { 200: z.object({ status: z.literal("alive") }) },
    },
  };
  app.get("/health/live", live, async () => ({ status: "alive" as const }));
  app.get("/livez", { ...live, schema: { ...live.schema, hide: true } }, async () => ({
    status: "alive" as const,
  }));

  const ready = {
    schema: {
      tags,
      summary: "Readiness: database reachable, migrations applied, not shutting down",
      response: {
        200: z.object({ status: z.literal("ready") }),
        503: z.object({ status: z.literal("not_ready"), reason: z.string() }),
      },
    },
  };
  const readiness = async (_request: unknown, reply: import("fastify").FastifyReply) => {
    if (lifecycle.shuttingDown)
      return reply.code(503).send({ status: "not_ready" as const, reason: "shutting down" });
    if (lifecycle.pendingMigrations > 0)
      return reply.code(503).send({
        status: "not_ready" as const,
        reason: `${lifecycle.pendingMigrations} migration(s) pending`,
      });
    const db = await checkDatabase();
    if (!db.connected)
      return reply.code(503).send({ status: "not_ready" as const, reason: "database unreachable" });
    return { status: "ready" as const };
  };
  app.get("/health/ready", ready, readiness);
  app.get("/readyz", { ...ready, schema: { ...ready.schema, hide: true } }, readiness);

  app.get(
    "/health/db",
    {
      schema: {
        tags,
        summary: "Database connectivity",
        response: { 200: databaseSchema, 503: databaseSchema },
      },
    },
    async (_request, reply) => {
      const db = await checkDatabase();
      return reply.code(db.connected ? 200 : 503).send(db);
    },
  );

  app.get(
    "/health/detailed",
    {
      schema: {
        tags,
        summary: "Every dependency: database, cache, LLM providers, MCP and more",
        response: { 200: detailedSchema, 503: detailedSchema },
      },
    },
    async (_request, reply) => {
      const db = await checkDatabase();
      const cacheStatus = cache.status();
      const others = await registry.run();
      const dependencies: Record<string, DependencyHealth> = {
        database: {
          status: db.connected ? "healthy" : "unhealthy",
          kind: database.kind,
          vector: database.capabilities.vector,
          ...db,
        },
        cache: {
          status: cacheStatus.status,
          backend: cacheStatus.backend,
          redis_configured: cacheStatus.redisConfigured,
        },
        ...others,
      };
      const states = Object.values(dependencies).map((dependency) => dependency.status);
      const status = !db.connected
        ? "unhealthy"
        : states.some((state) => state === "degraded" || state === "unhealthy")
          ? "degraded"
          : "healthy";
      return reply.code(status === "unhealthy" ? 503 : 200).send({
        status,
        timestamp: new Date().toISOString(),
        version: lifecycle.version,
        uptime_seconds: Math.round((Date.now() - lifecycle.startedAt) / 1000),
        dependencies,
      });
    },
  );
}
