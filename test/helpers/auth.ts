import { randomBytes } from "node:crypto";
import type { App } from "../../src/app.js";
import { createScryptHasher, type PasswordHasher } from "../../src/modules/auth/password.js";

/**
 * A cheap scrypt hasher (N=2^10) for tests: production's N=2^17 costs ~0.3 s a hash. Pass it as
 * `buildTestApp({ overrides: { passwordHasher: testPasswordHasher } })`.
 */
export const testPasswordHasher: PasswordHasher = createScryptHasher({ logN: 10, r: 8, p: 1 }, 4);

/** A password that passes the policy. */
export const TEST_PASSWORD = "correct horse battery staple";

/** A signed-up user and ready-to-use credentials. */
export interface TestUser {
  userId: string;
  email: string;
  name: string;
  password: string;
  /** The `set-auth-token` value: send as `Authorization: Bearer <token>`. */
  token: string;
  /** The session cookie pair, ready for a `cookie` header. */
  cookie: string;
  /** `{ authorization: "Bearer <token>" }`, to spread into `headers`. */
  headers: { authorization: string };
}

/** A random client IP, so per-IP sign-up limits of one test never affect another. */
export function randomIp(): string {
  const bytes = randomBytes(3);
  return `10.${String(bytes[0])}.${String(bytes[1])}.${String(bytes[2])}`;
}

/** Signs a user up through the real API (`POST /api/auth/sign-up/email`) and returns credentials. */
export async function signUp(
  app: App,
  options: { email?: string; name?: string; password?: string; timezone?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? `user-${randomBytes(6).toString("hex")}@example.test`;
  const name = options.name ?? "Test User";
  const password = options.password ?? TEST_PASSWORD;
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/sign-up/email",
    remoteAddress: randomIp(),
    payload: { email, name, password, ...(options.timezone ? { timezone: options.timezone } : {}) },
  });
  if (response.statusCode !== 200) {
    throw new Error(`sign-up failed: ${String(response.statusCode)} ${response.body}`);
  }
  const token = response.headers["set-auth-token"];
  const setCookie = response.headers["set-cookie"];
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const sessionCookie = cookies.find((cookie) => cookie.includes("session_token="));
  if (typeof token !== "string" || !sessionCookie) {
    throw new Error("sign-up returned no session token or cookie");
  }
  const body: { user: { id: string } } = response.json();
  return {
    userId: body.user.id,
    email,
    name,
    password,
    token,
    cookie: sessionCookie.split(";")[0] ?? "",
    headers: { authorization: `Bearer ${token}` },
  };
}

/** Creates an API key for the user holding `token` and returns the key (`dk_…`). */
export async function createApiKey(
  app: App,
  token: string,
  options: { name?: string; expiresInDays?: number } = {},
): Promise<string> {
  const response = await app.inject({
    method: "POST",
    url: "/api/keys",
    headers: { authorization: `Bearer ${token}` },
    payload: {
      name: options.name ?? "test key",
      ...(options.expiresInDays ? { expires_in_days: options.expiresInDays } : {}),
    },
  });
  if (response.statusCode !== 201) {
    throw new Error(`API key creation failed: ${String(response.statusCode)} ${response.body}`);
  }
  return response.json<{ key: string }>().key;
}
