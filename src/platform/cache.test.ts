import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { buildTestApp } from "../../test/helpers/app.js";
import { TEST_REDIS_URL } from "../../test/helpers/env.js";
import { startTcpProxy } from "../../test/helpers/tcp-proxy.js";
import { MemoryCache, createCache, ResilientCache } from "./cache.js";

const silent = pino({ level: "silent" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(100);
  }
}

describe("MemoryCache", () => {
  it("stores values until their TTL passes", async () => {
    let now = 1_000_000;
    const cache = new MemoryCache(100, () => now);
    await cache.set("greeting", "hello", 10);
    await cache.set("forever", "kept");
    expect(await cache.get("greeting")).toBe("hello");
    now += 10_001;
    expect(await cache.get("greeting")).toBeNull();
    expect(await cache.get("forever")).toBe("kept");
    await cache.delete("forever");
    expect(await cache.get("forever")).toBeNull();
    await cache.close();
  });

  it("counts with a window that starts at the first increment", async () => {
    let now = 0;
    const cache = new MemoryCache(100, () => now);
    expect(await cache.increment("hits", 60)).toBe(1);
    now += 30_000;
    expect(await cache.increment("hits", 60, 4)).toBe(5);
    now += 30_001;
    expect(await cache.increment("hits", 60)).toBe(1);
    await cache.close();
  });

  it("never grows past its entry limit", async () => {
    const cache = new MemoryCache(3);
    for (let i = 0; i < 10; i++) await cache.set(`k${i}`, String(i));
    const present = await Promise.all(Array.from({ length: 10 }, (_, i) => cache.get(`k${i}`)));
    expect(present.filter((value) => value !== null)).toEqual(["7", "8", "9"]);
    await cache.close();
  });
});

describe.runIf(TEST_REDIS_URL)("Redis cache with memory insurance", () => {
  it("keeps answering through a Redis outage and returns to Redis afterwards", async () => {
    const target = new URL(TEST_REDIS_URL!);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
    const cache = createCache(`redis://127.0.0.1:${proxy.port}`, silent, `test:${Date.now()}:`);
    expect(cache).toBeInstanceOf(ResilientCache);
    const app = await buildTestApp({ overrides: { cache } });
    try {
      await eventually(() => cache.status().backend === "redis");
      await cache.set("k", "from-redis", 60);
      expect(await cache.get("k")).toBe("from-redis");
      expect(
        (await app.inject({ url: "/health/detailed" })).json().dependencies.cache,
      ).toMatchObject({ status: "healthy", backend: "redis" });

      await proxy.cut();
      await eventually(() => cache.status().backend === "memory");
      await cache.set("k", "from-memory", 60);
      expect(await cache.get("k")).toBe("from-memory");
      expect(await cache.increment("n", 60)).toBe(1);
      const detailed = (await app.inject({ url: "/health/detailed" })).json();
      expect(detailed.status).toBe("degraded");
      expect(detailed.dependencies.cache).toMatchObject({ status: "degraded", backend: "memory" });
      const health = await app.inject({ url: "/health" });
      expect(health.statusCode).toBe(200);
      expect(health.json().status).toBe("degraded");
      // Requests keep working (the rate limiter falls back to memory too).
      expect((await app.inject({ url: "/health/db" })).statusCode).toBe(200);

      await proxy.restore();
      await eventually(() => cache.status().backend === "redis", 15_000);
      expect(await cache.get("k")).toBe("from-redis");
      expect((await app.inject({ url: "/health" })).json().status).toBe("healthy");
    } finally {
      await app.close();
      await cache.close();
      await proxy.close();
    }
  });
});
