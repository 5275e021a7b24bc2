import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { FastifyBaseLogger } from "fastify";
import type { z } from "zod";
import {
  isToolFailure,
  type ToolDefinition,
  type ToolResult,
} from "../ai/tools/tool-definition.js";

/** What MCP adds to a surface-neutral tool: a title, an output schema, hints and a summary. */
export interface McpToolSpec<Output extends z.ZodObject = z.ZodObject> {
  title: string;
  /** Sent as `outputSchema`; a successful result must match it and is sent as `structuredContent`. */
  outputSchema: Output;
  annotations: ToolAnnotations;
  /** One line for the model about what happened ("Created task …"), beside the JSON. */
  summarize(output: z.output<Output>): string;
}

/** A surface-neutral tool definition with its MCP specifics. */
export interface McpToolDefinition {
  definition: ToolDefinition;
  spec: McpToolSpec;
}

/** A tool failure as the model should read it: `isError: true` and a message it can act on. */
export function toolError(message: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text: message }] };
}

const INTERNAL = "failed because of an internal error in Docket; try again later.";

/** Turns a tool result into an MCP result: failures → `isError`, success → text + structured. */
export function toCallToolResult(
  tool: McpToolDefinition,
  result: ToolResult,
  log: FastifyBaseLogger,
): CallToolResult {
  if (isToolFailure(result)) return toolError(`${result.message} (${result.error})`);
  const output = tool.spec.outputSchema.safeParse(result);
  if (!output.success) {
    // A mismatch is our bug, not the caller's: log it, tell the model nothing internal.
    log.error({ tool: tool.definition.name, issues: output.error.issues }, "MCP output mismatch");
    return toolError(`${tool.definition.name} ${INTERNAL}`);
  }
  const structured = output.data;
  return {
    content: [
      { type: "text", text: tool.spec.summarize(structured) },
      { type: "text", text: JSON.stringify(structured) },
    ],
    structuredContent: structured,
  };
}

/** Registers each tool on `server`; the SDK validates arguments against the zod input schema. */
export function registerTools(
  server: McpServer,
  tools: readonly McpToolDefinition[],
  log: FastifyBaseLogger,
): void {
  for (const tool of tools) {
    const { definition, spec } = tool;
    server.registerTool(
      definition.name,
      {
        title: spec.title,
        description: definition.description,
        inputSchema: definition.inputSchema,
        outputSchema: spec.outputSchema,
        annotations: spec.annotations,
      },
      async (input: Record<string, unknown>): Promise<CallToolResult> => {
        try {
          return toCallToolResult(tool, await definition.execute(input), log);
        } catch (error) {
          // Definitions never throw by contract; if one does, no internals reach the model.
          log.error({ err: error, tool: definition.name }, "MCP tool threw");
          return toolError(`${definition.name} ${INTERNAL}`);
        }
      },
    );
  }
}
