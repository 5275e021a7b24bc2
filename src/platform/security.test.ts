import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../app.js";
import { buildTestApp } from "../../test/helpers/app.js";

describe("security headers, CORS and the global rate limit", () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("sends the hardening headers and a CSP the web UI can live with", async () => {
    app = await buildTestApp();
    const response = await app.inject({ url: "/health/live" });
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect(response.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
  });

  it("sends HSTS only when served over https", async () => {
    app = await buildTestApp({ env: { PUBLIC_URL: "https://docket.example" } });
    const response = await app.inject({ url: "/health/live" });
    expect(response.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
  });

  it("allows CORS only for ALLOWED_ORIGINS", async () => {
    app = await buildTestApp({ env: { ALLOWED_ORIGINS: "https://app.example" } });
    const allowed = await app.inject({
      method: "OPTIONS",
      url: "/health",
      headers: { origin: "https://app.example", "access-control-request-method": "GET" },
    });
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://app.example");
    const denied = await app.inject({
      method: "OPTIONS",
      url: "/health",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    expect(denied.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("limits each IP to RATE_LIMIT_PER_MINUTE with Retry-After, but never the probes", async () => {
    app = await buildTestApp({ env: { RATE_LIMIT_PER_MINUTE: "3" } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.inject({ url: "/health/db" })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await app.inject({ url: "/health/db" });
    expect(limited.headers["content-type"]).toMatch(/problem\+json/);
    expect(limited.json().code).toBe("RATE_LIMITED");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.headers.ratelimit).toMatch(/r=0/);
    // Liveness and readiness probes stay answerable under load.
    expect((await app.inject({ url: "/health/live" })).statusCode).toBe(200);
    expect((await app.inject({ url: "/readyz" })).statusCode).toBe(200);
    // Another address has its own budget.
    const other = await app.inject({ url: "/health/db", remoteAddress: "10.1.2.3" });
    expect(other.statusCode).toBe(200);
  });

  it("serves the OpenAPI document and Swagger UI", async () => {
    app = await buildTestApp();
    const doc = await app.inject({ url: "/docs/json" });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json().paths)).toEqual(
      expect.arrayContaining(["/health", "/health/ready"]),
    );
    const ui = await app.inject({ url: "/docs/" });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain("swagger");
  });
});
