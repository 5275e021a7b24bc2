import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app.js";
import { createTasks, insertTestActor, manualClock } from "../../../test/factories/tasks.js";
import type { App } from "../../app.js";
import type { Actor } from "../auth/actor.js";
import { encodeCursor } from "./task.cursor.js";
import type { ListTasksInput, TaskDto } from "./task.schemas.js";
import { createTaskService, type TaskService } from "./task.service.js";

const RANK = { none: 0, low: 1, medium: 2, high: 3 } as const;
const DUES = [
  null,
  "2025-03-01T09:00:00.000Z",
  "2025-02-01T09:00:00.000Z",
  null,
  "2025-03-01T09:00:00.000Z",
];
const PRIORITIES = ["none", "high", "low", "medium"] as const;

/** The documented order, computed independently of the SQL. */
function compareBy(sort: "due_at" | "created_at" | "priority", order: "asc" | "desc") {
  const sign = order === "asc" ? 1 : -1;
  const byDue = (a: TaskDto, b: TaskDto, direction = 1) => {
    if (a.due_at === b.due_at) return 0;
    if (a.due_at === null) return 1;
    if (b.due_at === null) return -1;
    return a.due_at < b.due_at ? -direction : direction;
  };
  const byText = (a: string, b: string, direction = 1) =>
    a === b ? 0 : a < b ? -direction : direction;
  return (a: TaskDto, b: TaskDto): number => {
    switch (sort) {
      case "due_at":
        return byDue(a, b, sign) || byText(a.created_at, b.created_at) || byText(a.id, b.id);
      case "created_at":
        return byText(a.created_at, b.created_at, sign) || byText(a.id, b.id, sign);
      case "priority":
        return (
          (RANK[a.priority] - RANK[b.priority]) * sign ||
          byDue(a, b) ||
          byText(a.created_at, b.created_at) ||
          byText(a.id, b.id)
        );
    }
  };
}

describe("listing tasks", () => {
  let app: App;
  let service: TaskService;
  let owner: Actor;
  let all: TaskDto[];
  const clock = manualClock("2025-01-10T08:00:00.000Z");
  let sequence = 0;

  beforeAll(async () => {
    app = await buildTestApp();
    service = createTaskService({
      db: app.db,
      config: { tasks: { maxPerUser: 10_000 } },
      clock,
      // Ids deliberately out of creation order, so the id tie-breaker is really exercised.
      newId: () => `task-${String((sequence++ * 7919) % 1000).padStart(4, "0")}`,
    });
    owner = await insertTestActor(app.db);
    // 120 tasks with heavy ties: 5 due values (two undated), 12 creation instants.
    all = await createTasks(service, owner, 120, (i) => {
      if (i % 10 === 0) clock.advance(60_000);
      return { due_at: DUES[i % DUES.length], priority: PRIORITIES[i % PRIORITIES.length] };
    });
  });
  afterAll(async () => {
    await app.close();
  });

  async function pageThrough(query: ListTasksInput, limit: number): Promise<TaskDto[]> {
    const seen: TaskDto[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 500; page++) {
      const result = await service.list(owner, { ...query, limit, ...(cursor ? { cursor } : {}) });
      seen.push(...result.tasks);
      if (!result.next_cursor) return seen;
      expect(result.tasks).toHaveLength(limit);
      cursor = result.next_cursor;
    }
    throw new Error("pagination did not end");
  }

  it("orders by default exactly: soonest due first, undated last, then oldest created, then id", async () => {
    const { tasks, next_cursor } = await service.list(owner, { limit: 200 });
    expect(next_cursor).toBeNull();
    expect(tasks.map((t) => t.id)).toEqual(
      [...all].sort(compareBy("due_at", "asc")).map((t) => t.id),
    );
    expect(tasks[0]?.due_at).toBe("2025-02-01T09:00:00.000Z");
    expect(tasks.at(-1)?.due_at).toBeNull();
  });

  it.each([
    [undefined, undefined, 7],
    ["due_at", "asc", 13],
    ["due_at", "desc", 11],
    ["created_at", "asc", 9],
    ["created_at", "desc", 50],
    ["priority", "desc", 17],
    ["priority", "asc", 1],
  ] as const)(
    "pages through 120 tied tasks sorted by %s %s (page size %i) without duplicates or gaps",
    async (sort, order, limit) => {
      const query: ListTasksInput = { ...(sort ? { sort } : {}), ...(order ? { order } : {}) };
      const pages = await pageThrough(query, limit);
      const ids = pages.map((t) => t.id);
      expect(new Set(ids).size).toBe(120);
      expect(ids).toHaveLength(120);
      const expected = [...all].sort(compareBy(sort ?? "due_at", order ?? "asc")).map((t) => t.id);
      expect(ids).toEqual(expected);
    },
  );

  it("defaults created_at and priority to newest and highest first", async () => {
    const created = await service.list(owner, { sort: "created_at", limit: 1 });
    expect(created.tasks[0]?.created_at).toBe(all.at(-1)?.created_at);
    const priority = await service.list(owner, { sort: "priority", limit: 1 });
    expect(priority.tasks[0]?.priority).toBe("high");
  });

  it("ends with a null next_cursor exactly at the last page", async () => {
    const first = await service.list(owner, { limit: 120 });
    expect(first.tasks).toHaveLength(120);
    expect(first.next_cursor).toBeNull();
    const almost = await service.list(owner, { limit: 119 });
    expect(almost.next_cursor).not.toBeNull();
    const last = await service.list(owner, { limit: 119, cursor: almost.next_cursor! });
    expect(last).toMatchObject({ tasks: [expect.any(Object)], next_cursor: null });
  });

  it("rejects invalid, foreign-sort and tampered cursors with INVALID_CURSOR", async () => {
    const { next_cursor } = await service.list(owner, { limit: 5 });
    const bad = [
      "not a cursor!",
      "AAAA",
      Buffer.from("{}").toString("base64url"),
      Buffer.from(JSON.stringify(["due_at:asc", 1, 2, 3])).toString("base64url"),
      encodeCursor({ sort: "due_at:asc", keys: ["not a date", "2025-01-01T00:00:00Z", "x"] }),
      encodeCursor({ sort: "due_at:asc", keys: [null, null, "x"] }),
      encodeCursor({ sort: "priority:desc", keys: ["high", null, "2025-01-01T00:00:00Z", "x"] }),
    ];
    for (const cursor of bad) {
      await expect(service.list(owner, { cursor, sort: "due_at" })).rejects.toMatchObject({
        status: 422,
        code: "INVALID_CURSOR",
      });
    }
    await expect(
      service.list(owner, { cursor: next_cursor!, sort: "created_at" }),
    ).rejects.toMatchObject({
      code: "INVALID_CURSOR",
      message: expect.stringContaining("different sort"),
    });
  });

  it("rejects out-of-range limits", async () => {
    for (const limit of [0, 201, 1.5, -1]) {
      await expect(service.list(owner, { limit })).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
      });
    }
  });
});

describe("task filters", () => {
  let app: App;
  let service: TaskService;
  let owner: Actor;
  let stranger: Actor;

  beforeAll(async () => {
    app = await buildTestApp();
    service = createTaskService({ db: app.db, config: { tasks: { maxPerUser: 100 } } });
    owner = await insertTestActor(app.db);
    stranger = await insertTestActor(app.db);
    await service.create(owner, {
      title: "Save 50% on rent",
      tags: ["home"],
      priority: "high",
      due_at: "2025-02-01T10:00:00Z",
    });
    await service.create(owner, {
      title: "Read 500 pages",
      tags: ["books"],
      due_at: "2025-02-10T10:00:00Z",
    });
    await service.create(owner, {
      title: "snake_case rename",
      description: "Refactor THE parser",
      priority: "low",
    });
    await service.create(owner, {
      title: "snakeXcase",
      tags: ["Home", "work"],
      due_at: "2025-03-01T00:00:00Z",
    });
    await service.create(stranger, { title: "Save 50% elsewhere", tags: ["home"] });
  });
  afterAll(async () => {
    await app.close();
  });

  const titles = async (query: ListTasksInput) =>
    (await service.list(owner, { status: "all", ...query })).tasks.map((t) => t.title).sort();

  it("finds text in titles and descriptions, case-insensitively, with % and _ taken literally", async () => {
    expect(await titles({ q: "50%" })).toEqual(["Save 50% on rent"]);
    expect(await titles({ q: "snake_case" })).toEqual(["snake_case rename"]);
    expect(await titles({ q: "the PARSER" })).toEqual(["snake_case rename"]);
    expect(await titles({ q: "%" })).toEqual(["Save 50% on rent"]);
    expect(await titles({ q: "\\" })).toEqual([]);
    expect(await titles({ q: "'; DROP TABLE tasks; --" })).toEqual([]);
  });

  it("filters by tag (normalised), priority and due range", async () => {
    expect(await titles({ tag: "#HOME" })).toEqual(["Save 50% on rent", "snakeXcase"]);
    expect(await titles({ priority: "low" })).toEqual(["snake_case rename"]);
    expect(
      await titles({ due_after: "2025-02-01T10:00:00Z", due_before: "2025-03-01T00:00:00Z" }),
    ).toEqual(["Read 500 pages", "Save 50% on rent"]);
    expect(await titles({ due_before: "2025-02-01T10:00:00+00:00" })).toEqual([]);
  });

  it("combines status with filters", async () => {
    const [rent] = (await service.list(owner, { q: "rent" })).tasks;
    await service.complete(owner, rent!.id);
    expect((await service.list(owner, { tag: "home" })).tasks.map((t) => t.title)).toEqual([
      "snakeXcase",
    ]);
    expect(
      (await service.list(owner, { tag: "home", status: "completed" })).tasks.map((t) => t.title),
    ).toEqual(["Save 50% on rent"]);
  });

  it("rejects invalid filters", async () => {
    for (const query of [
      { status: "done" },
      { priority: "urgent" },
      { due_before: "tomorrow" },
      { sort: "title" },
      { order: "sideways" },
    ]) {
      await expect(service.list(owner, query as ListTasksInput)).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
      });
    }
  });
});

describe("listed tasks", () => {
  let app: App;
  let service: TaskService;

  beforeAll(async () => {
    app = await buildTestApp();
    service = createTaskService({ db: app.db, config: { tasks: { maxPerUser: 100 } } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("carry exactly the fields and ISO timestamps a single read returns, microseconds truncated", async () => {
    const owner = await insertTestActor(app.db);
    const created = await service.create(owner, {
      title: "Pay rent",
      description: "<b>before</b> the 5th",
      tags: ["home", "money"],
      priority: "high",
      due_at: "2026-03-01T12:00:00+01:00",
      recurrence: "FREQ=MONTHLY;BYMONTHDAY=1",
    });
    await service.create(owner, { title: "Undated" });
    await service.complete(owner, (await service.create(owner, { title: "Done" })).id);
    // Timestamps written by PostgreSQL itself carry microseconds.
    await app.db.execute(
      sql`UPDATE tasks SET created_at = '2026-01-02 03:04:05.678999+00', updated_at = now() WHERE id = ${created.id}`,
    );
    const { tasks } = await service.list(owner, { status: "all" });
    expect(tasks).toHaveLength(3);
    for (const task of tasks) {
      expect(task).toEqual(await service.get(owner, task.id));
      for (const instant of [task.created_at, task.updated_at, task.due_at, task.completed_at]) {
        if (instant !== null) expect(instant).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
    }
    expect(tasks[0]).toMatchObject({
      id: created.id,
      description: "<b>before</b> the 5th",
      tags: ["home", "money"],
      due_at: "2026-03-01T11:00:00.000Z",
      created_at: "2026-01-02T03:04:05.678Z",
    });
    expect(Object.keys(tasks[0]!)).toEqual(Object.keys(created));
  });

  it("belong to the asking user only, when many users list at once", async () => {
    const users = await Promise.all(Array.from({ length: 8 }, () => insertTestActor(app.db)));
    for (const [index, user] of users.entries()) {
      await service.create(user, { title: `mine ${index}` });
    }
    const pages = await Promise.all(
      Array.from({ length: 48 }, (_, i) => service.list(users[i % users.length]!)),
    );
    pages.forEach((page, i) => {
      expect(page.tasks.map((task) => task.title)).toEqual([`mine ${i % users.length}`]);
    });
  });
});
