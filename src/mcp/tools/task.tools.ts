import { z } from "zod";
import {
  taskIdInput,
  taskToolDefinitions,
  taskToolService,
  type ToolTask,
} from "../../ai/tools/task-tools.js";
import { defineTool } from "../../ai/tools/tool-definition.js";
import type { Actor } from "../../modules/auth/actor.js";
import type { TaskService } from "../../modules/tasks/task.service.js";
import { taskDtoSchema } from "../../modules/tasks/task.schemas.js";
import type { McpToolDefinition, McpToolSpec } from "../tool-adapter.js";

const taskAndPrevious = z.object({
  task: taskDtoSchema.describe("The task after the change."),
  previous: taskDtoSchema.describe("The task before the change."),
});

function label(task: ToolTask): string {
  const due = task.due_at ? `, due ${task.due_at}` : "";
  return `"${task.title}" (id ${task.id}${due})`;
}

const MAX_LISTED = 20;

/** The MCP side of each task tool: output schema, hints for clients, a one-line summary. */
const TASK_SPECS: Record<string, McpToolSpec> = {
  add_task: spec({
    title: "Add a task",
    outputSchema: z.object({ task: taskDtoSchema }),
    annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    summarize: ({ task }) => `Created task ${label(task)}.`,
  }),
  list_tasks: spec({
    title: "List tasks",
    outputSchema: z.object({ tasks: z.array(taskDtoSchema), count: z.number().int() }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    summarize: ({ tasks, count }) =>
      count === 0
        ? "No tasks match."
        : [
            `${String(count)} task${count === 1 ? "" : "s"}:`,
            ...tasks
              .slice(0, MAX_LISTED)
              .map((task) => `- [${task.completed ? "x" : " "}] ${label(task)}`),
            ...(count > MAX_LISTED ? [`… and ${String(count - MAX_LISTED)} more (see JSON)`] : []),
          ].join("\n"),
  }),
  update_task: spec({
    title: "Update a task",
    outputSchema: taskAndPrevious,
    annotations: {
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: false,
    },
    summarize: ({ task }) => `Updated task ${label(task)}.`,
  }),
  complete_task: spec({
    title: "Complete a task",
    outputSchema: taskAndPrevious,
    annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    summarize: ({ task }) =>
      task.completed
        ? `Completed task ${label(task)}.`
        : `Task ${label(task)} repeats; it moved to its next occurrence and stays open.`,
  }),
  toggle_task_status: spec({
    title: "Toggle a task between open and completed",
    outputSchema: taskAndPrevious,
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
    summarize: ({ task }) => `Task ${label(task)} is now ${task.completed ? "completed" : "open"}.`,
  }),
  delete_task: spec({
    title: "Delete a task",
    outputSchema: z.object({ deleted: z.literal(true), task: taskDtoSchema }),
    annotations: {
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: false,
    },
    summarize: ({ task }) => `Deleted task ${label(task)}.`,
  }),
};

/** Checks a spec against its own output schema, then erases the type for the table. */
function spec<Output extends z.ZodObject>(value: McpToolSpec<Output>): McpToolSpec {
  return value;
}

/** The task tools names, in the order clients list them. */
export const TASK_TOOL_NAMES = Object.keys(TASK_SPECS);

/**
 * The MCP task tools for one actor: the chat agent's definitions (same descriptions, schemas and
 * results) plus `toggle_task_status`, which only MCP offers.
 */
export function taskMcpTools(
  tasks: TaskService,
  actor: Actor,
  onError: (error: unknown, tool: string) => void,
): McpToolDefinition[] {
  const shared = taskToolDefinitions({ tasks: taskToolService(tasks), onError }, actor);
  const toggle = defineTool({
    name: "toggle_task_status",
    description:
      "Flip one task between open and completed: completes an open task, reopens a completed one. Prefer complete_task when the user says they finished it. Returns {task, previous}.",
    inputSchema: taskIdInput,
    onError: (error) => onError(error, "toggle_task_status"),
    run: async ({ task_id }) => tasks.toggleWithPrevious(actor, task_id),
  });
  return [...shared, toggle].flatMap((definition) => {
    const toolSpec = TASK_SPECS[definition.name];
    return toolSpec ? [{ definition, spec: toolSpec }] : [];
  });
}
