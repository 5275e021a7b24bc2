import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "@fastify/cors";
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";
import type { AppConfig } from "../config.js";

/**
 * The headers helmet sets for `options`, computed once. Our policy is the same for every
 * response, while `@fastify/helmet` rebuilt the whole helmet middleware — parsing every
 * directive — on each request (~5 % of a cheap request's CPU).
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      // Removals (X-Powered-By) do not apply: nothing here sets those headers.
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
      delete headers[name.toLowerCase()];
    },
  };
  const request = {} as unknown as IncomingMessage; // helmet reads nothing from it
  helmet(options)(request, response as unknown as ServerResponse, (error) => {
    if (error) throw error instanceof Error ? error : new Error("helmet refused its options");
  });
  return headers;
}

/** Security headers, CORS and the content-security policy the web UI and /docs live under. */
export async function registerSecurity(app: FastifyInstance, config: AppConfig): Promise<void> {
  const https = config.server.publicUrl?.startsWith("https://") ?? false;
  const headers = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });

  const allowAll = config.server.allowedOrigins.includes("*");
  await app.register(cors, {
    origin: allowAll ? true : config.server.allowedOrigins,
    credentials: !allowAll,
    methods: ["GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"],
    allowedHeaders: [
      "Authorization",
      "Content-Type",
      "X-API-Key",
      "X-Request-Id",
      "Mcp-Session-Id",
      "Mcp-Protocol-Version",
      "Last-Event-ID",
    ],
    exposedHeaders: [
      "X-Request-Id",
      "set-auth-token",
      "Retry-After",
      "RateLimit",
      "RateLimit-Policy",
      "Mcp-Session-Id",
    ],
    maxAge: 600,
  });
}
