import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app.js";
import { buildTestApp } from "../../test/helpers/app.js";

describe("health routes", () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("reports a healthy database with its version and latency", async () => {
    const response = await app.inject({ method: "GET", url: "/health" });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe("healthy");
    expect(body.database.connected).toBe(true);
    expect(body.database.version).toMatch(/PostgreSQL \d+/);
    expect(typeof body.database.latency_ms).toBe("number");
  });

  it("answers liveness and readiness on both path styles", async () => {
    for (const url of ["/health/live", "/livez"]) {
      expect((await app.inject({ url })).json()).toEqual({ status: "alive" });
    }
    for (const url of ["/health/ready", "/readyz"]) {
      expect((await app.inject({ url })).json()).toEqual({ status: "ready" });
    }
  });
});
