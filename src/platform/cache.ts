import { Redis } from "ioredis";
import type { Logger } from "pino";

/** A small key-value cache with TTLs; values are strings (callers serialise). */
export interface Cache {
  get(key: string): Promise<string | null>;
  /** Stores `value`; `ttlSeconds` omitted keeps it until deleted. */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Adds `by` to a counter and returns the new value; the TTL is set when the key is created. */
  increment(key: string, ttlSeconds: number, by?: number): Promise<number>;
  delete(key: string): Promise<void>;
  /** Which backend answers now, for health checks. */
  status(): CacheStatus;
  close(): Promise<void>;
}

/** The cache's health as `/health/detailed` shows it. */
export interface CacheStatus {
  backend: "redis" | "memory";
  status: "healthy" | "degraded";
  /** True when Redis is configured. */
  redisConfigured: boolean;
}

interface Entry {
  value: string;
  expiresAt: number | undefined;
}

/** An in-process cache; the default, and the insurance when Redis is down. */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private store(key: string, entry: Entry) {
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) {
      this.sweep();
      // Still full: drop the oldest insertion rather than grow without bound.
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    this.entries.set(key, entry);
  }

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.live(key)?.value ?? null);
  }

  set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.store(key, { value, expiresAt: ttlSeconds ? this.now() + ttlSeconds * 1000 : undefined });
    return Promise.resolve();
  }

  increment(key: string, ttlSeconds: number, by = 1): Promise<number> {
    const entry = this.live(key);
    const next = (entry ? Number(entry.value) || 0 : 0) + by;
    this.store(key, {
      value: String(next),
      expiresAt: entry ? entry.expiresAt : this.now() + ttlSeconds * 1000,
    });
    return Promise.resolve(next);
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  status(): CacheStatus {
    return { backend: "memory", status: "healthy", redisConfigured: false };
  }

  /** Drops expired entries. */
  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(key);
    }
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.entries.clear();
    return Promise.resolve();
  }
}

/**
 * Redis when it answers, memory when it does not. Each call goes to Redis while the connection
 * is ready; a failed call or a lost connection switches to the memory cache until Redis is back.
 */
export class ResilientCache implements Cache {
  private readonly memory = new MemoryCache();
  private ready = false;

  constructor(
    readonly redis: Redis,
    private readonly log: Logger,
  ) {
    redis.on("ready", () => {
      if (!this.ready) log.info("redis connected; cache uses redis");
      this.ready = true;
    });
    const down = (error?: Error) => {
      if (this.ready) log.warn({ err: error }, "redis unavailable; cache falls back to memory");
      this.ready = false;
    };
    redis.on("error", down);
    redis.on("close", () => down());
    redis.on("end", () => down());
  }

  /** Whether calls currently go to Redis. */
  get usingRedis(): boolean {
    return this.ready && this.redis.status === "ready";
  }

  private async attempt<T>(viaRedis: () => Promise<T>, viaMemory: () => Promise<T>): Promise<T> {
    if (!this.usingRedis) return viaMemory();
    try {
      return await viaRedis();
    } catch (error) {
      this.log.warn({ err: error }, "redis call failed; answered from memory");
      return viaMemory();
    }
  }

  get(key: string) {
    return this.attempt(
      () => this.redis.get(key),
      () => this.memory.get(key),
    );
  }

  set(key: string, value: string, ttlSeconds?: number) {
    return this.attempt(
      async () => {
        if (ttlSeconds) await this.redis.set(key, value, "EX", Math.max(1, Math.ceil(ttlSeconds)));
        else await this.redis.set(key, value);
      },
      () => this.memory.set(key, value, ttlSeconds),
    );
  }

  increment(key: string, ttlSeconds: number, by = 1) {
    return this.attempt(
      async () => {
        const [[incrError, value] = [], [expireError] = []] =
          (await this.redis
            .multi()
            .incrby(key, by)
            .expire(key, Math.max(1, Math.ceil(ttlSeconds)), "NX")
            .exec()) ?? [];
        const failure = incrError ?? expireError;
        if (failure) throw failure;
        return Number(value);
      },
      () => this.memory.increment(key, ttlSeconds, by),
    );
  }

  delete(key: string) {
    return this.attempt(
      async () => {
        await this.redis.del(key);
      },
      () => this.memory.delete(key),
    );
  }

  status(): CacheStatus {
    return this.usingRedis
      ? { backend: "redis", status: "healthy", redisConfigured: true }
      : { backend: "memory", status: "degraded", redisConfigured: true };
  }

  async close(): Promise<void> {
    await this.memory.close();
    this.redis.removeAllListeners();
    this.redis.disconnect();
  }
}

/** Creates the ioredis client the cache and quotas share; it reconnects forever with backoff. */
export function createRedisClient(url: string, keyPrefix = ""): Redis {
  return new Redis(url, {
    keyPrefix,
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5000),
  });
}

/** Builds the cache for the configuration: memory alone, or Redis with memory insurance. */
export function createCache(redisUrl: string | undefined, log: Logger, keyPrefix = ""): Cache {
  if (!redisUrl) return new MemoryCache();
  return new ResilientCache(createRedisClient(redisUrl, keyPrefix), log);
}
