import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { requestIdFrom } from "./logging.js";

const LIVE_PATHS = new Set(["/health/live", "/livez"]);
const BODY = JSON.stringify({ status: "alive" });
const KEEP_ALIVE_TIMEOUT_MS = 72_000; // fastify's default
const BODY_LENGTH = String(Buffer.byteLength(BODY));

/**
 * A `serverFactory` for fastify that answers liveness probes before the request pipeline.
 *
 * Liveness has no dependency to check ("the event loop answers" is the whole test), yet an
 * orchestrator calls it every few seconds on every instance; running it through helmet, CORS,
 * the rate limiter, metrics and zod serialisation cost ~4× the work of the answer itself. The
 * answer is the one the fastify route gives (which stays for `inject`, OpenAPI and HEAD), with
 * the headers API.md promises on every response. Probes answered here are not counted in the HTTP
 * metrics. Anything else, including `/health/live?x` or a POST, goes to fastify unchanged.
 */
export function livenessServerFactory(options: {
  /** True while shutting down: keep-alive clients are told to reconnect elsewhere. */
  draining: () => boolean;
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
}): (handler: (request: IncomingMessage, response: ServerResponse) => void) => Server {
  return (handler) => {
    const server = createServer((request, response) => {
      if (
        (request.method === "GET" || request.method === "HEAD") &&
        request.url !== undefined &&
        LIVE_PATHS.has(request.url)
      ) {
        response.writeHead(200, {
          "content-type": "application/json; charset=utf-8",
          "content-length": BODY_LENGTH,
          "cache-control": "no-store",
          "x-content-type-options": "nosniff",
          "x-request-id": requestIdFrom(request.headers["x-request-id"]),
          ...(options.draining() ? { connection: "close" } : {}),
        });
        response.end(request.method === "HEAD" ? undefined : BODY);
        return;
      }
      handler(request, response);
    });
    // What fastify sets on the server it creates itself (it leaves a factory's server alone).
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    server.requestTimeout = options.requestTimeoutMs;
    server.setTimeout(options.connectionTimeoutMs);
    return server;
  };
}
