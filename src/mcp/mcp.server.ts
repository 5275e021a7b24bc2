import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import type { FastifyBaseLogger } from "fastify";
import { VERSION } from "../version.js";
import { registerTools, type McpToolDefinition } from "./tool-adapter.js";

const INSTRUCTIONS = [
  "Docket keeps the user's tasks and documents.",
  "Use list_tasks to find a task's id before update_task, complete_task, toggle_task_status or delete_task;",
  "due_at takes an ISO 8601 date-time with offset, or a date (YYYY-MM-DD) for an all-day task.",
  "search_knowledge answers from the user's own documents; cite the document titles it returns.",
].join(" ");

/** Builds McpServers for one actor's tools; an Ajv validator is shared instead of built per server. */
export type McpServerFactory = (tools: readonly McpToolDefinition[]) => McpServer;

/**
 * Returns a factory of Docket MCP servers. A server is cheap and bound to one actor's tools, so
 * the HTTP surface builds one per request and the stdio command one per process.
 */
export function createMcpServerFactory(log: FastifyBaseLogger): McpServerFactory {
  // Only elicitation uses the validator, which Docket does not; sharing it avoids building Ajv
  // on every request.
  const jsonSchemaValidator = new AjvJsonSchemaValidator();
  return (tools) => {
    const server = new McpServer(
      { name: "docket", title: "Docket", version: VERSION },
      { capabilities: { tools: {} }, instructions: INSTRUCTIONS, jsonSchemaValidator },
    );
    registerTools(server, tools, log);
    return server;
  };
}
