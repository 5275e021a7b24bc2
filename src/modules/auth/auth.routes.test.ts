import { AsyncLocalStorage } from "node:async_hooks";
import { eq } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { App } from "../../app.js";
import { account } from "../../db/schema/auth.js";
import { buildTestApp } from "../../../test/helpers/app.js";
import { randomIp, signUp, TEST_PASSWORD, testPasswordHasher } from "../../../test/helpers/auth.js";
import { loggerOptions } from "../../platform/logging.js";
import { parseScryptHash } from "./password.js";

let app: App;

beforeAll(async () => {
  app = await buildTestApp({ overrides: { passwordHasher: testPasswordHasher } });
});
afterAll(async () => {
  await app.close();
});

function signIn(email: string, password: string, ip = randomIp()) {
  return app.inject({
    method: "POST",
    url: "/api/auth/sign-in/email",
    remoteAddress: ip,
    payload: { email, password },
  });
}

function signUpRequest(payload: Record<string, unknown>, ip = randomIp()) {
  return app.inject({ method: "POST", url: "/api/auth/sign-up/email", remoteAddress: ip, payload });
}

const cookiesOf = (response: { headers: Record<string, unknown> }) => {
  const value = response.headers["set-cookie"];
  return Array.isArray(value) ? (value as string[]) : typeof value === "string" ? [value] : [];
};

describe("sign-up, sign-in, session, sign-out", () => {
  it("walks the whole session life cycle, and sign-out revokes the token server-side", async () => {
    const user = await signUp(app, { name: "Ada" });

    const signedIn = await signIn(user.email, user.password);
    expect(signedIn.statusCode).toBe(200);
    const token = signedIn.headers["set-auth-token"];
    expect(typeof token).toBe("string");
    const bearer = { authorization: `Bearer ${String(token)}` };

    const session = await app.inject({ url: "/api/auth/get-session", headers: bearer });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { email: user.email, timezone: "UTC" } });

    const me = await app.inject({ url: "/api/me", headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.userId, email: user.email, name: "Ada" });

    const signedOut = await app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: bearer,
    });
    expect(signedOut.statusCode).toBe(200);

    const after = await app.inject({ url: "/api/me", headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.headers["content-type"]).toContain("application/problem+json");
    expect(after.headers["www-authenticate"]).toContain('Bearer realm="docket"');
    const afterSession = await app.inject({ url: "/api/auth/get-session", headers: bearer });
    expect(afterSession.json()).toBeNull();

    // The other session (from sign-up) is unaffected.
    expect((await app.inject({ url: "/api/me", headers: user.headers })).statusCode).toBe(200);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax, not Secure over http", async () => {
    const response = await signUpRequest({
      email: "cookie@example.test",
      name: "Cookie",
      password: TEST_PASSWORD,
    });
    const session = cookiesOf(response).find((cookie) => cookie.includes("session_token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/;\s*Secure/i);
    expect(session).toMatch(/Max-Age=604800/);
  });

  it("marks cookies Secure (with the __Secure- prefix) when PUBLIC_URL is https", async () => {
    const secure = await buildTestApp({
      env: { PUBLIC_URL: "https://docket.example.com" },
      overrides: { passwordHasher: testPasswordHasher },
    });
    try {
      const response = await secure.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        headers: { origin: "https://docket.example.com" },
        payload: { email: "secure@example.test", name: "S", password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(200);
      const session = cookiesOf(response).find((cookie) => cookie.includes("session_token="));
      expect(session).toMatch(/^__Secure-/);
      expect(session).toMatch(/;\s*Secure/i);
      expect(session).toMatch(/HttpOnly/i);
      // The cookie authenticates our own routes too.
      const me = await secure.inject({
        url: "/api/me",
        headers: { cookie: session?.split(";")[0] ?? "" },
      });
      expect(me.statusCode).toBe(200);
    } finally {
      await secure.close();
    }
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const user = await signUp(app);
    const wrong = await signIn(user.email, "not the right password");
    const unknown = await signIn("nobody@example.test", "not the right password");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json<{ code: string }>().code).toBe(unknown.json<{ code: string }>().code);
    // Better Auth's own `{message, code}` arrives as our problem+json, keeping both fields.
    expect(wrong.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const body = wrong.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      status: 401,
      title: "Unauthorized",
      code: "INVALID_EMAIL_OR_PASSWORD",
      request_id: wrong.headers["x-request-id"],
    });
    expect(body.detail).toMatch(/invalid email or password/i);
    expect(body.message).toBe(body.detail);
  });
});

describe("unknown auth endpoints", () => {
  it("answers 404 problem+json instead of Better Auth's empty body", async () => {
    for (const [method, url] of [
      ["GET", "/api/auth/no-such-endpoint"],
      ["POST", "/api/auth/no-such-endpoint?x=1"],
    ] as const) {
      const response = await app.inject({
        method,
        url,
        remoteAddress: randomIp(),
        payload: method === "POST" ? {} : undefined,
      });
      expect(response.statusCode).toBe(404);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        code: "ROUTE_NOT_FOUND",
        detail: `No route matches ${method} /api/auth/no-such-endpoint.`,
      });
    }
  });
});

describe("sign-up validation", () => {
  it.each([
    ["too short", "Xy7#kq2", "PASSWORD_TOO_SHORT"],
    ["too long", "Zq9!".repeat(33), "PASSWORD_TOO_LONG"],
    ["common", "Password123", "PASSWORD_TOO_COMMON"],
    ["common with leetspeak", "P@ssw0rd!", "PASSWORD_TOO_COMMON"],
  ])("rejects a %s password with a clear message", async (_label, password, code) => {
    const response = await signUpRequest({
      email: `weak-${code}-${password.length}@example.test`,
      name: "Weak",
      password,
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ code: string; message: string }>();
    expect(body.code).toBe(code);
    expect(body.message).toMatch(/password/i);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, detail: body.message });
  });

  it("names the fields Better Auth's own checks refuse in errors[], as a form needs them", async () => {
    const cases: [object, { path: string; message: RegExp }[]][] = [
      [
        { email: "not-an-email", name: "N", password: TEST_PASSWORD },
        [{ path: "email", message: /invalid email/i }],
      ],
      [{ email: "a@example.test", name: "N" }, [{ path: "password", message: /^is required$/ }]],
      [
        { email: 5, name: "N", password: TEST_PASSWORD },
        [{ path: "email", message: /expected string, received number/ }],
      ],
      [
        {},
        [
          { path: "name", message: /^is required$/ },
          { path: "email", message: /^is required$/ },
          { path: "password", message: /^is required$/ },
        ],
      ],
      [[], [{ path: "", message: /expected object/ }]],
      [
        { email: "tz@example.test", name: "N", password: TEST_PASSWORD, timezone: "Mars/Base" },
        [{ path: "timezone", message: /./ }],
      ],
      [
        { email: "weak@example.test", name: "N", password: "Xy7#kq2" },
        [{ path: "password", message: /at least/ }],
      ],
      [
        { email: "blank@example.test", name: "  ", password: TEST_PASSWORD },
        [{ path: "name", message: /1 to 200/ }],
      ],
    ];
    for (const [payload, errors] of cases) {
      const response = await signUpRequest(payload as Record<string, unknown>);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const body = response.json<{ errors: { path: string; message: string }[]; detail: string }>();
      expect(body.errors).toHaveLength(errors.length);
      errors.forEach((expected, index) => {
        expect(body.errors[index]?.path).toBe(expected.path);
        expect(body.errors[index]?.message).toMatch(expected.message);
      });
      expect(body.detail).not.toMatch(/\[body/);
    }
    // A wrong password at sign-in is about the pair: no field is blamed.
    await signUp(app, { email: "pair@example.test" });
    const wrong = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in/email",
      remoteAddress: randomIp(),
      headers: { "content-type": "application/json" },
      payload: { email: "pair@example.test", password: "not the password at all" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).not.toHaveProperty("errors");
  });

  it("rejects a second account with the same email, whatever its case", async () => {
    const user = await signUp(app, { email: "dup@example.test" });
    const again = await signUpRequest({
      email: "DUP@example.test",
      name: "Dup",
      password: TEST_PASSWORD,
    });
    expect(again.statusCode).toBe(422);
    expect(again.json<{ code: string }>().code).toBe("USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
    expect(user.email).toBe("dup@example.test");
  });

  it("lets exactly one of two concurrent sign-ups with one email succeed", async () => {
    const payload = { email: "race@example.test", name: "Race", password: TEST_PASSWORD };
    const results = await Promise.all([signUpRequest(payload), signUpRequest(payload)]);
    const statuses = results.map((response) => response.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    expect(statuses[1]).toBeLessThan(500);
  });

  it("accepts a valid timezone at sign-up and refuses an unknown one", async () => {
    const paris = await signUp(app, { timezone: "Europe/Paris" });
    const me = await app.inject({ url: "/api/me", headers: paris.headers });
    expect(me.json<{ timezone: string }>().timezone).toBe("Europe/Paris");

    const bad = await signUpRequest({
      email: "tz@example.test",
      name: "Tz",
      password: TEST_PASSWORD,
      timezone: "Mars/Olympus_Mons",
    });
    expect(bad.statusCode).toBe(400);
  });

  it("refuses blank and oversized names", async () => {
    for (const name of ["   ", "n".repeat(201)]) {
      const response = await signUpRequest({
        email: "name@example.test",
        name,
        password: TEST_PASSWORD,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ code: string }>().code).toBe("INVALID_NAME");
    }
  });

  it("refuses NUL characters, lone surrogates and non-UTF-8 bytes as problem+json, creating no account", async () => {
    const email = "unstorable@example.test";
    for (const name of ["Nul\u0000", "Half \ud83d"]) {
      const response = await signUpRequest({ email, name, password: TEST_PASSWORD });
      expect(response.statusCode).toBe(422);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        code: "VALIDATION_FAILED",
        errors: [{ path: "name" }],
      });
    }
    const bytes = await app.inject({
      method: "POST",
      url: "/api/auth/sign-up/email",
      remoteAddress: randomIp(),
      headers: { "content-type": "application/json" },
      payload: Buffer.concat([
        Buffer.from(`{"email":"${email}","password":"${TEST_PASSWORD}","name":"Caf`),
        Buffer.from([0xe9]),
        Buffer.from('"}'),
      ]),
    });
    expect(bytes.statusCode).toBe(400);
    expect(bytes.json()).toMatchObject({ code: "MALFORMED_JSON" });
    // Better Auth also reads form bodies: the same text is refused there.
    const form = (name: string) =>
      app.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        remoteAddress: randomIp(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: `email=${encodeURIComponent(email)}&password=${encodeURIComponent(TEST_PASSWORD)}&name=${name}`,
      });
    const nul = await form("Nul%00x");
    expect(nul.statusCode).toBe(422);
    expect(nul.json()).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "name" }] });
    const surrogate = await form("Half%ED%A0%BDx");
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.headers["content-type"]).toMatch(/^application\/problem\+json/);
    // None of them created the account: the address is still free.
    expect((await signUp(app, { email })).email).toBe(email);
  });

  it("stores SQL and HTML in names verbatim", async () => {
    const name = `Robert'); DROP TABLE "user";-- <script>alert(1)</script>`;
    const user = await signUp(app, { name });
    const me = await app.inject({ url: "/api/me", headers: user.headers });
    expect(me.json<{ name: string }>().name).toBe(name);
  });

  it("hashes passwords with the configured hasher (never stored in clear)", async () => {
    const user = await signUp(app);
    const [row] = await app.db
      .select({ password: account.password })
      .from(account)
      .where(eq(account.userId, user.userId));
    expect(row?.password).not.toContain(user.password);
    expect(parseScryptHash(row?.password ?? "")).toBeDefined();
  });
});

describe("brute-force protection", () => {
  it("locks one email after 5 failed sign-ins, from any IP, with Retry-After", async () => {
    const user = await signUp(app);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await signIn(user.email, `wrong password ${String(attempt)}`)).statusCode).toBe(401);
    }
    const locked = await signIn(user.email, user.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers["content-type"]).toContain("application/problem+json");
    expect(locked.json<{ code: string }>().code).toBe("TOO_MANY_SIGN_IN_ATTEMPTS");
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(60);

    // Other accounts are not locked out.
    const other = await signUp(app);
    expect((await signIn(other.email, other.password)).statusCode).toBe(200);
  });

  it("limits sign-in attempts per IP across emails (Better Auth's limiter), with Retry-After", async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof signIn>> | undefined;
    for (let attempt = 0; attempt < 22; attempt++) {
      const response = await signIn(
        `spray-${String(attempt)}@example.test`,
        "guess guess guess",
        ip,
      );
      statuses.push(response.statusCode);
      if (response.statusCode === 429) limited ??= response;
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(limited?.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited?.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(limited?.json()).toMatchObject({ status: 429, code: "RATE_LIMITED" });
  });

  it("a successful sign-in clears the failure count", async () => {
    const user = await signUp(app);
    for (let attempt = 0; attempt < 4; attempt++) await signIn(user.email, "wrong wrong wrong");
    expect((await signIn(user.email, user.password)).statusCode).toBe(200);
    for (let attempt = 0; attempt < 4; attempt++) await signIn(user.email, "wrong wrong wrong");
    expect((await signIn(user.email, user.password)).statusCode).toBe(200);
  });
});

describe("JWT for other services", () => {
  it("publishes the JWKS at /api/auth/jwks and /.well-known/jwks.json and issues JWTs", async () => {
    const user = await signUp(app);
    const token = await app.inject({ url: "/api/auth/token", headers: user.headers });
    expect(token.statusCode).toBe(200);
    expect(token.json<{ token: string }>().token.split(".")).toHaveLength(3);
    for (const url of ["/api/auth/jwks", "/.well-known/jwks.json"]) {
      const jwks = await app.inject({ url });
      expect(jwks.statusCode).toBe(200);
      expect(jwks.json<{ keys: unknown[] }>().keys.length).toBeGreaterThan(0);
    }
  });
});

describe("Better Auth's context storages", () => {
  const storages = () => {
    const global = (globalThis as Record<symbol, { context: Record<string, unknown> }>)[
      Symbol.for("better-auth:global")
    ];
    return Object.values(global?.context ?? {}).filter(
      (value): value is { enabled: boolean } => value instanceof AsyncLocalStorage,
    );
  };

  it("are switched off once no auth call is in flight, and overlapping calls all succeed", async () => {
    const users = await Promise.all([1, 2, 3].map(() => signUp(app)));
    const responses = await Promise.all([
      ...users.map((user) => signIn(user.email, user.password)),
      signIn(users[0]!.email, "wrong password 123"),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 401]);
    // Left on, Node 20's promise hooks would tax every promise of every later request.
    expect(storages().length).toBeGreaterThan(0);
    expect(storages().map((storage) => storage.enabled)).not.toContain(true);

    expect((await app.inject({ url: "/.well-known/jwks.json" })).statusCode).toBe(200);
    expect(storages().map((storage) => storage.enabled)).not.toContain(true);

    const again = await signIn(users[1]!.email, users[1]!.password);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ user: { email: users[1]!.email } });
  });
});

describe("an unexpected failure inside Better Auth", () => {
  it("is a problem+json 500 that says nothing internal, logged through the app's logger", async () => {
    const lines: string[] = [];
    const failing = await buildTestApp({
      overrides: {
        passwordHasher: {
          hash: () => Promise.reject(new Error("hasher exploded: internal detail")),
          verify: () => Promise.reject(new Error("hasher exploded: internal detail")),
        },
        logger: pino({ level: "error" }, { write: (line: string) => void lines.push(line) }),
      },
    });
    const printed: unknown[] = [];
    const consoleError = vi.spyOn(console, "error").mockImplementation((...args) => {
      printed.push(args);
    });
    try {
      const response = await failing.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        remoteAddress: randomIp(),
        payload: { email: "boom@example.com", name: "Boom", password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(500);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json()).toMatchObject({
        code: "INTERNAL_ERROR",
        detail: "An unexpected error occurred.",
      });
      expect(response.body).not.toContain("hasher exploded");
      expect(lines.join("\n")).toContain("hasher exploded");
      expect(printed).toEqual([]);
    } finally {
      consoleError.mockRestore();
      await failing.close();
    }
  });
});

describe("Better Auth's log lines", () => {
  it("never carry the email of a sign-up that lost a race to the same address", async () => {
    const lines: string[] = [];
    const logged = await buildTestApp({
      overrides: {
        logger: pino(loggerOptions({ log: { level: "info", format: "json" } }), {
          write: (line: string) => void lines.push(line),
        }),
      },
    });
    try {
      const email = `race-${String(Date.now())}@example.com`;
      const responses = await Promise.all(
        [1, 2, 3, 4].map(() =>
          logged.inject({
            method: "POST",
            url: "/api/auth/sign-up/email",
            remoteAddress: randomIp(),
            payload: { email, name: "Racer", password: TEST_PASSWORD },
          }),
        ),
      );
      const codes = responses.map((response) => response.statusCode);
      expect(codes.filter((code) => code === 200)).toHaveLength(1);
      expect(codes.filter((code) => code >= 500)).toEqual([]);
      // Once the address exists, Better Auth names it in its own message.
      const again = await logged.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        remoteAddress: randomIp(),
        payload: { email, name: "Racer", password: TEST_PASSWORD },
      });
      expect(again.statusCode).toBe(422);
      expect(lines.join("\n")).toContain("existing email: [REDACTED]");
      expect(lines.join("\n")).not.toContain(email);
    } finally {
      await logged.close();
    }
  });
});
