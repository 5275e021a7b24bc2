import { createHash } from "node:crypto";
import type { LoggerOptions } from "pino";
import type { AppConfig } from "../config.js";

/** Paths whose values never reach a log line. */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'req.headers["set-auth-token"]',
  'res.headers["set-cookie"]',
  'res.headers["set-auth-token"]',
  "headers.authorization",
  "headers.cookie",
  'headers["x-api-key"]',
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.token",
  "*.accessToken",
  "*.refreshToken",
  "*.apiKey",
  "*.api_key",
  "*.key",
  "*.secret",
  "*.email",
  "password",
  "token",
  "apiKey",
  "email",
  "secret",
];

/** pino options for the configured level and format, with redaction. */
export function loggerOptions(config: Pick<AppConfig, "log">): LoggerOptions {
  return {
    level: config.log.level,
    redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
    base: { service: "docket" },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
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
