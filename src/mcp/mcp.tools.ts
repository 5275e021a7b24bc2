import type { FastifyInstance } from "fastify";
import type { McpDependencies } from "./mcp.routes.js";
import { knowledgeMcpTools, type KnowledgeSearcher } from "./tools/knowledge.tools.js";
import { TASK_TOOL_NAMES, taskMcpTools } from "./tools/task.tools.js";

/**
 * The tool set every MCP surface (HTTP and stdio) exposes, bound per actor to the same services
 * the chat agent uses. `search_knowledge` is offered when the knowledge module is registered
 * (`app.knowledge`, before MCP in app.ts).
 */
export function docketMcpTools(app: FastifyInstance): McpDependencies {
  const log = app.log.child({ component: "mcp" });
  const onError = (error: unknown, tool: string) =>
    log.error({ err: error, tool }, "MCP tool failed");
  const knowledge = app.hasDecorator("knowledge")
    ? (app as unknown as { knowledge: KnowledgeSearcher }).knowledge
    : undefined;
  return {
    toolNames: [...TASK_TOOL_NAMES, ...(knowledge ? ["search_knowledge"] : [])],
    tools: (actor) => [
      ...taskMcpTools(app.tasks, actor, onError),
      ...(knowledge ? knowledgeMcpTools(knowledge, actor, onError) : []),
    ],
  };
}
