import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { buildApp, type App, type AppOverrides } from "../../src/app.js";
import { loadConfig, type AppConfig } from "../../src/config.js";
import { createCache } from "../../src/platform/cache.js";
import { testPasswordHasher } from "./auth.js";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "./env.js";
import { createTestDatabase } from "./postgres.js";

/** Builds a test configuration: in-memory PGlite, silent logs, a generous rate limit. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: "test",
    DATA_DIR: "memory://",
    LOG_LEVEL: "silent",
    RATE_LIMIT_PER_MINUTE: "100000",
    BETTER_AUTH_SECRET: "test-secret-that-is-long-enough-0123456789",
    ...env,
  });
}

export interface TestAppOptions {
  /** Extra environment variables (strings, as in `.env`). */
  env?: Record<string, string>;
  overrides?: AppOverrides;
}

/**
 * Builds the real app for a test file: in-memory PGlite by default, or — in the services tier —
 * a fresh database on the test PostgreSQL server and Redis with a private key prefix.
 * Sign-ups use a cheap password hasher. Close it with `app.close()`; that also drops the database.
 */
export async function buildTestApp(options: TestAppOptions = {}): Promise<App> {
  const env = { ...options.env };
  let drop: (() => Promise<void>) | undefined;
  if (TEST_DATABASE_URL && !env.DATABASE_URL && !options.overrides?.database) {
    const database = await createTestDatabase(TEST_DATABASE_URL);
    env.DATABASE_URL = database.url;
    drop = () => database.drop();
  }
  const config = testConfig(env);
  const logger = options.overrides?.logger ?? pino({ level: "silent" });
  let cache = options.overrides?.cache;
  const ownCache = !cache && TEST_REDIS_URL && !env.REDIS_URL;
  if (ownCache) {
    cache = createCache(TEST_REDIS_URL, logger, `test:${randomBytes(4).toString("hex")}:`);
  }
  // Production hashing (scrypt N=2^17) costs ~0.3 s per sign-up; tests use a cheap one unless
  // they pass their own (password.test.ts proves the production parameters).
  const app = await buildApp(config, {
    passwordHasher: testPasswordHasher,
    ...options.overrides,
    logger,
    ...(cache ? { cache } : {}),
  });
  app.addHook("onClose", async () => {
    if (ownCache) await cache?.close();
    await drop?.();
  });
  return app;
}
