import { createHmac, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../../db/client.js";
import { apiKeys, session, user } from "../../db/schema/auth.js";
import { AppError } from "../../errors.js";
import { API_KEY_PATTERN, hashApiKey } from "../account/api-key.format.js";
import type { Actor } from "./actor.js";
import type { ActorCache } from "./actor-cache.js";
import {
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
  SESSION_REFRESH_SECONDS,
} from "./auth.config.js";

/** The `WWW-Authenticate` challenge every 401 carries. */
export const WWW_AUTHENTICATE = 'Bearer realm="docket"';

/** The OpenAPI `security` of routes behind the hook: `schema: { security: AUTHENTICATED, ... }`. */
export const AUTHENTICATED: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { apiKey: [] }];

/** An onRequest/preHandler hook that sets `request.actor` or rejects with 401. */
export type AuthenticateHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** What the hook needs to check credentials without calling Better Auth. */
export interface AuthenticatorOptions {
  db: Database;
  /** The Better Auth secret that signs session cookies. */
  secret: string;
  /** Session cookie names to look for (plain and `__Secure-`). */
  cookieNames: string[];
  /** Remembers verified credentials for a few seconds (see ActorCache); none: always query. */
  cache?: ActorCache;
  now?: () => Date;
}

// last_used_at is written at most this often per key, so a busy key costs no extra writes.
const LAST_USED_WRITE_INTERVAL_MS = 60_000;

function unauthorized(detail: string, invalidToken = false): AppError {
  return new AppError(401, "UNAUTHORIZED", detail, {
    headers: {
      "WWW-Authenticate": invalidToken
        ? `${WWW_AUTHENTICATE}, error="invalid_token"`
        : WWW_AUTHENTICATE,
    },
  });
}

/** Splits a signed cookie value `token.base64(HMAC-SHA256)` and checks the signature. */
export function verifySignedToken(value: string, secret: string): string | undefined {
  let decoded = value;
  if (decoded.includes("%")) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      return undefined;
    }
  }
  const dot = decoded.lastIndexOf(".");
  if (dot < 1) return undefined;
  const token = decoded.slice(0, dot);
  const given = Buffer.from(decoded.slice(dot + 1), "base64");
  const expected = createHmac("sha256", secret).update(token).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return token;
}

function readCookie(header: string | undefined, names: string[]): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (names.includes(name)) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Where the credential came from and its value. */
type Credential =
  | { kind: "api_key"; value: string }
  | { kind: "bearer"; value: string }
  | { kind: "session"; value: string };

/** Picks the credential in order: X-API-Key, Authorization: Bearer, the session cookie. */
function credentialOf(request: FastifyRequest, cookieNames: string[]): Credential | undefined {
  const apiKey = request.headers["x-api-key"];
  if (typeof apiKey === "string" && apiKey.trim()) return { kind: "api_key", value: apiKey.trim() };
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw unauthorized('The Authorization header must be "Bearer <token>".', true);
    const token = match[1];
    return token.startsWith("dk_")
      ? { kind: "api_key", value: token }
      : { kind: "bearer", value: token };
  }
  const cookie = readCookie(request.headers.cookie, cookieNames);
  if (cookie) return { kind: "session", value: cookie };
  return undefined;
}

/**
 * Builds the one authentication hook. It resolves, in order, `X-API-Key: dk_…`,
 * `Authorization: Bearer dk_…`, `Authorization: Bearer <session token>` and the Better Auth
 * session cookie, with one indexed query (none when the same credential was verified in the last
 * few seconds and `cache` is given), and sets `request.actor`; anything else is a 401
 * problem+json with `WWW-Authenticate: Bearer realm="docket"`.
 */
export function createAuthenticator(options: AuthenticatorOptions): AuthenticateHook {
  const { db, secret, cookieNames, cache } = options;
  const now = options.now ?? (() => new Date());

  async function viaApiKey(key: string): Promise<Actor> {
    if (!API_KEY_PATTERN.test(key)) throw unauthorized("The API key is malformed.", true);
    const keyHash = hashApiKey(key);
    const cached = cache?.get(`k:${keyHash}`, now().getTime());
    if (cached) return { ...cached.actor, via: "api_key" };
    const [row] = await db
      .select({
        id: apiKeys.id,
        userId: apiKeys.userId,
        expiresAt: apiKeys.expiresAt,
        revokedAt: apiKeys.revokedAt,
        lastUsedAt: apiKeys.lastUsedAt,
        timezone: user.timezone,
      })
      .from(apiKeys)
      .innerJoin(user, eq(user.id, apiKeys.userId))
      .where(eq(apiKeys.keyHash, keyHash))
      .limit(1);
    const at = now();
    if (!row || row.revokedAt) throw unauthorized("The API key is not valid.", true);
    if (row.expiresAt && row.expiresAt <= at) throw unauthorized("The API key has expired.", true);
    if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() >= LAST_USED_WRITE_INTERVAL_MS) {
      // Not awaited: recording use must never slow down or fail the request.
      db.update(apiKeys)
        .set({ lastUsedAt: at })
        .where(eq(apiKeys.id, row.id))
        .catch(() => undefined);
    }
    const actor = { userId: row.userId, timezone: row.timezone };
    cache?.set(
      `k:${keyHash}`,
      { actor, validUntil: row.expiresAt?.getTime() ?? null },
      at.getTime(),
    );
    return { ...actor, via: "api_key" };
  }

  /**
   * `credential` is the value as sent (signed or bare) and keys the cache with `via`, so a hit
   * skips the HMAC, and a bare token accepted as a bearer is never taken from a cookie.
   */
  async function viaSession(credential: string, via: "bearer" | "session"): Promise<Actor> {
    const cached = cache?.get(`${via}:${credential}`, now().getTime());
    if (cached) return { ...cached.actor, via };
    // Bearer tokens may be the signed cookie value (set-auth-token) or the bare session token.
    const token =
      via === "session" || credential.includes(".")
        ? verifySignedToken(credential, secret)
        : credential;
    if (!token) throw unauthorized("The session token is not valid.", true);
    const [row] = await db
      .select({
        id: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt,
        createdAt: session.createdAt,
        timezone: user.timezone,
      })
      .from(session)
      .innerJoin(user, eq(user.id, session.userId))
      .where(eq(session.token, token))
      .limit(1);
    const at = now();
    if (!row || row.expiresAt <= at)
      throw unauthorized("The session has expired or was signed out.", true);
    const absoluteEnd = row.createdAt.getTime() + SESSION_ABSOLUTE_SECONDS * 1000;
    if (absoluteEnd <= at.getTime()) {
      await db.delete(session).where(eq(session.id, row.id));
      throw unauthorized("The session has expired; sign in again.", true);
    }
    // Same sliding refresh Better Auth applies, so API-only clients stay signed in while active.
    const refreshDue =
      row.expiresAt.getTime() - SESSION_IDLE_SECONDS * 1000 + SESSION_REFRESH_SECONDS * 1000;
    if (at.getTime() >= refreshDue) {
      const next = new Date(Math.min(at.getTime() + SESSION_IDLE_SECONDS * 1000, absoluteEnd));
      db.update(session)
        .set({ expiresAt: next, updatedAt: sql`now()` })
        .where(eq(session.id, row.id))
        .catch(() => undefined);
    }
    const actor = { userId: row.userId, timezone: row.timezone };
    const validUntil = Math.min(row.expiresAt.getTime(), absoluteEnd);
    cache?.set(`${via}:${credential}`, { actor, validUntil }, at.getTime());
    return { ...actor, via };
  }

  return async function authenticate(request) {
    const credential = credentialOf(request, cookieNames);
    if (!credential)
      throw unauthorized("Authentication is required: send a session token or an API key.");
    if (credential.kind === "api_key") {
      request.actor = await viaApiKey(credential.value);
      return;
    }
    request.actor = await viaSession(credential.value, credential.kind);
  };
}
