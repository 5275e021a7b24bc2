import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  classifyError,
  ERROR_MESSAGES,
  invalidDetail,
  problem,
  sendProblem,
  validationFailed,
  type FieldError,
} from "../../errors.js";
import { decodeUtf8, findUnstorableText } from "../../platform/text-input.js";
import type { Cache } from "../../platform/cache.js";
import { UNKNOWN_TIMEZONE } from "../account/timezone.js";
import type { ActorCache } from "./actor-cache.js";
import { consume, createLimiter, setRateLimitHeaders } from "../../platform/rate-limit.js";
import { withAuthContext } from "./auth-context.js";
import { CLIENT_IP_HEADER, type Auth } from "./auth.config.js";

/** Failed sign-ins allowed per email address per window, across all IPs. */
export const SIGN_IN_FAILURES_PER_EMAIL = 5;
/** The per-email sign-in window, seconds. */
export const SIGN_IN_EMAIL_WINDOW_SECONDS = 15 * 60;
/** Sign-up attempts allowed per email address per hour. */
export const SIGN_UPS_PER_EMAIL = 5;

// Request headers never forwarded to Better Auth: hop-by-hop ones, and the client-IP header,
// which only this bridge may set.
const DROPPED_HEADERS = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  CLIENT_IP_HEADER,
]);

function emailOf(body: Buffer | undefined): string | undefined {
  if (!body || body.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (parsed && typeof parsed === "object" && "email" in parsed) {
      const email = parsed.email;
      if (typeof email === "string" && email.length <= 320) return email.trim().toLowerCase();
    }
  } catch {
    // Better Auth answers malformed bodies itself.
  }
  return undefined;
}

/**
 * Why a body must not reach Better Auth, if it must not: bytes that are not UTF-8, or JSON with
 * text PostgreSQL cannot store (NUL fails the insert, a lone surrogate becomes U+FFFD in a name).
 */
function refusedBody(
  body: Buffer | undefined,
  contentType: string | undefined,
): { status: number; code: string; detail: string; errors?: FieldError[] } | undefined {
  if (!body || body.length === 0) return undefined;
  const text = decodeUtf8(body);
  if (text === undefined) {
    return { status: 400, code: "MALFORMED_JSON", detail: "The request body is not valid UTF-8." };
  }
  let parsed: unknown;
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType ?? "")) {
    // Better Auth reads form bodies too; their percent-escapes must decode to UTF-8 as well.
    parsed = formFields(text);
    if (parsed === undefined) {
      return {
        status: 400,
        code: "MALFORMED_REQUEST",
        detail: "The form body has percent-escapes that are malformed or not UTF-8.",
      };
    }
  } else {
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined; // Better Auth answers malformed bodies itself.
    }
  }
  const errors = findUnstorableText(parsed);
  return errors.length === 0
    ? undefined
    : classifyError(validationFailed("The request body", errors));
}

/** A form body's fields, strictly decoded; undefined when an escape is not UTF-8 ("%ED%A0%BD"). */
function formFields(text: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, " "));
  try {
    for (const pair of text.split("&")) {
      if (!pair) continue;
      const at = pair.indexOf("=");
      const name = decode(at < 0 ? pair : pair.slice(0, at));
      fields[name] = at < 0 ? "" : decode(pair.slice(at + 1));
    }
  } catch {
    return undefined; // decodeURIComponent throws URIError on escapes that are not UTF-8
  }
  return fields;
}

function toWebRequest(request: FastifyRequest, baseUrl: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || DROPPED_HEADERS.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  headers.set(CLIENT_IP_HEADER, request.ip);
  const body = request.body as Buffer | undefined;
  const hasBody = request.method !== "GET" && request.method !== "HEAD" && body && body.length > 0;
  return new Request(new URL(request.url, baseUrl), {
    method: request.method,
    headers,
    ...(hasBody ? { body: new Uint8Array(body) } : {}),
  });
}

async function sendWebResponse(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  reply.code(response.status);
  for (const [name, value] of response.headers) {
    if (name === "set-cookie" || name === "content-length") continue;
    reply.header(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header("set-cookie", cookies);
  // Better Auth's limiter says X-Retry-After; clients and our contract expect Retry-After.
  const retryAfter = response.headers.get("x-retry-after");
  if (response.status === 429 && retryAfter) reply.header("Retry-After", retryAfter);
  const text = response.body ? await response.text() : "";
  // Better Auth answers an unknown endpoint with an empty 404; clients expect problem+json.
  if (response.status === 404 && (text === "" || text === "null")) {
    const path = reply.request.url.split("?")[0] ?? "";
    return sendProblem(
      reply,
      404,
      "ROUTE_NOT_FOUND",
      `No route matches ${reply.request.method} ${path}.`,
    );
  }
  if (response.status >= 500) {
    return sendProblem(reply, response.status, "INTERNAL_ERROR", "An unexpected error occurred.");
  }
  if (response.status >= 400) {
    const problemReply = betterAuthProblem(reply, response.status, text);
    if (problemReply) return problemReply;
  }
  return reply.send(text === "" ? null : text);
}

/** Our code for a Better Auth error that carries none of its own. */
const CODE_OF_STATUS: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  422: "VALIDATION_FAILED",
  429: "RATE_LIMITED",
};

/** Better Auth codes (its own and our hooks') about one field of the request body. */
const FIELD_OF_CODE: Record<string, string> = {
  INVALID_EMAIL: "email",
  USER_ALREADY_EXISTS: "email",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "email",
  PASSWORD_TOO_SHORT: "password",
  PASSWORD_TOO_LONG: "password",
  PASSWORD_TOO_COMMON: "password",
  INVALID_PASSWORD: "password",
  INVALID_NAME: "name",
};

/**
 * The fields a Better Auth error is about, as problem+json `errors[]`: its body validation says
 * them in the message ("[body.email] Invalid email address; [body.password] Invalid input:
 * expected string, received undefined"), its other codes name one field. Undefined when it names
 * none (a wrong password is about the pair, not a field).
 */
export function fieldErrorsOf(code: string, message: string): FieldError[] | undefined {
  const field = FIELD_OF_CODE[code];
  if (field) return [{ path: field, message }];
  // Better Auth says an extra field's own validator message without its name.
  if (message === UNKNOWN_TIMEZONE) return [{ path: "timezone", message }];
  const errors: FieldError[] = [];
  for (const [, path = "", text = ""] of message.matchAll(/\[body(?:\.([^\]]*))?\]\s*([^;]*)/g)) {
    if (errors.some((error) => error.path === path)) continue; // the first word on a field is enough
    const said = text.trim();
    errors.push({
      path,
      message: /received undefined$/.test(said) ? "is required" : said || "is invalid",
    });
  }
  return errors.length > 0 ? errors : undefined;
}

/**
 * Better Auth answers errors as `{message, code?}`; our contract is problem+json. The answer
 * becomes a problem with Better Auth's code (or ours for the status) and its message as `detail`,
 * keeping `message` too for clients written against Better Auth (a 5xx, with or without a body,
 * says nothing internal: `sendWebResponse`), and `errors[]` for the fields it is about. Anything
 * else (an empty body, a redirect page) is sent as it came.
 */
function betterAuthProblem(
  reply: FastifyReply,
  status: number,
  text: string,
): FastifyReply | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== "object" || body === null || !("message" in body)) return undefined;
  const { message, code } = body as { message: unknown; code?: unknown };
  if (typeof message !== "string") return undefined;
  const ownCode =
    typeof code === "string" && /^[A-Z][A-Z0-9_]*$/.test(code)
      ? code
      : (CODE_OF_STATUS[status] ?? "BAD_REQUEST");
  const errors = fieldErrorsOf(ownCode, message.trim());
  const detail =
    ownCode === "VALIDATION_ERROR" && errors
      ? invalidDetail("The request body", errors)
      : message.trim() || (ERROR_MESSAGES[ownCode] ?? "The request failed.");
  return reply
    .code(status)
    .type("application/problem+json")
    .send({ ...problem(status, ownCode, detail, reply.request.id, errors), message: detail });
}

/**
 * Mounts Better Auth under `/api/auth/*`. Bodies reach it byte for byte (our JSON parser is
 * switched off in this scope), and sign-in / sign-up are also limited per email address here,
 * on top of Better Auth's per-IP limits.
 */
export async function registerAuthRoutes(
  app: FastifyInstance,
  auth: Auth,
  cache: Cache,
  baseUrl: string,
  actorCache: ActorCache,
): Promise<void> {
  const signInFailures = createLimiter(cache, {
    keyPrefix: "rl:signin-email",
    points: SIGN_IN_FAILURES_PER_EMAIL,
    durationSeconds: SIGN_IN_EMAIL_WINDOW_SECONDS,
  });
  const signUps = createLimiter(cache, {
    keyPrefix: "rl:signup-email",
    points: SIGN_UPS_PER_EMAIL,
    durationSeconds: 3600,
  });

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => {
      done(null, body);
    });

    scope.route({
      method: ["GET", "POST"],
      url: "/api/auth/*",
      schema: { hide: true },
      async handler(request, reply) {
        const refused = refusedBody(
          request.body as Buffer | undefined,
          request.headers["content-type"],
        );
        if (refused) {
          const { status, code, detail, errors } = refused;
          return sendProblem(reply, status, code, detail, errors);
        }
        const path = request.url.split("?")[0] ?? "";
        const email =
          path === "/api/auth/sign-in/email" || path === "/api/auth/sign-up/email"
            ? emailOf(request.body as Buffer | undefined)
            : undefined;

        if (email && path === "/api/auth/sign-in/email") {
          const state = await signInFailures.get(email).catch(() => null);
          if (state && state.consumedPoints >= SIGN_IN_FAILURES_PER_EMAIL) {
            const resetSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
            setRateLimitHeaders(
              reply,
              { allowed: false, limit: SIGN_IN_FAILURES_PER_EMAIL, remaining: 0, resetSeconds },
              SIGN_IN_EMAIL_WINDOW_SECONDS,
              "sign-in-email",
            );
            return sendProblem(
              reply,
              429,
              "TOO_MANY_SIGN_IN_ATTEMPTS",
              `Too many failed sign-ins for this account; retry in ${String(resetSeconds)} s.`,
            );
          }
        }
        if (email && path === "/api/auth/sign-up/email") {
          const decision = await consume(signUps, email);
          if (!decision.allowed) {
            setRateLimitHeaders(reply, decision, 3600, "sign-up-email");
            return sendProblem(
              reply,
              429,
              "TOO_MANY_SIGN_UP_ATTEMPTS",
              `Too many sign-up attempts for this address; retry in ${String(decision.resetSeconds)} s.`,
            );
          }
        }

        const response = await withAuthContext(() => auth.handler(toWebRequest(request, baseUrl)));
        // Sign-out, session revocation, password change, profile update, account deletion: any
        // of them may end or change a credential we remember, and we do not know whose.
        if (request.method === "POST" && !email) actorCache.clear();

        if (email && path === "/api/auth/sign-in/email") {
          if (response.status === 401) await consume(signInFailures, email);
          else if (response.ok) await signInFailures.delete(email).catch(() => undefined);
        }
        return sendWebResponse(reply, response);
      },
    });
  });
}
