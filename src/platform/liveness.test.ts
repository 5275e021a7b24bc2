import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app.js";
import { buildTestApp } from "../../test/helpers/app.js";

describe("liveness over a real connection (answered before the request pipeline)", () => {
  let app: App;
  let base: string;
  beforeAll(async () => {
    app = await buildTestApp();
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers like the fastify route, with a request id and nosniff", async () => {
    for (const path of ["/health/live", "/livez"]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(await response.json()).toEqual({ status: "alive" });
    }
  });

  it("reuses a well-formed incoming request id and replaces a malformed one", async () => {
    const kept = await fetch(`${base}/health/live`, { headers: { "X-Request-Id": "probe-42" } });
    expect(kept.headers.get("x-request-id")).toBe("probe-42");
    const replaced = await fetch(`${base}/health/live`, {
      headers: { "X-Request-Id": "<script>alert(1)</script>" },
    });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers HEAD without a body and leaves other methods and query strings to the routes", async () => {
    const head = await fetch(`${base}/health/live`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");

    const post = await fetch(`${base}/health/live`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect(post.headers.get("content-type")).toContain("application/problem+json");

    // With a query string it goes through the full pipeline (helmet headers included).
    const routed = await fetch(`${base}/health/live?verbose=1`);
    expect(routed.status).toBe(200);
    expect(routed.headers.get("x-frame-options")).toBe("DENY");
    expect(await routed.json()).toEqual({ status: "alive" });
  });

  it("stays alive while draining but asks keep-alive clients to reconnect elsewhere", async () => {
    app.lifecycle.shuttingDown = true;
    try {
      const live = await fetch(`${base}/health/live`);
      expect(live.status).toBe(200);
      expect(live.headers.get("connection")).toBe("close");
      expect((await fetch(`${base}/health/ready`)).status).toBe(503);
    } finally {
      app.lifecycle.shuttingDown = false;
    }
  });
});
