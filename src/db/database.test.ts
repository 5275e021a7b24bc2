import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { buildTestApp, testConfig } from "../../test/helpers/app.js";
import { TEST_DATABASE_URL } from "../../test/helpers/env.js";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/postgres.js";
import { startTcpProxy } from "../../test/helpers/tcp-proxy.js";
import { DatabaseUnavailableError, openDatabase, queryRows } from "./client.js";
import { migrationStatus, runMigrations } from "./migrate.js";

const silent = pino({ level: "silent" });

describe("database", () => {
  it("applies every migration at start and reports none pending", async () => {
    const app = await buildTestApp();
    try {
      const states = await migrationStatus(app.database);
      expect(states.length).toBeGreaterThan(0);
      expect(states.every((state) => state.applied)).toBe(true);
      expect(app.lifecycle.pendingMigrations).toBe(0);
    } finally {
      await app.close();
    }
  });

  it("sizes the embedded database's shared buffers from PGLITE_SHARED_BUFFERS_MB", async () => {
    for (const [env, expected] of [
      [{}, "16MB"],
      [{ PGLITE_SHARED_BUFFERS_MB: "8" }, "8MB"],
    ] as const) {
      const handle = await openDatabase(testConfig(env), silent);
      try {
        const rows = await queryRows<{ shared_buffers: string }>(
          handle.db,
          sql`SHOW shared_buffers`,
        );
        expect(rows[0]?.shared_buffers).toBe(expected);
      } finally {
        await handle.close();
      }
    }
  });

  it("gives up on an unreachable PostgreSQL after retrying, with a clear error", async () => {
    const config = testConfig({
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/nothing",
      DATABASE_CONNECT_RETRIES: "2",
    });
    const started = Date.now();
    const attempt = openDatabase(config, silent);
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(/after 3 attempt/);
    // Two backoff pauses (200 ms, 400 ms) happened before giving up.
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });
});

describe.runIf(TEST_DATABASE_URL)("on PostgreSQL", () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });

  it("runs the migrations from several instances at once without conflict", async () => {
    const database = await createTestDatabase(TEST_DATABASE_URL!);
    databases.push(database);
    const config = testConfig({ DATABASE_URL: database.url });
    const handles = await Promise.all([1, 2, 3].map(() => openDatabase(config, silent)));
    try {
      await Promise.all(handles.map((handle) => runMigrations(handle)));
      const states = await migrationStatus(handles[0]!);
      expect(states.every((state) => state.applied)).toBe(true);
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
    }
  });

  it("answers 503 while the database is unreachable and recovers when it returns", async () => {
    const database = await createTestDatabase(TEST_DATABASE_URL!);
    databases.push(database);
    const target = new URL(database.url);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(database.url);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    const app = await buildApp(testConfig({ DATABASE_URL: proxied.toString() }), {
      logger: silent,
    });
    try {
      expect((await app.inject({ url: "/health" })).statusCode).toBe(200);
      await proxy.cut();
      const down = await app.inject({ url: "/health" });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: "unhealthy", database: { connected: false } });
      const notReady = await app.inject({ url: "/health/ready" });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json()).toEqual({ status: "not_ready", reason: "database unreachable" });
      expect((await app.inject({ url: "/health/live" })).statusCode).toBe(200);
      await proxy.restore();
      let recovered = 0;
      for (let i = 0; i < 20 && recovered !== 200; i++) {
        recovered = (await app.inject({ url: "/health/ready" })).statusCode;
        if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(recovered).toBe(200);
    } finally {
      await app.close();
      await proxy.close();
    }
  });
});
