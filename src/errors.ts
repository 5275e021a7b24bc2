import type { Duplex } from "node:stream";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Router, { type HTTPMethod } from "find-my-way";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

/** Titles for each HTTP status the API produces. */
const STATUS_TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Default messages of the stable error codes; features add their own codes next to their code. */
export const ERROR_MESSAGES: Record<string, string> = {
  BAD_REQUEST: "The request could not be understood.",
  MALFORMED_JSON: "The request body is not valid JSON.",
  VALIDATION_FAILED: "The request is invalid.",
  UNAUTHORIZED: "Authentication is required.",
  FORBIDDEN: "You are not allowed to do this.",
  NOT_FOUND: "The resource does not exist.",
  ROUTE_NOT_FOUND: "No route matches this method and path.",
  PAYLOAD_TOO_LARGE: "The request body is too large.",
  UNSUPPORTED_MEDIA_TYPE: "The request content type is not supported.",
  RATE_LIMITED: "Too many requests; slow down.",
  SERVICE_UNAVAILABLE: "A dependency is unavailable; try again shortly.",
  INTERNAL_ERROR: "An unexpected error occurred.",
};

/** One field-level validation problem. */
export interface FieldError {
  path: string;
  message: string;
}

interface AppErrorOptions {
  cause?: unknown;
  errors?: FieldError[];
  headers?: Record<string, string>;
  extra?: Record<string, unknown>;
}

/** An error with an HTTP status and a stable UPPER_SNAKE code; the one error handler renders it. */
export class AppError extends Error {
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    readonly status: number,
    readonly code: string,
    message?: string,
    options: AppErrorOptions = {},
  ) {
    super(message ?? ERROR_MESSAGES[code] ?? STATUS_TITLES[status] ?? code, {
      cause: options.cause,
    });
    this.name = "AppError";
    this.errors = options.errors;
    this.headers = options.headers;
    this.extra = options.extra;
  }
}

/** The RFC 9457 body every error response carries. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  request_id: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

/** Builds a problem+json body. */
export function problem(
  status: number,
  code: string,
  detail: string,
  requestId: string,
  errors?: FieldError[],
): ProblemDetails {
  return {
    type: `https://docket.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`,
    title: STATUS_TITLES[status] ?? "Error",
    status,
    detail,
    code,
    request_id: requestId,
    ...(errors ? { errors } : {}),
  };
}

/**
 * fastify's `clientErrorHandler`: a request Node's HTTP parser rejects (malformed request line or
 * header, headers too large, too slow) never reaches the app, so this writes the problem+json
 * reply on the socket itself instead of fastify's plain JSON, then closes the connection.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, code, detail] =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "REQUEST_TIMEOUT", "The request was not received in time."]
      : error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "HEADERS_TOO_LARGE", "The request headers are too large."]
        : [400, "MALFORMED_REQUEST", "The HTTP request could not be parsed."];
  const body = JSON.stringify(problem(status, code, detail, crypto.randomUUID()));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${String(status)} ${STATUS_TITLES[status] ?? "Error"}\r\n` +
        `Content-Type: application/problem+json\r\n` +
        `Content-Length: ${String(Buffer.byteLength(body))}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * fastify's `frameworkErrors`: the router refuses some paths before any hook or the error handler
 * runs — a percent-encoding that is not UTF-8 (`%C0%AF`, `%ED%A0%80`) or a path parameter longer
 * than `maxParamLength` — and would answer in its own JSON shape. This answers problem+json.
 */
export function frameworkErrorHandler(
  error: Error & { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.header("X-Request-Id", request.id);
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    void sendProblem(
      reply,
      414,
      "URI_TOO_LONG",
      "A path segment is too long to name anything here.",
    );
  } else if (error.code === "FST_ERR_BAD_URL") {
    void sendProblem(
      reply,
      400,
      "MALFORMED_URL",
      "The path is not valid: its percent-encoded bytes are not UTF-8.",
    );
  } else {
    request.log.error({ err: error }, "request failed before routing");
    void sendProblem(reply, 500, "INTERNAL_ERROR", "An unexpected error occurred.");
  }
}

/** Sends a problem+json reply. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
): FastifyReply {
  return reply
    .code(status)
    .type("application/problem+json")
    .send(problem(status, code, detail, reply.request.id, errors));
}

const FASTIFY_CODES: Record<string, { status: number; code: string; detail?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: "PAYLOAD_TOO_LARGE" },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: "MALFORMED_JSON",
    detail: "The request body is empty but the content type is JSON.",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: "MALFORMED_JSON" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: "BAD_REQUEST" },
};

function zodPath(instancePath: string, params: unknown): string {
  const fromParams =
    params && typeof params === "object" && "issue" in params
      ? (params as { issue?: { path?: PropertyKey[] } }).issue?.path
      : undefined;
  if (Array.isArray(fromParams) && fromParams.length > 0) return fromParams.map(String).join(".");
  return instancePath.replace(/^\//, "").replaceAll("/", ".");
}

/** "The request body is invalid: title: is required; due_at: …" */
export function invalidDetail(subject: string, errors: FieldError[]): string {
  const listed = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; ");
  return `${subject} is invalid: ${listed}`;
}

/** The 422 for field errors in what `subject` names ("The request body", "The upload"). */
export function validationFailed(subject: string, errors: FieldError[]): AppError {
  return new AppError(422, "VALIDATION_FAILED", invalidDetail(subject, errors), { errors });
}

/** Maps any thrown error to status, code, detail and field errors. */
export function classifyError(error: unknown): {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
} {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      detail: error.status >= 500 ? (ERROR_MESSAGES[error.code] ?? error.message) : error.message,
      ...(error.errors ? { errors: error.errors } : {}),
      ...(error.headers ? { headers: error.headers } : {}),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      path: zodPath(issue.instancePath, issue.params),
      message: issue.message ?? "is invalid",
    }));
    const where = (error as { validationContext?: string }).validationContext ?? "body";
    return classifyError(validationFailed(`The request ${where}`, errors));
  }
  const fastifyError = error as Partial<FastifyError> & { type?: string };
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) {
    return {
      status: mapped.status,
      code: mapped.code,
      detail: mapped.detail ?? ERROR_MESSAGES[mapped.code] ?? "Bad request",
    };
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return { status: 400, code: "MALFORMED_JSON", detail: "The request body is not valid JSON." };
  }
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    const code =
      status === 429
        ? "RATE_LIMITED"
        : status === 404
          ? "NOT_FOUND"
          : status === 413
            ? "PAYLOAD_TOO_LARGE"
            : "BAD_REQUEST";
    return { status, code, detail: fastifyError.message ?? ERROR_MESSAGES[code] ?? "Bad request" };
  }
  return { status: 500, code: "INTERNAL_ERROR", detail: "An unexpected error occurred." };
}

/** Installs the one error handler and the problem+json 404 handler. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const classified = classifyError(error);
    if (classified.status >= 500) {
      request.log.error({ err: error }, "request failed");
    } else {
      request.log.info({ code: classified.code, status: classified.status }, "request rejected");
    }
    for (const [name, value] of Object.entries(classified.headers ?? {})) reply.header(name, value);
    return sendProblem(
      reply,
      classified.status,
      classified.code,
      classified.detail,
      classified.errors,
    );
  });

  const routes = routeMethods(app);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    const allowed = routes.allowed(path);
    // A route that matched and then passed the request on (`callNotFound`) is a plain 404.
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header("Allow", allowed.join(", "));
      return sendProblem(
        reply,
        405,
        "METHOD_NOT_ALLOWED",
        `${request.method} is not allowed on ${path}; it accepts ${allowed.join(", ")}.`,
      );
    }
    return sendProblem(
      reply,
      404,
      "ROUTE_NOT_FOUND",
      `No route matches ${request.method} ${path}.`,
    );
  });
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route only answers its method with a 405 of its own: not offered in `Allow`. */
    refuses?: boolean;
  }
}

/**
 * Which methods each path accepts, from the routes as they are added (`onRoute`), so a request
 * with the wrong method gets a 405 with `Allow` (RFC 9110) instead of a 404. The table mirrors
 * fastify's router, catch-alls included (`/*`: the web UI, Better Auth's `/api/auth/*`, CORS
 * preflights), so a path goes to the same route in both; a method whose match is a catch-all is
 * not listed, since a catch-all does not say what it serves. Routes with constraints (none
 * today) are left out, and so are routes that exist only to refuse their method with a 405 of
 * their own (`config: { refuses: true }`, like `GET /mcp`).
 */
function routeMethods(app: FastifyInstance): { allowed(path: string): string[] } {
  const router = Router();
  const methods = new Set<HTTPMethod>();
  app.addHook("onRoute", (route) => {
    if (route.constraints || route.config?.refuses) return;
    const store = { catchAll: route.url.includes("*") };
    for (const name of [route.method].flat()) {
      const method = name.toUpperCase() as HTTPMethod;
      methods.add(method);
      router.on(method, route.url, () => undefined, store);
    }
  });
  return {
    allowed: (path) =>
      [...methods]
        .filter((method) => {
          const found = router.find(method, path);
          return found !== null && !(found.store as { catchAll: boolean }).catchAll;
        })
        .sort(),
  };
}
