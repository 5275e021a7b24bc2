import type { FastifyInstance } from "fastify";
import type { McpDependencies } from "./mcp.routes.js";

/**
 * The tool set every MCP surface (HTTP and stdio) exposes, bound per actor to the same services
 * the chat agent uses.
 */
export function docketMcpTools(_app: FastifyInstance): McpDependencies {
  return { toolNames: [], tools: () => [] };
}
