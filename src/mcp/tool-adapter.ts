import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { FastifyBaseLogger } from "fastify";
import { z } from "zod";
import { AppError } from "../errors.js";

/**
 * One MCP tool: a zod input schema whose descriptions are written for a model, a zod output
 * schema (sent as `outputSchema`, filled as `structuredContent`), and the service call.
 */
export interface McpToolDefinition<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
> {
  name: string;
  title: string;
  description: string;
  inputSchema: Input;
  outputSchema: Output;
  annotations?: ToolAnnotations;
  /** Runs the tool for the actor the definition was built for; throw `AppError` for failures. */
  execute(input: z.output<Input>): Promise<z.input<Output>>;
  /** One line for the model about what happened ("Created task …"). */
  summarize(output: z.output<Output>): string;
}

/** Builds a definition with its types checked, then erases them for a list. */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  definition: McpToolDefinition<Input, Output>,
): McpToolDefinition {
  return definition;
}

/** A tool failure as the model should read it: `isError: true` and a message it can act on. */
export function toolError(message: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text: message }] };
}

function describeFailure(error: unknown, tool: string, log: FastifyBaseLogger): string {
  if (error instanceof AppError && error.status < 500) {
    const fields = error.errors?.map((field) => `${field.path}: ${field.message}`) ?? [];
    return fields.length > 0 ? `${error.message} (${fields.join("; ")})` : error.message;
  }
  if (error instanceof z.ZodError) {
    return `Invalid arguments for ${tool}: ${error.issues
      .map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`)
      .join("; ")}`;
  }
  // Internals (SQL, stack traces) stay in the log; the model gets something it can act on.
  log.error({ err: error, tool }, "MCP tool failed");
  if (error instanceof AppError && error.status === 503) {
    return `${tool} could not run because a dependency is unavailable; try again in a moment.`;
  }
  return `${tool} failed because of an internal error in Docket; try again later.`;
}

/** Registers each definition on `server`, turning results and failures into MCP tool results. */
export function registerTools(
  server: McpServer,
  definitions: readonly McpToolDefinition[],
  log: FastifyBaseLogger,
): void {
  for (const definition of definitions) {
    server.registerTool(
      definition.name,
      {
        title: definition.title,
        description: definition.description,
        inputSchema: definition.inputSchema,
        outputSchema: definition.outputSchema,
        ...(definition.annotations ? { annotations: definition.annotations } : {}),
      },
      async (input: Record<string, unknown>): Promise<CallToolResult> => {
        try {
          const raw = await definition.execute(input);
          const output = definition.outputSchema.parse(raw);
          return {
            content: [
              { type: "text", text: definition.summarize(output) },
              { type: "text", text: JSON.stringify(output) },
            ],
            structuredContent: output,
          };
        } catch (error) {
          return toolError(describeFailure(error, definition.name, log));
        }
      },
    );
  }
}
