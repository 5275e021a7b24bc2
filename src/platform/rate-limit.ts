import type { FastifyInstance, FastifyReply } from "fastify";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import type { Cache } from "./cache.js";
import { ResilientCache } from "./cache.js";
import { sendProblem } from "../errors.js";

/** A fixed-window limiter definition. */
export interface LimiterOptions {
  /** Distinguishes limiters sharing one store. */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /** Block for this long after the limit is hit (default: until the window ends). */
  blockSeconds?: number;
}

/**
 * A limiter stored in Redis when the cache uses Redis, with an in-memory insurance limiter that
 * answers while Redis is down; memory alone otherwise.
 */
export function createLimiter(cache: Cache, options: LimiterOptions): RateLimiterAbstract {
  const base = {
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
    blockDuration: options.blockSeconds ?? 0,
  };
  const memory = new RateLimiterMemory(base);
  if (cache instanceof ResilientCache) {
    return new RateLimiterRedis({ ...base, storeClient: cache.redis, insuranceLimiter: memory });
  }
  return memory;
}

/** The outcome of consuming one point. */
export interface LimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/** Consumes `points` for `key`; never throws for a store failure (the insurance answers). */
export async function consume(
  limiter: RateLimiterAbstract,
  key: string,
  points = 1,
): Promise<LimitDecision> {
  try {
    const result = await limiter.consume(key, points);
    return {
      allowed: true,
      limit: limiter.points,
      remaining: result.remainingPoints,
      resetSeconds: Math.ceil(result.msBeforeNext / 1000),
    };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return {
        allowed: false,
        limit: limiter.points,
        remaining: 0,
        resetSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
      };
    }
    throw rejection;
  }
}

/** Sets the IETF `RateLimit` / `RateLimit-Policy` headers (and `Retry-After` when refused). */
export function setRateLimitHeaders(
  reply: FastifyReply,
  decision: LimitDecision,
  windowSeconds: number,
  policy = "default",
): void {
  reply.header("RateLimit-Policy", `"${policy}";q=${decision.limit};w=${windowSeconds}`);
  reply.header("RateLimit", `"${policy}";r=${decision.remaining};t=${decision.resetSeconds}`);
  if (!decision.allowed) reply.header("Retry-After", String(decision.resetSeconds));
}

const EXEMPT = [/^\/health\/(live|ready)$/, /^\/(livez|readyz)$/, /^\/metrics$/, /^\/assets\//];

/** The global per-IP limit of `RATE_LIMIT_PER_MINUTE` requests. */
export function registerGlobalRateLimit(app: FastifyInstance, cache: Cache, perMinute: number) {
  const limiter = createLimiter(cache, {
    keyPrefix: "rl:ip",
    points: perMinute,
    durationSeconds: 60,
  });
  app.addHook("onRequest", async (request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (EXEMPT.some((pattern) => pattern.test(path))) return;
    const decision = await consume(limiter, request.ip);
    setRateLimitHeaders(reply, decision, 60);
    if (!decision.allowed) {
      return sendProblem(
        reply,
        429,
        "RATE_LIMITED",
        `Too many requests from this address; retry in ${decision.resetSeconds} s.`,
      );
    }
  });
}
