import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../../../test/helpers/app.js";
import {
  createApiKey,
  signUp,
  testPasswordHasher,
  type TestUser,
} from "../../../test/helpers/auth.js";
import type { App } from "../../app.js";

describe("task routes", () => {
  let app: App;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    app = await buildTestApp({ overrides: { passwordHasher: testPasswordHasher } });
    alice = await signUp(app);
    bob = await signUp(app);
  });
  afterAll(async () => {
    await app.close();
  });

  const as = (user: TestUser) => user.headers;
  interface Listed {
    tasks: { id: string }[];
    next_cursor: string | null;
  }
  const idsOf = (response: { json: () => unknown }) =>
    (response.json() as Listed).tasks.map((t) => t.id);

  async function createTask(user: TestUser, payload: Record<string, unknown>) {
    const response = await app.inject({
      method: "POST",
      url: "/api/tasks",
      headers: as(user),
      payload,
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string; title: string; completed: boolean }>();
  }

  it("requires credentials", async () => {
    for (const [method, url] of [
      ["GET", "/api/tasks"],
      ["POST", "/api/tasks"],
      ["GET", "/api/tasks/x"],
      ["POST", `/api/${alice.userId}/tasks`],
    ] as const) {
      const response = await app.inject({
        method,
        url,
        payload: method === "POST" ? {} : undefined,
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: "UNAUTHORIZED" });
    }
  });

  it("runs the full lifecycle: create 201, read, patch, toggle, delete 204, then 404", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/tasks",
      headers: as(alice),
      payload: {
        title: "Buy milk",
        priority: "high",
        tags: ["#Home"],
        due_at: "2030-01-02T17:00:00+01:00",
      },
    });
    expect(created.statusCode).toBe(201);
    const task = created.json();
    expect(task).toMatchObject({
      title: "Buy milk",
      priority: "high",
      tags: ["home"],
      due_at: "2030-01-02T16:00:00.000Z",
      completed: false,
    });
    const url = `/api/tasks/${task.id as string}`;
    expect((await app.inject({ url, headers: as(alice) })).json()).toEqual(task);

    const patched = await app.inject({
      method: "PATCH",
      url,
      headers: as(alice),
      payload: { title: "Buy oat milk", completed: true },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: "Buy oat milk", completed: true });
    expect(patched.json().completed_at).toEqual(expect.any(String));

    const toggled = await app.inject({ method: "POST", url: `${url}/toggle`, headers: as(alice) });
    expect(toggled.json()).toMatchObject({ completed: false, completed_at: null });

    const deleted = await app.inject({ method: "DELETE", url, headers: as(alice) });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe("");
    const gone = await app.inject({ url, headers: as(alice) });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers["content-type"]).toContain("application/problem+json");
    expect(gone.json()).toMatchObject({ code: "TASK_NOT_FOUND", status: 404 });
  });

  it("lists pending tasks by default and every task with status=all", async () => {
    const user = await signUp(app);
    const open = await createTask(user, { title: "open" });
    const done = await createTask(user, { title: "done" });
    await app.inject({ method: "POST", url: `/api/tasks/${done.id}/toggle`, headers: as(user) });
    const pending = (await app.inject({ url: "/api/tasks", headers: as(user) })).json();
    expect(pending).toEqual({
      tasks: [expect.objectContaining({ id: open.id })],
      next_cursor: null,
    });
    const all = (await app.inject({ url: "/api/tasks?status=all", headers: as(user) })).json();
    expect(all.tasks).toHaveLength(2);
    const completed = await app.inject({ url: "/api/tasks?status=completed", headers: as(user) });
    expect(idsOf(completed)).toEqual([done.id]);
  });

  it("lists each task with exactly the fields, order and JSON a single read returns", async () => {
    const user = await signUp(app);
    const created = await createTask(user, {
      title: 'Say "hi" <b>now</b> \\ 😀',
      description: "line one\nline two",
      priority: "medium",
      due_at: "2026-05-01",
      tags: ["#Home", "errands"],
    });
    await createTask(user, { title: "second", due_at: "2026-04-01T10:00:00.5+02:00" });
    const list = await app.inject({ url: "/api/tasks?limit=1", headers: as(user) });
    expect(list.statusCode).toBe(200);
    expect(list.headers["content-type"]).toBe("application/json; charset=utf-8");
    const page = list.json<{ tasks: Record<string, unknown>[]; next_cursor: string }>();
    expect(Object.keys(page)).toEqual(["tasks", "next_cursor"]);
    expect(page.tasks[0]).toMatchObject({ title: "second", due_at: "2026-04-01T08:00:00.500Z" });
    const rest = await app.inject({
      url: `/api/tasks?limit=1&cursor=${page.next_cursor}`,
      headers: as(user),
    });
    const single = await app.inject({ url: `/api/tasks/${created.id}`, headers: as(user) });
    // Byte for byte: the same keys in the same order, the same escaping and ISO instants.
    expect(rest.body).toBe(`{"tasks":[${single.body}],"next_cursor":null}`);
  });

  it("rejects bad input with problem+json and field errors", async () => {
    const cases: [unknown, string][] = [
      [{ title: "" }, "title"],
      [{ title: "   " }, "title"],
      [{ title: "x".repeat(501) }, "title"],
      [{ title: "ok", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "tags"],
      [{ title: "ok", priority: "urgent" }, "priority"],
      [{ title: "ok", due_at: "next tuesday" }, "due_at"],
      [{ title: ["array"] }, "title"],
    ];
    for (const [payload, path] of cases) {
      const response = await app.inject({
        method: "POST",
        url: "/api/tasks",
        headers: as(alice),
        payload: payload as object,
      });
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(422);
      const body = response.json();
      expect(body.code).toBe("VALIDATION_FAILED");
      const errors = (body as { errors: { path: string }[] }).errors;
      expect(errors.map((e) => e.path)).toContain(path);
    }
    const rrule = await app.inject({
      method: "POST",
      url: "/api/tasks",
      headers: as(alice),
      payload: { title: "ok", recurrence: "every tuesday" },
    });
    expect(rrule.statusCode).toBe(422);
    expect(rrule.json()).toMatchObject({
      code: "INVALID_RECURRENCE",
      detail: expect.stringContaining("recurrence"),
    });
    const malformed = await app.inject({
      method: "POST",
      url: "/api/tasks",
      headers: { ...as(alice), "content-type": "application/json" },
      payload: "{not json",
    });
    expect(malformed.statusCode).toBe(400);
    for (const query of [
      "limit=0",
      "limit=201",
      "limit=abc",
      "limit=0x10",
      "limit=1e1",
      "limit=1.5",
      "limit=%2016",
      "limit=",
      "status=done",
      "sort=title",
      "due_before=yesterday",
    ]) {
      const response = await app.inject({ url: `/api/tasks?${query}`, headers: as(alice) });
      expect(response.statusCode, query).toBe(422);
      if (query.startsWith("limit=") && !/^limit=\d+$/.test(query))
        expect(response.json().errors, query).toEqual([
          { path: "limit", message: "must be a whole number" },
        ]);
    }
    const cursor = await app.inject({ url: "/api/tasks?cursor=garbage!", headers: as(alice) });
    expect(cursor.statusCode).toBe(422);
    expect(cursor.json().code).toBe("INVALID_CURSOR");
  });

  it("stores SQL and HTML in titles verbatim and returns them as JSON", async () => {
    const title = `'; DROP TABLE tasks; -- <script>alert(1)</script>`;
    const task = await createTask(alice, { title });
    const read = await app.inject({ url: `/api/tasks/${task.id}`, headers: as(alice) });
    expect(read.headers["content-type"]).toContain("application/json");
    expect(read.json().title).toBe(title);
    const search = await app.inject({
      url: `/api/tasks?q=${encodeURIComponent("DROP TABLE")}`,
      headers: as(alice),
    });
    expect(idsOf(search)).toContain(task.id);
  });

  it("answers 404 for another user's task on every route, and leaves it untouched", async () => {
    const task = await createTask(alice, { title: "Alice's secret" });
    const url = `/api/tasks/${task.id}`;
    const attempts = [
      { method: "GET" as const, url },
      { method: "PATCH" as const, url, payload: { title: "mine now" } },
      { method: "POST" as const, url: `${url}/toggle` },
      { method: "DELETE" as const, url },
      { method: "GET" as const, url: `/api/${bob.userId}/tasks/${task.id}` },
      {
        method: "PATCH" as const,
        url: `/api/${bob.userId}/tasks/${task.id}`,
        payload: { completed: true },
      },
      { method: "POST" as const, url: `/api/${bob.userId}/tasks/${task.id}/toggle` },
      { method: "DELETE" as const, url: `/api/${bob.userId}/tasks/${task.id}` },
    ];
    for (const attempt of attempts) {
      const response = await app.inject({ ...attempt, headers: as(bob) });
      expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
      expect(response.json().code).toBe("TASK_NOT_FOUND");
    }
    const list = await app.inject({ url: "/api/tasks?status=all", headers: as(bob) });
    expect(idsOf(list)).not.toContain(task.id);
    expect((await app.inject({ url, headers: as(alice) })).json()).toMatchObject({
      title: "Alice's secret",
      completed: false,
    });
  });

  it("serves the legacy /api/{user_id}/tasks paths for the caller and 403s for anyone else", async () => {
    const base = `/api/${alice.userId}/tasks`;
    const created = await app.inject({
      method: "POST",
      url: base,
      headers: as(alice),
      payload: { title: "legacy" },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(idsOf(await app.inject({ url: base, headers: as(alice) }))).toContain(id);
    expect((await app.inject({ url: `${base}/${id}`, headers: as(alice) })).statusCode).toBe(200);
    expect(
      (
        await app.inject({
          method: "PATCH",
          url: `${base}/${id}`,
          headers: as(alice),
          payload: { priority: "low" },
        })
      ).json().priority,
    ).toBe("low");
    expect(
      (await app.inject({ method: "POST", url: `${base}/${id}/toggle`, headers: as(alice) })).json()
        .completed,
    ).toBe(true);

    const attempts = [
      { method: "GET" as const, url: base },
      { method: "POST" as const, url: base, payload: { title: "" } },
      { method: "POST" as const, url: `${base}/quick-add`, payload: { text: "x" } },
      { method: "GET" as const, url: `${base}/${id}` },
      { method: "PATCH" as const, url: `${base}/${id}`, payload: { title: "x" } },
      { method: "POST" as const, url: `${base}/${id}/toggle` },
      { method: "DELETE" as const, url: `${base}/${id}` },
      { method: "GET" as const, url: `/api/no-such-user/tasks` },
    ];
    for (const attempt of attempts) {
      const response = await app.inject({ ...attempt, headers: as(bob) });
      expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
      expect(response.json().code).toBe("FORBIDDEN");
    }
    expect(
      (await app.inject({ method: "DELETE", url: `${base}/${id}`, headers: as(alice) })).statusCode,
    ).toBe(204);
  });

  it("accepts API keys (X-API-Key and Bearer) and session cookies", async () => {
    const key = await createApiKey(app, alice.token);
    const viaHeader = await app.inject({
      method: "POST",
      url: "/api/tasks",
      headers: { "x-api-key": key },
      payload: { title: "from a script" },
    });
    expect(viaHeader.statusCode).toBe(201);
    const viaBearer = await app.inject({
      url: `/api/tasks/${viaHeader.json().id as string}`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(viaBearer.statusCode).toBe(200);
    const viaCookie = await app.inject({ url: "/api/tasks", headers: { cookie: alice.cookie } });
    expect(viaCookie.statusCode).toBe(200);
  });

  it("documents the task routes in OpenAPI", async () => {
    const doc = (await app.inject({ url: "/docs/json" })).json<{ paths: object }>();
    for (const path of [
      "/api/tasks",
      "/api/tasks/{id}",
      "/api/tasks/{id}/toggle",
      "/api/tasks/quick-add",
      "/api/{user_id}/tasks",
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it("explains a bad due date and refuses years PostgreSQL or the date maths cannot hold", async () => {
    const post = (due_at: unknown) =>
      app.inject({
        method: "POST",
        url: "/api/tasks",
        headers: as(alice),
        payload: { title: "d", due_at },
      });
    const countBefore = idsOf(
      await app.inject({ url: "/api/tasks?status=all&limit=200", headers: as(alice) }),
    ).length;
    for (const due of ["next blue moon", 5, "2030-01-01T24:00:00Z", "2030-01-01T10:00:00+99:00"]) {
      const response = await post(due);
      expect(response.statusCode, String(due)).toBe(422);
      expect(response.json()).toMatchObject({
        errors: [
          { path: "due_at", message: expect.stringMatching(/ISO 8601 date-time .* or a date/) },
        ],
      });
    }
    // Year 0 was a 500 (PostgreSQL has no year 0); "0050-01-01" was stored as 1950.
    // An offset can carry an instant over the edge: 9999-12-31 23:30 in New York is year 10000.
    for (const due of [
      "0000-01-01",
      "0050-01-01",
      "0000-01-01T00:00:00Z",
      "9999-12-31T23:30:00-05:00",
      "1000-01-01T00:30:00+01:00",
    ]) {
      const response = await post(due);
      expect(response.statusCode, due).toBe(422);
      expect(response.json<{ errors: { message: string }[] }>().errors[0]?.message).toMatch(
        /not a real calendar date in the years 1000–9999/,
      );
    }
    const query = await app.inject({
      url: "/api/tasks?due_before=0000-01-01T00:00:00Z",
      headers: as(alice),
    });
    expect(query.statusCode).toBe(422);
    const garbage = await app.inject({ url: "/api/tasks?due_after=soon", headers: as(alice) });
    expect(garbage.json<{ errors: unknown[] }>().errors).toHaveLength(1);
    expect(
      idsOf(await app.inject({ url: "/api/tasks?status=all&limit=200", headers: as(alice) })),
    ).toHaveLength(countBefore);
    expect((await post("9999-12-31")).statusCode).toBe(201);
  });

  it("refuses text PostgreSQL cannot store (NUL, lone surrogates) with a 422, storing nothing", async () => {
    const task = await createTask(alice, { title: "Keep me", tags: ["home"] });
    const countBefore = idsOf(
      await app.inject({ url: "/api/tasks?status=all&limit=200", headers: as(alice) }),
    ).length;
    for (const payload of [
      { title: "a\u0000b" },
      { title: "ok", description: "\u0000" },
      { title: "ok", tags: ["fine", "b\u0000d"] },
      { title: "a\ud800b" },
      { title: "ok", tags: ["\udc00"] },
    ]) {
      const created = await app.inject({
        method: "POST",
        url: "/api/tasks",
        headers: as(alice),
        payload,
      });
      expect(created.statusCode, JSON.stringify(payload)).toBe(422);
      expect(created.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(created.json()).toMatchObject({ code: "VALIDATION_FAILED" });
      const patched = await app.inject({
        method: "PATCH",
        url: `/api/tasks/${task.id}`,
        headers: as(alice),
        payload,
      });
      expect(patched.statusCode, JSON.stringify(payload)).toBe(422);
    }
    const quickAdd = await app.inject({
      method: "POST",
      url: "/api/tasks/quick-add",
      headers: as(alice),
      payload: { text: "pay rent\u0000 #home" },
    });
    expect(quickAdd.statusCode).toBe(422);
    const after = await app.inject({ url: "/api/tasks?status=all&limit=200", headers: as(alice) });
    expect(idsOf(after)).toHaveLength(countBefore);
    const unchanged = await app.inject({ url: `/api/tasks/${task.id}`, headers: as(alice) });
    expect(unchanged.json()).toMatchObject({ title: "Keep me", description: null, tags: ["home"] });
  });

  it("answers a NUL in an id or a filter with a 422, and a non-UTF-8 path with a 400", async () => {
    for (const [method, url] of [
      ["GET", "/api/tasks/a%00b"],
      ["PATCH", "/api/tasks/%00"],
      ["POST", "/api/tasks/%00/toggle"],
      ["DELETE", "/api/tasks/%00"],
      ["GET", "/api/tasks?q=%00"],
      ["GET", "/api/tasks?tag=a%00"],
    ] as const) {
      const response = await app.inject({
        method,
        url,
        headers: as(alice),
        ...(method === "PATCH" ? { payload: { title: "x" } } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(422);
      expect(response.json<{ detail: string }>().detail).toMatch(/NUL/);
    }
    const badUrl = await app.inject({ url: "/api/tasks/%C0%AF", headers: as(alice) });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toMatchObject({ code: "MALFORMED_URL" });
  });
});

describe("quick add", () => {
  let app: App;
  let paris: TestUser;

  beforeAll(async () => {
    app = await buildTestApp({ overrides: { passwordHasher: testPasswordHasher } });
    paris = await signUp(app);
    const zone = await app.inject({
      method: "PATCH",
      url: "/api/me",
      headers: paris.headers,
      payload: { timezone: "Europe/Paris" },
    });
    expect(zone.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
  });

  const quickAdd = (text: unknown, user = paris) =>
    app.inject({
      method: "POST",
      url: "/api/tasks/quick-add",
      headers: user.headers,
      payload: { text },
    });

  it("creates a recurring task with priority and tags from plain text (201)", async () => {
    const response = await quickAdd("pay rent every 1st p1 #Home");
    expect(response.statusCode).toBe(201);
    const task = response.json<{
      title: string;
      recurrence: string;
      due_at: string;
      due_all_day: boolean;
    }>();
    expect(task).toMatchObject({
      title: "pay rent",
      priority: "high",
      tags: ["home"],
      recurrence: expect.stringContaining("BYMONTHDAY=1"),
      due_all_day: true,
    });
    // All-day: local midnight in Paris on the 1st of a month.
    expect(new Date(task.due_at).toLocaleString("en-GB", { timeZone: "Europe/Paris" })).toMatch(
      /^01\/\d\d\/\d{4}, 00:00:00$/,
    );
  });

  it("reads times in the user's timezone", async () => {
    const task = (await quickAdd("call mom tomorrow 5pm")).json<{
      title: string;
      due_at: string;
    }>();
    expect(task.title).toBe("call mom");
    expect(new Date(task.due_at).toLocaleTimeString("en-GB", { timeZone: "Europe/Paris" })).toBe(
      "17:00:00",
    );
  });

  it("stores SQL and HTML verbatim through quick add too", async () => {
    const task = (await quickAdd(`<b>x</b> '); DELETE FROM tasks;--`)).json<{ title: string }>();
    expect(task.title).toContain("<b>x</b>");
    expect(task.title).toContain("'); DELETE FROM tasks");
  });

  it("rejects blank text, text with no title and wrong types with 422", async () => {
    for (const text of ["", "   ", "#home p2", 42, "x".repeat(2001)]) {
      const response = await quickAdd(text);
      expect(response.statusCode, String(text).slice(0, 20)).toBe(422);
      expect(response.json<{ code: string }>().code).toBe("VALIDATION_FAILED");
    }
  });
});
