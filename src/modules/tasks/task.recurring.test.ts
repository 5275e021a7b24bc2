import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app.js";
import { insertTestActor, manualClock } from "../../../test/factories/tasks.js";
import type { App } from "../../app.js";
import type { Actor } from "../auth/actor.js";
import { createTaskService, type TaskService } from "./task.service.js";

describe("recurring tasks", () => {
  let app: App;
  let service: TaskService;
  let newYork: Actor;
  let utc: Actor;
  const clock = manualClock("2025-01-15T12:00:00.000Z");

  beforeAll(async () => {
    app = await buildTestApp();
    service = createTaskService({ db: app.db, config: { tasks: { maxPerUser: 1000 } }, clock });
    newYork = await insertTestActor(app.db, { timezone: "America/New_York" });
    utc = await insertTestActor(app.db);
  });
  afterAll(async () => {
    await app.close();
  });

  it("moves to the next occurrence and stays open when completed, by toggle, complete or PATCH", async () => {
    const task = await service.create(utc, {
      title: "Water plants",
      due_at: "2025-01-15T09:00:00Z",
      recurrence: "RRULE:FREQ=DAILY",
    });
    expect(task.recurrence).toBe("FREQ=DAILY");
    const toggled = await service.toggle(utc, task.id);
    expect(toggled).toMatchObject({
      completed: false,
      completed_at: null,
      due_at: "2025-01-16T09:00:00.000Z",
    });
    const completed = await service.complete(utc, task.id);
    expect(completed.due_at).toBe("2025-01-17T09:00:00.000Z");
    const patched = await service.update(utc, task.id, { completed: true });
    expect(patched).toMatchObject({ completed: false, due_at: "2025-01-18T09:00:00.000Z" });
  });

  it("keeps 9:00 local across the DST change", async () => {
    const task = await service.create(newYork, {
      title: "Standup",
      due_at: "2025-03-07T09:00:00-05:00",
      recurrence: "FREQ=DAILY;BYHOUR=9;BYMINUTE=0",
    });
    const dues: string[] = [];
    for (let i = 0; i < 3; i++) dues.push((await service.toggle(newYork, task.id)).due_at!);
    expect(dues).toEqual([
      "2025-03-08T14:00:00.000Z", // Sat 9:00 EST
      "2025-03-09T13:00:00.000Z", // Sun 9:00 EDT
      "2025-03-10T13:00:00.000Z",
    ]);
  });

  it("keeps an all-day monthly task on local midnight of the 1st", async () => {
    const task = await service.create(newYork, {
      title: "Pay rent",
      due_at: "2025-02-01",
      recurrence: "FREQ=MONTHLY;BYMONTHDAY=1",
    });
    expect(task).toMatchObject({ due_at: "2025-02-01T05:00:00.000Z", due_all_day: true });
    const next = await service.complete(newYork, task.id);
    expect(next).toMatchObject({
      due_at: "2025-03-01T05:00:00.000Z",
      due_all_day: true,
      completed: false,
    });
    const april = await service.complete(newYork, task.id);
    expect(april.due_at).toBe("2025-04-01T04:00:00.000Z"); // EDT by April
  });

  it("anchors a rule without a due date at now", async () => {
    const task = await service.create(utc, {
      title: "Pills",
      recurrence: "FREQ=DAILY;BYHOUR=9;BYMINUTE=0",
    });
    expect(task.due_at).toBe("2025-01-16T09:00:00.000Z");
    const patched = await service.create(utc, { title: "Later" });
    const withRule = await service.update(utc, patched.id, {
      recurrence: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=8",
    });
    expect(withRule.due_at).toBe("2025-01-20T08:00:00.000Z");
  });

  it("completes normally once COUNT is used up or UNTIL has passed", async () => {
    const counted = await service.create(utc, {
      title: "Three sessions",
      due_at: "2025-01-15T18:00:00Z",
      recurrence: "FREQ=WEEKLY;COUNT=2",
    });
    const second = await service.complete(utc, counted.id);
    expect(second).toMatchObject({
      completed: false,
      due_at: "2025-01-22T18:00:00.000Z",
      recurrence: "FREQ=WEEKLY;COUNT=1",
    });
    const done = await service.complete(utc, counted.id);
    expect(done).toMatchObject({
      completed: true,
      completed_at: clock.now().toISOString(),
      due_at: "2025-01-22T18:00:00.000Z",
    });

    const bounded = await service.create(utc, {
      title: "Until Friday",
      due_at: "2025-01-17T09:00:00Z",
      recurrence: "FREQ=DAILY;UNTIL=20250117T235959Z",
    });
    expect(await service.toggle(utc, bounded.id)).toMatchObject({ completed: true });
    expect(await service.toggle(utc, bounded.id)).toMatchObject({
      completed: false,
      completed_at: null,
    });
  });

  it("advances exactly once per toggle under concurrency", async () => {
    const task = await service.create(utc, {
      title: "Daily",
      due_at: "2025-02-01T07:00:00Z",
      recurrence: "FREQ=DAILY",
    });
    await Promise.all(Array.from({ length: 10 }, () => service.toggle(utc, task.id)));
    expect(await service.get(utc, task.id)).toMatchObject({
      completed: false,
      due_at: "2025-02-11T07:00:00.000Z",
    });
  });

  it("rejects a rule that never occurs: February 30 at once, others when the search runs out of time", async () => {
    // rrule alone walks every day up to the year 9999 looking for them: ~17 s of blocked server.
    for (const recurrence of ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=YEARLY;BYMONTHDAY=32"]) {
      await expect(
        service.create(utc, { title: "x", due_at: "2025-01-20T09:00:00Z", recurrence }),
      ).rejects.toMatchObject({ status: 422, code: "INVALID_RECURRENCE" });
    }
    // Every 7 days from a Wednesday never lands on a Tuesday.
    const never = "FREQ=DAILY;INTERVAL=7;BYDAY=TU";
    await expect(service.create(utc, { title: "x", recurrence: never })).rejects.toMatchObject({
      status: 422,
      code: "INVALID_RECURRENCE",
      message: expect.stringContaining("may never occur"),
    });
    const task = await service.create(utc, {
      title: "Odd rule",
      due_at: "2025-01-15T09:00:00Z",
      recurrence: never,
    });
    await expect(service.complete(utc, task.id)).rejects.toMatchObject({
      code: "INVALID_RECURRENCE",
    });
    // Nothing was changed, and later rules are computed as before.
    expect(await service.get(utc, task.id)).toMatchObject({
      completed: false,
      due_at: task.due_at,
    });
    const weekly = await service.create(utc, {
      title: "Weekly",
      due_at: "2025-01-20T09:00:00Z",
      recurrence: "FREQ=WEEKLY",
    });
    expect((await service.complete(utc, weekly.id)).due_at).toBe("2025-01-27T09:00:00.000Z");
  });

  it("rejects invalid rules with INVALID_RECURRENCE and clears a rule with null", async () => {
    for (const recurrence of ["every day", "FREQ=DAILY;BYHOUR=25", "FREQ=SOMETIMES", "RRULE:"]) {
      await expect(service.create(utc, { title: "x", recurrence })).rejects.toMatchObject({
        status: 422,
        code: "INVALID_RECURRENCE",
        message: expect.stringContaining("Invalid recurrence rule"),
      });
    }
    await expect(
      service.create(utc, { title: "x", recurrence: "FREQ=DAILY;UNTIL=20200101" }),
    ).rejects.toMatchObject({
      code: "INVALID_RECURRENCE",
      message: expect.stringContaining("no occurrence left"),
    });
    const task = await service.create(utc, {
      title: "Weekly",
      due_at: "2025-02-01T07:00:00Z",
      recurrence: "FREQ=WEEKLY",
    });
    await expect(
      service.update(utc, task.id, { recurrence: "FREQ=WEEKLY;BYDAY=ZZ" }),
    ).rejects.toMatchObject({
      code: "INVALID_RECURRENCE",
    });
    const plain = await service.update(utc, task.id, { recurrence: null });
    expect(plain.recurrence).toBeNull();
    expect(await service.toggle(utc, task.id)).toMatchObject({
      completed: true,
      due_at: "2025-02-01T07:00:00.000Z",
    });
  });
});
