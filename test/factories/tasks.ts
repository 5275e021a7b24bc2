import { randomUUID } from "node:crypto";
import type { Database } from "../../src/db/client.js";
import { user } from "../../src/db/schema/auth.js";
import type { Actor } from "../../src/modules/auth/actor.js";
import type { CreateTaskInput, TaskDto } from "../../src/modules/tasks/task.schemas.js";
import type { Clock, TaskService } from "../../src/modules/tasks/task.service.js";

/** Inserts a user row directly (no Better Auth) and returns an actor for it. */
export async function insertTestActor(
  db: Database,
  options: { timezone?: string; name?: string } = {},
): Promise<Actor> {
  const id = `user_${randomUUID()}`;
  await db.insert(user).values({
    id,
    name: options.name ?? "Test User",
    email: `${id}@example.test`,
    timezone: options.timezone ?? "UTC",
  });
  return { userId: id, timezone: options.timezone ?? "UTC", via: "api_key" };
}

/** A clock that stays where it is put: `set()` moves it, `advance()` steps it forward. */
export interface TestClock extends Clock {
  set(instant: Date | string): void;
  advance(ms: number): void;
}

/** A manual clock starting at `start`. */
export function manualClock(start: Date | string = "2025-01-15T12:00:00.000Z"): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** Creates `count` tasks through the service; `fields(i)` gives each one's input. */
export async function createTasks(
  service: TaskService,
  actor: Actor,
  count: number,
  fields: (index: number) => Partial<CreateTaskInput> = () => ({}),
): Promise<TaskDto[]> {
  const created: TaskDto[] = [];
  for (let index = 0; index < count; index++) {
    created.push(await service.create(actor, { title: `Task ${index + 1}`, ...fields(index) }));
  }
  return created;
}
