/** The one way the UI talks to the server: same-origin fetch, JSON in and out, typed errors. */

/** An API failure with the fields a form needs to show inline errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field name → message, from problem+json `errors[]` or Better Auth's field codes. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const FRIENDLY: Record<number, string> = {
  401: "Your session has ended. Please sign in again.",
  413: "That is too large for the server.",
  429: "Too many requests; wait a moment and try again.",
  500: "Something went wrong on the server. Please try again.",
  502: "The server is unreachable right now.",
  503: "The service is busy or starting; try again in a moment.",
};

/** Better Auth codes that belong to one field of the sign-in / sign-up forms. */
const AUTH_FIELD_CODES: Record<string, string> = {
  INVALID_EMAIL: "email",
  USER_ALREADY_EXISTS: "email",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "email",
  PASSWORD_TOO_SHORT: "password",
  PASSWORD_TOO_LONG: "password",
  INVALID_PASSWORD: "password",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Turns an error body (RFC 9457 problem, Better Auth `{code, message}`, or anything) into an ApiError. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const record = isRecord(body) ? body : {};
  const code =
    typeof record.code === "string" && record.code ? record.code : `HTTP_${String(status)}`;
  const detail =
    (typeof record.detail === "string" && record.detail) ||
    (typeof record.message === "string" && record.message) ||
    FRIENDLY[status] ||
    `Request failed (${String(status)}).`;
  const fieldErrors: Record<string, string> = {};
  if (Array.isArray(record.errors)) {
    for (const entry of record.errors) {
      if (!isRecord(entry)) continue;
      const path = typeof entry.path === "string" ? entry.path : "";
      const message = typeof entry.message === "string" ? entry.message : "is invalid";
      if (path && !(path in fieldErrors)) fieldErrors[path] = message;
    }
  }
  const authField = AUTH_FIELD_CODES[code];
  if (authField && !(authField in fieldErrors)) fieldErrors[authField] = detail;
  // A 5xx never shows server internals, even if a proxy put them in the body.
  const message = status >= 500 ? (FRIENDLY[status] ?? FRIENDLY[500] ?? detail) : detail;
  return new ApiError(status, code, message, fieldErrors);
}

/** Options of one API call. */
export interface ApiOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called when any call answers 401, so the app can return to the sign-in screen. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Tells the app the session is gone (any 401 outside the auth routes, including the chat stream). */
export function notifyUnauthorized(): void {
  for (const listener of unauthorizedListeners) listener();
}

/** Calls the API; resolves with the parsed JSON (undefined for 204) or throws an ApiError. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK_ERROR", "Cannot reach the server. Check your connection.");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const error = errorFromBody(response.status, parsed);
    if (response.status === 401 && !path.startsWith("/api/auth/")) notifyUnauthorized();
    throw error;
  }
  return parsed as T;
}

/** A human message for anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}
