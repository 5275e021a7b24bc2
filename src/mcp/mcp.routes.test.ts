import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../../test/helpers/app.js";
import { createApiKey, signUp, testPasswordHasher } from "../../test/helpers/auth.js";
import {
  callTool,
  connectMcp,
  INITIALIZE,
  MCP_POST_HEADERS,
  resultText,
} from "../../test/helpers/mcp.js";
import type { App } from "../app.js";

let app: App;
let url: URL;
let aliceKey: string;
let bobKey: string;
let alice: Client;
let bob: Client;

beforeAll(async () => {
  app = await buildTestApp({
    env: { ALLOWED_ORIGINS: "https://app.example.com" },
    overrides: { passwordHasher: testPasswordHasher },
  });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  url = new URL(`${address}/mcp`);
  aliceKey = await createApiKey(app, (await signUp(app)).token);
  bobKey = await createApiKey(app, (await signUp(app)).token);
  alice = await connectMcp(url, { "X-API-Key": aliceKey });
  bob = await connectMcp(url, { Authorization: `Bearer ${bobKey}` });
});

afterAll(async () => {
  await alice.close();
  await bob.close();
  await app.close();
});

/** Opens a session over raw HTTP and returns its id. */
async function rawSession(key: string): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    headers: { ...MCP_POST_HEADERS, "x-api-key": key },
    body: JSON.stringify(INITIALIZE),
  });
  expect(response.status).toBe(200);
  const id = response.headers.get("mcp-session-id");
  expect(id).toBeTruthy();
  return id ?? "";
}

function rawCall(headers: Record<string, string>, body: unknown = LIST) {
  return fetch(url, {
    method: "POST",
    headers: { ...MCP_POST_HEADERS, ...headers },
    body: JSON.stringify(body),
  });
}

const LIST = { jsonrpc: "2.0", id: 2, method: "tools/list" };

describe("tools over Streamable HTTP", () => {
  it("lists every task tool with model-facing descriptions and input/output schemas", async () => {
    const { tools } = await alice.listTools();
    // search_knowledge joins when the knowledge module is registered before MCP.
    const knowledge = app.hasDecorator("knowledge") ? ["search_knowledge"] : [];
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        "add_task",
        "complete_task",
        "delete_task",
        "list_tasks",
        "toggle_task_status",
        "update_task",
        ...knowledge,
      ].sort(),
    );
    for (const tool of tools) {
      expect(tool.description?.length).toBeGreaterThan(40);
      expect(tool.outputSchema?.type).toBe("object");
      expect(tool.inputSchema.type).toBe("object");
    }
    const add = tools.find((tool) => tool.name === "add_task");
    expect(add?.inputSchema.properties?.title).toMatchObject({ description: expect.any(String) });
    expect(tools.find((tool) => tool.name === "list_tasks")?.annotations?.readOnlyHint).toBe(true);
  });

  it("adds, lists, updates, completes, toggles and deletes a task", async () => {
    const added = await callTool(alice, "add_task", {
      title: "Buy milk",
      due_at: "2030-05-01T17:00:00Z",
      tags: ["home"],
      priority: "high",
    });
    expect(added.isError).toBeFalsy();
    const task = (added.structuredContent as { task: { id: string; title: string } }).task;
    expect(task.title).toBe("Buy milk");
    expect(resultText(added)).toContain('Created task "Buy milk"');

    const listed = await callTool(alice, "list_tasks", {});
    const list = listed.structuredContent as { tasks: { id: string }[]; count: number };
    expect(list.tasks.map((t) => t.id)).toContain(task.id);
    expect(resultText(listed)).toContain("Buy milk");

    const updated = await callTool(alice, "update_task", {
      task_id: task.id,
      title: "Buy oat milk",
    });
    expect(updated.structuredContent).toMatchObject({
      task: { title: "Buy oat milk" },
      previous: { title: "Buy milk" },
    });

    const completed = await callTool(alice, "complete_task", { task_id: task.id });
    expect(completed.structuredContent).toMatchObject({ task: { completed: true } });

    const toggled = await callTool(alice, "toggle_task_status", { task_id: task.id });
    expect(toggled.structuredContent).toMatchObject({
      task: { completed: false },
      previous: { completed: true },
    });
    expect(resultText(toggled)).toContain("is now open");

    const deleted = await callTool(alice, "delete_task", { task_id: task.id });
    expect(deleted.structuredContent).toMatchObject({ deleted: true, task: { id: task.id } });
    const after = await callTool(alice, "list_tasks", { status: "all" });
    expect((after.structuredContent as { tasks: { id: string }[] }).tasks).not.toContainEqual(
      expect.objectContaining({ id: task.id }),
    );
  });

  it("answers failures as isError results a model can act on, never protocol errors", async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["complete_task", { task_id: "no-such-task" }, /No task with id "no-such-task"/],
      ["add_task", { title: "x", due_at: "next blue moon" }, /due_at/],
      ["add_task", { title: "x", due_at: "2030-02-30" }, /due_at/],
      ["add_task", { title: "" }, /title/],
      ["add_task", { title: "   " }, /title/],
      ["add_task", { title: 42 }, /title/],
      ["add_task", {}, /title/],
      ["add_task", { title: "x".repeat(900) }, /title/],
      ["list_tasks", { limit: "ten" }, /limit/],
      ["update_task", { task_id: "" }, /task_id/],
      ["no_such_tool", {}, /no_such_tool/],
    ];
    for (const [tool, args, message] of cases) {
      const result = await callTool(alice, tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      const text = resultText(result);
      expect(text).toMatch(message);
      expect(text).not.toMatch(/at .*\.(ts|js):\d+|stack|SELECT|postgres/i);
    }
  });

  it("refuses NUL characters and lone surrogates as invalid arguments, storing nothing", async () => {
    const count = async () =>
      (
        (await callTool(alice, "list_tasks", { status: "all", limit: 200 })).structuredContent as {
          count: number;
        }
      ).count;
    const before = await count();
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["add_task", { title: "a\u0000b" }, /title: must not contain NUL/],
      ["add_task", { title: "ok", tags: ["x\ud800"] }, /tags\.0: must not contain unpaired/],
      ["add_task", { title: "\udc00" }, /title: must not contain unpaired/],
      ["update_task", { task_id: "x", description: "\u0000" }, /description: must not contain NUL/],
      ["complete_task", { task_id: "a\u0000" }, /task_id: must not contain NUL/],
      ["list_tasks", { q: "\u0000" }, /q: must not contain NUL/],
      ["search_knowledge", { query: "a\u0000" }, /query: must not contain NUL/],
    ];
    for (const [tool, args, message] of cases) {
      const result = await callTool(alice, tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      expect(resultText(result)).toMatch(message);
      expect(resultText(result)).toMatch(/INVALID_ARGUMENTS/);
    }
    expect(await count()).toBe(before);
  });

  it("keeps injection strings as plain data", async () => {
    const title = `'); DROP TABLE tasks; -- <script>alert(1)</script>`;
    const added = await callTool(alice, "add_task", { title });
    expect(added.structuredContent).toMatchObject({ task: { title } });
    const listed = await callTool(alice, "list_tasks", { q: "DROP TABLE" });
    expect((listed.structuredContent as { count: number }).count).toBe(1);
  });

  it("acts only for the key's user: another user's task id is not found and stays untouched", async () => {
    const added = await callTool(alice, "add_task", { title: "Alice's secret" });
    const id = (added.structuredContent as { task: { id: string } }).task.id;

    const bobList = await callTool(bob, "list_tasks", { status: "all" });
    expect(JSON.stringify(bobList)).not.toContain("Alice's secret");
    for (const tool of ["complete_task", "toggle_task_status", "delete_task"]) {
      const result = await callTool(bob, tool, { task_id: id });
      expect(result.isError).toBe(true);
      expect(resultText(result)).toMatch(/No task with id/);
    }
    const renamed = await callTool(bob, "update_task", { task_id: id, title: "pwned" });
    expect(renamed.isError).toBe(true);

    const still = await callTool(alice, "list_tasks", { q: "secret" });
    expect(still.structuredContent).toMatchObject({
      tasks: [{ id, title: "Alice's secret", completed: false }],
    });
  });

  it("serves concurrent sessions of both users without mixing them", async () => {
    const clients = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        connectMcp(url, { "X-API-Key": i % 2 === 0 ? aliceKey : bobKey }),
      ),
    );
    const results = await Promise.all(
      clients.map((client, i) => callTool(client, "add_task", { title: `parallel ${String(i)}` })),
    );
    expect(results.every((result) => !result.isError)).toBe(true);
    const bobTasks = await callTool(bob, "list_tasks", { q: "parallel" });
    const titles = (bobTasks.structuredContent as { tasks: { title: string }[] }).tasks
      .map((t) => t.title)
      .sort();
    expect(titles).toEqual(["parallel 1", "parallel 3", "parallel 5", "parallel 7"]);
    await Promise.all(clients.map((client) => client.close()));
  });

  it("rejects a body over the size limit with 413", async () => {
    const session = await rawSession(aliceKey);
    const response = await rawCall(
      { "x-api-key": aliceKey, "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" },
      {
        jsonrpc: "2.0",
        id: 3,
        method: "tools/call",
        params: { name: "add_task", arguments: { title: "x".repeat(2_000_000) } },
      },
    );
    expect(response.status).toBe(413);
  });
});

describe("credentials and origin", () => {
  it("answers 401 with WWW-Authenticate without credentials or with a bad key", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { "x-api-key": "dk_" + "x".repeat(32) },
      { authorization: "Bearer nope" },
    ];
    for (const headers of attempts) {
      const response = await rawCall(headers, INITIALIZE);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="docket"/);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    await expect(connectMcp(url, { "X-API-Key": "dk_wrong" })).rejects.toThrow();
  });

  it("refuses a foreign Origin with 403 and accepts listed and same-origin loopback pages", async () => {
    const refused = await rawCall(
      { "x-api-key": aliceKey, origin: "https://evil.example" },
      INITIALIZE,
    );
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });

    for (const origin of ["https://app.example.com", url.origin]) {
      const response = await rawCall({ "x-api-key": aliceKey, origin }, INITIALIZE);
      expect(response.status, origin).toBe(200);
    }
  });

  it("refuses a rebound Host on a loopback connection", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        {
          method: "POST",
          headers: { ...MCP_POST_HEADERS, host: "evil.example:80", "x-api-key": aliceKey },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify(INITIALIZE));
    });
    expect(status).toBe(403);
  });
});

describe("sessions and protocol versions", () => {
  it("answers 400 without Mcp-Session-Id and 404 for an unknown or foreign one", async () => {
    expect((await rawCall({ "x-api-key": aliceKey })).status).toBe(400);
    expect(
      (await rawCall({ "x-api-key": aliceKey, "mcp-session-id": "x".repeat(32) })).status,
    ).toBe(404);
    const aliceSession = await rawSession(aliceKey);
    expect((await rawCall({ "x-api-key": bobKey, "mcp-session-id": aliceSession })).status).toBe(
      404,
    );
    expect((await rawCall({ "x-api-key": aliceKey, "mcp-session-id": aliceSession })).status).toBe(
      200,
    );
  });

  it("answers 400 for an unsupported MCP-Protocol-Version", async () => {
    const session = await rawSession(aliceKey);
    const response = await rawCall({
      "x-api-key": aliceKey,
      "mcp-session-id": session,
      "mcp-protocol-version": "1999-01-01",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Unsupported protocol version");
  });

  it("ends a session on DELETE, after which it is unknown", async () => {
    const session = await rawSession(aliceKey);
    const headers = { "x-api-key": aliceKey, "mcp-session-id": session };
    expect((await fetch(url, { method: "DELETE", headers })).status).toBe(204);
    expect((await rawCall(headers)).status).toBe(404);
  });

  it("answers GET with 405: no server-initiated stream", async () => {
    const session = await rawSession(aliceKey);
    const response = await fetch(url, {
      headers: { "x-api-key": aliceKey, "mcp-session-id": session, accept: "text/event-stream" },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("DELETE, POST");
  });

  it("answers the methods /mcp does not serve with 405 and the same Allow", async () => {
    for (const method of ["PUT", "PATCH", "HEAD"]) {
      const response = await fetch(url, { method, headers: { "x-api-key": aliceKey } });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow"), method).toBe("DELETE, POST");
    }
  });
});

describe("health and metrics", () => {
  it("reports the tool count at /mcp/health and in /health/detailed", async () => {
    const health = await app.inject({ method: "GET", url: "/mcp/health" });
    const count = app.hasDecorator("knowledge") ? 7 : 6;
    expect(health.json()).toEqual({ status: "healthy", tools: count });
    const detailed = await app.inject({ method: "GET", url: "/health/detailed" });
    expect(detailed.json()).toMatchObject({
      dependencies: { mcp: { status: "healthy", tools: count } },
    });
  });

  it("counts tool calls by tool and outcome", async () => {
    await callTool(alice, "list_tasks", {});
    await callTool(alice, "complete_task", { task_id: "missing" });
    const metrics = await app.inject({ method: "GET", url: "/metrics" });
    expect(metrics.body).toMatch(
      /docket_mcp_tool_calls_total\{tool="list_tasks",outcome="success"\} \d+/,
    );
    expect(metrics.body).toMatch(
      /docket_mcp_tool_calls_total\{tool="complete_task",outcome="tool_error"\} \d+/,
    );
    expect(metrics.body).toContain(
      'docket_mcp_tool_call_duration_seconds_bucket{le="0.005",tool="list_tasks"',
    );
  });
});
