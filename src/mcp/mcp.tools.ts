import type { FastifyInstance } from "fastify";
import type { McpDependencies } from "./mcp.routes.js";
import { TASK_TOOL_NAMES, taskMcpTools } from "./tools/task.tools.js";

/**
 * The tool set every MCP surface (HTTP and stdio) exposes, bound per actor to the same services
 * the chat agent uses.
 */
export function docketMcpTools(app: FastifyInstance): McpDependencies {
  const log = app.log.child({ component: "mcp" });
  const onError = (error: unknown, tool: string) =>
    log.error({ err: error, tool }, "MCP tool failed");
  return {
    toolNames: TASK_TOOL_NAMES,
    tools: (actor) => taskMcpTools(app.tasks, actor, onError),
  };
}
