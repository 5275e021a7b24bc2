import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { bearer, jwt } from "better-auth/plugins";
import type { FastifyBaseLogger } from "fastify";
import type { AppConfig } from "../../config.js";
import type { Database } from "../../db/client.js";
import { account, jwks, session, user, verification } from "../../db/schema/auth.js";
import type { Cache } from "../../platform/cache.js";
import { consume, createLimiter } from "../../platform/rate-limit.js";
import { NAME_MAX_LENGTH } from "../account/account.schemas.js";
import { timezoneSchema } from "../account/timezone.js";
import {
  checkPasswordPolicy,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordHasher,
} from "./password.js";

/**
 * Session lifetimes. A session idles out `SESSION_IDLE_SECONDS` after its last refresh (Better
 * Auth extends it at most once per `SESSION_REFRESH_SECONDS` of use) and ends for good
 * `SESSION_ABSOLUTE_SECONDS` after sign-in, however active.
 */
export const SESSION_IDLE_SECONDS = 7 * 24 * 3600;
/** How often an active session's expiry is pushed forward. */
export const SESSION_REFRESH_SECONDS = 24 * 3600;
/** The absolute session lifetime, enforced by the authentication hook. */
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 3600;

/** Per-IP limits on the credential endpoints (Better Auth's limiter, stored in our cache). */
export const AUTH_IP_RULES = {
  "/sign-in/*": { window: 60, max: 20 },
  "/sign-up/*": { window: 60, max: 10 },
  "/change-password": { window: 60, max: 10 },
} as const;

/** The request header our fastify bridge sets to the client IP fastify resolved. */
export const CLIENT_IP_HEADER = "x-docket-client-ip";

/** What `createAuth` needs. */
export interface AuthDependencies {
  config: AppConfig;
  db: Database;
  cache: Cache;
  hasher: PasswordHasher;
  log: FastifyBaseLogger;
}

/** The public URL Better Auth builds links and checks origins against. */
export function authBaseUrl(config: AppConfig): string {
  return (config.server.publicUrl ?? `http://localhost:${String(config.server.port)}`).replace(
    /\/$/,
    "",
  );
}

/** Better Auth's rate-limit storage on top of our limiter (Redis when on, memory otherwise). */
function rateLimitStorage(cache: Cache) {
  const limiters = new Map<string, ReturnType<typeof createLimiter>>();
  return {
    async consume(key: string, rule: { window: number; max: number }) {
      const id = `${String(rule.window)}:${String(rule.max)}`;
      let limiter = limiters.get(id);
      if (!limiter) {
        limiter = createLimiter(cache, {
          keyPrefix: `rl:auth:${id}`,
          points: rule.max,
          durationSeconds: rule.window,
        });
        limiters.set(id, limiter);
      }
      const decision = await consume(limiter, key);
      return {
        allowed: decision.allowed,
        retryAfter: decision.allowed ? null : decision.resetSeconds,
      };
    },
  };
}

/** An email address inside a log message. */
const EMAIL_IN_TEXT = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/g;

/** Paths whose body carries a new password, and the field holding it. */
const NEW_PASSWORD_FIELDS: Record<string, string> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
  "/set-password": "newPassword",
};

/** Builds the Better Auth instance over our database, cache and password hasher. */
export function createAuth({ config, db, cache, hasher, log }: AuthDependencies) {
  const baseURL = authBaseUrl(config);
  const https = baseURL.startsWith("https://");
  const origins = config.server.allowedOrigins.filter((origin) => origin !== "*");
  return betterAuth({
    appName: "Docket",
    baseURL,
    basePath: "/api/auth",
    secret: config.auth.secret,
    trustedOrigins: [baseURL, ...origins],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user, session, account, verification, jwks },
    }),
    telemetry: { enabled: false },
    // An unexpected failure inside Better Auth (the database down, say) is thrown to our route,
    // which logs it through pino and answers problem+json, instead of an empty 500 and a stack
    // printed to stderr by its router. Its own errors (a wrong password) are answered as before.
    onAPIError: { throw: true },
    logger: {
      // Not "warn"/"error": at those levels Better Auth also prints every client error (a wrong
      // password, a weak one) to stderr through its own console logger.
      level: "info",
      log: (level, message, ...args) => {
        // An error goes as `err`, so pino serialises it (message, stack, cause) and the redaction
        // censors what it carries (a failed query's parameters: emails, tokens).
        const err = args.find((arg) => arg instanceof Error);
        const rest = args.filter((arg) => arg !== err);
        // Its messages name the address too ("Sign-up attempt for existing email: …").
        log[level === "debug" ? "debug" : level](
          { ...(err ? { err } : {}), ...(rest.length > 0 ? { args: rest } : {}) },
          `better-auth: ${message.replace(EMAIL_IN_TEXT, "[REDACTED]")}`,
        );
      },
    },
    user: {
      additionalFields: {
        timezone: {
          type: "string",
          required: false,
          defaultValue: "UTC",
          input: true,
          validator: { input: timezoneSchema },
        },
      },
    },
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      revokeSessionsOnPasswordReset: true,
      password: {
        hash: (password) => hasher.hash(password),
        verify: ({ hash, password }) => hasher.verify(hash, password),
      },
    },
    session: {
      expiresIn: SESSION_IDLE_SECONDS,
      updateAge: SESSION_REFRESH_SECONDS,
    },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 200,
      customRules: AUTH_IP_RULES,
      customStorage: rateLimitStorage(cache),
    },
    advanced: {
      useSecureCookies: https,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: https },
      // Only our bridge sets this header (it strips any client copy), from fastify's request.ip,
      // which honours TRUST_PROXY.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const field = NEW_PASSWORD_FIELDS[ctx.path];
        if (!field) return;
        const body = ctx.body as Record<string, unknown> | undefined;
        const name = body?.name;
        if (ctx.path === "/sign-up/email" && typeof name === "string") {
          const trimmed = name.trim();
          if (trimmed.length === 0 || trimmed.length > NAME_MAX_LENGTH) {
            throw new APIError("BAD_REQUEST", {
              message: `Name must be 1 to ${String(NAME_MAX_LENGTH)} characters.`,
              code: "INVALID_NAME",
            });
          }
        }
        const password = body?.[field];
        if (typeof password !== "string") return;
        const problem = checkPasswordPolicy(password);
        if (problem)
          throw new APIError("BAD_REQUEST", { message: problem.message, code: problem.code });
      }),
    },
    plugins: [bearer(), jwt({ jwt: { issuer: baseURL, audience: baseURL } })],
  });
}

/** The configured Better Auth instance. */
export type Auth = ReturnType<typeof createAuth>;
