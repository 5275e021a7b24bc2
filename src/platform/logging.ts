import { createHash } from "node:crypto";
import type { LoggerOptions } from "pino";
import type { AppConfig } from "../config.js";

const CENSOR = "[REDACTED]";

/** Keys whose values never reach a log line, at the top of an entry or one object down. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "accessToken",
  "refreshToken",
  "apiKey",
  "api_key",
  "key",
  "secret",
  "email",
  // SQL parameters of a failed query (drizzle's DrizzleQueryError): any user data, emails included.
  "params",
]);

/** Headers whose values never reach a log line, in any `headers` object up to two levels down. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "cookie",
  "x-api-key",
  "set-auth-token",
  "set-cookie",
]);

/**
 * A copy of `source` with the same prototype and all its own properties, non-enumerable ones
 * included (an error's `message`, `stack` and `cause`), each writable.
 */
function shallowCopy(source: object): Record<string, unknown> {
  const descriptors = Object.getOwnPropertyDescriptors(source);
  for (const descriptor of Object.values(descriptors)) {
    descriptor.configurable = true;
    if ("value" in descriptor) descriptor.writable = true;
  }
  return Object.create(Object.getPrototypeOf(source) as object, descriptors) as Record<
    string,
    unknown
  >;
}

/** drizzle puts a failed query's parameters at the end of the error's message (and stack). */
const PARAMS_IN_MESSAGE = /\nparams: [\s\S]*$/;

/** Censors the parameters a failed query's error repeats in its message and stack. */
function censorQueryMessage(error: Record<string, unknown>): void {
  const message = error.message;
  if (typeof message !== "string" || !PARAMS_IN_MESSAGE.test(message)) return;
  const censored = message.replace(PARAMS_IN_MESSAGE, `\nparams: ${CENSOR}`);
  error.message = censored;
  if (typeof error.stack === "string") error.stack = error.stack.replace(message, censored);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `headers` with its secret headers censored; the same object when it has none. */
function censorHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const name in headers) {
    if (!SECRET_HEADERS.has(name.toLowerCase()) || headers[name] === undefined) continue;
    copy ??= shallowCopy(headers);
    copy[name] = CENSOR;
  }
  return copy ?? headers;
}

/** `value` (an object one level into a log entry) with secrets censored; itself when it has none. */
function censorNested(value: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const name in value) {
    const field = value[name];
    let censored: unknown = field;
    if (SECRET_KEYS.has(name)) censored = CENSOR;
    else if (name === "headers" && isObject(field)) censored = censorHeaders(field);
    if (censored === field || !Object.hasOwn(value, name)) continue;
    copy ??= shallowCopy(value);
    copy[name] = censored;
    if (name === "params" && value instanceof Error) censorQueryMessage(copy);
  }
  return copy ?? value;
}

/** An array one level into a log entry with its objects censored; itself when none changed. */
function censorArray(values: unknown[]): unknown[] {
  let copy: unknown[] | undefined;
  for (let index = 0; index < values.length; index++) {
    const item = values[index];
    if (!isObject(item)) continue;
    const censored = censorNested(item);
    if (censored === item) continue;
    copy ??= [...values];
    copy[index] = censored;
  }
  return copy ?? values;
}

/**
 * Censors secrets in a log entry: credentials, tokens, emails and SQL parameters at its top
 * level and one object down (`user.password`, `err.params`, the objects of an array such as
 * `args[0].email`), and credential headers (`req.headers.authorization`, `headers.cookie`).
 * Copies only what it changes, so the caller's objects are never modified; an entry without
 * secrets (every request line) is returned as it is. This replaces pino's path-based `redact`,
 * which re-serialised every field of every line through its wildcard paths (a tenth of a
 * request's allocations). Child-logger bindings do not pass through it (pino serialises them
 * once per child and never calls `formatters.bindings` for children): bind only fixed context
 * (module names, request ids), never request data.
 */
export function redactSecrets(entry: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const name in entry) {
    const field = entry[name];
    let censored: unknown = field;
    if (SECRET_KEYS.has(name)) censored = CENSOR;
    else if (name === "headers" && isObject(field)) censored = censorHeaders(field);
    else if (isObject(field)) censored = censorNested(field);
    else if (Array.isArray(field)) censored = censorArray(field);
    if (censored === field || !Object.hasOwn(entry, name)) continue;
    copy ??= { ...entry };
    copy[name] = censored;
  }
  return copy ?? entry;
}

/** pino options for the configured level and format, with redaction. */
export function loggerOptions(config: Pick<AppConfig, "log">): LoggerOptions {
  return {
    level: config.log.level,
    base: { service: "docket" },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }), log: redactSecrets },
    ...(config.log.format === "pretty"
      ? { transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l" } } }
      : {}),
  };
}

// Every request line carries the user's hash: remember recent ones instead of a SHA-256 each.
const hashedUserIds = new Map<string, string>();
const MAX_HASHED_USER_IDS = 10_000;

/** A stable, non-reversible id for a user in logs. */
export function hashUserId(userId: string): string {
  let hashed = hashedUserIds.get(userId);
  if (hashed === undefined) {
    hashed = createHash("sha256").update(userId).digest("base64url").slice(0, 12);
    if (hashedUserIds.size >= MAX_HASHED_USER_IDS) hashedUserIds.clear();
    hashedUserIds.set(userId, hashed);
  }
  return hashed;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Reuses a well-formed incoming `X-Request-Id`, or makes a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : crypto.randomUUID();
}
