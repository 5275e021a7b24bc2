import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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

  it("answers a burst of probes with one database round trip at a time", async () => {
    const ping = app.database.ping.bind(app.database);
    const spy = vi.spyOn(app.database, "ping").mockImplementation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return ping();
    });
    try {
      const urls = ["/health", "/health/db", "/health/ready", "/readyz"];
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) => app.inject({ url: urls[i % urls.length]! })),
      );
      expect(burst.map((response) => response.statusCode)).toEqual(Array(20).fill(200));
      expect(spy).toHaveBeenCalledTimes(1);
      // Once that round trip has ended, the next probe makes its own.
      expect((await app.inject({ url: "/health" })).json().database.connected).toBe(true);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });
});
