import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

const LLM_PROVIDERS = ["offline", "openai", "groq", "ollama", "openai-compatible"] as const;
const EMBEDDING_PROVIDERS = ["none", "openai", "ollama", "openai-compatible"] as const;

/** Placeholder secrets people copy from examples; production refuses them. */
const PLACEHOLDER_SECRET =
  /^(changeme|change-me|change_me|secret|password|your[-_]?secret|xxx+|example)/i;

const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", ""])
    .optional()
    .transform((value) =>
      value === undefined || value === "" ? fallback : ["true", "1", "yes"].includes(value),
    );

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .pipe(z.url().optional())
  .optional();

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);

/** Every environment variable Docket reads, with its default. `.env.example` mirrors this. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: int(8000, 0, 65_535),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  DATABASE_POOL_SIZE: int(10, 1, 500),
  PGLITE_SHARED_BUFFERS_MB: int(16, 1, 4096),
  DATABASE_CONNECT_RETRIES: int(5, 0, 100),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .optional(),
  ),
  BETTER_AUTH_SECRET: optionalString,
  PUBLIC_URL: optionalUrl,
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((origin) => origin.trim().replace(/\/$/, ""))
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.url(), z.literal("*")]))),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).default("json"),
  METRICS_TOKEN: optionalString,
  RATE_LIMIT_PER_MINUTE: int(100, 1, 1_000_000),
  TRUST_PROXY: bool(false),
  BODY_LIMIT_BYTES: int(1_048_576, 1024, 100 * 1024 * 1024),
  REQUEST_TIMEOUT_MS: int(30_000, 1000, 600_000),
  SHUTDOWN_GRACE_MS: int(10_000, 0, 600_000),
  SHUTDOWN_DELAY_MS: int(0, 0, 60_000),
  AUTH_CACHE_SECONDS: int(5, 0, 300),
  TASKS_MAX_PER_USER: int(10_000, 1, 10_000_000),
  LLM_PROVIDER: z.enum(LLM_PROVIDERS).default("offline"),
  LLM_MODEL: optionalString,
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  GROQ_API_KEY: optionalString,
  LLM_FALLBACK_PROVIDER: z.enum(["none", ...LLM_PROVIDERS]).default("none"),
  LLM_FALLBACK_MODEL: optionalString,
  LLM_FALLBACK_BASE_URL: optionalUrl,
  LLM_FALLBACK_API_KEY: optionalString,
  LLM_OFFLINE_FALLBACK: bool(true),
  LLM_TIMEOUT_MS: int(30_000, 100, 600_000),
  LLM_MAX_RETRIES: int(2, 0, 10),
  EMBEDDING_PROVIDER: z.enum(EMBEDDING_PROVIDERS).default("none"),
  EMBEDDING_MODEL: optionalString,
  EMBEDDING_BASE_URL: optionalUrl,
  EMBEDDING_API_KEY: optionalString,
  DOCUMENT_MAX_BYTES: int(20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  SESSION_QUERIES_PER_HOUR: int(20, 1, 1_000_000),
  SESSION_MAX_SESSIONS_PER_IP: int(3, 1, 1_000_000),
  SESSION_MAX_TOTAL_SESSIONS: int(1000, 1, 100_000_000),
  SESSION_TTL_HOURS: int(6, 1, 24 * 365),
  SESSION_REQUIRE_HTTPS: bool(false),
  RESPONSE_CACHE_PROMPT_VERSION: int(1, 0, 1_000_000),
});

export type Env = z.infer<typeof envSchema>;

export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

/** One configured LLM endpoint. */
export interface LlmEndpointConfig {
  provider: Exclude<LlmProviderName, "offline">;
  model: string | undefined;
  baseUrl: string | undefined;
  apiKey: string | undefined;
}

/** The validated configuration the app is built from. */
export interface AppConfig {
  env: Env["NODE_ENV"];
  server: {
    port: number;
    host: string;
    publicUrl: string | undefined;
    allowedOrigins: string[];
    bodyLimitBytes: number;
    requestTimeoutMs: number;
    shutdownGraceMs: number;
    shutdownDelayMs: number;
    rateLimitPerMinute: number;
    /** Trust `X-Forwarded-*` from a reverse proxy for client IPs and protocol. */
    trustProxy: boolean;
  };
  /** `DATA_DIR`; `memory://` keeps the embedded database in memory (tests). */
  dataDir: string;
  database: {
    url: string | undefined;
    poolSize: number;
    connectRetries: number;
    /** Embedded database only: PostgreSQL shared_buffers, in MB. */
    pgliteSharedBuffersMb: number;
  };
  redis: { url: string | undefined };
  /** `cacheSeconds`: how long a verified credential is trusted without a lookup (0: never). */
  auth: { secret: string; cacheSeconds: number };
  log: { level: Env["LOG_LEVEL"]; format: Env["LOG_FORMAT"] };
  metrics: { token: string | undefined };
  tasks: { maxPerUser: number };
  llm: {
    provider: LlmProviderName;
    primary: LlmEndpointConfig | undefined;
    fallback: LlmEndpointConfig | undefined;
    offlineFallback: boolean;
    timeoutMs: number;
    maxRetries: number;
  };
  embedding: {
    provider: Env["EMBEDDING_PROVIDER"];
    model: string | undefined;
    baseUrl: string | undefined;
    apiKey: string | undefined;
  };
  documents: { maxBytes: number };
  publicChat: {
    queriesPerHour: number;
    maxSessionsPerIp: number;
    maxTotalSessions: number;
    ttlHours: number;
    requireHttps: boolean;
    promptVersion: number;
  };
}

/** Thrown when the environment is invalid; `problems` holds one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function providerApiKey(env: Env, provider: string, explicit: string | undefined) {
  if (explicit) return explicit;
  if (provider === "openai") return env.OPENAI_API_KEY;
  if (provider === "groq") return env.GROQ_API_KEY;
  return undefined;
}

/** Reads (or creates once) the development secret kept in the data directory. */
function developmentSecret(dataDir: string): string {
  if (dataDir === "memory://") return randomBytes(32).toString("base64url");
  const file = join(dataDir, ".auth-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Validates the environment and builds the app configuration.
 * @throws ConfigError listing every invalid variable by name.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join(".") || "environment";
        const value = typeof source[name] === "string" ? ` (got "${source[name]}")` : "";
        return `${name}: ${issue.message}${name.includes("SECRET") || name.includes("KEY") ? "" : value}`;
      }),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];

  const dataDir = env.DATA_DIR === "memory://" ? env.DATA_DIR : resolve(env.DATA_DIR);
  let secret = env.BETTER_AUTH_SECRET;
  if (env.NODE_ENV === "production") {
    if (!secret)
      problems.push("BETTER_AUTH_SECRET: required in production (32+ random characters)");
    else if (secret.length < 32)
      problems.push("BETTER_AUTH_SECRET: must be at least 32 characters in production");
    else if (PLACEHOLDER_SECRET.test(secret))
      problems.push("BETTER_AUTH_SECRET: looks like a placeholder; generate a random secret");
  } else if (!secret || secret.length < 32) {
    secret = developmentSecret(dataDir);
  }

  const endpoint = (
    provider: Env["LLM_FALLBACK_PROVIDER"],
    model: string | undefined,
    baseUrl: string | undefined,
    apiKey: string | undefined,
    prefix: string,
  ): LlmEndpointConfig | undefined => {
    if (provider === "none" || provider === "offline") return undefined;
    const key = providerApiKey(env, provider, apiKey);
    if ((provider === "openai" || provider === "groq") && !key)
      problems.push(`${prefix}_API_KEY: required for provider "${provider}"`);
    if (provider === "openai-compatible" && !baseUrl)
      problems.push(`${prefix}_BASE_URL: required for provider "openai-compatible"`);
    return { provider, model, baseUrl, apiKey: key };
  };

  const primary = endpoint(
    env.LLM_PROVIDER,
    env.LLM_MODEL,
    env.LLM_BASE_URL,
    env.LLM_API_KEY,
    "LLM",
  );
  const fallback = endpoint(
    env.LLM_FALLBACK_PROVIDER,
    env.LLM_FALLBACK_MODEL,
    env.LLM_FALLBACK_BASE_URL,
    env.LLM_FALLBACK_API_KEY,
    "LLM_FALLBACK",
  );
  if (env.EMBEDDING_PROVIDER === "openai-compatible" && !env.EMBEDDING_BASE_URL)
    problems.push('EMBEDDING_BASE_URL: required for provider "openai-compatible"');
  if (env.EMBEDDING_PROVIDER === "openai" && !(env.EMBEDDING_API_KEY ?? env.OPENAI_API_KEY))
    problems.push('EMBEDDING_API_KEY: required for provider "openai"');
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    server: {
      port: env.PORT,
      host: env.HOST,
      publicUrl: env.PUBLIC_URL,
      allowedOrigins: env.ALLOWED_ORIGINS,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
      shutdownDelayMs: env.SHUTDOWN_DELAY_MS,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      trustProxy: env.TRUST_PROXY,
    },
    dataDir,
    database: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      pgliteSharedBuffersMb: env.PGLITE_SHARED_BUFFERS_MB,
      connectRetries: env.DATABASE_CONNECT_RETRIES,
    },
    redis: { url: env.REDIS_URL },
    auth: { secret: secret ?? "", cacheSeconds: env.AUTH_CACHE_SECONDS },
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
    metrics: { token: env.METRICS_TOKEN },
    tasks: { maxPerUser: env.TASKS_MAX_PER_USER },
    llm: {
      provider: env.LLM_PROVIDER,
      primary,
      fallback,
      offlineFallback: env.LLM_OFFLINE_FALLBACK,
      timeoutMs: env.LLM_TIMEOUT_MS,
      maxRetries: env.LLM_MAX_RETRIES,
    },
    embedding: {
      provider: env.EMBEDDING_PROVIDER,
      model: env.EMBEDDING_MODEL,
      baseUrl: env.EMBEDDING_BASE_URL,
      apiKey:
        env.EMBEDDING_API_KEY ??
        (env.EMBEDDING_PROVIDER === "openai" ? env.OPENAI_API_KEY : undefined),
    },
    documents: { maxBytes: env.DOCUMENT_MAX_BYTES },
    publicChat: {
      queriesPerHour: env.SESSION_QUERIES_PER_HOUR,
      maxSessionsPerIp: env.SESSION_MAX_SESSIONS_PER_IP,
      maxTotalSessions: env.SESSION_MAX_TOTAL_SESSIONS,
      ttlHours: env.SESSION_TTL_HOURS,
      requireHttps: env.SESSION_REQUIRE_HTTPS,
      promptVersion: env.RESPONSE_CACHE_PROMPT_VERSION,
    },
  };
}

/** Loads `.env` from the working directory when present, without overriding the real environment. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
