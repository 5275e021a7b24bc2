import http from "node:http";
import https from "node:https";
import type { Readable, Transform } from "node:stream";
import zlib from "node:zlib";
import type { FetchFunction } from "@ai-sdk/provider-utils";

/*
 * A lean `fetch` for LLM provider calls, on node:http / node:https with kept-alive connections.
 * The global fetch (undici) showed ~10 % of a streamed chat turn's CPU in profiles: its Request,
 * Headers and fetch-algorithm bookkeeping run for every call (about 1 ms of CPU per turn less
 * without it: bench/README.md, "Provider fetch on node:http"). This one does only what the AI
 * SDK's providers use and behaves like undici where they look:
 * - network failures reject with `TypeError("fetch failed", { cause })`, a connection closed
 *   mid-body errors the body with `TypeError("terminated", { cause })` (the AI SDK and
 *   `isTransientFailure` classify both as retryable);
 * - an abort rejects, or errors the body, with `signal.reason` and destroys the connection;
 * - the body is a `ReadableStream` fed as bytes arrive (Server-Sent Events stay incremental),
 *   paused while the reader is behind;
 * - a gzip, deflate or br body is decoded (none is asked for: no `accept-encoding` is sent).
 * Differences, on purpose: redirects are never followed (provider APIs do not redirect; the 3xx
 * response is returned as it is, whatever `init.redirect` says), no default `accept`,
 * `accept-language` or `user-agent` header is added, and no cookies, cache or CORS apply.
 * A `Request` as input, or a body other than a string or bytes (FormData, Blob, a stream...), goes
 * to the global fetch unchanged.
 */

/** The connection pools of one `createHttpFetch`. */
export interface HttpFetchAgents {
  http: http.Agent;
  https: https.Agent;
}

/** Options of `createHttpFetch`. */
export interface HttpFetchOptions {
  /** Connections per origin; further calls wait for a free one. @default 128 */
  maxSockets?: number;
  /** An idle kept-alive connection is closed after this long (undici's default). @default 4000 */
  idleTimeoutMs?: number;
}

/** Response statuses that never have a body (fetch's "null body status"). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** Creates kept-alive connection pools for provider calls. */
export function createHttpFetchAgents(options: HttpFetchOptions = {}): HttpFetchAgents {
  // `timeout` only closes idle pooled sockets: Node destroys a timed-out socket when it is in the
  // free list, and a server's `Keep-Alive: timeout=n` hint shortens it.
  const settings = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 128,
    timeout: options.idleTimeoutMs ?? 4000,
    scheduling: "lifo" as const,
  };
  return { http: new http.Agent(settings), https: new https.Agent(settings) };
}

function toUrl(input: string | URL): URL {
  if (typeof input !== "string") return input;
  try {
    return new URL(input);
  } catch (error) {
    throw new TypeError(`Failed to parse URL from ${input}`, { cause: error });
  }
}

/** The request headers in Node's form; repeated names are joined as `Headers` does. */
function toNodeHeaders(init: RequestInit["headers"]): http.OutgoingHttpHeaders {
  const headers: Record<string, string> = {};
  if (!init) return headers;
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    const previous = headers[key];
    headers[key] = previous === undefined ? value : `${previous}, ${value}`;
  };
  if (init instanceof Headers) {
    init.forEach((value, name) => (headers[name] = value));
  } else if (Array.isArray(init)) {
    for (const [name, value] of init)
      if (name !== undefined && value !== undefined) add(name, value);
  } else {
    for (const name of Object.keys(init)) {
      const value = init[name];
      if (typeof value === "string") add(name, value);
      else if (value !== undefined) add(name, value.join(", "));
    }
  }
  return headers;
}

/** The body as bytes or a string, or undefined when the global fetch must handle it. */
function toBody(body: RequestInit["body"]): string | Uint8Array | null | undefined {
  if (body === null || body === undefined) return null;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body))
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return undefined;
}

/** The decoders for a `content-encoding` value, in the order they apply; none if unknown. */
function decodersFor(contentEncoding: string | undefined): Transform[] {
  if (!contentEncoding) return [];
  // Like undici: tolerate a body cut short and pass each chunk on as soon as it is decoded.
  const { Z_SYNC_FLUSH, BROTLI_OPERATION_FLUSH } = zlib.constants;
  const flush = { flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH };
  const brotliFlush = { flush: BROTLI_OPERATION_FLUSH, finishFlush: BROTLI_OPERATION_FLUSH };
  const decoders: Transform[] = [];
  const codings = contentEncoding.toLowerCase().split(",").reverse();
  for (const raw of codings) {
    const coding = raw.trim();
    if (coding === "gzip" || coding === "x-gzip") decoders.push(zlib.createGunzip(flush));
    else if (coding === "deflate") decoders.push(zlib.createInflate(flush));
    else if (coding === "br") decoders.push(zlib.createBrotliDecompress(brotliFlush));
    else if (coding !== "identity") return []; // unknown: hand over the bytes as they came
  }
  return decoders;
}

/**
 * The response body as a web stream fed from `source` as it arrives. `incoming` is paused while
 * the reader is behind (the stream holds one unread chunk at most) and destroyed on cancel or
 * error, which also closes its connection. `settle` detaches the abort listener once the body is
 * done.
 */
function bodyStream(
  incoming: http.IncomingMessage,
  source: Readable,
  settle: () => void,
): { stream: ReadableStream<Uint8Array>; fail: (error: unknown) => void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let done = false;
  const fail = (error: unknown) => {
    if (done) return;
    done = true;
    settle();
    controller.error(error);
    incoming.destroy();
    if (source !== incoming) source.destroy();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      source.on("data", (chunk: Buffer) => {
        if (done) return;
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) source.pause();
      });
      source.on("end", () => {
        if (done) return;
        done = true;
        settle();
        controller.close();
      });
      const terminated = (error: unknown) => fail(new TypeError("terminated", { cause: error }));
      source.on("error", terminated);
      if (source !== incoming) incoming.on("error", terminated);
    },
    pull() {
      source.resume();
    },
    cancel() {
      done = true;
      settle();
      incoming.destroy();
      if (source !== incoming) source.destroy();
    },
  });
  return { stream, fail };
}

/**
 * The response headers for `Response`. Node's parsed object is the cheaper form; when a name came
 * more than once (Node joins or drops repeats by its own rules, `set-cookie` is an array) the raw
 * pairs are used instead, so each value arrives as sent.
 */
function responseHeaders(
  incoming: http.IncomingMessage,
): Record<string, string> | [string, string][] {
  const parsed = incoming.headers;
  const raw = incoming.rawHeaders;
  if (Object.keys(parsed).length * 2 === raw.length) return parsed as Record<string, string>;
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] ?? "", raw[i + 1] ?? ""]);
  return pairs;
}

/** Wraps a Node response as a WHATWG `Response` whose body streams. */
function toResponse(
  incoming: http.IncomingMessage,
  url: string,
  isHead: boolean,
  settle: () => void,
): { response: Response; fail: (error: unknown) => void } {
  const status = incoming.statusCode ?? 0;
  const init = {
    status,
    statusText: incoming.statusMessage ?? "",
    headers: responseHeaders(incoming),
  };

  let response: Response;
  let fail: (error: unknown) => void;
  if (isHead || NULL_BODY_STATUSES.has(status)) {
    incoming.resume(); // drain, so the connection goes back to the pool
    settle();
    response = new Response(null, init);
    fail = () => incoming.destroy();
  } else {
    let source: Readable = incoming;
    for (const decoder of decodersFor(incoming.headers["content-encoding"])) {
      source = source.pipe(decoder);
    }
    const body = bodyStream(incoming, source, settle);
    response = new Response(body.stream, init);
    fail = body.fail;
  }
  // A constructed Response has an empty url; fetch's names what was requested.
  Object.defineProperty(response, "url", { value: url });
  return { response, fail };
}

/**
 * Creates a `fetch` for provider calls over the given kept-alive connection pools. See the
 * comment at the top of this file for what it does and does not do like the global fetch.
 */
export function createHttpFetch(agents: HttpFetchAgents = createHttpFetchAgents()): FetchFunction {
  return async (input, init = {}) => {
    const body = toBody(init.body);
    if (input instanceof Request || body === undefined) return globalThis.fetch(input, init);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted(); // throws signal.reason, as undici does

    const url = toUrl(input);
    const method = (init.method ?? "GET").toUpperCase();
    if (body !== null && (method === "GET" || method === "HEAD")) {
      throw new TypeError("Request with GET/HEAD method cannot have body.");
    }
    const client = url.protocol === "https:" ? https : url.protocol === "http:" ? http : undefined;
    if (!client) {
      throw new TypeError("fetch failed", { cause: new Error(`unknown scheme ${url.protocol}`) });
    }

    const headers = toNodeHeaders(init.headers);
    if (body !== null) {
      headers["content-length"] = Buffer.byteLength(body);
      if (typeof body === "string") headers["content-type"] ??= "text/plain;charset=UTF-8";
    } else if (method === "POST" || method === "PUT" || method === "PATCH") {
      headers["content-length"] = 0;
    }

    return new Promise<Response>((resolve, reject) => {
      let request: http.ClientRequest;
      let failBody: ((error: unknown) => void) | undefined;
      const onAbort = () => {
        const reason: unknown = signal?.reason;
        if (failBody) failBody(reason);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- fetch rejects with the reason as given
        else reject(reason);
        request.destroy();
      };
      const settle = () => signal?.removeEventListener("abort", onAbort);
      try {
        request = client.request(url, {
          method,
          headers,
          agent: url.protocol === "https:" ? agents.https : agents.http,
        });
      } catch (error) {
        // Node validates header names and values synchronously; fetch reports them as TypeError.
        reject(
          new TypeError(error instanceof Error ? error.message : "invalid request", {
            cause: error,
          }),
        );
        return;
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      // Stays attached for the whole exchange: after the response, a socket error lands here too.
      request.on("error", (error) => {
        if (failBody) {
          failBody(new TypeError("terminated", { cause: error }));
          return;
        }
        settle();
        reject(new TypeError("fetch failed", { cause: error }));
      });
      request.on("response", (incoming) => {
        try {
          const { response, fail } = toResponse(incoming, url.href, method === "HEAD", settle);
          failBody = fail;
          resolve(response);
        } catch (error) {
          settle();
          incoming.destroy();
          reject(new TypeError("fetch failed", { cause: error }));
        }
      });
      request.end(body ?? undefined);
    });
  };
}

/** The provider fetch with this process's connection pools; the default of `createEndpointModel`. */
export const httpFetch: FetchFunction = createHttpFetch();
