import { describe, expect, it } from "vitest";
import { ActorCache } from "./actor-cache.js";

const alice = { userId: "alice", timezone: "Europe/Paris" };
const bob = { userId: "bob", timezone: "UTC" };

describe("ActorCache", () => {
  it("returns a credential until its TTL or its own expiry, whichever comes first", () => {
    const cache = new ActorCache(5000);
    cache.set("s:a", { actor: alice, validUntil: null }, 0);
    cache.set("s:b", { actor: bob, validUntil: 2000 }, 0);
    expect(cache.get("s:a", 4999)?.actor).toEqual(alice);
    expect(cache.get("s:a", 5000)).toBeUndefined();
    expect(cache.get("s:b", 1999)?.actor).toEqual(bob);
    expect(cache.get("s:b", 2000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("forgets one user's credentials, or all of them", () => {
    const cache = new ActorCache(5000);
    cache.set("k:1", { actor: alice, validUntil: null }, 0);
    cache.set("s:1", { actor: alice, validUntil: null }, 0);
    cache.set("s:2", { actor: bob, validUntil: null }, 0);
    cache.forgetUser("alice");
    expect(cache.get("k:1", 1)).toBeUndefined();
    expect(cache.get("s:1", 1)).toBeUndefined();
    expect(cache.get("s:2", 1)?.actor).toEqual(bob);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it("stays bounded, evicting the oldest entry first", () => {
    const cache = new ActorCache(5000, 3);
    for (const key of ["a", "b", "c", "d"]) cache.set(key, { actor: alice, validUntil: null }, 0);
    expect(cache.size).toBe(3);
    expect(cache.get("a", 1)).toBeUndefined();
    expect(cache.get("d", 1)).toBeDefined();
  });

  it("remembers nothing with a TTL of 0", () => {
    const cache = new ActorCache(0);
    cache.set("a", { actor: alice, validUntil: null }, 0);
    expect(cache.get("a", 0)).toBeUndefined();
  });
});
