import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import type { AppConfig } from "../config.js";

/** Security headers, CORS and the content-security policy the web UI and /docs live under. */
export async function registerSecurity(app: FastifyInstance, config: AppConfig): Promise<void> {
  const https = config.server.publicUrl?.startsWith("https://") ?? false;
  await app.register(helmet, {
    global: true,
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
