import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerErrorHandling } from "../errors.js";
import { registerWebUi } from "./web.js";

const HTML = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };

describe("web UI serving", () => {
  let root: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "docket-web-"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), "<!doctype html><title>Docket</title>");
    writeFileSync(join(root, "assets", "index-abc123.js"), "console.log(1)");
    writeFileSync(join(root, "favicon.svg"), "<svg/>");
    writeFileSync(join(root, "assets", "index-abc123.js.br"), "BROTLI-BYTES");
    writeFileSync(join(tmpdir(), "docket-web-secret.txt"), "TOPSECRET");
    app = Fastify();
    registerErrorHandling(app);
    app.get("/api/known", () => ({ ok: true }));
    app.post("/api/only-post", () => ({ ok: true }));
    app.delete("/api/things/:id", () => ({ ok: true }));
    await registerWebUi(app, { root });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("serves index.html at / without caching", async () => {
    const response = await app.inject({ url: "/", headers: HTML });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(response.body).toContain("<title>Docket</title>");
  });

  it("serves hashed assets as immutable for a year", async () => {
    const response = await app.inject({ url: "/assets/index-abc123.js" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.body).toBe("console.log(1)");
  });

  it("sends the precompressed file to clients that accept it", async () => {
    const response = await app.inject({
      url: "/assets/index-abc123.js",
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.body).toBe("BROTLI-BYTES");
    const plain = await app.inject({ url: "/assets/index-abc123.js" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe("console.log(1)");
  });

  it("serves index.html for a client-side route a browser reloads", async () => {
    const response = await app.inject({ url: "/documents?x=1", headers: HTML });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(response.body).toContain("Docket");
  });

  it("keeps problem+json 404s for unknown API paths, even from a browser", async () => {
    for (const url of ["/api/nope", "/mcp/x", "/docs/nope", "/health/x", "/metrics/x"]) {
      const response = await app.inject({ url, headers: HTML });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json()).toMatchObject({ code: "ROUTE_NOT_FOUND" });
    }
  });

  it("answers a server path asked with another method with 405 and Allow, as without the UI", async () => {
    for (const [method, url, allow] of [
      ["GET", "/api/only-post", "POST"],
      ["HEAD", "/api/only-post", "POST"],
      ["GET", "/api/things/42", "DELETE"],
    ] as const) {
      const response = await app.inject({ method, url, headers: HTML });
      expect(response.statusCode, `${method} ${url}`).toBe(405);
      expect(response.headers.allow).toBe(allow);
    }
  });

  it("answers a missing asset fetched by a script with a 404, not the app", async () => {
    const response = await app.inject({ url: "/assets/gone.js", headers: { accept: "*/*" } });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("application/problem+json");
  });

  it("never serves files outside the build through traversal", async () => {
    for (const url of [
      "/../docket-web-secret.txt",
      "/%2e%2e/docket-web-secret.txt",
      "/assets/%2e%2e%2f%2e%2e%2fdocket-web-secret.txt",
      "/%00index.html",
    ]) {
      const response = await app.inject({ url, headers: { accept: "*/*" } });
      expect(response.body, url).not.toContain("TOPSECRET");
      expect(response.statusCode, url).toBe(404);
    }
  });

  it("leaves real API routes alone", async () => {
    const response = await app.inject({ url: "/api/known", headers: HTML });
    expect(response.json()).toEqual({ ok: true });
  });

  it("skips itself with a hint when the build is missing", async () => {
    const bare = Fastify();
    registerErrorHandling(bare);
    await registerWebUi(bare, { root: join(root, "missing") });
    const response = await bare.inject({ url: "/", headers: HTML });
    expect(response.statusCode).toBe(404);
    await bare.close();
  });
});
