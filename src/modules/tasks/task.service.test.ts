import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app.js";
import { insertTestActor, manualClock } from "../../../test/factories/tasks.js";
import type { App } from "../../app.js";
import { user } from "../../db/schema/auth.js";
import { tasks } from "../../db/schema/tasks.js";
import type { Actor } from "../auth/actor.js";
import { createTaskService, type TaskService } from "./task.service.js";

function expectError(code: string, status = 422): unknown {
  const matcher: unknown = expect.objectContaining({ code, status });
  return matcher;
}

describe("task service", () => {
  let app: App;
  let service: TaskService;
  let alice: Actor;
  let bob: Actor;
  const clock = manualClock("2025-01-15T12:00:00.000Z");

  beforeAll(async () => {
    app = await buildTestApp();
    service = createTaskService({ db: app.db, config: { tasks: { maxPerUser: 10_000 } }, clock });
    alice = await insertTestActor(app.db, { timezone: "Europe/Paris" });
    bob = await insertTestActor(app.db);
  });
  afterAll(async () => {
    await app.close();
  });

  it("creates a task with defaults and returns it in the API shape", async () => {
    const task = await service.create(alice, { title: "  Buy milk  " });
    expect(task).toEqual({
      id: expect.any(String),
      title: "Buy milk",
      description: null,
      completed: false,
      completed_at: null,
      priority: "none",
      due_at: null,
      due_all_day: false,
      recurrence: null,
      tags: [],
      created_at: "2025-01-15T12:00:00.000Z",
      updated_at: "2025-01-15T12:00:00.000Z",
    });
    expect(await service.get(alice, task.id)).toEqual(task);
  });

  it("normalises tags: trims, strips # and @, lower-cases, de-duplicates", async () => {
    const task = await service.create(alice, {
      title: "Tagged",
      tags: [" #Home ", "@work", "HOME", "errands"],
    });
    expect(task.tags).toEqual(["home", "work", "errands"]);
  });

  it("stores SQL and HTML verbatim", async () => {
    const title = `Robert'); DROP TABLE tasks;-- <script>alert("x")</script>`;
    const description = `<img src=x onerror=alert(1)> %_\\ ' " ;`;
    const task = await service.create(alice, { title, description });
    expect(task.title).toBe(title);
    expect(task.description).toBe(description);
    expect((await service.get(alice, task.id)).title).toBe(title);
  });

  it("stores an instant due date and an all-day date as local midnight of the user's zone", async () => {
    const timed = await service.create(alice, {
      title: "Call",
      due_at: "2025-02-01T17:30:00+01:00",
    });
    expect(timed.due_at).toBe("2025-02-01T16:30:00.000Z");
    expect(timed.due_all_day).toBe(false);
    const day = await service.create(alice, { title: "Rent", due_at: "2025-02-01" });
    expect(day).toMatchObject({ due_at: "2025-01-31T23:00:00.000Z", due_all_day: true });
    const flagged = await service.create(alice, {
      title: "Flagged",
      due_at: "2025-02-01T09:00:00-08:00",
      due_all_day: true,
    });
    expect(flagged).toMatchObject({ due_at: "2025-01-31T23:00:00.000Z", due_all_day: true });
  });

  it("keeps an all-day task's day when its own due_at is written back (east and west of UTC)", async () => {
    for (const timezone of [
      "Europe/Berlin",
      "Asia/Kolkata",
      "Pacific/Auckland",
      "America/New_York",
    ]) {
      const actor = { ...alice, timezone };
      const day = await service.create(actor, { title: "Rent", due_at: "2025-02-01" });
      // What a client (the offline assistant, an LLM, undo) sends back after reading the task.
      const again = await service.create(actor, {
        title: "Rent again",
        due_at: day.due_at,
        due_all_day: true,
      });
      expect(again.due_at, timezone).toBe(day.due_at);
      const moved = await service.update(actor, again.id, {
        due_at: day.due_at,
        due_all_day: true,
      });
      expect(moved.due_at, timezone).toBe(day.due_at);
    }
    // Not local midnight: the date the instant is written with, as before.
    const written = await service.create(
      { ...alice, timezone: "America/New_York" },
      { title: "Written", due_at: "2025-02-01T00:00:00Z", due_all_day: true },
    );
    expect(written.due_at).toBe("2025-02-01T05:00:00.000Z");
  });

  it.each([
    [{ title: "" }, "title"],
    [{ title: "   \n\t " }, "title"],
    [{ title: "x".repeat(501) }, "title"],
    [{ title: "ok", description: "d".repeat(10_001) }, "description"],
    [{ title: "ok", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "tags"],
    [{ title: "ok", tags: ["x".repeat(51)] }, "tags.0"],
    [{ title: "ok", tags: ["#"] }, "tags.0"],
    [{ title: "ok", priority: "urgent" }, "priority"],
    [{ title: "ok", due_at: "tomorrow" }, "due_at"],
    [{ title: "ok", due_at: "2025-02-30" }, "due_at"],
    [{ title: "ok", due_at: "2025-02-01T10:00:00" }, "due_at"],
    [{ title: "ok", due_at: "2025-13-01T10:00:00Z" }, "due_at"],
    [{ title: 42 }, "title"],
    [{}, "title"],
  ])("rejects %j with VALIDATION_FAILED on %s", async (input, path) => {
    const error = await service.create(alice, input as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, code: "VALIDATION_FAILED" });
    expect((error as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path);
  });

  it("accepts exactly the limits: 500-char title, 10,000-char description, 20 tags of 50", async () => {
    const task = await service.create(alice, {
      title: "x".repeat(500),
      description: "d".repeat(10_000),
      tags: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(50, "t")),
    });
    expect(task.title).toHaveLength(500);
    expect(task.tags).toHaveLength(20);
  });

  it("refuses an all-day flag of false on a bare date", async () => {
    await expect(
      service.create(alice, { title: "x", due_at: "2025-02-01", due_all_day: false }),
    ).rejects.toThrow(expectError("VALIDATION_FAILED"));
  });

  it("answers INVALID_TIMEZONE when the actor's zone is unknown and a date needs it", async () => {
    const lost = { ...alice, timezone: "Mars/Olympus_Mons" };
    await expect(service.create(lost, { title: "x", due_at: "2025-02-01" })).rejects.toThrow(
      expectError("INVALID_TIMEZONE"),
    );
  });

  it("updates fields, clears them with null and keeps the rest", async () => {
    const task = await service.create(alice, {
      title: "Draft",
      description: "notes",
      priority: "low",
      due_at: "2025-03-01T10:00:00Z",
      tags: ["a"],
    });
    clock.advance(60_000);
    const updated = await service.update(alice, task.id, {
      title: "Final",
      description: null,
      priority: "high",
      due_at: null,
      tags: ["#B"],
    });
    expect(updated).toMatchObject({
      title: "Final",
      description: null,
      priority: "high",
      due_at: null,
      due_all_day: false,
      tags: ["b"],
      created_at: task.created_at,
      updated_at: "2025-01-15T12:01:00.000Z",
    });
    const same = await service.update(alice, task.id, {});
    expect(same.title).toBe("Final");
  });

  it("switches a due date between a time and a whole day", async () => {
    const task = await service.create(alice, { title: "Dentist", due_at: "2025-02-03T15:30:00Z" });
    const allDay = await service.update(alice, task.id, { due_all_day: true });
    expect(allDay).toMatchObject({ due_at: "2025-02-02T23:00:00.000Z", due_all_day: true });
    const timed = await service.update(alice, task.id, { due_at: "2025-02-03T08:00:00+01:00" });
    expect(timed).toMatchObject({ due_at: "2025-02-03T07:00:00.000Z", due_all_day: false });
    const cleared = await service.update(alice, task.id, { due_at: null });
    expect(cleared).toMatchObject({ due_at: null, due_all_day: false });
  });

  it("rejects wrong types and bad values in a PATCH without changing the task", async () => {
    const task = await service.create(alice, { title: "Keep me" });
    for (const input of [
      { completed: "yes" },
      { title: "" },
      { priority: "p1" },
      { due_at: "2025-02-29" },
      { tags: "home" },
    ]) {
      await expect(service.update(alice, task.id, input as never)).rejects.toMatchObject({
        status: 422,
        code: "VALIDATION_FAILED",
      });
    }
    expect(await service.get(alice, task.id)).toEqual(task);
  });

  it("sets and clears completed_at through completed", async () => {
    const task = await service.create(alice, { title: "Finish" });
    const done = await service.update(alice, task.id, { completed: true });
    expect(done).toMatchObject({ completed: true, completed_at: clock.now().toISOString() });
    const stillDone = await service.complete(alice, task.id);
    expect(stillDone.completed_at).toBe(done.completed_at);
    const reopened = await service.update(alice, task.id, { completed: false });
    expect(reopened).toMatchObject({ completed: false, completed_at: null });
  });

  it("toggles and deletes", async () => {
    const task = await service.create(alice, { title: "Flip" });
    expect((await service.toggle(alice, task.id)).completed).toBe(true);
    expect((await service.toggle(alice, task.id)).completed).toBe(false);
    await service.remove(alice, task.id);
    await expect(service.get(alice, task.id)).rejects.toThrow(expectError("TASK_NOT_FOUND", 404));
    await expect(service.remove(alice, task.id)).rejects.toThrow(
      expectError("TASK_NOT_FOUND", 404),
    );
  });

  it("keeps two users fully isolated: another user's id is a 404 everywhere", async () => {
    const secret = await service.create(alice, { title: "Alice only", tags: ["private"] });
    const attempts = [
      () => service.get(bob, secret.id),
      () => service.update(bob, secret.id, { title: "hacked" }),
      () => service.toggle(bob, secret.id),
      () => service.complete(bob, secret.id),
      () => service.remove(bob, secret.id),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toThrow(expectError("TASK_NOT_FOUND", 404));
    }
    const bobs = await service.list(bob, { status: "all", q: "Alice" });
    expect(bobs.tasks).toEqual([]);
    expect((await service.list(bob, { tag: "private" })).tasks).toEqual([]);
    expect(await service.get(alice, secret.id)).toEqual(secret);
  });

  it("answers TASK_NOT_FOUND for ids that are not ids", async () => {
    for (const id of ["nope", "' OR '1'='1", "%", "../../etc/passwd", "x".repeat(5000)]) {
      await expect(service.get(alice, id)).rejects.toThrow(expectError("TASK_NOT_FOUND", 404));
    }
  });

  it("gives a consistent result for concurrent toggles of one task", async () => {
    const task = await service.create(bob, { title: "Race" });
    await Promise.all(Array.from({ length: 25 }, () => service.toggle(bob, task.id)));
    const odd = await service.get(bob, task.id);
    expect(odd.completed).toBe(true);
    expect(odd.completed_at).not.toBeNull();
    await Promise.all(Array.from({ length: 24 }, () => service.toggle(bob, task.id)));
    expect((await service.get(bob, task.id)).completed).toBe(true);
    await service.toggle(bob, task.id);
    expect(await service.get(bob, task.id)).toMatchObject({ completed: false, completed_at: null });
  });

  it("returns what each change replaced, even for concurrent changes, and what a delete removed", async () => {
    const task = await service.create(bob, { title: "v0" });
    const changes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        service.updateWithPrevious(bob, task.id, { title: `v${String(i + 1)}` }),
      ),
    );
    // Each change saw the title the one before it wrote, so undoing them in reverse order
    // walks back to "v0": the previous titles are "v0" and nine of the new ones, each once.
    const previous = changes.map((change) => change.previous.title);
    const final = (await service.get(bob, task.id)).title;
    expect(new Set(previous).size).toBe(10);
    expect([...previous, final].sort()).toEqual(
      Array.from({ length: 11 }, (_, i) => `v${String(i)}`).sort(),
    );

    const done = await service.completeWithPrevious(bob, task.id);
    expect([done.previous.completed, done.task.completed]).toEqual([false, true]);
    const again = await service.toggleWithPrevious(bob, task.id);
    expect([again.previous.completed, again.task.completed]).toEqual([true, false]);

    const removed = await service.remove(bob, task.id);
    expect(removed).toMatchObject({ id: task.id, title: final, completed: false });
    await expect(service.get(bob, task.id)).rejects.toThrow(expectError("TASK_NOT_FOUND", 404));
  });
});

describe("task cap", () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("refuses the task past the per-user cap with TASK_LIMIT_REACHED, even under a burst", async () => {
    const service = createTaskService({ db: app.db, config: { tasks: { maxPerUser: 5 } } });
    const capped = await insertTestActor(app.db);
    const other = await insertTestActor(app.db);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => service.create(capped, { title: `t${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(7);
    for (const r of rejected) {
      expect(r.reason).toMatchObject({
        status: 422,
        code: "TASK_LIMIT_REACHED",
        message: expect.stringContaining("limit of 5 tasks"),
      });
    }
    expect((await service.list(capped, { status: "all" })).tasks).toHaveLength(5);
    await expect(service.create(other, { title: "still fine" })).resolves.toBeDefined();
    const [first] = (await service.list(capped)).tasks;
    await service.remove(capped, first!.id);
    await expect(service.create(capped, { title: "room again" })).resolves.toBeDefined();
  });

  it("refuses a task for an account deleted meanwhile with 401, storing nothing", async () => {
    const service = createTaskService({ db: app.db, config: { tasks: { maxPerUser: 5 } } });
    const gone = await insertTestActor(app.db);
    await app.db.delete(user).where(eq(user.id, gone.userId));
    await expect(service.create(gone, { title: "orphan" })).rejects.toMatchObject({
      status: 401,
      code: "UNAUTHORIZED",
    });
    const orphans = await app.db.select().from(tasks).where(eq(tasks.userId, gone.userId));
    expect(orphans).toEqual([]);
  });
});
