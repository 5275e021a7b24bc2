import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync, brotliCompressSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpFetch, createHttpFetchAgents, type HttpFetchAgents } from "./http-fetch.js";

/*
 * The provider fetch against a real local HTTP server: what a caller of `fetch` sees (statuses,
 * headers, bodies as they arrive, the errors undici gives) and what the server sees (the request,
 * connections kept alive or closed).
 */

interface TestServer {
  url: string;
  /** TCP connections accepted so far. */
  connections: number;
  /** Resolves when a connection the server accepted has closed. */
  closed: Promise<void>;
  close(): Promise<void>;
}

const servers: TestServer[] = [];
let agents: HttpFetchAgents;

async function serve(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<TestServer> {
  let onClosed!: () => void;
  const server = createServer(handler);
  const handle: TestServer = {
    url: "",
    connections: 0,
    closed: new Promise<void>((resolve) => (onClosed = resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on("connection", (socket) => {
    handle.connections += 1;
    socket.on("close", onClosed);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  handle.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(handle);
  return handle;
}

/** A fetch with its own connection pools, so tests do not share kept-alive connections. */
function freshFetch() {
  agents = createHttpFetchAgents();
  return createHttpFetch(agents);
}

afterEach(async () => {
  agents.http.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

describe("provider fetch", () => {
  it("sends the method, headers in every form fetch accepts, and the body", async () => {
    const seen: { method?: string; headers: IncomingMessage["headers"]; body: string }[] = [];
    const server = await serve((request, response) => {
      void readBody(request).then((body) => {
        seen.push({ method: request.method, headers: request.headers, body });
        response.end("ok");
      });
    });
    const fetch = freshFetch();

    await fetch(`${server.url}/v1/chat`, {
      method: "POST",
      headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
      body: JSON.stringify({ say: "héllo" }),
    });
    await fetch(server.url, {
      method: "PUT",
      headers: new Headers({ "x-trace": "abc" }),
      body: new TextEncoder().encode("bytes"),
    });
    await fetch(new URL(server.url), {
      method: "post",
      headers: [
        ["x-repeat", "1"],
        ["X-Repeat", "2"],
      ],
    });

    expect(seen[0]).toMatchObject({
      method: "POST",
      headers: {
        authorization: "Bearer sk-test",
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength('{"say":"héllo"}')),
      },
      body: '{"say":"héllo"}',
    });
    expect(seen[0]?.headers["accept-encoding"]).toBeUndefined();
    expect(seen[1]).toMatchObject({ method: "PUT", headers: { "x-trace": "abc" }, body: "bytes" });
    expect(seen[2]).toMatchObject({
      method: "POST",
      headers: { "x-repeat": "1, 2", "content-length": "0" },
      body: "",
    });
  });

  it("passes statuses, status texts, headers and error bodies through", async () => {
    const server = await serve((request, response) => {
      const status = Number(request.url?.slice(1));
      response.writeHead(status, { "content-type": "application/json", "retry-after": "7" });
      response.end(JSON.stringify({ error: { message: `failed with ${status}` } }));
    });
    const fetch = freshFetch();

    for (const status of [400, 429, 503]) {
      const response = await fetch(`${server.url}/${status}`, { method: "POST", body: "{}" });
      expect(response.status).toBe(status);
      expect(response.ok).toBe(false);
      expect(response.headers.get("retry-after")).toBe("7");
      expect(await response.json()).toEqual({ error: { message: `failed with ${status}` } });
    }
    const unavailable = await fetch(`${server.url}/503`);
    expect(unavailable.statusText).toBe("Service Unavailable");
    expect(unavailable.url).toBe(`${server.url}/503`);
  });

  it("keeps repeated response headers apart", async () => {
    const server = await serve((_request, response) => {
      response.setHeader("set-cookie", ["a=1", "b=2"]);
      response.setHeader("x-id", "42");
      response.end();
    });
    const response = await freshFetch()(server.url);
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(response.headers.get("x-id")).toBe("42");
  });

  it("hands over each streamed chunk before the server has finished", async () => {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write('data: {"n":1}\n\n');
      void finished.then(() => response.end("data: [DONE]\n\n"));
    });
    const response = await freshFetch()(server.url, { method: "POST", body: "{}" });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();

    // The server holds the rest back until the first event was read.
    expect((await reader.read()).value).toBe('data: {"n":1}\n\n');
    finish();
    expect((await reader.read()).value).toBe("data: [DONE]\n\n");
    expect((await reader.read()).done).toBe(true);
  });

  it("reuses one kept-alive connection for calls one after another", async () => {
    const server = await serve((_request, response) => response.end("ok"));
    const fetch = freshFetch();
    for (let call = 0; call < 3; call++) {
      expect(await (await fetch(server.url, { method: "POST", body: "{}" })).text()).toBe("ok");
    }
    expect(server.connections).toBe(1);
  });

  it("returns a redirect as it is, without following it", async () => {
    const paths: (string | undefined)[] = [];
    const server = await serve((request, response) => {
      paths.push(request.url);
      response.writeHead(307, { location: "/elsewhere" });
      response.end("moved");
    });
    const response = await freshFetch()(server.url, { method: "POST", body: "{}" });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/elsewhere");
    expect(await response.text()).toBe("moved");
    expect(paths).toEqual(["/"]);
  });

  it("gives no body for 204 and HEAD", async () => {
    const server = await serve((request, response) => {
      response.writeHead(request.method === "HEAD" ? 200 : 204, { "x-seen": "yes" });
      response.end();
    });
    const fetch = freshFetch();
    const empty = await fetch(server.url, { method: "DELETE" });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const head = await fetch(server.url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("x-seen")).toBe("yes");
    expect(await head.text()).toBe("");
  });

  it("decodes gzip and br bodies the server compressed anyway", async () => {
    const json = JSON.stringify({ choices: [{ message: { content: "compressed" } }] });
    const server = await serve((request, response) => {
      const encoding = request.url === "/br" ? "br" : "gzip";
      response.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
      response.end(encoding === "br" ? brotliCompressSync(json) : gzipSync(json));
    });
    const fetch = freshFetch();
    expect(await (await fetch(`${server.url}/gzip`)).json()).toEqual(JSON.parse(json));
    expect(await (await fetch(`${server.url}/br`)).json()).toEqual(JSON.parse(json));
  });
});

describe("provider fetch failures", () => {
  it("rejects with the signal's reason when aborted before the call, sending nothing", async () => {
    const server = await serve((_request, response) => response.end("ok"));
    const controller = new AbortController();
    controller.abort();
    const call = freshFetch()(server.url, { signal: controller.signal });
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    await expect(call).rejects.toBe(controller.signal.reason);
    expect(server.connections).toBe(0);
  });

  it("rejects with the signal's reason when aborted while waiting for the response", async () => {
    const server = await serve(() => undefined); // never answers
    const controller = new AbortController();
    const call = freshFetch()(server.url, {
      method: "POST",
      body: "{}",
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    await server.closed;
  });

  it("errors the body and closes the connection when aborted mid-stream", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: first\n\n"); // and never more
    });
    const controller = new AbortController();
    const response = await freshFetch()(server.url, {
      method: "POST",
      body: "{}",
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    controller.abort();
    await expect(reader.read()).rejects.toBe(controller.signal.reason);
    await server.closed; // the server sees the connection go
  });

  it("reports a refused connection as fetch's network error", async () => {
    const server = await serve(() => undefined);
    const { url } = server;
    await server.close();
    const call = freshFetch()(url, { method: "POST", body: "{}" });
    await expect(call).rejects.toBeInstanceOf(TypeError);
    await expect(call).rejects.toMatchObject({
      message: "fetch failed",
      cause: { code: "ECONNREFUSED" },
    });
  });

  it("reports an unknown host as fetch's network error", async () => {
    const call = freshFetch()("http://no-such-host.invalid/v1", { method: "POST", body: "{}" });
    await expect(call).rejects.toMatchObject({ name: "TypeError", message: "fetch failed" });
  });

  it("errors the body with 'terminated' when the server drops the connection mid-body", async () => {
    const server = await serve((request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: partial\n\n", () => setTimeout(() => request.socket.destroy(), 20));
    });
    const response = await freshFetch()(server.url, { method: "POST", body: "{}" });
    await expect(response.text()).rejects.toMatchObject({
      name: "TypeError",
      message: "terminated",
      cause: { code: "ECONNRESET" },
    });
  });
});
