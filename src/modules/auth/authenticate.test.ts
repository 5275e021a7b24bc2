import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { apiKeys, session } from "../../db/schema/auth.js";
import { buildTestApp } from "../../../test/helpers/app.js";
import {
  createApiKey,
  signUp,
  testPasswordHasher,
  type TestUser,
} from "../../../test/helpers/auth.js";
import { verifySignedToken } from "./authenticate.js";

let app: App;
let alice: TestUser;

beforeAll(async () => {
  app = await buildTestApp({ overrides: { passwordHasher: testPasswordHasher } });
  alice = await signUp(app, { name: "Alice", timezone: "America/New_York" });
});
afterAll(async () => {
  await app.close();
});

const me = (headers: Record<string, string>) => app.inject({ url: "/api/me", headers });

async function expectUnauthorized(headers: Record<string, string>) {
  const response = await me(headers);
  expect(response.statusCode).toBe(401);
  expect(response.headers["content-type"]).toContain("application/problem+json");
  expect(response.headers["www-authenticate"]).toMatch(/^Bearer realm="docket"/);
  expect(response.json()).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  return response;
}

describe("the authentication hook", () => {
  it("answers 401 with WWW-Authenticate when no credential is sent", async () => {
    await expectUnauthorized({});
  });

  it("accepts the session cookie, the signed bearer token and the bare session token", async () => {
    expect((await me({ cookie: alice.cookie })).statusCode).toBe(200);
    expect((await me(alice.headers)).statusCode).toBe(200);
    const bare = alice.token.split(".")[0] ?? "";
    expect((await me({ authorization: `Bearer ${bare}` })).statusCode).toBe(200);
    expect((await me({ authorization: `bearer ${alice.token}` })).statusCode).toBe(200);
  });

  it("rejects tampered, unsigned-cookie, malformed and unknown tokens", async () => {
    const [token] = alice.token.split(".");
    const forged = createHmac("sha256", "not the secret")
      .update(token ?? "")
      .digest("base64");
    await expectUnauthorized({ authorization: `Bearer ${String(token)}.${forged}` });
    await expectUnauthorized({ cookie: `better-auth.session_token=${String(token)}` });
    await expectUnauthorized({ authorization: "Bearer" });
    await expectUnauthorized({ authorization: "Basic YWxpY2U6c2VjcmV0" });
    await expectUnauthorized({ authorization: "Bearer nonexistent-session-token" });
    await expectUnauthorized({ authorization: `Bearer ' OR 1=1 --` });
  });

  it("checks signatures in constant form: a token signed with the real secret verifies", () => {
    const secret = app.config.auth.secret;
    const signature = createHmac("sha256", secret).update("abc").digest("base64");
    expect(verifySignedToken(`abc.${signature}`, secret)).toBe("abc");
    expect(verifySignedToken(encodeURIComponent(`abc.${signature}`), secret)).toBe("abc");
    expect(verifySignedToken(`abd.${signature}`, secret)).toBeUndefined();
    expect(verifySignedToken("%E0%A4%A", secret)).toBeUndefined();
  });

  it("rejects an expired session, and one past its absolute lifetime", async () => {
    const user = await signUp(app);
    await app.db
      .update(session)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(session.userId, user.userId));
    await expectUnauthorized(user.headers);

    const old = await signUp(app);
    await app.db
      .update(session)
      .set({ createdAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) })
      .where(eq(session.userId, old.userId));
    await expectUnauthorized(old.headers);
    const rows = await app.db.select().from(session).where(eq(session.userId, old.userId));
    expect(rows).toHaveLength(0);
  });

  it("slides an active session's expiry forward once the refresh age has passed", async () => {
    const user = await signUp(app);
    const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    await app.db.update(session).set({ expiresAt: soon }).where(eq(session.userId, user.userId));
    expect((await me(user.headers)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [row] = await app.db.select().from(session).where(eq(session.userId, user.userId));
    expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
  });

  it("gives routes the actor's id, timezone and how they authenticated", async () => {
    const key = await createApiKey(app, alice.token);
    const probe = await buildTestApp({ overrides: { passwordHasher: testPasswordHasher } });
    try {
      probe.get("/probe", { onRequest: probe.authenticate }, (request) => request.actor);
      const user = await signUp(probe, { timezone: "Asia/Tokyo" });
      const probeKey = await createApiKey(probe, user.token);
      const viaBearer = await probe.inject({ url: "/probe", headers: user.headers });
      expect(viaBearer.json()).toEqual({
        userId: user.userId,
        timezone: "Asia/Tokyo",
        via: "bearer",
      });
      const viaCookie = await probe.inject({ url: "/probe", headers: { cookie: user.cookie } });
      expect(viaCookie.json()).toMatchObject({ via: "session" });
      const viaKey = await probe.inject({ url: "/probe", headers: { "x-api-key": probeKey } });
      expect(viaKey.json()).toMatchObject({ userId: user.userId, via: "api_key" });
      // A key from another deployment (another database) means nothing here.
      expect(
        (await probe.inject({ url: "/probe", headers: { "x-api-key": key } })).statusCode,
      ).toBe(401);
    } finally {
      await probe.close();
    }
  });
});

describe("API keys as credentials", () => {
  it("works in X-API-Key and in Authorization: Bearer, and records last use", async () => {
    const key = await createApiKey(app, alice.token, { name: "cli" });
    expect(key).toMatch(/^dk_[A-Za-z0-9_-]{32}$/);
    const viaHeader = await me({ "x-api-key": key });
    expect(viaHeader.statusCode).toBe(200);
    expect(viaHeader.json()).toMatchObject({ id: alice.userId, timezone: "America/New_York" });
    expect((await me({ authorization: `Bearer ${key}` })).statusCode).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 50));
    const listed = await app.inject({ url: "/api/keys", headers: alice.headers });
    const entry = listed
      .json<{ keys: { name: string; last_used_at: string | null }[] }>()
      .keys.find((candidate) => candidate.name === "cli");
    expect(entry?.last_used_at).not.toBeNull();
  });

  it("prefers X-API-Key over a session and does not fall back when the key is bad", async () => {
    await expectUnauthorized({ "x-api-key": "dk_bad", authorization: `Bearer ${alice.token}` });
  });

  it("rejects malformed, unknown, revoked and expired keys", async () => {
    await expectUnauthorized({ "x-api-key": "dk_" });
    await expectUnauthorized({ "x-api-key": "not-a-key" });
    await expectUnauthorized({ "x-api-key": `dk_${"A".repeat(32)}` });
    await expectUnauthorized({ authorization: `Bearer dk_${"x".repeat(500)}` });
    await expectUnauthorized({ "x-api-key": "dk_' OR '1'='1" });

    const revoked = await createApiKey(app, alice.token, { name: "to revoke" });
    const list = await app.inject({ url: "/api/keys", headers: alice.headers });
    const id = list
      .json<{ keys: { id: string; name: string }[] }>()
      .keys.find((candidate) => candidate.name === "to revoke")?.id;
    expect((await me({ "x-api-key": revoked })).statusCode).toBe(200);
    const deleted = await app.inject({
      method: "DELETE",
      url: `/api/keys/${String(id)}`,
      headers: alice.headers,
    });
    expect(deleted.statusCode).toBe(204);
    await expectUnauthorized({ "x-api-key": revoked });

    const expired = await createApiKey(app, alice.token, { name: "expiring", expiresInDays: 1 });
    expect((await me({ "x-api-key": expired })).statusCode).toBe(200);
    await app.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.name, "expiring"));
    // A change made in the database behind the service's back is seen once the remembered
    // credential ages out (AUTH_CACHE_SECONDS); here, at once.
    app.actorCache.clear();
    const response = await expectUnauthorized({ "x-api-key": expired });
    expect(response.json<{ detail: string }>().detail).toMatch(/expired/);
  });

  it("stops working when its user is deleted", async () => {
    const user = await signUp(app);
    const key = await createApiKey(app, user.token);
    const { user: userTable } = await import("../../db/schema/auth.js");
    await app.db.delete(userTable).where(eq(userTable.id, user.userId));
    app.actorCache.clear(); // as once AUTH_CACHE_SECONDS have passed
    await expectUnauthorized({ "x-api-key": key });
    await expectUnauthorized(user.headers);
  });
});

describe("remembering verified credentials (AUTH_CACHE_SECONDS)", () => {
  it("skips the lookup for a credential verified moments ago, and rechecks once it ages out", async () => {
    const cached = await buildTestApp({
      env: { AUTH_CACHE_SECONDS: "1" },
      overrides: { passwordHasher: testPasswordHasher },
    });
    try {
      const user = await signUp(cached);
      const key = await createApiKey(cached, user.token);
      const meOf = (headers: Record<string, string>) => cached.inject({ url: "/api/me", headers });
      expect((await meOf(user.headers)).statusCode).toBe(200);
      expect((await meOf({ "x-api-key": key })).statusCode).toBe(200);
      // Another instance signs the user out and revokes the key, straight in the database.
      await cached.db.delete(session).where(eq(session.userId, user.userId));
      await cached.db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(eq(apiKeys.userId, user.userId));
      // Within the window this instance still trusts what it verified...
      expect((await meOf(user.headers)).statusCode).toBe(200);
      expect((await meOf({ "x-api-key": key })).statusCode).toBe(200);
      // ...and not a moment longer.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await meOf(user.headers)).statusCode).toBe(401);
      expect((await meOf({ "x-api-key": key })).statusCode).toBe(401);
    } finally {
      await cached.close();
    }
  });

  it("forgets at once what this instance revokes or signs out", async () => {
    const user = await signUp(app);
    const key = await createApiKey(app, user.token, { name: "short-lived" });
    expect((await me({ "x-api-key": key })).statusCode).toBe(200);
    expect((await me(user.headers)).statusCode).toBe(200);

    const keys = await app.inject({ url: "/api/keys", headers: user.headers });
    const id = keys.json<{ keys: { id: string }[] }>().keys[0]?.id ?? "";
    await app.inject({ method: "DELETE", url: `/api/keys/${id}`, headers: user.headers });
    await expectUnauthorized({ "x-api-key": key });

    const signOut = await app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { ...user.headers, origin: "http://localhost:8000" },
    });
    expect(signOut.statusCode).toBe(200);
    await expectUnauthorized(user.headers);
  });

  it("never remembers with AUTH_CACHE_SECONDS=0", async () => {
    const uncached = await buildTestApp({
      env: { AUTH_CACHE_SECONDS: "0" },
      overrides: { passwordHasher: testPasswordHasher },
    });
    try {
      const user = await signUp(uncached);
      expect((await uncached.inject({ url: "/api/me", headers: user.headers })).statusCode).toBe(
        200,
      );
      await uncached.db.delete(session).where(eq(session.userId, user.userId));
      expect((await uncached.inject({ url: "/api/me", headers: user.headers })).statusCode).toBe(
        401,
      );
      expect(uncached.actorCache.size).toBe(0);
    } finally {
      await uncached.close();
    }
  });
});
