import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { pino } from "pino";
import { describe, expect, it, vi } from "vitest";
import { AppError } from "../../errors.js";
import type { Actor } from "../../modules/auth/actor.js";
import type { TaskDto } from "../../modules/tasks/task.schemas.js";
import type { TaskService } from "../../modules/tasks/task.service.js";
import { createMcpServerFactory } from "../mcp.server.js";
import { knowledgeMcpTools } from "./knowledge.tools.js";
import { taskMcpTools } from "./task.tools.js";

const actor: Actor = { userId: "u1", timezone: "UTC", via: "api_key" };

function task(id: string, overrides: Partial<TaskDto> = {}): TaskDto {
  return {
    id,
    title: `task ${id}`,
    description: null,
    completed: false,
    completed_at: null,
    priority: "none",
    due_at: null,
    due_all_day: false,
    recurrence: null,
    tags: [],
    created_at: "2030-01-01T00:00:00.000Z",
    updated_at: "2030-01-01T00:00:00.000Z",
    ...overrides,
  };
}

/** An in-memory task service: enough behaviour to check the MCP mapping, not the service. */
function fakeTasks(): TaskService {
  const rows = new Map<string, TaskDto>([["t1", task("t1")]]);
  const find = (id: string) => {
    const row = rows.get(id);
    if (!row) throw new AppError(404, "TASK_NOT_FOUND", `No task with id "${id}".`);
    return row;
  };
  const change = (id: string, fields: Partial<TaskDto>) => {
    const previous = find(id);
    const task = { ...previous, ...fields };
    rows.set(id, task);
    return { task, previous };
  };
  const service: TaskService = {
    create: async (_actor, input) => {
      const row = task(`t${String(rows.size + 1)}`, { title: input.title });
      rows.set(row.id, row);
      return row;
    },
    quickAdd: async () => {
      throw new AppError(503, "SERVICE_UNAVAILABLE");
    },
    list: async () => ({ tasks: [...rows.values()], next_cursor: null }),
    get: async (_actor, id) => find(id),
    update: async (actor, id, input) => (await service.updateWithPrevious(actor, id, input)).task,
    toggle: async (actor, id) => (await service.toggleWithPrevious(actor, id)).task,
    complete: async (actor, id) => (await service.completeWithPrevious(actor, id)).task,
    updateWithPrevious: async (_actor, id, input) => change(id, input),
    toggleWithPrevious: async (_actor, id) => change(id, { completed: !find(id).completed }),
    completeWithPrevious: async (_actor, id) => change(id, { completed: true }),
    remove: async (_actor, id) => {
      const row = find(id);
      rows.delete(id);
      return row;
    },
  };
  return service;
}

async function connect(tasks: TaskService, onError = vi.fn()) {
  const server = createMcpServerFactory(pino({ level: "silent" }))(
    taskMcpTools(tasks, actor, onError),
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "unit", version: "1.0.0" });
  await client.connect(clientSide);
  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { client, call, onError };
}

describe("task tool group over an in-memory transport", () => {
  it("returns structured content matching the output schema, and the same JSON as text", async () => {
    const { call, client } = await connect(fakeTasks());
    const result = await call("toggle_task_status", { task_id: "t1" });
    expect(result.structuredContent).toMatchObject({
      task: { id: "t1", completed: true },
      previous: { completed: false },
    });
    const json = result.content.find(
      (block) => block.type === "text" && block.text.startsWith("{"),
    );
    expect(json?.type === "text" && JSON.parse(json.text)).toEqual(result.structuredContent);
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === "delete_task")?.annotations?.destructiveHint).toBe(true);
  });

  it("summarises a list in text for models that ignore structured content", async () => {
    const { call } = await connect(fakeTasks());
    await call("add_task", { title: "Water plants" });
    const result = await call("list_tasks", {});
    expect(result.content[0]).toMatchObject({
      type: "text",
      text: expect.stringContaining("2 tasks"),
    });
    expect(result.content[0]).toMatchObject({ text: expect.stringContaining('"Water plants"') });
  });

  it("turns a not-found into an isError result with the service's message and code", async () => {
    const { call } = await connect(fakeTasks());
    const result = await call("delete_task", { task_id: "nope" });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: "text", text: 'No task with id "nope". (TASK_NOT_FOUND)' }],
    });
  });

  it("hides internal failures behind a generic message and reports them", async () => {
    const tasks = fakeTasks();
    tasks.list = async () => {
      throw new Error('relation "tasks" does not exist at /srv/docket/task.repository.ts:42');
    };
    const { call, onError } = await connect(tasks);
    const result = await call("list_tasks", {});
    expect(result.isError).toBe(true);
    const text = result.content.map((b) => (b.type === "text" ? b.text : "")).join();
    expect(text).not.toMatch(/relation|repository|\.ts/);
    expect(text).toMatch(/try again/i);
    expect(onError).toHaveBeenCalledWith(expect.any(Error), "list_tasks");
  });
});

describe("search_knowledge over an in-memory transport", () => {
  it("returns numbered passages fenced as document data, and text citing titles", async () => {
    const searcher = {
      search: vi.fn(async () => [
        {
          document_id: "d1",
          document_title: "Handbook",
          chunk_id: "c1",
          text: "Leave is 25 days.",
          score: 3.2,
        },
      ]),
    };
    const server = createMcpServerFactory(pino({ level: "silent" }))(
      knowledgeMcpTools(searcher, actor, vi.fn()),
    );
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: "unit", version: "1.0.0" });
    await client.connect(clientSide);
    const result = (await client.callTool({
      name: "search_knowledge",
      arguments: { query: "leave" },
    })) as CallToolResult;
    expect(searcher.search).toHaveBeenCalledWith(actor, { query: "leave", limit: 5 });
    expect(result.structuredContent).toMatchObject({
      results: [{ n: 1, title: "Handbook", snippet: expect.stringContaining("<<<DOCUMENT") }],
    });
    expect(result.content[0]).toMatchObject({ text: "1 passage: [1] Handbook" });
    const empty = (await client.callTool({
      name: "search_knowledge",
      arguments: { query: "" },
    })) as CallToolResult;
    expect(empty.isError).toBe(true);
  });
});
