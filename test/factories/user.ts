import { randomUUID } from "node:crypto";
import type { App } from "../../src/app.js";
import { user } from "../../src/db/schema/index.js";
import type { Actor } from "../../src/modules/auth/actor.js";

/** Inserts a user row directly (no Better Auth) and returns an actor for service tests. */
export async function insertUser(app: App, email = `${randomUUID()}@example.test`): Promise<Actor> {
  const id = randomUUID();
  await app.db.insert(user).values({ id, name: "Test User", email });
  return { userId: id, timezone: "UTC", via: "session" };
}
