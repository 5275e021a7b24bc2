import { describe, expect, it } from "vitest";
import { MemoryCache } from "../platform/cache.js";
import { McpSessionStore } from "./session.store.js";

describe("McpSessionStore", () => {
  it("finds a session only for its owner, until it is deleted", async () => {
    const cache = new MemoryCache();
    const store = new McpSessionStore(cache);
    const id = McpSessionStore.newId();
    await store.create(id, "alice", "2025-11-25");
    expect(await store.find(id, "alice")).toMatchObject({ userId: "alice" });
    expect(await store.find(id, "bob")).toBeUndefined();
    expect(await store.find("../../etc", "alice")).toBeUndefined();
    await store.delete(id);
    expect(await store.find(id, "alice")).toBeUndefined();
    await cache.close();
  });

  it("makes unguessable ids", () => {
    const ids = new Set(Array.from({ length: 100 }, () => McpSessionStore.newId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
