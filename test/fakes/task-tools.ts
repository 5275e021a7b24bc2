import { tool, type ToolSet } from "ai";
import { z } from "zod";
import { fenced } from "../../src/ai/tools/knowledge-tools.js";

/** A task as the tools return it (API.md's Task). */
export interface FakeTask {
  id: string;
  title: string;
  description: string | null;
  completed: boolean;
  completed_at: string | null;
  priority: "none" | "low" | "medium" | "high";
  due_at: string | null;
  due_all_day: boolean;
  recurrence: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
}

const priority = z.enum(["none", "low", "medium", "high"]);

/**
 * An in-memory task store behind the chat agent's tool contract (names, inputs, result shapes),
 * so the offline model can be replayed end to end without a database.
 */
export class FakeTaskStore {
  readonly tasks: FakeTask[] = [];
  /** Every tool call, in order, for assertions. */
  readonly calls: { tool: string; input: unknown }[] = [];
  private nextId = 1;

  constructor(private readonly now: Date) {}

  /** Adds a task directly (test setup). */
  seed(fields: Partial<FakeTask> & { title: string }): FakeTask {
    const stamp = this.now.toISOString();
    const task: FakeTask = {
      id: `t${this.nextId++}`,
      description: null,
      completed: false,
      completed_at: null,
      priority: "none",
      due_at: null,
      due_all_day: false,
      recurrence: null,
      tags: [],
      created_at: stamp,
      updated_at: stamp,
      ...fields,
    };
    if (task.completed && !task.completed_at) task.completed_at = stamp;
    this.tasks.push(task);
    return task;
  }

  private find(id: string): FakeTask | undefined {
    return this.tasks.find((task) => task.id === id);
  }

  private notFound() {
    return { error: "TASK_NOT_FOUND", message: "No task with that id." };
  }

  /** The tool set, optionally with a knowledge search returning `passages`. */
  tools(passages?: { title: string; snippet: string }[]): ToolSet {
    const log = (name: string, input: unknown) => this.calls.push({ tool: name, input });
    const set: ToolSet = {
      add_task: tool({
        description: "Create a task.",
        inputSchema: z.object({
          title: z.string().min(1).max(500),
          description: z.string().max(10_000).optional(),
          priority: priority.optional(),
          due_at: z.string().optional(),
          due_all_day: z.boolean().optional(),
          tags: z.array(z.string()).max(20).optional(),
          recurrence: z.string().optional(),
        }),
        execute: async (input) => {
          log("add_task", input);
          return { task: { ...this.seed({ ...input, description: input.description ?? null }) } };
        },
      }),
      list_tasks: tool({
        description: "List tasks.",
        inputSchema: z.object({
          status: z.enum(["pending", "completed", "all"]).optional(),
          q: z.string().optional(),
          tag: z.string().optional(),
          priority: priority.optional(),
          due_before: z.string().optional(),
          due_after: z.string().optional(),
          limit: z.number().int().min(1).max(200).optional(),
        }),
        execute: async (input) => {
          log("list_tasks", input);
          const status = input.status ?? "pending";
          const tasks = this.tasks
            .filter((t) => status === "all" || t.completed === (status === "completed"))
            .filter((t) => !input.q || t.title.toLowerCase().includes(input.q.toLowerCase()))
            .filter(
              (t) =>
                !input.tag || t.tags.some((tag) => tag.toLowerCase() === input.tag?.toLowerCase()),
            )
            .filter((t) => !input.priority || t.priority === input.priority)
            .filter((t) => !input.due_before || (t.due_at !== null && t.due_at < input.due_before))
            .filter((t) => !input.due_after || (t.due_at !== null && t.due_at > input.due_after))
            .slice(0, input.limit ?? 50)
            .map((t) => ({ ...t }));
          return { tasks, count: tasks.length };
        },
      }),
      update_task: tool({
        description: "Change a task.",
        inputSchema: z.object({
          task_id: z.string(),
          title: z.string().min(1).optional(),
          description: z.string().optional(),
          priority: priority.optional(),
          due_at: z.string().nullable().optional(),
          due_all_day: z.boolean().optional(),
          tags: z.array(z.string()).optional(),
          recurrence: z.string().nullable().optional(),
          completed: z.boolean().optional(),
        }),
        execute: async ({ task_id, ...changes }) => {
          log("update_task", { task_id, ...changes });
          const task = this.find(task_id);
          if (!task) return this.notFound();
          const previous = { ...task };
          Object.assign(
            task,
            Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
          );
          if (changes.completed !== undefined) {
            task.completed_at = changes.completed ? this.now.toISOString() : null;
          }
          return { task: { ...task }, previous };
        },
      }),
      complete_task: tool({
        description: "Complete a task.",
        inputSchema: z.object({ task_id: z.string() }),
        execute: async ({ task_id }) => {
          log("complete_task", { task_id });
          const task = this.find(task_id);
          if (!task) return this.notFound();
          const previous = { ...task };
          task.completed = true;
          task.completed_at = this.now.toISOString();
          return { task: { ...task }, previous };
        },
      }),
      delete_task: tool({
        description: "Delete a task.",
        inputSchema: z.object({ task_id: z.string() }),
        execute: async ({ task_id }) => {
          log("delete_task", { task_id });
          const index = this.tasks.findIndex((task) => task.id === task_id);
          const task = this.tasks[index];
          if (!task) return this.notFound();
          this.tasks.splice(index, 1);
          return { deleted: true, task };
        },
      }),
    };
    if (passages) {
      set.search_knowledge = tool({
        description: "Search the user's documents.",
        inputSchema: z.object({ query: z.string(), limit: z.number().optional() }),
        execute: async ({ query }) => {
          log("search_knowledge", { query });
          const words = query
            .toLowerCase()
            .split(/\W+/)
            .filter((w) => w.length > 3);
          const results = passages
            .filter((p) => words.some((w) => p.snippet.toLowerCase().includes(w)))
            .map((p, i) => ({
              n: i + 1,
              document_id: `d${i}`,
              title: p.title,
              chunk_id: `c${i}`,
              snippet: fenced(p.snippet), // as the real tool gives it to a model
              score: 1,
            }));
          return { results };
        },
      });
    }
    return set;
  }
}
