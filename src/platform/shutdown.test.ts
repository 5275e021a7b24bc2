import { describe, expect, it } from "vitest";
import { buildTestApp } from "../../test/helpers/app.js";
import { shutdownGracefully } from "./shutdown.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("graceful shutdown", () => {
  it("turns readiness off, finishes the in-flight request, then closes the database", async () => {
    const app = await buildTestApp();
    app.get("/test/slow", async () => {
      await sleep(600);
      return { finished: true };
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

    const slow = fetch(`${base}/test/slow`).then(async (response) => ({
      status: response.status,
      body: await response.json(),
    }));
    await sleep(100);
    const stopping = shutdownGracefully(app, { delayMs: 300, graceMs: 5000 });
    await sleep(50);
    // During the delay, load balancers see not-ready while requests are still served.
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "not_ready", reason: "shutting down" });

    expect(await slow).toEqual({ status: 200, body: { finished: true } });
    expect(await stopping).toBe(true);
    await expect(app.database.ping()).rejects.toThrow();
  });
});
