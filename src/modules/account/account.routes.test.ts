import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app.js";
import { buildTestApp } from "../../../test/helpers/app.js";
import {
  createApiKey,
  signUp,
  testPasswordHasher,
  type TestUser,
} from "../../../test/helpers/auth.js";
import { MAX_API_KEYS_PER_USER } from "./account.schemas.js";

let app: App;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  app = await buildTestApp({ overrides: { passwordHasher: testPasswordHasher } });
  alice = await signUp(app, { name: "Alice" });
  bob = await signUp(app, { name: "Bob" });
});
afterAll(async () => {
  await app.close();
});

interface KeyEntry {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

const patchMe = (user: TestUser, payload: unknown) =>
  app.inject({
    method: "PATCH",
    url: "/api/me",
    headers: user.headers,
    payload: payload as object,
  });

const listKeys = async (user: TestUser) =>
  (await app.inject({ url: "/api/keys", headers: user.headers })).json<{ keys: KeyEntry[] }>().keys;

describe("GET/PATCH /api/me", () => {
  it("returns the profile in the documented shape", async () => {
    const response = await app.inject({ url: "/api/me", headers: alice.headers });
    expect(response.statusCode).toBe(200);
    const body = response.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(["created_at", "email", "id", "name", "timezone"]);
    expect(body).toMatchObject({
      id: alice.userId,
      email: alice.email,
      name: "Alice",
      timezone: "UTC",
    });
    expect(new Date(body.created_at as string).toISOString()).toBe(body.created_at);
  });

  it("requires authentication", async () => {
    expect((await app.inject({ url: "/api/me" })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: "PATCH", url: "/api/me", payload: { name: "x" } })).statusCode,
    ).toBe(401);
  });

  it.each(["Europe/Paris", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "UTC", "Etc/GMT+5"])(
    "accepts the timezone %s",
    async (timezone) => {
      const response = await patchMe(alice, { timezone });
      expect(response.statusCode).toBe(200);
      expect(response.json<{ timezone: string }>().timezone).toBe(timezone);
    },
  );

  it.each([
    "Mars/Olympus_Mons",
    "Europe/Pariss",
    "+05:00",
    "",
    "   ",
    "utc; DROP TABLE user",
    42,
    null,
  ])("refuses the timezone %j with a 422", async (timezone) => {
    const response = await patchMe(alice, { timezone });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(response.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("timezone");
  });

  it("changes the name, trims it, and stores SQL and HTML verbatim", async () => {
    const name = `<img src=x onerror=alert(1)> '; DELETE FROM "user"; --`;
    const response = await patchMe(bob, { name: `  ${name}  ` });
    expect(response.json<{ name: string }>().name).toBe(name);
    const again = await app.inject({ url: "/api/me", headers: bob.headers });
    expect(again.json<{ name: string }>().name).toBe(name);
  });

  it("rejects blank or oversized names and unknown fields; an empty patch changes nothing", async () => {
    expect((await patchMe(alice, { name: "   " })).statusCode).toBe(422);
    expect((await patchMe(alice, { name: "x".repeat(201) })).statusCode).toBe(422);
    expect((await patchMe(alice, { email: "evil@example.test" })).statusCode).toBe(422);
    const unchanged = await patchMe(alice, {});
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.json<{ email: string }>().email).toBe(alice.email);
  });

  it("refuses NUL characters and lone surrogates with a 422 and keeps the name and keys", async () => {
    const before = (await app.inject({ url: "/api/me", headers: bob.headers })).json();
    for (const name of ["Bob\u0000", "Bob\ud800"]) {
      const response = await patchMe(bob, { name });
      expect(response.statusCode).toBe(422);
      expect(response.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("name");
    }
    expect((await app.inject({ url: "/api/me", headers: bob.headers })).json()).toEqual(before);
    const keysBefore = (await listKeys(bob)).length;
    const key = await app.inject({
      method: "POST",
      url: "/api/keys",
      headers: bob.headers,
      payload: { name: "laptop\u0000" },
    });
    expect(key.statusCode).toBe(422);
    expect(await listKeys(bob)).toHaveLength(keysBefore);
  });

  it("uses the new timezone for the next request's actor", async () => {
    await patchMe(alice, { timezone: "Australia/Sydney" });
    const session = await app.inject({ url: "/api/auth/get-session", headers: alice.headers });
    expect(session.json<{ user: { timezone: string } }>().user.timezone).toBe("Australia/Sydney");
  });
});

describe("API keys", () => {
  it("creates a key shown once, then lists it without the secret", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/keys",
      headers: alice.headers,
      payload: { name: "laptop", expires_in_days: 30 },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ id: string; key: string; prefix: string; expires_at: string }>();
    expect(Object.keys(body).sort()).toEqual([
      "created_at",
      "expires_at",
      "id",
      "key",
      "name",
      "prefix",
    ]);
    expect(body.key).toMatch(/^dk_[A-Za-z0-9_-]{32}$/);
    expect(body.key.startsWith(body.prefix)).toBe(true);
    expect(body.prefix).toHaveLength(11);
    const days = (new Date(body.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    const listed = await app.inject({ url: "/api/keys", headers: alice.headers });
    expect(listed.body).not.toContain(body.key);
    expect(listed.body).not.toContain(body.key.slice(11));
    const entry = listed.json<{ keys: KeyEntry[] }>().keys.find((key) => key.id === body.id);
    expect(entry).toMatchObject({ name: "laptop", prefix: body.prefix, last_used_at: null });
    expect(Object.keys(entry ?? {}).sort()).toEqual([
      "created_at",
      "expires_at",
      "id",
      "last_used_at",
      "name",
      "prefix",
    ]);
  });

  it("creates keys without expiry by default", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/keys",
      headers: alice.headers,
      payload: { name: "forever" },
    });
    expect(created.json<{ expires_at: string | null }>().expires_at).toBeNull();
  });

  it.each([
    [{}, "name"],
    [{ name: "" }, "name"],
    [{ name: "   " }, "name"],
    [{ name: "x".repeat(101) }, "name"],
    [{ name: 5 }, "name"],
    [{ name: "ok", expires_in_days: 0 }, "expires_in_days"],
    [{ name: "ok", expires_in_days: 3651 }, "expires_in_days"],
    [{ name: "ok", expires_in_days: 1.5 }, "expires_in_days"],
    [{ name: "ok", expires_in_days: "7" }, "expires_in_days"],
  ])("rejects %j with a 422 naming %s", async (payload, path) => {
    const response = await app.inject({
      method: "POST",
      url: "/api/keys",
      headers: alice.headers,
      payload,
    });
    expect(response.statusCode).toBe(422);
    expect(
      response.json<{ errors: { path: string }[] }>().errors.map((error) => error.path),
    ).toContain(path);
  });

  it("keeps users' keys apart: another user's key id is a 404, and lists are private", async () => {
    const bobKey = await createApiKey(app, bob.token, { name: "bob's <b>key</b>" });
    const bobKeys = await listKeys(bob);
    const bobKeyId = bobKeys.find((key) => key.name === "bob's <b>key</b>")?.id ?? "";
    expect(bobKeyId).not.toBe("");

    const aliceKeys = await listKeys(alice);
    expect(aliceKeys.some((key) => key.id === bobKeyId)).toBe(false);

    const stolen = await app.inject({
      method: "DELETE",
      url: `/api/keys/${bobKeyId}`,
      headers: alice.headers,
    });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json()).toMatchObject({ code: "API_KEY_NOT_FOUND" });
    // Still works for Bob.
    expect(
      (await app.inject({ url: "/api/me", headers: { "x-api-key": bobKey } })).json(),
    ).toMatchObject({
      id: bob.userId,
    });
    // Alice's key never authenticates as Bob.
    const aliceKey = await createApiKey(app, alice.token);
    expect(
      (await app.inject({ url: "/api/me", headers: { "x-api-key": aliceKey } })).json(),
    ).toMatchObject({
      id: alice.userId,
    });
  });

  it("answers 404 for unknown ids and deleting twice", async () => {
    for (const id of ["does-not-exist", "' OR 1=1 --", "00000000-0000-0000-0000-000000000000"]) {
      const response = await app.inject({
        method: "DELETE",
        url: `/api/keys/${encodeURIComponent(id)}`,
        headers: alice.headers,
      });
      expect(response.statusCode).toBe(404);
    }
    const keys = await listKeys(alice);
    const id = keys[0]?.id ?? "";
    expect(
      (await app.inject({ method: "DELETE", url: `/api/keys/${id}`, headers: alice.headers }))
        .statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: "DELETE", url: `/api/keys/${id}`, headers: alice.headers }))
        .statusCode,
    ).toBe(404);
  });

  it(`caps keys at ${String(MAX_API_KEYS_PER_USER)} per user`, async () => {
    const carol = await signUp(app);
    for (let index = 0; index < MAX_API_KEYS_PER_USER; index++) {
      await createApiKey(app, carol.token, { name: `key ${String(index)}` });
    }
    const over = await app.inject({
      method: "POST",
      url: "/api/keys",
      headers: carol.headers,
      payload: { name: "one too many" },
    });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: "API_KEY_LIMIT_REACHED" });
    expect(await listKeys(carol)).toHaveLength(MAX_API_KEYS_PER_USER);
  });

  it("lets an API key manage keys too (e.g. a CLI rotating its own key)", async () => {
    const key = await createApiKey(app, bob.token);
    const response = await app.inject({
      method: "POST",
      url: "/api/keys",
      headers: { "x-api-key": key },
      payload: { name: "rotated" },
    });
    expect(response.statusCode).toBe(201);
  });
});

describe("OpenAPI", () => {
  it("documents the account routes with their security schemes", async () => {
    const response = await app.inject({ url: "/docs/json" });
    const document = response.json<{
      paths: Record<string, Record<string, { security?: unknown }>>;
    }>();
    expect(document.paths["/api/me"]?.get?.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
    expect(Object.keys(document.paths["/api/keys"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(document.paths["/api/keys/{id}"]?.delete).toBeDefined();
  });
});
